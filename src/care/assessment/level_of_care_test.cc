#include "care/assessment/level_of_care.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <initializer_list>

#include "care/program/program_model.h"

namespace stepwise::assessment {

extern const char* const kDefaultLevelOfCareText;  // generated from config/level_of_care.txt

namespace {

using Ratings = std::array<std::optional<int>, 6>;

LevelOfCareInput In(Ratings ratings, std::set<std::string> flags = {}) { return {ratings, std::move(flags)}; }

constexpr Ratings kZero = {0, 0, 0, 0, 0, 0};
// A typical intensive outpatient profile: moderate emotional, readiness, relapse and environment problems.
constexpr Ratings kIop = {1, 0, 2, 2, 2, 2};

Ratings With(Ratings r, int dimension, int rating) {
  r[static_cast<std::size_t>(dimension - 1)] = rating;
  return r;
}

Recommendation Recommended(const LevelOfCarePolicy& p, const LevelOfCareInput& in) {
  auto r = p.Recommend(in);
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
  return r.ok() ? r.value() : Recommendation{};
}

std::vector<std::string> Fired(const Recommendation& r) {
  std::vector<std::string> out;
  for (const auto& t : r.trace) {
    if (t.fired) out.push_back(t.rule);
  }
  return out;
}

std::string Replace(std::string text, const std::string& from, const std::string& to) {
  auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

// --- The shipped policy -------------------------------------------------------------------------------

TEST(LevelOfCarePolicy, ShippedPolicyIsALocalExampleWithBothEditions) {
  const auto& p = LevelOfCarePolicy::Default();
  EXPECT_TRUE(p.is_example());
  EXPECT_NE(p.name().find("example"), std::string::npos);
  EXPECT_NE(p.name().find("not ASAM"), std::string::npos);
  EXPECT_EQ(p.edition(), 3);
  EXPECT_EQ(p.editions(), (std::vector<int>{3, 4}));
  std::vector<std::string> codes;
  for (const auto& l : p.levels()) codes.push_back(l.code);
  EXPECT_EQ(codes, (std::vector<std::string>{"0.5", "1.0", "2.1", "2.5", "3.1", "3.3", "3.5", "3.7", "4.0"}));
  EXPECT_EQ(p.iop_level().code, "2.1");
  EXPECT_EQ(p.floor_level().code, "1.0");
  ASSERT_EQ(p.dimension_names().size(), 6u);
  EXPECT_EQ(p.dimension_names()[0], "Acute intoxication and/or withdrawal potential");
  EXPECT_EQ(p.dimension_names()[5], "Recovery/living environment");
  for (const char* f : {"cssrs_high", "self_harm_risk", "severe_withdrawal", "acute_psychiatric",
                        "repeated_relapse_unstable", "very_early_recovery", "unsafe_home"}) {
    EXPECT_TRUE(p.HasFlag(f)) << f;
  }
  EXPECT_FALSE(p.HasFlag("nope"));
  // Every level of both editions is a level the program set-up knows.
  auto known = program::Codes(program::LevelsOfCare());
  for (int e : p.editions()) {
    auto ed = p.WithEdition(e);
    ASSERT_TRUE(ed.ok());
    for (const auto& l : ed->levels()) {
      EXPECT_NE(std::find(known.begin(), known.end(), l.code), known.end()) << "edition " << e << " " << l.code;
    }
  }
}

struct Case {
  const char* name;
  Ratings ratings;
  std::set<std::string> flags;
  const char* level;
  bool iop_excluded;
};

TEST(LevelOfCarePolicy, ShippedPolicyTable) {
  const std::vector<Case> cases = {
      // Outpatient and intensive outpatient.
      {"all zero", kZero, {}, "1.0", false},
      {"all mild", {1, 1, 1, 1, 1, 1}, {}, "1.0", false},
      {"typical IOP profile", kIop, {}, "2.1", false},
      {"moderate withdrawal", With(kZero, 1, 2), {}, "2.1", false},
      {"moderate emotional", With(kZero, 3, 2), {}, "2.1", false},
      {"moderate readiness", With(kZero, 4, 2), {}, "2.1", false},
      {"moderate relapse potential", With(kZero, 5, 2), {}, "2.1", false},
      {"moderate environment", With(kZero, 6, 2), {}, "2.1", false},
      {"low readiness alone", With(kZero, 4, 4), {}, "2.1", false},
      {"moderate biomedical alone stays outpatient", With(kZero, 2, 2), {}, "1.0", false},
      // Every exclusion from intensive outpatient, alone...
      {"C-SSRS high risk", kZero, {"cssrs_high"}, "3.7", true},
      {"prone to self-harm", kZero, {"self_harm_risk"}, "3.7", true},
      {"severe withdrawal rating", With(kZero, 1, 3), {}, "3.7", true},
      {"severe withdrawal flag", kZero, {"severe_withdrawal"}, "3.7", true},
      {"extreme withdrawal", With(kZero, 1, 4), {}, "4.0", true},
      {"severe biomedical", With(kZero, 2, 3), {}, "3.7", true},
      {"extreme biomedical", With(kZero, 2, 4), {}, "4.0", true},
      {"acute psychiatric rating", With(kZero, 3, 3), {}, "2.5", true},
      {"acute psychiatric flag", kZero, {"acute_psychiatric"}, "2.5", true},
      {"extreme psychiatric", With(kZero, 3, 4), {}, "3.7", true},
      {"high relapse potential", With(kZero, 5, 3), {}, "2.5", true},
      {"severe repeated relapse rating", With(kZero, 5, 4), {}, "3.5", true},
      {"severe repeated relapse flag", kZero, {"repeated_relapse_unstable"}, "3.5", true},
      {"very early recovery", kZero, {"very_early_recovery"}, "2.5", true},
      {"unsafe home rating", With(kZero, 6, 3), {}, "3.1", true},
      {"unsafe home rating extreme", With(kZero, 6, 4), {}, "3.1", true},
      {"unsafe home flag", kZero, {"unsafe_home"}, "3.1", true},
      // ...and on top of an otherwise intensive outpatient profile.
      {"IOP + C-SSRS high risk", kIop, {"cssrs_high"}, "3.7", true},
      {"IOP + prone to self-harm", kIop, {"self_harm_risk"}, "3.7", true},
      {"IOP + severe withdrawal rating", With(kIop, 1, 3), {}, "3.7", true},
      {"IOP + severe withdrawal flag", kIop, {"severe_withdrawal"}, "3.7", true},
      {"IOP + acute psychiatric rating", With(kIop, 3, 3), {}, "2.5", true},
      {"IOP + acute psychiatric flag", kIop, {"acute_psychiatric"}, "2.5", true},
      {"IOP + severe repeated relapse rating", With(kIop, 5, 4), {}, "3.5", true},
      {"IOP + severe repeated relapse flag", kIop, {"repeated_relapse_unstable"}, "3.5", true},
      {"IOP + very early recovery", kIop, {"very_early_recovery"}, "2.5", true},
      {"IOP + unsafe home rating", With(kIop, 6, 3), {}, "3.1", true},
      {"IOP + unsafe home flag", kIop, {"unsafe_home"}, "3.1", true},
      // The most intensive demand wins.
      {"psychiatric + home + withdrawal", With(With(kIop, 3, 3), 1, 3), {"unsafe_home"}, "3.7", true},
      {"home + relapse", With(kIop, 6, 3), {"repeated_relapse_unstable"}, "3.5", true},
  };
  const auto& p = LevelOfCarePolicy::Default();
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    auto r = Recommended(p, In(c.ratings, c.flags));
    EXPECT_EQ(r.level, c.level);
    EXPECT_EQ(r.iop_excluded, c.iop_excluded);
    EXPECT_EQ(r.level_label, p.FindLevel(c.level)->label);
    EXPECT_FALSE(r.from_floor);
    EXPECT_EQ(r.edition, 3);
    EXPECT_EQ(r.policy_name, p.name());
  }
}

TEST(LevelOfCarePolicy, TraceListsEveryRuleInFileOrderWithTheDecisiveOnes) {
  const auto& p = LevelOfCarePolicy::Default();
  auto r = Recommended(p, In(With(With(kIop, 3, 3), 1, 3), {"unsafe_home"}));
  auto rules = p.rules();
  ASSERT_EQ(r.trace.size(), rules.size());
  for (std::size_t i = 0; i < rules.size(); ++i) {
    EXPECT_EQ(r.trace[i].rule, rules[i].rule);
    EXPECT_EQ(r.trace[i].reason, rules[i].reason);
    EXPECT_EQ(r.trace[i].needs_level, rules[i].needs_level);
    EXPECT_EQ(r.trace[i].needs_label, p.FindLevel(rules[i].needs_level)->label);
    if (i > 0) {
      EXPECT_LT(rules[i - 1].line, rules[i].line);
    }
    EXPECT_NE(rules[i].edition, 4);
  }
  EXPECT_EQ(r.trace.front().rule, "all D <= 1");
  EXPECT_FALSE(r.trace.front().fired);
  EXPECT_EQ(Fired(r), (std::vector<std::string>{"D4 = 2 or D5 = 2 or D6 = 2", "count(D >= 2) >= 3",
                                                 "D1 >= 3 or flag severe_withdrawal",
                                                 "D3 >= 3 or flag acute_psychiatric", "D6 >= 3 or flag unsafe_home"}));
  // D3 = 3 in this input, so "D3 = 2" must not fire: check the comparison really is equality.
  auto d3 = std::find_if(r.trace.begin(), r.trace.end(), [](const TraceLine& t) { return t.rule == "D3 = 2"; });
  ASSERT_NE(d3, r.trace.end());
  EXPECT_FALSE(d3->fired);
  std::vector<std::string> decisive;
  for (const auto& t : r.trace) {
    if (t.decisive) decisive.push_back(t.rule);
  }
  EXPECT_EQ(decisive, (std::vector<std::string>{"D1 >= 3 or flag severe_withdrawal"}));
  auto withdrawal = std::find_if(r.trace.begin(), r.trace.end(), [](const TraceLine& t) { return t.decisive; });
  EXPECT_EQ(withdrawal->needs_level, "3.7");
  EXPECT_EQ(withdrawal->reason, "Severe withdrawal risk needs medically monitored withdrawal management");
}

TEST(LevelOfCarePolicy, UnratedDimensionsFireNoRule) {
  const auto& p = LevelOfCarePolicy::Default();
  auto none = Recommended(p, In({}));
  EXPECT_EQ(none.level, "1.0");
  EXPECT_TRUE(none.from_floor);
  EXPECT_FALSE(none.iop_excluded);
  EXPECT_TRUE(Fired(none).empty());
  EXPECT_EQ(none.trace.size(), p.rules().size());

  Ratings partial = {std::nullopt, 0, 0, 0, 2, 0};
  auto r = Recommended(p, In(partial));
  EXPECT_EQ(r.level, "2.1");
  EXPECT_EQ(Fired(r), (std::vector<std::string>{"D4 = 2 or D5 = 2 or D6 = 2"}));
  Ratings mild_but_incomplete = {1, 1, 1, 1, 1, std::nullopt};
  auto m = Recommended(p, In(mild_but_incomplete));
  EXPECT_TRUE(m.from_floor);  // "all D <= 1" needs every dimension rated
}

TEST(LevelOfCarePolicy, BadInputNamesTheField) {
  const auto& p = LevelOfCarePolicy::Default();
  auto r = p.Recommend(In({0, 0, 5, 0, 0, -1}, {"cssrs_high", "made_up"}));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
  ASSERT_EQ(r.error().fields.size(), 3u);
  EXPECT_EQ(r.error().fields[0].field, "dimensions[2].rating");
  EXPECT_EQ(r.error().fields[1].field, "dimensions[5].rating");
  EXPECT_EQ(r.error().fields[2].field, "flags");
  EXPECT_NE(r.error().fields[2].message.find("made_up"), std::string::npos);
  EXPECT_TRUE(p.Recommend(In({0, 0, 4, 0, 0, 0})).ok());
}

TEST(LevelOfCarePolicy, FourthEditionByConfiguration) {
  std::string text = Replace(kDefaultLevelOfCareText, "\nedition 3\n", "\nedition 4\n");
  auto parsed = LevelOfCarePolicy::Parse(text);
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  const auto& p = *parsed;
  EXPECT_EQ(p.edition(), 4);
  EXPECT_EQ(p.levels().front().code, "1.0");
  EXPECT_EQ(p.levels().size(), 10u);
  EXPECT_EQ(p.floor_level().code, "1.5");
  EXPECT_EQ(p.dimension_names()[3], "Substance use-related risks");
  EXPECT_EQ(p.FindLevel("3.3"), nullptr);
  EXPECT_NE(p.FindLevel("2.7"), nullptr);
  for (const auto& rule : p.rules()) EXPECT_NE(rule.edition, 3) << rule.rule;

  struct Row {
    Ratings ratings;
    std::set<std::string> flags;
    const char* level;
    bool excluded;
  };
  const std::vector<Row> rows = {
      {kZero, {}, "1.5", false},
      {kIop, {}, "2.1", false},
      {With(kZero, 2, 2), {}, "1.7", false},                      // medically managed outpatient
      {With(kZero, 4, 2), {}, "2.1", false},
      {With(kZero, 6, 4), {}, "2.1", false},                      // person-centered barriers
      {With(With(kZero, 1, 2), 2, 2), {}, "2.7", true},            // 4th-edition-only rule
      {With(kZero, 4, 3), {}, "2.5", true},                       // high substance use-related risks
      {With(kZero, 4, 4), {}, "3.5", true},
      {With(kZero, 5, 3), {}, "3.1", true},                       // recovery environment is D5 here
      {kIop, {"unsafe_home"}, "3.1", true},
      {kIop, {"cssrs_high"}, "3.7", true},
      {kIop, {"repeated_relapse_unstable"}, "3.5", true},
  };
  for (const auto& row : rows) {
    auto r = Recommended(p, In(row.ratings, row.flags));
    EXPECT_EQ(r.level, row.level);
    EXPECT_EQ(r.edition, 4);
    EXPECT_EQ(r.iop_excluded, row.excluded) << row.level;
  }
  // WithEdition switches the same way.
  auto switched = LevelOfCarePolicy::Default().WithEdition(4);
  ASSERT_TRUE(switched.ok());
  EXPECT_EQ(Recommended(*switched, In(kZero)).level, "1.5");
  auto missing = LevelOfCarePolicy::Default().WithEdition(5);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().fields.at(0).field, "edition");
}

TEST(LevelOfCarePolicy, CompareForContinuedStay) {
  const auto& p = LevelOfCarePolicy::Default();
  EXPECT_EQ(p.Compare("2.1", "1.0"), Direction::kStepDown);
  EXPECT_EQ(p.Compare("2.1", "2.1"), Direction::kContinue);
  EXPECT_EQ(p.Compare("2.1", "2.5"), Direction::kStepUp);
  EXPECT_EQ(p.Compare("1.0", "3.7"), Direction::kStepUp);
  EXPECT_EQ(p.Compare("1.5", "2.1"), Direction::kStepUp);    // a 4th-edition level on a 3rd-edition policy
  EXPECT_EQ(p.Compare("2.7", "2.5"), Direction::kStepDown);
  EXPECT_EQ(p.Compare("", "2.1"), Direction::kContinue);     // no current level: nothing to compare
  EXPECT_EQ(DirectionCode(Direction::kStepDown), "step_down");
  EXPECT_EQ(DirectionCode(Direction::kContinue), "continue");
  EXPECT_EQ(DirectionCode(Direction::kStepUp), "step_up");
}

}  // namespace
}  // namespace stepwise::assessment
