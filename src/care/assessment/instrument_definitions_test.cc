// The ten shipped instruments (config/instruments/*.json) scored by the engine against the clinical
// reference (clinical.md §2): every band boundary on both sides, skip logic, branching, reverse scoring,
// sex-specific cut-offs, the AUDIT zone bump, C-SSRS triage, BAM-R subscales and the PCL-5 DSM-5 pattern.
#include <gtest/gtest.h>

#include <algorithm>

#include "care/assessment/instrument_catalog.h"

namespace stepwise::assessment {
namespace {

const InstrumentDefinition& Def(const std::string& code) {
  const InstrumentDefinition* d = InstrumentCatalog::Builtin().Find(code);
  if (d == nullptr) {
    ADD_FAILURE() << "no built-in instrument " << code;
    static const InstrumentDefinition kEmpty;
    return kEmpty;
  }
  return *d;
}

Scoring MustScore(const std::string& code, const Answers& answers, const std::string& sex = "") {
  auto r = Score(Def(code), answers, ScoringContext{sex});
  EXPECT_TRUE(r.ok()) << code << ": " << (r.ok() ? "" : r.error().message);
  return r.ok() ? *r : Scoring{};
}

const ScaleScore& ScaleOf(const Scoring& s, const std::string& code) {
  static const ScaleScore kNone;
  for (const auto& x : s.scales) {
    if (x.code == code) return x;
  }
  ADD_FAILURE() << "no scale " << code;
  return kNone;
}

const ItemResult& ItemOf(const Scoring& s, const std::string& id) {
  static const ItemResult kNone;
  for (const auto& r : s.items) {
    if (r.item_id == id) return r;
  }
  ADD_FAILURE() << "no item " << id;
  return kNone;
}

std::vector<std::string> FlagCodes(const Scoring& s) {
  std::vector<std::string> out;
  for (const auto& f : s.flags) out.push_back(f.code);
  return out;
}

std::vector<std::string> Range(const char* prefix, int from, int to) {
  std::vector<std::string> out;
  for (int i = from; i <= to; ++i) out.push_back(prefix + std::to_string(i));
  return out;
}

// Answers the items in `order` greedily (each with its highest value <= what is left, capped by `cap`) so
// that their values add up to `target`.
Answers Fill(const InstrumentDefinition& def, const std::vector<std::string>& order, double target,
             const std::map<std::string, double>& cap = {}) {
  Answers a;
  double left = target;
  for (const auto& id : order) {
    const Item* item = def.FindItem(id);
    if (item == nullptr) {
      ADD_FAILURE() << "no item " << id;
      continue;
    }
    double limit = left;
    if (auto it = cap.find(id); it != cap.end()) limit = std::min(limit, it->second);
    const AnswerOption* best = nullptr;
    for (const auto& o : item->options) {
      if (o.value <= limit && (best == nullptr || o.value > best->value)) best = &o;
    }
    if (best == nullptr) continue;
    a[id] = best->code;
    left -= best->value;
  }
  return a;
}

struct BandCase {
  std::string code;
  std::string scale;  // "" = the primary result
  std::string sex;
  double value;
  std::string band;
};

// The bands from clinical.md §2, each boundary from both sides.
const std::vector<BandCase>& BandCases() {
  static const std::vector<BandCase> cases = {
      {"PHQ9", "", "", 0, "minimal"},       {"PHQ9", "", "", 4, "minimal"},
      {"PHQ9", "", "", 5, "mild"},          {"PHQ9", "", "", 9, "mild"},
      {"PHQ9", "", "", 10, "moderate"},     {"PHQ9", "", "", 14, "moderate"},
      {"PHQ9", "", "", 15, "moderately_severe"}, {"PHQ9", "", "", 19, "moderately_severe"},
      {"PHQ9", "", "", 20, "severe"},       {"PHQ9", "", "", 27, "severe"},
      {"PHQ2", "", "", 0, "negative"},      {"PHQ2", "", "", 2, "negative"},
      {"PHQ2", "", "", 3, "positive"},      {"PHQ2", "", "", 6, "positive"},
      {"GAD7", "", "", 0, "minimal"},       {"GAD7", "", "", 4, "minimal"},
      {"GAD7", "", "", 5, "mild"},          {"GAD7", "", "", 9, "mild"},
      {"GAD7", "", "", 10, "moderate"},     {"GAD7", "", "", 14, "moderate"},
      {"GAD7", "", "", 15, "severe"},       {"GAD7", "", "", 21, "severe"},
      {"AUDIT", "", "", 0, "zone1"},        {"AUDIT", "", "", 7, "zone1"},
      {"AUDIT", "", "", 8, "zone2"},        {"AUDIT", "", "", 15, "zone2"},
      {"AUDIT", "", "", 16, "zone3"},       {"AUDIT", "", "", 19, "zone3"},
      {"AUDIT", "", "", 20, "zone4"},       {"AUDIT", "", "", 27, "zone4"},
      {"AUDITC", "", "male", 0, "negative"}, {"AUDITC", "", "male", 3, "negative"},
      {"AUDITC", "", "male", 4, "positive"}, {"AUDITC", "", "male", 12, "positive"},
      {"AUDITC", "", "female", 2, "negative"}, {"AUDITC", "", "female", 3, "positive"},
      {"AUDITC", "", "female", 12, "positive"}, {"AUDITC", "", "", 2, "negative"},
      {"AUDITC", "", "", 3, "positive"},    {"AUDITC", "", "unknown", 3, "positive"},
      {"DAST10", "", "", 0, "none"},        {"DAST10", "", "", 1, "low"},
      {"DAST10", "", "", 2, "low"},         {"DAST10", "", "", 3, "moderate"},
      {"DAST10", "", "", 5, "moderate"},    {"DAST10", "", "", 6, "substantial"},
      {"DAST10", "", "", 8, "substantial"}, {"DAST10", "", "", 9, "severe"},
      {"DAST10", "", "", 10, "severe"},
      {"CAGEAID", "", "", 0, "negative"},   {"CAGEAID", "", "", 1, "negative"},
      {"CAGEAID", "", "", 2, "positive"},   {"CAGEAID", "", "", 4, "positive"},
      {"BAMR", "use", "", 0, "none"},       {"BAMR", "use", "", 1, "use"},
      {"BAMR", "use", "", 12, "use"},       {"BAMR", "risk", "", 11, "lower"},
      {"BAMR", "risk", "", 12, "elevated"}, {"BAMR", "risk", "", 24, "elevated"},
      {"BAMR", "protective", "", 0, "low"}, {"BAMR", "protective", "", 12, "low"},
      {"BAMR", "protective", "", 13, "adequate"}, {"BAMR", "protective", "", 24, "adequate"},
      {"PCL5", "", "", 0, "below"},         {"PCL5", "", "", 32, "below"},
      {"PCL5", "", "", 33, "probable_ptsd"}, {"PCL5", "", "", 80, "probable_ptsd"},
  };
  return cases;
}

TEST(ShippedInstruments, EveryBandBoundaryFromBothSides) {
  for (const auto& c : BandCases()) {
    const InstrumentDefinition& def = Def(c.code);
    const std::string scale_code = c.scale.empty() ? def.primary_scale : c.scale;
    const Scale* scale = def.FindScale(scale_code);
    ASSERT_NE(scale, nullptr) << c.code << " " << scale_code;
    std::vector<std::string> order = scale->items;
    if (order.empty()) {
      for (const auto& item : def.items) {
        if (item.scored) order.push_back(item.id);
      }
    }
    std::map<std::string, double> cap;
    if (c.code == "AUDIT") {
      // Reach the totals without triggering the zone bump (Q4-Q6 < 2, Q9/Q10 < 4).
      order = {"q1", "q2", "q3", "q7", "q8", "q4", "q5", "q6", "q9", "q10"};
      cap = {{"q4", 1}, {"q5", 1}, {"q6", 1}, {"q9", 2}, {"q10", 2}};
    }
    Scoring s = MustScore(c.code, Fill(def, order, c.value, cap), c.sex);
    const std::string where = c.code + " " + scale_code + " = " + std::to_string(c.value) + " sex " + c.sex;
    const ScaleScore& got = ScaleOf(s, scale_code);
    EXPECT_EQ(got.value, c.value) << where;
    EXPECT_EQ(got.band_code, c.band) << where;
    if (c.scale.empty()) {
      EXPECT_EQ(s.total, c.value) << where;
      EXPECT_EQ(s.band_code, c.band) << where;
      EXPECT_FALSE(s.band_label.empty()) << where;
    }
  }
}

TEST(ShippedInstruments, Phq9Item9FlagsSafetyAtATotalOfOne) {
  Answers a;
  for (int i = 1; i <= 8; ++i) a["q" + std::to_string(i)] = "0";
  a["q9"] = "1";
  Scoring s = MustScore("PHQ9", a);
  EXPECT_EQ(s.total, 1);
  EXPECT_EQ(s.band_code, "minimal");
  ASSERT_EQ(FlagCodes(s), (std::vector<std::string>{"phq9_item9"}));
  EXPECT_TRUE(s.flags[0].safety);
  EXPECT_EQ(s.flags[0].severity, "urgent");
  a["q9"] = "0";
  EXPECT_TRUE(MustScore("PHQ9", a).flags.empty());
  a.erase("q9");
  EXPECT_TRUE(MustScore("PHQ9", a).flags.empty());  // unanswered is not flagged
}

TEST(ShippedInstruments, Phq9DifficultyItemIsAskedOnlyAfterAProblemAndNeverScored) {
  Answers a;
  for (int i = 1; i <= 9; ++i) a["q" + std::to_string(i)] = "0";
  Scoring s = MustScore("PHQ9", a);
  EXPECT_FALSE(ItemOf(s, "q10").visible);
  EXPECT_TRUE(s.complete);
  a["q3"] = "2";
  a["q10"] = "extremely";
  s = MustScore("PHQ9", a);
  EXPECT_TRUE(ItemOf(s, "q10").visible);
  EXPECT_TRUE(ItemOf(s, "q10").answered);
  EXPECT_EQ(s.total, 2);  // the difficulty answer (3) is not added
  EXPECT_TRUE(s.complete);
  a.erase("q10");
  EXPECT_TRUE(MustScore("PHQ9", a).complete);  // optional
  EXPECT_EQ(Def("PHQ9").items[0].loinc, "44250-9");
  EXPECT_EQ(Def("PHQ9").loinc_total, "44261-6");
}

TEST(ShippedInstruments, CompletenessAndMissing) {
  Scoring s = MustScore("PHQ9", {{"q1", "1"}, {"q5", "3"}});
  EXPECT_FALSE(s.complete);
  EXPECT_EQ(s.missing, (std::vector<std::string>{"q2", "q3", "q4", "q6", "q7", "q8", "q9"}));
  EXPECT_EQ(s.total, 4);  // partial answers score as far as they go
  EXPECT_EQ(ItemOf(s, "q5").value, 3);
  EXPECT_EQ(ItemOf(s, "q5").code, "3");
  EXPECT_EQ(s.items.size(), 10u);
  EXPECT_EQ(MustScore("GAD7", {}).missing, Range("q", 1, 7));
  EXPECT_EQ(MustScore("CSSRS_SCREEN", {}).missing, (std::vector<std::string>{"q1", "q2", "q6"}));
}

TEST(ShippedInstruments, AnswerErrorsNameTheAnswer) {
  auto r = Score(Def("PHQ9"), {{"q1", "4"}, {"q11", "0"}}, {});
  ASSERT_FALSE(r.ok());
  ASSERT_EQ(r.error().fields.size(), 2u);
  EXPECT_EQ(r.error().fields[0].field, "answers.q1");
  EXPECT_EQ(r.error().fields[1].field, "answers.q11");
  EXPECT_FALSE(Score(Def("AUDIT"), {{"q9", "1"}}, {}).ok());  // Q9 is 0, 2 or 4 only: codes, not values
}

TEST(ShippedInstruments, AuditSkipsToQ9WhenQ1IsNever) {
  Scoring s = MustScore("AUDIT", {{"q1", "never"}, {"q4", "daily"}, {"q9", "no"}, {"q10", "yes_last_year"}});
  for (const auto& id : Range("q", 2, 8)) {
    EXPECT_FALSE(ItemOf(s, id).visible) << id;
  }
  EXPECT_FALSE(ItemOf(s, "q4").answered);  // the answer to a skipped item is ignored
  EXPECT_TRUE(s.complete);
  EXPECT_EQ(s.total, 4);
  EXPECT_EQ(s.band_code, "zone2");  // zone I bumped by Q10 = 4
}

TEST(ShippedInstruments, AuditSkipsToQ9WhenQ2PlusQ3IsZero) {
  Answers a{{"q1", "monthly_or_less"}, {"q2", "1_2"}, {"q3", "never"}, {"q5", "daily"}, {"q9", "no"}, {"q10", "no"}};
  Scoring s = MustScore("AUDIT", a);
  EXPECT_TRUE(ItemOf(s, "q2").visible);
  for (const auto& id : Range("q", 4, 8)) EXPECT_FALSE(ItemOf(s, id).visible) << id;
  EXPECT_TRUE(s.complete);
  EXPECT_EQ(s.total, 1);
  EXPECT_EQ(s.band_code, "zone1");  // Q5's ignored answer neither scores nor bumps
  // Until Q2 and Q3 are both answered, Q4-Q8 stay shown (and missing).
  s = MustScore("AUDIT", {{"q1", "monthly_or_less"}, {"q2", "1_2"}});
  EXPECT_TRUE(ItemOf(s, "q4").visible);
  EXPECT_EQ(s.missing, (std::vector<std::string>{"q3", "q4", "q5", "q6", "q7", "q8", "q9", "q10"}));
  a["q3"] = "less_than_monthly";
  s = MustScore("AUDIT", a);
  EXPECT_TRUE(ItemOf(s, "q5").visible);
  EXPECT_EQ(ItemOf(s, "q5").value, 4);
  EXPECT_FALSE(s.complete);
}

TEST(ShippedInstruments, AuditZoneBump) {
  const InstrumentDefinition& def = Def("AUDIT");
  Answers base{{"q1", "monthly_or_less"}, {"q2", "3_4"}, {"q3", "never"}, {"q4", "never"}, {"q5", "never"},
               {"q6", "never"}, {"q7", "never"}, {"q8", "never"}, {"q9", "no"}, {"q10", "no"}};
  EXPECT_EQ(MustScore("AUDIT", base).band_code, "zone1");
  for (const auto& [id, code] : std::vector<std::pair<std::string, std::string>>{
           {"q4", "monthly"}, {"q5", "monthly"}, {"q6", "weekly"}, {"q9", "yes_last_year"}, {"q10", "yes_last_year"}}) {
    Answers a = base;
    a[id] = code;
    Scoring s = MustScore("AUDIT", a);
    EXPECT_LE(*s.total, 7) << id;
    EXPECT_EQ(s.band_code, "zone2") << id;
  }
  Answers a = base;
  a["q4"] = "less_than_monthly";  // Q4 = 1 does not bump
  a["q9"] = "yes_not_last_year";  // Q9 = 2 does not bump
  EXPECT_EQ(MustScore("AUDIT", a).band_code, "zone1");
  // Total 19 (zone III) with Q6 = 4 -> zone IV; total 40 stays zone IV.
  a = Fill(def, {"q1", "q2", "q3", "q6", "q7"}, 19);
  Scoring s = MustScore("AUDIT", a);
  EXPECT_EQ(s.total, 19);
  EXPECT_EQ(s.band_code, "zone4");
  EXPECT_EQ(FlagCodes(s), (std::vector<std::string>{"audit_zone4"}));
  s = MustScore("AUDIT", Fill(def, Range("q", 1, 10), 40));
  EXPECT_EQ(s.total, 40);
  EXPECT_EQ(s.band_code, "zone4");
}

TEST(ShippedInstruments, AuditCCutOffsBySex) {
  Answers three{{"q1", "2_3_week"}, {"q2", "1_2"}, {"q3", "never"}};
  EXPECT_EQ(MustScore("AUDITC", three, "male").band_code, "negative");
  EXPECT_TRUE(MustScore("AUDITC", three, "male").flags.empty());
  EXPECT_EQ(MustScore("AUDITC", three, "female").band_code, "positive");
  EXPECT_EQ(MustScore("AUDITC", three, "other").band_code, "positive");  // the general, lower cut-off
  EXPECT_EQ(FlagCodes(MustScore("AUDITC", three, "female")), (std::vector<std::string>{"auditc_positive"}));
  Answers four{{"q1", "4_plus_week"}, {"q2", "1_2"}, {"q3", "never"}};
  EXPECT_EQ(MustScore("AUDITC", four, "male").band_code, "positive");
}

TEST(ShippedInstruments, Dast10Item3IsReverseScored) {
  Answers all_no;
  for (const auto& id : Range("q", 1, 10)) all_no[id] = "no";
  Scoring s = MustScore("DAST10", all_no);
  EXPECT_EQ(s.total, 1);
  EXPECT_EQ(ItemOf(s, "q3").value, 1);
  EXPECT_EQ(s.band_code, "low");
  all_no["q3"] = "yes";
  s = MustScore("DAST10", all_no);
  EXPECT_EQ(s.total, 0);
  EXPECT_EQ(s.band_code, "none");
  Answers all_yes;
  for (const auto& id : Range("q", 1, 10)) all_yes[id] = "yes";
  EXPECT_EQ(MustScore("DAST10", all_yes).total, 9);
}

struct CssrsCase {
  Answers answers;
  std::string band;
  std::vector<std::string> flags;
};

TEST(ShippedInstruments, CssrsTriageOnEveryPath) {
  const std::vector<CssrsCase> cases = {
      {{{"q1", "no"}, {"q2", "no"}, {"q6", "no"}}, "none", {}},
      {{{"q1", "yes"}, {"q2", "no"}, {"q6", "no"}}, "low", {}},
      {{{"q1", "no"}, {"q2", "yes"}, {"q3", "no"}, {"q4", "no"}, {"q5", "no"}, {"q6", "no"}}, "low", {}},
      {{{"q1", "yes"}, {"q2", "yes"}, {"q3", "yes"}, {"q4", "no"}, {"q5", "no"}, {"q6", "no"}}, "moderate",
       {"cssrs_moderate"}},
      {{{"q1", "no"}, {"q2", "no"}, {"q6", "yes"}, {"q6a", "no"}}, "moderate", {"cssrs_moderate"}},
      {{{"q1", "yes"}, {"q2", "yes"}, {"q3", "no"}, {"q4", "yes"}, {"q5", "no"}, {"q6", "no"}}, "high", {"cssrs_high"}},
      {{{"q1", "yes"}, {"q2", "yes"}, {"q3", "yes"}, {"q4", "no"}, {"q5", "yes"}, {"q6", "no"}}, "high", {"cssrs_high"}},
      {{{"q1", "no"}, {"q2", "no"}, {"q6", "yes"}, {"q6a", "yes"}}, "high", {"cssrs_high"}},
      // Branching: Q3-Q5 are not asked when Q2 is no, so their answers are ignored; Q6a only after Q6 yes.
      {{{"q1", "yes"}, {"q2", "no"}, {"q4", "yes"}, {"q5", "yes"}, {"q6", "no"}, {"q6a", "yes"}}, "low", {}},
  };
  for (size_t i = 0; i < cases.size(); ++i) {
    Scoring s = MustScore("CSSRS_SCREEN", cases[i].answers);
    EXPECT_TRUE(s.complete) << "case " << i;
    EXPECT_FALSE(s.total.has_value()) << "case " << i;
    EXPECT_EQ(s.band_code, cases[i].band) << "case " << i;
    EXPECT_EQ(FlagCodes(s), cases[i].flags) << "case " << i;
  }
  Scoring high = MustScore("CSSRS_SCREEN", cases[5].answers);
  EXPECT_TRUE(high.flags[0].safety);
  EXPECT_EQ(high.flags[0].severity, "urgent");
  Scoring moderate = MustScore("CSSRS_SCREEN", cases[3].answers);
  EXPECT_FALSE(moderate.flags[0].safety);
  EXPECT_EQ(moderate.flags[0].severity, "warning");
  Scoring branch = MustScore("CSSRS_SCREEN", cases.back().answers);
  EXPECT_FALSE(ItemOf(branch, "q4").visible);
  EXPECT_FALSE(ItemOf(branch, "q6a").visible);
  // Q2 yes asks Q3-Q5; Q6 yes asks Q6a.
  Scoring open = MustScore("CSSRS_SCREEN", {{"q1", "no"}, {"q2", "yes"}, {"q6", "yes"}});
  EXPECT_EQ(open.missing, (std::vector<std::string>{"q3", "q4", "q5", "q6a"}));
}

TEST(ShippedInstruments, BamRSubscalesAndFlags) {
  Answers a;
  for (const auto& id : Range("q", 1, 17)) a[id] = "0";
  a.erase("q7");
  a["q14"] = "4";  // enough income: protective 4
  Scoring s = MustScore("BAMR", a);
  EXPECT_TRUE(s.complete);  // item 7 is optional
  EXPECT_FALSE(s.total.has_value());
  EXPECT_EQ(ScaleOf(s, "use").value, 0);
  EXPECT_EQ(ScaleOf(s, "risk").value, 0);
  EXPECT_EQ(ScaleOf(s, "protective").value, 4);
  EXPECT_EQ(FlagCodes(s), (std::vector<std::string>{"bamr_protective_low"}));
  // Use = 4+5+6, Risk = 1+2+3+8+11+15, Protective = 9+10+12+13+14+16; items 7 and 17 count nowhere.
  a = {{"q1", "1"}, {"q2", "2"}, {"q3", "3"}, {"q4", "0"}, {"q5", "0"}, {"q6", "1"}, {"q7", "4"},
       {"q8", "2"}, {"q9", "4"}, {"q10", "4"}, {"q11", "2"}, {"q12", "2"}, {"q13", "1"}, {"q14", "4"},
       {"q15", "2"}, {"q16", "3"}, {"q17", "4"}};
  s = MustScore("BAMR", a);
  EXPECT_EQ(ScaleOf(s, "use").value, 1);
  EXPECT_EQ(ScaleOf(s, "risk").value, 12);
  EXPECT_EQ(ScaleOf(s, "protective").value, 18);
  EXPECT_EQ(FlagCodes(s), (std::vector<std::string>{"bamr_use", "bamr_risk"}));
  // Low protection is flagged only once all six protective items are answered.
  EXPECT_EQ(FlagCodes(MustScore("BAMR", {{"q9", "0"}})), (std::vector<std::string>{}));
}

TEST(ShippedInstruments, Pcl5CutOffAndDsm5Pattern) {
  Answers a;
  for (const auto& id : Range("q", 1, 20)) a[id] = "0";
  // The minimal DSM-5 pattern: one B (1-5), one C (6-7), two D (8-14), two E (15-20) rated >= 2.
  a["q3"] = "2";
  a["q7"] = "2";
  a["q8"] = "3";
  a["q14"] = "2";
  a["q15"] = "4";
  a["q20"] = "2";
  Scoring s = MustScore("PCL5", a);
  EXPECT_EQ(s.total, 15);
  EXPECT_EQ(s.band_code, "below");
  EXPECT_EQ(FlagCodes(s), (std::vector<std::string>{"pcl5_dsm5_pattern"}));
  EXPECT_EQ(ScaleOf(s, "cluster_d").value, 5);
  for (const std::string id : {"q3", "q7", "q14", "q20"}) {
    Answers b = a;
    b[id] = "1";  // rated 1 does not count as endorsed
    EXPECT_TRUE(MustScore("PCL5", b).flags.empty()) << id;
  }
  for (const auto& id : Range("q", 1, 20)) a[id] = "1";
  a["q1"] = "4";
  a["q2"] = "4";
  a["q3"] = "3";
  s = MustScore("PCL5", a);  // 17 + 4 + 4 + 3 = 28 ... plus nothing else
  EXPECT_EQ(s.total, 28);
  EXPECT_TRUE(s.flags.empty());
  a["q4"] = "4";
  a["q5"] = "4";  // 34: probable PTSD without the pattern (C, D, E not endorsed)
  s = MustScore("PCL5", a);
  EXPECT_EQ(s.total, 34);
  EXPECT_EQ(FlagCodes(s), (std::vector<std::string>{"pcl5_probable_ptsd"}));
}

TEST(ShippedInstruments, ScreenPositiveFlags) {
  EXPECT_EQ(FlagCodes(MustScore("PHQ2", {{"q1", "2"}, {"q2", "1"}})), (std::vector<std::string>{"phq2_positive"}));
  EXPECT_TRUE(MustScore("PHQ2", {{"q1", "1"}, {"q2", "1"}}).flags.empty());
  const InstrumentDefinition& gad = Def("GAD7");
  EXPECT_EQ(FlagCodes(MustScore("GAD7", Fill(gad, Range("q", 1, 7), 10))),
            (std::vector<std::string>{"gad7_further_evaluation"}));
  EXPECT_TRUE(MustScore("GAD7", Fill(gad, Range("q", 1, 7), 9)).flags.empty());
  EXPECT_EQ(FlagCodes(MustScore("CAGEAID", {{"q1", "yes"}, {"q2", "yes"}, {"q3", "no"}, {"q4", "no"}})),
            (std::vector<std::string>{"cageaid_positive"}));
}

}  // namespace
}  // namespace stepwise::assessment
