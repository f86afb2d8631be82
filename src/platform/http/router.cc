#include "platform/http/router.h"

#include <exception>

#include "platform/base/log.h"

namespace stepwise::http {

void Router::Add(Route route) {
  Compiled c{route, {}};
  for (auto s : Split(route.pattern)) c.segments.emplace_back(s);
  routes_.push_back(route);
  compiled_.push_back(std::move(c));
}

std::vector<std::string_view> Router::Split(std::string_view path) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < path.size()) {
    if (path[i] == '/') {
      ++i;
      continue;
    }
    std::size_t j = path.find('/', i);
    if (j == std::string_view::npos) j = path.size();
    out.push_back(path.substr(i, j - i));
    i = j;
  }
  return out;
}

bool Router::Match(const Compiled& c, const std::vector<std::string_view>& segs,
                   std::map<std::string, std::string>* params) {
  if (c.segments.size() != segs.size()) return false;
  for (std::size_t i = 0; i < segs.size(); ++i) {
    const std::string& p = c.segments[i];
    if (p.size() > 2 && p.front() == '{' && p.back() == '}') {
      if (params) (*params)[p.substr(1, p.size() - 2)] = std::string(segs[i]);
    } else if (p != segs[i]) {
      return false;
    }
  }
  return true;
}

bool Router::Handles(std::string_view path) const {
  auto segs = Split(path);
  for (const auto& c : compiled_) {
    if (Match(c, segs, nullptr)) return true;
  }
  return false;
}

Response Router::Dispatch(Request& request) const {
  auto segs = Split(request.path);
  const Compiled* found = nullptr;
  bool path_known = false;
  Method method = request.method == Method::kHead ? Method::kGet : request.method;
  for (const auto& c : compiled_) {
    std::map<std::string, std::string> params;
    if (!Match(c, segs, &params)) continue;
    path_known = true;
    if (c.route.method == method) {
      found = &c;
      request.params = std::move(params);
      break;
    }
  }
  if (!found) {
    request.route = path_known ? "(method not allowed)" : "(no route)";
    if (path_known) {
      return ErrorResponse(
          {ErrorCode::kMethodNotAllowed, "this path does not accept " + std::string(MethodName(request.method)), {}},
          request.request_id);
    }
    return ErrorResponse(Error::NotFound("no such endpoint"), request.request_id);
  }
  request.route = found->route.pattern;
  try {
    if (authenticate_) {
      auto actor = authenticate_(request, found->route);
      if (!actor.ok()) return ErrorResponse(actor.error(), request.request_id);
      request.actor = std::move(actor).value();
    }
    request.actor.request_id = request.request_id;
    if (authorize_) {
      auto allowed = authorize_(request.actor, found->route);
      if (!allowed.ok()) return ErrorResponse(allowed.error(), request.request_id);
    }
    auto result = found->route.handler(request);
    if (!result.ok()) return ErrorResponse(result.error(), request.request_id);
    return std::move(result).value();
  } catch (const std::exception& e) {
    log::Error("handler_exception", {{"request_id", request.request_id}, {"route", request.route}, {"what", e.what()}});
  } catch (...) {
    log::Error("handler_exception", {{"request_id", request.request_id}, {"route", request.route}});
  }
  return ErrorResponse(Error::Internal("exception in handler"), request.request_id);
}

}  // namespace stepwise::http
