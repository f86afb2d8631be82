// The JSON forms of a scoring and a recommendation: what the API sends and what the store keeps beside the
// item answers and dimension ratings (ADR 0010). Boost.JSON; shared by the services (to store) and the
// routes (to send).
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "care/assessment/instrument_model.h"
#include "care/assessment/level_of_care.h"

namespace stepwise::assessment {

// {complete, missing, total|null, band_code, band_label, scales, flags, items}
boost::json::object ScoringJson(const Scoring& s);
// {level, level_label, iop_excluded, from_floor, trace:[{rule, reason, needs_level, needs_label, fired,
// decisive}], policy_name, edition}
boost::json::object RecommendationJson(const Recommendation& r);

std::string ToText(const boost::json::value& v);
// Parses stored JSON text; `fallback` when empty or not JSON.
boost::json::value FromText(std::string_view text, boost::json::value fallback = nullptr);

}  // namespace stepwise::assessment

namespace stepwise::assessment {

// Section changes: section code -> the section's JSON object as text, or nullopt to clear it.
using SectionChanges = std::map<std::string, std::optional<std::string>>;
// Applies section changes to the stored sections object (JSON text); each given section replaces the stored
// one whole.
std::string MergeSections(std::string_view stored, const SectionChanges& changes);

}  // namespace stepwise::assessment
