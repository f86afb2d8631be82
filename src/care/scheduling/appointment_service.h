// Use cases for appointments (individual and family sessions, drug-test slots), availability, the live
// conflict check, the merged calendar, optimizer proposals, scheduled hours and iCalendar feeds (ADR 0012).
// One transaction per call, scoped to the actor's organization; client access as ClientService (a client
// outside the actor's access is "not found"; in lists their appointments show as busy time without the
// client); every change audited in its transaction; reads recorded through the ReadLog. Every placement goes
// through conflicts.h's CheckPlacement against appointments and the calendar core's group occurrences.
// Thread-safe: holds no state of its own.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "care/admissions/client_service.h"
#include "care/plans/plan_model.h"
#include "care/scheduling/appointment_store.h"
#include "care/scheduling/conflicts.h"
#include "platform/audit/audit_log.h"
#include "platform/base/clock.h"
#include "platform/db/database.h"
#include "platform/security/actor.h"

namespace stepwise::scheduling {

struct AppointmentFilter {
  Date from{}, to{};  // local dates, inclusive, at most 62 days
  std::string staff_id, client_id, room_id;
};

// What the live check judges: an appointment draft (with `exclude_id` the appointment being moved), or a
// group occurrence at a new time or room.
struct CheckRequest {
  Appointment appointment;
  std::string occurrence_id;  // set → check the occurrence at appointment.date/start/end in room_id
};

struct CalendarFilter {
  Date from{}, to{};
  std::string staff_id, client_id, room_id, track_id;
};

struct CalendarItem {
  std::string type;  // group | appointment
  std::optional<Occurrence> group;
  std::optional<Appointment> appointment;
  TimePoint start_at{};
};

struct HoursView {
  Date week_of{};
  std::map<std::string, double> per_day;  // mon..sun
  double per_week = 0;
  std::vector<plans::CheckResult> checks;
};

struct HoursWarning {
  std::string client_id, client_name;
  HoursView hours;
};

struct ProposalRequest {
  std::string program_id;
  Date week_of{};  // a Monday
  int weeks = 1;
};

struct FeedCreated {
  CalendarFeed feed;
  std::string url;  // "/ical/<token>.ics" (the token is shown only here)
};

class AppointmentService {
 public:
  AppointmentService(db::Database& db, const Clock& clock, admissions::ClientService& clients,
                     const plans::PlanSettings& settings)
      : db_(db), clock_(clock), clients_(clients), settings_(&settings) {}
  void SetReadLog(audit::ReadLog* log) { read_log_ = log; }
  void SetSettings(const plans::PlanSettings& settings) { settings_ = &settings; }

  Result<std::vector<Appointment>> List(const Actor& actor, const AppointmentFilter& filter);
  Result<Appointment> Get(const Actor& actor, const std::string& id);
  // Creates after every conflict check passes (400 naming each violation); times from date/start/end (local)
  // or start_at/end_at.
  Result<Appointment> Create(const Actor& actor, Appointment draft);
  Result<Appointment> Update(const Actor& actor, Appointment changes, std::int64_t expected_version);
  Result<Appointment> Cancel(const Actor& actor, const std::string& id, std::int64_t expected_version,
                             const std::string& reason);
  // The conflicts a placement would have; saves nothing. A group occurrence at a new date also gets the move's
  // roster check (CheckMoveFitsIn): group_full naming date when newcomers would make it larger than its limit.
  Result<std::vector<Conflict>> Check(const Actor& actor, CheckRequest request);
  // Group occurrences and appointments in [from, to], merged by start.
  Result<std::vector<CalendarItem>> Calendar(const Actor& actor, const CalendarFilter& filter);

  Result<ClientAvailability> ClientAvailabilityOf(const Actor& actor, const std::string& client_id);
  Result<ClientAvailability> PutClientAvailability(const Actor& actor, ClientAvailability a, std::int64_t expected);
  Result<StaffAvailability> StaffAvailabilityOf(const Actor& actor, const std::string& staff_id);
  Result<StaffAvailability> PutStaffAvailability(const Actor& actor, StaffAvailability a, std::int64_t expected);
  Result<SessionRequirement> AddRequirement(const Actor& actor, SessionRequirement draft);
  // The client's live manual requirements, oldest first (audited as a read).
  Result<std::vector<SessionRequirement>> RequirementsOf(const Actor& actor, const std::string& client_id);
  // Voids one with a reason; later proposals no longer ask for it.
  Result<SessionRequirement> VoidRequirement(const Actor& actor, const std::string& id, std::int64_t expected_version,
                                             const std::string& reason);

  // Proposals (proposal_service.cc)
  Result<Proposal> Propose(const Actor& actor, const ProposalRequest& request);
  Result<Proposal> GetProposal(const Actor& actor, const std::string& id);
  // Accepts all items (nullopt) or the named ones in one transaction; any conflict → 400 naming
  // "item_ids[k]…" and nothing saved.
  Result<Proposal> Accept(const Actor& actor, const std::string& id, std::optional<std::vector<std::string>> item_ids);

  // Scheduled hours of a week against the configured intensity checks (proposal_service.cc).
  Result<HoursView> ScheduledHours(const Actor& actor, const std::string& client_id, Date week_of);
  Result<std::vector<HoursWarning>> HoursWarnings(const Actor& actor, Date week_of);

  // Feeds (feed_service.cc)
  Result<FeedCreated> CreateFeed(const Actor& actor, const std::string& owner_type, const std::string& owner_id);
  Result<std::vector<CalendarFeed>> ListFeeds(const Actor& actor, const std::string& owner_type,
                                              const std::string& owner_id);
  Result<CalendarFeed> RevokeFeed(const Actor& actor, const std::string& id);
  // The public feed: text/calendar for a live token; kNotFound otherwise. Audited as a read by the feed.
  Result<std::string> FeedText(const std::string& token);

  // Inside a caller's transaction: the conflicts of `p` (used by Create/Update/Accept and by tests).
  Result<std::vector<Conflict>> ConflictsIn(db::Transaction& tx, const std::string& org_id, const Placement& p,
                                            const std::string& program_id);

 private:
  Result<Appointment> SaveChecked(db::Transaction& tx, const Actor& actor, Appointment a, std::int64_t expected,
                                  const std::string& field_prefix);
  Status Localize(db::Transaction& tx, const std::string& org_id, Appointment& a, bool from_local) const;
  Status CheckClientAccess(db::Transaction& tx, const Actor& actor, const std::string& client_id);
  Status RecordRead(const Actor& actor, const audit::Event& event) const;
  Result<bool> StaffLicensed(db::Transaction& tx, const std::string& org_id, const std::string& staff_id, Date on,
                             std::vector<std::string>* credential_types = nullptr) const;
  // Hides clients the actor may not open (caseload scope): their appointments stay as busy time.
  Status Redact(db::Transaction& tx, const Actor& actor, std::vector<Appointment>& list);
  Result<HoursView> HoursIn(db::Transaction& tx, const std::string& org_id, const std::string& client_id,
                            Date week_of);
  // Sets p's staff rule for appointment `a` (session_staff.cc): individual and family sessions need a licensed
  // clinician unless the plan intervention they carry out says otherwise in the program's catalog.
  Status ApplyStaffRuleIn(db::Transaction& tx, const std::string& org_id, const Appointment& a, Placement& p) const;
  std::string Now() const;

  db::Database& db_;
  const Clock& clock_;
  admissions::ClientService& clients_;
  const plans::PlanSettings* settings_;
  audit::ReadLog* read_log_ = nullptr;
};

// For session records and drug testing: appointments whose local date is in [from, to], any status.
Result<std::vector<Appointment>> AppointmentsIn(db::Transaction& tx, const std::string& org_id, Date from, Date to);
Result<std::optional<Appointment>> AppointmentIn(db::Transaction& tx, const std::string& org_id, const std::string& id);

// "Individual session", "Family session", "Drug-test slot".
std::string KindLabel(std::string_view kind);

}  // namespace stepwise::scheduling
