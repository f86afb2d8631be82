// Treatment-plan rules without a database: hours from interventions, the intensity checks at their
// boundaries, content validation naming fields, the signing lifecycle, due dates over month ends and
// leap years, the version diff, and the shipped settings file (with the catalog's session marks).
#include "care/plans/plan_model.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "care/plans/plan_catalog.h"

namespace stepwise::plans {
namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::year;

Date D(const char* text) { return *ParseDate(text); }

const PlanSettings& Settings() { return BuiltinSettings(); }

PlannedHours Weekly(double per_week, std::map<std::string, double> days = {}) {
  PlannedHours h;
  h.per_week = per_week;
  for (const char* d : {"mon", "tue", "wed", "thu", "fri", "sat", "sun"}) h.per_day[d] = 0;
  for (const auto& [d, v] : days) h.per_day[d] = v;
  return h;
}

const CheckResult& Find(const std::vector<CheckResult>& results, const std::string& code) {
  auto it = std::find_if(results.begin(), results.end(), [&](const CheckResult& r) { return r.code == code; });
  EXPECT_NE(it, results.end()) << code;
  return *it;
}

bool Ok(const PlannedHours& h, const std::string& code, const std::string& population = "adult",
        const std::string& level = "2.1") {
  auto results = EvaluateChecks(h, Settings().intensity_checks, level, population);
  const auto& r = Find(results, code);
  EXPECT_TRUE(r.applies) << code;
  return r.ok;
}

Intervention Group(int minutes, Frequency f, std::vector<std::string> days = {}) {
  Intervention i;
  i.id = "i" + std::to_string(minutes) + f.per + std::to_string(f.count);
  i.code = "group_therapy";
  i.topic = "Coping skills";
  i.minutes = minutes;
  i.frequency = std::move(f);
  i.days = std::move(days);
  return i;
}

PlanContent Signable() {
  PlanContent c;
  c.problems = {{"p1", 5, "Relapsed twice after 30 days sober", ""}};
  c.goals = {{"g1", {"p1"}, "I want to stay sober for my kids"}};
  c.objectives = {{"o1", "g1", "Attend three groups a week", D("2026-12-15"), "attendance"}};
  c.interventions = {Group(180, {3, "week"}, {"mon", "wed", "fri"})};
  c.interventions[0].objective_ids = {"o1"};
  return c;
}

std::vector<std::string> Fields(const FieldErrors& e) {
  std::vector<std::string> out;
  for (const auto& f : e.fields()) out.push_back(f.field);
  return out;
}

TEST(PlanHours, ThreeGroupsOfThreeHoursOnTrackDaysAreNineHoursOnThreeDays) {
  PlanContent c;
  c.interventions = {Group(180, {3, "week"})};
  auto h = ComputeHours(c, Settings(), {"mon", "wed", "fri"});
  EXPECT_DOUBLE_EQ(h.per_week, 9.0);
  EXPECT_DOUBLE_EQ(h.per_day["mon"], 3.0);
  EXPECT_DOUBLE_EQ(h.per_day["tue"], 0.0);
  EXPECT_EQ(h.days_per_week, 3);
}

TEST(PlanHours, DailyMonthlyAndUnscheduledInterventionsAndMutualHelpNotCounted) {
  PlanContent c;
  c.interventions = {Group(60, {1, "day"}, {"tue", "thu"})};                      // 2 h, on tue and thu
  Intervention family;
  family.id = "f";
  family.code = "family_session";
  family.minutes = 52;
  family.frequency = {13, "month"};  // 13 × 12 / 52 = 3 sessions a week of 52 min = 2.6 h, no days
  Intervention meetings;
  meetings.id = "m";
  meetings.code = "mutual_help";
  meetings.minutes = 60;
  meetings.frequency = {7, "week"};
  c.interventions.push_back(family);
  c.interventions.push_back(meetings);
  auto h = ComputeHours(c, Settings(), {});
  EXPECT_NEAR(h.per_week, 2.0 + 2.6, 1e-9);
  EXPECT_DOUBLE_EQ(h.per_day["tue"], 1.0);
  EXPECT_EQ(h.days_per_week, 2);
  EXPECT_DOUBLE_EQ(SessionsPerWeek({2, "day"}, 0), 14.0);
}

TEST(PlanIntensity, AsamAdultIsNineToNineteenHoursInclusive) {
  EXPECT_FALSE(Ok(Weekly(8.99), "asam_21_adult"));
  EXPECT_TRUE(Ok(Weekly(9.0), "asam_21_adult"));
  EXPECT_TRUE(Ok(Weekly(19.0), "asam_21_adult"));
  EXPECT_FALSE(Ok(Weekly(19.01), "asam_21_adult"));
  auto results = EvaluateChecks(Weekly(8.99), Settings().intensity_checks, "2.1", "adult");
  EXPECT_EQ(Find(results, "asam_21_adult").message, "8.99 h a week is below the minimum of 9 h");
  EXPECT_FALSE(Find(results, "asam_21_adolescent").applies);
  EXPECT_TRUE(Find(results, "asam_21_adolescent").ok);
}

TEST(PlanIntensity, AsamAdolescentStartsAtSixHours) {
  EXPECT_FALSE(Ok(Weekly(5.99), "asam_21_adolescent", "adolescent"));
  EXPECT_TRUE(Ok(Weekly(6.0), "asam_21_adolescent", "adolescent"));
  EXPECT_FALSE(Ok(Weekly(19.01), "asam_21_adolescent", "adolescent"));
  // Six hours is enough for an adolescent and not for an adult.
  EXPECT_FALSE(Ok(Weekly(6.0), "asam_21_adult"));
}

TEST(PlanIntensity, H0015NeedsThreeHoursOnThreeDays) {
  EXPECT_TRUE(Ok(Weekly(9, {{"mon", 3}, {"wed", 3}, {"fri", 3}}), "h0015"));
  EXPECT_FALSE(Ok(Weekly(8.99, {{"mon", 3}, {"wed", 3}, {"fri", 2.99}}), "h0015"));
  EXPECT_FALSE(Ok(Weekly(12, {{"mon", 6}, {"wed", 6}}), "h0015"));  // two days only
  auto results = EvaluateChecks(Weekly(8.99, {{"mon", 3}, {"wed", 3}, {"fri", 2.99}}), Settings().intensity_checks,
                                "2.1", "adult");
  EXPECT_EQ(Find(results, "h0015").message, "2 days a week with at least 3 h; needs 3");
  // TEDS counts two hours a day: the same week passes TEDS.
  EXPECT_TRUE(Find(results, "teds_iop").ok);
  EXPECT_FALSE(Ok(Weekly(6, {{"mon", 2}, {"wed", 2}, {"fri", 1.99}}), "teds_iop"));
}

TEST(PlanIntensity, ChecksForAnotherLevelDoNotApply) {
  auto results = EvaluateChecks(Weekly(2), Settings().intensity_checks, "1.0", "adult");
  for (const auto& r : results) {
    EXPECT_FALSE(r.applies) << r.code;
    EXPECT_TRUE(r.ok) << r.code;
  }
}

TEST(PlanIntensity, PopulationFollowsTheAgeOnThePlanDate) {
  EXPECT_EQ(PopulationOf(D("2008-11-03"), D("2026-11-02"), Settings()), "adolescent");
  EXPECT_EQ(PopulationOf(D("2008-11-02"), D("2026-11-02"), Settings()), "adult");
}

TEST(PlanContentRules, ASignablePlanHasNoErrors) {
  FieldErrors errors;
  CheckContent(Signable(), Settings(), errors);
  CheckSignable(Signable(), errors);
  EXPECT_TRUE(errors.empty()) << (errors.empty() ? "" : errors.fields()[0].field);
}

TEST(PlanContentRules, BadInputNamesEachField) {
  PlanContent c = Signable();
  c.objectives[0].target_date.reset();
  c.objectives.push_back({"o2", "nope", "", D("2026-12-01"), ""});
  c.problems[0].dimension = 7;
  c.interventions.push_back(Group(180, {9, "day"}));          // 27 hours a day
  c.interventions.push_back(Group(60, {0, "week"}));          // never
  c.interventions.push_back(Group(60, {1, "fortnight"}));
  Intervention unknown;
  unknown.id = "u";
  unknown.code = "juggling";
  unknown.minutes = 30;
  unknown.frequency = {1, "week"};
  unknown.days = {"mon", "xyz"};
  c.interventions.push_back(unknown);
  c.interventions.push_back(Group(60, {1, "week"}));
  c.interventions.back().topic = "";
  c.interventions.back().id = "i60week0";  // the same id as an earlier one
  FieldErrors errors;
  CheckContent(c, Settings(), errors);
  EXPECT_EQ(Fields(errors), (std::vector<std::string>{
                                "interventions[5].id",
                                "problems[0].dimension",
                                "objectives[0].target_date",
                                "objectives[1].text",
                                "objectives[1].goal_id",
                                "interventions[1].frequency.count",
                                "interventions[2].frequency.count",
                                "interventions[3].frequency.per",
                                "interventions[4].code",
                                "interventions[4].days[1]",
                                "interventions[5].topic",
                            }));
}

TEST(PlanContentRules, FrequencyThatFitsOrNot) {
  FieldErrors ok;
  CheckFrequency({8, "day"}, 180, 0, "f", ok);  // 24 h a day: fits exactly
  CheckFrequency({7, "week"}, 1440, 0, "f", ok);
  CheckFrequency({4, "month"}, 60, 0, "f", ok);
  EXPECT_TRUE(ok.empty());
  FieldErrors bad;
  CheckFrequency({9, "day"}, 180, 0, "a", bad);
  CheckFrequency({8, "week"}, 1440, 0, "b", bad);
  CheckFrequency({4, "week"}, 1440, 3, "c", bad);  // four full days on three days
  CheckFrequency({-1, "week"}, 60, 0, "d", bad);
  EXPECT_EQ(Fields(bad), (std::vector<std::string>{"a.count", "b.count", "c.count", "d.count"}));
}

TEST(PlanContentRules, SigningNeedsGoalsObjectivesAndInterventions) {
  PlanContent c = Signable();
  c.goals.clear();
  c.objectives.clear();
  c.interventions.clear();
  FieldErrors errors;
  CheckSignable(c, errors);
  EXPECT_EQ(Fields(errors), (std::vector<std::string>{"goals", "interventions"}));
  PlanContent lonely = Signable();
  lonely.goals.push_back({"g2", {}, "Get my license back"});
  FieldErrors e2;
  CheckSignable(lonely, e2);
  EXPECT_EQ(Fields(e2), (std::vector<std::string>{"goals[1]"}));
}

TEST(PlanLifecycle, LicensedAuthorActivatesWithClientAndCounselor) {
  SignedRoles r;
  EXPECT_EQ(StatusAfter(r, true), kDraft);
  EXPECT_FALSE(IsLocked(kDraft));
  r.client = true;
  EXPECT_EQ(StatusAfter(r, true), kAwaitingSignatures);
  EXPECT_TRUE(IsLocked(kAwaitingSignatures));
  r.counselor = true;
  EXPECT_EQ(StatusAfter(r, true), kActive);
  EXPECT_EQ(CanSign(r, "supervisor", true, true, false), "no co-signature is needed: the author is licensed");
}

TEST(PlanLifecycle, UnlicensedAuthorNeedsALicensedCosigner) {
  SignedRoles r;
  EXPECT_EQ(CanSign(r, "supervisor", false, true, false), "the supervisor co-signs after the client and the counselor");
  EXPECT_FALSE(CanSign(r, "counselor", false, false, true));
  r.counselor = true;
  EXPECT_EQ(StatusAfter(r, false), kAwaitingSignatures);
  EXPECT_EQ(CanSign(r, "counselor", false, false, true), "the counselor has already signed this version");
  r.client = true;
  EXPECT_EQ(StatusAfter(r, false), kAwaitingCosign);
  EXPECT_EQ(CanSign(r, "supervisor", false, false, false), "a co-signature needs a licensed staff member");
  EXPECT_EQ(CanSign(r, "supervisor", false, true, true), "the author cannot co-sign their own plan");
  EXPECT_FALSE(CanSign(r, "supervisor", false, true, false));
  r.supervisor = true;
  EXPECT_EQ(StatusAfter(r, false), kActive);
  EXPECT_TRUE(CanSign(r, "witness", false, true, false).has_value());
}

TEST(PlanDueDates, InitialPlanAndThirtyDayReviews) {
  EXPECT_EQ(InitialPlanDue(D("2026-10-28"), Settings()), D("2026-11-04"));
  EXPECT_EQ(NextReviewDue(D("2026-11-04"), std::nullopt, Settings()), D("2026-12-04"));
  EXPECT_EQ(NextReviewDue(D("2026-11-04"), D("2026-11-20"), Settings()), D("2026-12-20"));
  EXPECT_EQ(NextReviewDue(D("2026-12-20"), D("2026-11-20"), Settings()), D("2027-01-19"));  // the later date counts
}

TEST(PlanDueDates, MonthIntervalsClampToTheMonthEnd) {
  const ReviewInterval month{0, 1};
  EXPECT_EQ(AddInterval(D("2027-01-31"), month), D("2027-02-28"));
  EXPECT_EQ(AddInterval(D("2028-01-31"), month), D("2028-02-29"));  // leap year
  EXPECT_EQ(AddInterval(D("2028-02-29"), {0, 12}), D("2029-02-28"));
  EXPECT_EQ(AddInterval(D("2026-12-15"), month), D("2027-01-15"));  // over the year end
  EXPECT_EQ(AddInterval(D("2026-03-31"), month), D("2026-04-30"));
  EXPECT_EQ(AddInterval(D("2028-02-01"), {30, 0}), D("2028-03-02"));  // 30 days over a leap February
  PlanSettings monthly = Settings();
  monthly.review_interval = {0, 1};
  EXPECT_EQ(NextReviewDue(D("2027-01-31"), std::nullopt, monthly), D("2027-02-28"));
}

TEST(PlanReviewRules, NamesBadFields) {
  ReviewContent r;
  r.objectives = {{"o1", "met", ""}, {"zz", "done", ""}, {"o1", "progressing", ""}};
  r.level_of_care.direction = "step_down";
  r.level_of_care.ratings = {{7, 2}, {3, 5}};
  FieldErrors errors;
  CheckReview(r, Signable(), errors);
  EXPECT_EQ(Fields(errors), (std::vector<std::string>{"objectives[1].objective_id", "objectives[1].status",
                                                      "objectives[2].objective_id", "level_of_care.rationale",
                                                      "level_of_care.level", "level_of_care.ratings[0].dimension",
                                                      "level_of_care.ratings[1].rating"}));
}

TEST(PlanDiff, ReportsAddedRemovedAndChangedItemsById) {
  PlanContent before = Signable();
  PlanContent after = Signable();
  after.objectives[0].target_date = D("2027-01-15");
  after.goals.push_back({"g2", {"p1"}, "Get my license back"});
  after.problems.clear();
  after.goals[0].problem_ids.clear();
  after.goals[1].problem_ids.clear();
  after.schedule_constraints = "Works weekends";
  auto changes = Diff(before, after);
  ASSERT_EQ(changes.size(), 5u);
  EXPECT_EQ(changes[0].path, "schedule_constraints");
  EXPECT_EQ(changes[1].path, "problems.p1");
  EXPECT_EQ(changes[1].kind, "removed");
  EXPECT_EQ(changes[2].path, "goals.g1.problem_ids");
  EXPECT_EQ(changes[2].before, "p1");
  EXPECT_EQ(changes[3].path, "goals.g2");
  EXPECT_EQ(changes[3].kind, "added");
  EXPECT_EQ(changes[4].path, "objectives.o1.target_date");
  EXPECT_EQ(changes[4].before, "2026-12-15");
  EXPECT_EQ(changes[4].after, "2027-01-15");
  EXPECT_EQ(changes[4].label, "Objective 'Attend three groups a week': target date");
  EXPECT_TRUE(Diff(before, before).empty());
}

TEST(PlanSettingsFile, TheShippedFileHasEveryInterventionOfTheIssue) {
  const auto& s = Settings();
  for (const char* code : {"group_therapy", "individual_therapy", "individual_counseling", "family_session",
                           "family_education", "cbt", "dbt_skills", "motivational_interviewing", "emdr",
                           "relapse_prevention_education", "mindfulness", "yoga", "art_therapy", "exercise",
                           "medication_evaluation", "drug_testing", "case_management", "peer_support", "mutual_help"}) {
    EXPECT_NE(s.FindIntervention(code), nullptr) << code;
  }
  EXPECT_EQ(s.FindIntervention("individual_therapy")->staff, "licensed");
  EXPECT_TRUE(s.FindIntervention("group_therapy")->topic_required);
  EXPECT_EQ(s.review_interval.days, 30);
  EXPECT_TRUE(s.IsLicensed("LADC"));
  EXPECT_FALSE(s.IsLicensed("CADC"));
  EXPECT_EQ(s.intensity_checks.size(), 4u);
}

TEST(PlanSettingsFile, ErrorsNameThePathAndProgramCatalogsReplaceParts) {
  auto bad = ParseSettings(R"({"initial_plan_due_days": 0, "review_interval": {"days": 30, "months": 1},
    "interventions": [{"code": "x", "label": "X", "staff": "wizard", "colour": "red"}], "typo": 1})");
  ASSERT_FALSE(bad.ok());
  std::vector<std::string> fields;
  for (const auto& f : bad.error().fields) fields.push_back(f.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"initial_plan_due_days", "review_interval.days", "interventions[0].staff",
                                              "interventions[0].colour", "typo"}));
  auto program = WithProgramCatalog(Settings(), R"({"interventions": [{"code": "sweat_lodge", "label": "Sweat lodge",
    "default_minutes": 120, "default_frequency": {"count": 1, "per": "week"}}]})");
  ASSERT_TRUE(program.ok()) << program.error().message;
  EXPECT_EQ(program->interventions.size(), 1u);
  EXPECT_EQ(program->intensity_checks.size(), 4u);  // kept from the installation
  EXPECT_FALSE(WithProgramCatalog(Settings(), R"({"interventions": []})").ok());
}

// A check without a level (any level) is written without "level", so a catalog read back and sent again
// (GET then PUT) parses to the same checks.
TEST(PlanSettingsFile, ACheckForAnyLevelRoundTrips) {
  auto program = WithProgramCatalog(Settings(), R"({"intensity_checks": [{"code": "weekly_min", "label": "Six hours",
    "kind": "payer", "min_hours_week": 6}]})");
  ASSERT_TRUE(program.ok()) << program.error().message;
  ASSERT_EQ(program->intensity_checks.size(), 1u);
  EXPECT_EQ(program->intensity_checks[0].level, "");
  const auto json = CatalogJson(*program);
  EXPECT_FALSE(json.at("intensity_checks").as_array()[0].as_object().contains("level"));
  auto again = WithProgramCatalog(Settings(), boost::json::serialize(json));
  ASSERT_TRUE(again.ok()) << again.error().message;
  ASSERT_EQ(again->intensity_checks.size(), 1u);
  EXPECT_EQ(again->intensity_checks[0].level, "");
  EXPECT_EQ(again->intensity_checks[0].min_hours_week, 6);
  EXPECT_EQ(again->interventions.size(), program->interventions.size());
}

TEST(PlanSettingsFile, TheShippedFileMarksTheInterventionsTheScheduleProposalBooks) {
  const auto& s = Settings();
  for (const char* code : {"individual_therapy", "individual_counseling", "cbt", "emdr", "motivational_interviewing"})
    EXPECT_EQ(s.FindIntervention(code)->session, "individual") << code;
  EXPECT_EQ(s.FindIntervention("family_session")->session, "family");
  for (const char* code : {"group_therapy", "family_education", "dbt_skills", "drug_testing", "mutual_help"})
    EXPECT_EQ(s.FindIntervention(code)->session, "") << code;
}

TEST(PlanSettingsFile, SessionIsIndividualOrFamilyAndSurvivesAProgramCatalog) {
  // An unknown value or a non-string names the path; nothing else is reported for it.
  auto bad = WithProgramCatalog(Settings(), R"({"interventions": [
    {"code": "a", "label": "A", "session": "individual"},
    {"code": "b", "label": "B", "session": "group"},
    {"code": "c", "label": "C", "session": 1},
    {"code": "d", "label": "D", "session": ""}]})");
  ASSERT_FALSE(bad.ok());
  std::vector<std::string> fields;
  for (const auto& f : bad.error().fields) fields.push_back(f.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"interventions[1].session", "interventions[2].session",
                                              "interventions[3].session"}));
  EXPECT_EQ(bad.error().fields[0].message, "must be one of individual, family");
  auto file = ParseSettings(
      R"({"initial_plan_due_days": 7, "interventions": [{"code": "x", "label": "X", "session": "solo"}]})");
  ASSERT_FALSE(file.ok());
  ASSERT_EQ(file.error().fields.size(), 1u);
  EXPECT_EQ(file.error().fields[0].field, "interventions[0].session");

  // A program's new code marked individual; absent (or null) means the proposal does not book it.
  const char* catalog = R"({"interventions": [
    {"code": "trauma_focused_therapy", "label": "Trauma-focused therapy", "staff": "licensed", "session": "individual"},
    {"code": "couples_session", "label": "Couples session", "session": "family"},
    {"code": "walking_group", "label": "Walking group"},
    {"code": "sweat_lodge", "label": "Sweat lodge", "session": null}]})";
  auto program = WithProgramCatalog(Settings(), catalog);
  ASSERT_TRUE(program.ok()) << program.error().message;
  EXPECT_EQ(program->FindIntervention("trauma_focused_therapy")->session, "individual");
  EXPECT_EQ(program->FindIntervention("couples_session")->session, "family");
  EXPECT_EQ(program->FindIntervention("walking_group")->session, "");
  EXPECT_EQ(program->FindIntervention("sweat_lodge")->session, "");
  EXPECT_EQ(program->FindIntervention("individual_therapy"), nullptr);  // the program's list replaces the file's

  // What PUT …/plan-catalog stores and GET returns: the mark where set, no key where not, and it reads back.
  boost::system::error_code ec;
  auto stored = NormalizeProgramCatalog(boost::json::parse(catalog, ec).as_object());
  ASSERT_TRUE(stored.ok()) << stored.error().message;
  EXPECT_NE(stored->find(R"("code":"trauma_focused_therapy")"), std::string::npos);
  EXPECT_NE(stored->find(R"("session":"individual")"), std::string::npos);
  EXPECT_NE(stored->find(R"("session":"family")"), std::string::npos);
  EXPECT_EQ(stored->find(R"("session":"")"), std::string::npos);
  EXPECT_EQ(stored->find("null"), std::string::npos);
  auto again = WithProgramCatalog(Settings(), *stored);
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_EQ(again->interventions.size(), 4u);
  for (std::size_t i = 0; i < 4; ++i) EXPECT_EQ(again->interventions[i].session, program->interventions[i].session);
  const auto json = CatalogJson(*again).at("interventions").as_array();
  EXPECT_EQ(json[0].as_object().at("session").as_string(), "individual");
  EXPECT_FALSE(json[2].as_object().contains("session"));
}

}  // namespace
}  // namespace stepwise::plans
