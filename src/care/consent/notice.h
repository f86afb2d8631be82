// The §2.32 notice compiled in from config/notices/ (one file per version; the newest is used for new
// disclosures, and each disclosure records the version it carried).
#pragma once

#include "care/consent/disclosure_model.h"

namespace stepwise::consent {

// The notice to attach to disclosures now: config/notices/part2-2032-2024.txt. Aborts at start-up if the
// compiled-in file is malformed (a build error, caught by the tests).
const Notice& Part2Notice();

}  // namespace stepwise::consent
