// The drug-testing policy as JSON: config/drug_testing.json compiled in (the installation's default) and
// each program's own copy (PUT /api/v1/programs/{id}/testing-policy). Errors name the JSON path
// ("panels[0].analytes[3].screening_cutoff"); unknown keys are refused ("_about" and "note" are kept
// as comments). Thread-safety: plain functions; Builtin() is parsed once.
#pragma once

#include <boost/json/object.hpp>
#include <string>
#include <string_view>

#include "care/testing/testing_model.h"
#include "platform/base/result.h"

namespace stepwise::testing {

// config/drug_testing.json as compiled in (a bug if it does not parse; tests guard it).
const Policy& BuiltinPolicy();
Result<Policy> ParsePolicy(std::string_view json_text);
Result<Policy> ReadPolicy(const boost::json::object& o);
boost::json::object PolicyJson(const Policy& p);
std::string PolicyText(const Policy& p);

// A result's analyte entries and validity measurements as stored (JSON text) and read back.
std::string EntriesText(const std::vector<AnalyteEntry>& entries);
std::vector<AnalyteEntry> ParseEntries(std::string_view text);
std::string ValidityText(const ValidityInput& v);
ValidityInput ParseValidityText(std::string_view text);
boost::json::object EntryJson(const AnalyteEntry& e);
boost::json::object ValidityInputJson(const ValidityInput& v);

}  // namespace stepwise::testing
