// What attendance and notes drive: the chart's timeline, attended hours against the plans' intensity checks,
// billing suggestions, "My day", and the release sections of one client (never another attendee).
#include <algorithm>
#include <map>

#include "care/admissions/client_store.h"
#include "care/program/program_service.h"
#include "care/sessions/session_internal.h"
#include "care/sessions/session_service.h"
#include "care/sessions/session_store.h"
#include "platform/base/time_zone.h"
#include "platform/db/records.h"
#include "platform/db/transaction_scope.h"

namespace stepwise::sessions {

using db::Access;
using db::Transaction;
using namespace internal;

namespace {

std::string StatusLabel(std::string_view s) {
  if (s == "present") return "present";
  if (s == "late") return "late";
  if (s == "left_early") return "left early";
  if (s == "late_and_left_early") return "late and left early";
  if (s == "absent_excused") return "absent (excused)";
  if (s == "absent_unexcused") return "absent (unexcused)";
  if (s == "telehealth") return "attended by telehealth";
  return std::string(s);
}

int MinutesBetween(const std::string& from, const std::string& to) {
  auto a = ParseTimestamp(from), b = ParseTimestamp(to);
  if (!a || !b || *b <= *a) return 0;
  return static_cast<int>(std::chrono::duration_cast<std::chrono::minutes>(*b - *a).count());
}

Date AddDays(Date d, int n) { return Date(std::chrono::sys_days(d) + std::chrono::days(n)); }

// UTC timestamps bounding local dates [from, to].
struct Window {
  std::string from, to;
};
Result<Window> WindowOf(const std::string& zone, Date from, Date to) {
  SW_ASSIGN(auto a, tz::ToUtc(zone, from, 0));
  SW_ASSIGN(auto b, tz::ToUtc(zone, to, 1440));
  return Window{FormatTimestamp(a), FormatTimestamp(b)};
}

std::string NoteType(const Note& n) {
  if (n.kind == "group") return "group_session";
  return n.kind == "family" ? "family_session" : "individual_session";
}

std::string NoteStatusText(const Note& n) {
  std::string s = n.signing.status == "signed"            ? "signed"
                  : n.signing.status == "awaiting_cosign" ? "signed, awaiting co-signature"
                                                          : "unsigned draft";
  if (n.signing.late_entry) s += ", late entry";
  return s;
}

}  // namespace

Result<std::vector<TimelineItem>> SessionService::Timeline(const Actor& actor, const std::string& client_id, Date from,
                                                           Date to) {
  SW_TRY(program::RequireOrganization(actor));
  if (std::chrono::sys_days(to) < std::chrono::sys_days(from)) return Error::Field("to", "must not be before from");
  if ((std::chrono::sys_days(to) - std::chrono::sys_days(from)).count() > 400) {
    return Error::Field("to", "a timeline spans at most 400 days");
  }
  auto list = db::InTransaction(db_, Access::kRead, [&](Transaction& tx) -> Result<std::vector<TimelineItem>> {
    SW_TRY(db::Found(admissions::ClientStore::Get(tx, actor.org_id, client_id), "client"));
    SW_TRY(clients_.CheckAccessIn(tx, actor, client_id));
    SW_ASSIGN(const std::string zone, ZoneIn(tx, actor.org_id));
    SW_ASSIGN(const Window w, WindowOf(zone, from, to));
    std::vector<TimelineItem> out;
    SW_ASSIGN(auto attendance, SessionStore::AttendanceOfClient(tx, actor.org_id, client_id, w.from, w.to));
    for (const auto& a : attendance) {
      const auto& x = a.row.attendance;
      std::string detail = IsAbsent(x.status) ? x.absence_reason
                                              : std::to_string(x.attended_minutes) + " minutes attended";
      out.push_back({Instant(a.row.start_at), "attendance", a.title + ": " + StatusLabel(x.status), detail,
                     a.occurrence_id});
    }
    SW_ASSIGN(auto notes, SessionStore::NotesOfClient(tx, actor.org_id, client_id));
    std::map<std::string, std::string> topics;
    for (const auto& n : notes) {
      if (n.start_at < w.from || n.start_at >= w.to) continue;
      std::string title, detail = NoteStatusText(n);
      if (n.kind == "group") {
        SW_ASSIGN(auto g, SessionStore::GetGroupSession(tx, actor.org_id, n.group_session_id));
        title = "Group note: " + n.title;
        if (g && !g->shared.topic.empty()) detail = "Topic: " + g->shared.topic + "; " + detail;
      } else {
        title = (n.kind == "family" ? "Family session note (" : "Individual session note (") + n.session.format + ")";
      }
      out.push_back({Instant(n.start_at), NoteType(n), title, detail, n.meta.id});
    }
    SW_ASSIGN(auto addenda, SessionStore::AddendaOfClient(tx, actor.org_id, client_id));
    for (const auto& a : addenda) {
      if (a.created_at < w.from || a.created_at >= w.to) continue;
      out.push_back({Instant(a.created_at), "addendum", "Addendum by " + a.author_name, a.reason, a.note_id});
    }
    std::stable_sort(out.begin(), out.end(), [](const TimelineItem& a, const TimelineItem& b) { return a.at < b.at; });
    return out;
  });
  audit::Event read{.action = "query", .resource_type = "timeline", .client_id = client_id,
                    .data_category = kCategory, .reason = "chart timeline"};
  if (!list.ok()) {
    if (list.error().code != ErrorCode::kNotFound) return list;
    read.outcome = "denied";
  }
  SW_TRY(RecordRead(actor, read));
  return list;
}

Result<HoursView> SessionService::AttendedHours(const Actor& actor, const std::string& client_id, Date week_of) {
  SW_TRY(program::RequireOrganization(actor));
  const Date monday = MondayOf(week_of);
  auto view = db::InTransaction(db_, Access::kRead, [&](Transaction& tx) -> Result<HoursView> {
    SW_ASSIGN(auto client, db::Found(admissions::ClientStore::Get(tx, actor.org_id, client_id), "client"));
    SW_TRY(clients_.CheckAccessIn(tx, actor, client_id));
    SW_ASSIGN(const std::string zone, ZoneIn(tx, actor.org_id));
    SW_ASSIGN(const Window w, WindowOf(zone, monday, AddDays(monday, 6)));
    std::vector<DayMinutes> days;
    SW_ASSIGN(auto attendance, SessionStore::AttendanceOfClient(tx, actor.org_id, client_id, w.from, w.to));
    for (const auto& a : attendance) days.push_back({a.row.session_date, a.row.attendance.attended_minutes});
    SW_ASSIGN(auto notes, SessionStore::NotesOfClient(tx, actor.org_id, client_id));
    for (const auto& n : notes) {
      if (n.kind == "group" || n.start_at < w.from || n.start_at >= w.to) continue;
      if (n.kind == "family" && !n.session.client_present) continue;
      days.push_back({n.session_date, MinutesBetween(n.start_at, n.end_at)});
    }
    HoursView v;
    v.week_of = monday;
    v.hours = sessions::AttendedHours(monday, days);
    SW_ASSIGN(auto episode, admissions::ClientStore::CurrentEpisode(tx, actor.org_id, client_id));
    const auto& settings = plans_.settings();
    const std::string population = plans::PopulationOf(client.birth_date, monday, settings);
    v.checks = plans::EvaluateChecks(v.hours, settings.intensity_checks, episode ? episode->level_of_care : "",
                                     population);
    SW_ASSIGN(auto recent, SessionStore::RecentStatuses(tx, actor.org_id, client_id, 60));
    std::vector<std::string> statuses;
    for (const auto& [status, date] : recent) statuses.push_back(status);
    v.consecutive_absences = TrailingAbsences(statuses);
    return v;
  });
  audit::Event read{.action = "query", .resource_type = "attendance", .client_id = client_id,
                    .data_category = kCategory, .reason = "attended hours"};
  if (!view.ok()) {
    if (view.error().code != ErrorCode::kNotFound) return view;
    read.outcome = "denied";
  }
  SW_TRY(RecordRead(actor, read));
  return view;
}

Result<std::vector<Suggestion>> SessionService::Billing(const Actor& actor, const std::string& client_id, Date from,
                                                        Date to) {
  SW_TRY(program::RequireOrganization(actor));
  if (std::chrono::sys_days(to) < std::chrono::sys_days(from)) return Error::Field("to", "must not be before from");
  if ((std::chrono::sys_days(to) - std::chrono::sys_days(from)).count() > 92) {
    return Error::Field("to", "billing suggestions span at most 93 days");
  }
  auto list = db::InTransaction(db_, Access::kRead, [&](Transaction& tx) -> Result<std::vector<Suggestion>> {
    SW_TRY(db::Found(admissions::ClientStore::Get(tx, actor.org_id, client_id), "client"));
    SW_TRY(clients_.CheckAccessIn(tx, actor, client_id));
    SW_ASSIGN(const std::string zone, ZoneIn(tx, actor.org_id));
    SW_ASSIGN(const Window w, WindowOf(zone, from, to));
    SW_ASSIGN(auto settings, ClientSettingsIn(tx, actor.org_id, client_id));
    std::map<std::string, std::vector<BilledService>> by_day;  // "YYYY-MM-DD" sorts as dates
    SW_ASSIGN(auto attendance, SessionStore::AttendanceOfClient(tx, actor.org_id, client_id, w.from, w.to));
    for (const auto& a : attendance) {
      by_day[FormatDate(a.row.session_date)].push_back(
          {"group", a.row.group_session_id, a.row.attendance.attended_minutes, true, a.participants});
    }
    SW_ASSIGN(auto notes, SessionStore::NotesOfClient(tx, actor.org_id, client_id));
    std::reverse(notes.begin(), notes.end());  // oldest first
    for (const auto& n : notes) {
      if (n.kind == "group" || n.start_at < w.from || n.start_at >= w.to) continue;
      by_day[FormatDate(n.session_date)].push_back(
          {n.kind, n.meta.id, MinutesBetween(n.start_at, n.end_at), n.session.client_present, 0});
    }
    std::vector<Suggestion> out;
    const BillingRules rules{settings.h0015_min_minutes_per_day, settings.group_size_limit};
    for (const auto& [day, services] : by_day) {
      for (auto& s : SuggestForDay(*ParseDate(day), services, rules)) out.push_back(std::move(s));
    }
    return out;
  });
  audit::Event read{.action = "query", .resource_type = "billing_suggestion", .client_id = client_id,
                    .data_category = kCategory, .reason = "billing suggestions"};
  if (!list.ok()) {
    if (list.error().code != ErrorCode::kNotFound) return list;
    read.outcome = "denied";
  }
  SW_TRY(RecordRead(actor, read));
  return list;
}

Result<MyDay> SessionService::Today(const Actor& actor) {
  SW_TRY(program::RequireOrganization(actor));
  auto day = db::InTransaction(db_, Access::kRead, [&](Transaction& tx) -> Result<MyDay> {
    SW_ASSIGN(const std::string zone, ZoneIn(tx, actor.org_id));
    SW_ASSIGN(auto local, tz::ToLocal(zone, clock_.Now()));
    MyDay d;
    d.date = local.day;
    if (calendar_.occurrences && !actor.staff_id.empty()) {
      SW_ASSIGN(auto occurrences, calendar_.occurrences(tx, actor.org_id, d.date, d.date));
      for (auto& o : occurrences) {
        const auto& f = o.facilitator_staff_ids;
        if (std::find(f.begin(), f.end(), actor.staff_id) == f.end()) continue;
        SW_ASSIGN(auto record, SessionStore::GroupSessionOf(tx, actor.org_id, o.id));
        d.groups.push_back({std::move(o), record ? record->signing.status : "none"});
      }
    }
    if (calendar_.appointments && !actor.staff_id.empty()) {
      SW_ASSIGN(auto appointments, calendar_.appointments(tx, actor.org_id, d.date, d.date));
      for (auto& a : appointments) {
        if (a.staff_id != actor.staff_id || a.status != "scheduled") continue;
        SW_ASSIGN(auto note_id, SessionStore::NoteIdOfAppointment(tx, actor.org_id, a.meta.id));
        if (!note_id.empty()) d.appointment_notes[a.meta.id] = std::move(note_id);
        d.appointments.push_back(std::move(a));
      }
    }
    SW_ASSIGN(d.notes_to_sign, QueueIn(tx, actor, std::string(kDraft), actor.user_id));
    if (actor.Can("notes.cosign")) {
      SW_ASSIGN(auto queue, QueueIn(tx, actor, std::string(kAwaitingCosign), ""));
      SW_ASSIGN(auto mine, QueueIn(tx, actor, std::string(kAwaitingCosign), actor.user_id));
      for (auto& q : queue) {
        const bool own = std::any_of(mine.begin(), mine.end(),
                                     [&](const QueueItem& m) { return m.type == q.type && m.id == q.id; });
        if (!own) d.cosign_queue.push_back(std::move(q));
      }
    }
    return d;
  });
  if (!day.ok()) return day;
  if (tasks_ && actor.Can("tasks.read")) {
    SW_ASSIGN(day->tasks, tasks_->Mine(actor));
  }
  SW_TRY(RecordRead(actor, {.action = "query", .resource_type = "my_day", .data_category = kCategory,
                            .reason = "my day"}));
  return day;
}

Result<ReleaseSection> SessionService::AttendanceSectionIn(Transaction& tx, const Actor& actor,
                                                           const std::string& client_id) {
  SW_TRY(clients_.CheckAccessIn(tx, actor, client_id));
  ReleaseSection s{"Attendance", {"Date", "Group", "Attendance", "Minutes attended"}, {}, ""};
  SW_ASSIGN(auto rows, SessionStore::AttendanceOfClient(tx, actor.org_id, client_id, "", "9999"));
  for (const auto& a : rows) {
    const auto& x = a.row.attendance;
    s.rows.push_back({FormatDate(a.row.session_date), a.title, StatusLabel(x.status),
                      std::to_string(x.attended_minutes)});
  }
  if (s.rows.empty()) s.note = "No group attendance is recorded.";
  return s;
}

Result<ReleaseSection> SessionService::ProgressSectionIn(Transaction& tx, const Actor& actor,
                                                         const std::string& client_id) {
  SW_TRY(clients_.CheckAccessIn(tx, actor, client_id));
  ReleaseSection s{"Session notes", {"Date", "Session", "Note"}, {}, ""};
  SW_ASSIGN(auto notes, SessionStore::NotesOfClient(tx, actor.org_id, client_id));
  std::reverse(notes.begin(), notes.end());
  for (const auto& n : notes) {
    if (n.signing.status == kDraft) continue;  // only signed notes leave the program
    std::string text = n.signing.signed_text;
    SW_ASSIGN(auto addenda, SessionStore::AddendaOf(tx, actor.org_id, n.meta.id));
    for (const auto& a : addenda) {
      text += "\nAddendum (" + a.created_at.substr(0, 10) + ", " + a.author_name + "): " + a.reason + " — " + a.text;
    }
    s.rows.push_back({FormatDate(n.session_date), n.kind == "group" ? n.title : NoteType(n), text});
  }
  s.note = s.rows.empty() ? "No signed session notes." : "Signed notes only; group notes carry no other attendee.";
  return s;
}

}  // namespace stepwise::sessions
