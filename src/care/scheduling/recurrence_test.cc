#include "care/scheduling/recurrence.h"

#include <gtest/gtest.h>

#include "platform/base/time_zone.h"

namespace stepwise::scheduling {
namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::year;

Date D(int y, unsigned m, unsigned d) { return Date{year(y), month(m), day(d)}; }

Recurrence MonWedThu() {
  Recurrence r;
  r.days = {"thu", "mon", "wed"};
  r.start_minute = 9 * 60;
  r.end_minute = 12 * 60;
  r.starts_on = D(2026, 3, 2);
  return r;
}

std::vector<std::string> Format(const std::vector<Date>& dates) {
  std::vector<std::string> out;
  for (auto d : dates) out.push_back(FormatDate(d));
  return out;
}

TEST(Recurrence, WeeklyDaysInOrder) {
  auto r = MonWedThu();
  FieldErrors errors;
  NormalizeAndCheck(r, errors);
  EXPECT_TRUE(errors.empty());
  EXPECT_EQ(r.days, (std::vector<std::string>{"mon", "wed", "thu"}));
  EXPECT_EQ(
      Format(OccurrenceDates(r, D(2026, 3, 1), D(2026, 3, 12))),
      (std::vector<std::string>{"2026-03-02", "2026-03-04", "2026-03-05", "2026-03-09", "2026-03-11", "2026-03-12"}));
}

TEST(Recurrence, IntervalWeeksCountFromTheStartingWeek) {
  auto r = MonWedThu();
  r.days = {"tue"};
  r.interval_weeks = 2;
  r.starts_on = D(2026, 3, 4);  // a Wednesday: the week of 2 March is week 0, its Tuesday is before the start
  EXPECT_EQ(Format(OccurrenceDates(r, D(2026, 3, 1), D(2026, 4, 1))),
            (std::vector<std::string>{"2026-03-17", "2026-03-31"}));
  EXPECT_FALSE(OccursOn(r, D(2026, 3, 24)));
  EXPECT_TRUE(OccursOn(r, D(2026, 3, 31)));
}

TEST(Recurrence, UntilDateIsTheLastPossibleDay) {
  auto r = MonWedThu();
  r.ends_on = D(2026, 3, 9);
  EXPECT_EQ(Format(OccurrenceDates(r, D(2026, 3, 1), D(2026, 3, 31))),
            (std::vector<std::string>{"2026-03-02", "2026-03-04", "2026-03-05", "2026-03-09"}));
  EXPECT_FALSE(OccursOn(r, D(2026, 3, 11)));
  EXPECT_FALSE(OccursOn(r, D(2026, 2, 26)));  // before it starts
}

TEST(Recurrence, ImpossibleRulesNameTheirFields) {
  Recurrence r;
  r.days = {};
  r.start_minute = 600;
  r.end_minute = 540;
  r.interval_weeks = 0;
  r.starts_on = D(2026, 3, 10);
  r.ends_on = D(2026, 3, 1);
  FieldErrors errors;
  NormalizeAndCheck(r, errors);
  std::vector<std::string> fields;
  for (const auto& f : errors.fields()) fields.push_back(f.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"days", "end", "interval_weeks", "ends_on"}));
  // No dates come out of an impossible rule.
  EXPECT_TRUE(OccurrenceDates(r, D(2026, 3, 1), D(2026, 3, 31)).empty());

  Recurrence bad_day = MonWedThu();
  bad_day.days = {"mon", "someday"};
  FieldErrors e2;
  NormalizeAndCheck(bad_day, e2, "rule.");
  ASSERT_EQ(e2.fields().size(), 1u);
  EXPECT_EQ(e2.fields()[0].field, "rule.days");
}

// 09:00 local stays 09:00 local across New York's spring-forward (8 March 2026) and fall-back (1 November
// 2026); the UTC instant moves by one hour.
TEST(Recurrence, MarchDaylightSavingKeepsLocalTime) {
  auto r = MonWedThu();
  auto dates = OccurrenceDates(r, D(2026, 3, 5), D(2026, 3, 9));
  ASSERT_EQ(Format(dates), (std::vector<std::string>{"2026-03-05", "2026-03-09"}));
  auto before = InstantsOf("America/New_York", dates[0], r.start_minute, r.end_minute);
  auto after = InstantsOf("America/New_York", dates[1], r.start_minute, r.end_minute);
  ASSERT_TRUE(before.ok() && after.ok());
  EXPECT_EQ(tz::FormatInstant(before->start), "2026-03-05T14:00:00Z");  // EST, UTC-5
  EXPECT_EQ(tz::FormatInstant(before->end), "2026-03-05T17:00:00Z");
  EXPECT_EQ(tz::FormatInstant(after->start), "2026-03-09T13:00:00Z");  // EDT, UTC-4
  EXPECT_EQ(tz::FormatInstant(after->end), "2026-03-09T16:00:00Z");
  auto local = tz::ToLocal("America/New_York", after->start);
  ASSERT_TRUE(local.ok());
  EXPECT_EQ(local->minute, 9 * 60);
}

TEST(Recurrence, NovemberDaylightSavingKeepsLocalTime) {
  Recurrence r;
  r.days = {"fri", "mon"};
  r.start_minute = 9 * 60;
  r.end_minute = 10 * 60 + 30;
  r.starts_on = D(2026, 10, 1);
  FieldErrors errors;
  NormalizeAndCheck(r, errors);
  auto dates = OccurrenceDates(r, D(2026, 10, 30), D(2026, 11, 2));
  ASSERT_EQ(Format(dates), (std::vector<std::string>{"2026-10-30", "2026-11-02"}));
  auto before = InstantsOf("America/New_York", dates[0], r.start_minute, r.end_minute);
  auto after = InstantsOf("America/New_York", dates[1], r.start_minute, r.end_minute);
  ASSERT_TRUE(before.ok() && after.ok());
  EXPECT_EQ(tz::FormatInstant(before->start), "2026-10-30T13:00:00Z");  // EDT
  EXPECT_EQ(tz::FormatInstant(after->start), "2026-11-02T14:00:00Z");   // EST
  EXPECT_EQ(tz::FormatInstant(after->end), "2026-11-02T15:30:00Z");
}

TEST(Recurrence, UnknownZoneIsAnError) { EXPECT_FALSE(InstantsOf("Mars/Olympus_Mons", D(2026, 3, 9), 540, 600).ok()); }

}  // namespace
}  // namespace stepwise::scheduling
