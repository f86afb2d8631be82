#include "care/program/program_model.h"

#include <gtest/gtest.h>

namespace stepwise::program {
namespace {

TEST(Track, HoursPerWeekAndWeekOrder) {
  Track t;
  t.days = {"fri", "mon", "wed"};
  t.start_minute = 18 * 60;
  t.end_minute = 21 * 60;
  FieldErrors errors;
  NormalizeAndCheck(t, errors);
  EXPECT_TRUE(errors.empty());
  EXPECT_EQ(t.days, (std::vector<std::string>{"mon", "wed", "fri"}));
  EXPECT_DOUBLE_EQ(HoursPerWeek(t), 9.0);  // ASAM 2.1 lower bound for adults
}

TEST(Track, EndMustFollowStartAndDaysAreNeeded) {
  Track t;
  t.start_minute = 600;
  t.end_minute = 600;
  FieldErrors errors;
  NormalizeAndCheck(t, errors);
  ASSERT_EQ(errors.fields().size(), 2u);
  EXPECT_EQ(errors.fields()[0].field, "days");
  EXPECT_EQ(errors.fields()[1].field, "end_time");
}

TEST(Codes, LevelsOfCareCoverBothEditions) {
  auto codes = Codes(LevelsOfCare());
  for (const char* c : {"2.1", "2.5", "1.5", "2.7", "3.3", "4.0"}) {
    EXPECT_NE(std::find(codes.begin(), codes.end(), c), codes.end()) << c;
  }
  EXPECT_EQ(LabelOf(LevelsOfCare(), "2.1"), "2.1 Intensive outpatient");
}

TEST(Checks, TimeZonesAndStates) {
  EXPECT_TRUE(LooksLikeTimeZone("America/Chicago"));
  EXPECT_TRUE(LooksLikeTimeZone("UTC"));
  EXPECT_FALSE(LooksLikeTimeZone("Chicago time"));
  EXPECT_TRUE(IsStateCode("MN"));
  EXPECT_FALSE(IsStateCode("ZZ"));
}

}  // namespace
}  // namespace stepwise::program
