// The demo program's Part 2 consents: a TPO consent, a family consent expiring soon (with one disclosure on
// record), a revoked employer consent and a draft referral consent, for the first clients in treatment.
// Part of CreateDemo (demo.h).
#pragma once

#include <vector>

#include "app/composition.h"
#include "platform/base/dates.h"

namespace stepwise::app {

Status SeedConsents(Services& svc, const Actor& system, Date today, const std::vector<admissions::Episode>& episodes);

}  // namespace stepwise::app
