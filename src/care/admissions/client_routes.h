// HTTP routes for clients and episodes of care.
#pragma once

#include "care/admissions/client_service.h"
#include "platform/http/router.h"

namespace stepwise::admissions {

void AddClientRoutes(http::Router& router, ClientService& service);

}  // namespace stepwise::admissions
