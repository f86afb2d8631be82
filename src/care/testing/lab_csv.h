// A laboratory's results as CSV (docs/api.md "Drug testing", lab import). One row per analyte:
//
//   collection_id,chain_of_custody_id,analyte,stage,value,unit,creatinine,specific_gravity,ph,nitrite
//
// Required columns: analyte, value, unit and at least one of collection_id / chain_of_custody_id (a row
// names its collection by either). stage is screening or confirmation (default confirmation); the
// validity columns (creatinine in mg/dL, nitrite in µg/mL, specific gravity and pH without unit) are
// optional and may be given on any row of a collection. Columns may come in any order; unknown columns
// are refused. Quoted fields as RFC 4180. Rows are numbered as a spreadsheet shows them: the header is
// row 1, the first data row is row 2. Pure: standard library only.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "care/testing/testing_model.h"

namespace stepwise::testing {

struct LabRow {
  int row = 0;  // spreadsheet row number
  std::string collection_id, chain_of_custody_id;
  AnalyteEntry entry;
  ValidityInput validity;
};

struct LabRowError {
  int row = 0;  // 1 = the header
  std::string field;
  std::string message;
};

struct LabFile {
  std::vector<LabRow> rows;
  std::vector<LabRowError> errors;
};

// Splits and checks the file against the policy's analytes (known code, the analyte's unit, numbers).
LabFile ParseLabCsv(std::string_view text, const Policy& policy);

// RFC 4180 fields of each line (quotes, doubled quotes, CRLF); exposed for tests.
std::vector<std::vector<std::string>> SplitCsv(std::string_view text);

}  // namespace stepwise::testing
