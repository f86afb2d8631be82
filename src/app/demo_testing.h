// The demo program's drug testing: the program's own testing policy, three weeks of random selections with
// every selected client collected and read (point-of-care cups), an expected buprenorphine positive for
// the client on buprenorphine, one unexpected positive at step 1 (a warning with a task for the
// counselor), a lab specimen waiting for its result and today's selection still to collect. Part of
// CreateDemo (demo.h).
#pragma once

#include <vector>

#include "app/composition.h"
#include "platform/base/dates.h"

namespace stepwise::app {

Status SeedTesting(Services& svc, const Actor& system, Date today, const std::vector<admissions::Episode>& episodes);

}  // namespace stepwise::app
