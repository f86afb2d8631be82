// The demo program's medications: MOUD and psychiatric medications for clients in treatment (one stopped
// benzodiazepine), prescriber referrals at every status and four weeks of adherence check-ins, one
// client's repeated missed doses opening an adherence task. Part of CreateDemo (demo.h).
#pragma once

#include <vector>

#include "app/composition.h"

namespace stepwise::app {

Status SeedMedications(Services& svc, const Actor& system, Date today, const std::vector<admissions::Episode>& episodes);

}  // namespace stepwise::app
