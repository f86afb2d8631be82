#include "platform/http/security_headers.h"

namespace stepwise::http {

void ApplySecurityHeaders(Response& r, bool api, bool tls) {
  // Mantine writes CSS custom properties in style attributes, hence 'unsafe-inline' for styles only.
  r.SetHeader("Content-Security-Policy",
              "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
              "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
              "frame-ancestors 'none'");
  r.SetHeader("X-Content-Type-Options", "nosniff");
  r.SetHeader("Referrer-Policy", "no-referrer");
  r.SetHeader("X-Frame-Options", "DENY");
  r.SetHeader("Cross-Origin-Opener-Policy", "same-origin");
  r.SetHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
  if (api) r.SetHeader("Cache-Control", "no-store");
  if (tls) r.SetHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
}

}  // namespace stepwise::http
