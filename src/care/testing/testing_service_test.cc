// Drug testing on both engines, as a clinician would read it: the day's selection is recorded once and
// replays from its seed; a collection with a positive cup gives a warning with a task for the counselor;
// a prescribed buprenorphine is expected, not a violation; the ladder climbs within 30 days and starts
// again after (fake clock); missed and refused tests count only when the policy says so; the lab file
// imports all or nothing, once; the chart shows the tests and the share negative by week.
#include "care/testing/testing_service.h"

#include <gtest/gtest.h>

#include "care/assessment/assessment_test_support.h"
#include "care/tasks/task_service.h"
#include "care/testing/selection.h"
#include "care/testing/testing_policy_json.h"
#include "care/testing/testing_store.h"
#include "platform/db/transaction_scope.h"

namespace stepwise::testing {
namespace {

class TestingServiceTest : public assessment::AssessmentTestBase {
 protected:
  void SetUp() override {
    AssessmentTestBase::SetUp();
    testing_ = std::make_unique<TestingService>(database(), clock_, *clients_, BuiltinPolicy());
    ana_ = NewClient("Ana", "Silva", "female", "treatment", "2.1");
    director_ = admin_;
    director_.permissions = {"testing.decide", "testing.read", "testing.review", "testing.write"};
  }

  Date Today() const { return UtcDate(clock_.Now()); }  // 15:00 UTC is the same day in Chicago
  void AdvanceDays(int days) { clock_.Advance(std::chrono::hours(24 * days)); }

  CollectionView Collect(const std::string& client, const char* panel = "cup12", bool refused = false,
                         const char* coc = "") {
    CollectionDraft d;
    d.panel_code = panel;
    d.temperature_f = 96.5;
    d.refused = refused;
    d.chain_of_custody_id = coc;
    auto c = testing_->Collect(clinician_, client, d);
    EXPECT_TRUE(c.ok()) << (c.ok() ? "" : c.error().message);
    return c.ok() ? *c : CollectionView{};
  }

  static AnalyteEntry Cup(const char* code, const char* reading) {
    AnalyteEntry e;
    e.code = code;
    e.reading = reading;
    return e;
  }

  Result<CollectionView> CupResult(const std::string& collection_id, std::vector<AnalyteEntry> analytes) {
    ResultDraft r;
    r.method = "poc_cup";
    r.analytes = std::move(analytes);
    return testing_->AddResult(clinician_, collection_id, r);
  }

  // A positive cup on the clock's day; returns the collection.
  CollectionView PositiveCup(const std::string& client, const char* code = "cocaine") {
    auto c = Collect(client);
    auto r = CupResult(c.collection.meta.id, {Cup(code, "positive"), Cup(std::string(code) == "thc" ? "pcp" : "thc", "negative")});
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
    return r.ok() ? *r : c;
  }

  std::vector<tasks::Task> OpenTasks(const std::string& client) {
    auto list = db::InTransaction(database(), db::Access::kRead, [&](db::Transaction& tx) {
      return tasks::OpenOfClientIn(tx, admin_.org_id, client);
    });
    EXPECT_TRUE(list.ok());
    return list.ok() ? *list : std::vector<tasks::Task>{};
  }

  int AuditCount(const std::string& resource_type) {
    auto tx = database().Begin(db::Access::kRead);
    auto rs = (*tx)->Query("SELECT COUNT(*) FROM audit_events WHERE resource_type = ?", {resource_type});
    return rs.ok() ? static_cast<int>(rs->rows[0].Int(0)) : -1;
  }

  void UsePolicy(const std::function<void(Policy&)>& change) {
    auto current = testing_->GetPolicy(admin_, program_id_);
    ASSERT_TRUE(current.ok());
    Policy p = current->policy;
    change(p);
    auto put = testing_->PutPolicy(admin_, program_id_, current->version, p);
    ASSERT_TRUE(put.ok()) << put.error().message;
  }

  std::unique_ptr<TestingService> testing_;
  std::string ana_;
  Actor director_;
};

TEST_P(TestingServiceTest, TheDaysSelectionIsRecordedOnceAndReplaysFromItsSeed) {
  std::vector<std::string> ids = {ana_};
  for (int i = 0; i < 24; ++i) ids.push_back(NewClient("Client", ("N" + std::to_string(i)).c_str(), "male", "treatment", "2.1"));
  auto first = testing_->Select(admin_, program_id_, Today());
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_TRUE(first->created);
  EXPECT_EQ(first->selection.candidates, 25);
  EXPECT_EQ(first->selection.seed_fingerprint.size(), 64u);
  auto again = testing_->Select(admin_, program_id_, Today());
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(again->created);
  ASSERT_EQ(again->selected.size(), first->selected.size());
  for (std::size_t i = 0; i < first->selected.size(); ++i) {
    EXPECT_EQ(again->selected[i].selected.client_id, first->selected[i].selected.client_id);
    EXPECT_EQ(again->selected[i].selected.reason, "random");  // day 33: after the first 30 days
  }
  // The recorded seed replays the day exactly.
  auto seed = db::InTransaction(database(), db::Access::kRead, [&](db::Transaction& tx) {
    return testing_store::GetSeed(tx, admin_.org_id, program_id_);
  });
  ASSERT_TRUE(seed.ok() && seed->has_value());
  EXPECT_EQ(SeedFingerprint((*seed)->secret), first->selection.seed_fingerprint);
  std::vector<Candidate> candidates;
  for (const auto& id : ids) candidates.push_back({id, 33, {}});
  std::set<std::string> replayed, recorded;
  for (const auto& p : stepwise::testing::Select(BuiltinPolicy(), (*seed)->secret, Today(), candidates)) {
    replayed.insert(p.client_id);
  }
  for (const auto& e : first->selected) recorded.insert(e.selected.client_id);
  EXPECT_EQ(replayed, recorded);
  // Nobody learns tomorrow's list today.
  auto ahead = testing_->Select(admin_, program_id_, AddDays(Today(), 1));
  ASSERT_FALSE(ahead.ok());
  EXPECT_EQ(Fields(ahead.error()), std::vector<std::string>{"date"});
  EXPECT_GE(AuditCount("drug_test_selection"), 1);
}

TEST_P(TestingServiceTest, APositiveCupGivesAWarningWithATaskForTheCounselorAndShowsOnTheClientsState) {
  auto c = PositiveCup(ana_);
  EXPECT_EQ(c.collection.outcome, "positive");
  ASSERT_EQ(c.interpretations.size(), 2u);
  EXPECT_EQ(c.interpretations[0].status, "presumptive_positive");
  EXPECT_EQ(c.interpretations[0].screening_cutoff, 150);  // stored with the result
  ASSERT_TRUE(c.event.has_value());
  EXPECT_EQ(c.event->step, 1);
  EXPECT_EQ(c.event->action, "warning");
  ASSERT_EQ(c.event->result_ids.size(), 1u);
  EXPECT_EQ(c.event->result_ids[0], c.results[0].meta.id);
  ASSERT_EQ(c.billing.size(), 1u);
  EXPECT_EQ(c.billing[0].code, "80305");
  auto tasks = OpenTasks(ana_);
  ASSERT_EQ(tasks.size(), 1u);
  EXPECT_EQ(tasks[0].kind, "drug_test_review");
  EXPECT_EQ(tasks[0].assignee_staff_id, karen_);
  EXPECT_EQ(tasks[0].source_id, c.event->meta.id);
  auto state = testing_->StateOf(clinician_, ana_);
  ASSERT_TRUE(state.ok());
  EXPECT_EQ(state->step, 1);
  EXPECT_EQ(state->action, "warning");
  ASSERT_TRUE(state->open_review.has_value());
  EXPECT_EQ(state->open_review->collection_id, c.collection.meta.id);
  EXPECT_EQ(AuditCount("drug_test_event"), 1);
  EXPECT_EQ(AuditCount("drug_test_result"), 1);
  // The counselor reviews it with a reason; the task is done.
  auto decided = testing_->Decide(clinician_, c.event->meta.id, 0, "warning_given", "Talked it through; plan updated");
  ASSERT_TRUE(decided.ok()) << decided.error().message;
  EXPECT_EQ(decided->status, "decided");
  EXPECT_TRUE(OpenTasks(ana_).empty());
  auto twice = testing_->Decide(clinician_, c.event->meta.id, 0, "warning_given", "again");
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.error().code, ErrorCode::kConflict);
  // Someone outside the caseload finds nothing.
  EXPECT_EQ(testing_->GetCollection(outsider_, c.collection.meta.id).error().code, ErrorCode::kNotFound);
  // Bad input: unknown analyte, wrong unit, a collection that does not exist.
  ResultDraft bad;
  bad.method = "lab";
  AnalyteEntry unknown;
  unknown.code = "unobtainium";
  unknown.value = 3;
  unknown.unit = "ng/mL";
  AnalyteEntry unit;
  unit.code = "thc";
  unit.value = 0.2;
  unit.unit = "mg/L";
  bad.analytes = {unknown, unit};
  auto refused = testing_->AddResult(clinician_, c.collection.meta.id, bad);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(Fields(refused.error()), (std::vector<std::string>{"analytes[0].code", "analytes[1].unit"}));
  EXPECT_EQ(testing_->AddResult(clinician_, "01a20000-0000-7000-8000-00000000abcd", bad).error().code,
            ErrorCode::kNotFound);
}

TEST_P(TestingServiceTest, PrescribedBuprenorphineIsAnExpectedPositiveNotAViolation) {
  testing_->SetExpectedAnalytes([&](db::Transaction&, const std::string&, const std::string& client, Date) {
    return Result<std::set<std::string>>(client == ana_ ? std::set<std::string>{"buprenorphine", "norbuprenorphine"}
                                                        : std::set<std::string>{});
  });
  auto c = Collect(ana_);
  auto r = CupResult(c.collection.meta.id, {Cup("buprenorphine", "positive"), Cup("cocaine", "negative")});
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->collection.outcome, "expected_positive");
  EXPECT_TRUE(r->interpretations[0].expected);
  EXPECT_FALSE(r->event.has_value());
  EXPECT_TRUE(OpenTasks(ana_).empty());
  // The same reading for someone without the prescription is a violation.
  const std::string bo = NewClient("Bo", "Lind", "male", "treatment", "2.1");
  auto c2 = Collect(bo);
  auto r2 = CupResult(c2.collection.meta.id, {Cup("buprenorphine", "positive")});
  ASSERT_TRUE(r2.ok());
  EXPECT_EQ(r2->collection.outcome, "positive");
  EXPECT_TRUE(r2->event.has_value());
}

TEST_P(TestingServiceTest, TheLadderClimbsWithinThirtyDaysToADirectorsDecisionAndStartsAgainAfter) {
  auto first = PositiveCup(ana_);
  ASSERT_TRUE(first.event);
  EXPECT_EQ(first.event->step, 1);
  AdvanceDays(30);  // a second within 30 days: a behavioral contract and more testing
  auto second = PositiveCup(ana_, "thc");
  ASSERT_TRUE(second.event);
  EXPECT_EQ(second.event->step, 2);
  EXPECT_EQ(second.event->action, "behavioral_contract");
  auto state = testing_->StateOf(clinician_, ana_);
  ASSERT_TRUE(state.ok());
  EXPECT_TRUE(state->contract.active);
  EXPECT_EQ(state->contract.extra_tests_per_week, 1);
  AdvanceDays(10);  // a third: the director's discharge review
  auto third = PositiveCup(ana_);
  ASSERT_TRUE(third.event);
  EXPECT_EQ(third.event->step, 3);
  bool director_task = false;
  for (const auto& t : OpenTasks(ana_)) director_task |= t.kind == "discharge_review" && t.assignee_role == "program_director";
  EXPECT_TRUE(director_task);
  auto queue = testing_->ReviewQueue(admin_);
  ASSERT_TRUE(queue.ok());
  ASSERT_FALSE(queue->empty());
  EXPECT_TRUE(queue->front().needs_decide);  // highest step first
  // Only someone holding testing.decide decides a discharge review, and a reason is required.
  EXPECT_EQ(testing_->Decide(clinician_, third.event->meta.id, 0, "discharge", "x").error().code,
            ErrorCode::kPermissionDenied);
  auto no_reason = testing_->Decide(director_, third.event->meta.id, 0, "discharge", "");
  ASSERT_FALSE(no_reason.ok());
  EXPECT_EQ(Fields(no_reason.error()), std::vector<std::string>{"reason"});
  auto decided = testing_->Decide(director_, third.event->meta.id, 0, "continue", "Engaged; adding a weekly session");
  ASSERT_TRUE(decided.ok()) << decided.error().message;
  EXPECT_EQ(decided->decision, "continue");
  // 31 days without another event: the next one starts at step 1 again.
  AdvanceDays(31);
  auto state_later = testing_->StateOf(clinician_, ana_);
  EXPECT_EQ(state_later->step, 0);
  auto fourth = PositiveCup(ana_);
  ASSERT_TRUE(fourth.event);
  EXPECT_EQ(fourth.event->step, 1);
}

TEST_P(TestingServiceTest, AMissedTestCountsAsPositiveOnlyWhenThePolicySaysSo) {
  UsePolicy([](Policy& p) { p.random_rate_per_week = 5; });  // every weekday
  auto sel = testing_->Select(admin_, program_id_, Today());
  ASSERT_TRUE(sel.ok());
  ASSERT_EQ(sel->selected.size(), 1u);  // Ana (the assessment-stage client is not in treatment)
  auto closed = testing_->CloseDay(admin_, Today(), program_id_);
  ASSERT_TRUE(closed.ok()) << closed.error().message;
  EXPECT_EQ(closed->missed, 1);
  ASSERT_EQ(closed->events.size(), 1u);
  EXPECT_EQ(closed->events[0].kind, "missed");
  EXPECT_EQ(closed->events[0].step, 1);
  auto board = testing_->BoardOf(clinician_, Today(), "");
  ASSERT_TRUE(board.ok());
  ASSERT_EQ(board->selected.size(), 1u);
  EXPECT_EQ(board->selected[0].selected.status, "missed");
  EXPECT_EQ(board->needs_review.size(), 1u);
  // Off: the next day's missed test is recorded but starts nothing; a refusal likewise.
  UsePolicy([](Policy& p) {
    p.missed_counts_as_positive = false;
    p.refused_counts_as_positive = false;
  });
  AdvanceDays(1);
  ASSERT_TRUE(testing_->Select(admin_, program_id_, Today()).ok());
  auto closed2 = testing_->CloseDay(admin_, Today(), program_id_);
  ASSERT_TRUE(closed2.ok());
  EXPECT_EQ(closed2->missed, 1);
  EXPECT_TRUE(closed2->events.empty());
  AdvanceDays(1);
  ASSERT_TRUE(testing_->Select(admin_, program_id_, Today()).ok());
  auto refused = Collect(ana_, "cup12", true);
  EXPECT_EQ(refused.collection.outcome, "refused");
  EXPECT_FALSE(refused.event.has_value());
  // On again: a refusal climbs the ladder (step 2: within 30 days of the missed test).
  UsePolicy([](Policy& p) { p.refused_counts_as_positive = true; });
  AdvanceDays(1);
  ASSERT_TRUE(testing_->Select(admin_, program_id_, Today()).ok());
  auto refused2 = Collect(ana_, "cup12", true);
  ASSERT_TRUE(refused2.event.has_value());
  EXPECT_EQ(refused2.event->kind, "refused");
  EXPECT_EQ(refused2.event->step, 2);
  auto tests = testing_->TestsOfClient(clinician_, ana_);
  ASSERT_TRUE(tests.ok());
  EXPECT_EQ(tests->items.size(), 4u);  // two missed, two refused
}

TEST_P(TestingServiceTest, APoliciesOwnVersionIsCheckedAndVersioned) {
  auto base = testing_->GetPolicy(clinician_, program_id_);
  ASSERT_TRUE(base.ok());
  EXPECT_EQ(base->source, "installation");
  Policy p = base->policy;
  p.validity.ph_low = 3;  // the older rule
  auto v1 = testing_->PutPolicy(admin_, program_id_, 0, p);
  ASSERT_TRUE(v1.ok()) << v1.error().message;
  EXPECT_EQ(v1->version, 1);
  EXPECT_EQ(testing_->PutPolicy(admin_, program_id_, 0, p).error().code, ErrorCode::kFailedPrecondition);
  p.observed = "sometimes";
  auto bad = testing_->PutPolicy(admin_, program_id_, 1, p);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(Fields(bad.error()), std::vector<std::string>{"observed"});
  auto now = testing_->GetPolicy(clinician_, program_id_);
  EXPECT_EQ(now->source, "program");
  EXPECT_EQ(now->policy.validity.ph_low, 3);
}

TEST_P(TestingServiceTest, ALabFileImportsAllOrNothingOnceAndAnUnconfirmedScreenIsWithdrawn) {
  auto cup = Collect(ana_, "cup12", false, "COC-100");
  auto screened = CupResult(cup.collection.meta.id, {Cup("thc", "positive")});
  ASSERT_TRUE(screened.ok());
  ASSERT_TRUE(screened->event.has_value());
  const std::string bad =
      "chain_of_custody_id,analyte,stage,value,unit,creatinine,specific_gravity\n"
      "COC-100,thc,confirmation,9,ng/mL,80,1.015\n"
      "COC-100,unobtainium,confirmation,3,ng/mL,,\n"
      "COC-999,cocaine,confirmation,3,ng/mL,,\n"
      "COC-100,cocaine,confirmation,0.2,mg/mL,,\n";
  auto dry = testing_->ImportLab(clinician_, bad, true);
  ASSERT_TRUE(dry.ok()) << dry.error().message;
  std::vector<std::pair<int, std::string>> where;
  for (const auto& e : dry->errors) where.emplace_back(e.row, e.field);
  EXPECT_EQ(where, (std::vector<std::pair<int, std::string>>{
                       {3, "analyte"}, {4, "chain_of_custody_id"}, {5, "unit"}}));
  auto refused = testing_->ImportLab(clinician_, bad, false);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(Fields(refused.error()),
            (std::vector<std::string>{"rows[3].analyte", "rows[4].chain_of_custody_id", "rows[5].unit"}));
  auto unchanged = testing_->GetCollection(clinician_, cup.collection.meta.id);
  EXPECT_EQ(unchanged->results.size(), 1u);  // nothing imported
  const std::string good =
      "chain_of_custody_id,analyte,stage,value,unit,creatinine,specific_gravity\n"
      "COC-100,thc,confirmation,9,ng/mL,80,1.015\n"
      "COC-100,cocaine,confirmation,3,ng/mL,,\n";
  auto imported = testing_->ImportLab(clinician_, good, false);
  ASSERT_TRUE(imported.ok()) << imported.error().message;
  EXPECT_TRUE(imported->imported);
  EXPECT_EQ(imported->rows, 2);
  auto after = testing_->GetCollection(clinician_, cup.collection.meta.id);
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after->collection.outcome, "negative");
  EXPECT_EQ(after->interpretations[0].status, "not_confirmed");  // THC 9 < 15
  ASSERT_TRUE(after->event.has_value());
  EXPECT_EQ(after->event->status, "withdrawn");
  EXPECT_EQ(after->validity.status, "valid");
  std::vector<std::string> codes;
  for (const auto& b : after->billing) codes.push_back(b.code);
  EXPECT_EQ(codes, (std::vector<std::string>{"80305", "G0480"}));
  auto twice = testing_->ImportLab(clinician_, good, false);
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.error().code, ErrorCode::kConflict);
  auto dry_twice = testing_->ImportLab(clinician_, good, true);
  ASSERT_TRUE(dry_twice.ok());
  EXPECT_TRUE(dry_twice->duplicate);
}

TEST_P(TestingServiceTest, TheChartShowsEachTestAndTheShareNegativeByWeek) {
  auto c1 = Collect(ana_);
  ASSERT_TRUE(CupResult(c1.collection.meta.id, {Cup("cocaine", "negative"), Cup("thc", "negative")}).ok());
  AdvanceDays(2);
  PositiveCup(ana_);
  AdvanceDays(7);
  auto c3 = Collect(ana_);
  ASSERT_TRUE(CupResult(c3.collection.meta.id, {Cup("cocaine", "negative")}).ok());
  auto tests = testing_->TestsOfClient(clinician_, ana_);
  ASSERT_TRUE(tests.ok()) << tests.error().message;
  ASSERT_EQ(tests->items.size(), 3u);
  EXPECT_EQ(tests->items[0].collection->collection.meta.id, c3.collection.meta.id);  // newest first
  ASSERT_EQ(tests->weeks.size(), 2u);
  EXPECT_NEAR(*tests->weeks[0].share_negative, 0.5, 1e-9);
  EXPECT_NEAR(*tests->weeks[1].share_negative, 1.0, 1e-9);
  // Validity out of range: a temperature of 89 °F marks the specimen invalid.
  CollectionDraft cold;
  cold.panel_code = "cup12";
  cold.temperature_f = 89;
  auto cc = testing_->Collect(clinician_, ana_, cold);
  ASSERT_TRUE(cc.ok());
  EXPECT_EQ(cc->collection.temperature_in_range, false);
  EXPECT_EQ(cc->validity.status, "invalid");
}

STORE_TEST_P(TestingServiceTest);

}  // namespace
}  // namespace stepwise::testing
