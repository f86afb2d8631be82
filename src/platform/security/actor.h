// Actor: who is acting, for which organization. Every service call carries one, so record-level access
// and organization scoping are checked inside the service, never left to a handler.
#pragma once

#include <string>

namespace stepwise {

struct Actor {
  std::string org_id;      // the organization whose data the actor may touch ("" before set-up)
  std::string user_id;     // the signed-in user; "local-operator" until sign-in lands (issue 3)
  std::string role;        // the acting role code
  std::string request_id;  // for correlating audit events and logs
};

}  // namespace stepwise
