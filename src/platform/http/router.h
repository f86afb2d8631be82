// The route table: one row per endpoint (method, path pattern, permission, handler), and the one
// dispatcher that matches a request, resolves the actor, checks the permission, times the call and
// holds the only catch-all for exceptions.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "platform/http/request.h"

namespace stepwise::http {

using Handler = std::function<Result<Response>(Request&)>;

struct Route {
  Method method;
  std::string pattern;     // "/api/v1/clients/{id}"; {name} matches one non-empty segment
  std::string permission;  // e.g. "clients.read"; checked by the Authorizer before the handler runs
  Handler handler;
};

// Resolves who is calling for `route` (session cookie, API token, or nobody on a public route).
using Authenticator = std::function<Result<Actor>(const Request&, const Route&)>;
// Decides whether `actor` may use `route` (its permission).
using Authorizer = std::function<Status(const Actor&, const Route&)>;

class Router {
 public:
  void Add(Route route);
  void Add(Method m, std::string pattern, std::string permission, Handler h) {
    Add(Route{m, std::move(pattern), std::move(permission), std::move(h)});
  }
  void SetAuthenticator(Authenticator a) { authenticate_ = std::move(a); }
  void SetAuthorizer(Authorizer a) { authorize_ = std::move(a); }

  // True when some route's pattern matches `path` (used to keep unknown /api paths out of the SPA).
  bool Handles(std::string_view path) const;

  // Dispatches; never throws. Unknown paths 404, known paths with another method 405.
  Response Dispatch(Request& request) const;

  const std::vector<Route>& routes() const { return routes_; }

 private:
  struct Compiled {
    Route route;
    std::vector<std::string> segments;  // "{id}" marks a parameter
  };
  static std::vector<std::string_view> Split(std::string_view path);
  static bool Match(const Compiled& c, const std::vector<std::string_view>& segs,
                    std::map<std::string, std::string>* params);

  std::vector<Route> routes_;
  std::vector<Compiled> compiled_;
  Authenticator authenticate_;
  Authorizer authorize_;
};

}  // namespace stepwise::http
