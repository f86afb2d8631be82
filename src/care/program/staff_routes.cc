#include <algorithm>

#include "care/program/program_routes.h"
#include "platform/base/uuid.h"
#include "platform/http/json.h"

namespace stepwise::program {

using http::Method;
using http::Need;
using http::ObjectReader;
using http::Request;
using http::Response;
namespace json = boost::json;

namespace {

json::object StaffJson(const Staff& s) {
  json::object j;
  http::PutMeta(j, s.meta);
  j["given_name"] = s.given_name;
  j["family_name"] = s.family_name;
  j["preferred_name"] = s.preferred_name;
  j["display_name"] = DisplayName(s);
  j["email"] = s.email;
  j["phone"] = s.phone;
  json::array roles;
  for (const auto& r : s.roles) roles.emplace_back(r);
  j["roles"] = std::move(roles);
  json::array creds;
  for (const auto& c : s.credentials) {
    creds.emplace_back(
        json::object{{"type", c.type},
                     {"license_number", c.license_number},
                     {"issuing_state", c.issuing_state},
                     {"expires_on", c.expires_on ? json::value(FormatDate(*c.expires_on)) : json::value(nullptr)}});
  }
  j["credentials"] = std::move(creds);
  return j;
}

Result<Staff> ReadStaff(const Request& req) {
  SW_ASSIGN(auto body, http::ParseObject(req));
  Staff s;
  SW_TRY(http::ReadBody(body, [&](ObjectReader& r) {
    s.given_name = r.String("given_name", Need::kRequired, 100).value_or("");
    s.family_name = r.String("family_name", Need::kRequired, 100).value_or("");
    s.preferred_name = r.String("preferred_name", Need::kOptional, 100).value_or("");
    s.email = r.String("email", Need::kOptional, 254).value_or("");
    s.phone = r.String("phone", Need::kOptional, 40).value_or("");
    s.roles = r.Codes("roles", Need::kRequired, Codes(StaffRoles()));
    r.Objects("credentials", Need::kOptional, [&](ObjectReader& c) {
      Credential cred;
      cred.type = c.Code("type", Need::kRequired, Codes(CredentialTypes())).value_or("");
      cred.license_number = c.String("license_number", Need::kOptional, 64).value_or("");
      cred.issuing_state = c.String("issuing_state", Need::kOptional, 2).value_or("");
      cred.expires_on = c.DateValue("expires_on");
      s.credentials.push_back(std::move(cred));
    });
  }));
  return s;
}

}  // namespace

void AddStaffRoutes(http::Router& router, StaffService& svc) {
  router.Add(Method::kGet, "/api/v1/staff", "staff.read", [&svc](Request& req) -> Result<Response> {
    StaffQuery q;
    q.name_prefix = std::string(req.Query("q").value_or(""));
    if (auto role = req.Query("role"); role && !role->empty()) {
      auto codes = Codes(StaffRoles());
      if (std::find(codes.begin(), codes.end(), *role) == codes.end())
        return Error::Field("role", "is not a role code");
      q.role = std::string(*role);
    }
    SW_ASSIGN(q.include_voided, http::QueryFlag(req, "include_voided"));
    SW_ASSIGN(int limit, http::QueryLimit(req));
    q.limit = limit + 1;
    if (auto cursor = req.Query("cursor"); cursor && !cursor->empty()) {
      if (!IsUuid(*cursor)) return Error::Field("cursor", "is not a cursor from a previous page");
      q.after_id = std::string(*cursor);
    }
    SW_ASSIGN(auto staff, svc.List(req.actor, q));
    json::value next = nullptr;
    if (static_cast<int>(staff.size()) > limit) {
      staff.resize(static_cast<std::size_t>(limit));
      next = json::string(staff.back().meta.id);
    }
    json::array arr;
    for (const auto& s : staff) arr.emplace_back(StaffJson(s));
    return http::JsonResponse(200, json::object{{"items", std::move(arr)}, {"next_cursor", next}});
  });
  router.Add(Method::kPost, "/api/v1/staff", "staff.write", [&svc](Request& req) -> Result<Response> {
    SW_ASSIGN(auto draft, ReadStaff(req));
    SW_ASSIGN(auto s, svc.Create(req.actor, std::move(draft)));
    return http::RecordResponse(201, StaffJson(s), s.meta.version);
  });
  router.Add(Method::kGet, "/api/v1/staff/{id}", "staff.read",
             http::WithId([&svc](Request& req, const std::string& id) -> Result<Response> {
               SW_ASSIGN(auto s, svc.Get(req.actor, id));
               return http::RecordResponse(200, StaffJson(s), s.meta.version);
             }));
  router.Add(Method::kPut, "/api/v1/staff/{id}", "staff.write",
             http::WithVersion([&svc](Request& req, const std::string& id, std::int64_t expected) -> Result<Response> {
               SW_ASSIGN(auto changes, ReadStaff(req));
               changes.meta.id = id;
               SW_ASSIGN(auto s, svc.Update(req.actor, std::move(changes), expected));
               return http::RecordResponse(200, StaffJson(s), s.meta.version);
             }));
  router.Add(Method::kPost, "/api/v1/staff/{id}/void", "staff.write",
             http::VoidWith([&svc](Request& req, const std::string& id, std::int64_t expected,
                                   const std::string& reason) -> Result<Response> {
               SW_ASSIGN(auto s, svc.Void(req.actor, id, expected, reason));
               return http::RecordResponse(200, StaffJson(s), s.meta.version);
             }));
}

}  // namespace stepwise::program
