// Assessments on both engines, with the shipped level-of-care policy: autosave, completion, the
// recommendation, the decision, admission, referral and continued-stay reviews.
#include "care/assessment/assessment_service.h"

#include <gtest/gtest.h>

#include "care/admissions/inquiry_service.h"
#include "care/assessment/assessment_test_support.h"
#include "platform/base/uuid.h"

namespace stepwise::assessment {
namespace {

struct OutcomeCall {
  std::string inquiry_id, stage, detail;
};

class AssessmentServiceTest : public AssessmentTestBase {
 protected:
  void SetUp() override {
    AssessmentTestBase::SetUp();
    programs_ = std::make_unique<program::ProgramService>(database(), clock_);
    inquiries_ = std::make_unique<admissions::InquiryService>(database(), clock_, *clients_, *programs_);
    admissions::Inquiry q;
    q.caller_type = "self";
    q.given_name = "Maria";
    q.phone = "612-555-0101";
    auto created = inquiries_->Create(admin_, q);
    ASSERT_TRUE(created.ok()) << created.error().message;
    inquiry_id_ = created->inquiry.meta.id;
    // Records the inquiry moves; writes a row in the caller's transaction so a rollback is visible.
    assessments_->SetInquiryOutcome([this](db::Transaction& tx, const Actor&, const std::string& inquiry_id,
                                           const std::string& stage, const std::string& detail) -> Status {
      if (fail_inquiry_) return Error::Conflict("the inquiry is closed");
      SW_TRY(tx.Execute("INSERT INTO org_counters (org_id, name, value) VALUES (?, ?, 1)",
                        {admin_.org_id, "inquiry-" + stage + "-" + NewUuidV7()}));
      calls_.push_back({inquiry_id, stage, detail});
      return Ok();
    });
    assessments_->SetInquiryOfClient([this](db::Transaction& tx, const Actor& actor, const std::string& client_id,
                                            const std::string& inquiry_id) {
      return inquiries_->InquiryOfClientIn(tx, actor, client_id, inquiry_id);
    });
  }

  // Rates every dimension `rating` (with a rationale), except the overrides.
  AssessmentChanges Ratings(int rating, std::map<int, int> overrides = {}) {
    AssessmentChanges c;
    for (int n = 1; n <= 6; ++n) {
      int r = overrides.count(n) ? overrides[n] : rating;
      c.dimensions.push_back({n, r, "because " + std::to_string(r)});
    }
    return c;
  }

  // A completed initial assessment with the ratings; returns it at its current version.
  AssessmentView Completed(AssessmentChanges ratings, const std::string& client_id = "") {
    auto started =
        assessments_->Start(clinician_, {client_id.empty() ? client_id_ : client_id, "initial", inquiry_id_, ""});
    EXPECT_TRUE(started.ok()) << started.error().message;
    auto saved = assessments_->Save(clinician_, started->assessment.meta.id, 1, ratings);
    EXPECT_TRUE(saved.ok()) << saved.error().message;
    auto done = assessments_->Complete(clinician_, started->assessment.meta.id, 2);
    EXPECT_TRUE(done.ok()) << done.error().message;
    return *done;
  }

  std::unique_ptr<program::ProgramService> programs_;
  std::unique_ptr<admissions::InquiryService> inquiries_;
  std::string inquiry_id_;
  bool fail_inquiry_ = false;
  std::vector<OutcomeCall> calls_;
};

TEST_P(AssessmentServiceTest, AutosavesDraftsWithVersionsAndMergesSections) {
  auto a = assessments_->Start(clinician_, {client_id_, "initial", "", ""});
  ASSERT_TRUE(a.ok()) << a.error().message;
  EXPECT_EQ(a->assessment.status, "draft");
  EXPECT_EQ(a->assessment.assessor_id, karen_);
  EXPECT_EQ(a->assessment.episode_id, CurrentEpisode(client_id_).meta.id);
  EXPECT_EQ(a->assessment.dimensions.size(), 6u);
  EXPECT_FALSE(a->fresh);
  const std::string id = a->assessment.meta.id;

  AssessmentChanges first;
  first.sections["readiness"] = R"({"ruler":7})";
  first.sections["goals"] = R"({"notes":"back to work"})";
  first.substances = std::vector<Substance>{{2, 16, "1", "3", "2026-10-30", "a fifth a day", {"1", "2", "4", "7"}}};
  auto v2 = assessments_->Save(clinician_, id, 1, first);
  ASSERT_TRUE(v2.ok()) << v2.error().message;
  EXPECT_EQ(v2->assessment.meta.version, 2);
  ASSERT_EQ(v2->assessment.substances.size(), 1u);
  EXPECT_EQ(v2->assessment.substances[0].severity, "moderate");
  EXPECT_EQ(v2->assessment.substances[0].criteria.size(), 4u);

  AssessmentChanges second;
  second.sections["goals"] = std::nullopt;
  second.sections["legal"] = R"({"notes":"none"})";
  second.dimensions = {{3, 2, "moderate anxiety"}};
  auto stale = assessments_->Save(clinician_, id, 1, second);
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.error().code, ErrorCode::kFailedPrecondition);
  auto v3 = assessments_->Save(clinician_, id, 2, second);
  ASSERT_TRUE(v3.ok()) << v3.error().message;
  EXPECT_EQ(v3->assessment.sections_json, R"({"readiness":{"ruler":7},"legal":{"notes":"none"}})");
  EXPECT_EQ(v3->assessment.dimensions[2].rating, 2);
  EXPECT_EQ(v3->assessment.substances.size(), 1u);  // untouched
  ASSERT_TRUE(v3->fresh);                           // a rating is present: a fresh recommendation
  EXPECT_EQ(v3->fresh->level, "2.1");

  AssessmentChanges bad;
  bad.dimensions = {{1, 5, ""}};
  bad.flags = std::vector<std::string>{"not_a_flag"};
  auto refused = assessments_->Save(clinician_, id, 3, bad);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(Fields(refused.error()), (std::vector<std::string>{"dimensions[0].rating", "flags[0]"}));
  EXPECT_EQ(assessments_->Get(clinician_, id)->assessment.meta.version, 3);
}

TEST_P(AssessmentServiceTest, CompletionNeedsAllSixRatingsWithRationalesAndStaysADraftUntilThen) {
  auto a = assessments_->Start(clinician_, {client_id_, "initial", "", ""});
  const std::string id = a->assessment.meta.id;
  AssessmentChanges partial;
  for (int n = 1; n <= 5; ++n) partial.dimensions.push_back({n, 1, n == 2 ? "" : "ok"});
  ASSERT_TRUE(assessments_->Save(clinician_, id, 1, partial).ok());
  auto refused = assessments_->Complete(clinician_, id, 2);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(Fields(refused.error()),
            (std::vector<std::string>{"dimensions[1].rationale", "dimensions[5].rating", "dimensions[5].rationale"}));
  auto still = assessments_->Get(clinician_, id);
  EXPECT_EQ(still->assessment.status, "draft");
  EXPECT_TRUE(still->assessment.recommendation_json.empty());
  EXPECT_TRUE(calls_.empty());
}

TEST_P(AssessmentServiceTest, TheRecommendationIsThePolicysIncludingAnExclusionFromALinkedCssrs) {
  auto done = Completed(Ratings(1, {{3, 2}}));
  EXPECT_EQ(done.assessment.status, "complete");
  LevelOfCareInput input;
  input.ratings = {1, 1, 2, 1, 1, 1};
  auto expected = LevelOfCarePolicy::Default().Recommend(input);
  ASSERT_TRUE(expected.ok());
  EXPECT_EQ(done.assessment.recommended_level, expected->level);
  EXPECT_EQ(done.assessment.recommended_level, "2.1");
  EXPECT_NE(done.assessment.recommendation_json.find("\"trace\""), std::string::npos);
  ASSERT_EQ(calls_.size(), 1u);  // the inquiry moved to assessed in the same transaction
  EXPECT_EQ(calls_[0].stage, "assessed");
  EXPECT_EQ(calls_[0].inquiry_id, inquiry_id_);

  // The same ratings with a high-risk C-SSRS given in the assessment: excluded from IOP.
  auto started = assessments_->Start(clinician_, {client_id_, "initial", "", ""});
  const std::string id = started->assessment.meta.id;
  auto cssrs = responses_->Start(
      clinician_, {client_id_,
                   "CSSRS_SCREEN",
                   id,
                   "clinician",
                   {{"q1", "yes"}, {"q2", "yes"}, {"q3", "no"}, {"q4", "no"}, {"q5", "yes"}, {"q6", "no"}}});
  ASSERT_TRUE(cssrs.ok()) << cssrs.error().message;
  ASSERT_TRUE(assessments_->Save(clinician_, id, 1, Ratings(1, {{3, 2}})).ok());
  EXPECT_TRUE(assessments_->Get(clinician_, id)->instrument_flags.empty());  // not complete yet
  ASSERT_TRUE(responses_->Complete(clinician_, cssrs->response.meta.id, 1).ok());
  auto view = assessments_->Get(clinician_, id);
  EXPECT_EQ(view->instrument_flags, std::vector<std::string>{"cssrs_high"});
  ASSERT_EQ(view->responses.size(), 1u);
  auto excluded = assessments_->Complete(clinician_, id, 2);
  ASSERT_TRUE(excluded.ok()) << excluded.error().message;
  input.flags = {"cssrs_high"};
  auto with_flag = LevelOfCarePolicy::Default().Recommend(input);
  EXPECT_EQ(excluded->assessment.recommended_level, with_flag->level);
  EXPECT_TRUE(with_flag->iop_excluded);
  EXPECT_NE(excluded->assessment.recommended_level, "2.1");
}

TEST_P(AssessmentServiceTest, AnOverrideNeedsAReasonAndBothAreKept) {
  auto done = Completed(Ratings(1, {{3, 2}}));
  const std::string id = done.assessment.meta.id;
  auto before = assessments_->Decide(clinician_, id, 3, "2.1", "");
  ASSERT_TRUE(before.ok());  // (version 3 is current: Save made 2, Complete 3)
  auto fresh = Completed(Ratings(1, {{3, 2}}));
  const std::string id2 = fresh.assessment.meta.id;
  auto no_reason = assessments_->Decide(clinician_, id2, 3, "1.0", "");
  ASSERT_FALSE(no_reason.ok());
  EXPECT_EQ(Fields(no_reason.error()), std::vector<std::string>{"reason"});
  auto unknown = assessments_->Decide(clinician_, id2, 3, "9.9", "x");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(Fields(unknown.error()), std::vector<std::string>{"level"});
  auto decided = assessments_->Decide(clinician_, id2, 3, "1.0", "Works nights; weekly outpatient fits");
  ASSERT_TRUE(decided.ok()) << decided.error().message;
  EXPECT_EQ(decided->assessment.decided_level, "1.0");
  EXPECT_EQ(decided->assessment.recommended_level, "2.1");
  EXPECT_EQ(decided->assessment.decision_reason, "Works nights; weekly outpatient fits");
  EXPECT_EQ(decided->assessment.decided_by, "karen");
}

TEST_P(AssessmentServiceTest, AdmissionMovesTheEpisodeAndTheInquiryInOneTransaction) {
  auto done = Completed(Ratings(1, {{3, 2}}));
  const std::string id = done.assessment.meta.id;
  const Admission admission{*ParseDate("2026-11-02"), track_id_, "", ""};
  // No decision yet, then a decision that is not IOP: refused naming the decision.
  auto undecided = assessments_->Admit(clinician_, id, 3, admission);
  ASSERT_FALSE(undecided.ok());
  EXPECT_EQ(Fields(undecided.error()), std::vector<std::string>{"decision"});
  ASSERT_TRUE(assessments_->Decide(clinician_, id, 3, "2.1", "").ok());

  // The inquiry cannot move: nothing changes, neither the episode nor the assessment.
  fail_inquiry_ = true;
  auto failed = assessments_->Admit(clinician_, id, 4, admission);
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(CurrentEpisode(client_id_).stage, "assessment");
  EXPECT_EQ(CurrentEpisode(client_id_).meta.version, 1);
  EXPECT_TRUE(assessments_->Get(clinician_, id)->assessment.outcome_kind.empty());

  fail_inquiry_ = false;
  auto admitted = assessments_->Admit(clinician_, id, 4, admission);
  ASSERT_TRUE(admitted.ok()) << admitted.error().message;
  EXPECT_EQ(admitted->assessment.outcome_kind, "admitted");
  auto e = CurrentEpisode(client_id_);
  EXPECT_EQ(e.meta.id, done.assessment.episode_id);
  EXPECT_EQ(e.stage, "orientation");
  EXPECT_EQ(e.level_of_care, "2.1");
  EXPECT_EQ(e.track_id, track_id_);
  EXPECT_EQ(e.counselor_id, karen_);
  EXPECT_EQ(e.admission_date, ParseDate("2026-11-02"));
  ASSERT_EQ(calls_.size(), 2u);
  EXPECT_EQ(calls_[1].stage, "admitted");
  auto twice = assessments_->Admit(clinician_, id, 5, admission);
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.error().code, ErrorCode::kConflict);
}

TEST_P(AssessmentServiceTest, AdmissionWithoutAnEpisodeOpensOneAndMayNameAnotherCounselor) {
  admissions::Client c;
  c.legal_name = {"Walk", "", "In"};
  c.birth_date = *ParseDate("1980-01-01");
  const std::string walk_in = clients_->Create(admin_, c)->summary.client.meta.id;
  auto started = assessments_->Start(nurse_, {walk_in, "initial", "", ""});
  ASSERT_TRUE(started.ok()) << started.error().message;
  EXPECT_TRUE(started->assessment.episode_id.empty());
  const std::string id = started->assessment.meta.id;
  ASSERT_TRUE(assessments_->Save(nurse_, id, 1, Ratings(1, {{3, 2}})).ok());
  ASSERT_TRUE(assessments_->Complete(nurse_, id, 2).ok());
  ASSERT_TRUE(assessments_->Decide(nurse_, id, 3, "2.1", "").ok());
  auto no_program = assessments_->Admit(nurse_, id, 4, {*ParseDate("2026-11-02"), "", tom_, ""});
  ASSERT_FALSE(no_program.ok());
  EXPECT_EQ(Fields(no_program.error()), std::vector<std::string>{"program_id"});
  auto admitted = assessments_->Admit(nurse_, id, 4, {*ParseDate("2026-11-02"), "", tom_, program_id_});
  ASSERT_TRUE(admitted.ok()) << admitted.error().message;
  auto e = CurrentEpisode(walk_in);
  EXPECT_EQ(e.stage, "orientation");
  EXPECT_EQ(e.counselor_id, tom_);
  EXPECT_EQ(admitted->assessment.episode_id, e.meta.id);

  // A caseload clinician who admits to another counselor's caseload gets the answer, then loses access.
  auto done = Completed(Ratings(1, {{3, 2}}));
  ASSERT_TRUE(assessments_->Decide(clinician_, done.assessment.meta.id, 3, "2.1", "").ok());
  auto handed = assessments_->Admit(clinician_, done.assessment.meta.id, 4, {*ParseDate("2026-11-02"), "", tom_, ""});
  ASSERT_TRUE(handed.ok()) << handed.error().message;
  EXPECT_EQ(handed->assessment.outcome_kind, "admitted");
  EXPECT_EQ(assessments_->Get(clinician_, done.assessment.meta.id).error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(assessments_->Get(outsider_, done.assessment.meta.id).ok());
}

TEST_P(AssessmentServiceTest, ADecisionForAnotherLevelIsReferredAndThePreAdmissionEpisodeCloses) {
  auto done = Completed(Ratings(1, {{1, 3}}));  // severe withdrawal: more than IOP
  const std::string id = done.assessment.meta.id;
  EXPECT_NE(done.assessment.recommended_level, "2.1");
  ASSERT_TRUE(assessments_->Decide(clinician_, id, 3, done.assessment.recommended_level, "").ok());
  auto admit = assessments_->Admit(clinician_, id, 4, {*ParseDate("2026-11-02"), "", "", ""});
  ASSERT_FALSE(admit.ok());
  EXPECT_EQ(Fields(admit.error()), std::vector<std::string>{"decision"});
  auto no_place = assessments_->Refer(clinician_, id, 4, "", "");
  ASSERT_FALSE(no_place.ok());
  EXPECT_EQ(Fields(no_place.error()), std::vector<std::string>{"referred_to"});
  auto referred = assessments_->Refer(clinician_, id, 4, "Lakeview Withdrawal Management", "bed tomorrow");
  ASSERT_TRUE(referred.ok()) << referred.error().message;
  EXPECT_EQ(referred->assessment.outcome_kind, "referred");
  auto e = CurrentEpisode(client_id_);
  EXPECT_EQ(e.stage, "discharged");
  EXPECT_EQ(e.discharge_date, ParseDate("2026-11-02"));
  ASSERT_EQ(calls_.size(), 2u);
  EXPECT_EQ(calls_[1].stage, "referred");
  EXPECT_EQ(calls_[1].detail, "Lakeview Withdrawal Management");
}

TEST_P(AssessmentServiceTest, ContinuedStayReviewsGiveADirectionAndTheDecisionSetsTheLevel) {
  const std::string in_treatment = NewClient("James", "Carter", "male", "treatment", "2.1");
  auto refused = assessments_->Start(clinician_, {client_id_, "continued_stay", "", ""});
  ASSERT_FALSE(refused.ok());  // the first client is not admitted yet
  EXPECT_EQ(refused.error().code, ErrorCode::kConflict);

  auto review = assessments_->Start(clinician_, {in_treatment, "continued_stay", "", ""});
  ASSERT_TRUE(review.ok()) << review.error().message;
  EXPECT_EQ(review->assessment.current_level, "2.1");
  const std::string id = review->assessment.meta.id;
  ASSERT_TRUE(assessments_->Save(clinician_, id, 1, Ratings(1)).ok());
  auto done = assessments_->Complete(clinician_, id, 2);
  ASSERT_TRUE(done.ok()) << done.error().message;
  EXPECT_EQ(done->assessment.recommended_level, "1.0");
  EXPECT_EQ(done->assessment.direction, "step_down");
  auto decided = assessments_->Decide(clinician_, id, 3, "1.0", "");
  ASSERT_TRUE(decided.ok()) << decided.error().message;
  EXPECT_EQ(decided->assessment.outcome_kind, "level_changed");
  EXPECT_EQ(CurrentEpisode(in_treatment).level_of_care, "1.0");
  EXPECT_EQ(CurrentEpisode(in_treatment).stage, "treatment");

  auto up = assessments_->Start(clinician_, {in_treatment, "continued_stay", "", ""});
  ASSERT_TRUE(assessments_->Save(clinician_, up->assessment.meta.id, 1, Ratings(1, {{3, 2}})).ok());
  auto stepped = assessments_->Complete(clinician_, up->assessment.meta.id, 2);
  EXPECT_EQ(stepped->assessment.direction, "step_up");
}

TEST_P(AssessmentServiceTest, AnUnknownInquiryOrEpisodeIsAFieldError) {
  auto inquiry = assessments_->Start(clinician_, {client_id_, "initial", "01a20000-0000-7000-8000-0000000000aa", ""});
  ASSERT_FALSE(inquiry.ok());
  EXPECT_EQ(Fields(inquiry.error()), std::vector<std::string>{"inquiry_id"});
  auto episode = assessments_->Start(clinician_, {client_id_, "initial", "", "01a20000-0000-7000-8000-0000000000aa"});
  ASSERT_FALSE(episode.ok());
  EXPECT_EQ(Fields(episode.error()), std::vector<std::string>{"episode_id"});
  EXPECT_TRUE(assessments_->List(clinician_, client_id_)->empty());
}

TEST_P(AssessmentServiceTest, AClinicianOutsideTheCaseloadGetsNotFound) {
  auto a = assessments_->Start(clinician_, {client_id_, "initial", "", ""});
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(assessments_->Get(outsider_, a->assessment.meta.id).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(assessments_->List(outsider_, client_id_).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(assessments_->Start(outsider_, {client_id_, "initial", "", ""}).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(assessments_->Save(outsider_, a->assessment.meta.id, 1, Ratings(1)).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(assessments_->List(clinician_, client_id_)->size(), 1u);
}

STORE_TEST_P(AssessmentServiceTest);

}  // namespace
}  // namespace stepwise::assessment
