// Billing suggestions at every threshold: H0015 at the day's minimum, 90853 per group with the Medicare size
// note, 90832/90834/90837 at 16/37/38/52/53 minutes, 90846/90847 at 25/26 minutes.
#include "care/sessions/billing.h"

#include <gtest/gtest.h>

namespace stepwise::sessions {
namespace {

const Date kDay = *ParseDate("2026-11-02");

std::vector<std::string> Codes(const std::vector<Suggestion>& s) {
  std::vector<std::string> out;
  for (const auto& x : s) out.push_back(x.code);
  return out;
}

TEST(BillingTest, IndividualCodesAtTheirThresholds) {
  EXPECT_EQ(IndividualCode(15), "");
  EXPECT_EQ(IndividualCode(16), "90832");
  EXPECT_EQ(IndividualCode(37), "90832");
  EXPECT_EQ(IndividualCode(38), "90834");
  EXPECT_EQ(IndividualCode(52), "90834");
  EXPECT_EQ(IndividualCode(53), "90837");
  EXPECT_EQ(IndividualCode(120), "90837");
}

TEST(BillingTest, AShortIndividualSessionEarnsNoCodeAndSaysWhy) {
  auto s = SuggestForDay(kDay, {{"individual", "n1", 15}}, {});
  ASSERT_EQ(s.size(), 2u);  // the day's H0015 line (not met), then the session
  EXPECT_EQ(s[1].code, "");
  EXPECT_EQ(s[1].units, 0);
  EXPECT_NE(s[1].reason.find("at least 16 minutes"), std::string::npos);
  EXPECT_EQ(s[1].source_ids, std::vector<std::string>{"n1"});
}

TEST(BillingTest, H0015NeedsTheDaysMinimumOfAttendedMinutes) {
  BillingRules rules;
  auto below = SuggestForDay(kDay, {{"group", "g1", 90, true, 8}, {"group", "g2", 89, true, 8}}, rules);
  EXPECT_EQ(Codes(below), (std::vector<std::string>{"", "90853", "90853"}));
  EXPECT_EQ(below[0].minutes, 179);
  auto met = SuggestForDay(kDay, {{"group", "g1", 90, true, 8}, {"group", "g2", 90, true, 8}}, rules);
  EXPECT_EQ(Codes(met), (std::vector<std::string>{"H0015", "90853", "90853"}));
  EXPECT_EQ(met[0].units, 1);
  EXPECT_EQ(met[0].source_ids, (std::vector<std::string>{"g1", "g2"}));
  rules.h0015_min_minutes_per_day = 120;  // a program's own rule
  EXPECT_EQ(SuggestForDay(kDay, {{"individual", "n1", 120}}, rules)[0].code, "H0015");
}

TEST(BillingTest, GroupsOverTheSizeLimitAreFlaggedAndAbsencesEarnNothing) {
  auto s = SuggestForDay(kDay, {{"group", "g1", 90, true, 13}, {"group", "g2", 0, true, 10}}, {});
  ASSERT_EQ(Codes(s), (std::vector<std::string>{"", "90853"}));
  EXPECT_NE(s[1].reason.find("13 participants"), std::string::npos);
  EXPECT_TRUE(SuggestForDay(kDay, {{"group", "g2", 0, true, 10}}, {}).empty());
  auto twelve = SuggestForDay(kDay, {{"group", "g1", 90, true, 12}}, {});
  EXPECT_EQ(twelve[1].reason.find("participants"), std::string::npos);
}

TEST(BillingTest, FamilyTherapyWithAndWithoutTheClientFrom26Minutes) {
  EXPECT_EQ(SuggestForDay(kDay, {{"family", "f1", 25, true}}, {})[1].code, "");
  EXPECT_EQ(SuggestForDay(kDay, {{"family", "f1", 26, true}}, {})[1].code, "90847");
  auto without = SuggestForDay(kDay, {{"family", "f1", 50, false}}, {});
  ASSERT_EQ(without.size(), 1u);  // the client attended nothing, so no per-diem line
  EXPECT_EQ(without[0].code, "90846");
  EXPECT_EQ(SuggestForDay(kDay, {{"family", "f1", 25, false}}, {})[0].code, "");
}

}  // namespace
}  // namespace stepwise::sessions
