// The policy text: conditions as a small language, and errors that name the line.
#include <gtest/gtest.h>

#include "care/assessment/level_of_care.h"

namespace stepwise::assessment {
namespace {

std::string Replace(std::string text, const std::string& from, const std::string& to) {
  auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

// A small valid policy; `rules` are appended from line 20 on.
std::string Mini(const std::string& rules) {
  return "# test policy\n"                                                 // 1
         "policy \"Test\"\n"                                               // 2
         "edition 3\n"                                                     // 3
         "level 3 1.0 \"Outpatient\" intensity=10\n"                       // 4
         "level 3 2.1 \"Intensive outpatient\" intensity=21 iop\n"         // 5
         "level 3 3.1 \"Residential\" intensity=31\n"                      // 6
         "dimension 3 1 \"One\"\n"                                         // 7
         "dimension 3 2 \"Two\"\n"                                         // 8
         "dimension 3 3 \"Three\"\n"                                       // 9
         "dimension 3 4 \"Four\"\n"                                        // 10
         "dimension 3 5 \"Five\"\n"                                        // 11
         "dimension 3 6 \"Six\"\n"                                         // 12
         "flag a \"Flag a\"\n"                                             // 13
         "flag b \"Flag b\"\n"                                             // 14
         "floor 1.0\n"                                                     // 15
         "\n\n\n\n" +                                                      // 16-19
         rules;                                                            // 20...
}

std::string ErrorOf(const std::string& text) {
  auto p = LevelOfCarePolicy::Parse(text);
  if (p.ok()) return "parsed";
  EXPECT_EQ(p.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(p.error().fields.size(), 1u);
  EXPECT_EQ(p.error().fields.at(0).field, "level_of_care");
  EXPECT_NE(p.error().message.find(p.error().fields.at(0).message), std::string::npos);
  return p.error().fields.at(0).message;
}

// Whether the single rule of Mini(rule) fires for the input.
bool Fires(const std::string& condition, std::array<std::optional<int>, 6> ratings, std::set<std::string> flags = {}) {
  auto p = LevelOfCarePolicy::Parse(Mini("rule when " + condition + " then needs >= 3.1 because \"x\"\n"));
  EXPECT_TRUE(p.ok()) << condition << ": " << (p.ok() ? "" : p.error().message);
  if (!p.ok()) return false;
  auto r = p->Recommend({ratings, std::move(flags)});
  EXPECT_TRUE(r.ok());
  EXPECT_EQ(r->trace.size(), 1u);
  EXPECT_EQ(r->trace.at(0).rule, condition);
  EXPECT_EQ(r->level, r->trace.at(0).fired ? "3.1" : "1.0");
  return r->trace.at(0).fired;
}

TEST(LevelOfCareConditions, Comparisons) {
  EXPECT_TRUE(Fires("D1 >= 3", {3, 0, 0, 0, 0, 0}));
  EXPECT_FALSE(Fires("D1 >= 3", {2, 0, 0, 0, 0, 0}));
  EXPECT_TRUE(Fires("D2 <= 1", {0, 1, 0, 0, 0, 0}));
  EXPECT_FALSE(Fires("D2 <= 1", {0, 2, 0, 0, 0, 0}));
  EXPECT_TRUE(Fires("D3 = 2", {0, 0, 2, 0, 0, 0}));
  EXPECT_FALSE(Fires("D3 = 2", {0, 0, 3, 0, 0, 0}));
  EXPECT_TRUE(Fires("D4 > 2", {0, 0, 0, 3, 0, 0}));
  EXPECT_FALSE(Fires("D4 > 2", {0, 0, 0, 2, 0, 0}));
  EXPECT_TRUE(Fires("D6 < 1", {0, 0, 0, 0, 0, 0}));
  EXPECT_FALSE(Fires("D6 < 1", {0, 0, 0, 0, 0, std::nullopt}));  // unrated: false
  EXPECT_TRUE(Fires("D5>=2", {0, 0, 0, 0, 2, 0}));                 // spaces are optional
}

TEST(LevelOfCareConditions, FlagsAndOrNotParentheses) {
  EXPECT_TRUE(Fires("flag a", {}, {"a"}));
  EXPECT_FALSE(Fires("flag a", {}, {"b"}));
  EXPECT_TRUE(Fires("flag a and flag b", {}, {"a", "b"}));
  EXPECT_FALSE(Fires("flag a and flag b", {}, {"a"}));
  EXPECT_TRUE(Fires("flag a or flag b", {}, {"b"}));
  EXPECT_FALSE(Fires("not flag a", {}, {"a"}));
  EXPECT_TRUE(Fires("not flag a", {}, {}));
  // `and` binds tighter than `or`: a or (b and D1 >= 3).
  EXPECT_TRUE(Fires("flag a or flag b and D1 >= 3", {0, 0, 0, 0, 0, 0}, {"a"}));
  EXPECT_FALSE(Fires("(flag a or flag b) and D1 >= 3", {0, 0, 0, 0, 0, 0}, {"a"}));
  EXPECT_TRUE(Fires("(flag a or flag b) and D1 >= 3", {3, 0, 0, 0, 0, 0}, {"b"}));
}

TEST(LevelOfCareConditions, AnyAllCount) {
  EXPECT_TRUE(Fires("any D >= 3", {0, 0, 0, 0, 3, 0}));
  EXPECT_FALSE(Fires("any D >= 3", {2, 2, 2, 2, 2, std::nullopt}));
  EXPECT_TRUE(Fires("all D <= 1", {1, 1, 0, 0, 1, 0}));
  EXPECT_FALSE(Fires("all D <= 1", {1, 1, 0, 0, 2, 0}));
  EXPECT_FALSE(Fires("all D <= 1", {1, 1, 0, 0, 1, std::nullopt}));
  EXPECT_TRUE(Fires("count(D >= 2) >= 2", {2, 0, 3, 0, 0, 0}));
  EXPECT_FALSE(Fires("count(D >= 2) >= 2", {2, 0, 1, 0, 0, std::nullopt}));
  EXPECT_TRUE(Fires("count(D = 0) = 6", {0, 0, 0, 0, 0, 0}));
}

TEST(LevelOfCarePolicyParse, MinimalPolicyParses) {
  auto p = LevelOfCarePolicy::Parse(Mini(""));
  ASSERT_TRUE(p.ok()) << p.error().message;
  EXPECT_EQ(p->name(), "Test");
  EXPECT_FALSE(p->is_example());
  EXPECT_EQ(p->levels().size(), 3u);
  EXPECT_TRUE(p->rules().empty());
  EXPECT_EQ(p->Recommend({}).value().level, "1.0");
}

TEST(LevelOfCarePolicyParse, ErrorsNameTheLineAndTheProblem) {
  const std::string tail = " then needs >= 2.1 because \"x\"\n";
  struct Row {
    std::string text;
    std::string expected;  // the whole field message
  };
  const std::vector<Row> rows = {
      {Mini("rule when D1 >= 3 then needs >= 2.3 because \"x\"\n"), "line 20: unknown level 2.3 in edition 3"},
      {Mini("rule when D7 >= 3" + tail), "line 20: bad condition: unknown dimension 'D7' (dimensions are D1 to D6)"},
      {Mini("rule when D1 >= 5" + tail), "line 20: bad condition: expected a rating 0-4 after 'D1' but found '5'"},
      {Mini("rule when D1 => 3" + tail), "line 20: bad condition: expected a rating 0-4 after 'D1' but found '>'"},
      {Mini("rule when D1 3" + tail), "line 20: bad condition: expected >=, <=, =, > or < after 'D1' but found '3'"},
      {Mini("rule when (D1 >= 3" + tail), "line 20: bad condition: expected ')' but found the end of the condition"},
      {Mini("rule when flag" + tail), "line 20: bad condition: expected a flag code after 'flag' but found the end of the condition"},
      {Mini("rule when D1 >= 3 and" + tail), "line 20: bad condition: expected a condition but found the end of the condition"},
      {Mini("rule when" + tail), "line 20: bad condition: the condition is empty"},
      {Mini("rule when flag c" + tail), "line 20: unknown flag c (declare it with a flag line)"},
      {Mini("rule when D1 >= 3 then needs 2.1 because \"x\"\n"),
       "line 20: expected: rule [<edition>] when <condition> then needs >= <level> because \"<reason>\""},
      {Mini("rule when D1 >= 3 needs >= 2.1\n"),
       "line 20: expected: rule [<edition>] when <condition> then needs >= <level> because \"<reason>\" (no 'then')"},
      {Mini("rule 4 when D1 >= 3" + tail), "line 20: edition 4 declares no levels"},
      {Mini("level 3 2.1 \"Again\" intensity=40\n"), "line 20: duplicate level 2.1 in edition 3"},
      {Mini("level 3 4.0 \"Inpatient\" intensity=40 iop\n"), "line 20: edition 3 already has an iop level (2.1)"},
      {Mini("level 3 0.5 \"Early\" intensity=5\n"),
       "line 20: levels are listed least intensive first: intensity 5 must be greater than that of level 3.1 (31)"},
      {Mini("dimension 3 2 \"Again\"\n"), "line 20: duplicate dimension 2 in edition 3"},
      {Mini("dimension 3 7 \"Seven\"\n"), "line 20: dimensions are numbered 1 to 6, got '7'"},
      {Mini("flag a \"Again\"\n"), "line 20: duplicate flag a"},
      {Mini("flag Bad \"x\"\n"), "line 20: flag codes use lower-case letters, digits and _, got 'Bad'"},
      {Mini("floor 2.1\n"), "line 20: the floor is set twice (also on line 15)"},
      {Mini("edition 4\n"), "line 20: the edition line appears twice"},
      {Mini("policy \"Again\"\n"), "line 20: the policy line appears twice"},
      {Mini("levels 3 1.0 \"x\" intensity=1\n"),
       "line 20: expected policy, edition, level, dimension, flag, floor or rule, got 'levels'"},
      {Mini("flag c \"unterminated\n"), "line 20: a quoted text has no closing \""},
      {Mini("flag c \"x\" ;\n"), "line 20: unexpected character ';'"},
      {Replace(Mini(""), "floor 1.0\n", "floor 1.7\n"), "line 15: unknown level 1.7 in edition 3"},
      {Replace(Mini(""), "floor 1.0\n", ""), "edition 3 has no floor (a line: floor 3 <level>)"},
      {Replace(Mini(""), "dimension 3 4 \"Four\"\n", ""), "edition 3 does not name dimension 4"},
      {Replace(Mini(""), " iop\n", "\n"), "edition 3 marks no level as iop"},
      {Replace(Mini(""), "policy \"Test\"\n", ""), "the policy has no name (a line: policy \"<name>\")"},
      {Replace(Mini(""), "edition 3\n", "edition 4\n"), "line 3: edition 4 declares no levels"},
  };
  for (const auto& row : rows) EXPECT_EQ(ErrorOf(row.text), row.expected);
}

TEST(LevelOfCarePolicyParse, RulesForEveryEditionNeedLevelsEveryEditionHas) {
  std::string both = Mini("") + "level 4 1.5 \"Outpatient therapy\" intensity=15\n"  // 20
                                "level 4 2.1 \"IOP\" intensity=21 iop\n"              // 21
                                "dimension 4 1 \"A\"\ndimension 4 2 \"B\"\ndimension 4 3 \"C\"\n"
                                "dimension 4 4 \"D\"\ndimension 4 5 \"E\"\ndimension 4 6 \"F\"\n";  // 22-27
  // "floor 1.0" applies to every edition, and edition 4 has no 1.0.
  EXPECT_EQ(ErrorOf(both), "line 15: unknown level 1.0 in edition 4");
  std::string fixed = Replace(both, "floor 1.0\n", "floor 3 1.0\nfloor 4 1.5\n");  // now one line longer
  ASSERT_EQ(ErrorOf(fixed), "parsed");
  EXPECT_EQ(ErrorOf(fixed + "rule when D1 >= 3 then needs >= 3.1 because \"x\"\n"),
            "line 29: unknown level 3.1 in edition 4 (a rule without an edition needs a level every edition has)");
  auto p = LevelOfCarePolicy::Parse(fixed + "rule 3 when D1 >= 3 then needs >= 3.1 because \"x\"\n"
                                            "rule when D1 >= 2 then needs >= 2.1 because \"y\"\n"
                                            "rule 4 when D1 >= 1 then needs >= 1.5 because \"z\"\n");
  ASSERT_TRUE(p.ok()) << p.error().message;
  EXPECT_EQ(p->rules().size(), 2u);
  auto four = p->WithEdition(4);
  ASSERT_TRUE(four.ok());
  ASSERT_EQ(four->rules().size(), 2u);
  EXPECT_EQ(four->rules()[0].reason, "y");
  EXPECT_EQ(four->rules()[1].reason, "z");
  EXPECT_EQ(four->rules()[1].line, 31);
  EXPECT_EQ(four->Recommend({{1, 0, 0, 0, 0, 0}, {}}).value().level, "1.5");
  EXPECT_EQ(p->Recommend({{1, 0, 0, 0, 0, 0}, {}}).value().from_floor, true);
}

}  // namespace
}  // namespace stepwise::assessment
