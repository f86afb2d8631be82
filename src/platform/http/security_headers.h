// The headers every response carries (one place, applied by the server to every response).
#pragma once

#include "platform/http/request.h"

namespace stepwise::http {

// `api`: the response of an API route (never cached). `tls`: the connection is HTTPS (adds HSTS).
void ApplySecurityHeaders(Response& response, bool api, bool tls);

}  // namespace stepwise::http
