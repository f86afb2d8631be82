#include <gtest/gtest.h>

#include <set>

#include "platform/base/dates.h"
#include "platform/base/record.h"
#include "platform/base/uuid.h"

namespace stepwise {
namespace {

TEST(Uuid, IsVersion7AndIncreasesWithinOneMillisecond) {
  auto now = std::chrono::system_clock::now();
  std::string prev;
  std::set<std::string> seen;
  for (int i = 0; i < 5000; ++i) {
    std::string id = NewUuidV7(now);
    ASSERT_TRUE(IsUuid(id));
    ASSERT_EQ(id[14], '7');
    ASSERT_TRUE(id[19] == '8' || id[19] == '9' || id[19] == 'a' || id[19] == 'b');
    ASSERT_GT(id, prev);
    prev = id;
    seen.insert(id);
  }
  EXPECT_EQ(seen.size(), 5000u);
  EXPECT_FALSE(IsUuid("not-a-uuid"));
  EXPECT_FALSE(IsUuid("0192f3a4-5b6c-7d8e-9f01-23456789abcg"));
}

TEST(Dates, RejectsImpossibleDates) {
  EXPECT_TRUE(ParseDate("2024-02-29"));
  EXPECT_FALSE(ParseDate("2023-02-29"));
  EXPECT_FALSE(ParseDate("2023-13-01"));
  EXPECT_FALSE(ParseDate("2023-1-01"));
  EXPECT_FALSE(ParseDate("20230101"));
  EXPECT_EQ(FormatDate(*ParseDate("1988-04-17")), "1988-04-17");
}

TEST(Dates, TimestampsRoundTripInUtc) {
  auto t = ParseTimestamp("2026-03-01T14:05:09.123Z");
  ASSERT_TRUE(t);
  EXPECT_EQ(FormatTimestamp(*t), "2026-03-01T14:05:09.123Z");
  EXPECT_EQ(FormatTimestamp(*ParseTimestamp("2026-03-01T14:05Z")), "2026-03-01T14:05:00.000Z");
  EXPECT_FALSE(ParseTimestamp("2026-03-01T14:05:09+01:00"));
  EXPECT_FALSE(ParseTimestamp("2026-03-01T25:05:09Z"));
}

TEST(Dates, AgeCountsWholeYears) {
  EXPECT_EQ(AgeInYears(*ParseDate("1988-04-17"), *ParseDate("2026-04-16")), 37);
  EXPECT_EQ(AgeInYears(*ParseDate("1988-04-17"), *ParseDate("2026-04-17")), 38);
}

TEST(Dates, ClockTimes) {
  EXPECT_EQ(ParseClockTime("09:30"), 570);
  EXPECT_FALSE(ParseClockTime("24:00"));
  EXPECT_FALSE(ParseClockTime("9:30"));
  EXPECT_EQ(FormatClockTime(1260), "21:00");
}

TEST(Names, SearchTermsSplitHyphensAndApostrophes) {
  auto terms = NameSearchTerms("García-López O'Neil");
  for (const char* t : {"garcía-lópez", "garcía", "lópez", "garcíalópez", "o'neil", "o", "neil", "oneil"}) {
    EXPECT_NE(std::find(terms.begin(), terms.end(), t), terms.end()) << t;
  }
}

}  // namespace
}  // namespace stepwise
