// Session records and notes over HTTP (docs/api.md "Sessions and notes").
#pragma once

#include "care/sessions/session_service.h"
#include "platform/http/router.h"

namespace stepwise::sessions {

void AddSessionRoutes(http::Router& router, SessionService& sessions);

}  // namespace stepwise::sessions
