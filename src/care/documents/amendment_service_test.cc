// Amendment requests on both engines: recorded with a due date, decided once, audited, in the client's
// access only; the record they are about is not touched.
#include "care/documents/amendment_service.h"

#include <gtest/gtest.h>

#include "care/assessment/assessment_test_support.h"
#include "platform/db/transaction_scope.h"

namespace stepwise::documents {
namespace {

class AmendmentServiceTest : public assessment::AssessmentTestBase {
 protected:
  void SetUp() override {
    AssessmentTestBase::SetUp();
    amendments_ = std::make_unique<AmendmentService>(database(), clock_, *clients_);
  }
  Amendment Draft() {
    Amendment a;
    a.client_id = client_id_;
    a.record_type = "client";
    a.record_id = client_id_;
    a.record_description = "Demographics";
    a.requested_change = "Preferred name is Mari";
    a.received_on = *ParseDate("2026-11-01");
    return a;
  }
  std::int64_t AuditCount(const std::string& action) {
    auto n = db::InTransaction(database(), db::Access::kRead, [&](db::Transaction& tx) -> Result<std::int64_t> {
      SW_ASSIGN(auto rs, tx.Query("SELECT COUNT(*) FROM audit_events WHERE resource_type = 'amendment' AND action = ?",
                                  {action}));
      return rs.rows.at(0).Int(0);
    });
    return n.ok() ? *n : -1;
  }
  std::unique_ptr<AmendmentService> amendments_;
};

TEST_P(AmendmentServiceTest, RecordsDecidesOnceAndKeepsTheTrail) {
  auto created = amendments_->Create(clinician_, Draft());
  ASSERT_TRUE(created.ok()) << created.error().message;
  EXPECT_EQ(FormatDate(created->due_on), "2026-12-31");
  EXPECT_EQ(created->status, "pending");

  auto open = amendments_->Open(clinician_);
  ASSERT_TRUE(open.ok());
  ASSERT_EQ(open->size(), 1u);
  EXPECT_EQ((*open)[0].client_name, "Maria Lopez");
  EXPECT_FALSE((*open)[0].overdue);
  auto outsider_open = amendments_->Open(outsider_);
  ASSERT_TRUE(outsider_open.ok());
  EXPECT_TRUE(outsider_open->empty());  // not in their caseload
  EXPECT_EQ(amendments_->Get(outsider_, created->meta.id).error().code, ErrorCode::kNotFound);

  auto stale = amendments_->Decide(clinician_, created->meta.id, 7, "accepted", "Mari", "");
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.error().code, ErrorCode::kFailedPrecondition);
  auto denied = amendments_->Decide(clinician_, created->meta.id, 1, "denied", "", "The information is accurate");
  ASSERT_TRUE(denied.ok()) << denied.error().message;
  EXPECT_EQ(denied->decided_by_name, "karen");
  auto statement = amendments_->AddDisagreement(clinician_, created->meta.id, 2, "I go by Mari.");
  ASSERT_TRUE(statement.ok()) << statement.error().message;

  auto list = amendments_->OfClient(nurse_, client_id_);
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ((*list)[0].status, "denied");
  EXPECT_EQ((*list)[0].denial_reason, "The information is accurate");
  EXPECT_EQ((*list)[0].disagreement, "I go by Mari.");
  EXPECT_EQ((*list)[0].decided_by, "karen");
  EXPECT_TRUE(amendments_->Open(clinician_)->empty());
  EXPECT_EQ(AuditCount("create"), 1);
  EXPECT_EQ(AuditCount("update"), 2);

  // The client record the request was about is unchanged.
  auto client = clients_->Get(clinician_, client_id_);
  ASSERT_TRUE(client.ok());
  EXPECT_EQ(client->summary.client.preferred_name, "");
}

TEST_P(AmendmentServiceTest, BadInputNamesTheFieldAndWritesNothing) {
  Amendment a = Draft();
  a.requested_change.clear();
  auto bad = amendments_->Create(clinician_, a);
  ASSERT_FALSE(bad.ok());
  ASSERT_EQ(bad.error().fields.size(), 1u);
  EXPECT_EQ(bad.error().fields[0].field, "requested_change");
  EXPECT_EQ(AuditCount("create"), 0);
  EXPECT_TRUE(amendments_->OfClient(clinician_, client_id_)->empty());
  auto outsider = amendments_->Create(outsider_, Draft());
  ASSERT_FALSE(outsider.ok());
  EXPECT_EQ(outsider.error().code, ErrorCode::kNotFound);
}

STORE_TEST_P(AmendmentServiceTest);

}  // namespace
}  // namespace stepwise::documents
