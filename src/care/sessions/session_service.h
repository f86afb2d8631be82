// Use cases for session records and notes (ADR 0012 decision 6): a group's roll call with its shared note and
// every attendee's note saved in one transaction; individual and family notes; signing with a password
// re-entry (the author only), co-signing by a licensed supervisor, addenda; the unsigned and co-sign lists;
// the chart's timeline, attended hours against the plans' intensity checks, billing suggestions, "My day";
// outreach tasks after consecutive absences. One transaction per call; client access as ClientService (a
// group record is open to program-wide staff and to the group's facilitators); writes audited in their
// transaction (data category "clinical_note"), reads through the ReadLog. Thread-safe once wired.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "care/admissions/client_service.h"
#include "care/plans/plan_service.h"
#include "care/scheduling/appointment_model.h"
#include "care/scheduling/calendar_model.h"
#include "care/sessions/billing.h"
#include "care/sessions/session_records.h"
#include "care/tasks/task_service.h"
#include "platform/audit/audit_log.h"
#include "platform/base/clock.h"
#include "platform/db/database.h"
#include "platform/security/actor.h"

namespace stepwise::sessions {

// The calendar as this module reads it, inside the caller's transaction. The composition root wires it to
// care/scheduling (OccurrenceIn, RosterIn, OccurrencesIn, AppointmentIn, AppointmentsIn); tests use fakes.
struct CalendarSource {
  std::function<Result<std::optional<scheduling::Occurrence>>(db::Transaction&, const std::string& org_id,
                                                              const std::string& occurrence_id)>
      occurrence;
  std::function<Result<std::vector<scheduling::RosterEntry>>(db::Transaction&, const std::string& org_id,
                                                             const scheduling::Occurrence&)>
      roster;
  std::function<Result<std::vector<scheduling::Occurrence>>(db::Transaction&, const std::string& org_id, Date from,
                                                            Date to)>
      occurrences;
  std::function<Result<std::optional<scheduling::Appointment>>(db::Transaction&, const std::string& org_id,
                                                               const std::string& id)>
      appointment;
  std::function<Result<std::vector<scheduling::Appointment>>(db::Transaction&, const std::string& org_id, Date from,
                                                             Date to)>
      appointments;
};

// Re-entry of the actor's own password (wired to IdentityService::VerifyMyPassword): a field error on
// "password" when wrong.
using PasswordCheck = std::function<Status(const Actor&, const std::string& password)>;

struct AttendeeNote {
  std::string client_id;
  GroupNoteContent content;
};

// What a roll-call screen saves.
struct GroupSessionInput {
  SharedNote shared;
  std::vector<Attendance> attendance;
  std::vector<AttendeeNote> notes;
};

struct GroupSessionView {
  scheduling::Occurrence occurrence;
  std::vector<scheduling::RosterEntry> roster;
  std::optional<GroupSession> record;
  std::vector<Attendance> attendance;  // with names and attended minutes
  std::vector<Note> notes;
};

struct NoteInput {
  std::string kind;  // individual | family
  std::string appointment_id;
  SessionNoteContent content;
  std::optional<TimePoint> start_at, end_at;
};

struct NoteView {
  Note note;
  std::string client_name;
  std::optional<SharedNote> shared;  // a group note: the group's shared note (never its roster)
  std::string deadline;  // when an unsigned note becomes overdue (instant)
  bool overdue = false;
  bool late_entry_if_signed_now = false;
};

// One line of the unsigned list or the co-sign queue.
struct QueueItem {
  std::string type;  // note | group_session
  std::string id;    // note id or occurrence id
  std::string client_id, client_name;  // notes only
  std::string title, author_name, status, session_date, session_end, signed_at, deadline;
  bool overdue = false;
};

struct TimelineItem {
  std::string at, type, title, detail, ref_id;
};

struct HoursView {
  Date week_of{};
  plans::PlannedHours hours;
  std::vector<plans::CheckResult> checks;
  int consecutive_absences = 0;
};

struct DayGroup {
  scheduling::Occurrence occurrence;
  std::string roll_call_status;  // none | draft | awaiting_cosign | signed
};

struct MyDay {
  Date date{};
  std::vector<DayGroup> groups;
  std::vector<scheduling::Appointment> appointments;
  std::map<std::string, std::string> appointment_notes;  // appointment id → the note written for it
  std::vector<QueueItem> notes_to_sign, cosign_queue;
  std::vector<tasks::TaskView> tasks;
};

struct SettingsView {
  std::string program_id;
  SessionSettings settings;
  std::int64_t version = 0;  // 0 while the defaults apply
};

// A release section (consent categories "attendance" and "progress"): only this client's rows.
struct ReleaseSection {
  std::string title;
  std::vector<std::string> columns;
  std::vector<std::vector<std::string>> rows;
  std::string note;
};

class SessionService {
 public:
  SessionService(db::Database& db, const Clock& clock, admissions::ClientService& clients,
                 plans::PlanService& plans)
      : db_(db), clock_(clock), clients_(clients), plans_(plans) {}
  // The same service acting as of another clock's time (the demo's back-dated groups, tests).
  SessionService(const SessionService& other, const Clock& clock)
      : db_(other.db_), clock_(clock), clients_(other.clients_), plans_(other.plans_), calendar_(other.calendar_),
        password_check_(other.password_check_), tasks_(other.tasks_), read_log_(other.read_log_) {}
  void SetReadLog(audit::ReadLog* log) { read_log_ = log; }
  void SetCalendar(CalendarSource calendar) { calendar_ = std::move(calendar); }
  void SetPasswordCheck(PasswordCheck check) { password_check_ = std::move(check); }
  void SetTasks(tasks::TaskService* tasks) { tasks_ = tasks; }

  Result<GroupSessionView> GetGroupSession(const Actor& actor, const std::string& occurrence_id);
  // Saves roll call, shared note and attendee notes together; `expected` is required once a record exists
  // (kPreconditionRequired), must match (kFailedPrecondition). Field errors: attendance[i].client_id (not
  // on the roster, twice), attendance[i].late_minutes / .left_early_minutes / .status / .absence_reason,
  // shared_note.summary (names an attendee), notes[i].client_id (not in the roll call), notes[i].text (names
  // another attendee), notes[i].objective_progress[k].objective_id / .progress, notes[i].risk.level. A signed
  // record is kConflict. Absences that complete a streak create outreach tasks in the same transaction.
  Result<GroupSessionView> SaveGroupSession(const Actor& actor, const std::string& occurrence_id,
                                            std::optional<std::int64_t> expected, GroupSessionInput input);
  // Signs the shared note (when the actor wrote it) and every draft attendee note the actor wrote.
  Result<GroupSessionView> SignGroupSession(const Actor& actor, const std::string& occurrence_id,
                                            const std::string& password);
  Result<GroupSessionView> CosignGroupSession(const Actor& actor, const std::string& occurrence_id,
                                              const std::string& password);

  Result<NoteView> CreateNote(const Actor& actor, const std::string& client_id, NoteInput input);
  Result<NoteView> GetNote(const Actor& actor, const std::string& id);
  Result<NoteView> UpdateNote(const Actor& actor, const std::string& id, std::int64_t expected, NoteInput input);
  Result<NoteView> SignNote(const Actor& actor, const std::string& id, const std::string& password);
  Result<NoteView> CosignNote(const Actor& actor, const std::string& id, const std::string& password);
  Result<NoteView> AddAddendum(const Actor& actor, const std::string& id, const std::string& reason,
                               const std::string& text);
  Result<std::vector<NoteView>> NotesOfClient(const Actor& actor, const std::string& client_id);

  Result<std::vector<QueueItem>> CosignQueue(const Actor& actor);
  // The actor's unsigned notes and records; with `all` (program-wide staff), everyone's past the deadline.
  Result<std::vector<QueueItem>> Unsigned(const Actor& actor, bool all);

  Result<std::vector<TimelineItem>> Timeline(const Actor& actor, const std::string& client_id, Date from, Date to);
  Result<HoursView> AttendedHours(const Actor& actor, const std::string& client_id, Date week_of);
  Result<std::vector<Suggestion>> Billing(const Actor& actor, const std::string& client_id, Date from, Date to);
  Result<MyDay> Today(const Actor& actor);

  Result<SettingsView> Settings(const Actor& actor, const std::string& program_id);
  Result<SettingsView> PutSettings(const Actor& actor, const std::string& program_id, std::int64_t expected,
                                   SessionSettings settings);

  // Release sections of this client only (the shared note without the roster), inside the caller's tx.
  Result<ReleaseSection> AttendanceSectionIn(db::Transaction& tx, const Actor& actor, const std::string& client_id);
  Result<ReleaseSection> ProgressSectionIn(db::Transaction& tx, const Actor& actor, const std::string& client_id);

  std::string Now() const;

 private:
  struct Loaded;
  Result<Loaded> LoadGroup(db::Transaction& tx, const Actor& actor, const std::string& occurrence_id);
  Result<GroupSessionView> ViewOf(db::Transaction& tx, Loaded loaded);
  Result<Note> LoadNote(db::Transaction& tx, const Actor& actor, const std::string& id);
  Result<NoteView> NoteViewOf(db::Transaction& tx, const std::string& org_id, Note note);
  Result<SessionSettings> SettingsIn(db::Transaction& tx, const std::string& org_id, const std::string& program_id);
  Result<SessionSettings> ClientSettingsIn(db::Transaction& tx, const std::string& org_id,
                                           const std::string& client_id);
  Result<std::string> ZoneIn(db::Transaction& tx, const std::string& org_id);
  Result<bool> IsLicensed(db::Transaction& tx, const std::string& org_id, const std::string& staff_id);
  Result<std::vector<std::string>> PlanObjectiveIds(db::Transaction& tx, const std::string& org_id,
                                                    const std::string& client_id);
  Result<std::vector<std::string>> PlanInterventionIds(db::Transaction& tx, const std::string& org_id,
                                                       const std::string& client_id);
  Status PrepareNote(db::Transaction& tx, const Actor& actor, const std::string& client_id, NoteInput& input,
                     Note& note);
  Status OutreachIn(db::Transaction& tx, const Actor& actor, const std::string& client_id, int needed,
                    const std::string& now);
  Result<std::vector<QueueItem>> QueueIn(db::Transaction& tx, const Actor& actor, const std::string& status,
                                         const std::string& author_user_id);
  Status RecordRead(const Actor& actor, const audit::Event& event) const;
  Status CheckPassword(const Actor& actor, const std::string& password) const;

  db::Database& db_;
  const Clock& clock_;
  admissions::ClientService& clients_;
  plans::PlanService& plans_;
  CalendarSource calendar_;
  PasswordCheck password_check_;
  tasks::TaskService* tasks_ = nullptr;
  audit::ReadLog* read_log_ = nullptr;
};

}  // namespace stepwise::sessions
