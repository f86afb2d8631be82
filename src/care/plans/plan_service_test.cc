// Treatment plans on both engines: a draft prefilled from the assessment, edits refused once signed,
// signing with and without a co-signature, new versions with reasons and their diff, reviews and due
// dates on a fake clock, the plans-due list, caseload access, a program's own catalog and migration 0018's
// session marks on catalogs stored before them.
#include "care/plans/plan_service.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "care/assessment/assessment_test_support.h"
#include "care/plans/plan_catalog.h"
#include "care/program/staff_service.h"
#include "platform/db/migrations.h"
#include "platform/db/transaction_scope.h"

namespace stepwise::plans {
namespace {

using assessment::AssessmentChanges;

class PlanServiceTest : public assessment::AssessmentTestBase {
 protected:
  void SetUp() override {
    AssessmentTestBase::SetUp();
    plans_ = std::make_unique<PlanService>(database(), clock_, *clients_, BuiltinSettings());
    program::StaffService staff(database(), clock_);
    program::Staff s;
    s.given_name = "Lena";
    s.family_name = "Ortiz";
    s.roles = {"therapist"};
    s.credentials = {{"LCSW", "LCSW-1", "MN", ParseDate("2030-01-01")}};
    lena_ = staff.Create(admin_, s)->meta.id;
    s.given_name = "Omar";
    s.family_name = "Price";
    s.credentials = {{"LPC", "LPC-9", "MN", ParseDate("2026-01-01")}};  // expired
    omar_ = staff.Create(admin_, s)->meta.id;
    supervisor_ = Staffed("lena", lena_, ClientScope::kProgram);
    lapsed_ = Staffed("omar", omar_, ClientScope::kProgram);
    treated_ = NewClient("Ana", "Silva", "female", "treatment", "2.1");
  }

  PlanContent Signable() {
    PlanContent c;
    c.preferred_track_id = track_id_;
    c.schedule_constraints = "Works afternoons";
    c.problems = {{"p1", 5, "Relapsed twice after 30 days sober", ""}};
    c.goals = {{"g1", {"p1"}, "I want to stay sober for my kids"}};
    c.objectives = {{"o1", "g1", "Attend three groups a week", ParseDate("2026-12-15"), "attendance"}};
    Intervention group;
    group.id = "i1";
    group.objective_ids = {"o1"};
    group.code = "group_therapy";
    group.topic = "Relapse prevention";
    group.minutes = 180;
    group.frequency = {3, "week"};
    c.interventions = {group};
    return c;
  }

  documents::Signature Sig(const std::string& role, const std::string& name) {
    documents::Signature s;
    s.role = role;
    s.signer_name = name;
    s.method = "typed";
    return s;
  }

  Result<VersionView> SignAs(const Actor& actor, const std::string& plan_id, int no, const std::string& role) {
    auto preview = plans_->PreviewVersion(actor, plan_id, no);
    if (!preview.ok()) return std::move(preview).error();
    return plans_->Sign(actor, plan_id, no, preview->content_sha256, Sig(role, actor.username),
                        {"test-agent", "10.0.0.1"});
  }

  // A plan for `treated_` whose version 1 holds Signable(); returns its id.
  std::string DraftPlan() {
    auto plan = plans_->Create(clinician_, treated_);
    EXPECT_TRUE(plan.ok()) << plan.error().message;
    auto saved = plans_->SaveVersion(clinician_, plan->plan.meta.id, 1, 1, Signable());
    EXPECT_TRUE(saved.ok()) << (saved.ok() ? "" : saved.error().message);
    return plan->plan.meta.id;
  }

  std::unique_ptr<PlanService> plans_;
  std::string lena_, omar_, treated_;
  Actor supervisor_, lapsed_;
};

TEST_P(PlanServiceTest, ANewPlanTakesItsProblemsFromTheLatestCompletedAssessment) {
  auto started = assessments_->Start(clinician_, {treated_, "continued_stay", "", ""});
  ASSERT_TRUE(started.ok()) << started.error().message;
  AssessmentChanges ratings;
  const int r[] = {1, 2, 3, 1, 2, 0};
  for (int n = 1; n <= 6; ++n) ratings.dimensions.push_back({n, r[n - 1], "D" + std::to_string(n) + " finding"});
  ASSERT_TRUE(assessments_->Save(clinician_, started->assessment.meta.id, 1, ratings).ok());
  ASSERT_TRUE(assessments_->Complete(clinician_, started->assessment.meta.id, 2).ok());

  auto plan = plans_->Create(clinician_, treated_);
  ASSERT_TRUE(plan.ok()) << plan.error().message;
  EXPECT_EQ(plan->status, "draft");
  EXPECT_EQ(plan->initial_due, ParseDate("2026-10-08"));  // admitted 2026-10-01, due in 7 days
  auto v = plans_->GetVersion(clinician_, plan->plan.meta.id, 1);
  ASSERT_TRUE(v.ok()) << v.error().message;
  ASSERT_EQ(v->version.content.problems.size(), 3u);
  EXPECT_EQ(v->version.content.problems[0].dimension, 2);
  EXPECT_EQ(v->version.content.problems[1].description, "D3 finding");
  EXPECT_EQ(v->version.content.problems[2].from_assessment_id, started->assessment.meta.id);
  EXPECT_EQ(v->version.content.preferred_track_id, track_id_);

  // One plan per episode; a client not admitted has none.
  auto again = plans_->Create(clinician_, treated_);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  auto early = plans_->Create(clinician_, client_id_);  // stage "assessment"
  ASSERT_FALSE(early.ok());
  EXPECT_EQ(Fields(early.error()), std::vector<std::string>{"episode_id"});
}

TEST_P(PlanServiceTest, ADraftComputesHoursFromTheTrackAndRefusesBadInputWithoutChangingAnything) {
  const std::string id = DraftPlan();
  auto v = plans_->GetVersion(clinician_, id, 1);
  ASSERT_TRUE(v.ok());
  EXPECT_DOUBLE_EQ(v->hours.per_week, 9.0);  // 3 × 3 h on the morning track's mon, wed, fri
  EXPECT_EQ(v->hours.days_per_week, 3);
  EXPECT_EQ(v->population, "adult");
  for (const auto& c : v->checks) {
    if (c.code == "asam_21_adult" || c.code == "h0015" || c.code == "teds_iop") {
      EXPECT_TRUE(c.ok && c.applies) << c.code;
    }
  }
  EXPECT_EQ(v->version.content.interventions[0].label, "Group therapy");

  PlanContent bad = Signable();
  bad.objectives[0].target_date.reset();
  bad.interventions[0].frequency = {9, "day"};
  bad.interventions[0].staff_id = karen_;  // no credential: group therapy needs a credentialed counselor
  auto refused = plans_->SaveVersion(clinician_, id, 1, v->version.version, bad);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(Fields(refused.error()), (std::vector<std::string>{"objectives[0].target_date",
                                                               "interventions[0].frequency.count",
                                                               "interventions[0].staff_id"}));
  auto after = plans_->GetVersion(clinician_, id, 1);
  EXPECT_EQ(after->version.version, v->version.version);
  EXPECT_EQ(after->version.content, v->version.content);

  auto stale = plans_->SaveVersion(clinician_, id, 1, v->version.version - 1, Signable());
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.error().code, ErrorCode::kFailedPrecondition);
}

TEST_P(PlanServiceTest, SigningAPlanWithNoGoalsOrAChangedTextIsRefused) {
  auto plan = plans_->Create(clinician_, treated_);
  ASSERT_TRUE(plan.ok());
  const std::string id = plan->plan.meta.id;
  auto refused = SignAs(clinician_, id, 1, "client");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(Fields(refused.error()), (std::vector<std::string>{"goals", "interventions"}));
  EXPECT_EQ(plans_->GetVersion(clinician_, id, 1)->version.status, "draft");

  ASSERT_TRUE(plans_->SaveVersion(clinician_, id, 1, 1, Signable()).ok());
  auto wrong = plans_->Sign(clinician_, id, 1, std::string(64, 'a'), Sig("client", "Ana Silva"), {});
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.error().code, ErrorCode::kConflict);
  EXPECT_EQ(Fields(wrong.error()), std::vector<std::string>{"content_sha256"});
  EXPECT_TRUE(plans_->GetVersion(clinician_, id, 1)->version.signatures.empty());
}

TEST_P(PlanServiceTest, AnUnlicensedAuthorsPlanIsLockedAfterTheFirstSignatureAndNeedsALicensedCosigner) {
  const std::string id = DraftPlan();
  auto client = SignAs(clinician_, id, 1, "client");
  ASSERT_TRUE(client.ok()) << client.error().message;
  EXPECT_EQ(client->version.status, "awaiting_signatures");
  EXPECT_EQ(client->version.signatures.size(), 1u);
  EXPECT_EQ(client->version.content_sha256.size(), 64u);

  auto locked = plans_->SaveVersion(clinician_, id, 1, client->version.version, Signable());
  ASSERT_FALSE(locked.ok());
  EXPECT_EQ(locked.error().code, ErrorCode::kConflict);
  EXPECT_EQ(Fields(locked.error()), std::vector<std::string>{"version"});

  auto counselor = SignAs(clinician_, id, 1, "counselor");  // Karen holds no licensed credential
  ASSERT_TRUE(counselor.ok()) << counselor.error().message;
  EXPECT_EQ(counselor->version.status, "awaiting_cosign");
  EXPECT_EQ(counselor->version.author_staff_id, karen_);
  EXPECT_FALSE(counselor->version.author_licensed);
  EXPECT_FALSE(plans_->Get(clinician_, id)->plan.active_version_no.has_value());

  auto unlicensed = SignAs(Staffed("tom", tom_, ClientScope::kProgram), id, 1, "supervisor");
  ASSERT_FALSE(unlicensed.ok());
  EXPECT_EQ(Fields(unlicensed.error()), std::vector<std::string>{"signature.role"});
  auto expired = SignAs(lapsed_, id, 1, "supervisor");  // a licence that has expired does not count
  ASSERT_FALSE(expired.ok());
  auto own = SignAs(clinician_, id, 1, "supervisor");
  ASSERT_FALSE(own.ok());

  auto cosigned = SignAs(supervisor_, id, 1, "supervisor");
  ASSERT_TRUE(cosigned.ok()) << cosigned.error().message;
  EXPECT_EQ(cosigned->version.status, "active");
  EXPECT_EQ(cosigned->version.signatures.size(), 3u);
  auto plan = plans_->Get(clinician_, id);
  EXPECT_EQ(plan->status, "active");
  EXPECT_EQ(plan->plan.active_version_no, 1);
  EXPECT_EQ(plan->plan.activated_on, ParseDate("2026-11-02"));
  EXPECT_EQ(plan->plan.next_review_due, ParseDate("2026-12-02"));
  auto done = SignAs(supervisor_, id, 1, "client");
  ASSERT_FALSE(done.ok());
  EXPECT_EQ(Fields(done.error()), std::vector<std::string>{"version"});
}

TEST_P(PlanServiceTest, ALicensedAuthorNeedsNoCosignature) {
  const std::string id = DraftPlan();
  ASSERT_TRUE(SignAs(supervisor_, id, 1, "counselor").ok());
  auto v = SignAs(clinician_, id, 1, "client");
  ASSERT_TRUE(v.ok()) << v.error().message;
  EXPECT_EQ(v->version.status, "active");
  EXPECT_TRUE(v->version.author_licensed);
  auto extra = SignAs(Staffed("tom", tom_, ClientScope::kProgram), id, 1, "supervisor");
  ASSERT_FALSE(extra.ok());
}

TEST_P(PlanServiceTest, ANewVersionNeedsAReasonShowsWhatChangedAndSupersedesTheOldOne) {
  const std::string id = DraftPlan();
  ASSERT_TRUE(SignAs(clinician_, id, 1, "client").ok());
  ASSERT_TRUE(SignAs(supervisor_, id, 1, "counselor").ok());

  auto no_reason = plans_->NewVersion(clinician_, id, "");
  ASSERT_FALSE(no_reason.ok());
  EXPECT_EQ(Fields(no_reason.error()), std::vector<std::string>{"reason"});
  auto v2 = plans_->NewVersion(clinician_, id, "Client started a job; moved to evenings");
  ASSERT_TRUE(v2.ok()) << v2.error().message;
  EXPECT_EQ(v2->version.no, 2);
  EXPECT_EQ(v2->version.status, "draft");
  EXPECT_EQ(v2->version.reason, "Client started a job; moved to evenings");
  EXPECT_FALSE(plans_->NewVersion(clinician_, id, "again").ok());  // v2 is not active yet

  PlanContent changed = v2->version.content;
  changed.objectives[0].target_date = ParseDate("2027-01-15");
  changed.schedule_constraints = "Works days";
  ASSERT_TRUE(plans_->SaveVersion(clinician_, id, 2, v2->version.version, changed).ok());
  auto diff = plans_->Diff(clinician_, id, 2, 1);
  ASSERT_TRUE(diff.ok()) << diff.error().message;
  ASSERT_EQ(diff->size(), 2u);
  EXPECT_EQ((*diff)[0].path, "schedule_constraints");
  EXPECT_EQ((*diff)[1].path, "objectives.o1.target_date");
  EXPECT_EQ((*diff)[1].before, "2026-12-15");

  clock_.Advance(std::chrono::days(3));
  ASSERT_TRUE(SignAs(clinician_, id, 2, "client").ok());
  ASSERT_TRUE(SignAs(supervisor_, id, 2, "counselor").ok());
  auto plan = plans_->Get(clinician_, id);
  EXPECT_EQ(plan->plan.active_version_no, 2);
  EXPECT_EQ(plan->plan.versions.size(), 2u);
  EXPECT_EQ(plan->plan.versions[0].status, "superseded");
  EXPECT_EQ(plan->plan.versions[1].status, "active");
  EXPECT_EQ(plan->plan.next_review_due, ParseDate("2026-12-05"));
  auto old = plans_->SaveVersion(clinician_, id, 1, plans_->GetVersion(clinician_, id, 1)->version.version, changed);
  ASSERT_FALSE(old.ok());
  EXPECT_EQ(old.error().code, ErrorCode::kConflict);
}

TEST_P(PlanServiceTest, ReviewsMoveTheNextReviewAndTheDueListFollowsTheClock) {
  // Before any plan: the initial plan is due 7 days after admission (2026-10-01), overdue on 2026-11-02.
  auto due = plans_->Due(admin_, 14);
  ASSERT_TRUE(due.ok()) << due.error().message;
  ASSERT_EQ(due->size(), 1u);
  EXPECT_EQ((*due)[0].client_id, treated_);
  EXPECT_EQ((*due)[0].kind, "initial");
  EXPECT_EQ((*due)[0].due_on, ParseDate("2026-10-08"));
  EXPECT_TRUE((*due)[0].overdue);
  EXPECT_EQ((*due)[0].counselor_name, "Karen Lindqvist");
  EXPECT_TRUE(plans_->Due(Staffed("tom", tom_, ClientScope::kCaseload), 14)->empty());  // not Tom's caseload

  const std::string id = DraftPlan();
  ASSERT_TRUE(SignAs(clinician_, id, 1, "client").ok());
  ASSERT_TRUE(SignAs(supervisor_, id, 1, "counselor").ok());
  EXPECT_TRUE(plans_->Due(clinician_, 14)->empty());  // next review 2026-12-02, beyond 14 days
  clock_.Advance(std::chrono::days(25));              // 2026-11-27
  due = plans_->Due(clinician_, 14);
  ASSERT_EQ(due->size(), 1u);
  EXPECT_EQ((*due)[0].kind, "review");
  EXPECT_EQ((*due)[0].due_on, ParseDate("2026-12-02"));
  EXPECT_FALSE((*due)[0].overdue);

  ReviewContent bad;
  bad.objectives = {{"nope", "met", ""}};
  bad.level_of_care.direction = "sideways";
  auto refused = plans_->AddReview(clinician_, id, bad);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(Fields(refused.error()),
            (std::vector<std::string>{"objectives[0].objective_id", "level_of_care.direction"}));
  EXPECT_TRUE(plans_->Reviews(clinician_, id)->empty());

  ReviewContent review;
  review.objectives = {{"o1", "progressing", "Two of three groups most weeks"}};
  review.client_view = "Groups help; evenings would be easier";
  review.level_of_care = {"continue", "2.1", {{5, 2}, {6, 1}}, "Still needs IOP structure"};
  auto r = plans_->AddReview(clinician_, id, review);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->reviewed_on, ParseDate("2026-11-27"));
  EXPECT_EQ(r->next_review_due, ParseDate("2026-12-27"));
  auto reviews = plans_->Reviews(clinician_, id);
  ASSERT_EQ(reviews->size(), 1u);
  EXPECT_EQ(reviews->front().content.objectives[0].status, "progressing");
  EXPECT_EQ(reviews->front().content.level_of_care.ratings.size(), 2u);
  EXPECT_EQ(plans_->Get(clinician_, id)->plan.next_review_due, ParseDate("2026-12-27"));
}

TEST_P(PlanServiceTest, MonthlyReviewsLandOnTheMonthEnd) {
  PlanSettings monthly = BuiltinSettings();
  monthly.review_interval = {0, 1};
  plans_->SetSettings(monthly);
  clock_.Advance(std::chrono::days(90));  // 2027-01-31
  const std::string id = DraftPlan();
  ASSERT_TRUE(SignAs(clinician_, id, 1, "client").ok());
  ASSERT_TRUE(SignAs(supervisor_, id, 1, "counselor").ok());
  EXPECT_EQ(plans_->Get(clinician_, id)->plan.next_review_due, ParseDate("2027-02-28"));
}

TEST_P(PlanServiceTest, ACounselorOutsideTheCaseloadCannotSeeThePlan) {
  const std::string id = DraftPlan();
  auto hidden = plans_->Get(outsider_, id);
  ASSERT_FALSE(hidden.ok());
  EXPECT_EQ(hidden.error().code, ErrorCode::kNotFound);
  EXPECT_FALSE(plans_->GetVersion(outsider_, id, 1).ok());
  EXPECT_FALSE(plans_->Create(outsider_, treated_).ok());
}

TEST_P(PlanServiceTest, AProgramsOwnCatalogReplacesTheInterventionsItOffers) {
  auto installed = plans_->Catalog(admin_, program_id_);
  ASSERT_TRUE(installed.ok()) << installed.error().message;
  EXPECT_EQ(installed->source, "installation");
  EXPECT_EQ(installed->version, 0);
  const std::string own = R"({"interventions":[{"code":"walking_group","label":"Walking group","default_minutes":60,)"
                          R"("default_frequency":{"count":2,"per":"week"}}]})";
  auto stale = plans_->PutCatalog(admin_, program_id_, 3, own);
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.error().code, ErrorCode::kFailedPrecondition);
  auto put = plans_->PutCatalog(admin_, program_id_, 0, own);
  ASSERT_TRUE(put.ok()) << put.error().message;
  EXPECT_EQ(put->source, "program");
  EXPECT_EQ(put->version, 1);
  EXPECT_EQ(put->settings.interventions.size(), 1u);

  auto plan = plans_->Create(clinician_, treated_);
  ASSERT_TRUE(plan.ok());
  auto refused = plans_->SaveVersion(clinician_, plan->plan.meta.id, 1, 1, Signable());  // group therapy not offered
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(Fields(refused.error()), std::vector<std::string>{"interventions[0].code"});
}

TEST_P(PlanServiceTest, Migration18MarksTheOldSessionCodesInCatalogsStoredBeforeTheSessionField) {
  // A catalog as PUT …/plan-catalog stored it before "session" existed (NormalizeProgramCatalog's text),
  // with an intensity check that happens to be called "cbt" too.
  const std::string before =
      R"({"interventions":[{"code":"cbt","label":"CBT","category":"therapy","staff":"licensed","topic_required":false,)"
      R"("counts_toward_hours":true,"default_minutes":60,"default_frequency":{"count":1,"per":"week"}},)"
      R"({"code":"family_session","label":"Family","category":"family","staff":"any","topic_required":false,)"
      R"("counts_toward_hours":true,"default_minutes":60,"default_frequency":{"count":2,"per":"month"}},)"
      R"({"code":"yoga","label":"Yoga","category":"wellness","staff":"any","topic_required":false,)"
      R"("counts_toward_hours":true,"default_minutes":60,"default_frequency":{"count":1,"per":"week"}}],)"
      R"("intensity_checks":[{"code":"cbt","label":"Odd check","kind":"payer","level":"2.1","population":"any",)"
      R"("min_hours_week":1}]})";
  auto put = plans_->PutCatalog(admin_, program_id_, 0, before);
  ASSERT_TRUE(put.ok()) << put.error().message;
  const auto& migrations = Migrations();
  auto m = std::find_if(migrations.begin(), migrations.end(), [](const auto& m) { return m.version == 18; });
  ASSERT_NE(m, migrations.end());
  EXPECT_EQ(m->name, "plan_session_kinds");
  auto ran = db::InTransaction(database(), db::Access::kWrite, [&](db::Transaction& tx) -> Status {
    return tx.ExecuteScript(db::RenderDialect(m->sql, database().dialect()));
  });
  ASSERT_TRUE(ran.ok()) << ran.error().message;
  auto after = plans_->Catalog(admin_, program_id_);
  ASSERT_TRUE(after.ok()) << after.error().message;  // still a valid catalog: the check was left alone
  EXPECT_EQ(after->version, 2);
  EXPECT_EQ(after->settings.FindIntervention("cbt")->session, "individual");
  EXPECT_EQ(after->settings.FindIntervention("family_session")->session, "family");
  EXPECT_EQ(after->settings.FindIntervention("yoga")->session, "");
  ASSERT_EQ(after->settings.intensity_checks.size(), 1u);
  EXPECT_EQ(after->settings.intensity_checks[0].label, "Odd check");
}

TEST_P(PlanServiceTest, TheDisclosureSectionCarriesTheActivePlanOnly) {
  const std::string id = DraftPlan();
  auto section = [&] {
    return db::InTransaction(database(), db::Access::kRead,
                             [&](db::Transaction& tx) { return plans_->TreatmentPlanSectionIn(tx, admin_, treated_); });
  };
  auto draft = section();
  ASSERT_TRUE(draft.ok()) << draft.error().message;
  EXPECT_EQ(draft->note, "The client has no active treatment plan.");
  EXPECT_TRUE(draft->rows.empty());
  ASSERT_TRUE(SignAs(clinician_, id, 1, "client").ok());
  ASSERT_TRUE(SignAs(supervisor_, id, 1, "counselor").ok());
  auto active = section();
  ASSERT_TRUE(active.ok());
  EXPECT_TRUE(active->note.empty());
  ASSERT_EQ(active->rows.size(), 1u);
  EXPECT_EQ(active->rows[0], (std::vector<std::string>{"I want to stay sober for my kids", "Attend three groups a week",
                                                       "2026-12-15"}));
  EXPECT_EQ(active->fields[3], (std::pair<std::string, std::string>{"Planned hours per week", "9 h"}));
  auto hidden = db::InTransaction(database(), db::Access::kRead, [&](db::Transaction& tx) {
    return plans_->TreatmentPlanSectionIn(tx, outsider_, treated_);
  });
  EXPECT_FALSE(hidden.ok());
}

STORE_TEST_P(PlanServiceTest);

}  // namespace
}  // namespace stepwise::plans
