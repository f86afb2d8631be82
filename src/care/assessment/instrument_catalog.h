// The instrument definitions a server knows: the shipped ones (config/instruments/*.json, compiled in) plus
// a program's own from `--instruments DIR`, which add instruments or replace shipped ones by code without a
// release. The JSON form itself is in instrument_json.h.
// Thread-safety: an immutable value once built; Builtin() is built once and safe to share.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "care/assessment/instrument_json.h"
#include "care/assessment/instrument_model.h"
#include "platform/base/result.h"

namespace stepwise::assessment {

class InstrumentCatalog {
 public:
  InstrumentCatalog() = default;

  static const InstrumentCatalog& Builtin();  // config/instruments/*.json compiled in
  // Texts without file names are named "instruments[i]" in errors.
  static Result<InstrumentCatalog> Load(const std::vector<std::string>& json_texts);
  static Result<InstrumentCatalog> Load(const std::vector<DefinitionSource>& sources);
  // Adds or replaces (by code) definitions from every *.json file in `dir`; errors name the file.
  Result<InstrumentCatalog> WithOverrides(const std::string& dir) const;
  // Adds or replaces definitions from already-read sources (what WithOverrides does after reading).
  Result<InstrumentCatalog> WithOverrides(const std::vector<DefinitionSource>& sources) const;

  const InstrumentDefinition* Find(std::string_view code) const;
  const std::vector<InstrumentDefinition>& All() const { return all_; }
  // The definition as normalized JSON (option sets expanded, every field present) for GET /instruments;
  // an empty string for an unknown code.
  const std::string& DefinitionJson(std::string_view code) const;
  // Where a definition came from ("phq9.json"), for logs and the admin screen.
  const std::string& SourceOf(std::string_view code) const;

 private:
  void Put(InstrumentDefinition def, std::string file);

  std::vector<InstrumentDefinition> all_;
  std::vector<std::string> json_;   // parallel to all_
  std::vector<std::string> files_;  // parallel to all_
};

}  // namespace stepwise::assessment
