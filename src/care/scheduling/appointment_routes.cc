// Appointments, availability, the live check, the merged calendar, proposals, scheduled hours and calendar
// feeds over HTTP (docs/api.md "Appointments and availability").
#include "care/scheduling/appointment_routes.h"

#include "care/scheduling/calendar_json.h"
#include "platform/base/time_zone.h"
#include "platform/http/json.h"

namespace stepwise::scheduling {

using http::Method;
using http::Need;
using http::ObjectReader;
using http::Request;
using http::Response;
using http::TextOrNull;
namespace json = boost::json;

namespace {

json::array Strings(const std::vector<std::string>& v) {
  json::array a;
  for (const auto& s : v) a.emplace_back(s);
  return a;
}

json::object AppointmentJson(const Appointment& a) {
  json::object o;
  http::PutMeta(o, a.meta);
  o["program_id"] = TextOrNull(a.program_id);
  o["kind"] = a.kind;
  o["client_id"] = TextOrNull(a.client_id);
  o["client_name"] = TextOrNull(a.client_name);
  o["staff_id"] = a.staff_id;
  o["staff_name"] = a.staff_name;
  o["room_id"] = TextOrNull(a.room_id);
  o["room_name"] = TextOrNull(a.room_name);
  o["modality"] = a.modality;
  o["meeting_link"] = TextOrNull(a.meeting_link);
  o["start_at"] = tz::FormatInstant(a.start_at);
  o["end_at"] = tz::FormatInstant(a.end_at);
  o["date"] = FormatDate(a.date);
  o["start"] = FormatClockTime(a.start_minute);
  o["end"] = FormatClockTime(a.end_minute % 1440);
  o["status"] = a.status;
  o["cancel_reason"] = TextOrNull(a.cancel_reason);
  o["pinned"] = a.pinned;
  o["source"] = a.source;
  o["proposal_id"] = TextOrNull(a.proposal_id);
  o["plan_intervention_id"] = TextOrNull(a.plan_intervention_id);
  o["family_members"] = Strings(a.family_members);
  o["part2"] = true;
  return o;
}

// The appointment body: kind, client, staff, room or link, and the time as date/start/end (local) or
// start_at/end_at (UTC).
Appointment ReadAppointment(ObjectReader& r) {
  Appointment a;
  a.kind = r.Code("kind", Need::kRequired, AppointmentKinds()).value_or("");
  a.client_id = r.Id("client_id").value_or("");
  a.staff_id = r.Id("staff_id", Need::kRequired).value_or("");
  a.room_id = r.Id("room_id").value_or("");
  a.program_id = r.Id("program_id").value_or("");
  a.modality = r.Code("modality", Need::kOptional, {"in_person", "telehealth"}).value_or("in_person");
  a.meeting_link = r.String("meeting_link", Need::kOptional, 500).value_or("");
  a.pinned = r.Bool("pinned").value_or(false);
  a.plan_intervention_id = r.String("plan_intervention_id", Need::kOptional, 64).value_or("");
  if (const auto* v = r.Value("family_members")) {
    if (!v->is_array()) r.errors().Add("family_members", "must be a list of names");
    else {
      for (std::size_t i = 0; i < v->get_array().size(); ++i) {
        const auto& e = v->get_array()[i];
        if (!e.is_string() || e.get_string().size() > 200)
          r.errors().Add("family_members[" + std::to_string(i) + "]", "must be a name (at most 200 characters)");
        else a.family_members.emplace_back(e.get_string());
      }
    }
  }
  for (const char* ignored : {"client_name", "staff_name", "room_name", "status", "source", "id", "version"}) r.Value(ignored);
  auto date = r.DateValue("date");
  const bool local = date.has_value() || r.Value("start") || r.Value("end");
  if (local) {
    a.date = date.value_or(Date{});
    if (!date) r.errors().Add("date", "is required with start and end");
    ReadClockTime(r, "start", Need::kRequired, a.start_minute);
    ReadClockTime(r, "end", Need::kRequired, a.end_minute);
    if (a.end_minute == 0) a.end_minute = 1440;
    r.Value("start_at");
    r.Value("end_at");
  } else {
    for (auto [key, out] : {std::pair{"start_at", &a.start_at}, std::pair{"end_at", &a.end_at}}) {
      auto text = r.String(key, Need::kRequired, 40);
      if (!text) continue;
      auto t = tz::ParseInstant(*text);
      if (!t) r.errors().Add(key, "must be a UTC instant such as 2026-03-09T13:00:00Z");
      else *out = *t;
    }
  }
  return a;
}

json::object ConflictJson(const Conflict& c) { return {{"field", c.field}, {"code", c.code}, {"message", c.message}}; }

json::object WindowJson(const WeeklyWindow& w, bool with_kind) {
  json::object o{{"day", w.day}, {"start", FormatClockTime(w.start)}, {"end", FormatClockTime(w.end % 1440)}};
  if (with_kind) {
    o["kind"] = w.kind;
    o["note"] = TextOrNull(w.note);
  }
  return o;
}

json::array RangesJson(const std::vector<DateRange>& ranges) {
  json::array a;
  for (const auto& r : ranges)
    a.push_back(json::object{{"from_date", FormatDate(r.from)}, {"to_date", FormatDate(r.to)}, {"reason", TextOrNull(r.reason)}});
  return a;
}

void ReadWindows(ObjectReader& r, std::string_view key, bool with_kind, std::vector<WeeklyWindow>& out) {
  r.Objects(key, Need::kOptional, [&](ObjectReader& w) {
    WeeklyWindow x;
    x.day = w.String("day", Need::kRequired, 10).value_or("");
    ReadClockTime(w, "start", Need::kRequired, x.start);
    ReadClockTime(w, "end", Need::kRequired, x.end);
    if (x.end == 0) x.end = 1440;
    if (with_kind) {
      x.kind = w.String("kind", Need::kOptional, 20).value_or("available");
      x.note = w.String("note", Need::kOptional, 200).value_or("");
    } else {
      x.kind = "working";
    }
    out.push_back(std::move(x));
  });
}

void ReadRanges(ObjectReader& r, std::string_view key, std::vector<DateRange>& out) {
  r.Objects(key, Need::kOptional, [&](ObjectReader& d) {
    DateRange x;
    x.from = d.DateValue("from_date", Need::kRequired).value_or(Date{});
    x.to = d.DateValue("to_date", Need::kRequired).value_or(Date{});
    x.reason = d.String("reason", Need::kOptional, 200).value_or("");
    out.push_back(std::move(x));
  });
}

json::object ClientAvailabilityJson(const ClientAvailability& a) {
  json::array weekly;
  for (const auto& w : a.weekly) weekly.push_back(WindowJson(w, true));
  return {{"client_id", a.client_id}, {"version", a.version}, {"weekly", weekly},
          {"absences", RangesJson(a.absences)}, {"updated_at", TextOrNull(a.updated_at)}, {"part2", true}};
}

json::object StaffAvailabilityJson(const StaffAvailability& a) {
  json::array working;
  for (const auto& w : a.working) working.push_back(WindowJson(w, false));
  json::object o{{"staff_id", a.staff_id}, {"version", a.version}, {"working", working},
                 {"time_off", RangesJson(a.time_off)}, {"updated_at", TextOrNull(a.updated_at)}};
  o["caseload_limit"] = a.caseload_limit ? json::value(*a.caseload_limit) : json::value(nullptr);
  o["max_sessions_per_week"] = a.max_sessions_per_week ? json::value(*a.max_sessions_per_week) : json::value(nullptr);
  return o;
}

json::object RequirementJson(const SessionRequirement& r) {
  json::object out;
  http::PutMeta(out, r.meta);
  out["client_id"] = r.client_id;
  out["kind"] = r.kind;
  out["minutes"] = r.minutes;
  out["count"] = r.count;
  out["per"] = r.per;
  out["staff_id"] = TextOrNull(r.staff_id);
  return out;
}

json::object ProposalJson(const Proposal& p) {
  json::object o;
  http::PutMeta(o, p.meta);
  o["program_id"] = p.program_id;
  o["week_of"] = FormatDate(p.week_of);
  o["weeks"] = p.weeks;
  o["status"] = p.status;
  json::array items, unplaced;
  for (const auto& i : p.items) {
    json::object x{{"item_id", i.item_id}, {"action", i.action}, {"kind", TextOrNull(i.kind)},
                   {"client_id", i.client_id}, {"client_name", i.client_name}, {"staff_id", TextOrNull(i.staff_id)},
                   {"staff_name", TextOrNull(i.staff_name)}, {"room_id", TextOrNull(i.room_id)},
                   {"room_name", TextOrNull(i.room_name)}, {"track_id", TextOrNull(i.track_id)},
                   {"track_name", TextOrNull(i.track_name)}, {"date", FormatDate(i.date)},
                   {"plan_intervention_id", TextOrNull(i.plan_intervention_id)}, {"reason", i.reason},
                   {"accepted", !i.accepted_at.empty()}, {"result_id", TextOrNull(i.result_id)}};
    if (i.action == "create") {
      x["start_at"] = tz::FormatInstant(i.start_at);
      x["end_at"] = tz::FormatInstant(i.end_at);
      x["start"] = FormatClockTime(i.start_minute);
      x["end"] = FormatClockTime(i.end_minute % 1440);
    }
    items.push_back(std::move(x));
  }
  for (const auto& u : p.unplaced)
    unplaced.push_back(json::object{{"client_id", u.client_id}, {"client_name", u.client_name}, {"kind", u.kind}, {"reason", u.reason}});
  o["items"] = std::move(items);
  o["unplaced"] = std::move(unplaced);
  o["stats"] = json::object{{"requested", p.requested}, {"placed", p.placed}, {"solve_ms", p.solve_ms}};
  o["part2"] = true;
  return o;
}

json::object HoursJson(const HoursView& h) {
  json::object per_day;
  for (const auto& [d, v] : h.per_day) per_day[d] = v;
  json::array checks;
  for (const auto& c : h.checks)
    checks.push_back(json::object{{"code", c.code}, {"label", c.label}, {"kind", c.kind}, {"applies", c.applies},
                                  {"ok", c.ok}, {"message", c.message}});
  return {{"week_of", FormatDate(h.week_of)}, {"per_day", per_day}, {"per_week", h.per_week}, {"checks", checks}};
}

json::object FeedJson(const CalendarFeed& f) {
  json::object o;
  http::PutMeta(o, f.meta);
  o["owner_type"] = f.owner_type;
  o["owner_id"] = f.owner_id;
  o["revoked"] = !f.revoked_at.empty();
  o["revoked_at"] = TextOrNull(f.revoked_at);
  return o;
}

Result<Date> QueryDate(const Request& req, std::string_view name) {
  auto v = req.Query(name);
  if (!v) return Error::Field(std::string(name), "is required (YYYY-MM-DD)");
  auto d = ParseDate(*v);
  if (!d) return Error::Field(std::string(name), "must be a date (YYYY-MM-DD)");
  return *d;
}

std::string QueryText(const Request& req, std::string_view name) {
  auto v = req.Query(name);
  return v ? std::string(*v) : "";
}

Response Items(json::array items) { return http::JsonResponse(200, json::object{{"items", std::move(items)}}); }

}  // namespace

void AddAppointmentRoutes(http::Router& router, AppointmentService& service) {
  router.Add(Method::kGet, "/api/v1/appointments", "schedule.read", [&service](Request& req) -> Result<Response> {
    AppointmentFilter f;
    SW_ASSIGN(f.from, QueryDate(req, "from"));
    SW_ASSIGN(f.to, QueryDate(req, "to"));
    f.staff_id = QueryText(req, "staff_id");
    f.client_id = QueryText(req, "client_id");
    f.room_id = QueryText(req, "room_id");
    SW_ASSIGN(auto list, service.List(req.actor, f));
    json::array items;
    for (const auto& a : list) items.push_back(AppointmentJson(a));
    return Items(std::move(items));
  });
  router.Add(Method::kPost, "/api/v1/appointments", "schedule.write", [&service](Request& req) -> Result<Response> {
    SW_ASSIGN(auto body, http::ParseObject(req));
    Appointment draft;
    SW_TRY(http::ReadBody(body, [&](ObjectReader& r) { draft = ReadAppointment(r); }));
    SW_ASSIGN(auto a, service.Create(req.actor, std::move(draft)));
    return http::RecordResponse(201, AppointmentJson(a), a.meta.version);
  });
  router.Add(Method::kGet, "/api/v1/appointments/{id}", "schedule.read",
             http::WithId([&service](Request& req, const std::string& id) -> Result<Response> {
               SW_ASSIGN(auto a, service.Get(req.actor, id));
               return http::RecordResponse(200, AppointmentJson(a), a.meta.version);
             }));
  router.Add(Method::kPut, "/api/v1/appointments/{id}", "schedule.write",
             http::WithVersion([&service](Request& req, const std::string& id, std::int64_t expected) -> Result<Response> {
               SW_ASSIGN(auto body, http::ParseObject(req));
               Appointment changes;
               SW_TRY(http::ReadBody(body, [&](ObjectReader& r) { changes = ReadAppointment(r); }));
               changes.meta.id = id;
               SW_ASSIGN(auto a, service.Update(req.actor, std::move(changes), expected));
               return http::RecordResponse(200, AppointmentJson(a), a.meta.version);
             }));
  router.Add(Method::kPost, "/api/v1/appointments/{id}/cancel", "schedule.write",
             http::VoidWith([&service](Request& req, const std::string& id, std::int64_t expected,
                                       const std::string& reason) -> Result<Response> {
               SW_ASSIGN(auto a, service.Cancel(req.actor, id, expected, reason));
               return http::RecordResponse(200, AppointmentJson(a), a.meta.version);
             }));
  router.Add(Method::kPost, "/api/v1/schedule/check", "schedule.read", [&service](Request& req) -> Result<Response> {
    SW_ASSIGN(auto body, http::ParseObject(req));
    CheckRequest check;
    if (body.contains("occurrence_id")) {
      SW_TRY(http::ReadBody(body, [&](ObjectReader& r) {
        check.occurrence_id = r.String("occurrence_id", Need::kRequired, 100).value_or("");
        check.appointment.date = r.DateValue("date").value_or(Date{});
        ReadClockTime(r, "start", Need::kOptional, check.appointment.start_minute);
        ReadClockTime(r, "end", Need::kOptional, check.appointment.end_minute);
        check.appointment.room_id = r.Id("room_id").value_or("");
      }));
    } else {
      SW_TRY(http::ReadBody(body, [&](ObjectReader& r) {
        check.appointment = ReadAppointment(r);
        check.appointment.meta.id = r.Id("appointment_id").value_or("");
      }));
    }
    SW_ASSIGN(auto conflicts, service.Check(req.actor, std::move(check)));
    json::array list;
    for (const auto& c : conflicts) list.push_back(ConflictJson(c));
    return http::JsonResponse(200, json::object{{"ok", conflicts.empty()}, {"conflicts", std::move(list)}});
  });
  router.Add(Method::kGet, "/api/v1/calendar", "schedule.read", [&service](Request& req) -> Result<Response> {
    CalendarFilter f;
    SW_ASSIGN(f.from, QueryDate(req, "from"));
    SW_ASSIGN(f.to, QueryDate(req, "to"));
    f.staff_id = QueryText(req, "staff_id");
    f.client_id = QueryText(req, "client_id");
    f.room_id = QueryText(req, "room_id");
    f.track_id = QueryText(req, "track_id");
    SW_ASSIGN(auto list, service.Calendar(req.actor, f));
    json::array items;
    for (const auto& i : list) {
      json::object o = i.group ? OccurrenceJson(*i.group) : AppointmentJson(*i.appointment);
      o["type"] = i.type;
      items.push_back(std::move(o));
    }
    return Items(std::move(items));
  });
  router.Add(Method::kGet, "/api/v1/clients/{id}/availability", "schedule.read",
             http::WithId([&service](Request& req, const std::string& id) -> Result<Response> {
               SW_ASSIGN(auto a, service.ClientAvailabilityOf(req.actor, id));
               return http::RecordResponse(200, ClientAvailabilityJson(a), a.version);
             }));
  router.Add(Method::kPut, "/api/v1/clients/{id}/availability", "schedule.write",
             http::WithVersion([&service](Request& req, const std::string& id, std::int64_t expected) -> Result<Response> {
               SW_ASSIGN(auto body, http::ParseObject(req));
               ClientAvailability a;
               a.client_id = id;
               SW_TRY(http::ReadBody(body, [&](ObjectReader& r) {
                 r.Value("client_id");
                 r.Value("version");
                 r.Value("updated_at");
                 r.Value("part2");
                 ReadWindows(r, "weekly", true, a.weekly);
                 ReadRanges(r, "absences", a.absences);
               }));
               SW_ASSIGN(auto saved, service.PutClientAvailability(req.actor, std::move(a), expected));
               return http::RecordResponse(200, ClientAvailabilityJson(saved), saved.version);
             }));
  router.Add(Method::kGet, "/api/v1/staff/{id}/availability", "schedule.read",
             http::WithId([&service](Request& req, const std::string& id) -> Result<Response> {
               SW_ASSIGN(auto a, service.StaffAvailabilityOf(req.actor, id));
               return http::RecordResponse(200, StaffAvailabilityJson(a), a.version);
             }));
  router.Add(Method::kPut, "/api/v1/staff/{id}/availability", "schedule.write",
             http::WithVersion([&service](Request& req, const std::string& id, std::int64_t expected) -> Result<Response> {
               SW_ASSIGN(auto body, http::ParseObject(req));
               StaffAvailability a;
               a.staff_id = id;
               SW_TRY(http::ReadBody(body, [&](ObjectReader& r) {
                 r.Value("staff_id");
                 r.Value("version");
                 r.Value("updated_at");
                 ReadWindows(r, "working", false, a.working);
                 ReadRanges(r, "time_off", a.time_off);
                 if (auto v = r.Int("caseload_limit", Need::kOptional, 0, 10000)) a.caseload_limit = static_cast<int>(*v);
                 if (auto v = r.Int("max_sessions_per_week", Need::kOptional, 0, 200))
                   a.max_sessions_per_week = static_cast<int>(*v);
               }));
               SW_ASSIGN(auto saved, service.PutStaffAvailability(req.actor, std::move(a), expected));
               return http::RecordResponse(200, StaffAvailabilityJson(saved), saved.version);
             }));
  router.Add(Method::kPost, "/api/v1/clients/{id}/session-requirements", "schedule.write",
             http::WithId([&service](Request& req, const std::string& id) -> Result<Response> {
               SW_ASSIGN(auto body, http::ParseObject(req));
               SessionRequirement r;
               r.client_id = id;
               SW_TRY(http::ReadBody(body, [&](ObjectReader& o) {
                 r.kind = o.Code("kind", Need::kRequired, {"individual", "family"}).value_or("");
                 r.minutes = static_cast<int>(o.Int("minutes", Need::kOptional, 15, 240).value_or(50));
                 r.count = static_cast<int>(o.Int("count", Need::kOptional, 1, 7).value_or(1));
                 r.per = o.Code("per", Need::kOptional, {"week", "month"}).value_or("week");
                 r.staff_id = o.Id("staff_id").value_or("");
               }));
               SW_ASSIGN(auto saved, service.AddRequirement(req.actor, std::move(r)));
               return http::RecordResponse(201, RequirementJson(saved), saved.meta.version);
             }));
  router.Add(Method::kGet, "/api/v1/clients/{id}/session-requirements", "schedule.read",
             http::WithId([&service](Request& req, const std::string& id) -> Result<Response> {
               SW_ASSIGN(auto list, service.RequirementsOf(req.actor, id));
               json::array items;
               for (const auto& r : list) items.emplace_back(RequirementJson(r));
               return http::JsonResponse(200, json::object{{"items", std::move(items)}});
             }));
  router.Add(Method::kPost, "/api/v1/session-requirements/{id}/void", "schedule.write",
             http::VoidWith([&service](Request& req, const std::string& id, std::int64_t expected,
                                       const std::string& reason) -> Result<Response> {
               SW_ASSIGN(auto r, service.VoidRequirement(req.actor, id, expected, reason));
               return http::RecordResponse(200, RequirementJson(r), r.meta.version);
             }));
  router.Add(Method::kPost, "/api/v1/schedule/proposals", "schedule.write", [&service](Request& req) -> Result<Response> {
    SW_ASSIGN(auto body, http::ParseObject(req));
    ProposalRequest p;
    SW_TRY(http::ReadBody(body, [&](ObjectReader& r) {
      p.program_id = r.Id("program_id", Need::kRequired).value_or("");
      p.week_of = r.DateValue("week_of", Need::kRequired).value_or(Date{});
      p.weeks = static_cast<int>(r.Int("weeks", Need::kOptional, 1, 4).value_or(1));
    }));
    SW_ASSIGN(auto proposal, service.Propose(req.actor, p));
    return http::RecordResponse(201, ProposalJson(proposal), proposal.meta.version);
  });
  router.Add(Method::kGet, "/api/v1/schedule/proposals/{id}", "schedule.read",
             http::WithId([&service](Request& req, const std::string& id) -> Result<Response> {
               SW_ASSIGN(auto p, service.GetProposal(req.actor, id));
               return http::RecordResponse(200, ProposalJson(p), p.meta.version);
             }));
  router.Add(Method::kPost, "/api/v1/schedule/proposals/{id}/accept", "schedule.write",
             http::WithId([&service](Request& req, const std::string& id) -> Result<Response> {
               std::optional<std::vector<std::string>> ids;
               if (!req.body.empty()) {
                 SW_ASSIGN(auto body, http::ParseObject(req));
                 SW_TRY(http::ReadBody(body, [&](ObjectReader& r) {
                   const auto* v = r.Value("item_ids");
                   if (!v) return;
                   if (!v->is_array()) return r.errors().Add("item_ids", "must be a list of item ids");
                   ids.emplace();
                   for (std::size_t i = 0; i < v->get_array().size(); ++i) {
                     const auto& e = v->get_array()[i];
                     if (!e.is_string()) r.errors().Add("item_ids[" + std::to_string(i) + "]", "must be an item id");
                     else ids->emplace_back(e.get_string());
                   }
                 }));
               }
               SW_ASSIGN(auto p, service.Accept(req.actor, id, std::move(ids)));
               return http::RecordResponse(200, ProposalJson(p), p.meta.version);
             }));
  router.Add(Method::kGet, "/api/v1/clients/{id}/scheduled-hours", "schedule.read",
             http::WithId([&service](Request& req, const std::string& id) -> Result<Response> {
               SW_ASSIGN(auto week_of, QueryDate(req, "week_of"));
               SW_ASSIGN(auto h, service.ScheduledHours(req.actor, id, week_of));
               return http::JsonResponse(200, HoursJson(h));
             }));
  router.Add(Method::kGet, "/api/v1/schedule/hours-warnings", "schedule.read", [&service](Request& req) -> Result<Response> {
    SW_ASSIGN(auto week_of, QueryDate(req, "week_of"));
    SW_ASSIGN(auto list, service.HoursWarnings(req.actor, week_of));
    json::array items;
    for (const auto& w : list) {
      json::object o = HoursJson(w.hours);
      o["client_id"] = w.client_id;
      o["client_name"] = w.client_name;
      items.push_back(std::move(o));
    }
    return Items(std::move(items));
  });
  router.Add(Method::kPost, "/api/v1/calendar-feeds", "schedule.read", [&service](Request& req) -> Result<Response> {
    SW_ASSIGN(auto body, http::ParseObject(req));
    std::string owner_type, owner_id;
    SW_TRY(http::ReadBody(body, [&](ObjectReader& r) {
      owner_type = r.Code("owner_type", Need::kRequired, {"staff", "client"}).value_or("");
      owner_id = r.Id("owner_id", Need::kRequired).value_or("");
    }));
    SW_ASSIGN(auto created, service.CreateFeed(req.actor, owner_type, owner_id));
    json::object o = FeedJson(created.feed);
    o["url"] = created.url;
    Response r = http::RecordResponse(201, o, created.feed.meta.version);
    r.SetHeader("Cache-Control", "no-store");
    return r;
  });
  router.Add(Method::kGet, "/api/v1/calendar-feeds", "schedule.read", [&service](Request& req) -> Result<Response> {
    SW_ASSIGN(auto list, service.ListFeeds(req.actor, QueryText(req, "owner_type"), QueryText(req, "owner_id")));
    json::array items;
    for (const auto& f : list) items.push_back(FeedJson(f));
    return Items(std::move(items));
  });
  router.Add(Method::kPost, "/api/v1/calendar-feeds/{id}/revoke", "schedule.read",
             http::WithId([&service](Request& req, const std::string& id) -> Result<Response> {
               SW_ASSIGN(auto f, service.RevokeFeed(req.actor, id));
               return http::RecordResponse(200, FeedJson(f), f.meta.version);
             }));
  router.Add(Method::kGet, "/ical/{token}", "public", [&service](Request& req) -> Result<Response> {
    std::string token = req.Param("token");
    if (!token.ends_with(".ics")) return Error::NotFound("no such calendar feed");
    token.resize(token.size() - 4);
    SW_ASSIGN(auto text, service.FeedText(token));
    Response r;
    r.status = 200;
    r.content_type = "text/calendar; charset=utf-8";
    r.body = std::move(text);
    r.SetHeader("Cache-Control", "no-store");
    return r;
  });
}

}  // namespace stepwise::scheduling
