#include "platform/http/static_files.h"

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "platform/http/security_headers.h"

namespace stepwise::http {

namespace fs = std::filesystem;

namespace {
std::string fmt_hex(unsigned value) {
  static const char* kHex = "0123456789abcdef";
  std::string out(8, '0');
  for (int i = 7; i >= 0; --i, value >>= 4) out[static_cast<std::size_t>(i)] = kHex[value & 15];
  return out;
}
}  // namespace

StaticFiles::StaticFiles(std::string root) {
  if (root.empty()) return;
  std::error_code ec;
  auto canonical = fs::weakly_canonical(root, ec);
  root_ = ec ? root : canonical.string();
}

std::string_view ContentTypeFor(std::string_view p) {
  auto ends = [&](std::string_view s) { return p.ends_with(s); };
  if (ends(".html")) return "text/html; charset=utf-8";
  if (ends(".js") || ends(".mjs")) return "text/javascript; charset=utf-8";
  if (ends(".css")) return "text/css; charset=utf-8";
  if (ends(".json") || ends(".map")) return "application/json";
  if (ends(".svg")) return "image/svg+xml";
  if (ends(".png")) return "image/png";
  if (ends(".ico")) return "image/x-icon";
  if (ends(".woff2")) return "font/woff2";
  if (ends(".woff")) return "font/woff";
  if (ends(".txt")) return "text/plain; charset=utf-8";
  if (ends(".webmanifest")) return "application/manifest+json";
  return "application/octet-stream";
}

std::optional<Response> StaticFiles::Read(const std::string& full, std::string_view path) const {
  std::ifstream in(full, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream ss;
  ss << in.rdbuf();
  Response r;
  r.status = 200;
  r.content_type = std::string(ContentTypeFor(full));
  r.body = ss.str();
  if (r.content_type.starts_with("text/html")) {
    // A fresh nonce per page for the <style> elements the web app inserts (see ContentSecurityPolicy).
    static constexpr std::string_view kPlaceholder = "__CSP_NONCE__";
    std::random_device random;
    std::string nonce;
    for (int i = 0; i < 4; ++i) nonce += fmt_hex(random());
    for (auto at = r.body.find(kPlaceholder); at != std::string::npos; at = r.body.find(kPlaceholder, at)) {
      r.body.replace(at, kPlaceholder.size(), nonce);
    }
    r.SetHeader("Content-Security-Policy", ContentSecurityPolicy(nonce));
  }
  // Vite puts content-hashed files under /assets/: cache them for a year; everything else revalidates.
  r.SetHeader("Cache-Control", path.starts_with("/assets/") ? "public, max-age=31536000, immutable" : "no-cache");
  return r;
}

std::optional<Response> StaticFiles::Serve(std::string_view path) const {
  if (root_.empty()) return std::nullopt;
  if (path.find("..") != std::string_view::npos || path.find('\0') != std::string_view::npos) return std::nullopt;
  std::string rel(path);
  while (!rel.empty() && rel.front() == '/') rel.erase(rel.begin());
  if (rel.empty()) rel = "index.html";
  std::error_code ec;
  fs::path full = fs::weakly_canonical(fs::path(root_) / rel, ec);
  if (!ec && full.string().starts_with(root_ + "/") && fs::is_regular_file(full, ec)) {
    return Read(full.string(), path);
  }
  // SPA fallback: client-side routes have no file extension in their last segment.
  auto last = path.substr(path.rfind('/') + 1);
  if (last.find('.') != std::string_view::npos) return std::nullopt;
  return Read(root_ + "/index.html", "/index.html");
}

}  // namespace stepwise::http
