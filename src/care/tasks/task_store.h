// SQL for staff tasks (migration 0011).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "care/tasks/task_model.h"
#include "platform/db/database.h"

namespace stepwise::tasks::task_store {

Status Insert(db::Transaction& tx, const Task& t);
Result<std::optional<Task>> Get(db::Transaction& tx, const std::string& org_id, const std::string& id);
// The open task of this kind for this source, if any.
Result<std::optional<Task>> OpenBySource(db::Transaction& tx, const std::string& org_id, const std::string& kind,
                                         const std::string& source_type, const std::string& source_id);
// Tasks for this staff member or any role queue (the caller filters roles), open first then newest.
Result<std::vector<Task>> ForStaffOrRoles(db::Transaction& tx, const std::string& org_id, const std::string& staff_id,
                                          bool open_only);
Result<std::vector<Task>> OfClient(db::Transaction& tx, const std::string& org_id, const std::string& client_id,
                                   bool open_only);
// Writes status, assignee and closing fields with the version check.
Status Update(db::Transaction& tx, const Task& t, std::int64_t expected, const std::string& now);

}  // namespace stepwise::tasks::task_store
