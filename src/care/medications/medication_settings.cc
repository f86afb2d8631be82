#include "care/medications/medication_settings.h"

#include <boost/json/parse.hpp>
#include <algorithm>
#include <boost/json/value.hpp>

namespace stepwise::medications {

extern const char* const kDefaultMedicationsText;  // generated from config/medications.json

namespace json = boost::json;
namespace {

std::vector<std::string> Strings(const json::object& o, std::string_view key, const std::string& at,
                                 FieldErrors& errors) {
  std::vector<std::string> out;
  const auto* v = o.if_contains(key);
  if (!v) return out;
  if (!v->is_array()) {
    errors.Add(at + "." + std::string(key), "must be an array of strings");
    return out;
  }
  for (std::size_t i = 0; i < v->as_array().size(); ++i) {
    const auto& e = v->as_array()[i];
    if (!e.is_string() || e.as_string().empty())
      errors.Add(at + "." + std::string(key) + "[" + std::to_string(i) + "]", "must be a non-empty string");
    else
      out.emplace_back(e.as_string());
  }
  return out;
}

void ReadInt(const json::object& o, std::string_view key, const std::string& path, int min, int max, int& out,
             FieldErrors& errors) {
  const auto* v = o.if_contains(key);
  if (!v) return;
  if (!v->is_int64() || v->as_int64() < min || v->as_int64() > max) {
    errors.Add(path, "must be a whole number from " + std::to_string(min) + " to " + std::to_string(max));
    return;
  }
  out = static_cast<int>(v->as_int64());
}

}  // namespace

Result<Settings> ParseSettings(std::string_view text) {
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec || !v.is_object()) return Error::Field("", "the medication settings must be a JSON object");
  const auto& root = v.as_object();
  Settings s;
  FieldErrors errors;
  if (const auto* a = root.if_contains("adherence")) {
    if (!a->is_object()) {
      errors.Add("adherence", "must be an object");
    } else {
      ReadInt(a->as_object(), "non_adherent_count", "adherence.non_adherent_count", 1, 20, s.non_adherent_count,
              errors);
      ReadInt(a->as_object(), "window_days", "adherence.window_days", 1, 365, s.window_days, errors);
    }
  }
  ReadInt(root, "referral_follow_up_days", "referral_follow_up_days", 1, 90, s.referral_follow_up_days, errors);
  const auto* rules = root.if_contains("expected_analytes");
  if (rules && !rules->is_array()) errors.Add("expected_analytes", "must be an array");
  if (rules && rules->is_array()) {
    for (std::size_t i = 0; i < rules->as_array().size(); ++i) {
      const std::string at = "expected_analytes[" + std::to_string(i) + "]";
      const auto& e = rules->as_array()[i];
      if (!e.is_object()) {
        errors.Add(at, "must be an object");
        continue;
      }
      const auto& o = e.as_object();
      ExpectationRule rule;
      if (const auto* l = o.if_contains("label"); l && l->is_string()) rule.label = std::string(l->as_string());
      rule.mat_kinds = Strings(o, "mat_kinds", at, errors);
      rule.names = Strings(o, "names", at, errors);
      rule.analytes = Strings(o, "analytes", at, errors);
      for (std::size_t k = 0; k < rule.mat_kinds.size(); ++k) {
        const auto& kinds = MatKinds();
        if (std::find(kinds.begin(), kinds.end(), rule.mat_kinds[k]) == kinds.end())
          errors.Add(at + ".mat_kinds[" + std::to_string(k) + "]", "unknown medication for addiction treatment");
      }
      if (rule.analytes.empty()) errors.Add(at + ".analytes", "name at least one analyte code");
      if (rule.mat_kinds.empty() && rule.names.empty()) errors.Add(at + ".names", "match by mat_kinds or names");
      s.expectations.push_back(std::move(rule));
    }
  }
  if (!errors.empty()) return errors.ToError("the medication settings are invalid");
  return s;
}

Result<Settings> ParseBuiltinSettings() { return ParseSettings(kDefaultMedicationsText); }

const Settings& BuiltinSettings() {
  static const Settings settings = [] {
    auto parsed = ParseBuiltinSettings();
    return parsed.ok() ? parsed.value() : Settings{};
  }();
  return settings;
}

}  // namespace stepwise::medications
