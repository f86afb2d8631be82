// SQL for appointments, availability, manual session requirements, optimizer proposals and calendar feeds
// (migration 0013).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "care/scheduling/appointment_model.h"
#include "platform/db/database.h"

namespace stepwise::scheduling {

struct AppointmentQuery {
  TimePoint from{}, to{};  // appointments overlapping [from, to)
  std::string staff_id, client_id, room_id;
  bool include_cancelled = true;
};

// A manual session requirement (beyond the treatment plan's).
struct SessionRequirement {
  RecordMeta meta;
  std::string client_id;
  std::string kind;  // individual | family
  int minutes = 50;
  int count = 1;
  std::string per = "week";  // week | month
  std::string staff_id;
};

struct ProposalItem {
  std::string item_id;
  std::string action;  // create | assign_track
  std::string kind;    // individual | family (create)
  std::string client_id, client_name;
  std::string staff_id, staff_name;
  std::string room_id, room_name;
  std::string track_id, track_name;  // assign_track
  TimePoint start_at{}, end_at{};
  Date date{};
  int start_minute = 0, end_minute = 0;
  std::string plan_intervention_id;
  std::string reason;
  std::string accepted_at, result_id;
};

struct Unplaced {
  std::string client_id, client_name, kind, reason;
};

struct Proposal {
  RecordMeta meta;
  std::string program_id;
  Date week_of{};
  int weeks = 1;
  std::string status = "open";  // open | accepted | partly_accepted | discarded
  int requested = 0, placed = 0;
  long long solve_ms = 0;
  std::string created_by;
  std::vector<ProposalItem> items;
  std::vector<Unplaced> unplaced;
};

struct CalendarFeed {
  RecordMeta meta;
  std::string owner_type;  // staff | client
  std::string owner_id;
  std::string created_by;
  std::string revoked_at;
};

class AppointmentStore {
 public:
  static Status Insert(db::Transaction& tx, const Appointment& a);
  static Status Update(db::Transaction& tx, const Appointment& a, std::int64_t expected, const std::string& now);
  static Result<std::optional<Appointment>> Get(db::Transaction& tx, const std::string& org_id, const std::string& id);
  // Live appointments overlapping the query's window, by start; with client and staff names.
  static Result<std::vector<Appointment>> List(db::Transaction& tx, const std::string& org_id,
                                               const AppointmentQuery& q);
  // Live appointments whose local date is in [from, to], any status.
  static Result<std::vector<Appointment>> OnLocalDates(db::Transaction& tx, const std::string& org_id, Date from,
                                                       Date to);
  // Distinct clients with a scheduled individual/family appointment with `staff_id` in [from, to).
  static Result<std::vector<std::string>> ClientsOfStaff(db::Transaction& tx, const std::string& org_id,
                                                         const std::string& staff_id, TimePoint from, TimePoint to);

  static Result<ClientAvailability> ClientAvailabilityOf(db::Transaction& tx, const std::string& org_id,
                                                         const std::string& client_id);
  // Creates (expected 0) or replaces the record with a version check.
  static Status PutClientAvailability(db::Transaction& tx, const std::string& org_id, const ClientAvailability& a,
                                      std::int64_t expected, const std::string& new_id, const std::string& now);
  static Result<StaffAvailability> StaffAvailabilityOf(db::Transaction& tx, const std::string& org_id,
                                                       const std::string& staff_id);
  static Status PutStaffAvailability(db::Transaction& tx, const std::string& org_id, const StaffAvailability& a,
                                     std::int64_t expected, const std::string& new_id, const std::string& now);

  static Result<std::vector<SessionRequirement>> RequirementsOf(db::Transaction& tx, const std::string& org_id,
                                                                const std::string& client_id);
  static Result<std::optional<SessionRequirement>> GetRequirement(db::Transaction& tx, const std::string& org_id,
                                                                  const std::string& id);
  static Status InsertRequirement(db::Transaction& tx, const SessionRequirement& r);

  static Status InsertProposal(db::Transaction& tx, const Proposal& p);
  static Result<std::optional<Proposal>> GetProposal(db::Transaction& tx, const std::string& org_id,
                                                     const std::string& id);
  static Status SetProposalStatus(db::Transaction& tx, const std::string& org_id, const std::string& id,
                                  std::int64_t expected, const std::string& status, const std::string& now);
  static Status MarkItemAccepted(db::Transaction& tx, const std::string& org_id, const std::string& proposal_id,
                                 const std::string& item_id, const std::string& result_id, const std::string& now);

  static Status InsertFeed(db::Transaction& tx, const CalendarFeed& f, const std::string& token_sha256);
  static Result<std::optional<CalendarFeed>> FeedByToken(db::Transaction& tx, const std::string& token_sha256);
  static Result<std::optional<CalendarFeed>> GetFeed(db::Transaction& tx, const std::string& org_id,
                                                     const std::string& id);
  static Result<std::vector<CalendarFeed>> Feeds(db::Transaction& tx, const std::string& org_id,
                                                 const std::string& owner_type, const std::string& owner_id);
  static Status RevokeFeed(db::Transaction& tx, const std::string& org_id, const std::string& id,
                           const std::string& by, const std::string& now);
};

}  // namespace stepwise::scheduling
