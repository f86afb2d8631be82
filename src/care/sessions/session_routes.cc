// Session records and notes over HTTP (docs/api.md "Sessions and notes").
#include "care/sessions/session_routes.h"

#include "care/scheduling/calendar_json.h"
#include "care/sessions/session_json.h"
#include "care/sessions/session_templates.h"
#include "platform/base/time_zone.h"
#include "platform/http/json.h"

namespace stepwise::sessions {

using http::Method;
using http::Need;
using http::ObjectReader;
using http::Request;
using http::Response;
using http::TextOrNull;
namespace json = boost::json;

namespace {

constexpr std::size_t kLongText = 8000;

Result<std::string> OccurrenceId(const Request& req) {
  const std::string& id = req.Param("occurrence_id");
  const auto colon = id.rfind(':');
  if (colon == std::string::npos || colon == 0 || colon + 11 != id.size() || !ParseDate(id.substr(colon + 1)) ||
      id.size() > 100) {
    return Error::Field("occurrence_id", "must be <series id>:<YYYY-MM-DD>");
  }
  return id;
}

std::vector<std::string> Strings(ObjectReader& r, std::string_view key) {
  std::vector<std::string> out;
  const json::value* v = r.Value(key);
  if (!v || v->is_null()) return out;
  if (!v->is_array()) {
    r.errors().Add(r.PathOf(key), "must be a list of strings");
    return out;
  }
  for (std::size_t i = 0; i < v->get_array().size(); ++i) {
    const auto& e = v->get_array()[i];
    if (!e.is_string()) r.errors().Add(r.PathOf(key) + "[" + std::to_string(i) + "]", "must be a string");
    else out.emplace_back(e.get_string());
  }
  return out;
}

json::array StringArray(const std::vector<std::string>& list) {
  json::array out;
  for (const auto& s : list) out.emplace_back(s);
  return out;
}

std::optional<TimePoint> InstantField(ObjectReader& r, std::string_view key) {
  auto text = r.String(key, Need::kOptional, 40);
  if (!text) return std::nullopt;
  auto t = tz::ParseInstant(*text);
  if (!t) r.errors().Add(r.PathOf(key), "must be a UTC instant such as 2026-03-09T13:00:00Z");
  return t;
}

Result<std::string> ReadPassword(const Request& req) {
  SW_ASSIGN(auto body, http::ParseObject(req));
  std::string password;
  SW_TRY(http::ReadBody(body, [&](ObjectReader& r) {
    password = r.String("password", Need::kRequired, 1024).value_or("");
  }));
  return password;
}

Result<Date> DateParam(const Request& req, std::string_view name, std::optional<Date> fallback = std::nullopt) {
  auto text = req.Query(name);
  if (!text || text->empty()) {
    if (fallback) return *fallback;
    return Error::Field(std::string(name), "is required (YYYY-MM-DD)");
  }
  auto d = ParseDate(*text);
  if (!d) return Error::Field(std::string(name), "must be a date YYYY-MM-DD");
  return *d;
}

GroupSessionInput ReadGroupInput(ObjectReader& r) {
  GroupSessionInput in;
  r.Object("shared_note", Need::kOptional, [&](ObjectReader& s) {
    in.shared.topic = s.String("topic", Need::kOptional, 200).value_or("");
    in.shared.curriculum_module = s.String("curriculum_module", Need::kOptional, 200).value_or("");
    in.shared.modality = s.String("modality", Need::kOptional, 40).value_or("");
    in.shared.summary = s.String("summary", Need::kOptional, kLongText).value_or("");
    in.shared.facilitator_staff_ids = Strings(s, "facilitator_staff_ids");
    Strings(s, "facilitator_names");  // read only
  });
  r.Objects("attendance", Need::kOptional, [&](ObjectReader& a) {
    Attendance x;
    x.client_id = a.String("client_id", Need::kRequired, 64).value_or("");
    a.String("client_name", Need::kOptional, 200);  // read only
    x.status = a.String("status", Need::kRequired, 40).value_or("");
    x.late_minutes = static_cast<int>(a.Int("late_minutes", Need::kOptional, -100000, 100000).value_or(0));
    x.left_early_minutes = static_cast<int>(a.Int("left_early_minutes", Need::kOptional, -100000, 100000).value_or(0));
    x.absence_reason = a.String("absence_reason", Need::kOptional, 500).value_or("");
    a.Int("attended_minutes", Need::kOptional, -100000, 100000);  // computed
    in.attendance.push_back(std::move(x));
  });
  r.Objects("notes", Need::kOptional, [&](ObjectReader& n) {
    AttendeeNote x;
    x.client_id = n.String("client_id", Need::kRequired, 64).value_or("");
    n.String("note_id", Need::kOptional, 64);  // read only
    n.String("status", Need::kOptional, 40);   // read only
    x.content.participation = n.String("participation", Need::kOptional, 2000).value_or("");
    n.Objects("objective_progress", Need::kOptional, [&](ObjectReader& p) {
      x.content.objective_progress.push_back({p.String("objective_id", Need::kRequired, 64).value_or(""),
                                              p.String("progress", Need::kRequired, 20).value_or(""),
                                              p.String("comment", Need::kOptional, 2000).value_or("")});
    });
    x.content.mood_affect = n.String("mood_affect", Need::kOptional, 500).value_or("");
    n.Object("risk", Need::kOptional, [&](ObjectReader& k) {
      x.content.risk.level = k.String("level", Need::kOptional, 20).value_or("none");
      x.content.risk.observations = k.String("observations", Need::kOptional, 2000).value_or("");
    });
    x.content.client_quote = n.String("client_quote", Need::kOptional, 1000).value_or("");
    x.content.text = n.String("text", Need::kOptional, kLongText).value_or("");
    in.notes.push_back(std::move(x));
  });
  return in;
}

NoteInput ReadNoteInput(ObjectReader& r, bool kind_required) {
  NoteInput in;
  in.kind = r.String("kind", kind_required ? Need::kRequired : Need::kOptional, 20).value_or("");
  in.appointment_id = r.String("appointment_id", Need::kOptional, 64).value_or("");
  auto& c = in.content;
  c.format = r.String("format", Need::kOptional, 10).value_or("");
  if (const json::value* s = r.Value("sections"); s && !s->is_null()) {
    if (!s->is_object()) {
      r.errors().Add("sections", "must be an object of section texts");
    } else {
      for (const auto& [key, value] : s->get_object()) {
        if (!value.is_string() && !value.is_null()) {
          r.errors().Add("sections." + std::string(key), "must be text");
          continue;
        }
        if (value.is_string() && value.get_string().size() > kLongText) {
          r.errors().Add("sections." + std::string(key), "is too long");
          continue;
        }
        c.sections.push_back({std::string(key), value.is_string() ? std::string(value.get_string()) : ""});
      }
    }
  }
  in.start_at = InstantField(r, "start_at");
  in.end_at = InstantField(r, "end_at");
  c.modality = r.String("modality", Need::kOptional, 40).value_or("");
  c.delivery = r.String("delivery", Need::kOptional, 20).value_or("");
  c.objective_ids = Strings(r, "objective_ids");
  c.intervention_ids = Strings(r, "intervention_ids");
  r.Objects("family_members", Need::kOptional, [&](ObjectReader& m) {
    c.family_members.push_back({m.String("name", Need::kRequired, 200).value_or(""),
                                m.String("relationship", Need::kOptional, 100).value_or("")});
  });
  c.client_present = r.Bool("client_present").value_or(true);
  return in;
}

json::object SigningJson(const Signing& s) {
  return {{"status", s.status},
          {"author_staff_id", TextOrNull(s.author_staff_id)},
          {"author_name", s.author_name},
          {"author_licensed", s.author_licensed},
          {"signed_at", TextOrNull(s.signed_at)},
          {"content_sha256", TextOrNull(s.signed_sha256)},
          {"late_entry", s.late_entry},
          {"cosigner_name", TextOrNull(s.cosigner_name)},
          {"cosigned_at", TextOrNull(s.cosigned_at)}};
}

json::object SharedJson(const SharedNote& s) {
  return {{"topic", s.topic},
          {"curriculum_module", s.curriculum_module},
          {"modality", s.modality},
          {"summary", s.summary},
          {"facilitator_staff_ids", StringArray(s.facilitator_staff_ids)},
          {"facilitator_names", StringArray(s.facilitator_names)}};
}

json::object AttendanceJson(const Attendance& a) {
  return {{"client_id", a.client_id},
          {"client_name", a.client_name},
          {"status", a.status},
          {"late_minutes", a.late_minutes},
          {"left_early_minutes", a.left_early_minutes},
          {"absence_reason", a.absence_reason},
          {"attended_minutes", a.attended_minutes}};
}

std::string Instant(const std::string& stored) {
  auto t = ParseTimestamp(stored);
  return t ? tz::FormatInstant(*t) : "";
}

json::object NoteJson(const NoteView& v) {
  const Note& n = v.note;
  json::object j = n.kind == "group" ? GroupNoteJson(n.group) : SessionNoteJson(n.session);
  http::PutMeta(j, n.meta);
  j["client_id"] = n.client_id;
  j["client_name"] = v.client_name;
  j["kind"] = n.kind;
  j["part2"] = true;
  j["appointment_id"] = TextOrNull(n.appointment_id);
  j["session_date"] = FormatDate(n.session_date);
  j["start_at"] = Instant(n.start_at);
  j["end_at"] = Instant(n.end_at);
  j["title"] = n.kind == "group" ? n.title : (n.kind == "family" ? "Family session" : "Individual session");
  json::object signing = SigningJson(n.signing);
  for (auto& [k, val] : signing) j[k] = val;
  j["locked"] = n.signing.status != kDraft;
  j["signed_text"] = TextOrNull(n.signing.signed_text);
  j["sign_deadline"] = TextOrNull(v.deadline);
  j["overdue"] = v.overdue;
  if (v.shared) j["shared_note"] = SharedJson(*v.shared);  // never the roster
  json::array addenda;
  for (const auto& a : n.addenda) {
    addenda.emplace_back(json::object{{"id", a.id},
                                      {"reason", a.reason},
                                      {"text", a.text},
                                      {"text_sha256", a.text_sha256},
                                      {"author_name", a.author_name},
                                      {"created_at", a.created_at}});
  }
  j["addenda"] = std::move(addenda);
  return j;
}

json::array TemplatesJson(const std::string& group_type) {
  json::array out;
  for (const auto& t : TemplatesFor(group_type)) {
    out.emplace_back(json::object{{"code", t.code},
                                  {"label", t.label},
                                  {"participation", t.participation},
                                  {"mood_affect", t.mood_affect},
                                  {"text", t.text}});
  }
  return out;
}

json::object GroupJson(const GroupSessionView& v) {
  json::object j;
  j["occurrence"] = scheduling::OccurrenceJson(v.occurrence);
  j["roster"] = scheduling::RosterJson(v.roster);
  j["templates"] = TemplatesJson(v.occurrence.group_type);
  if (!v.record) {
    j["record"] = nullptr;
    return j;
  }
  const GroupSession& g = *v.record;
  json::object r;
  http::PutMeta(r, g.meta);
  r["occurrence_id"] = g.occurrence_id;
  r["part2"] = true;
  r["length_minutes"] = g.length_minutes;
  r["shared_note"] = SharedJson(g.shared);
  json::object signing = SigningJson(g.signing);
  for (auto& [k, val] : signing) r[k] = val;
  json::array attendance;
  for (const auto& a : v.attendance) attendance.emplace_back(AttendanceJson(a));
  r["attendance"] = std::move(attendance);
  json::array notes;
  for (const auto& n : v.notes) {
    json::object x = GroupNoteJson(n.group);
    x["client_id"] = n.client_id;
    x["note_id"] = n.meta.id;
    x["version"] = n.meta.version;
    x["status"] = n.signing.status;
    x["author_name"] = n.signing.author_name;
    x["late_entry"] = n.signing.late_entry;
    notes.emplace_back(std::move(x));
  }
  r["notes"] = std::move(notes);
  j["record"] = std::move(r);
  return j;
}

json::object QueueJson(const QueueItem& q) {
  return {{"type", q.type},
          {"id", q.id},
          {"client_id", TextOrNull(q.client_id)},
          {"client_name", TextOrNull(q.client_name)},
          {"title", q.title},
          {"author_name", q.author_name},
          {"status", q.status},
          {"session_date", q.session_date},
          {"session_end", q.session_end},
          {"signed_at", TextOrNull(q.signed_at)},
          {"sign_deadline", TextOrNull(q.deadline)},
          {"overdue", q.overdue}};
}

json::object SettingsJson(const SettingsView& v) {
  const auto& s = v.settings;
  return {{"program_id", v.program_id},
          {"version", v.version},
          {"note_format", s.note_format},
          {"sign_deadline_hours", s.sign_deadline_hours},
          {"late_entry_hours", s.late_entry_hours},
          {"absences_for_outreach", s.absences_for_outreach},
          {"group_size_limit", s.group_size_limit},
          {"h0015_min_minutes_per_day", s.h0015_min_minutes_per_day}};
}

json::object AppointmentJson(const scheduling::Appointment& a) {
  return {{"id", a.meta.id},
          {"kind", a.kind},
          {"client_id", TextOrNull(a.client_id)},
          {"client_name", a.client_name},
          {"room_name", a.room_name},
          {"modality", a.modality},
          {"start_at", tz::FormatInstant(a.start_at)},
          {"end_at", tz::FormatInstant(a.end_at)},
          {"date", FormatDate(a.date)},
          {"start", FormatClockTime(a.start_minute)},
          {"end", FormatClockTime(a.end_minute)}};
}

Response List(json::array items) { return http::JsonResponse(200, json::object{{"items", std::move(items)}}); }

Response NoteResponse(int status, const NoteView& v) {
  return http::RecordResponse(status, NoteJson(v), v.note.meta.version);
}

Response GroupResponse(const GroupSessionView& v) {
  Response res = http::JsonResponse(200, GroupJson(v));
  if (v.record) http::SetEtag(res, v.record->meta.version);
  return res;
}

}  // namespace

void AddSessionRoutes(http::Router& router, SessionService& sessions) {
  router.Add(Method::kGet, "/api/v1/group-sessions/{occurrence_id}", "notes.read",
             [&sessions](Request& req) -> Result<Response> {
               SW_ASSIGN(auto id, OccurrenceId(req));
               SW_ASSIGN(auto view, sessions.GetGroupSession(req.actor, id));
               return GroupResponse(view);
             });
  router.Add(Method::kPut, "/api/v1/group-sessions/{occurrence_id}", "notes.write",
             [&sessions](Request& req) -> Result<Response> {
               SW_ASSIGN(auto id, OccurrenceId(req));
               std::optional<std::int64_t> expected;
               if (req.Header("if-match")) {
                 SW_ASSIGN(expected, http::RequireIfMatch(req));
               }
               SW_ASSIGN(auto body, http::ParseObject(req));
               GroupSessionInput input;
               SW_TRY(http::ReadBody(body, [&](ObjectReader& r) { input = ReadGroupInput(r); }));
               SW_ASSIGN(auto view, sessions.SaveGroupSession(req.actor, id, expected, std::move(input)));
               return GroupResponse(view);
             });
  router.Add(Method::kPost, "/api/v1/group-sessions/{occurrence_id}/sign", "notes.write",
             [&sessions](Request& req) -> Result<Response> {
               SW_ASSIGN(auto id, OccurrenceId(req));
               SW_ASSIGN(auto password, ReadPassword(req));
               SW_ASSIGN(auto view, sessions.SignGroupSession(req.actor, id, password));
               return GroupResponse(view);
             });
  router.Add(Method::kPost, "/api/v1/group-sessions/{occurrence_id}/cosign", "notes.cosign",
             [&sessions](Request& req) -> Result<Response> {
               SW_ASSIGN(auto id, OccurrenceId(req));
               SW_ASSIGN(auto password, ReadPassword(req));
               SW_ASSIGN(auto view, sessions.CosignGroupSession(req.actor, id, password));
               return GroupResponse(view);
             });
  router.Add(Method::kPost, "/api/v1/clients/{id}/notes", "notes.write",
             http::WithId([&sessions](Request& req, const std::string& client_id) -> Result<Response> {
               SW_ASSIGN(auto body, http::ParseObject(req));
               NoteInput input;
               SW_TRY(http::ReadBody(body, [&](ObjectReader& r) { input = ReadNoteInput(r, true); }));
               SW_ASSIGN(auto view, sessions.CreateNote(req.actor, client_id, std::move(input)));
               return NoteResponse(201, view);
             }));
  router.Add(Method::kGet, "/api/v1/clients/{id}/notes", "notes.read",
             http::WithId([&sessions](Request& req, const std::string& client_id) -> Result<Response> {
               SW_ASSIGN(auto list, sessions.NotesOfClient(req.actor, client_id));
               json::array items;
               for (const auto& v : list) items.emplace_back(NoteJson(v));
               return List(std::move(items));
             }));
  router.Add(Method::kGet, "/api/v1/notes/cosign-queue", "notes.cosign", [&sessions](Request& req) -> Result<Response> {
    SW_ASSIGN(auto list, sessions.CosignQueue(req.actor));
    json::array items;
    for (const auto& q : list) items.emplace_back(QueueJson(q));
    return List(std::move(items));
  });
  router.Add(Method::kGet, "/api/v1/notes/unsigned", "notes.read", [&sessions](Request& req) -> Result<Response> {
    SW_ASSIGN(const bool all, http::QueryFlag(req, "all"));
    SW_ASSIGN(auto list, sessions.Unsigned(req.actor, all));
    json::array items;
    for (const auto& q : list) items.emplace_back(QueueJson(q));
    return List(std::move(items));
  });
  router.Add(Method::kGet, "/api/v1/notes/{id}", "notes.read",
             http::WithId([&sessions](Request& req, const std::string& id) -> Result<Response> {
               SW_ASSIGN(auto view, sessions.GetNote(req.actor, id));
               return NoteResponse(200, view);
             }));
  router.Add(Method::kPut, "/api/v1/notes/{id}", "notes.write",
             http::WithVersion([&sessions](Request& req, const std::string& id, std::int64_t expected) -> Result<Response> {
               SW_ASSIGN(auto body, http::ParseObject(req));
               NoteInput input;
               SW_TRY(http::ReadBody(body, [&](ObjectReader& r) { input = ReadNoteInput(r, false); }));
               SW_ASSIGN(auto view, sessions.UpdateNote(req.actor, id, expected, std::move(input)));
               return NoteResponse(200, view);
             }));
  router.Add(Method::kPost, "/api/v1/notes/{id}/sign", "notes.write",
             http::WithId([&sessions](Request& req, const std::string& id) -> Result<Response> {
               SW_ASSIGN(auto password, ReadPassword(req));
               SW_ASSIGN(auto view, sessions.SignNote(req.actor, id, password));
               return NoteResponse(200, view);
             }));
  router.Add(Method::kPost, "/api/v1/notes/{id}/cosign", "notes.cosign",
             http::WithId([&sessions](Request& req, const std::string& id) -> Result<Response> {
               SW_ASSIGN(auto password, ReadPassword(req));
               SW_ASSIGN(auto view, sessions.CosignNote(req.actor, id, password));
               return NoteResponse(200, view);
             }));
  router.Add(Method::kPost, "/api/v1/notes/{id}/addenda", "notes.write",
             http::WithId([&sessions](Request& req, const std::string& id) -> Result<Response> {
               SW_ASSIGN(auto body, http::ParseObject(req));
               std::string reason, text;
               SW_TRY(http::ReadBody(body, [&](ObjectReader& r) {
                 reason = r.String("reason", Need::kRequired, 500).value_or("");
                 text = r.String("text", Need::kRequired, kLongText).value_or("");
               }));
               SW_ASSIGN(auto view, sessions.AddAddendum(req.actor, id, reason, text));
               return NoteResponse(201, view);
             }));
  router.Add(Method::kGet, "/api/v1/clients/{id}/timeline", "notes.read",
             http::WithId([&sessions](Request& req, const std::string& client_id) -> Result<Response> {
               const Date today = UtcDate(std::chrono::system_clock::now());
               SW_ASSIGN(auto to, DateParam(req, "to", today));
               SW_ASSIGN(auto from, DateParam(req, "from", Date(std::chrono::sys_days(to) - std::chrono::days(90))));
               SW_ASSIGN(auto list, sessions.Timeline(req.actor, client_id, from, to));
               json::array items;
               for (const auto& t : list) {
                 items.emplace_back(json::object{{"at", t.at},
                                                 {"type", t.type},
                                                 {"title", t.title},
                                                 {"detail", t.detail},
                                                 {"ref_id", t.ref_id}});
               }
               return List(std::move(items));
             }));
  router.Add(Method::kGet, "/api/v1/clients/{id}/attended-hours", "notes.read",
             http::WithId([&sessions](Request& req, const std::string& client_id) -> Result<Response> {
               SW_ASSIGN(auto week_of, DateParam(req, "week_of", UtcDate(std::chrono::system_clock::now())));
               SW_ASSIGN(auto v, sessions.AttendedHours(req.actor, client_id, week_of));
               json::object per_day;
               for (const auto& [d, h] : v.hours.per_day) per_day[d] = h;
               json::array checks;
               for (const auto& c : v.checks) {
                 checks.emplace_back(json::object{{"code", c.code},
                                                  {"label", c.label},
                                                  {"kind", c.kind},
                                                  {"applies", c.applies},
                                                  {"ok", c.ok},
                                                  {"message", c.message}});
               }
               return http::JsonResponse(200, json::object{{"week_of", FormatDate(v.week_of)},
                                                           {"per_day", std::move(per_day)},
                                                           {"per_week", v.hours.per_week},
                                                           {"days", v.hours.days_per_week},
                                                           {"checks", std::move(checks)},
                                                           {"consecutive_absences", v.consecutive_absences}});
             }));
  router.Add(Method::kGet, "/api/v1/clients/{id}/billing-suggestions", "notes.read",
             http::WithId([&sessions](Request& req, const std::string& client_id) -> Result<Response> {
               const Date today = UtcDate(std::chrono::system_clock::now());
               SW_ASSIGN(auto to, DateParam(req, "to", today));
               SW_ASSIGN(auto from, DateParam(req, "from", Date(std::chrono::sys_days(to) - std::chrono::days(30))));
               SW_ASSIGN(auto list, sessions.Billing(req.actor, client_id, from, to));
               json::array items;
               for (const auto& s : list) {
                 items.emplace_back(json::object{{"date", FormatDate(s.date)},
                                                 {"code", TextOrNull(s.code)},
                                                 {"units", s.units},
                                                 {"minutes", s.minutes},
                                                 {"reason", s.reason},
                                                 {"source_ids", StringArray(s.source_ids)}});
               }
               return List(std::move(items));
             }));
  router.Add(Method::kGet, "/api/v1/programs/{id}/session-settings", "program.read",
             http::WithId([&sessions](Request& req, const std::string& program_id) -> Result<Response> {
               SW_ASSIGN(auto v, sessions.Settings(req.actor, program_id));
               return http::RecordResponse(200, SettingsJson(v), v.version);
             }));
  router.Add(Method::kPut, "/api/v1/programs/{id}/session-settings", "program.write",
             http::WithId([&sessions](Request& req, const std::string& program_id) -> Result<Response> {
               // The first PUT may come without If-Match (the defaults have version 0).
               std::int64_t expected = 0;
               if (req.Header("if-match")) {
                 SW_ASSIGN(expected, http::RequireIfMatch(req));
               }
               SW_ASSIGN(auto body, http::ParseObject(req));
               SessionSettings s;
               SW_TRY(http::ReadBody(body, [&](ObjectReader& r) {
                 r.Int("version", Need::kOptional, 0, 1LL << 40);
                 r.String("program_id", Need::kOptional, 64);
                 s.note_format = r.String("note_format", Need::kOptional, 10).value_or(s.note_format);
                 s.sign_deadline_hours = static_cast<int>(
                     r.Int("sign_deadline_hours", Need::kOptional, -100000, 100000).value_or(s.sign_deadline_hours));
                 s.late_entry_hours = static_cast<int>(
                     r.Int("late_entry_hours", Need::kOptional, -100000, 100000).value_or(s.late_entry_hours));
                 s.absences_for_outreach = static_cast<int>(
                     r.Int("absences_for_outreach", Need::kOptional, -100000, 100000).value_or(s.absences_for_outreach));
                 s.group_size_limit = static_cast<int>(
                     r.Int("group_size_limit", Need::kOptional, -100000, 100000).value_or(s.group_size_limit));
                 s.h0015_min_minutes_per_day = static_cast<int>(r.Int("h0015_min_minutes_per_day", Need::kOptional,
                                                                      -100000, 100000)
                                                                    .value_or(s.h0015_min_minutes_per_day));
               }));
               SW_ASSIGN(auto v, sessions.PutSettings(req.actor, program_id, expected, s));
               return http::RecordResponse(200, SettingsJson(v), v.version);
             }));
  router.Add(Method::kGet, "/api/v1/my-day", "notes.read", [&sessions](Request& req) -> Result<Response> {
    SW_ASSIGN(auto d, sessions.Today(req.actor));
    json::array groups, appointments, to_sign, cosign, tasks;
    for (const auto& g : d.groups) {
      json::object o = scheduling::OccurrenceJson(g.occurrence);
      o["roll_call_status"] = g.roll_call_status;
      groups.emplace_back(std::move(o));
    }
    for (const auto& a : d.appointments) {
      json::object o = AppointmentJson(a);
      const auto note = d.appointment_notes.find(a.meta.id);
      o["note_id"] = note == d.appointment_notes.end() ? json::value(nullptr) : json::value(note->second);
      appointments.emplace_back(std::move(o));
    }
    for (const auto& q : d.notes_to_sign) to_sign.emplace_back(QueueJson(q));
    for (const auto& q : d.cosign_queue) cosign.emplace_back(QueueJson(q));
    for (const auto& t : d.tasks) {
      tasks.emplace_back(json::object{{"id", t.task.meta.id},
                                      {"version", t.task.meta.version},
                                      {"kind", t.task.kind},
                                      {"title", t.task.title},
                                      {"client_id", TextOrNull(t.task.client_id)},
                                      {"client_name", TextOrNull(t.client_name)},
                                      {"due_on", http::DateOrNull(t.task.due_on)},
                                      {"status", t.task.status},
                                      {"overdue", t.overdue}});
    }
    return http::JsonResponse(200, json::object{{"date", FormatDate(d.date)},
                                                {"groups", std::move(groups)},
                                                {"appointments", std::move(appointments)},
                                                {"notes_to_sign", std::move(to_sign)},
                                                {"cosign_queue", std::move(cosign)},
                                                {"tasks", std::move(tasks)}});
  });
}

}  // namespace stepwise::sessions
