// Pure drug-testing rules: every cut-off boundary, specimen validity at each limit in the clinical
// reference, billing codes, the consequences ladder on dates (the 30-day window), randomness (rates
// converge, same seed → same schedule, no weekday pattern), the lab CSV and the compiled-in policy.
#include <gtest/gtest.h>

#include <cmath>
#include <map>

#include "care/testing/lab_csv.h"
#include "care/testing/ladder_model.h"
#include "care/testing/selection.h"
#include "care/testing/testing_model.h"
#include "care/testing/testing_policy_json.h"

namespace stepwise::testing {
namespace {

Date D(const char* s) { return *ParseDate(s); }

const Policy& P() { return BuiltinPolicy(); }

AnalyteEntry Judged(const char* code, double value, const char* stage = "screening", const char* unit = "ng/mL") {
  AnalyteEntry e;
  e.code = code;
  e.value = value;
  e.unit = unit;
  e.stage = stage;
  FieldErrors errors;
  JudgeEntry(e, *P().FindAnalyte(code), "analytes[0]", errors);
  EXPECT_TRUE(errors.empty());
  return e;
}

std::string StatusOf(std::vector<AnalyteEntry> entries, std::set<std::string> expected = {}) {
  auto list = Interpret(entries, expected);
  EXPECT_EQ(list.size(), 1u);
  return list.empty() ? "" : list[0].status;
}

TEST(TestingPolicy, TheCompiledInPolicyCarriesTheFederalCutoffsAndTheConflictsAsSettings) {
  const Analyte* morphine = P().FindPanel("lab_definitive")->Find("morphine");
  ASSERT_NE(morphine, nullptr);
  EXPECT_EQ(morphine->screening_cutoff, 2000);
  EXPECT_EQ(morphine->confirmation_cutoff, 2000);
  EXPECT_NE(morphine->note.find("[conflict]"), std::string::npos);
  EXPECT_EQ(P().FindPanel("lab_definitive")->Find("thc")->confirmation_cutoff, 15);
  EXPECT_EQ(P().FindPanel("lab_definitive")->Find("fentanyl")->screening_cutoff, 1);
  EXPECT_EQ(P().validity.ph_low, 4);
  EXPECT_EQ(P().MaxStep(), 3);
  // The policy round-trips through its JSON.
  auto again = ParsePolicy(PolicyText(P()));
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_EQ(PolicyText(*again), PolicyText(P()));
}

TEST(TestingPolicy, ABrokenPolicyNamesEveryBadField) {
  auto bad = ParsePolicy(R"({"panels":[{"code":"x","label":"X","specimen":"blood","analytes":[
      {"code":"thc","label":"THC","screening_cutoff":0,"confirmation_cutoff":15}]}],
    "phases":[{"code":"a","from_day":1,"to_day":30,"tests_per_week":2},{"code":"b","from_day":20,"tests_per_week":1}],
    "observed":"sometimes","ladder":[{"step":1,"action":"warning","assignee":"counselor"},
      {"step":3,"action":"x","assignee_role":"program_director"}],"colour":"red"})");
  ASSERT_FALSE(bad.ok());
  std::set<std::string> fields;
  for (const auto& f : bad.error().fields) fields.insert(f.field);
  EXPECT_TRUE(fields.contains("colour")) << bad.error().fields.size();
  EXPECT_TRUE(fields.contains("observed"));
  auto policy_only = ParsePolicy(R"({"panels":[{"code":"x","label":"X","specimen":"blood","analytes":[
      {"code":"thc","label":"THC","screening_cutoff":0,"confirmation_cutoff":15}]}],
    "phases":[{"code":"a","from_day":1,"to_day":30,"tests_per_week":2},{"code":"b","from_day":20,"tests_per_week":1}],
    "ladder":[{"step":1,"action":"warning","assignee":"counselor"},{"step":3,"action":"x","assignee_role":"program_director"}]})");
  ASSERT_FALSE(policy_only.ok());
  fields.clear();
  for (const auto& f : policy_only.error().fields) fields.insert(f.field);
  EXPECT_EQ(fields, (std::set<std::string>{"panels[0].specimen", "panels[0].analytes[0].screening_cutoff",
                                           "phases[1].from_day", "ladder[1].step", "ladder[1].window_days"}));
}

// Below the screening cut-off → negative; at or above → presumptive positive; confirmation at or above its
// own cut-off → confirmed, below → not confirmed. THC 50/15, cocaine 150/100, fentanyl 1/1.
TEST(TestingCutoffs, ScreeningAndConfirmationAtEveryBoundary) {
  EXPECT_EQ(StatusOf({Judged("thc", 49.9)}), "negative");
  EXPECT_EQ(StatusOf({Judged("thc", 50)}), "presumptive_positive");
  EXPECT_EQ(StatusOf({Judged("thc", 50.1)}), "presumptive_positive");
  EXPECT_EQ(StatusOf({Judged("thc", 80), Judged("thc", 14.9, "confirmation")}), "not_confirmed");
  EXPECT_EQ(StatusOf({Judged("thc", 80), Judged("thc", 15, "confirmation")}), "confirmed_positive");
  EXPECT_EQ(StatusOf({Judged("cocaine", 149)}), "negative");
  EXPECT_EQ(StatusOf({Judged("cocaine", 150), Judged("cocaine", 99.9, "confirmation")}), "not_confirmed");
  EXPECT_EQ(StatusOf({Judged("cocaine", 150), Judged("cocaine", 100, "confirmation")}), "confirmed_positive");
  EXPECT_EQ(StatusOf({Judged("fentanyl", 0.99)}), "negative");
  EXPECT_EQ(StatusOf({Judged("fentanyl", 1)}), "presumptive_positive");
  // A lab's direct definitive test below its cut-off without a positive screen is negative.
  EXPECT_EQ(StatusOf({Judged("6am", 9.9, "confirmation")}), "negative");
  EXPECT_EQ(StatusOf({Judged("6am", 10, "confirmation")}), "confirmed_positive");
  // The cut-offs travel with the entry.
  const auto e = Judged("cocaine", 151);
  EXPECT_EQ(e.screening_cutoff, 150);
  EXPECT_EQ(e.confirmation_cutoff, 100);
  EXPECT_EQ(e.outcome, "positive");
}

TEST(TestingCutoffs, CupReadingsWrongUnitsAndContradictionsAreChecked) {
  AnalyteEntry cup;
  cup.code = "cocaine";
  cup.reading = "positive";
  FieldErrors errors;
  JudgeEntry(cup, *P().FindAnalyte("cocaine"), "analytes[0]", errors);
  EXPECT_TRUE(errors.empty());
  EXPECT_EQ(cup.outcome, "positive");
  AnalyteEntry wrong_unit;
  wrong_unit.code = "thc";
  wrong_unit.value = 0.05;
  wrong_unit.unit = "µg/mL";
  JudgeEntry(wrong_unit, *P().FindAnalyte("thc"), "analytes[1]", errors);
  AnalyteEntry contradicts;
  contradicts.code = "thc";
  contradicts.value = 10;
  contradicts.unit = "ng/mL";
  contradicts.reading = "positive";
  JudgeEntry(contradicts, *P().FindAnalyte("thc"), "analytes[2]", errors);
  AnalyteEntry nothing;
  nothing.code = "thc";
  JudgeEntry(nothing, *P().FindAnalyte("thc"), "analytes[3]", errors);
  ASSERT_EQ(errors.fields().size(), 3u);
  EXPECT_EQ(errors.fields()[0].field, "analytes[1].unit");
  EXPECT_NE(errors.fields()[0].message.find("must be ng/mL"), std::string::npos);
  EXPECT_EQ(errors.fields()[1].field, "analytes[2].reading");
  EXPECT_EQ(errors.fields()[2].field, "analytes[3].value");
}

TEST(TestingCutoffs, PrescribedMedicationsMakeExpectedPositivesNotViolations) {
  auto list = Interpret({Judged("buprenorphine", 40), Judged("thc", 10)}, {"buprenorphine", "norbuprenorphine"});
  ASSERT_EQ(list.size(), 2u);
  EXPECT_TRUE(list[0].expected);
  EXPECT_FALSE(list[1].expected);  // negative: nothing to expect
  EXPECT_FALSE(UnexpectedPositive(list, "presumptive_positive"));
  list = Interpret({Judged("buprenorphine", 40), Judged("thc", 60)}, {"buprenorphine"});
  EXPECT_TRUE(UnexpectedPositive(list, "presumptive_positive"));
  EXPECT_FALSE(UnexpectedPositive(list, "confirmed_positive"));  // the policy may wait for the lab
  list = Interpret({Judged("thc", 60), Judged("thc", 10, "confirmation")}, {});
  EXPECT_TRUE(AllUnexpectedNotConfirmed(list));
}

Validity V(std::optional<double> cr, std::optional<double> sg, std::optional<double> ph = 6,
           std::optional<double> nitrite = 0, std::optional<double> temp = 95, bool negative = true,
           const ValidityLimits& limits = {}) {
  return ClassifyValidity({cr, sg, ph, nitrite, temp, std::nullopt}, limits, negative);
}

// 49 CFR 40.87–40.88 as in the clinical reference: dilute = creatinine ≥ 2 and < 20 with SG > 1.0010 and
// < 1.0030; substituted = creatinine < 2 with SG ≤ 1.0010 or ≥ 1.0200; adulterated = nitrite ≥ 500,
// pH ≥ 11 or pH < 4 (3 in older rules); temperature 90–100 °F.
TEST(TestingValidity, ClassificationAtEveryBoundary) {
  EXPECT_EQ(V(100, 1.0150).status, "valid");
  // creatinine 2 and 20
  EXPECT_EQ(V(2, 1.0020).status, "dilute");
  EXPECT_EQ(V(19.99, 1.0020).status, "dilute");
  EXPECT_EQ(V(20, 1.0020).status, "valid");
  EXPECT_EQ(V(1.99, 1.0010).status, "substituted");
  // specific gravity 1.0010 / 1.0030 for dilute
  EXPECT_EQ(V(10, 1.0010).status, "valid");
  EXPECT_EQ(V(10, 1.0011).status, "dilute");
  EXPECT_EQ(V(10, 1.0029).status, "dilute");
  EXPECT_EQ(V(10, 1.0030).status, "valid");
  // specific gravity 1.0010 / 1.0200 for substituted
  EXPECT_EQ(V(1, 1.0010).status, "substituted");
  EXPECT_EQ(V(1, 1.0011).status, "invalid");  // creatinine < 2 with SG in between: inconsistent
  EXPECT_EQ(V(1, 1.0199).status, "invalid");
  EXPECT_EQ(V(1, 1.0200).status, "substituted");
  // nitrite 500
  EXPECT_EQ(V(100, 1.0150, 6, 499.9).status, "valid");
  EXPECT_EQ(V(100, 1.0150, 6, 500).status, "adulterated");
  // pH 11 and the low-pH setting (4 now, 3 in older rules)
  EXPECT_EQ(V(100, 1.0150, 10.99).status, "valid");
  EXPECT_EQ(V(100, 1.0150, 11).status, "adulterated");
  EXPECT_EQ(V(100, 1.0150, 4).status, "valid");
  EXPECT_EQ(V(100, 1.0150, 3.99).status, "adulterated");
  ValidityLimits older;
  older.ph_low = 3;
  EXPECT_EQ(V(100, 1.0150, 3.5, 0, 95, true, older).status, "valid");
  EXPECT_EQ(V(100, 1.0150, 2.99, 0, 95, true, older).status, "adulterated");
  // temperature 90 and 100 °F, inclusive
  EXPECT_EQ(V(100, 1.0150, 6, 0, 89.9).status, "invalid");
  EXPECT_EQ(V(100, 1.0150, 6, 0, 90).status, "valid");
  EXPECT_EQ(V(100, 1.0150, 6, 0, 100).status, "valid");
  EXPECT_EQ(V(100, 1.0150, 6, 0, 100.1).status, "invalid");
  EXPECT_EQ(ClassifyValidity({std::nullopt, std::nullopt, std::nullopt, std::nullopt, std::nullopt, false}, {}, true)
                .status,
            "invalid");
  EXPECT_EQ(ClassifyValidity({}, {}, true).status, "not_tested");
  // Precedence: substituted before adulterated before invalid before dilute.
  EXPECT_EQ(V(1, 1.0005, 12, 600).status, "substituted");
  EXPECT_EQ(V(10, 1.0020, 12).status, "adulterated");
  // A dilute negative with creatinine 2–5 needs an observed recollection; a dilute positive does not.
  EXPECT_TRUE(V(5, 1.0020).recollect_observed);
  EXPECT_FALSE(V(5.1, 1.0020).recollect_observed);
  EXPECT_FALSE(V(3, 1.0020, 6, 0, 95, false).recollect_observed);
}

TEST(TestingBilling, PresumptiveByMethodDefinitiveByDrugClasses) {
  const auto& b = P().billing;
  auto codes = [&](const std::string& method, int classes) {
    std::vector<std::string> out;
    for (const auto& s : SuggestBilling(b, method, classes)) out.push_back(s.code);
    return out;
  };
  EXPECT_EQ(codes("read_by_eye", 0), std::vector<std::string>{"80305"});
  EXPECT_EQ(codes("instrument", 0), std::vector<std::string>{"80306"});
  EXPECT_EQ(codes("analyzer", 1), (std::vector<std::string>{"80307", "G0480"}));
  EXPECT_EQ(codes("", 7), std::vector<std::string>{"G0480"});
  EXPECT_EQ(codes("", 8), std::vector<std::string>{"G0481"});
  EXPECT_EQ(codes("", 14), std::vector<std::string>{"G0481"});
  EXPECT_EQ(codes("", 15), std::vector<std::string>{"G0482"});
  EXPECT_EQ(codes("", 21), std::vector<std::string>{"G0482"});
  EXPECT_EQ(codes("", 22), std::vector<std::string>{"G0483"});
  EXPECT_TRUE(codes("", 0).empty());
}

TEST(TestingLadder, StepsClimbWithinTheWindowAndStartAgainAfterIt) {
  const Policy& p = P();
  std::vector<LadderEvent> events;
  EXPECT_EQ(NextStep(p, events, D("2026-03-02")), 1);
  events.push_back({D("2026-03-02"), 1});
  EXPECT_EQ(NextStep(p, events, D("2026-04-01")), 2);  // 30 days later: inside the window
  EXPECT_EQ(NextStep(p, events, D("2026-04-02")), 1);  // 31 days: the chain is broken
  events.push_back({D("2026-04-01"), 2});
  EXPECT_EQ(NextStep(p, events, D("2026-04-10")), 3);
  events.push_back({D("2026-04-10"), 3});
  EXPECT_EQ(NextStep(p, events, D("2026-04-12")), 3);  // stays at the top
  // A dismissed event does not count.
  std::vector<LadderEvent> dismissed = {{D("2026-03-02"), 1, false}};
  EXPECT_EQ(NextStep(p, dismissed, D("2026-03-05")), 1);
  // Where the client stands, and the contract of step 2 with its extra test.
  EXPECT_EQ(CurrentStep(p, events, D("2026-04-11")), 3);
  EXPECT_EQ(CurrentStep(p, events, D("2026-05-11")), 0);
  const Contract c = ContractOn(p, events, D("2026-04-20"));
  EXPECT_TRUE(c.active);
  EXPECT_EQ(c.since, D("2026-04-01"));
  EXPECT_EQ(c.until, D("2026-05-01"));
  EXPECT_EQ(c.extra_tests_per_week, 1);
  EXPECT_FALSE(ContractOn(p, events, D("2026-05-02")).active);
}

TEST(TestingSelection, RatesFollowThePhaseAndTheContract) {
  const Policy& p = P();
  EXPECT_EQ(SelectionRate(p, 5, {}).reason, "schedule");     // first 30 days: 2 a week
  EXPECT_DOUBLE_EQ(SelectionRate(p, 5, {}).per_day, 0.4);
  EXPECT_EQ(SelectionRate(p, 45, {}).reason, "random");      // afterwards: the random rate, 1 a week
  EXPECT_DOUBLE_EQ(SelectionRate(p, 45, {}).per_day, 0.2);
  Contract c{true, D("2026-03-02"), D("2026-04-01"), 1};
  EXPECT_EQ(SelectionRate(p, 45, c).reason, "contract");
  EXPECT_DOUBLE_EQ(SelectionRate(p, 45, c).per_day, 0.4);
}

// Many simulated weeks: every client's rate converges to the policy's, each weekday's rate is close to
// the mean (nobody can plan around a day), the same seed replays the schedule and another seed does not.
TEST(TestingSelection, RatesConvergeSameSeedSameScheduleAndNoWeekdayPattern) {
  const Policy& p = P();
  std::vector<Candidate> clients;
  for (int i = 0; i < 40; ++i) clients.push_back({"client-" + std::to_string(i), 100, {}});
  const std::string seed = "a-recorded-seed";
  const int weeks = 260;
  std::map<std::string, int> per_client, per_weekday;
  std::vector<std::string> schedule;
  Date d = D("2026-01-05");  // a Monday
  for (int day = 0; day < weeks * 7; ++day, d = AddDays(d, 1)) {
    for (const auto& pick : Select(p, seed, d, clients)) {
      ++per_client[pick.client_id];
      ++per_weekday[WeekdayCode(d)];
      schedule.push_back(FormatDate(d) + pick.client_id);
      EXPECT_EQ(pick.reason, "random");
    }
  }
  EXPECT_EQ(per_weekday.count("sat") + per_weekday.count("sun"), 0u);  // not collection days
  int total = 0;
  for (const auto& [client, n] : per_client) {
    total += n;
    // Binomial(1300, 0.2): mean 260, sd ≈ 14.4; 5 sd either side.
    EXPECT_NEAR(n, 260, 72) << client;
  }
  EXPECT_NEAR(static_cast<double>(total) / (40.0 * weeks), 1.0, 0.03);  // tests per client-week → the policy's 1
  for (const auto& [weekday, n] : per_weekday) {
    // Each weekday: Binomial(40 × 260, 0.2) mean 2080, sd 40.8; within 5 %.
    EXPECT_NEAR(n, total / 5.0, total / 5.0 * 0.05) << weekday;
  }
  // Same seed → the same schedule; another seed → another schedule.
  std::vector<std::string> again, other;
  d = D("2026-01-05");
  for (int day = 0; day < weeks * 7; ++day, d = AddDays(d, 1)) {
    for (const auto& pick : Select(p, seed, d, clients)) again.push_back(FormatDate(d) + pick.client_id);
    for (const auto& pick : Select(p, "another-seed", d, clients)) other.push_back(FormatDate(d) + pick.client_id);
  }
  EXPECT_EQ(again, schedule);
  EXPECT_NE(other, schedule);
  // Draws are uniform in [0, 1) and depend on every input.
  EXPECT_NE(Draw(seed, D("2026-01-05"), "a"), Draw(seed, D("2026-01-06"), "a"));
  EXPECT_NE(Draw(seed, D("2026-01-05"), "a"), Draw(seed, D("2026-01-05"), "b"));
  EXPECT_NE(SeedFingerprint(seed), seed);
  EXPECT_EQ(SeedFingerprint(seed).size(), 64u);
}

TEST(TestingTrend, ShareNegativeByWeekWithMissedCountedAsThePolicySays) {
  Policy p = P();
  std::vector<TrendPoint> points = {{D("2026-03-02"), "negative"},          {D("2026-03-04"), "expected_positive"},
                                    {D("2026-03-05"), "missed"},            {D("2026-03-17"), "positive"},
                                    {D("2026-03-18"), "negative"},          {D("2026-03-19"), "pending"}};
  auto weeks = WeeklyTrend(points, p);
  ASSERT_EQ(weeks.size(), 3u);  // the empty week in between shows
  EXPECT_EQ(weeks[0].week_of, D("2026-03-02"));
  EXPECT_EQ(weeks[0].tests, 3);
  EXPECT_NEAR(*weeks[0].share_negative, 2.0 / 3, 1e-9);
  EXPECT_FALSE(weeks[1].share_negative.has_value());
  EXPECT_NEAR(*weeks[2].share_negative, 0.5, 1e-9);
  p.missed_counts_as_positive = false;
  weeks = WeeklyTrend(points, p);
  EXPECT_NEAR(*weeks[0].share_negative, 1.0, 1e-9);
  EXPECT_EQ(weeks[0].missed, 1);
}

TEST(TestingLabCsv, ParsesQuotedFieldsAndNamesEveryBadRowAndField) {
  auto split = SplitCsv("a,\"b,c\",\"d\"\"e\"\r\n1,2,3\n");
  ASSERT_EQ(split.size(), 2u);
  EXPECT_EQ(split[0], (std::vector<std::string>{"a", "b,c", "d\"e"}));
  auto good = ParseLabCsv("chain_of_custody_id,analyte,stage,value,unit,creatinine\n"
                          "COC-1,thc,confirmation,22,ng/mL,80\n"
                          "COC-1,cocaine,,10,ng/mL,\n",
                          P());
  EXPECT_TRUE(good.errors.empty());
  ASSERT_EQ(good.rows.size(), 2u);
  EXPECT_EQ(good.rows[0].row, 2);
  EXPECT_EQ(good.rows[0].entry.outcome, "positive");
  EXPECT_EQ(good.rows[1].entry.stage, "confirmation");
  EXPECT_EQ(*good.rows[0].validity.creatinine, 80);
  auto bad = ParseLabCsv("collection_id,analyte,stage,value,unit\n"
                         "c1,thc,confirmation,22,ng/mL\n"
                         "c1,unobtainium,confirmation,1,ng/mL\n"
                         "c1,cocaine,confirmation,0.1,mg/mL\n"
                         ",thc,confirmation,abc,ng/mL\n",
                         P());
  std::vector<std::pair<int, std::string>> where;
  for (const auto& e : bad.errors) where.emplace_back(e.row, e.field);
  EXPECT_EQ(where, (std::vector<std::pair<int, std::string>>{
                       {3, "analyte"}, {4, "unit"}, {5, "collection_id"}, {5, "value"}}));
  auto header = ParseLabCsv("analyte,value,unit,colour\nthc,1,ng/mL,red\n", P());
  ASSERT_EQ(header.errors.size(), 2u);
  EXPECT_EQ(header.errors[0].field, "colour");
  EXPECT_EQ(header.errors[1].field, "collection_id");
}

}  // namespace
}  // namespace stepwise::testing
