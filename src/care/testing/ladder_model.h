// The consequences ladder and the chart's trend, as pure rules over dated events. A counted event (an
// unexpected positive; a missed or refused test when the policy counts it) climbs one step when the
// previous counted event is at most the next step's window_days earlier, and starts again at step 1
// otherwise; past the last step it stays there. Events a reviewer dismissed or a lab did not confirm no
// longer count. Pure: standard library and platform/base only.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "care/testing/testing_model.h"
#include "platform/base/dates.h"

namespace stepwise::testing {

struct LadderEvent {
  Date on{};
  int step = 0;
  bool counted = true;  // false once dismissed or withdrawn
};

// The step a new counted event on `on` reaches, given the earlier events (any order).
int NextStep(const Policy& policy, const std::vector<LadderEvent>& earlier, Date on);

// Where a client stands on `today`: the step of the latest counted event while the chain can still go on
// (today within the next step's window of it; the last step's own window once at the top), else 0.
int CurrentStep(const Policy& policy, const std::vector<LadderEvent>& events, Date today);

// The behavioral contract in force on `today`: from the latest counted event that reached a step with
// extra tests, for that step's window (or the next step's when longer).
struct Contract {
  bool active = false;
  Date since{}, until{};
  int extra_tests_per_week = 0;
};
Contract ContractOn(const Policy& policy, const std::vector<LadderEvent>& events, Date today);

// The daily selection probability: the weekly tests the client needs (the larger of the random rate and
// the phase's tests per week, plus a contract's extra tests) spread over the collection days, capped at 1.
struct Rate {
  double per_week = 0;
  double per_day = 0;
  std::string reason;  // random | schedule | contract: what set the rate
};
Rate SelectionRate(const Policy& policy, int day_in_program, const Contract& contract);

// One collection's outcome for the trend.
struct TrendPoint {
  Date on{};
  std::string outcome;  // negative | positive | expected_positive | missed | refused | pending | invalid
};
struct TrendWeek {
  Date week_of{};  // Monday
  int tests = 0, negative = 0, positive = 0, missed = 0, refused = 0;
  std::optional<double> share_negative;  // negative / tests counted; none when nothing counted
};
// Weeks from the first to the last point. Missed and refused count among the tests when the policy
// counts them as positive; pending and invalid results are not counted; an expected positive is negative.
std::vector<TrendWeek> WeeklyTrend(const std::vector<TrendPoint>& points, const Policy& policy);

Date MondayOf(Date d);
int DaysBetween(Date from, Date to);  // to − from
Date AddDays(Date d, int days);
std::string WeekdayCode(Date d);  // mon..sun

}  // namespace stepwise::testing
