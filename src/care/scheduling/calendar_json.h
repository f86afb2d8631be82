// The calendar core's JSON (docs/api.md "Calendar"): rooms, closures, group series, opening hours,
// occurrences with rosters, enrollments. OccurrenceJson is the one occurrence shape every feature sends
// (appointments' merged calendar, session records).
#pragma once

#include <boost/json/object.hpp>
#include <vector>

#include "care/scheduling/calendar_model.h"
#include "platform/http/json.h"

namespace stepwise::scheduling {

boost::json::object RoomJson(const Room& r);
boost::json::object ClosureJson(const Closure& c);
boost::json::object SeriesJson(const GroupSeries& s);
boost::json::object OpeningHoursJson(const OpeningHours& h);
// {id, series_id, ..., start_at, end_at (UTC), start, end (local), status, moved, original_date, enrolled_count}
boost::json::object OccurrenceJson(const Occurrence& o);
boost::json::array RosterJson(const std::vector<RosterEntry>& roster);
boost::json::object EnrollmentJson(const Enrollment& e);

// Reads a group series body (POST/PUT /api/v1/group-series) from `r`.
void ReadSeriesFields(http::ObjectReader& r, GroupSeries& s);
// Reads "HH:MM" at `key` into `out`; a field error otherwise. Returns whether a value was read.
bool ReadClockTime(http::ObjectReader& r, std::string_view key, http::Need need, int& out);

}  // namespace stepwise::scheduling
