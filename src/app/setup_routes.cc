// First run: with no user yet, the web app creates the organization (if none) and the first
// administrator in one step, then signs them in (they enrol MFA next).
#include "app/composition.h"
#include "platform/http/json.h"
#include "platform/security/identity_routes.h"

namespace stepwise::app {

namespace json = boost::json;
using http::Method;
using http::Need;
using http::ObjectReader;
using http::Request;
using http::Response;

void AddSetupRoutes(http::Router& router, Services& services) {
  router.Add(Method::kGet, "/api/v1/setup", "public", [&services](Request&) -> Result<Response> {
    SW_ASSIGN(bool has_users, services.identity.HasUsers());
    SW_ASSIGN(auto orgs, services.programs.ListOrganizations());
    return http::JsonResponse(200,
                              json::object{{"needs_first_user", !has_users}, {"needs_organization", orgs.empty()}});
  });
  router.Add(Method::kPost, "/api/v1/setup", "public", [&services](Request& req) -> Result<Response> {
    SW_ASSIGN(bool has_users, services.identity.HasUsers());
    if (has_users) return Error::Conflict("Stepwise is already set up; sign in instead");
    SW_ASSIGN(auto body, http::ParseObject(req));
    std::optional<program::Organization> org;
    security::NewUser user;
    SW_TRY(http::ReadBody(body, [&](ObjectReader& r) {
      r.Object("organization", Need::kOptional, [&](ObjectReader& o) {
        org.emplace();
        org->name = o.String("name", Need::kRequired, 200).value_or("");
        org->time_zone = o.String("time_zone", Need::kRequired, 64).value_or("");
      });
      r.Object("user", Need::kRequired, [&](ObjectReader& u) {
        user.username = u.String("username", Need::kRequired, 64).value_or("");
        user.display_name = u.String("display_name", Need::kRequired, 200).value_or("");
        user.password = u.String("password", Need::kRequired, 1024).value_or("");
      });
    }));
    SW_ASSIGN(auto orgs, services.programs.ListOrganizations());
    std::string org_id;
    if (orgs.empty()) {
      if (!org) return Error::Field("organization", "is required: there is no organization yet");
      Actor system;
      system.user_id = "system:first-run";
      system.source_address = req.remote_address;
      system.request_id = req.request_id;
      SW_ASSIGN(auto created, services.programs.AddOrganization(system, *org));
      org_id = created.meta.id;
    } else {
      org_id = orgs.front().meta.id;
    }
    SW_ASSIGN(auto signed_in, services.identity.CreateFirstUser(org_id, std::move(user), security::CallerOf(req)));
    Response res = security::SignInResponse(signed_in);
    res.status = 201;
    return res;
  });
}

}  // namespace stepwise::app
