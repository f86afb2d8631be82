#include "care/assessment/instrument_catalog.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

namespace stepwise::assessment {

extern const char* const kBuiltinInstruments[][2];  // generated from config/instruments/*.json
extern const std::size_t kBuiltinInstrumentsCount;

void InstrumentCatalog::Put(InstrumentDefinition def, std::string file) {
  std::string normalized = DefinitionToJson(def);
  for (size_t i = 0; i < all_.size(); ++i) {
    if (all_[i].code == def.code) {
      all_[i] = std::move(def);
      json_[i] = std::move(normalized);
      files_[i] = std::move(file);
      return;
    }
  }
  all_.push_back(std::move(def));
  json_.push_back(std::move(normalized));
  files_.push_back(std::move(file));
}

Result<InstrumentCatalog> InstrumentCatalog::Load(const std::vector<std::string>& json_texts) {
  std::vector<DefinitionSource> sources;
  for (size_t i = 0; i < json_texts.size(); ++i) sources.push_back({"instruments[" + std::to_string(i) + "]", json_texts[i]});
  return Load(sources);
}

Result<InstrumentCatalog> InstrumentCatalog::Load(const std::vector<DefinitionSource>& sources) {
  InstrumentCatalog catalog;
  std::map<std::string, std::string> seen;  // code -> file
  for (const auto& source : sources) {
    SW_ASSIGN(InstrumentDefinition def, ParseDefinition(source));
    if (auto [it, fresh] = seen.emplace(def.code, source.file); !fresh) {
      std::string message = "\"" + def.code + "\" is also defined in " + it->second;
      return Error::InvalidArgument("instrument definition " + source.file + " is invalid: code " + message,
                                    {{source.file + ":code", message}});
    }
    catalog.Put(std::move(def), source.file);
  }
  return catalog;
}

Result<InstrumentCatalog> InstrumentCatalog::WithOverrides(const std::vector<DefinitionSource>& sources) const {
  SW_ASSIGN(InstrumentCatalog extra, Load(sources));
  InstrumentCatalog out = *this;
  for (size_t i = 0; i < extra.all_.size(); ++i) out.Put(extra.all_[i], extra.files_[i]);
  return out;
}

Result<InstrumentCatalog> InstrumentCatalog::WithOverrides(const std::string& dir) const {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return Error::InvalidArgument("instrument directory " + dir + " is not a directory");
  std::vector<fs::path> paths;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (entry.is_regular_file() && entry.path().extension() == ".json") paths.push_back(entry.path());
  }
  if (ec) return Error::InvalidArgument("cannot list instrument directory " + dir + ": " + ec.message());
  std::sort(paths.begin(), paths.end());
  std::vector<DefinitionSource> sources;
  for (const auto& p : paths) {
    std::ifstream in(p, std::ios::binary);
    if (!in) return Error::InvalidArgument("cannot read instrument definition " + p.string());
    std::stringstream text;
    text << in.rdbuf();
    sources.push_back({p.filename().string(), text.str()});
  }
  return WithOverrides(sources);
}

const InstrumentCatalog& InstrumentCatalog::Builtin() {
  static const InstrumentCatalog catalog = [] {
    std::vector<DefinitionSource> sources;
    for (std::size_t i = 0; i < kBuiltinInstrumentsCount; ++i) {
      sources.push_back({kBuiltinInstruments[i][0], kBuiltinInstruments[i][1]});
    }
    auto loaded = Load(sources);
    if (!loaded.ok()) {
      // The shipped definitions are checked by unit tests; reaching this is a build defect.
      std::fprintf(stderr, "built-in instrument definitions are invalid: %s\n", loaded.error().message.c_str());
      std::abort();
    }
    return std::move(loaded).value();
  }();
  return catalog;
}

const InstrumentDefinition* InstrumentCatalog::Find(std::string_view code) const {
  for (const auto& d : all_) {
    if (d.code == code) return &d;
  }
  return nullptr;
}

const std::string& InstrumentCatalog::DefinitionJson(std::string_view code) const {
  static const std::string kEmpty;
  for (size_t i = 0; i < all_.size(); ++i) {
    if (all_[i].code == code) return json_[i];
  }
  return kEmpty;
}

const std::string& InstrumentCatalog::SourceOf(std::string_view code) const {
  static const std::string kEmpty;
  for (size_t i = 0; i < all_.size(); ++i) {
    if (all_[i].code == code) return files_[i];
  }
  return kEmpty;
}

}  // namespace stepwise::assessment
