// The demo program: a realistic, deterministic organization for trying Stepwise and for end-to-end
// tests. The same `today` always gives the same data.
#pragma once

#include "app/composition.h"
#include "platform/base/dates.h"

namespace stepwise::app {

struct DemoSummary {
  int staff = 0;
  int clients = 0;
};

// Fills an empty database; kConflict if an organization exists already.
Result<DemoSummary> CreateDemo(Services& services, Date today);

}  // namespace stepwise::app
