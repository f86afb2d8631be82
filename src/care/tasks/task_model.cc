#include "care/tasks/task_model.h"

#include <algorithm>

namespace stepwise::tasks {

const std::vector<std::string_view>& TaskKinds() {
  static const std::vector<std::string_view> kinds = {
      "outreach",   "adherence",          "drug_test_review", "behavioral_contract", "discharge_review",
      "referral_follow_up", "note_overdue", "other"};
  return kinds;
}

void CheckNewTask(const Task& t, FieldErrors& errors) {
  const auto& kinds = TaskKinds();
  if (std::find(kinds.begin(), kinds.end(), t.kind) == kinds.end()) errors.Add("kind", "unknown task kind");
  if (t.title.empty()) errors.Add("title", "required");
  if (t.title.size() > 200) errors.Add("title", "at most 200 characters");
  if (t.detail.size() > 4000) errors.Add("detail", "at most 4000 characters");
  if (t.assignee_staff_id.empty() && t.assignee_role.empty()) {
    errors.Add("assignee_staff_id", "a task needs a staff member or a role to go to");
  }
}

bool IsOverdue(const Task& t, Date today) {
  return t.status == kOpen && t.due_on && std::chrono::sys_days(*t.due_on) < std::chrono::sys_days(today);
}

Status Close(Task& t, std::string_view status, std::string outcome, const std::string& now, const std::string& user_id) {
  if (t.status != kOpen) return Error::Conflict("the task is already " + t.status);
  if (status == kCancelled && outcome.empty()) {
    FieldErrors errors;
    errors.Add("reason", "say why the task is cancelled");
    return errors.ToError();
  }
  if (outcome.size() > 4000) {
    FieldErrors errors;
    errors.Add(status == kCancelled ? "reason" : "outcome", "at most 4000 characters");
    return errors.ToError();
  }
  t.status = std::string(status);
  t.outcome = std::move(outcome);
  t.completed_at = now;
  t.completed_by = user_id;
  return Ok();
}

bool IsAssignedTo(const Task& t, std::string_view staff_id, std::string_view roles) {
  if (!t.assignee_staff_id.empty()) return !staff_id.empty() && t.assignee_staff_id == staff_id;
  std::size_t start = 0;
  while (start <= roles.size()) {
    const auto end = std::min(roles.find(',', start), roles.size());
    if (roles.substr(start, end - start) == t.assignee_role) return true;
    start = end + 1;
  }
  return false;
}

}  // namespace stepwise::tasks
