// Drug testing over HTTP (docs/api.md "Drug testing").
#include "care/testing/testing_routes.h"

#include "care/testing/testing_json.h"
#include "care/testing/testing_policy_json.h"
#include "platform/http/json.h"

namespace stepwise::testing {

using http::Method;
using http::Need;
using http::ObjectReader;
using http::Request;
using http::Response;
namespace json = boost::json;

namespace {

Result<Date> QueryDate(const Request& req, std::string_view name) {
  auto q = req.Query(name);
  if (!q || q->empty()) return Error::Field(std::string(name), "is required (YYYY-MM-DD)");
  auto d = ParseDate(*q);
  if (!d) return Error::Field(std::string(name), "must be a date YYYY-MM-DD");
  return *d;
}

std::string QueryText(const Request& req, std::string_view name) {
  auto q = req.Query(name);
  return q ? std::string(*q) : std::string();
}

// If-Match when sent (a review may be decided without one: it can only be decided once).
Result<std::int64_t> OptionalIfMatch(const Request& req) {
  if (!req.Header("if-match")) return std::int64_t{0};
  return http::RequireIfMatch(req);
}

}  // namespace

void AddTestingRoutes(http::Router& router, TestingService& testing) {
  router.Add(Method::kGet, "/api/v1/programs/{id}/testing-policy", "testing.read",
             http::WithId([&testing](Request& req, const std::string& id) -> Result<Response> {
               SW_ASSIGN(auto v, testing.GetPolicy(req.actor, id));
               return http::RecordResponse(200, PolicyViewJson(v), v.version);
             }));
  router.Add(Method::kPut, "/api/v1/programs/{id}/testing-policy", "program.write",
             http::WithVersion([&testing](Request& req, const std::string& id, std::int64_t expected) -> Result<Response> {
               SW_ASSIGN(auto body, http::ParseObject(req));
               // The read-only parts of the GET answer may be sent back unchanged.
               body.erase("program_id");
               body.erase("source");
               body.erase("version");
               SW_ASSIGN(auto policy, ReadPolicy(body));
               SW_ASSIGN(auto v, testing.PutPolicy(req.actor, id, expected, std::move(policy)));
               return http::RecordResponse(200, PolicyViewJson(v), v.version);
             }));
  router.Add(Method::kGet, "/api/v1/testing/board", "testing.read", [&testing](Request& req) -> Result<Response> {
    SW_ASSIGN(Date day, QueryDate(req, "date"));
    SW_ASSIGN(auto b, testing.BoardOf(req.actor, day, QueryText(req, "program_id")));
    return http::JsonResponse(200, BoardJson(b));
  });
  router.Add(Method::kPost, "/api/v1/testing/selection", "testing.write", [&testing](Request& req) -> Result<Response> {
    SW_ASSIGN(auto body, http::ParseObject(req));
    std::string program_id;
    std::optional<Date> day;
    SW_TRY(http::ReadBody(body, [&](ObjectReader& r) {
      program_id = r.Id("program_id", Need::kRequired).value_or("");
      day = r.DateValue("date", Need::kRequired);
    }));
    SW_ASSIGN(auto v, testing.Select(req.actor, program_id, *day));
    return http::JsonResponse(v.created ? 201 : 200, SelectionViewJson(v));
  });
  router.Add(Method::kPost, "/api/v1/testing/close-day", "testing.write", [&testing](Request& req) -> Result<Response> {
    SW_ASSIGN(auto body, http::ParseObject(req));
    std::string program_id;
    std::optional<Date> day;
    SW_TRY(http::ReadBody(body, [&](ObjectReader& r) {
      day = r.DateValue("date", Need::kRequired);
      program_id = r.Id("program_id").value_or("");
    }));
    SW_ASSIGN(auto out, testing.CloseDay(req.actor, *day, program_id));
    json::array events;
    for (const auto& e : out.events) events.emplace_back(EventJson(e));
    return http::JsonResponse(200, json::object{{"date", FormatDate(out.date)},
                                                {"missed", out.missed},
                                                {"events", std::move(events)}});
  });
  router.Add(Method::kPost, "/api/v1/clients/{id}/collections", "testing.write",
             http::WithId([&testing](Request& req, const std::string& id) -> Result<Response> {
               SW_ASSIGN(auto body, http::ParseObject(req));
               CollectionDraft d;
               SW_TRY(http::ReadBody(body, [&](ObjectReader& r) { d = ReadCollection(r); }));
               SW_ASSIGN(auto v, testing.Collect(req.actor, id, std::move(d)));
               return http::RecordResponse(201, CollectionViewJson(v), v.collection.meta.version);
             }));
  router.Add(Method::kGet, "/api/v1/collections/{id}", "testing.read",
             http::WithId([&testing](Request& req, const std::string& id) -> Result<Response> {
               SW_ASSIGN(auto v, testing.GetCollection(req.actor, id));
               return http::RecordResponse(200, CollectionViewJson(v), v.collection.meta.version);
             }));
  router.Add(Method::kPost, "/api/v1/collections/{id}/results", "testing.write",
             http::WithId([&testing](Request& req, const std::string& id) -> Result<Response> {
               SW_ASSIGN(auto body, http::ParseObject(req));
               ResultDraft d;
               SW_TRY(http::ReadBody(body, [&](ObjectReader& r) { d = ReadResult(r); }));
               SW_ASSIGN(auto v, testing.AddResult(req.actor, id, std::move(d)));
               return http::RecordResponse(201, CollectionViewJson(v), v.collection.meta.version);
             }));
  router.Add(Method::kPost, "/api/v1/testing/lab-import", "testing.write", [&testing](Request& req) -> Result<Response> {
    SW_ASSIGN(bool dry_run, http::QueryFlag(req, "dry_run"));
    SW_ASSIGN(auto report, testing.ImportLab(req.actor, req.body, dry_run));
    return http::JsonResponse(dry_run ? 200 : 201, ImportReportJson(report));
  });
  router.Add(Method::kGet, "/api/v1/clients/{id}/drug-tests", "testing.read",
             http::WithId([&testing](Request& req, const std::string& id) -> Result<Response> {
               SW_ASSIGN(auto t, testing.TestsOfClient(req.actor, id));
               return http::JsonResponse(200, ClientTestsJson(t));
             }));
  router.Add(Method::kGet, "/api/v1/clients/{id}/testing-state", "testing.read",
             http::WithId([&testing](Request& req, const std::string& id) -> Result<Response> {
               SW_ASSIGN(auto s, testing.StateOf(req.actor, id));
               return http::JsonResponse(200, TestingStateJson(s));
             }));
  router.Add(Method::kGet, "/api/v1/testing/review-queue", "testing.review", [&testing](Request& req) -> Result<Response> {
    SW_ASSIGN(auto items, testing.ReviewQueue(req.actor));
    json::array out;
    for (const auto& i : items) out.emplace_back(ReviewItemJson(i));
    return http::JsonResponse(200, json::object{{"items", std::move(out)}});
  });
  router.Add(Method::kPost, "/api/v1/testing/reviews/{id}/decide", "testing.review",
             http::WithId([&testing](Request& req, const std::string& id) -> Result<Response> {
               SW_ASSIGN(std::int64_t expected, OptionalIfMatch(req));
               SW_ASSIGN(auto body, http::ParseObject(req));
               std::string decision, reason;
               SW_TRY(http::ReadBody(body, [&](ObjectReader& r) {
                 decision = r.String("decision", Need::kRequired, 40).value_or("");
                 reason = r.String("reason", Need::kRequired, 2000).value_or("");
               }));
               SW_ASSIGN(auto e, testing.Decide(req.actor, id, expected, decision, reason));
               return http::RecordResponse(200, EventJson(e), e.meta.version);
             }));
}

}  // namespace stepwise::testing
