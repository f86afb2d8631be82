// Medications, referrals and adherence on both engines: writes audited, bad input names the field and
// writes nothing, referral follow-up tasks open and close with the status, repeated non-adherence opens
// one adherence task for the counselor, ExpectedAnalytesIn follows starts and stops, access by caseload.
#include "care/medications/medication_service.h"

#include <gtest/gtest.h>

#include "care/assessment/assessment_test_support.h"
#include "care/medications/medication_settings.h"
#include "care/tasks/task_store.h"
#include "platform/db/transaction_scope.h"

namespace stepwise::medications {
namespace {

class MedicationServiceTest : public assessment::AssessmentTestBase {
 protected:
  void SetUp() override {
    AssessmentTestBase::SetUp();
    meds_ = std::make_unique<MedicationService>(database(), clock_, *clients_, BuiltinSettings());
  }
  Medication Draft(const char* name, const char* mat_kind = "") {
    Medication m;
    m.client_id = client_id_;
    m.name = name;
    m.mat_kind = mat_kind;
    m.category = std::string(mat_kind).empty() ? "psychiatric" : "addiction";
    m.dose = "8 mg";
    m.route = "sublingual";
    m.frequency = "once daily";
    m.prescriber = "Dr. Reyes";
    m.source = "prescriber";
    m.start_on = *ParseDate("2026-10-01");
    return m;
  }
  Checkin Check(const char* on, bool taken, int missed = 0) {
    Checkin c;
    c.client_id = client_id_;
    c.checked_on = *ParseDate(on);
    c.taken_as_prescribed = taken;
    c.missed_doses = missed;
    c.craving = 3;
    return c;
  }
  std::int64_t Count(const std::string& sql, std::vector<db::Param> params = {}) {
    auto n = db::InTransaction(database(), db::Access::kRead, [&](db::Transaction& tx) -> Result<std::int64_t> {
      SW_ASSIGN(auto rs, tx.Query(sql, std::span<const db::Param>(params)));
      return rs.rows.at(0).Int(0);
    });
    return n.ok() ? *n : -1;
  }
  std::vector<tasks::Task> Tasks(bool open_only) {
    auto list = db::InTransaction(database(), db::Access::kRead, [&](db::Transaction& tx) {
      return tasks::task_store::OfClient(tx, admin_.org_id, client_id_, open_only);
    });
    EXPECT_TRUE(list.ok());
    return list.ok() ? *list : std::vector<tasks::Task>{};
  }
  std::set<std::string> Expected(const char* on) {
    auto got = db::InTransaction(database(), db::Access::kRead, [&](db::Transaction& tx) {
      return ExpectedAnalytesIn(tx, admin_.org_id, client_id_, *ParseDate(on));
    });
    EXPECT_TRUE(got.ok());
    return got.ok() ? *got : std::set<std::string>{};
  }
  std::unique_ptr<MedicationService> meds_;
};

TEST_P(MedicationServiceTest, ListStopAndExpectedAnalytes) {
  auto bup = meds_->Add(clinician_, Draft("Buprenorphine/naloxone film", "buprenorphine"));
  ASSERT_TRUE(bup.ok()) << bup.error().message;
  auto benzo = meds_->Add(clinician_, Draft("Clonazepam"));
  ASSERT_TRUE(benzo.ok()) << benzo.error().message;
  EXPECT_EQ(Expected("2026-11-01"), (std::set<std::string>{"benzodiazepines", "buprenorphine", "norbuprenorphine"}));

  auto stale = meds_->Stop(clinician_, benzo->meta.id, 5, *ParseDate("2026-10-20"), "tapered off");
  EXPECT_EQ(stale.error().code, ErrorCode::kFailedPrecondition);
  auto stopped = meds_->Stop(clinician_, benzo->meta.id, 1, *ParseDate("2026-10-20"), "tapered off");
  ASSERT_TRUE(stopped.ok()) << stopped.error().message;
  EXPECT_EQ(stopped->meta.version, 2);
  EXPECT_EQ(Expected("2026-10-20"), (std::set<std::string>{"benzodiazepines", "buprenorphine", "norbuprenorphine"}));
  EXPECT_EQ(Expected("2026-10-21"), (std::set<std::string>{"buprenorphine", "norbuprenorphine"}));
  EXPECT_TRUE(Expected("2026-09-30").empty());

  auto edited = Draft("Buprenorphine/naloxone film", "buprenorphine");
  edited.dose = "12 mg";
  edited.rxnorm_code = "1819";
  auto updated = meds_->Update(clinician_, bup->meta.id, 1, edited);
  ASSERT_TRUE(updated.ok()) << updated.error().message;
  EXPECT_EQ(updated->dose, "12 mg");

  auto list = meds_->OfClient(nurse_, client_id_);
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ((*list)[0].name, "Buprenorphine/naloxone film");  // active first
  EXPECT_EQ((*list)[0].rxnorm_code, "1819");
  EXPECT_EQ((*list)[1].stop_reason, "tapered off");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_events WHERE resource_type = 'medication' AND action = 'create'"), 2);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_events WHERE resource_type = 'medication' AND action = 'update'"), 2);

  EXPECT_EQ(meds_->OfClient(outsider_, client_id_).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(meds_->Stop(outsider_, bup->meta.id, 2, *ParseDate("2026-10-20"), "x").error().code,
            ErrorCode::kNotFound);
}

TEST_P(MedicationServiceTest, BadInputNamesTheFieldAndWritesNothing) {
  auto m = Draft("Buprenorphine", "buprenorphine");
  m.category = "psychiatric";
  m.frequency.clear();
  auto bad = meds_->Add(clinician_, m);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(Fields(bad.error()), (std::vector<std::string>{"frequency", "category"}));
  EXPECT_EQ(Count("SELECT COUNT(*) FROM medications"), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_events WHERE resource_type = 'medication'"), 0);

  auto c = Check("2026-11-01", true);
  c.medication_id = "0190a0b0-0000-7000-8000-000000000000";
  auto bad_checkin = meds_->CheckIn(clinician_, c);
  ASSERT_FALSE(bad_checkin.ok());
  EXPECT_EQ(Fields(bad_checkin.error()), (std::vector<std::string>{"medication_id"}));
  EXPECT_EQ(Count("SELECT COUNT(*) FROM adherence_checkins"), 0);
}

TEST_P(MedicationServiceTest, ReferralFollowUpTasksFollowTheStatus) {
  Referral r;
  r.client_id = client_id_;
  r.provider_name = "Lakeside Family Medicine";
  r.reason = "Evaluation for medication for opioid use disorder";
  r.sent_on = *ParseDate("2026-10-28");
  auto sent = meds_->Refer(clinician_, r);
  ASSERT_TRUE(sent.ok()) << sent.error().message;
  auto open = Tasks(true);
  ASSERT_EQ(open.size(), 1u);
  EXPECT_EQ(open[0].kind, "referral_follow_up");
  EXPECT_EQ(open[0].assignee_staff_id, karen_);
  EXPECT_EQ(FormatDate(*open[0].due_on), "2026-11-04");

  auto scheduled = meds_->SetReferralStatus(clinician_, sent->meta.id, 1, "scheduled", *ParseDate("2026-11-06"), "");
  ASSERT_TRUE(scheduled.ok()) << scheduled.error().message;
  open = Tasks(true);
  ASSERT_EQ(open.size(), 1u);
  EXPECT_EQ(FormatDate(*open[0].due_on), "2026-11-07");  // the day after the appointment
  EXPECT_EQ(Tasks(false).size(), 2u);

  auto back = meds_->SetReferralStatus(clinician_, sent->meta.id, 2, "scheduled", *ParseDate("2026-11-06"), "");
  EXPECT_EQ(Fields(back.error()), (std::vector<std::string>{"status"}));
  auto closed = meds_->SetReferralStatus(clinician_, sent->meta.id, 2, "closed", *ParseDate("2026-11-01"),
                                         "Client chose a different clinic");
  ASSERT_TRUE(closed.ok()) << closed.error().message;
  EXPECT_TRUE(Tasks(true).empty());
  auto list = meds_->ReferralsOf(nurse_, client_id_);
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ((*list)[0].status, "closed");
  EXPECT_EQ((*list)[0].outcome, "Client chose a different clinic");
}

TEST_P(MedicationServiceTest, RepeatedNonAdherenceOpensOneTaskForTheCounselor) {
  auto bup = meds_->Add(clinician_, Draft("Buprenorphine", "buprenorphine"));
  ASSERT_TRUE(bup.ok());
  auto first = meds_->CheckIn(clinician_, Check("2026-10-01", false, 2));
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(first->task_id, "");
  // 31 days later: the first is outside the 30-day window → no task yet.
  auto later = meds_->CheckIn(clinician_, Check("2026-11-01", false));
  ASSERT_TRUE(later.ok());
  EXPECT_EQ(later->task_id, "");
  EXPECT_TRUE(Tasks(true).empty());
  auto good = meds_->CheckIn(clinician_, Check("2026-11-02", true));
  ASSERT_TRUE(good.ok());
  auto c = Check("2026-11-02", false, 1);
  c.medication_id = bup->meta.id;
  auto second = meds_->CheckIn(clinician_, c);
  ASSERT_TRUE(second.ok()) << second.error().message;
  EXPECT_NE(second->task_id, "");
  auto third = meds_->CheckIn(clinician_, Check("2026-11-02", false));
  ASSERT_TRUE(third.ok());
  EXPECT_EQ(third->task_id, second->task_id);  // de-duplicated
  auto open = Tasks(true);
  ASSERT_EQ(open.size(), 1u);
  EXPECT_EQ(open[0].kind, "adherence");
  EXPECT_EQ(open[0].assignee_staff_id, karen_);

  auto trend = meds_->Trend(nurse_, client_id_);
  ASSERT_TRUE(trend.ok());
  ASSERT_EQ(trend->size(), 3u);
  EXPECT_EQ(FormatDate(trend->back().week_of), "2026-11-02");
  EXPECT_EQ(trend->back().checkins, 3);
  EXPECT_EQ(trend->back().as_prescribed, 1);

  auto voided = meds_->VoidCheckin(clinician_, third->checkin.meta.id, 1, "entered for the wrong client");
  ASSERT_TRUE(voided.ok()) << voided.error().message;
  EXPECT_TRUE(voided->meta.voided);
  EXPECT_EQ(meds_->Trend(nurse_, client_id_)->back().checkins, 2);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_events WHERE resource_type = 'adherence_checkin' AND action = 'create'"), 5);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_events WHERE resource_type = 'adherence_checkin' AND action = 'void'"), 1);
}

STORE_TEST_P(MedicationServiceTest);

}  // namespace
}  // namespace stepwise::medications
