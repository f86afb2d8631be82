#include "care/testing/lab_csv.h"

#include <algorithm>
#include <charconv>
#include <map>

namespace stepwise::testing {

namespace {

const std::vector<std::string_view>& KnownColumns() {
  static const std::vector<std::string_view> v = {"collection_id", "chain_of_custody_id", "analyte", "stage", "value",
                                                  "unit", "creatinine", "specific_gravity", "ph", "nitrite"};
  return v;
}

std::string Trim(std::string s) {
  auto not_space = [](unsigned char c) { return !std::isspace(c); };
  s.erase(s.begin(), std::find_if(s.begin(), s.end(), not_space));
  s.erase(std::find_if(s.rbegin(), s.rend(), not_space).base(), s.end());
  return s;
}

std::optional<double> Number(const std::string& s) {
  double d = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), d);
  if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return d;
}

}  // namespace

std::vector<std::vector<std::string>> SplitCsv(std::string_view text) {
  std::vector<std::vector<std::string>> lines;
  std::vector<std::string> fields;
  std::string field;
  bool quoted = false, any = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
      continue;
    }
    if (c == '"') {
      quoted = true;
      any = true;
    } else if (c == ',') {
      fields.push_back(std::move(field));
      field.clear();
      any = true;
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      if (any || !field.empty()) {
        fields.push_back(std::move(field));
        lines.push_back(std::move(fields));
      } else {
        lines.emplace_back();  // a blank line keeps the numbering
      }
      fields.clear();
      field.clear();
      any = false;
    } else {
      field += c;
      any = true;
    }
  }
  if (any || !field.empty()) {
    fields.push_back(std::move(field));
    lines.push_back(std::move(fields));
  }
  return lines;
}

LabFile ParseLabCsv(std::string_view text, const Policy& policy) {
  LabFile out;
  // A UTF-8 byte-order mark is what spreadsheets write first; skip it.
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  const auto lines = SplitCsv(text);
  if (lines.empty() || lines[0].empty()) {
    out.errors.push_back({1, "header", "the file is empty; the first row must name the columns"});
    return out;
  }
  std::map<std::string, std::size_t> col;
  for (std::size_t i = 0; i < lines[0].size(); ++i) {
    const std::string name = Trim(lines[0][i]);
    if (std::find(KnownColumns().begin(), KnownColumns().end(), name) == KnownColumns().end()) {
      out.errors.push_back({1, name.empty() ? "header" : name, "is not a known column"});
    } else if (!col.emplace(name, i).second) {
      out.errors.push_back({1, name, "appears twice in the header"});
    }
  }
  for (const char* required : {"analyte", "value", "unit"}) {
    if (!col.contains(required)) out.errors.push_back({1, required, "the header needs this column"});
  }
  if (!col.contains("collection_id") && !col.contains("chain_of_custody_id")) {
    out.errors.push_back({1, "collection_id", "the header needs collection_id or chain_of_custody_id"});
  }
  if (!out.errors.empty()) return out;

  for (std::size_t li = 1; li < lines.size(); ++li) {
    const auto& f = lines[li];
    const int rowno = static_cast<int>(li) + 1;
    if (f.empty() || std::all_of(f.begin(), f.end(), [](const std::string& s) { return Trim(s).empty(); })) continue;
    auto get = [&](const char* name) -> std::string {
      auto it = col.find(name);
      if (it == col.end() || it->second >= f.size()) return "";
      return Trim(f[it->second]);
    };
    auto error = [&](const char* field, std::string message) { out.errors.push_back({rowno, field, std::move(message)}); };
    if (f.size() > lines[0].size()) error("row", "has more fields than the header");
    LabRow row;
    row.row = rowno;
    row.collection_id = get("collection_id");
    row.chain_of_custody_id = get("chain_of_custody_id");
    if (row.collection_id.empty() && row.chain_of_custody_id.empty()) {
      error(col.contains("collection_id") ? "collection_id" : "chain_of_custody_id", "names no collection");
    }
    row.entry.code = get("analyte");
    row.entry.unit = get("unit");
    row.entry.stage = get("stage").empty() ? "confirmation" : get("stage");
    const Analyte* analyte = policy.FindAnalyte(row.entry.code);
    if (row.entry.code.empty()) {
      error("analyte", "is required");
    } else if (!analyte) {
      error("analyte", "\"" + row.entry.code + "\" is not an analyte of the testing policy");
    }
    const std::string value = get("value");
    if (value.empty()) {
      error("value", "is required");
    } else if (auto d = Number(value)) {
      row.entry.value = *d;
    } else {
      error("value", "\"" + value + "\" is not a number");
    }
    if (analyte && row.entry.value) {
      FieldErrors fe;
      JudgeEntry(row.entry, *analyte, "", fe);
      for (const auto& e : fe.fields()) {
        const std::string field = e.field.empty() ? "value" : e.field.substr(e.field.find('.') + 1);
        out.errors.push_back({rowno, field == "unit" ? "unit" : field == "stage" ? "stage" : "value", e.message});
      }
    }
    auto validity = [&](const char* name, std::optional<double>& into, double min, double max) {
      const std::string s = get(name);
      if (s.empty()) return;
      auto d = Number(s);
      if (!d || *d < min || *d > max) {
        error(name, "\"" + s + "\" is not a number from " + std::to_string(min).substr(0, 5) + " to " +
                        std::to_string(max).substr(0, 6));
        return;
      }
      into = *d;
    };
    validity("creatinine", row.validity.creatinine, 0, 1000);
    validity("specific_gravity", row.validity.specific_gravity, 0.9, 1.1);
    validity("ph", row.validity.ph, 0, 14);
    validity("nitrite", row.validity.nitrite, 0, 100000);
    out.rows.push_back(std::move(row));
  }
  if (out.rows.empty() && out.errors.empty()) out.errors.push_back({2, "row", "the file has no data rows"});
  return out;
}

}  // namespace stepwise::testing
