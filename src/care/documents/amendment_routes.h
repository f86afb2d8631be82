// HTTP for amendment requests (docs/api.md "Amendment requests").
#pragma once

#include "care/documents/amendment_service.h"
#include "platform/http/router.h"

namespace stepwise::documents {

void AddAmendmentRoutes(http::Router& router, AmendmentService& svc);

}  // namespace stepwise::documents
