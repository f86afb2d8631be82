// SQL for the calendar core (migration 0012): rooms, closures, group series, one-occurrence changes,
// enrollments, roster additions and programs' opening hours.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "care/scheduling/calendar_model.h"
#include "platform/db/database.h"

namespace stepwise::scheduling {

class CalendarStore {
 public:
  // Rooms
  static Result<std::vector<Room>> ListRooms(db::Transaction& tx, const std::string& org_id);
  static Result<std::optional<Room>> GetRoom(db::Transaction& tx, const std::string& org_id, const std::string& id);
  static Status InsertRoom(db::Transaction& tx, const Room& r);
  static Status UpdateRoom(db::Transaction& tx, const Room& r, std::int64_t expected, const std::string& now);

  // Closures (live ones) with a date in [from, to].
  static Result<std::vector<Closure>> ListClosures(db::Transaction& tx, const std::string& org_id, Date from, Date to);
  static Result<std::optional<Closure>> GetClosure(db::Transaction& tx, const std::string& org_id,
                                                   const std::string& id);
  static Status InsertClosure(db::Transaction& tx, const Closure& c);

  // Group series: live ones, optionally of one program and/or track ("" = any).
  static Result<std::vector<GroupSeries>> ListSeries(db::Transaction& tx, const std::string& org_id,
                                                     const std::string& program_id, const std::string& track_id);
  static Result<std::optional<GroupSeries>> GetSeries(db::Transaction& tx, const std::string& org_id,
                                                      const std::string& id);
  static Status InsertSeries(db::Transaction& tx, const GroupSeries& s);
  static Status UpdateSeries(db::Transaction& tx, const GroupSeries& s, std::int64_t expected, const std::string& now);

  // One-occurrence changes whose original or moved-to date lies in [from, to].
  static Result<std::vector<OccurrenceChange>> ListChanges(db::Transaction& tx, const std::string& org_id, Date from,
                                                           Date to);
  static Result<std::vector<OccurrenceChange>> ChangesOfSeries(db::Transaction& tx, const std::string& org_id,
                                                               const std::string& series_id);
  // Inserts (c.version == 0) or updates the change if its version is `c.version`; stale → kFailedPrecondition.
  static Status SaveChange(db::Transaction& tx, const OccurrenceChange& c, const std::string& now);

  // Enrollments (live ones)
  static Result<std::vector<Enrollment>> EnrollmentsOfClient(db::Transaction& tx, const std::string& org_id,
                                                             const std::string& client_id);
  static Result<std::vector<Enrollment>> EnrollmentsOfTrack(db::Transaction& tx, const std::string& org_id,
                                                            const std::string& track_id);
  // Every live enrollment of the organization active at some day in [from, to].
  static Result<std::vector<Enrollment>> EnrollmentsDuring(db::Transaction& tx, const std::string& org_id, Date from,
                                                           Date to);
  static Result<std::optional<Enrollment>> GetEnrollment(db::Transaction& tx, const std::string& org_id,
                                                         const std::string& id);
  static Status InsertEnrollment(db::Transaction& tx, const Enrollment& e);
  static Status EndEnrollment(db::Transaction& tx, const Enrollment& e, std::int64_t expected, const std::string& now);

  // Drop-ins and make-ups (live ones)
  static Result<std::vector<RosterAddition>> AdditionsOf(db::Transaction& tx, const std::string& org_id,
                                                         const std::string& series_id, Date original_date);
  static Result<std::vector<RosterAddition>> AdditionsDuring(db::Transaction& tx, const std::string& org_id, Date from,
                                                             Date to);
  static Status InsertAddition(db::Transaction& tx, const RosterAddition& a);

  // Ids of the clients on the rosters of groups `staff_id` facilitates in [from, to]: enrolled on some day
  // of it in the track of a live series naming them as facilitator (and meeting then), added to such a
  // series' occurrences in it, or on the roster of an occurrence in it that names them as a one-time
  // substitute (its date, after a move). Sorted, unique.
  static Result<std::vector<std::string>> ClientsOfFacilitator(db::Transaction& tx, const std::string& org_id,
                                                               const std::string& staff_id, Date from, Date to);

  // Opening hours: nullopt while the program uses the default.
  static Result<std::optional<OpeningHours>> GetHours(db::Transaction& tx, const std::string& org_id,
                                                      const std::string& program_id);
  // Inserts (expected 0) or updates at `expected`.
  static Status SaveHours(db::Transaction& tx, const std::string& org_id, const OpeningHours& h, std::int64_t expected,
                          const std::string& now);

  // Display names ("Preferred Family" or "Given Family") of the organization's clients among `ids`.
  static Result<std::map<std::string, std::string>> ClientNames(db::Transaction& tx, const std::string& org_id,
                                                                const std::vector<std::string>& ids);
  // Display names of the organization's staff (voided ones included: old occurrences still name them).
  static Result<std::map<std::string, std::string>> StaffNames(db::Transaction& tx, const std::string& org_id);
  static Result<std::string> OrganizationZone(db::Transaction& tx, const std::string& org_id);
};

}  // namespace stepwise::scheduling
