// The medication settings as JSON: config/medications.json (compiled in) — the adherence follow-up rule,
// the referral follow-up delay and the medication → expected drug-test analyte mapping.
#pragma once

#include <string_view>

#include "care/medications/medication_model.h"
#include "platform/base/result.h"

namespace stepwise::medications {

// Parses the settings; errors name the JSON path ("expected_analytes[2].analytes").
Result<Settings> ParseSettings(std::string_view text);
// config/medications.json as compiled in (a malformed file is a build bug caught by the unit tests).
const Settings& BuiltinSettings();
Result<Settings> ParseBuiltinSettings();

}  // namespace stepwise::medications
