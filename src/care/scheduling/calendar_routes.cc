#include "care/scheduling/calendar_routes.h"

#include "care/scheduling/calendar_json.h"
#include "platform/base/uuid.h"
#include "platform/http/json.h"

namespace stepwise::scheduling {

using http::Method;
using http::Need;
using http::ObjectReader;
using http::Request;
using http::Response;
namespace json = boost::json;

Result<std::optional<Date>> QueryDate(const Request& req, std::string_view name) {
  auto text = req.Query(name);
  if (!text || text->empty()) return std::optional<Date>();
  auto d = ParseDate(*text);
  if (!d) return Error::Field(std::string(name), "must be a date as YYYY-MM-DD");
  return std::optional<Date>(*d);
}

namespace {

template <typename T, typename ToJson>
Response ListResponse(const std::vector<T>& items, ToJson to_json) {
  json::array arr;
  for (const auto& item : items) arr.emplace_back(to_json(item));
  return http::JsonResponse(200, json::object{{"items", std::move(arr)}, {"next_cursor", nullptr}});
}

Result<std::string> QueryId(const Request& req, std::string_view name) {
  auto text = req.Query(name);
  if (!text || text->empty()) return std::string();
  if (!IsUuid(*text)) return Error::Field(std::string(name), "must be an id (UUID)");
  return std::string(*text);
}

Result<Room> ReadRoom(const Request& req) {
  SW_ASSIGN(auto body, http::ParseObject(req));
  Room r;
  SW_TRY(http::ReadBody(body, [&](ObjectReader& o) {
    r.site_id = o.Id("site_id", Need::kRequired).value_or("");
    r.name = o.String("name", Need::kRequired, 80).value_or("");
    r.capacity = static_cast<int>(o.Int("capacity", Need::kRequired, 1, 500).value_or(0));
    r.active = o.Bool("active").value_or(true);
  }));
  return r;
}

Result<Closure> ReadClosure(const Request& req) {
  SW_ASSIGN(auto body, http::ParseObject(req));
  Closure c;
  SW_TRY(http::ReadBody(body, [&](ObjectReader& o) {
    c.program_id = o.Id("program_id", Need::kOptional).value_or("");
    c.date = o.DateValue("date", Need::kRequired).value_or(Date{});
    c.name = o.String("name", Need::kRequired, 120).value_or("");
  }));
  return c;
}

Result<GroupSeries> ReadSeries(const Request& req) {
  SW_ASSIGN(auto body, http::ParseObject(req));
  GroupSeries s;
  SW_TRY(http::ReadBody(body, [&](ObjectReader& o) { ReadSeriesFields(o, s); }));
  return s;
}

}  // namespace

void AddCalendarRoutes(http::Router& router, CalendarService& svc) {
  // Rooms
  router.Add(Method::kGet, "/api/v1/rooms", "program.read", [&svc](Request& req) -> Result<Response> {
    SW_ASSIGN(auto rooms, svc.ListRooms(req.actor));
    return ListResponse(rooms, RoomJson);
  });
  router.Add(Method::kPost, "/api/v1/rooms", "program.write", [&svc](Request& req) -> Result<Response> {
    SW_ASSIGN(auto draft, ReadRoom(req));
    SW_ASSIGN(auto r, svc.CreateRoom(req.actor, std::move(draft)));
    return http::RecordResponse(201, RoomJson(r), r.meta.version);
  });
  router.Add(Method::kPut, "/api/v1/rooms/{id}", "program.write",
             http::WithVersion([&svc](Request& req, const std::string& id, std::int64_t expected) -> Result<Response> {
               SW_ASSIGN(auto changes, ReadRoom(req));
               changes.meta.id = id;
               SW_ASSIGN(auto r, svc.UpdateRoom(req.actor, std::move(changes), expected));
               return http::RecordResponse(200, RoomJson(r), r.meta.version);
             }));

  // Closures
  router.Add(Method::kGet, "/api/v1/closures", "program.read", [&svc](Request& req) -> Result<Response> {
    SW_ASSIGN(auto from, QueryDate(req, "from"));
    SW_ASSIGN(auto to, QueryDate(req, "to"));
    const Date start = from.value_or(Date{std::chrono::year(2000), std::chrono::January, std::chrono::day(1)});
    const Date end = to.value_or(Date{std::chrono::year(2100), std::chrono::January, std::chrono::day(1)});
    SW_ASSIGN(auto closures, svc.ListClosures(req.actor, start, end));
    return ListResponse(closures, ClosureJson);
  });
  router.Add(Method::kPost, "/api/v1/closures", "program.write", [&svc](Request& req) -> Result<Response> {
    SW_ASSIGN(auto draft, ReadClosure(req));
    SW_ASSIGN(auto c, svc.CreateClosure(req.actor, std::move(draft)));
    return http::RecordResponse(201, ClosureJson(c), c.meta.version);
  });
  router.Add(Method::kPost, "/api/v1/closures/{id}/void", "program.write",
             http::VoidWith([&svc](Request& req, const std::string& id, std::int64_t expected,
                                   const std::string& reason) -> Result<Response> {
               SW_ASSIGN(auto c, svc.VoidClosure(req.actor, id, expected, reason));
               return http::RecordResponse(200, ClosureJson(c), c.meta.version);
             }));

  // Group series
  router.Add(Method::kGet, "/api/v1/group-series", "program.read", [&svc](Request& req) -> Result<Response> {
    SW_ASSIGN(auto program_id, QueryId(req, "program_id"));
    SW_ASSIGN(auto track_id, QueryId(req, "track_id"));
    SW_ASSIGN(auto series, svc.ListSeries(req.actor, program_id, track_id));
    return ListResponse(series, SeriesJson);
  });
  router.Add(Method::kGet, "/api/v1/group-series/{id}", "program.read",
             http::WithId([&svc](Request& req, const std::string& id) -> Result<Response> {
               SW_ASSIGN(auto s, svc.GetSeries(req.actor, id));
               return http::RecordResponse(200, SeriesJson(s), s.meta.version);
             }));
  router.Add(Method::kPost, "/api/v1/group-series", "program.write", [&svc](Request& req) -> Result<Response> {
    SW_ASSIGN(auto draft, ReadSeries(req));
    SW_ASSIGN(auto s, svc.CreateSeries(req.actor, std::move(draft)));
    return http::RecordResponse(201, SeriesJson(s), s.meta.version);
  });
  router.Add(Method::kPut, "/api/v1/group-series/{id}", "program.write",
             http::WithVersion([&svc](Request& req, const std::string& id, std::int64_t expected) -> Result<Response> {
               SW_ASSIGN(auto changes, ReadSeries(req));
               changes.meta.id = id;
               SW_ASSIGN(auto s, svc.UpdateSeries(req.actor, std::move(changes), expected));
               return http::RecordResponse(200, SeriesJson(s), s.meta.version);
             }));
  router.Add(Method::kPost, "/api/v1/group-series/{id}/end", "program.write",
             http::WithVersion([&svc](Request& req, const std::string& id, std::int64_t expected) -> Result<Response> {
               SW_ASSIGN(auto body, http::ParseObject(req));
               Date ends_on{};
               SW_TRY(http::ReadBody(
                   body, [&](ObjectReader& o) { ends_on = o.DateValue("ends_on", Need::kRequired).value_or(Date{}); }));
               SW_ASSIGN(auto s, svc.EndSeries(req.actor, id, expected, ends_on));
               return http::RecordResponse(200, SeriesJson(s), s.meta.version);
             }));

  // Opening hours of a program
  router.Add(Method::kGet, "/api/v1/programs/{id}/opening-hours", "program.read",
             http::WithId([&svc](Request& req, const std::string& id) -> Result<Response> {
               SW_ASSIGN(auto h, svc.GetOpeningHours(req.actor, id));
               return http::RecordResponse(200, OpeningHoursJson(h), h.version);
             }));
  router.Add(Method::kPut, "/api/v1/programs/{id}/opening-hours", "program.write",
             http::WithVersion([&svc](Request& req, const std::string& id, std::int64_t expected) -> Result<Response> {
               SW_ASSIGN(auto body, http::ParseObject(req));
               OpeningHours h;
               h.program_id = id;
               SW_TRY(http::ReadBody(body, [&](ObjectReader& o) {
                 ReadClockTime(o, "open", Need::kRequired, h.open_minute);
                 ReadClockTime(o, "close", Need::kRequired, h.close_minute);
               }));
               SW_ASSIGN(auto saved, svc.SetOpeningHours(req.actor, h, expected));
               return http::RecordResponse(200, OpeningHoursJson(saved), saved.version);
             }));
}

}  // namespace stepwise::scheduling
