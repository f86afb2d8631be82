// The headers every response carries (one place, applied by the server to every response).
#pragma once

#include <string>
#include <string_view>

#include "platform/http/request.h"

namespace stepwise::http {

// `api`: the response of an API route (never cached). `tls`: the connection is HTTPS (adds HSTS).
// Keeps a Content-Security-Policy the response already has (the web app's page sets one with a nonce).
void ApplySecurityHeaders(Response& response, bool api, bool tls);

// The strict policy: no inline script or style, nothing from other origins, no framing. With a nonce,
// <style> elements carrying it are allowed too.
std::string ContentSecurityPolicy(std::string_view style_nonce);

}  // namespace stepwise::http
