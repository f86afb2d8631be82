// Weekly recurrence in a program's local time: which local dates a group series meets on, and the UTC
// instants of a local date and time of day (ADR 0012). 09:00 local stays 09:00 local across daylight-saving
// changes; the UTC instant moves by the change. Pure: the standard library and platform/base only.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/base/dates.h"
#include "platform/base/result.h"

namespace stepwise::scheduling {

struct Recurrence {
  std::vector<std::string> days;  // weekday codes mon..sun, in week order
  int start_minute = 0;           // local minutes after midnight
  int end_minute = 0;
  int interval_weeks = 1;  // 1 = every week, 2 = every other week (counted from the week of starts_on)
  Date starts_on{};
  std::optional<Date> ends_on;  // the last day it may meet (inclusive); none = open-ended
};

// 0 = Monday .. 6 = Sunday; -1 for an unknown code.
int WeekdayIndex(std::string_view code);
int WeekdayOf(Date day);  // 0 = Monday
Date AddDays(Date day, int n);
int DaysBetween(Date from, Date to);  // to - from, in days

// Sorts `days` into week order and drops duplicates; then adds a field error for each impossible part:
// no days or an unknown day ("days"), end not after start ("end"), interval below 1 or above 52
// ("interval_weeks"), until before from ("ends_on"). `prefix` goes before each field name ("rule.").
void NormalizeAndCheck(Recurrence& rule, FieldErrors& errors, const std::string& prefix = "");

// Whether the rule meets on `day` (its original, unmoved dates).
bool OccursOn(const Recurrence& rule, Date day);
// The rule's dates within [from, to] (inclusive), in order.
std::vector<Date> OccurrenceDates(const Recurrence& rule, Date from, Date to);

struct Instants {
  TimePoint start, end;
};
// The UTC instants of local [start_minute, end_minute) on `day` in `zone`.
Result<Instants> InstantsOf(std::string_view zone, Date day, int start_minute, int end_minute);

}  // namespace stepwise::scheduling
