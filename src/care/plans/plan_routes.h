// HTTP endpoints of treatment plans (docs/api.md "Treatment plans").
#pragma once

#include "care/plans/plan_service.h"
#include "platform/http/router.h"

namespace stepwise::plans {

// Plans, versions (edit, sign, diff, preview, PDF), reviews, the plans-due list, the installation's plan
// settings and each program's catalog.
void AddPlanRoutes(http::Router& router, PlanService& plans);

}  // namespace stepwise::plans
