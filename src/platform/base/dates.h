// Calendar dates and UTC timestamps as Stepwise stores and sends them.
// Dates without times stay dates ("2026-03-01"); instants are UTC ISO 8601 with milliseconds
// ("2026-03-01T14:05:09.123Z"). Both sort correctly as text, which the stores rely on.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "platform/base/clock.h"

namespace stepwise {

using Date = std::chrono::year_month_day;

// Parses "YYYY-MM-DD"; nullopt for any other shape or an impossible date such as 2023-02-29.
std::optional<Date> ParseDate(std::string_view text);
std::string FormatDate(Date d);

// Parses "YYYY-MM-DDTHH:MM[:SS[.fff]]Z" (UTC only); nullopt otherwise.
std::optional<TimePoint> ParseTimestamp(std::string_view text);
std::string FormatTimestamp(TimePoint t);

// The UTC calendar date of an instant.
Date UtcDate(TimePoint t);

// Whole years from `birth` to `on` (0 if `on` is before `birth`).
int AgeInYears(Date birth, Date on);

// Parses "HH:MM" (24-hour) into minutes after midnight; nullopt if malformed or out of range.
std::optional<int> ParseClockTime(std::string_view text);
std::string FormatClockTime(int minutes_after_midnight);

}  // namespace stepwise
