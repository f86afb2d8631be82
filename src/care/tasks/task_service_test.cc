// Staff tasks on both engines: created inside another service's transaction, de-duplicated by source,
// visible to their assignee (staff or role) and to those who may open the client, closed once, audited.
#include "care/tasks/task_service.h"

#include <gtest/gtest.h>

#include "care/assessment/assessment_test_support.h"
#include "platform/db/transaction_scope.h"

namespace stepwise::tasks {
namespace {

class TaskServiceTest : public assessment::AssessmentTestBase {
 protected:
  void SetUp() override {
    AssessmentTestBase::SetUp();
    tasks_ = std::make_unique<TaskService>(database(), clock_, *clients_);
    for (Actor* a : {&clinician_, &nurse_, &outsider_}) a->role = "counselor";
  }
  Task Outreach(const std::string& source_id) {
    Task t;
    t.client_id = client_id_;
    t.assignee_staff_id = karen_;
    t.kind = "outreach";
    t.title = "Reach out: 2 absences in a row";
    t.source_type = "attendance";
    t.source_id = source_id;
    t.due_on = ParseDate("2026-11-25");
    return t;
  }
  Result<Task> Create(Task t) {
    return db::InTransaction(database(), db::Access::kWrite, [&](db::Transaction& tx) {
      return CreateIn(tx, clinician_, std::move(t), "2026-11-23T10:00:00.000Z");
    });
  }
  std::int64_t Count(const char* sql) {
    auto n = db::InTransaction(database(), db::Access::kRead, [&](db::Transaction& tx) -> Result<std::int64_t> {
      SW_ASSIGN(auto rs, tx.Query(sql));
      return rs.rows.at(0).Int(0);
    });
    return n.ok() ? *n : -1;
  }
  std::unique_ptr<TaskService> tasks_;
};

TEST_P(TaskServiceTest, CreatedOncePerSourceAndClosedOnce) {
  auto first = Create(Outreach("week-47"));
  ASSERT_TRUE(first.ok()) << first.error().message;
  auto again = Create(Outreach("week-47"));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->meta.id, first->meta.id);  // the same trigger does not pile up tasks
  auto other = Create(Outreach("week-48"));
  ASSERT_TRUE(other.ok());
  EXPECT_NE(other->meta.id, first->meta.id);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM tasks"), 2);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_events WHERE resource_type = 'task' AND action = 'create'"), 2);

  auto mine = tasks_->Mine(clinician_);
  ASSERT_TRUE(mine.ok());
  ASSERT_EQ(mine->size(), 2u);
  EXPECT_EQ((*mine)[0].client_name, "Maria Lopez");
  EXPECT_TRUE(tasks_->Mine(outsider_)->empty());  // assigned to Karen, not Tom
  EXPECT_EQ(tasks_->Get(outsider_, first->meta.id).error().code, ErrorCode::kNotFound);
  auto of_client = tasks_->OfClient(nurse_, client_id_);
  ASSERT_TRUE(of_client.ok());
  EXPECT_EQ(of_client->size(), 2u);

  auto stale = tasks_->Complete(clinician_, first->meta.id, 9, "Called");
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.error().code, ErrorCode::kFailedPrecondition);
  auto done = tasks_->Complete(clinician_, first->meta.id, 1, "Called; back on Thursday");
  ASSERT_TRUE(done.ok()) << done.error().message;
  EXPECT_EQ(done->task.status, "done");
  EXPECT_EQ(done->task.completed_by, "karen");
  auto twice = tasks_->Complete(clinician_, first->meta.id, 2, "Again");
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.error().code, ErrorCode::kConflict);
  EXPECT_EQ(tasks_->Mine(clinician_)->size(), 1u);
  EXPECT_EQ(tasks_->Mine(clinician_, true)->size(), 2u);

  // Once the first is done, the same trigger opens a new task.
  auto reopened = Create(Outreach("week-47"));
  ASSERT_TRUE(reopened.ok());
  EXPECT_NE(reopened->meta.id, first->meta.id);
}

TEST_P(TaskServiceTest, RoleQueuesCancelAndReassign) {
  Task review = Outreach("result-1");
  review.kind = "discharge_review";
  review.title = "Discharge review";
  review.assignee_staff_id.clear();
  review.assignee_role = "program_director";
  auto created = Create(review);
  ASSERT_TRUE(created.ok()) << created.error().message;
  Actor director = outsider_;
  director.role = "counselor,program_director";
  director.client_scope = ClientScope::kProgram;
  auto queue = tasks_->Mine(director);
  ASSERT_TRUE(queue.ok());
  ASSERT_EQ(queue->size(), 1u);
  EXPECT_TRUE(tasks_->Mine(clinician_)->empty());

  auto no_reason = tasks_->Cancel(director, created->meta.id, 1, "");
  ASSERT_FALSE(no_reason.ok());
  EXPECT_EQ(Fields(no_reason.error()), std::vector<std::string>{"reason"});
  auto unknown = tasks_->Reassign(director, created->meta.id, 1, "nobody");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(Fields(unknown.error()), std::vector<std::string>{"staff_id"});
  auto moved = tasks_->Reassign(director, created->meta.id, 1, julia_);
  ASSERT_TRUE(moved.ok()) << moved.error().message;
  EXPECT_EQ(moved->task.assignee_staff_id, julia_);
  EXPECT_EQ(tasks_->Mine(nurse_)->size(), 1u);
  auto cancelled = tasks_->Cancel(nurse_, created->meta.id, 2, "Client discharged");
  ASSERT_TRUE(cancelled.ok()) << cancelled.error().message;
  EXPECT_EQ(cancelled->task.status, "cancelled");
}

TEST_P(TaskServiceTest, BadDraftsNameTheField) {
  Task t = Outreach("x");
  t.kind = "laundry";
  t.title.clear();
  t.assignee_staff_id.clear();
  auto bad = Create(t);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(Fields(bad.error()), (std::vector<std::string>{"kind", "title", "assignee_staff_id"}));
  EXPECT_EQ(Count("SELECT COUNT(*) FROM tasks"), 0);
}

STORE_TEST_P(TaskServiceTest);

}  // namespace
}  // namespace stepwise::tasks
