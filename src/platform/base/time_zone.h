// Local time in a named time zone (IANA, from the operating system's tz database: Debian's tzdata) and
// instants as the calendar sends them. Programs run on their organization's local time; recurring groups
// stay at 09:00 local across daylight-saving changes while their UTC instants move (ADR 0012).
// Backed by Howard Hinnant's date/tz library (the design std::chrono::zoned_time came from); only
// time_zone.cc includes it. Thread-safety: all functions are safe to call concurrently (the database is
// loaded once, on first use).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "platform/base/dates.h"
#include "platform/base/result.h"

namespace stepwise::tz {

// True when `zone` names a zone in the tz database ("America/New_York").
bool Known(std::string_view zone);

// The UTC instant of local wall-clock `minute` (0..1440; 1440 = the end of the day) on local `day`.
// A time in the spring-forward gap is moved forward by the gap (02:30 → 03:30 daylight time); an
// ambiguous fall-back time is the earlier instant (the first 01:30). Unknown zone or minute out of
// range → invalid-argument error.
Result<TimePoint> ToUtc(std::string_view zone, Date day, int minute);

struct LocalTime {
  Date day{};
  int minute = 0;  // minutes after local midnight, 0..1439
};
Result<LocalTime> ToLocal(std::string_view zone, TimePoint t);

// "2026-03-09T13:00:00Z" (whole seconds, UTC) and back; ParseInstant also accepts milliseconds.
std::string FormatInstant(TimePoint t);
std::optional<TimePoint> ParseInstant(std::string_view text);

}  // namespace stepwise::tz
