#include "platform/base/dates.h"

#include <charconv>
#include <cstdio>

namespace stepwise {
namespace {

bool Digits(std::string_view s, int& out) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  auto r = std::from_chars(s.data(), s.data() + s.size(), out);
  return r.ec == std::errc();
}

}  // namespace

std::optional<Date> ParseDate(std::string_view t) {
  if (t.size() != 10 || t[4] != '-' || t[7] != '-') return std::nullopt;
  int y = 0, m = 0, d = 0;
  if (!Digits(t.substr(0, 4), y) || !Digits(t.substr(5, 2), m) || !Digits(t.substr(8, 2), d)) {
    return std::nullopt;
  }
  Date date{std::chrono::year(y), std::chrono::month(static_cast<unsigned>(m)),
            std::chrono::day(static_cast<unsigned>(d))};
  if (!date.ok() || y < 1800) return std::nullopt;
  return date;
}

std::string FormatDate(Date d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(d.year()), static_cast<unsigned>(d.month()),
                static_cast<unsigned>(d.day()));
  return buf;
}

std::optional<TimePoint> ParseTimestamp(std::string_view t) {
  if (t.size() < 17 || t.back() != 'Z' || t[10] != 'T') return std::nullopt;
  auto date = ParseDate(t.substr(0, 10));
  if (!date) return std::nullopt;
  std::string_view rest = t.substr(11, t.size() - 12);  // between 'T' and 'Z'
  int hh = 0, mm = 0, ss = 0, ms = 0;
  if (rest.size() < 5 || rest[2] != ':' || !Digits(rest.substr(0, 2), hh) || !Digits(rest.substr(3, 2), mm)) {
    return std::nullopt;
  }
  if (rest.size() > 5) {
    if (rest.size() < 8 || rest[5] != ':' || !Digits(rest.substr(6, 2), ss)) return std::nullopt;
    if (rest.size() > 8) {
      std::string_view frac = rest.substr(9);
      int ignored = 0;
      if (rest[8] != '.' || frac.empty() || frac.size() > 9 || !Digits(frac, ignored)) return std::nullopt;
      std::string millis(frac.substr(0, 3));
      millis.resize(3, '0');
      Digits(millis, ms);
    }
  }
  if (hh > 23 || mm > 59 || ss > 60) return std::nullopt;
  auto days = std::chrono::sys_days(*date);
  return TimePoint(days) + std::chrono::hours(hh) + std::chrono::minutes(mm) + std::chrono::seconds(ss) +
         std::chrono::milliseconds(ms);
}

std::string FormatTimestamp(TimePoint t) {
  auto ms_total = std::chrono::floor<std::chrono::milliseconds>(t);
  auto days = std::chrono::floor<std::chrono::days>(ms_total);
  Date d{days};
  std::chrono::hh_mm_ss<std::chrono::milliseconds> tod(ms_total - days);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%sT%02d:%02d:%02d.%03dZ", FormatDate(d).c_str(),
                static_cast<int>(tod.hours().count()), static_cast<int>(tod.minutes().count()),
                static_cast<int>(tod.seconds().count()), static_cast<int>(tod.subseconds().count()));
  return buf;
}

Date UtcDate(TimePoint t) { return Date{std::chrono::floor<std::chrono::days>(t)}; }

int AgeInYears(Date birth, Date on) {
  int years = static_cast<int>(on.year()) - static_cast<int>(birth.year());
  if (on.month() < birth.month() || (on.month() == birth.month() && on.day() < birth.day())) --years;
  return years < 0 ? 0 : years;
}

std::optional<int> ParseClockTime(std::string_view t) {
  int hh = 0, mm = 0;
  if (t.size() != 5 || t[2] != ':' || !Digits(t.substr(0, 2), hh) || !Digits(t.substr(3, 2), mm)) {
    return std::nullopt;
  }
  if (hh > 23 || mm > 59) return std::nullopt;
  return hh * 60 + mm;
}

std::string FormatClockTime(int m) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "%02d:%02d", (m / 60) % 100, m % 60);
  return buf;
}

}  // namespace stepwise
