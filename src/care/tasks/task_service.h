// Staff tasks as use cases (ADR 0012 decision 7). Other services create tasks with CreateIn inside their
// own write transaction (de-duplicated by kind and source, so a repeated trigger never piles up copies);
// staff see theirs (assigned to their staff record or one of their roles), a client's tasks on the chart,
// and complete, cancel or reassign them. Client access as ClientService; writes audited in their
// transaction (category "tasks"), reads through the ReadLog.
#pragma once

#include <string>
#include <vector>

#include "care/admissions/client_service.h"
#include "care/tasks/task_model.h"
#include "platform/audit/audit_log.h"
#include "platform/base/clock.h"
#include "platform/db/database.h"
#include "platform/security/actor.h"

namespace stepwise::tasks {

// Inside the caller's write transaction: the open task with the same (kind, source_type, source_id) if one
// exists, unchanged; otherwise a new open task (org from the actor), audited. Bad drafts → field errors.
Result<Task> CreateIn(db::Transaction& tx, const Actor& actor, Task draft, const std::string& now);
// Open tasks of a client, soonest due first.
Result<std::vector<Task>> OpenOfClientIn(db::Transaction& tx, const std::string& org_id, const std::string& client_id);

struct TaskView {
  Task task;
  std::string client_name;  // "" when not about a client (or the client is outside the actor's access)
  bool overdue = false;
};

class TaskService {
 public:
  TaskService(db::Database& db, const Clock& clock, admissions::ClientService& clients)
      : db_(db), clock_(clock), clients_(clients) {}
  void SetReadLog(audit::ReadLog* log) { read_log_ = log; }

  // Tasks for the actor's staff record or one of their roles; open only unless `all`.
  Result<std::vector<TaskView>> Mine(const Actor& actor, bool all = false);
  Result<std::vector<TaskView>> OfClient(const Actor& actor, const std::string& client_id, bool all = false);
  Result<TaskView> Get(const Actor& actor, const std::string& id);
  Result<TaskView> Complete(const Actor& actor, const std::string& id, std::int64_t expected, std::string outcome);
  Result<TaskView> Cancel(const Actor& actor, const std::string& id, std::int64_t expected, std::string reason);
  Result<TaskView> Reassign(const Actor& actor, const std::string& id, std::int64_t expected,
                            const std::string& staff_id);
  Date Today() const;

 private:
  template <typename F>
  Result<TaskView> Change(const Actor& actor, const std::string& id, std::int64_t expected, const char* what, F&& f);
  Status CheckTaskAccess(db::Transaction& tx, const Actor& actor, const Task& t);
  Result<TaskView> View(db::Transaction& tx, const Actor& actor, Task t);
  Status RecordRead(const Actor& actor, const audit::Event& event) const;

  db::Database& db_;
  const Clock& clock_;
  admissions::ClientService& clients_;
  audit::ReadLog* read_log_ = nullptr;
};

}  // namespace stepwise::tasks
