// The demo program's treatment plans: active, signed plans for the clients in treatment (a licensed
// supervisor co-signs for the counselor who is not licensed), recent reviews for the older ones, one plan due
// for review within the week, one draft, and one client still waiting for an initial plan. Part of
// CreateDemo (demo.h).
#pragma once

#include <vector>

#include "app/composition.h"
#include "platform/base/dates.h"

namespace stepwise::app {

Status SeedPlans(Services& svc, const Actor& system, Date today, const std::vector<admissions::Episode>& episodes,
                 const std::vector<program::Staff>& staff);

}  // namespace stepwise::app
