#include "care/tasks/task_service.h"

#include "care/admissions/client_store.h"
#include "care/program/program_service.h"
#include "care/program/staff_store.h"
#include "care/tasks/task_store.h"
#include "platform/base/uuid.h"
#include "platform/db/records.h"
#include "platform/db/transaction_scope.h"

namespace stepwise::tasks {
namespace {

constexpr const char* kCategory = "tasks";
using db::Access;
using db::Transaction;

Status Audit(Transaction& tx, const Actor& actor, const char* action, const Task& t, const std::string& now,
             const std::string& reason = "") {
  return audit::Append(tx, actor,
                       {.action = action,
                        .resource_type = "task",
                        .resource_id = t.meta.id,
                        .client_id = t.client_id,
                        .data_category = kCategory,
                        .reason = reason},
                       now);
}

}  // namespace

Result<Task> CreateIn(Transaction& tx, const Actor& actor, Task draft, const std::string& now) {
  FieldErrors errors;
  CheckNewTask(draft, errors);
  if (!errors.empty()) return errors.ToError();
  if (!draft.source_type.empty()) {
    SW_ASSIGN(auto existing, task_store::OpenBySource(tx, actor.org_id, draft.kind, draft.source_type, draft.source_id));
    if (existing) return *existing;
  }
  Task t = std::move(draft);
  const auto at = ParseTimestamp(now);
  t.meta = {NewUuidV7(at.value_or(TimePoint{})), actor.org_id, 1, false, "", now, now};
  t.status = std::string(kOpen);
  t.completed_at.clear();
  t.completed_by.clear();
  t.outcome.clear();
  SW_TRY(task_store::Insert(tx, t));
  SW_TRY(Audit(tx, actor, "create", t, now, t.kind));
  return t;
}

Result<std::vector<Task>> OpenOfClientIn(Transaction& tx, const std::string& org_id, const std::string& client_id) {
  return task_store::OfClient(tx, org_id, client_id, true);
}

Date TaskService::Today() const { return UtcDate(clock_.Now()); }

Status TaskService::RecordRead(const Actor& actor, const audit::Event& event) const {
  if (!read_log_) return Ok();
  return read_log_->Record(actor, event);
}

// A task is the actor's when it is assigned to them; otherwise they need access to its client.
Status TaskService::CheckTaskAccess(Transaction& tx, const Actor& actor, const Task& t) {
  if (IsAssignedTo(t, actor.staff_id, actor.role)) return Ok();
  if (!t.client_id.empty() && clients_.CheckAccessIn(tx, actor, t.client_id).ok()) return Ok();
  return Error::NotFound("no such task");
}

Result<TaskView> TaskService::View(Transaction& tx, const Actor& actor, Task t) {
  TaskView v{.task = std::move(t)};
  v.overdue = IsOverdue(v.task, Today());
  if (!v.task.client_id.empty() && clients_.CheckAccessIn(tx, actor, v.task.client_id).ok()) {
    SW_ASSIGN(auto client, admissions::ClientStore::Get(tx, actor.org_id, v.task.client_id));
    if (client) v.client_name = admissions::DisplayName(*client);
  }
  return v;
}

Result<std::vector<TaskView>> TaskService::Mine(const Actor& actor, bool all) {
  SW_TRY(program::RequireOrganization(actor));
  auto list = db::InTransaction(db_, Access::kRead, [&](Transaction& tx) -> Result<std::vector<TaskView>> {
    SW_ASSIGN(auto tasks, task_store::ForStaffOrRoles(tx, actor.org_id, actor.staff_id, !all));
    std::vector<TaskView> out;
    for (auto& t : tasks) {
      if (!IsAssignedTo(t, actor.staff_id, actor.role)) continue;
      SW_ASSIGN(auto v, View(tx, actor, std::move(t)));
      out.push_back(std::move(v));
    }
    return out;
  });
  if (!list.ok()) return list;
  SW_TRY(RecordRead(actor, {.action = "query", .resource_type = "task", .data_category = kCategory,
                            .reason = "my tasks"}));
  return list;
}

Result<std::vector<TaskView>> TaskService::OfClient(const Actor& actor, const std::string& client_id, bool all) {
  SW_TRY(program::RequireOrganization(actor));
  auto list = db::InTransaction(db_, Access::kRead, [&](Transaction& tx) -> Result<std::vector<TaskView>> {
    SW_TRY(db::Found(admissions::ClientStore::Get(tx, actor.org_id, client_id), "client"));
    SW_TRY(clients_.CheckAccessIn(tx, actor, client_id));
    SW_ASSIGN(auto tasks, task_store::OfClient(tx, actor.org_id, client_id, !all));
    std::vector<TaskView> out;
    for (auto& t : tasks) {
      SW_ASSIGN(auto v, View(tx, actor, std::move(t)));
      out.push_back(std::move(v));
    }
    return out;
  });
  audit::Event read{.action = "query", .resource_type = "task", .client_id = client_id, .data_category = kCategory};
  if (!list.ok()) {
    if (list.error().code != ErrorCode::kNotFound) return list;
    read.outcome = "denied";
  }
  SW_TRY(RecordRead(actor, read));
  return list;
}

Result<TaskView> TaskService::Get(const Actor& actor, const std::string& id) {
  SW_TRY(program::RequireOrganization(actor));
  auto found = db::InTransaction(db_, Access::kRead, [&](Transaction& tx) -> Result<TaskView> {
    SW_ASSIGN(auto t, db::Found(task_store::Get(tx, actor.org_id, id), "task"));
    SW_TRY(CheckTaskAccess(tx, actor, t));
    return View(tx, actor, std::move(t));
  });
  audit::Event read{.action = "read", .resource_type = "task", .resource_id = id, .data_category = kCategory};
  if (found.ok()) read.client_id = found->task.client_id;
  if (!found.ok()) {
    if (found.error().code != ErrorCode::kNotFound) return found;
    read.outcome = "denied";
  }
  SW_TRY(RecordRead(actor, read));
  return found;
}

template <typename F>
Result<TaskView> TaskService::Change(const Actor& actor, const std::string& id, std::int64_t expected, const char* what,
                                     F&& f) {
  SW_TRY(program::RequireOrganization(actor));
  return db::InTransaction(db_, Access::kWrite, [&](Transaction& tx) -> Result<TaskView> {
    SW_ASSIGN(auto t, db::Found(task_store::Get(tx, actor.org_id, id), "task"));
    SW_TRY(CheckTaskAccess(tx, actor, t));
    if (t.meta.voided) return Error::Conflict("the task is void");
    if (t.meta.version != expected) return Error::StaleVersion();
    const std::string now = FormatTimestamp(clock_.Now());
    SW_TRY(f(tx, t, now));
    SW_TRY(task_store::Update(tx, t, expected, now));
    SW_TRY(Audit(tx, actor, "update", t, now, what));
    t.meta.version = expected + 1;
    t.meta.updated_at = now;
    return View(tx, actor, std::move(t));
  });
}

Result<TaskView> TaskService::Complete(const Actor& actor, const std::string& id, std::int64_t expected,
                                       std::string outcome) {
  return Change(actor, id, expected, "completed", [&](Transaction&, Task& t, const std::string& now) {
    return Close(t, kDone, std::move(outcome), now, actor.user_id);
  });
}

Result<TaskView> TaskService::Cancel(const Actor& actor, const std::string& id, std::int64_t expected,
                                     std::string reason) {
  return Change(actor, id, expected, "cancelled", [&](Transaction&, Task& t, const std::string& now) {
    return Close(t, kCancelled, std::move(reason), now, actor.user_id);
  });
}

Result<TaskView> TaskService::Reassign(const Actor& actor, const std::string& id, std::int64_t expected,
                                       const std::string& staff_id) {
  return Change(actor, id, expected, "reassigned", [&](Transaction& tx, Task& t, const std::string&) -> Status {
    if (t.status != kOpen) return Error::Conflict("the task is already " + t.status);
    SW_ASSIGN(auto staff, program::StaffStore::Get(tx, actor.org_id, staff_id));
    if (!staff) {
      FieldErrors errors;
      errors.Add("staff_id", "no such staff member");
      return errors.ToError();
    }
    t.assignee_staff_id = staff_id;
    t.assignee_role.clear();
    return Ok();
  });
}

}  // namespace stepwise::tasks
