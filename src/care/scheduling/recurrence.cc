#include "care/scheduling/recurrence.h"

#include <algorithm>
#include <array>

#include "platform/base/time_zone.h"

namespace stepwise::scheduling {

namespace {
constexpr std::array<std::string_view, 7> kDays = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
}

int WeekdayIndex(std::string_view code) {
  for (std::size_t i = 0; i < kDays.size(); ++i) {
    if (kDays[i] == code) return static_cast<int>(i);
  }
  return -1;
}

int WeekdayOf(Date day) {
  // std::chrono::weekday: Sunday = 0; iso_encoding: Monday = 1 .. Sunday = 7.
  return static_cast<int>(std::chrono::weekday(std::chrono::sys_days(day)).iso_encoding()) - 1;
}

Date AddDays(Date day, int n) { return Date(std::chrono::sys_days(day) + std::chrono::days(n)); }

int DaysBetween(Date from, Date to) {
  return static_cast<int>((std::chrono::sys_days(to) - std::chrono::sys_days(from)).count());
}

void NormalizeAndCheck(Recurrence& rule, FieldErrors& errors, const std::string& prefix) {
  bool unknown = false;
  for (const auto& d : rule.days) unknown = unknown || WeekdayIndex(d) < 0;
  if (unknown) {
    errors.Add(prefix + "days", "must be weekday codes mon, tue, wed, thu, fri, sat or sun");
  } else {
    std::sort(rule.days.begin(), rule.days.end(),
              [](const auto& a, const auto& b) { return WeekdayIndex(a) < WeekdayIndex(b); });
    rule.days.erase(std::unique(rule.days.begin(), rule.days.end()), rule.days.end());
    if (rule.days.empty()) errors.Add(prefix + "days", "needs at least one day of the week");
  }
  if (rule.start_minute < 0 || rule.start_minute >= 1440) errors.Add(prefix + "start", "must be a time as HH:MM");
  if (rule.end_minute <= rule.start_minute) errors.Add(prefix + "end", "must be after start");
  if (rule.interval_weeks < 1 || rule.interval_weeks > 52) {
    errors.Add(prefix + "interval_weeks", "must be a whole number of weeks from 1 to 52");
  }
  if (!rule.starts_on.ok()) errors.Add(prefix + "starts_on", "must be a date as YYYY-MM-DD");
  if (rule.ends_on && rule.starts_on.ok() && *rule.ends_on < rule.starts_on) {
    errors.Add(prefix + "ends_on", "must not be before starts_on");
  }
}

bool OccursOn(const Recurrence& rule, Date day) {
  if (!day.ok() || day < rule.starts_on) return false;
  if (rule.ends_on && day > *rule.ends_on) return false;
  const int wd = WeekdayOf(day);
  bool on_day = false;
  for (const auto& d : rule.days) on_day = on_day || WeekdayIndex(d) == wd;
  if (!on_day) return false;
  if (rule.interval_weeks <= 1) return true;
  // Weeks are counted from the Monday of the week the series starts in.
  const Date anchor = AddDays(rule.starts_on, -WeekdayOf(rule.starts_on));
  const int week = DaysBetween(anchor, day) / 7;
  return week % rule.interval_weeks == 0;
}

std::vector<Date> OccurrenceDates(const Recurrence& rule, Date from, Date to) {
  std::vector<Date> out;
  if (rule.interval_weeks < 1 || rule.days.empty()) return out;
  Date first = std::max(from, rule.starts_on);
  Date last = rule.ends_on ? std::min(to, *rule.ends_on) : to;
  for (Date d = first; d <= last; d = AddDays(d, 1)) {
    if (OccursOn(rule, d)) out.push_back(d);
  }
  return out;
}

Result<Instants> InstantsOf(std::string_view zone, Date day, int start_minute, int end_minute) {
  SW_ASSIGN(TimePoint start, tz::ToUtc(zone, day, start_minute));
  SW_ASSIGN(TimePoint end, tz::ToUtc(zone, day, end_minute));
  return Instants{start, end};
}

}  // namespace stepwise::scheduling
