#include "care/scheduling/calendar_json.h"
#include "care/scheduling/calendar_routes.h"
#include "platform/base/uuid.h"
#include "platform/http/json.h"

namespace stepwise::scheduling {

using http::Method;
using http::Need;
using http::ObjectReader;
using http::Request;
using http::Response;
namespace json = boost::json;

namespace {

// The {id} of an occurrence: "<series uuid>:<YYYY-MM-DD>".
Result<std::string> OccurrencePathId(const Request& req) {
  const std::string& id = req.Param("id");
  std::string series;
  Date date{};
  if (!ParseOccurrenceId(id, &series, &date) || !IsUuid(series)) {
    return Error::Field("id", "must be an occurrence id: <series id>:<YYYY-MM-DD>");
  }
  return AsciiLower(series) + ":" + FormatDate(date);
}

Response ViewResponse(int status, const OccurrenceView& view) {
  auto j = OccurrenceJson(view.occurrence);
  j["roster"] = RosterJson(view.roster);
  j["version"] = view.version;
  return http::RecordResponse(status, j, view.version);
}

Result<std::optional<std::int64_t>> OptionalIfMatch(const Request& req) {
  if (!req.Header("if-match")) return std::optional<std::int64_t>();
  SW_ASSIGN(auto v, http::RequireIfMatch(req));
  return std::optional<std::int64_t>(v);
}

Result<ChangeRequest> ReadChange(const Request& req) {
  SW_ASSIGN(auto body, http::ParseObject(req));
  ChangeRequest c;
  SW_TRY(http::ReadBody(body, [&](ObjectReader& o) {
    c.action = o.Code("action", Need::kRequired, program::Codes(ChangeActions())).value_or("");
    c.reason = o.String("reason", Need::kRequired, 500).value_or("");
    c.date = o.DateValue("date", Need::kOptional);
    int minute = 0;
    if (ReadClockTime(o, "start", Need::kOptional, minute)) c.start_minute = minute;
    if (ReadClockTime(o, "end", Need::kOptional, minute)) c.end_minute = minute;
    // Sent or not: a move changes the room only when room_id is sent (null = no room).
    auto room = o.Id("room_id", Need::kOptional);
    if (room || body.contains("room_id")) c.room_id = room.value_or("");
    if (const auto* ids = o.Value("facilitator_staff_ids")) {
      if (!ids->is_array()) {
        o.errors().Add("facilitator_staff_ids", "must be a list of staff ids");
      } else {
        for (const auto& id : ids->as_array()) {
          c.facilitator_staff_ids.push_back(id.is_string() ? std::string(id.as_string()) : "");
        }
      }
    }
  }));
  return c;
}

}  // namespace

void AddOccurrenceRoutes(http::Router& router, CalendarService& svc) {
  router.Add(Method::kGet, "/api/v1/occurrences", "schedule.read", [&svc](Request& req) -> Result<Response> {
    SW_ASSIGN(auto from, QueryDate(req, "from"));
    SW_ASSIGN(auto to, QueryDate(req, "to"));
    FieldErrors errors;
    if (!from) errors.Add("from", "is required (YYYY-MM-DD)");
    if (!to) errors.Add("to", "is required (YYYY-MM-DD)");
    if (!errors.empty()) return errors.ToError();
    OccurrenceQuery q{.from = *from, .to = *to};
    for (auto [key, out] :
         {std::pair{"track_id", &q.track_id}, std::pair{"staff_id", &q.staff_id}, std::pair{"room_id", &q.room_id}}) {
      auto v = req.Query(key);
      if (!v || v->empty()) continue;
      if (!IsUuid(*v)) return Error::Field(key, "must be an id (UUID)");
      *out = AsciiLower(*v);
    }
    SW_ASSIGN(auto items, svc.ListOccurrences(req.actor, q));
    json::array arr;
    for (const auto& o : items) arr.emplace_back(OccurrenceJson(o));
    return http::JsonResponse(200, json::object{{"items", std::move(arr)}});
  });
  router.Add(Method::kGet, "/api/v1/occurrences/{id}", "schedule.read", [&svc](Request& req) -> Result<Response> {
    SW_ASSIGN(auto id, OccurrencePathId(req));
    SW_ASSIGN(auto view, svc.GetOccurrence(req.actor, id));
    return ViewResponse(200, view);
  });
  router.Add(Method::kPost, "/api/v1/occurrences/{id}/change", "schedule.write",
             [&svc](Request& req) -> Result<Response> {
               SW_ASSIGN(auto id, OccurrencePathId(req));
               SW_ASSIGN(auto expected, OptionalIfMatch(req));
               SW_ASSIGN(auto change, ReadChange(req));
               change.expected_version = expected;
               SW_ASSIGN(auto view, svc.ChangeOccurrence(req.actor, id, std::move(change)));
               return ViewResponse(200, view);
             });
  router.Add(Method::kPost, "/api/v1/occurrences/{id}/roster", "schedule.write",
             [&svc](Request& req) -> Result<Response> {
               SW_ASSIGN(auto id, OccurrencePathId(req));
               SW_ASSIGN(auto body, http::ParseObject(req));
               std::string client_id, kind;
               SW_TRY(http::ReadBody(body, [&](ObjectReader& o) {
                 client_id = o.Id("client_id", Need::kRequired).value_or("");
                 kind = o.Code("kind", Need::kRequired, program::Codes(RosterKinds())).value_or("");
               }));
               SW_ASSIGN(auto view, svc.AddToRoster(req.actor, id, client_id, kind));
               return ViewResponse(201, view);
             });
  router.Add(Method::kPost, "/api/v1/occurrences/{id}/roster/remove", "schedule.write",
             [&svc](Request& req) -> Result<Response> {
               SW_ASSIGN(auto id, OccurrencePathId(req));
               SW_ASSIGN(auto body, http::ParseObject(req));
               std::string client_id, reason;
               SW_TRY(http::ReadBody(body, [&](ObjectReader& o) {
                 client_id = o.Id("client_id", Need::kRequired).value_or("");
                 reason = o.String("reason", Need::kRequired, 500).value_or("");
               }));
               SW_ASSIGN(auto view, svc.RemoveFromRoster(req.actor, id, client_id, reason));
               return ViewResponse(200, view);
             });

  // Enrollments
  router.Add(Method::kGet, "/api/v1/clients/{id}/enrollments", "schedule.read",
             http::WithId([&svc](Request& req, const std::string& id) -> Result<Response> {
               SW_ASSIGN(auto items, svc.EnrollmentsOfClient(req.actor, id));
               json::array arr;
               for (const auto& e : items) arr.emplace_back(EnrollmentJson(e));
               return http::JsonResponse(200, json::object{{"items", std::move(arr)}});
             }));
  router.Add(Method::kPost, "/api/v1/clients/{id}/enrollments", "schedule.write",
             http::WithId([&svc](Request& req, const std::string& id) -> Result<Response> {
               SW_ASSIGN(auto body, http::ParseObject(req));
               Enrollment e;
               e.client_id = id;
               SW_TRY(http::ReadBody(body, [&](ObjectReader& o) {
                 e.track_id = o.Id("track_id", Need::kRequired).value_or("");
                 e.starts_on = o.DateValue("starts_on", Need::kRequired).value_or(Date{});
                 e.planned_end_on = o.DateValue("planned_end_on", Need::kOptional);
               }));
               SW_ASSIGN(auto saved, svc.Enroll(req.actor, std::move(e)));
               return http::RecordResponse(201, EnrollmentJson(saved), saved.meta.version);
             }));
  router.Add(Method::kPost, "/api/v1/enrollments/{id}/end", "schedule.write",
             http::WithVersion([&svc](Request& req, const std::string& id, std::int64_t expected) -> Result<Response> {
               SW_ASSIGN(auto body, http::ParseObject(req));
               Date ended_on{};
               std::string reason;
               SW_TRY(http::ReadBody(body, [&](ObjectReader& o) {
                 ended_on = o.DateValue("ended_on", Need::kRequired).value_or(Date{});
                 reason = o.String("reason", Need::kRequired, 500).value_or("");
               }));
               SW_ASSIGN(auto saved, svc.EndEnrollment(req.actor, id, expected, ended_on, reason));
               return http::RecordResponse(200, EnrollmentJson(saved), saved.meta.version);
             }));
}

}  // namespace stepwise::scheduling
