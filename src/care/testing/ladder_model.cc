#include "care/testing/ladder_model.h"

#include <algorithm>
#include <chrono>
#include <map>

namespace stepwise::testing {

namespace {

using std::chrono::sys_days;

// The latest counted event on or before `on` (by date, then step).
const LadderEvent* Latest(const std::vector<LadderEvent>& events, std::optional<Date> on = std::nullopt) {
  const LadderEvent* best = nullptr;
  for (const auto& e : events) {
    if (!e.counted || (on && sys_days(e.on) > sys_days(*on))) continue;
    if (!best || sys_days(e.on) > sys_days(best->on) || (e.on == best->on && e.step > best->step)) best = &e;
  }
  return best;
}

int WindowAfter(const Policy& policy, int step) {
  const LadderStep* next = policy.Step(step + 1);
  if (next) return next->window_days;
  const LadderStep* self = policy.Step(step);
  return self ? self->window_days : 0;
}

}  // namespace

int DaysBetween(Date from, Date to) { return static_cast<int>((sys_days(to) - sys_days(from)).count()); }
Date AddDays(Date d, int days) { return Date(sys_days(d) + std::chrono::days(days)); }

Date MondayOf(Date d) {
  const std::chrono::weekday wd(sys_days{d});
  const int since_monday = static_cast<int>((wd.c_encoding() + 6) % 7);
  return AddDays(d, -since_monday);
}

std::string WeekdayCode(Date d) {
  static const char* kCodes[] = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};
  return kCodes[std::chrono::weekday(sys_days{d}).c_encoding()];
}

int NextStep(const Policy& policy, const std::vector<LadderEvent>& earlier, Date on) {
  const int max = std::max(1, policy.MaxStep());
  const LadderEvent* last = Latest(earlier, on);
  if (!last) return 1;
  const int candidate = std::min(last->step + 1, max);
  const LadderStep* step = policy.Step(last->step + 1 <= max ? last->step + 1 : max);
  const int window = step ? step->window_days : 0;
  return DaysBetween(last->on, on) <= window ? candidate : 1;
}

int CurrentStep(const Policy& policy, const std::vector<LadderEvent>& events, Date today) {
  const LadderEvent* last = Latest(events, today);
  if (!last) return 0;
  return DaysBetween(last->on, today) <= WindowAfter(policy, last->step) ? last->step : 0;
}

Contract ContractOn(const Policy& policy, const std::vector<LadderEvent>& events, Date today) {
  Contract c;
  const LadderEvent* from = nullptr;
  for (const auto& e : events) {
    if (!e.counted || sys_days(e.on) > sys_days(today)) continue;
    const LadderStep* s = policy.Step(e.step);
    if (!s || s->extra_tests_per_week <= 0) continue;
    if (!from || sys_days(e.on) > sys_days(from->on)) from = &e;
  }
  if (!from) return c;
  const LadderStep* s = policy.Step(from->step);
  const int days = std::max(s->window_days, WindowAfter(policy, from->step));
  c.since = from->on;
  c.until = AddDays(from->on, days);
  c.extra_tests_per_week = s->extra_tests_per_week;
  c.active = sys_days(today) <= sys_days(c.until);
  return c;
}

Rate SelectionRate(const Policy& policy, int day_in_program, const Contract& contract) {
  Rate r;
  r.per_week = policy.random_rate_per_week;
  r.reason = "random";
  if (const Phase* phase = policy.PhaseOn(day_in_program); phase && phase->tests_per_week > r.per_week) {
    r.per_week = phase->tests_per_week;
    r.reason = "schedule";
  }
  if (contract.active && contract.extra_tests_per_week > 0) {
    r.per_week += contract.extra_tests_per_week;
    r.reason = "contract";
  }
  const double days = std::max<std::size_t>(1, policy.random_days.size());
  r.per_day = std::min(1.0, r.per_week / days);
  return r;
}

std::vector<TrendWeek> WeeklyTrend(const std::vector<TrendPoint>& points, const Policy& policy) {
  std::map<int, TrendWeek> weeks;  // by days since epoch of the Monday
  for (const auto& p : points) {
    const Date monday = MondayOf(p.on);
    auto& w = weeks[static_cast<int>(sys_days(monday).time_since_epoch().count())];
    w.week_of = monday;
    if (p.outcome == "negative" || p.outcome == "expected_positive") {
      ++w.tests;
      ++w.negative;
    } else if (p.outcome == "positive") {
      ++w.tests;
      ++w.positive;
    } else if (p.outcome == "missed") {
      ++w.missed;
      if (policy.missed_counts_as_positive) ++w.tests;
    } else if (p.outcome == "refused") {
      ++w.refused;
      if (policy.refused_counts_as_positive) ++w.tests;
    }
  }
  std::vector<TrendWeek> out;
  if (weeks.empty()) return out;
  // Every week from the first to the last, so a gap shows as a gap.
  Date d = weeks.begin()->second.week_of;
  const Date last = weeks.rbegin()->second.week_of;
  while (sys_days(d) <= sys_days(last)) {
    auto it = weeks.find(static_cast<int>(sys_days(d).time_since_epoch().count()));
    TrendWeek w = it == weeks.end() ? TrendWeek{d} : it->second;
    if (w.tests > 0) w.share_negative = static_cast<double>(w.negative) / w.tests;
    out.push_back(w);
    d = AddDays(d, 7);
  }
  return out;
}

}  // namespace stepwise::testing
