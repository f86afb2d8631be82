#include "care/documents/amendment_routes.h"

#include "platform/http/json.h"

namespace stepwise::documents {
namespace {

namespace json = boost::json;
using http::Method;
using http::Need;
using http::ObjectReader;
using http::Request;
using http::Response;

json::object AmendmentJson(const Amendment& a, Date today) {
  json::object o;
  http::PutMeta(o, a.meta);
  o["client_id"] = a.client_id;
  o["part2"] = true;
  o["record_type"] = a.record_type;
  o["record_id"] = http::TextOrNull(a.record_id);
  o["record_description"] = a.record_description;
  o["requested_change"] = a.requested_change;
  o["client_reason"] = http::TextOrNull(a.client_reason);
  o["received_on"] = FormatDate(a.received_on);
  o["due_on"] = FormatDate(a.due_on);
  o["extended_to"] = http::DateOrNull(a.extended_to);
  o["extension_reason"] = http::TextOrNull(a.extension_reason);
  o["status"] = a.status;
  o["overdue"] = IsOverdue(a, today);
  o["decided_at"] = http::TextOrNull(a.decided_at);
  o["decided_by_name"] = http::TextOrNull(a.decided_by_name);
  o["amendment_text"] = http::TextOrNull(a.amendment_text);
  o["denial_reason"] = http::TextOrNull(a.denial_reason);
  o["disagreement"] = http::TextOrNull(a.disagreement);
  return o;
}


}  // namespace

void AddAmendmentRoutes(http::Router& router, AmendmentService& svc) {
  router.Add(Method::kPost, "/api/v1/clients/{id}/amendments", "amendments.write",
             http::WithId([&svc](Request& req, const std::string& client_id) -> Result<Response> {
               SW_ASSIGN(auto body, http::ParseObject(req));
               Amendment draft;
               draft.client_id = client_id;
               SW_TRY(http::ReadBody(body, [&](ObjectReader& r) {
                 draft.record_type = r.Code("record_type", Need::kOptional, AmendmentRecordTypes()).value_or("other");
                 draft.record_id = r.Id("record_id").value_or("");
                 draft.record_description = r.String("record_description", Need::kRequired, 500).value_or("");
                 draft.requested_change = r.String("requested_change", Need::kRequired, 4000).value_or("");
                 draft.client_reason = r.String("client_reason", Need::kOptional, 4000).value_or("");
                 draft.received_on = r.DateValue("received_on", Need::kOptional).value_or(svc.Today());
               }));
               SW_ASSIGN(auto a, svc.Create(req.actor, std::move(draft)));
               auto resp = http::RecordResponse(201, AmendmentJson(a, svc.Today()), a.meta.version);
               resp.SetHeader("Location", "/api/v1/amendments/" + a.meta.id);
               return resp;
             }));
  router.Add(Method::kGet, "/api/v1/clients/{id}/amendments", "amendments.read",
             http::WithId([&svc](Request& req, const std::string& client_id) -> Result<Response> {
               SW_ASSIGN(auto list, svc.OfClient(req.actor, client_id));
               json::array items;
               for (const auto& a : list) items.emplace_back(AmendmentJson(a, svc.Today()));
               return http::JsonResponse(200, json::object{{"items", std::move(items)}});
             }));
  router.Add(Method::kGet, "/api/v1/amendments/open", "amendments.read", [&svc](Request& req) -> Result<Response> {
    SW_ASSIGN(auto list, svc.Open(req.actor));
    json::array items;
    for (const auto& o : list) {
      json::object item = AmendmentJson(o.amendment, svc.Today());
      item["client_name"] = o.client_name;
      items.emplace_back(std::move(item));
    }
    return http::JsonResponse(200, json::object{{"items", std::move(items)}});
  });
  router.Add(Method::kGet, "/api/v1/amendments/{id}", "amendments.read",
             http::WithId([&svc](Request& req, const std::string& id) -> Result<Response> {
               SW_ASSIGN(auto a, svc.Get(req.actor, id));
               return http::RecordResponse(200, AmendmentJson(a, svc.Today()), a.meta.version);
             }));
  router.Add(Method::kPost, "/api/v1/amendments/{id}/extend", "amendments.write",
             http::WithVersion([&svc](Request& req, const std::string& id, std::int64_t expected) -> Result<Response> {
               SW_ASSIGN(auto body, http::ParseObject(req));
               std::optional<Date> to;
               std::string reason;
               SW_TRY(http::ReadBody(body, [&](ObjectReader& r) {
                 to = r.DateValue("extended_to", Need::kRequired);
                 reason = r.String("reason", Need::kRequired, 1000).value_or("");
               }));
               SW_ASSIGN(auto a, svc.Extend(req.actor, id, expected, *to, reason));
               return http::RecordResponse(200, AmendmentJson(a, svc.Today()), a.meta.version);
             }));
  router.Add(Method::kPost, "/api/v1/amendments/{id}/decide", "amendments.write",
             http::WithVersion([&svc](Request& req, const std::string& id, std::int64_t expected) -> Result<Response> {
               SW_ASSIGN(auto body, http::ParseObject(req));
               std::string decision, text, denial;
               SW_TRY(http::ReadBody(body, [&](ObjectReader& r) {
                 decision = r.Code("decision", Need::kRequired, {"accepted", "denied"}).value_or("");
                 text = r.String("amendment_text", Need::kOptional, 4000).value_or("");
                 denial = r.String("denial_reason", Need::kOptional, 4000).value_or("");
               }));
               SW_ASSIGN(auto a, svc.Decide(req.actor, id, expected, decision, text, denial));
               return http::RecordResponse(200, AmendmentJson(a, svc.Today()), a.meta.version);
             }));
  router.Add(Method::kPost, "/api/v1/amendments/{id}/disagreement", "amendments.write",
             http::WithVersion([&svc](Request& req, const std::string& id, std::int64_t expected) -> Result<Response> {
               SW_ASSIGN(auto body, http::ParseObject(req));
               std::string statement;
               SW_TRY(http::ReadBody(
                   body, [&](ObjectReader& r) { statement = r.String("statement", Need::kRequired, 4000).value_or(""); }));
               SW_ASSIGN(auto a, svc.AddDisagreement(req.actor, id, expected, statement));
               return http::RecordResponse(200, AmendmentJson(a, svc.Today()), a.meta.version);
             }));
}

}  // namespace stepwise::documents
