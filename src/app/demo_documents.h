// The demo program's documents and orientation: the default templates, signed paperwork for the first clients in
// treatment, and orientation in every state for the clients in orientation (one ready to finalize, one waiting
// only for the Part 2 notice, one half way, one not started). Part of CreateDemo (demo.h).
#pragma once

#include <vector>

#include "app/composition.h"

namespace stepwise::app {

Status SeedDocuments(Services& svc, const Actor& system, const std::vector<admissions::Episode>& episodes,
                     const std::vector<program::Staff>& staff);

}  // namespace stepwise::app
