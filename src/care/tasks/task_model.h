// Staff tasks (ADR 0012 decision 7): follow-ups that other parts of the care pathway create for a staff
// member or a role — outreach after absences, adherence, drug-test reviews, behavioral contracts,
// discharge reviews, referral follow-ups. A task is also the notification. Pure model and rules: no I/O.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/base/dates.h"
#include "platform/base/record.h"
#include "platform/base/result.h"

namespace stepwise::tasks {

// Kinds and statuses are stored as text; never rename one once released.
const std::vector<std::string_view>& TaskKinds();
inline constexpr std::string_view kOpen = "open";
inline constexpr std::string_view kDone = "done";
inline constexpr std::string_view kCancelled = "cancelled";

struct Task {
  RecordMeta meta;
  std::string client_id;          // "" for tasks not about a client
  std::string assignee_staff_id;  // "" → the role queue
  std::string assignee_role;      // whoever holds this role (e.g. "program_director")
  std::string kind;
  std::string title;  // what staff see in lists; no clinical detail (it may sit on a shared screen)
  std::string detail;
  std::string source_type, source_id;  // what created it; open tasks are unique per (kind, source)
  std::optional<Date> due_on;
  std::string status = std::string(kOpen);
  std::string completed_at, completed_by, outcome;
};

// A new task names a kind, a title (≤ 200) and an assignee (staff or role); detail ≤ 4000.
void CheckNewTask(const Task& t, FieldErrors& errors);
bool IsOverdue(const Task& t, Date today);
// Closing: only an open task; completing needs no outcome, cancelling needs a reason (field "reason").
Status Close(Task& t, std::string_view status, std::string outcome, const std::string& now, const std::string& user_id);
// True when the task is for this staff member or one of these roles (comma-separated, as Actor::role).
bool IsAssignedTo(const Task& t, std::string_view staff_id, std::string_view roles);

}  // namespace stepwise::tasks
