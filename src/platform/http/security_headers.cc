#include "platform/http/security_headers.h"

namespace stepwise::http {

std::string ContentSecurityPolicy(std::string_view style_nonce) {
  // No inline scripts or styles. The web app's component library (Mantine) inserts <style> elements at
  // run time; the page passes them the per-response nonce (index.html's csp-nonce meta). Styles React
  // sets through the CSSOM are not inline markup and need no allowance.
  std::string style = "style-src 'self'";
  if (!style_nonce.empty()) style += " 'nonce-" + std::string(style_nonce) + "'";
  return "default-src 'self'; script-src 'self'; " + style +
         "; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
         "form-action 'self'; frame-ancestors 'none'";
}

void ApplySecurityHeaders(Response& r, bool api, bool tls) {
  bool has_csp = false;
  for (const auto& [name, value] : r.headers) has_csp = has_csp || name == "Content-Security-Policy";
  if (!has_csp) r.SetHeader("Content-Security-Policy", ContentSecurityPolicy(""));
  r.SetHeader("X-Content-Type-Options", "nosniff");
  r.SetHeader("Referrer-Policy", "no-referrer");
  r.SetHeader("X-Frame-Options", "DENY");
  r.SetHeader("Cross-Origin-Opener-Policy", "same-origin");
  r.SetHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
  if (api) r.SetHeader("Cache-Control", "no-store");
  if (tls) r.SetHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
}

}  // namespace stepwise::http
