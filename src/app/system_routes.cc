// Health, readiness and reference data.
#include "app/composition.h"
#include "care/admissions/client_model.h"
#include "care/program/program_model.h"
#include "care/scheduling/calendar_model.h"
#include "platform/http/json.h"

namespace stepwise::app {

namespace json = boost::json;
using http::Method;
using http::Request;
using http::Response;

namespace {

json::array CodeList(const std::vector<program::CodeLabel>& set) {
  json::array out;
  for (const auto& c : set) out.emplace_back(json::object{{"code", c.code}, {"label", c.label}});
  return out;
}

}  // namespace

void AddSystemRoutes(http::Router& router, db::Database& db) {
  router.Add(Method::kGet, "/healthz", "public",
             [](Request&) -> Result<Response> { return Response::Json(200, R"({"status":"ok"})"); });
  router.Add(Method::kGet, "/readyz", "public", [&db](Request&) -> Result<Response> {
    auto ping = db.Ping();
    if (!ping.ok()) return Error::Unavailable("the database does not answer");
    return Response::Json(200, R"({"status":"ready"})");
  });
  router.Add(Method::kGet, "/api/v1/meta", "public", [](Request&) -> Result<Response> {
    return http::JsonResponse(200, json::object{{"version", STEPWISE_VERSION},
                                                {"roles", CodeList(program::StaffRoles())},
                                                {"credential_types", CodeList(program::CredentialTypes())},
                                                {"care_stages", CodeList(admissions::CareStages())},
                                                {"levels_of_care", CodeList(program::LevelsOfCare())},
                                                {"sex_at_birth", CodeList(admissions::SexAtBirth())},
                                                {"weekdays", CodeList(program::Weekdays())},
                                                {"group_types", CodeList(scheduling::GroupTypes())}});
  });
}

}  // namespace stepwise::app
