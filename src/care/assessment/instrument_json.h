// The JSON form of an instrument definition (format: config/instruments/README.md): parsing with errors that
// name the file and the field, and the normalized JSON the API serves (which parses back to the same
// definition, so it can be saved as an --instruments override).
#pragma once

#include <string>

#include "care/assessment/instrument_model.h"
#include "platform/base/result.h"

namespace stepwise::assessment {

// One definition file: its name (for error messages) and its JSON text.
struct DefinitionSource {
  std::string file;
  std::string text;
};

// Parses one definition and checks it (CheckDefinition). Errors are kInvalidArgument with fields named
// "<file>:<json path>", e.g. "phq9.json:items[2].options[0].value", and a message naming the file.
Result<InstrumentDefinition> ParseDefinition(const DefinitionSource& source);

// Every field present, option sets expanded, scales with their computed min and max; compact JSON.
std::string DefinitionToJson(const InstrumentDefinition& def);

}  // namespace stepwise::assessment
