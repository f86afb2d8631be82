// The generic engine on small hand-built definitions: the condition language, visibility, completeness,
// bands and their variants, bumps, outcomes, flags, answer errors and the definition checks. The shipped
// instruments are tested in instrument_definitions_test.cc.
#include "care/assessment/instrument_model.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace stepwise::assessment {
namespace {

using C = Condition;

std::vector<AnswerOption> ZeroToThree() {
  return {{"a", "None", 0, ""}, {"b", "Some", 1, ""}, {"c", "More", 2, ""}, {"d", "Most", 3, ""}};
}

Item MakeItem(std::string id, Condition show_when = C::Always()) {
  Item item;
  item.id = std::move(id);
  item.text = "Item " + item.id;
  item.options = ZeroToThree();
  item.show_when = std::move(show_when);
  return item;
}

// Four items 0..3: g (gate), x and y shown only when g > 0 (hidden when g == 0), z always; an optional,
// unscored note item n. Total 0..12 in three bands; a bump and two flags.
InstrumentDefinition Sample() {
  InstrumentDefinition d;
  d.code = "SAMPLE";
  d.name = "Sample";
  d.copyright = "nobody";
  d.items = {MakeItem("g"), MakeItem("x", C::Not(C::ItemIs("g", Compare::kEq, 0))),
             MakeItem("y", C::Not(C::ItemIs("g", Compare::kEq, 0))), MakeItem("z"), MakeItem("n")};
  d.items[4].required = false;
  d.items[4].scored = false;
  Scale total{"total", "Total", {}, {}};
  total.band_sets.push_back({C::SexIs({"male"}), {{"lo", "Low", 0, 5}, {"mid", "Mid", 6, 9}, {"hi", "High", 10, 12}}, ""});
  total.band_sets.push_back({C::Always(), {{"lo", "Low", 0, 3}, {"mid", "Mid", 4, 9}, {"hi", "High", 10, 12}}, ""});
  d.scales = {total, Scale{"xy", "X and Y", {"x", "y"}, {}}};
  d.primary_scale = "total";
  d.bumps = {{"total", C::ItemIs("z", Compare::kEq, 3), 1, ""}};
  d.flags = {{"z_high", "Z is high", "urgent", true, C::ItemIs("z", Compare::kGe, 2)},
             {"is_high", "High band", "warning", false, C::BandIs("hi")},
             {"xy_4", "X+Y >= 4", "info", false, C::ScaleIs("xy", Compare::kGe, 4)}};
  return d;
}

Scoring MustScore(const InstrumentDefinition& d, const Answers& a, std::string sex = "") {
  auto r = Score(d, a, ScoringContext{std::move(sex)});
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
  return r.ok() ? *r : Scoring{};
}

const ItemResult& ItemOf(const Scoring& s, const std::string& id) {
  return *std::find_if(s.items.begin(), s.items.end(), [&](const ItemResult& r) { return r.item_id == id; });
}

std::vector<std::string> FlagCodes(const Scoring& s) {
  std::vector<std::string> out;
  for (const auto& f : s.flags) out.push_back(f.code);
  return out;
}

TEST(InstrumentEngine, CompareNamesRoundTrip) {
  for (Compare op : {Compare::kEq, Compare::kNe, Compare::kGe, Compare::kGt, Compare::kLe, Compare::kLt}) {
    EXPECT_EQ(ParseCompare(CompareName(op)), op);
  }
  EXPECT_FALSE(ParseCompare("=>").has_value());
  EXPECT_TRUE(Holds(3, Compare::kGe, 3));
  EXPECT_FALSE(Holds(3, Compare::kGt, 3));
  EXPECT_TRUE(Holds(2, Compare::kLt, 3));
  EXPECT_TRUE(Holds(2, Compare::kNe, 3));
}

TEST(InstrumentEngine, UnansweredGateKeepsSkippableItemsShownAndMissing) {
  Scoring s = MustScore(Sample(), {});
  EXPECT_TRUE(ItemOf(s, "x").visible);  // "hide when g == 0" is false while g is unknown
  EXPECT_FALSE(s.complete);
  EXPECT_EQ(s.missing, (std::vector<std::string>{"g", "x", "y", "z"}));  // n is optional
  EXPECT_EQ(s.total, 0);
  EXPECT_EQ(s.band_code, "lo");
}

TEST(InstrumentEngine, SkippedItemsAreHiddenScoreZeroAndTheirAnswersAreIgnored) {
  Scoring s = MustScore(Sample(), {{"g", "a"}, {"x", "d"}, {"z", "b"}});
  EXPECT_FALSE(ItemOf(s, "x").visible);
  EXPECT_FALSE(ItemOf(s, "x").answered);
  EXPECT_EQ(ItemOf(s, "x").value, 0);
  EXPECT_EQ(ItemOf(s, "x").code, "");
  EXPECT_TRUE(s.complete);
  EXPECT_TRUE(s.missing.empty());
  EXPECT_EQ(s.total, 1);
  EXPECT_EQ(s.scales[1].code, "xy");
  EXPECT_EQ(s.scales[1].value, 0);
}

TEST(InstrumentEngine, ShownItemsCountAndUnscoredItemsDoNot) {
  Scoring s = MustScore(Sample(), {{"g", "b"}, {"x", "c"}, {"y", "d"}, {"z", "a"}, {"n", "d"}});
  EXPECT_TRUE(ItemOf(s, "x").visible);
  EXPECT_TRUE(ItemOf(s, "n").answered);
  EXPECT_EQ(ItemOf(s, "n").value, 3);
  EXPECT_EQ(s.total, 6);  // 1 + 2 + 3 + 0; n is unscored
  EXPECT_EQ(s.scales[0].code, "total");  // primary first
  EXPECT_EQ(s.scales[1].value, 5);
  EXPECT_EQ(FlagCodes(s), (std::vector<std::string>{"xy_4"}));
}

TEST(InstrumentEngine, BandVariantsBySexWithTheGeneralOneLast) {
  Answers a{{"g", "b"}, {"x", "b"}, {"y", "b"}, {"z", "b"}};  // 4
  EXPECT_EQ(MustScore(Sample(), a, "male").band_code, "lo");
  EXPECT_EQ(MustScore(Sample(), a, "female").band_code, "mid");
  EXPECT_EQ(MustScore(Sample(), a, "").band_code, "mid");
  EXPECT_EQ(MustScore(Sample(), a, "intersex").band_label, "Mid");
}

TEST(InstrumentEngine, BumpMovesUpOneBandButNotBeyondTheLast) {
  Scoring s = MustScore(Sample(), {{"g", "a"}, {"z", "d"}});  // 3 -> lo, bumped to mid
  EXPECT_EQ(s.total, 3);
  EXPECT_EQ(s.band_code, "mid");
  EXPECT_EQ(s.scales[0].band_code, "mid");
  EXPECT_EQ(FlagCodes(s), (std::vector<std::string>{"z_high"}));
  s = MustScore(Sample(), {{"g", "d"}, {"x", "d"}, {"y", "d"}, {"z", "d"}});  // 12 -> hi, stays hi
  EXPECT_EQ(s.band_code, "hi");
  EXPECT_EQ(FlagCodes(s), (std::vector<std::string>{"z_high", "is_high", "xy_4"}));
  EXPECT_TRUE(s.flags[0].safety);
  EXPECT_EQ(s.flags[0].severity, "urgent");
  EXPECT_TRUE(s.HasFlag("is_high"));
  EXPECT_FALSE(s.HasFlag("nope"));
}

TEST(InstrumentEngine, AnswerErrorsNameEveryBadAnswer) {
  auto r = Score(Sample(), {{"g", "zz"}, {"q99", "a"}, {"z", "a"}}, {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
  ASSERT_EQ(r.error().fields.size(), 2u);
  EXPECT_EQ(r.error().fields[0].field, "answers.g");
  EXPECT_NE(r.error().fields[0].message.find("a, b, c, d"), std::string::npos);
  EXPECT_EQ(r.error().fields[1].field, "answers.q99");
}

TEST(InstrumentEngine, ConditionsOnUnknownItemsAreFalseButCountsSeeOnlyAnswers) {
  InstrumentDefinition d = Sample();
  d.flags = {{"sum_zero", "", "info", false, C::Sum({"g", "z"}, Compare::kEq, 0)},
             {"two_at_2", "", "info", false, C::Count({"g", "x", "y", "z"}, 2, Compare::kGe, 2)},
             {"z_answered", "", "info", false, C::Answered("z")},
             {"z_is_b", "", "info", false, C::ItemCode("z", "b")},
             {"none_of", "", "info", false, C::Not(C::Any({C::ItemIs("g", Compare::kGe, 0), C::SexIs({"female"})}))},
             {"all_of", "", "info", false, C::All({C::ItemIs("g", Compare::kLe, 3), C::SexIs({"female"})})}};
  EXPECT_EQ(FlagCodes(MustScore(d, {{"g", "a"}})), (std::vector<std::string>{}));  // z unknown: no sum
  EXPECT_EQ(FlagCodes(MustScore(d, {})), (std::vector<std::string>{"none_of"}));
  EXPECT_EQ(FlagCodes(MustScore(d, {{"g", "a"}, {"z", "a"}})), (std::vector<std::string>{"sum_zero", "z_answered"}));
  EXPECT_EQ(FlagCodes(MustScore(d, {{"g", "c"}, {"x", "c"}, {"z", "b"}}, "female")),
            (std::vector<std::string>{"two_at_2", "z_answered", "z_is_b", "all_of"}));
}

TEST(InstrumentEngine, OutcomesDecideThePrimaryResultWithoutATotal) {
  InstrumentDefinition d = Sample();
  d.scales.clear();
  d.primary_scale.clear();
  d.bumps.clear();
  d.flags = {{"red", "", "urgent", true, C::BandIs("red")}};
  d.outcomes = {{"red", "Red", C::ItemCode("z", "d")}, {"amber", "Amber", C::ItemIs("z", Compare::kGe, 1)},
                {"green", "Green", C::Always()}};
  Scoring s = MustScore(d, {{"z", "b"}});
  EXPECT_FALSE(s.total.has_value());
  EXPECT_TRUE(s.scales.empty());
  EXPECT_EQ(s.band_code, "amber");
  EXPECT_EQ(MustScore(d, {}).band_code, "green");
  s = MustScore(d, {{"z", "d"}});
  EXPECT_EQ(s.band_label, "Red");
  EXPECT_TRUE(s.HasFlag("red"));
}

std::vector<std::string> CheckFields(const InstrumentDefinition& d) {
  FieldErrors errors;
  CheckDefinition(d, errors);
  std::vector<std::string> out;
  for (const auto& f : errors.fields()) out.push_back(f.field);
  return out;
}

TEST(InstrumentChecks, TheSampleIsValid) {
  EXPECT_EQ(CheckFields(Sample()), (std::vector<std::string>{}));
  EXPECT_EQ(ScaleRange(Sample(), Sample().scales[0]), (std::pair<double, double>{0, 12}));
  EXPECT_EQ(ScaleRange(Sample(), Sample().scales[1]), (std::pair<double, double>{0, 6}));
}

TEST(InstrumentChecks, BandsMustCoverTheRangeWithoutGapsOrOverlaps) {
  InstrumentDefinition d = Sample();
  d.scales[0].band_sets[0].bands[1].min = 7;   // gap after 0..5
  d.scales[0].band_sets[1].bands[1].min = 3;   // overlaps 0..3
  d.scales[0].band_sets[1].bands[2].max = 11;  // short of 12
  EXPECT_EQ(CheckFields(d), (std::vector<std::string>{"scales[0].band_sets[0].bands[1].min",
                                                      "scales[0].band_sets[1].bands[1].min",
                                                      "scales[0].band_sets[1].bands[2].max"}));
  d = Sample();
  d.scales[0].band_sets[0].bands[0].min = 1;
  d.scales[0].band_sets[0].bands[0].max = 5.5;
  EXPECT_EQ(CheckFields(d), (std::vector<std::string>{"scales[0].band_sets[0].bands[0]",
                                                      "scales[0].band_sets[0].bands[0].min",
                                                      "scales[0].band_sets[0].bands[1].min"}));
}

TEST(InstrumentChecks, ItemsAndOptionsAreUnique) {
  InstrumentDefinition d = Sample();
  d.items[1].id = "g";
  d.items[2].options[1].code = "a";
  auto fields = CheckFields(d);
  EXPECT_NE(std::find(fields.begin(), fields.end(), "items[1].id"), fields.end());
  EXPECT_NE(std::find(fields.begin(), fields.end(), "items[2].options[1].code"), fields.end());
}

TEST(InstrumentChecks, ConditionsNameExistingItemsAndShowWhenOnlyEarlierOnes) {
  InstrumentDefinition d = Sample();
  d.items[0].show_when = C::ItemIs("z", Compare::kEq, 1);                     // later item
  d.items[1].show_when = C::All({C::Answered("g"), C::ScaleIs("total", Compare::kGe, 1)});  // scale in show_when
  d.items[3].show_when = C::ItemCode("g", "nope");                            // not an option of g
  d.flags[0].when = C::Sum({"g", "missing"}, Compare::kGe, 1);
  d.flags[1].severity = "loud";
  d.flags[2].when = C::Not(C::ScaleIs("nope", Compare::kGe, 1));
  d.bumps[0].scale = "xy";  // a scale without bands
  EXPECT_EQ(CheckFields(d), (std::vector<std::string>{"items[0].show_when.item", "items[1].show_when.all[1].scale",
                                                      "items[3].show_when.code", "bumps[0].scale",
                                                      "flags[0].when.sum[1]", "flags[1].severity",
                                                      "flags[2].when.not.scale"}));
}

TEST(InstrumentChecks, ScalesNameScoredItemsAndThePrimaryScaleExists) {
  InstrumentDefinition d = Sample();
  d.scales[1].items = {"x", "n", "q7"};
  d.primary_scale = "sum";
  d.outcomes = {{"x", "X", C::Always()}};
  EXPECT_EQ(CheckFields(d), (std::vector<std::string>{"scales[1].items[1]", "scales[1].items[2]", "primary_scale",
                                                      "outcomes"}));
}

}  // namespace
}  // namespace stepwise::assessment
