// The calendar core for other services (appointments, session records, drug testing): computed group
// occurrences, rosters, enrollments, the organization's zone and opening hours. Every function runs inside
// the caller's transaction and reads only the organization `org_id`; access checks and auditing stay with
// the calling service (these return client names).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "care/scheduling/calendar_model.h"
#include "platform/db/database.h"

namespace stepwise::scheduling {

// The organization's IANA time zone (program::Organization::time_zone).
Result<std::string> TimeZoneIn(db::Transaction& tx, const std::string& org_id);

// Every occurrence of the organization's live series whose local date is in [from, to] (inclusive), changes
// and closures applied (cancelled ones included, status "cancelled"), with track, room and facilitator names
// and enrolled_count filled; sorted by start_at. At most 400 days.
Result<std::vector<Occurrence>> OccurrencesIn(db::Transaction& tx, const std::string& org_id, Date from, Date to);

// One occurrence by id ("<series id>:<YYYY-MM-DD>"); nullopt when the series is unknown or does not meet
// on that original date.
Result<std::optional<Occurrence>> OccurrenceIn(db::Transaction& tx, const std::string& org_id, const std::string& id);

// Clients enrolled in the occurrence's track on its date, then its drop-ins and make-ups; sorted by name.
Result<std::vector<RosterEntry>> RosterIn(db::Transaction& tx, const std::string& org_id, const Occurrence& occurrence);

// The RosterPeak of `series` as it would be saved (its id "" while new) from `from` to its ends_on: clients
// enrolled in its track at once on those days, and the roster (RosterIn) of each of its occurrences on or
// after `from` that has drop-ins or make-ups, its one-occurrence changes applied (cancelled ones left out).
Result<RosterPeak> RosterPeakIn(db::Transaction& tx, const std::string& org_id, const GroupSeries& series, Date from);

// CheckMovedRosterFits for `occurrence` moved to `date`: its roster where it meets now and on that date
// (RosterIn), against its size limit and the capacity of room `room_id` ("" leaves the room out). Errors name
// "date"; nothing to check when the date stays.
Status CheckMoveFitsIn(db::Transaction& tx, const std::string& org_id, const Occurrence& occurrence, Date date,
                       const std::string& room_id, FieldErrors& errors);

// CheckRoomCapacityHolds for room `room_id` lowered to `capacity`, from `today` (the organization's local date)
// on: over the organization's live series, their one-occurrence changes and closures from today. Errors name
// "capacity".
Status CheckRoomCapacityIn(db::Transaction& tx, const std::string& org_id, const std::string& room_id, int capacity,
                           Date today, FieldErrors& errors);

// A client's enrollments (voided ones left out), newest first, with track names.
Result<std::vector<Enrollment>> EnrollmentsOfClientIn(db::Transaction& tx, const std::string& org_id,
                                                      const std::string& client_id);

// How far either side of today the group part of the caseload reaches (GroupClientsIn).
inline constexpr int kGroupReachDays = 7;

// The clients of the groups the actor's staff record facilitates, the group part of the caseload rule
// (ClientService, wired by the composition root): within a week either side of the organization's local
// date at `now`, those enrolled in the track of a live series naming them as facilitator, that series'
// drop-ins and make-ups, and the roster of an occurrence where they stand in. Sorted, unique; empty without
// a staff record. A week back leaves time for the notes of the last meetings after an enrollment ends.
Result<std::vector<std::string>> GroupClientsIn(db::Transaction& tx, const std::string& org_id,
                                                const std::string& staff_id, TimePoint now);

// The program's opening hours (the default 07:00–21:00 until set).
Result<OpeningHours> OpeningHoursIn(db::Transaction& tx, const std::string& org_id, const std::string& program_id);

}  // namespace stepwise::scheduling
