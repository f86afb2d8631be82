// HTTP for staff tasks (docs/api.md "Tasks").
#pragma once

#include "care/tasks/task_service.h"
#include "platform/http/router.h"

namespace stepwise::tasks {

void AddTaskRoutes(http::Router& router, TaskService& svc);

}  // namespace stepwise::tasks
