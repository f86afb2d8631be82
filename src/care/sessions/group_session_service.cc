// Group session records: roll call, the shared note and every attendee's note in one transaction; signing
// and co-signing them; outreach tasks when absences complete a streak.
#include <algorithm>
#include <map>
#include <set>

#include "care/admissions/client_store.h"
#include "care/program/program_service.h"
#include "care/program/staff_store.h"
#include "care/sessions/session_internal.h"
#include "care/sessions/session_service.h"
#include "care/sessions/session_store.h"
#include "platform/base/time_zone.h"
#include "platform/base/uuid.h"
#include "platform/db/records.h"
#include "platform/db/transaction_scope.h"
#include "platform/security/crypto.h"

namespace stepwise::sessions {

using db::Access;
using db::Transaction;
using namespace internal;

namespace {

std::string Path(const char* list, std::size_t i) { return std::string(list) + "[" + std::to_string(i) + "]"; }

bool Facilitates(const scheduling::Occurrence& o, const Actor& actor) {
  return !actor.staff_id.empty() && std::find(o.facilitator_staff_ids.begin(), o.facilitator_staff_ids.end(),
                                              actor.staff_id) != o.facilitator_staff_ids.end();
}

int LengthOf(const scheduling::Occurrence& o) {
  return static_cast<int>(std::chrono::duration_cast<std::chrono::minutes>(o.end_at - o.start_at).count());
}

NoteHeader GroupHeader(const GroupSession& g, const scheduling::Occurrence& o, const std::string& client_name,
                       const std::string& author) {
  return {"group", client_name, g.title, FormatDate(g.session_date), TimeRange(o.start_minute, o.end_minute), author};
}

}  // namespace

Result<SessionService::Loaded> SessionService::LoadGroup(Transaction& tx, const Actor& actor,
                                                         const std::string& occurrence_id) {
  if (!calendar_.occurrence || !calendar_.roster) return Error::Internal("no calendar is wired");
  SW_ASSIGN(auto occurrence, db::Found(calendar_.occurrence(tx, actor.org_id, occurrence_id), "group occurrence"));
  // Program-wide staff, the group's facilitators and supervisors who co-sign open a group's record.
  if (actor.client_scope != ClientScope::kProgram && !Facilitates(occurrence, actor) && !actor.Can("notes.cosign")) {
    return Error::NotFound("no such group occurrence");
  }
  Loaded l;
  SW_ASSIGN(l.roster, calendar_.roster(tx, actor.org_id, occurrence));
  SW_ASSIGN(l.record, SessionStore::GroupSessionOf(tx, actor.org_id, occurrence_id));
  SW_ASSIGN(l.zone, ZoneIn(tx, actor.org_id));
  l.occurrence = std::move(occurrence);
  return l;
}

Result<GroupSessionView> SessionService::ViewOf(Transaction& tx, Loaded l) {
  GroupSessionView v;
  std::map<std::string, std::string> names;
  for (const auto& r : l.roster) names[r.client_id] = r.client_name;
  if (l.record) {
    const std::string& org_id = l.record->meta.org_id;
    for (const auto& id : l.record->shared.facilitator_staff_ids) {
      SW_ASSIGN(auto staff, program::StaffStore::Get(tx, org_id, id));
      l.record->shared.facilitator_names.push_back(staff ? program::DisplayName(*staff) : "");
    }
    SW_ASSIGN(auto rows, SessionStore::AttendanceOf(tx, org_id, l.record->meta.id));
    for (auto& r : rows) {
      r.attendance.client_name = names[r.attendance.client_id];
      if (r.attendance.client_name.empty()) {
        SW_ASSIGN(r.attendance.client_name, ClientName(tx, org_id, r.attendance.client_id));
      }
      v.attendance.push_back(std::move(r.attendance));
    }
    std::sort(v.attendance.begin(), v.attendance.end(),
              [](const Attendance& a, const Attendance& b) { return a.client_name < b.client_name; });
    SW_ASSIGN(v.notes, SessionStore::NotesOfGroupSession(tx, org_id, l.record->meta.id));
  }
  v.occurrence = std::move(l.occurrence);
  v.roster = std::move(l.roster);
  v.record = std::move(l.record);
  return v;
}

Result<GroupSessionView> SessionService::GetGroupSession(const Actor& actor, const std::string& occurrence_id) {
  SW_TRY(program::RequireOrganization(actor));
  auto view = db::InTransaction(db_, Access::kRead, [&](Transaction& tx) -> Result<GroupSessionView> {
    SW_ASSIGN(auto loaded, LoadGroup(tx, actor, occurrence_id));
    return ViewOf(tx, std::move(loaded));
  });
  audit::Event read{.action = "read", .resource_type = "group_session", .resource_id = occurrence_id,
                    .data_category = kCategory};
  if (!view.ok()) {
    if (view.error().code != ErrorCode::kNotFound) return view;
    read.outcome = "denied";
  }
  SW_TRY(RecordRead(actor, read));
  return view;
}

Result<GroupSessionView> SessionService::SaveGroupSession(const Actor& actor, const std::string& occurrence_id,
                                                          std::optional<std::int64_t> expected,
                                                          GroupSessionInput input) {
  SW_TRY(program::RequireOrganization(actor));
  return db::InTransaction(db_, Access::kWrite, [&](Transaction& tx) -> Result<GroupSessionView> {
    SW_ASSIGN(auto l, LoadGroup(tx, actor, occurrence_id));
    const auto& o = l.occurrence;
    if (o.status == "cancelled") return Error::Conflict("the group was cancelled: " + o.cancel_reason);
    if (l.record) {
      if (!expected) return Error::VersionRequired();
      if (l.record->signing.status != kDraft) {
        return Error::Conflict("signed notes take an addendum", {{"status", "the group record is signed"}});
      }
      if (*expected != l.record->meta.version) return Error::StaleVersion();
    }
    if (o.start_at > clock_.Now() + std::chrono::hours(12)) {
      return Error::Conflict("roll call opens on the group's day", {{"occurrence_id", "the group has not met yet"}});
    }
    const int length = LengthOf(o);
    std::map<std::string, const scheduling::RosterEntry*> roster;
    for (const auto& r : l.roster) roster[r.client_id] = &r;
    // Everyone on the roster, by name, for the confidentiality check.
    std::map<std::string, PersonNames> people;
    for (const auto& r : l.roster) {
      SW_ASSIGN(auto client, admissions::ClientStore::Get(tx, actor.org_id, r.client_id));
      if (client) people[r.client_id] = {client->legal_name.given, client->legal_name.family, client->preferred_name};
    }
    FieldErrors errors;
    std::map<std::string, std::size_t> in_roll;
    for (std::size_t i = 0; i < input.attendance.size(); ++i) {
      auto& a = input.attendance[i];
      const std::string path = Path("attendance", i);
      if (!roster.count(a.client_id)) {
        errors.Add(path + ".client_id", "is not on this group's roster");
        continue;
      }
      if (in_roll.count(a.client_id)) {
        errors.Add(path + ".client_id", "is listed twice");
        continue;
      }
      in_roll[a.client_id] = i;
      auto minutes = AttendedMinutes(a, length, path);
      if (!minutes.ok()) {
        for (const auto& f : minutes.error().fields) errors.Add(f.field, f.message);
      } else {
        a.attended_minutes = *minutes;
      }
    }
    SharedNote shared = std::move(input.shared);
    if (shared.topic.empty()) shared.topic = o.topic;
    if (shared.curriculum_module.empty()) shared.curriculum_module = o.curriculum_module;
    if (shared.modality.empty()) shared.modality = o.modality;
    if (shared.facilitator_staff_ids.empty()) shared.facilitator_staff_ids = o.facilitator_staff_ids;
    for (std::size_t i = 0; i < shared.facilitator_staff_ids.size(); ++i) {
      SW_ASSIGN(auto staff, program::StaffStore::Get(tx, actor.org_id, shared.facilitator_staff_ids[i]));
      if (!staff || staff->meta.voided) {
        errors.Add(Path("shared_note.facilitator_staff_ids", i), "is not a staff member of the organization");
      }
    }
    std::vector<PersonNames> everyone;
    for (const auto& [id, p] : people) everyone.push_back(p);
    if (NamedPerson(shared.summary + "\n" + shared.topic, everyone)) {
      errors.Add("shared_note.summary", "names an attendee; the shared note goes into every attendee's chart");
    }
    std::map<std::string, Note> existing;
    if (l.record) {
      SW_ASSIGN(auto notes, SessionStore::NotesOfGroupSession(tx, actor.org_id, l.record->meta.id));
      for (auto& n : notes) existing[n.client_id] = std::move(n);
    }
    std::set<std::string> noted;
    for (std::size_t i = 0; i < input.notes.size(); ++i) {
      const auto& n = input.notes[i];
      const std::string path = Path("notes", i);
      if (!in_roll.count(n.client_id)) {
        errors.Add(path + ".client_id", "is not in this roll call");
        continue;
      }
      if (!noted.insert(n.client_id).second) {
        errors.Add(path + ".client_id", "has a note already in this list");
        continue;
      }
      std::vector<PersonNames> others;
      for (const auto& [id, p] : people) {
        if (id != n.client_id) others.push_back(p);
      }
      if (NamedPerson(NoteTexts(n.content), others)) {
        errors.Add(path + ".text", "names another attendee; a client's note may not name other group members");
      }
      if (std::find(RiskLevels().begin(), RiskLevels().end(), n.content.risk.level) == RiskLevels().end()) {
        errors.Add(path + ".risk.level", "must be none, low, moderate or high");
      }
      std::vector<std::string> objectives;
      if (!n.content.objective_progress.empty()) {
        SW_ASSIGN(objectives, PlanObjectiveIds(tx, actor.org_id, n.client_id));
      }
      for (std::size_t k = 0; k < n.content.objective_progress.size(); ++k) {
        const auto& p = n.content.objective_progress[k];
        const std::string ppath = path + ".objective_progress[" + std::to_string(k) + "]";
        if (std::find(objectives.begin(), objectives.end(), p.objective_id) == objectives.end()) {
          errors.Add(ppath + ".objective_id", "is not an objective of this client's treatment plan");
        }
        if (std::find(ProgressLevels().begin(), ProgressLevels().end(), p.progress) == ProgressLevels().end()) {
          errors.Add(ppath + ".progress", "must be none, some or met");
        }
      }
      auto it = existing.find(n.client_id);
      if (it != existing.end() && !(it->second.group == n.content)) {
        if (it->second.signing.status != kDraft) {
          errors.Add(path + ".text", "is signed; signed notes take an addendum");
        } else if (!IsAuthor(it->second.signing, actor.user_id, actor.staff_id)) {
          errors.Add(path + ".text", "is " + it->second.signing.author_name + "'s note; only its author changes it");
        }
      }
    }
    if (!errors.empty()) return errors.ToError();

    const std::string now = Now();
    SW_ASSIGN(const bool licensed, IsLicensed(tx, actor.org_id, actor.staff_id));
    GroupSession g;
    if (l.record) {
      g = *l.record;
      g.shared = shared;
      g.title = o.title;
      SW_TRY(SessionStore::UpdateGroupSession(tx, g, *expected, now));
    } else {
      g.meta = {NewUuidV7(clock_.Now()), actor.org_id, 1, false, "", now, now};
      g.occurrence_id = occurrence_id;
      g.program_id = o.program_id;
      g.title = o.title;
      g.session_date = o.date;
      g.start_at = FormatTimestamp(o.start_at);
      g.end_at = FormatTimestamp(o.end_at);
      g.length_minutes = length;
      g.shared = shared;
      g.signing.author_staff_id = actor.staff_id;
      g.signing.author_user_id = actor.user_id;
      g.signing.author_name = ActorName(actor);
      g.signing.author_licensed = licensed;
      SW_TRY(SessionStore::InsertGroupSession(tx, g));
    }
    if (l.record) {
      SW_ASSIGN(auto before, SessionStore::AttendanceOf(tx, actor.org_id, g.meta.id));
      for (const auto& r : before) {
        if (!in_roll.count(r.attendance.client_id)) {
          SW_TRY(SessionStore::RemoveAttendance(tx, actor.org_id, g.meta.id, r.attendance.client_id, now));
        }
      }
    }
    for (const auto& a : input.attendance) {
      AttendanceRow row;
      row.id = NewUuidV7(clock_.Now());
      row.org_id = actor.org_id;
      row.group_session_id = g.meta.id;
      row.session_date = o.date;
      row.start_at = g.start_at;
      row.attendance = a;
      SW_TRY(SessionStore::PutAttendance(tx, row, now));
    }
    for (auto& n : input.notes) {
      auto it = existing.find(n.client_id);
      if (it != existing.end()) {
        if (it->second.group == n.content) continue;
        Note changed = it->second;
        changed.group = std::move(n.content);
        SW_TRY(SessionStore::UpdateNote(tx, changed, changed.meta.version, now));
        continue;
      }
      Note note;
      note.meta = {NewUuidV7(clock_.Now()), actor.org_id, 1, false, "", now, now};
      note.client_id = n.client_id;
      note.kind = "group";
      note.group_session_id = g.meta.id;
      note.session_date = o.date;
      note.start_at = g.start_at;
      note.end_at = g.end_at;
      note.group = std::move(n.content);
      note.signing.author_staff_id = actor.staff_id;
      note.signing.author_user_id = actor.user_id;
      note.signing.author_name = ActorName(actor);
      note.signing.author_licensed = licensed;
      SW_TRY(SessionStore::InsertNote(tx, note));
    }
    // One audit event for the record, one per client whose chart it touches.
    SW_TRY(Audit(tx, actor, l.record ? "update" : "create", "group_session", g.meta.id, "", now, "roll call"));
    SW_ASSIGN(auto settings, SettingsIn(tx, actor.org_id, o.program_id));
    for (const auto& a : input.attendance) {
      SW_TRY(Audit(tx, actor, "update", "attendance", g.meta.id, a.client_id, now, "roll call and group note"));
      if (IsAbsent(a.status)) SW_TRY(OutreachIn(tx, actor, a.client_id, settings.absences_for_outreach, now));
    }
    SW_ASSIGN(l.record, SessionStore::GroupSessionOf(tx, actor.org_id, occurrence_id));
    return ViewOf(tx, std::move(l));
  });
}

Status SessionService::OutreachIn(Transaction& tx, const Actor& actor, const std::string& client_id, int needed,
                                  const std::string& now) {
  SW_ASSIGN(auto recent, SessionStore::RecentStatuses(tx, actor.org_id, client_id, 60));
  std::vector<std::string> statuses;
  for (const auto& [status, date] : recent) statuses.push_back(status);
  const int streak = TrailingAbsences(statuses);
  if (streak < needed) return Ok();
  const Date first = recent[recent.size() - static_cast<std::size_t>(streak)].second;
  SW_ASSIGN(auto episode, admissions::ClientStore::CurrentEpisode(tx, actor.org_id, client_id));
  tasks::Task t;
  t.client_id = client_id;
  if (episode && !episode->counselor_id.empty()) t.assignee_staff_id = episode->counselor_id;
  else t.assignee_role = "program_director";
  t.kind = "outreach";
  t.title = "Reach out: " + std::to_string(streak) + " group absences in a row";
  t.detail = "Missed groups in a row since " + FormatDate(first) + ".";
  t.source_type = "attendance";
  t.source_id = client_id + ":" + FormatDate(first);
  t.due_on = Date(std::chrono::sys_days(UtcDate(clock_.Now())) + std::chrono::days(1));
  SW_TRY(tasks::CreateIn(tx, actor, std::move(t), now));
  return Ok();
}

Result<GroupSessionView> SessionService::SignGroupSession(const Actor& actor, const std::string& occurrence_id,
                                                          const std::string& password) {
  SW_TRY(program::RequireOrganization(actor));
  SW_TRY(CheckPassword(actor, password));
  return db::InTransaction(db_, Access::kWrite, [&](Transaction& tx) -> Result<GroupSessionView> {
    SW_ASSIGN(auto l, LoadGroup(tx, actor, occurrence_id));
    if (!l.record) return Error::Conflict("save the roll call before signing", {{"record", "there is none yet"}});
    GroupSession g = *l.record;
    const std::string now = Now();
    SW_ASSIGN(const bool licensed, IsLicensed(tx, actor.org_id, actor.staff_id));
    SW_ASSIGN(auto settings, SettingsIn(tx, actor.org_id, g.program_id));
    const auto end = ParseTimestamp(g.end_at).value_or(clock_.Now());
    const bool late = IsLateEntry(end, clock_.Now(), settings.late_entry_hours);
    SW_ASSIGN(auto view, ViewOf(tx, l));
    int signed_count = 0;
    if (IsAuthor(g.signing, actor.user_id, actor.staff_id) && g.signing.status == kDraft) {
      if (g.shared.summary.empty()) return Error::Field("shared_note.summary", "must be written before signing");
      g.shared.facilitator_names = view.record->shared.facilitator_names;
      g.signing.signed_text = RenderSharedNote(g.title, FormatDate(g.session_date), g.shared);
      g.signing.signed_sha256 = security::Sha256Hex(g.signing.signed_text);
      g.signing.signed_at = now;
      g.signing.late_entry = late;
      g.signing.author_licensed = licensed;
      g.signing.status = std::string(StatusAfterSigning(licensed));
      SW_TRY(SessionStore::UpdateGroupSession(tx, g, g.meta.version, now));
      SW_TRY(Audit(tx, actor, "sign", "group_session", g.meta.id, "", now, late ? "late entry" : ""));
      ++signed_count;
    }
    std::map<std::string, Attendance> attendance;
    for (const auto& a : view.attendance) attendance[a.client_id] = a;
    for (auto n : view.notes) {
      if (!IsAuthor(n.signing, actor.user_id, actor.staff_id) || n.signing.status != kDraft) continue;
      const auto& a = attendance[n.client_id];
      n.signing.signed_text = RenderGroupNote(GroupHeader(g, l.occurrence, a.client_name, n.signing.author_name),
                                              g.shared, a, n.group);
      n.signing.signed_sha256 = security::Sha256Hex(n.signing.signed_text);
      n.signing.signed_at = now;
      n.signing.late_entry = late;
      n.signing.author_licensed = licensed;
      n.signing.status = std::string(StatusAfterSigning(licensed));
      SW_TRY(SessionStore::UpdateNote(tx, n, n.meta.version, now));
      SW_TRY(Audit(tx, actor, "sign", "note", n.meta.id, n.client_id, now, late ? "late entry" : ""));
      ++signed_count;
    }
    if (signed_count == 0) {
      if (!IsAuthor(g.signing, actor.user_id, actor.staff_id)) {
        return Error{ErrorCode::kPermissionDenied, "only the author signs a note",
                     {{"author", "written by " + g.signing.author_name}}};
      }
      return Error::Conflict("nothing of yours is waiting to be signed", {{"status", g.signing.status}});
    }
    SW_ASSIGN(l.record, SessionStore::GroupSessionOf(tx, actor.org_id, occurrence_id));
    return ViewOf(tx, std::move(l));
  });
}

Result<GroupSessionView> SessionService::CosignGroupSession(const Actor& actor, const std::string& occurrence_id,
                                                            const std::string& password) {
  SW_TRY(program::RequireOrganization(actor));
  SW_TRY(CheckPassword(actor, password));
  return db::InTransaction(db_, Access::kWrite, [&](Transaction& tx) -> Result<GroupSessionView> {
    SW_ASSIGN(auto l, LoadGroup(tx, actor, occurrence_id));
    if (!l.record) return Error::NotFound("no record of this group yet");
    SW_ASSIGN(const bool licensed, IsLicensed(tx, actor.org_id, actor.staff_id));
    const std::string now = Now();
    const std::string name = ActorName(actor);
    int count = 0;
    GroupSession g = *l.record;
    if (g.signing.status == kAwaitingCosign) {
      const bool is_author = IsAuthor(g.signing, actor.user_id, actor.staff_id);
      if (auto why = CanCosign(g.signing.status, is_author, licensed)) {
        return Error{ErrorCode::kPermissionDenied, *why, {{is_author ? "author" : "credential", *why}}};
      }
      g.signing.status = std::string(kSigned);
      g.signing.cosigner_staff_id = actor.staff_id;
      g.signing.cosigner_name = name;
      g.signing.cosigned_at = now;
      SW_TRY(SessionStore::UpdateGroupSession(tx, g, g.meta.version, now));
      SW_TRY(Audit(tx, actor, "cosign", "group_session", g.meta.id, "", now));
      ++count;
    }
    SW_ASSIGN(auto notes, SessionStore::NotesOfGroupSession(tx, actor.org_id, g.meta.id));
    for (auto& n : notes) {
      if (n.signing.status != kAwaitingCosign) continue;
      const bool is_author = IsAuthor(n.signing, actor.user_id, actor.staff_id);
      if (auto why = CanCosign(n.signing.status, is_author, licensed)) {
        return Error{ErrorCode::kPermissionDenied, *why, {{is_author ? "author" : "credential", *why}}};
      }
      n.signing.status = std::string(kSigned);
      n.signing.cosigner_staff_id = actor.staff_id;
      n.signing.cosigner_name = name;
      n.signing.cosigned_at = now;
      SW_TRY(SessionStore::UpdateNote(tx, n, n.meta.version, now));
      SW_TRY(Audit(tx, actor, "cosign", "note", n.meta.id, n.client_id, now));
      ++count;
    }
    if (count == 0) return Error::Conflict("nothing in this group is waiting for a co-signature");
    SW_ASSIGN(l.record, SessionStore::GroupSessionOf(tx, actor.org_id, occurrence_id));
    return ViewOf(tx, std::move(l));
  });
}

}  // namespace stepwise::sessions
