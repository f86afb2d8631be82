#include "platform/base/time_zone.h"

#include <gtest/gtest.h>

namespace stepwise::tz {
namespace {

using namespace std::chrono;

Date D(int y, unsigned m, unsigned d) { return Date{year{y}, month{m}, day{d}}; }

std::string Utc(std::string_view zone, Date day, int minute) {
  auto t = ToUtc(zone, day, minute);
  EXPECT_TRUE(t.ok());
  return t.ok() ? FormatInstant(*t) : "";
}

TEST(TimeZone, KnowsZonesFromTheOsDatabase) {
  EXPECT_TRUE(Known("America/New_York"));
  EXPECT_TRUE(Known("UTC"));
  EXPECT_FALSE(Known("America/Atlantis"));
  EXPECT_FALSE(Known(""));
  EXPECT_FALSE(ToUtc("Mars/Olympus", D(2026, 3, 9), 540).ok());
}

TEST(TimeZone, NineOClockStaysLocalAcrossSpringForward) {
  // 2026-03-08 is the second Sunday of March: EST (-5) before, EDT (-4) after.
  EXPECT_EQ(Utc("America/New_York", D(2026, 3, 6), 9 * 60), "2026-03-06T14:00:00Z");
  EXPECT_EQ(Utc("America/New_York", D(2026, 3, 9), 9 * 60), "2026-03-09T13:00:00Z");
}

TEST(TimeZone, NineOClockStaysLocalAcrossFallBack) {
  // 2026-11-01 is the first Sunday of November: EDT before, EST after.
  EXPECT_EQ(Utc("America/New_York", D(2026, 10, 30), 9 * 60), "2026-10-30T13:00:00Z");
  EXPECT_EQ(Utc("America/New_York", D(2026, 11, 2), 9 * 60), "2026-11-02T14:00:00Z");
}

TEST(TimeZone, GapMovesForwardAndAmbiguityTakesTheEarlierInstant) {
  // 02:30 on 2026-03-08 does not exist in New York; it becomes 03:30 EDT = 07:30 UTC.
  EXPECT_EQ(Utc("America/New_York", D(2026, 3, 8), 150), "2026-03-08T07:30:00Z");
  // 01:30 on 2026-11-01 happens twice; the first (EDT) is 05:30 UTC.
  EXPECT_EQ(Utc("America/New_York", D(2026, 11, 1), 90), "2026-11-01T05:30:00Z");
  // The end of the day is the next local midnight.
  EXPECT_EQ(Utc("America/New_York", D(2026, 3, 7), 1440), "2026-03-08T05:00:00Z");
  EXPECT_FALSE(ToUtc("America/New_York", D(2026, 3, 7), 1441).ok());
  EXPECT_FALSE(ToUtc("America/New_York", D(2026, 3, 7), -1).ok());
}

TEST(TimeZone, ToLocalRoundTrips) {
  auto t = ToUtc("America/New_York", D(2026, 11, 2), 18 * 60 + 15);
  ASSERT_TRUE(t.ok());
  auto local = ToLocal("America/New_York", *t);
  ASSERT_TRUE(local.ok());
  EXPECT_EQ(FormatDate(local->day), "2026-11-02");
  EXPECT_EQ(local->minute, 18 * 60 + 15);
  // 23:30 EST on 2026-12-31 is already 2027 in UTC; local stays in 2026.
  auto late = ToUtc("America/New_York", D(2026, 12, 31), 23 * 60 + 30);
  ASSERT_TRUE(late.ok());
  EXPECT_EQ(FormatInstant(*late), "2027-01-01T04:30:00Z");
  EXPECT_EQ(FormatDate(ToLocal("America/New_York", *late)->day), "2026-12-31");
}

TEST(TimeZone, InstantsFormatAndParse) {
  auto t = ParseInstant("2026-03-09T13:00:00Z");
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(FormatInstant(*t), "2026-03-09T13:00:00Z");
  EXPECT_TRUE(ParseInstant("2026-03-09T13:00:00.250Z").has_value());
  EXPECT_FALSE(ParseInstant("2026-03-09 13:00").has_value());
}

}  // namespace
}  // namespace stepwise::tz
