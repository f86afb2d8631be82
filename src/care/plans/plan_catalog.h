// The treatment-plan settings as JSON: config/treatment_plans.json compiled in, `--treatment-plans FILE`
// in its place, and a program's own catalog (interventions and intensity checks) stored in the database
// over the installation's settings. Errors name the JSON path ("interventions[3].staff").
// Thread-safety: plain functions; Builtin() is built once and safe to share.
#pragma once

#include <boost/json/object.hpp>
#include <string>
#include <string_view>

#include "care/plans/plan_model.h"
#include "platform/base/result.h"

namespace stepwise::plans {

// config/treatment_plans.json as compiled in (a bug if it does not parse; tests guard it).
const PlanSettings& BuiltinSettings();
// Parses a whole settings file; every key but "_about" must be known.
Result<PlanSettings> ParseSettings(std::string_view json_text);
// A program's catalog: {"interventions": [...], "intensity_checks": [...]}, either part optional; the
// parts it has replace those of `base`.
Result<PlanSettings> WithProgramCatalog(const PlanSettings& base, std::string_view json_text);
// Checks a program catalog sent as JSON (PUT …/plan-catalog) and returns it normalized as text.
Result<std::string> NormalizeProgramCatalog(const boost::json::object& catalog);

// The catalog part of settings as JSON ({"interventions", "intensity_checks"}) and the whole settings.
boost::json::object CatalogJson(const PlanSettings& s);
boost::json::object SettingsJson(const PlanSettings& s);

}  // namespace stepwise::plans
