// The demo program's assessment records: the on-call list, PHQ-9 and GAD-7 every two weeks for clients in
// treatment (for the chart's trends), one open safety alert, one completed initial assessment with its
// ratings and decision, and one assessment in progress. Part of CreateDemo (demo.h).
#pragma once

#include <vector>

#include "app/composition.h"
#include "platform/base/dates.h"

namespace stepwise::app {

Status SeedAssessments(Services& svc, const Actor& system, Date today, const program::Program& iop,
                       const std::vector<admissions::Episode>& episodes, const std::vector<program::Staff>& staff);

}  // namespace stepwise::app
