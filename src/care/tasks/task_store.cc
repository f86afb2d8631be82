#include "care/tasks/task_store.h"

#include "platform/db/records.h"

namespace stepwise::tasks::task_store {
namespace {

const std::string kColumns =
    std::string(db::kMetaColumns) +
    ", client_id, assignee_staff_id, assignee_role, kind, title, detail, source_type, source_id, due_on, status, "
    "completed_at, completed_by, outcome";

Task Read(const db::Row& row) {
  Task t;
  t.meta = db::ReadMeta(row, 0);
  std::size_t i = 7;
  t.client_id = row.Text(i++);
  t.assignee_staff_id = row.Text(i++);
  t.assignee_role = row.Text(i++);
  t.kind = row.Text(i++);
  t.title = row.Text(i++);
  t.detail = row.Text(i++);
  t.source_type = row.Text(i++);
  t.source_id = row.Text(i++);
  t.due_on = ParseDate(row.Text(i++));
  t.status = row.Text(i++);
  t.completed_at = row.Text(i++);
  t.completed_by = row.Text(i++);
  t.outcome = row.Text(i++);
  return t;
}

// Open tasks first (soonest due, then oldest), then closed ones newest first.
constexpr const char* kOrder =
    " ORDER BY CASE WHEN status = 'open' THEN 0 ELSE 1 END, "
    "CASE WHEN status = 'open' THEN COALESCE(due_on, '9999-12-31') ELSE '' END, "
    "CASE WHEN status = 'open' THEN created_at ELSE '' END, updated_at DESC, id";

}  // namespace

Status Insert(db::Transaction& tx, const Task& t) {
  SW_TRY(tx.Execute(
      "INSERT INTO tasks (id, org_id, client_id, assignee_staff_id, assignee_role, kind, title, detail, source_type, "
      "source_id, due_on, status, version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {t.meta.id, t.meta.org_id, db::OptText(t.client_id), db::OptText(t.assignee_staff_id),
       db::OptText(t.assignee_role), t.kind, t.title, db::OptText(t.detail), db::OptText(t.source_type),
       db::OptText(t.source_id), t.due_on ? db::Param(FormatDate(*t.due_on)) : db::Param(nullptr), t.status,
       t.meta.version, t.meta.created_at, t.meta.updated_at}));
  return Ok();
}

Result<std::optional<Task>> Get(db::Transaction& tx, const std::string& org_id, const std::string& id) {
  return db::ReadOne<Task>(tx, "SELECT " + kColumns + " FROM tasks WHERE org_id = ? AND id = ?", {org_id, id}, Read);
}

Result<std::optional<Task>> OpenBySource(db::Transaction& tx, const std::string& org_id, const std::string& kind,
                                         const std::string& source_type, const std::string& source_id) {
  return db::ReadOne<Task>(tx,
                           "SELECT " + kColumns +
                               " FROM tasks WHERE org_id = ? AND kind = ? AND source_type = ? AND source_id = ? "
                               "AND status = 'open' AND voided = 0 ORDER BY created_at LIMIT 1",
                           {org_id, kind, source_type, source_id}, Read);
}

Result<std::vector<Task>> ForStaffOrRoles(db::Transaction& tx, const std::string& org_id, const std::string& staff_id,
                                          bool open_only) {
  return db::ReadAll<Task>(tx,
                           "SELECT " + kColumns +
                               " FROM tasks WHERE org_id = ? AND voided = 0 AND (assignee_staff_id = ? OR "
                               "(assignee_staff_id IS NULL AND assignee_role IS NOT NULL))" +
                               (open_only ? std::string(" AND status = 'open'") : std::string()) + kOrder,
                           {org_id, staff_id}, Read);
}

Result<std::vector<Task>> OfClient(db::Transaction& tx, const std::string& org_id, const std::string& client_id,
                                   bool open_only) {
  return db::ReadAll<Task>(tx,
                           "SELECT " + kColumns + " FROM tasks WHERE org_id = ? AND client_id = ? AND voided = 0" +
                               (open_only ? std::string(" AND status = 'open'") : std::string()) + kOrder,
                           {org_id, client_id}, Read);
}

Status Update(db::Transaction& tx, const Task& t, std::int64_t expected, const std::string& now) {
  return db::UpdateVersioned(tx, "tasks", t.meta.org_id, t.meta.id, expected,
                             "status = ?, assignee_staff_id = ?, assignee_role = ?, completed_at = ?, "
                             "completed_by = ?, outcome = ?",
                             {t.status, db::OptText(t.assignee_staff_id), db::OptText(t.assignee_role),
                              db::OptText(t.completed_at), db::OptText(t.completed_by), db::OptText(t.outcome)},
                             now);
}

}  // namespace stepwise::tasks::task_store
