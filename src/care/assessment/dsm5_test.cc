#include "care/assessment/dsm5.h"

#include <gtest/gtest.h>

namespace stepwise::assessment {
namespace {

TEST(Dsm5, ElevenCriteriaWithCodesOneToEleven) {
  const auto& c = SudCriteria();
  ASSERT_EQ(c.size(), 11u);
  for (std::size_t i = 0; i < c.size(); ++i) EXPECT_EQ(c[i].code, std::to_string(i + 1));
  EXPECT_EQ(program::LabelOf(c, "1"), "Taken in larger amounts or longer than intended");
  EXPECT_EQ(program::LabelOf(c, "4"), "Craving");
  EXPECT_EQ(program::LabelOf(c, "10"), "Tolerance");
  EXPECT_EQ(program::LabelOf(c, "11"), "Withdrawal");
}

TEST(Dsm5, SeverityFromTheNumberOfCriteriaMet) {
  EXPECT_EQ(SudSeverity(-1), "none");
  EXPECT_EQ(SudSeverity(0), "none");
  EXPECT_EQ(SudSeverity(1), "none");
  EXPECT_EQ(SudSeverity(2), "mild");
  EXPECT_EQ(SudSeverity(3), "mild");
  EXPECT_EQ(SudSeverity(4), "moderate");
  EXPECT_EQ(SudSeverity(5), "moderate");
  EXPECT_EQ(SudSeverity(6), "severe");
  EXPECT_EQ(SudSeverity(11), "severe");
}

TEST(Dsm5, IcdSuggestionPerSubstanceClass) {
  struct Row {
    int teds;
    const char* category;
    const char* icd_name;
  };
  const std::vector<Row> rows = {
      {2, "F10", "Alcohol"},         {3, "F14", "Cocaine"},       {4, "F12", "Cannabis"},
      {5, "F11", "Opioid"},          {6, "F11", "Opioid"},        {7, "F11", "Opioid"},
      {8, "F16", "Hallucinogen"},    {9, "F16", "Hallucinogen"},  {10, "F15", "Other stimulant"},
      {11, "F15", "Other stimulant"}, {12, "F15", "Other stimulant"},
      {13, "F13", "Sedative, hypnotic or anxiolytic"}, {14, "F13", "Sedative, hypnotic or anxiolytic"},
      {15, "F13", "Sedative, hypnotic or anxiolytic"}, {16, "F13", "Sedative, hypnotic or anxiolytic"},
      {17, "F18", "Inhalant"},       {18, "F19", "Other psychoactive substance"},
      {19, "F19", "Other psychoactive substance"},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(row.teds);
    auto mild = SuggestIcd10(row.teds, "mild");
    ASSERT_EQ(mild.size(), 1u);
    EXPECT_EQ(mild[0].code, std::string(row.category) + ".10");
    EXPECT_EQ(mild[0].label, std::string(row.icd_name) + " abuse, uncomplicated");
    EXPECT_NE(mild[0].dsm_label.find("use disorder, mild"), std::string::npos);
    for (const char* severity : {"moderate", "severe"}) {
      auto s = SuggestIcd10(row.teds, severity);
      ASSERT_EQ(s.size(), 1u);
      EXPECT_EQ(s[0].code, std::string(row.category) + ".20");
      EXPECT_EQ(s[0].label, std::string(row.icd_name) + " dependence, uncomplicated");
      EXPECT_NE(s[0].dsm_label.find(std::string("use disorder, ") + severity), std::string::npos);
    }
    EXPECT_TRUE(SuggestIcd10(row.teds, "none").empty());
    EXPECT_TRUE(SuggestIcd10(row.teds, "").empty());
  }
  EXPECT_EQ(SuggestIcd10(2, "moderate")[0].dsm_label, "Alcohol use disorder, moderate");
  EXPECT_EQ(SuggestIcd10(8, "severe")[0].dsm_label, "Phencyclidine use disorder, severe");
  EXPECT_TRUE(SuggestIcd10(1, "severe").empty());   // TEDS 1 = none
  EXPECT_TRUE(SuggestIcd10(0, "severe").empty());
  EXPECT_TRUE(SuggestIcd10(20, "severe").empty());
}

TEST(Teds, CodeListsFromThePublicUseCodebook) {
  auto codes = [](const std::vector<program::CodeLabel>& set) {
    std::vector<std::string> out;
    for (auto c : program::Codes(set)) out.emplace_back(c);
    return out;
  };
  auto numbered = [](int n) {
    std::vector<std::string> out;
    for (int i = 1; i <= n; ++i) out.push_back(std::to_string(i));
    return out;
  };
  EXPECT_EQ(codes(TedsSubstances()), numbered(19));
  EXPECT_EQ(codes(TedsRoutes()), numbered(5));
  EXPECT_EQ(codes(TedsFrequencies()), numbered(3));
  EXPECT_EQ(codes(TedsReferralSources()), numbered(7));
  EXPECT_EQ(program::LabelOf(TedsSubstances(), "1"), "None");
  EXPECT_EQ(program::LabelOf(TedsSubstances(), "5"), "Heroin");
  EXPECT_EQ(program::LabelOf(TedsSubstances(), "10"), "Methamphetamine");
  EXPECT_EQ(program::LabelOf(TedsRoutes(), "4"), "Injection");
  EXPECT_EQ(program::LabelOf(TedsFrequencies(), "3"), "Daily use");
  EXPECT_EQ(program::LabelOf(TedsReferralSources(), "7"), "Court/criminal justice referral");
}

}  // namespace
}  // namespace stepwise::assessment
