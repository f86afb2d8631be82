// Instrument responses, safety alerts and on-call lists on both engines, with the shipped catalog.
#include "care/assessment/response_service.h"

#include <gtest/gtest.h>

#include "care/assessment/assessment_test_support.h"
#include "platform/db/transaction_scope.h"

namespace stepwise::assessment {
namespace {

class ResponseServiceTest : public AssessmentTestBase {
 protected:
  Answers Phq9(int q9) {
    Answers a;
    for (int i = 1; i <= 8; ++i) a["q" + std::to_string(i)] = "1";
    a["q9"] = std::to_string(q9);
    return a;
  }
  Result<ResponseView> Completed(const std::string& instrument, Answers answers, const Actor& by) {
    auto started = responses_->Start(by, {client_id_, instrument, "", "clinician", std::move(answers)});
    if (!started.ok()) return started;
    return responses_->Complete(by, started->response.meta.id, started->response.meta.version);
  }
  std::int64_t StoredAnswerCount(const std::string& response_id) {
    auto n = db::InTransaction(database(), db::Access::kRead, [&](db::Transaction& tx) -> Result<std::int64_t> {
      SW_ASSIGN(auto rs, tx.Query("SELECT COUNT(*) FROM instrument_answers WHERE response_id = ?", {response_id}));
      return rs.rows.at(0).Int(0);
    });
    return n.ok() ? *n : -1;
  }
};

TEST_P(ResponseServiceTest, SavesMergesAndCompletesStoringEveryItemAnswer) {
  auto started = responses_->Start(clinician_, {client_id_, "PHQ9", "", "clinician", {{"q1", "2"}, {"q2", "3"}}});
  ASSERT_TRUE(started.ok()) << started.error().message;
  EXPECT_EQ(started->response.status, "draft");
  EXPECT_EQ(started->response.administered_by, karen_);
  EXPECT_EQ(started->scoring.total, 5);
  EXPECT_FALSE(started->scoring.complete);
  const std::string id = started->response.meta.id;

  AnswerChanges more;
  for (int i = 3; i <= 9; ++i) more["q" + std::to_string(i)] = "1";
  more["q2"] = std::nullopt;  // removed
  auto saved = responses_->SaveAnswers(clinician_, id, 1, more);
  ASSERT_TRUE(saved.ok()) << saved.error().message;
  EXPECT_EQ(saved->response.meta.version, 2);
  EXPECT_EQ(saved->response.AnswerCodes().count("q2"), 0u);
  EXPECT_EQ(saved->scoring.total, 9);
  // A stale autosave is refused and changes nothing.
  auto stale = responses_->SaveAnswers(clinician_, id, 1, {{"q2", "0"}});
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.error().code, ErrorCode::kFailedPrecondition);

  // Incomplete: the error names the missing item and the draft stays a draft.
  auto incomplete = responses_->Complete(clinician_, id, 2);
  ASSERT_FALSE(incomplete.ok());
  EXPECT_EQ(incomplete.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(Fields(incomplete.error()), std::vector<std::string>{"answers.q2"});
  EXPECT_EQ(responses_->Get(clinician_, id)->response.status, "draft");

  ASSERT_TRUE(responses_->SaveAnswers(clinician_, id, 2, {{"q2", "3"}, {"q10", "somewhat"}}).ok());
  auto done = responses_->Complete(clinician_, id, 3);
  ASSERT_TRUE(done.ok()) << done.error().message;
  EXPECT_EQ(done->response.status, "complete");
  EXPECT_EQ(done->response.total, 12);
  EXPECT_EQ(done->response.band_code, done->scoring.band_code);
  EXPECT_FALSE(done->response.band_code.empty());
  EXPECT_FALSE(done->response.scoring_json.empty());
  EXPECT_EQ(StoredAnswerCount(id), 10);  // every item answer, the unscored difficulty item too
  const auto& stored = done->response.answers;
  auto q9 = std::find_if(stored.begin(), stored.end(), [](const auto& a) { return a.item_id == "q9"; });
  ASSERT_NE(q9, stored.end());
  EXPECT_EQ(q9->value, 1);
  EXPECT_EQ(q9->loinc, "LA6569-3");
  // Complete responses do not change.
  auto late = responses_->SaveAnswers(clinician_, id, 4, {{"q1", "0"}});
  ASSERT_FALSE(late.ok());
  EXPECT_EQ(late.error().code, ErrorCode::kConflict);
  auto list = responses_->List(clinician_, client_id_, "PHQ9");
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ(list->front().total, 12);
}

TEST_P(ResponseServiceTest, RefusesUnknownInstrumentsItemsAndCodes) {
  auto unknown = responses_->Start(clinician_, {client_id_, "NOPE", "", "clinician", {}});
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(Fields(unknown.error()), std::vector<std::string>{"instrument"});
  auto bad = responses_->Start(clinician_, {client_id_, "PHQ9", "", "clinician", {{"q1", "7"}, {"zz", "1"}}});
  ASSERT_FALSE(bad.ok());
  auto fields = Fields(bad.error());
  EXPECT_NE(std::find(fields.begin(), fields.end(), "answers.q1"), fields.end());
  EXPECT_NE(std::find(fields.begin(), fields.end(), "answers.zz"), fields.end());
  EXPECT_TRUE(responses_->List(clinician_, client_id_, "")->empty());
}

TEST_P(ResponseServiceTest, Phq9ItemNineRaisesAnAlertToTheClinicianAndOnCallButNotForADraft) {
  ASSERT_TRUE(responses_->SetOnCall(admin_, program_id_, {julia_}).ok());
  EXPECT_EQ(*responses_->OnCall(admin_, program_id_), std::vector<std::string>{julia_});
  auto draft = responses_->Start(clinician_, {client_id_, "PHQ9", "", "clinician", Phq9(1)});
  ASSERT_TRUE(draft.ok());
  EXPECT_TRUE(draft->scoring.HasFlag("phq9_item9"));
  EXPECT_TRUE(responses_->MyAlerts(clinician_, "open")->empty());
  EXPECT_TRUE(responses_->ClientAlerts(admin_, client_id_)->empty());

  auto done = responses_->Complete(clinician_, draft->response.meta.id, 1);
  ASSERT_TRUE(done.ok()) << done.error().message;
  auto mine = responses_->MyAlerts(clinician_, "open");
  ASSERT_TRUE(mine.ok());
  ASSERT_EQ(mine->size(), 1u);
  EXPECT_EQ(mine->front().kind, "phq9_item9");
  EXPECT_EQ(mine->front().severity, "urgent");
  EXPECT_EQ(mine->front().assigned_to, karen_);
  EXPECT_EQ(mine->front().client_name, "Maria Lopez");
  EXPECT_EQ(responses_->MyAlerts(nurse_, "open")->size(), 1u);  // on call
  EXPECT_TRUE(responses_->MyAlerts(outsider_, "open")->empty());

  // A PHQ-9 with item 9 = 0 raises nothing.
  ASSERT_TRUE(Completed("PHQ9", Phq9(0), clinician_).ok());
  EXPECT_EQ(responses_->ClientAlerts(admin_, client_id_)->size(), 1u);

  // The safety response needs a note; then the alert is resolved for everyone.
  const std::string alert = mine->front().meta.id;
  auto no_note = responses_->Respond(nurse_, alert, std::nullopt, {"safety_plan"}, "");
  ASSERT_FALSE(no_note.ok());
  EXPECT_EQ(Fields(no_note.error()), std::vector<std::string>{"note"});
  auto outsider = responses_->Respond(outsider_, alert, std::nullopt, {"safety_plan"}, "x");
  ASSERT_FALSE(outsider.ok());
  EXPECT_EQ(outsider.error().code, ErrorCode::kNotFound);
  auto resolved = responses_->Respond(nurse_, alert, 1, {"safety_plan", "crisis_line_988"}, "Safety plan made.");
  ASSERT_TRUE(resolved.ok()) << resolved.error().message;
  EXPECT_EQ(resolved->status, "resolved");
  EXPECT_EQ(resolved->actions, (std::vector<std::string>{"safety_plan", "crisis_line_988"}));
  EXPECT_EQ(resolved->resolved_by, "julia");
  EXPECT_TRUE(responses_->MyAlerts(clinician_, "open")->empty());
  EXPECT_EQ(responses_->MyAlerts(clinician_, "")->size(), 1u);
  auto again = responses_->Respond(clinician_, alert, std::nullopt, {}, "again");
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
}

TEST_P(ResponseServiceTest, CssrsHighRiskRaisesAnAlertAndSkippedAnswersAreDropped) {
  ASSERT_TRUE(responses_->SetOnCall(admin_, program_id_, {julia_}).ok());
  // Q2 "no" hides Q3-Q5: the answer given to Q3 is not part of the completed response.
  auto low = Completed("CSSRS_SCREEN", {{"q1", "yes"}, {"q2", "no"}, {"q3", "yes"}, {"q6", "no"}}, clinician_);
  ASSERT_TRUE(low.ok()) << low.error().message;
  EXPECT_EQ(low->response.band_code, "low");
  EXPECT_EQ(low->response.AnswerCodes().count("q3"), 0u);
  EXPECT_EQ(StoredAnswerCount(low->response.meta.id), 3);
  EXPECT_TRUE(responses_->MyAlerts(nurse_, "open")->empty());

  auto high =
      Completed("CSSRS_SCREEN",
                {{"q1", "yes"}, {"q2", "yes"}, {"q3", "yes"}, {"q4", "yes"}, {"q5", "no"}, {"q6", "no"}}, clinician_);
  ASSERT_TRUE(high.ok()) << high.error().message;
  EXPECT_EQ(high->response.band_code, "high");
  auto alerts = responses_->MyAlerts(nurse_, "open");
  ASSERT_EQ(alerts->size(), 1u);
  EXPECT_EQ(alerts->front().kind, "cssrs_high");
  EXPECT_EQ(alerts->front().instrument, "CSSRS_SCREEN");
  EXPECT_EQ(responses_->MyAlerts(clinician_, "open")->size(), 1u);
}

TEST_P(ResponseServiceTest, AClinicianOutsideTheCaseloadGetsNotFound) {
  auto r = responses_->Start(clinician_, {client_id_, "GAD7", "", "client", {{"q1", "1"}}});
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->response.completed_by, "client");
  EXPECT_EQ(responses_->Get(outsider_, r->response.meta.id).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(responses_->List(outsider_, client_id_, "").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(responses_->ClientAlerts(outsider_, client_id_).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(responses_->SaveAnswers(outsider_, r->response.meta.id, 1, {{"q2", "1"}}).error().code,
            ErrorCode::kNotFound);
  EXPECT_EQ(responses_->Start(outsider_, {client_id_, "GAD7", "", "clinician", {}}).error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(responses_->Get(nurse_, r->response.meta.id).ok());  // program scope
}

TEST_P(ResponseServiceTest, OnCallListsNeedLiveStaffAndVoidKeepsTheRecord) {
  auto bad = responses_->SetOnCall(admin_, program_id_, {julia_, julia_});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(Fields(bad.error()), std::vector<std::string>{"staff_ids[1]"});
  auto unknown = responses_->SetOnCall(admin_, program_id_, {"01a20000-0000-7000-8000-00000000abcd"});
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(Fields(unknown.error()), std::vector<std::string>{"staff_ids[0]"});
  EXPECT_TRUE(responses_->OnCall(admin_, program_id_)->empty());

  auto r = responses_->Start(clinician_, {client_id_, "PHQ2", "", "clinician", {}});
  ASSERT_TRUE(r.ok());
  auto voided = responses_->Void(clinician_, r->response.meta.id, 1, "started by mistake");
  ASSERT_TRUE(voided.ok()) << voided.error().message;
  EXPECT_EQ(voided->response.status, "voided");
  EXPECT_TRUE(responses_->List(clinician_, client_id_, "")->empty());
  EXPECT_TRUE(responses_->Get(clinician_, r->response.meta.id)->response.meta.voided);

  // A completed response entered for the wrong client takes its open alert with it when voided.
  auto wrong = Completed("PHQ9", Phq9(2), clinician_);
  ASSERT_TRUE(wrong.ok());
  EXPECT_EQ(responses_->MyAlerts(clinician_, "open")->size(), 1u);
  ASSERT_TRUE(responses_->Void(clinician_, wrong->response.meta.id, 2, "entered for the wrong client").ok());
  EXPECT_TRUE(responses_->MyAlerts(clinician_, "open")->empty());
  EXPECT_TRUE(responses_->ClientAlerts(clinician_, client_id_)->empty());
}

TEST_P(ResponseServiceTest, ResponsesCompletedEarlierAreEnteredWithTheirTimeAndListedNewestFirst) {
  auto older =
      responses_->RecordCompleted(clinician_, {client_id_, "PHQ9", "", "client", Phq9(0)}, "2026-10-05T15:00:00Z");
  ASSERT_TRUE(older.ok()) << older.error().message;
  EXPECT_EQ(older->response.status, "complete");
  EXPECT_EQ(older->response.started_at, "2026-10-05T15:00:00.000Z");
  EXPECT_EQ(older->response.completed_at, "2026-10-05T15:00:00.000Z");
  auto newer =
      responses_->RecordCompleted(clinician_, {client_id_, "PHQ9", "", "client", Phq9(1)}, "2026-10-19T15:00:00Z");
  ASSERT_TRUE(newer.ok()) << newer.error().message;
  auto list = responses_->List(clinician_, client_id_, "PHQ9");
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ(list->at(0).meta.id, newer->response.meta.id);
  auto alerts = responses_->ClientAlerts(clinician_, client_id_);
  ASSERT_EQ(alerts->size(), 1u);
  EXPECT_EQ(alerts->front().raised_at, "2026-10-19T15:00:00.000Z");
  auto future =
      responses_->RecordCompleted(clinician_, {client_id_, "PHQ9", "", "client", Phq9(0)}, "2030-01-01T00:00:00Z");
  ASSERT_FALSE(future.ok());
  EXPECT_EQ(Fields(future.error()), std::vector<std::string>{"completed_at"});
  auto incomplete = responses_->RecordCompleted(clinician_, {client_id_, "PHQ9", "", "client", {{"q1", "1"}}},
                                                "2026-10-20T15:00:00Z");
  ASSERT_FALSE(incomplete.ok());
  EXPECT_EQ(responses_->List(clinician_, client_id_, "")->size(), 2u);  // nothing half-written
}

STORE_TEST_P(ResponseServiceTest);

}  // namespace
}  // namespace stepwise::assessment
