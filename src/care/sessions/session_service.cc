// The session service's shared pieces: settings, licensing, plan links, notes as views, the queues.
#include "care/sessions/session_service.h"

#include <algorithm>

#include "care/admissions/client_store.h"
#include "care/plans/plan_store.h"
#include "care/program/program_service.h"
#include "care/program/program_store.h"
#include "care/program/staff_store.h"
#include "care/sessions/session_internal.h"
#include "care/sessions/session_store.h"
#include "platform/base/time_zone.h"
#include "platform/db/records.h"
#include "platform/db/transaction_scope.h"

namespace stepwise::sessions {

using db::Access;
using db::Transaction;

namespace internal {

Status Audit(Transaction& tx, const Actor& actor, const char* action, const char* resource_type, const std::string& id,
             const std::string& client_id, const std::string& now, const std::string& reason) {
  return audit::Append(tx, actor,
                       {.action = action,
                        .resource_type = resource_type,
                        .resource_id = id,
                        .client_id = client_id,
                        .data_category = kCategory,
                        .reason = reason},
                       now);
}

std::string ActorName(const Actor& actor) { return actor.display_name.empty() ? actor.username : actor.display_name; }

std::string TimeRange(int start_minute, int end_minute) {
  return FormatClockTime(start_minute) + "\xE2\x80\x93" + FormatClockTime(end_minute);
}

std::string Instant(const std::string& stored) {
  auto t = ParseTimestamp(stored);
  return t ? tz::FormatInstant(*t) : "";
}

Result<std::string> ClientName(Transaction& tx, const std::string& org_id, const std::string& client_id) {
  SW_ASSIGN(auto client, admissions::ClientStore::Get(tx, org_id, client_id));
  return client ? admissions::DisplayName(*client) : std::string();
}

}  // namespace internal

using namespace internal;

std::string SessionService::Now() const { return FormatTimestamp(clock_.Now()); }

Status SessionService::RecordRead(const Actor& actor, const audit::Event& event) const {
  if (!read_log_) return Ok();
  return read_log_->Record(actor, event);
}

Status SessionService::CheckPassword(const Actor& actor, const std::string& password) const {
  if (password.empty()) return Error::Field("password", "signing needs your password");
  if (!password_check_) return Error::Internal("no password check is wired");
  return password_check_(actor, password);
}

Result<SessionSettings> SessionService::SettingsIn(Transaction& tx, const std::string& org_id,
                                                   const std::string& program_id) {
  if (program_id.empty()) return SessionSettings{};
  SW_ASSIGN(auto stored, SessionStore::Settings(tx, org_id, program_id));
  return stored ? stored->settings : SessionSettings{};
}

Result<SessionSettings> SessionService::ClientSettingsIn(Transaction& tx, const std::string& org_id,
                                                         const std::string& client_id) {
  SW_ASSIGN(auto episode, admissions::ClientStore::CurrentEpisode(tx, org_id, client_id));
  return SettingsIn(tx, org_id, episode ? episode->program_id : "");
}

Result<std::string> SessionService::ZoneIn(Transaction& tx, const std::string& org_id) {
  SW_ASSIGN(auto org, program::ProgramStore::GetOrganization(tx, org_id));
  if (org && tz::Known(org->time_zone)) return org->time_zone;
  return std::string("UTC");
}

Result<bool> SessionService::IsLicensed(Transaction& tx, const std::string& org_id, const std::string& staff_id) {
  if (staff_id.empty()) return false;
  SW_ASSIGN(auto staff, program::StaffStore::Get(tx, org_id, staff_id));
  if (!staff || staff->meta.voided) return false;
  const auto today = std::chrono::sys_days(UtcDate(clock_.Now()));
  const auto& settings = plans_.settings();
  return std::any_of(staff->credentials.begin(), staff->credentials.end(), [&](const program::Credential& c) {
    return settings.IsLicensed(c.type) && (!c.expires_on || std::chrono::sys_days(*c.expires_on) >= today);
  });
}

namespace {

// The client's plan versions that notes may link to: the active one and the newest.
Result<std::vector<plans::PlanContent>> PlanContents(Transaction& tx, const std::string& org_id,
                                                     const std::string& client_id) {
  std::vector<plans::PlanContent> out;
  SW_ASSIGN(auto list, plans::PlanStore::ListForClient(tx, org_id, client_id));
  for (const auto& p : list) {
    if (p.meta.voided) continue;
    for (int no : {p.active_version_no.value_or(0), p.current_version_no}) {
      if (no <= 0) continue;
      SW_ASSIGN(auto v, plans::PlanStore::GetVersion(tx, org_id, p.meta.id, no));
      if (v) out.push_back(v->content);
    }
  }
  return out;
}

}  // namespace

Result<std::vector<std::string>> SessionService::PlanObjectiveIds(Transaction& tx, const std::string& org_id,
                                                                  const std::string& client_id) {
  SW_ASSIGN(auto contents, PlanContents(tx, org_id, client_id));
  std::vector<std::string> ids;
  for (const auto& c : contents) {
    for (const auto& o : c.objectives) ids.push_back(o.id);
  }
  return ids;
}

Result<std::vector<std::string>> SessionService::PlanInterventionIds(Transaction& tx, const std::string& org_id,
                                                                     const std::string& client_id) {
  SW_ASSIGN(auto contents, PlanContents(tx, org_id, client_id));
  std::vector<std::string> ids;
  for (const auto& c : contents) {
    for (const auto& i : c.interventions) ids.push_back(i.id);
  }
  return ids;
}

Result<Note> SessionService::LoadNote(Transaction& tx, const Actor& actor, const std::string& id) {
  SW_ASSIGN(auto note, db::Found(SessionStore::GetNote(tx, actor.org_id, id), "note"));
  if (!clients_.CheckAccessIn(tx, actor, note.client_id).ok()) return Error::NotFound("no such note");
  SW_ASSIGN(note.addenda, SessionStore::AddendaOf(tx, actor.org_id, id));
  return note;
}

Result<NoteView> SessionService::NoteViewOf(Transaction& tx, const std::string& org_id, Note note) {
  NoteView v;
  SW_ASSIGN(v.client_name, ClientName(tx, org_id, note.client_id));
  SW_ASSIGN(auto settings, ClientSettingsIn(tx, org_id, note.client_id));
  if (auto end = ParseTimestamp(note.end_at)) {
    const TimePoint deadline = SignDeadline(*end, settings.sign_deadline_hours);
    v.deadline = tz::FormatInstant(deadline);
    v.overdue = note.signing.status == kDraft && clock_.Now() > deadline;
    v.late_entry_if_signed_now = IsLateEntry(*end, clock_.Now(), settings.late_entry_hours);
  }
  if (note.kind == "group") {
    SW_ASSIGN(auto group, SessionStore::GetGroupSession(tx, org_id, note.group_session_id));
    if (group) v.shared = group->shared;
  }
  v.note = std::move(note);
  return v;
}

Result<std::vector<QueueItem>> SessionService::QueueIn(Transaction& tx, const Actor& actor, const std::string& status,
                                                       const std::string& author_user_id) {
  std::vector<QueueItem> out;
  const std::string author_staff_id = author_user_id.empty() ? "" : actor.staff_id;
  SW_ASSIGN(auto notes, SessionStore::NotesWithStatus(tx, actor.org_id, status, author_user_id, author_staff_id));
  for (auto& n : notes) {
    if (!clients_.CheckAccessIn(tx, actor, n.client_id).ok() && author_user_id.empty()) continue;
    const std::string title = n.kind == "group" ? n.title
                              : n.kind == "family" ? std::string("Family session")
                                                   : std::string("Individual session");
    SW_ASSIGN(auto view, NoteViewOf(tx, actor.org_id, std::move(n)));
    const Note& x = view.note;
    out.push_back({"note", x.meta.id, x.client_id, view.client_name, title, x.signing.author_name, x.signing.status,
                   FormatDate(x.session_date), Instant(x.end_at), Instant(x.signing.signed_at), view.deadline,
                   view.overdue});
  }
  SW_ASSIGN(auto groups,
            SessionStore::GroupSessionsWithStatus(tx, actor.org_id, status, author_user_id, author_staff_id));
  for (const auto& g : groups) {
    SW_ASSIGN(auto settings, SettingsIn(tx, actor.org_id, g.program_id));
    std::string deadline;
    bool overdue = false;
    if (auto end = ParseTimestamp(g.end_at)) {
      const TimePoint d = SignDeadline(*end, settings.sign_deadline_hours);
      deadline = tz::FormatInstant(d);
      overdue = g.signing.status == kDraft && clock_.Now() > d;
    }
    out.push_back({"group_session", g.occurrence_id, "", "", g.title, g.signing.author_name, g.signing.status,
                   FormatDate(g.session_date), Instant(g.end_at), Instant(g.signing.signed_at), deadline, overdue});
  }
  std::sort(out.begin(), out.end(),
            [](const QueueItem& a, const QueueItem& b) { return a.session_end < b.session_end; });
  return out;
}

Result<std::vector<QueueItem>> SessionService::CosignQueue(const Actor& actor) {
  SW_TRY(program::RequireOrganization(actor));
  auto list = db::InTransaction(db_, Access::kRead, [&](Transaction& tx) -> Result<std::vector<QueueItem>> {
    SW_ASSIGN(auto items, QueueIn(tx, actor, std::string(kAwaitingCosign), ""));
    // Nobody co-signs their own notes.
    SW_ASSIGN(auto mine, QueueIn(tx, actor, std::string(kAwaitingCosign), actor.user_id));
    std::erase_if(items, [&](const QueueItem& i) {
      return std::any_of(mine.begin(), mine.end(), [&](const QueueItem& m) { return m.type == i.type && m.id == i.id; });
    });
    return items;
  });
  if (!list.ok()) return list;
  SW_TRY(RecordRead(actor, {.action = "query", .resource_type = "note", .data_category = kCategory,
                            .reason = "co-sign queue"}));
  return list;
}

Result<std::vector<QueueItem>> SessionService::Unsigned(const Actor& actor, bool all) {
  SW_TRY(program::RequireOrganization(actor));
  if (all && actor.client_scope != ClientScope::kProgram) {
    return Error::PermissionDenied("everyone's unsigned notes are for program-wide staff such as the director");
  }
  auto list = db::InTransaction(db_, Access::kRead, [&](Transaction& tx) -> Result<std::vector<QueueItem>> {
    SW_ASSIGN(auto items, QueueIn(tx, actor, std::string(kDraft), all ? "" : actor.user_id));
    if (all) std::erase_if(items, [](const QueueItem& i) { return !i.overdue; });
    return items;
  });
  if (!list.ok()) return list;
  SW_TRY(RecordRead(actor, {.action = "query", .resource_type = "note", .data_category = kCategory,
                            .reason = all ? "unsigned notes past the deadline" : "my unsigned notes"}));
  return list;
}

Result<SettingsView> SessionService::Settings(const Actor& actor, const std::string& program_id) {
  SW_TRY(program::RequireOrganization(actor));
  return db::InTransaction(db_, Access::kRead, [&](Transaction& tx) -> Result<SettingsView> {
    SW_TRY(db::Found(program::ProgramStore::GetProgram(tx, actor.org_id, program_id), "program"));
    SW_ASSIGN(auto stored, SessionStore::Settings(tx, actor.org_id, program_id));
    if (!stored) return SettingsView{program_id, SessionSettings{}, 0};
    return SettingsView{program_id, stored->settings, stored->version};
  });
}

Result<SettingsView> SessionService::PutSettings(const Actor& actor, const std::string& program_id,
                                                 std::int64_t expected, SessionSettings settings) {
  SW_TRY(program::RequireOrganization(actor));
  FieldErrors errors;
  CheckSettings(settings, errors);
  if (!errors.empty()) return errors.ToError();
  return db::InTransaction(db_, Access::kWrite, [&](Transaction& tx) -> Result<SettingsView> {
    SW_TRY(db::Found(program::ProgramStore::GetProgram(tx, actor.org_id, program_id), "program"));
    const std::string now = Now();
    SW_TRY(SessionStore::PutSettings(tx, actor.org_id, program_id, settings, expected, now));
    SW_TRY(audit::Append(tx, actor,
                         {.action = "update", .resource_type = "session_settings", .resource_id = program_id,
                          .data_category = "program"},
                         now));
    return SettingsView{program_id, settings, expected + 1};
  });
}

}  // namespace stepwise::sessions
