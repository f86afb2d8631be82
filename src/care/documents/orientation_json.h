// The orientation checklist as JSON: the compiled-in defaults (config/orientation.json) and the JSON form
// of a checklist and of a client's orientation status.
#pragma once

#include <boost/json/object.hpp>
#include <string_view>
#include <vector>

#include "care/documents/orientation_model.h"
#include "platform/base/result.h"

namespace stepwise::documents {

// Parses {"items":[{"code","label","required","document_kind"?}, …]}; errors name the JSON path.
Result<std::vector<ChecklistItem>> ParseChecklistText(std::string_view text);
// config/orientation.json as compiled in (parsed once; a malformed file is a build-time bug caught by tests).
const std::vector<ChecklistItem>& DefaultChecklistItems();

boost::json::object ChecklistItemJson(const ChecklistItem& item);
boost::json::object OrientationStatusJson(const OrientationStatus& status);

}  // namespace stepwise::documents
