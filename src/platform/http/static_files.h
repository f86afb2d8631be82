// Serving the built web app: files under a root folder, with the single-page-app fallback to
// index.html for paths that are not files. Never serves anything outside the root.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "platform/http/request.h"

namespace stepwise::http {

class StaticFiles {
 public:
  explicit StaticFiles(std::string root);  // "" disables static serving
  bool enabled() const { return !root_.empty(); }
  // The file for `path`, index.html for an unknown path without a file extension, or nullopt (404).
  std::optional<Response> Serve(std::string_view path) const;

 private:
  std::optional<Response> Read(const std::string& full, std::string_view path) const;
  std::string root_;
};

std::string_view ContentTypeFor(std::string_view path);

}  // namespace stepwise::http
