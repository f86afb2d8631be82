#include "care/plans/plan_catalog.h"

#include <algorithm>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <cstdlib>
#include <iostream>
#include <set>

namespace stepwise::plans {

extern const char* const kDefaultTreatmentPlansText;  // generated from config/treatment_plans.json

namespace json = boost::json;

namespace {

// Reads one JSON object, naming each problem by its path; remembers the keys it read.
class Reader {
 public:
  Reader(const json::object& o, std::string path, FieldErrors& errors) : o_(o), path_(std::move(path)), errors_(errors) {}

  std::string PathOf(std::string_view key) const { return path_.empty() ? std::string(key) : path_ + "." + std::string(key); }
  const json::value* Find(std::string_view key, bool required) {
    seen_.insert(std::string(key));
    const json::value* v = o_.if_contains(key);
    if ((!v || v->is_null()) && required) errors_.Add(PathOf(key), "is required");
    return v && !v->is_null() ? v : nullptr;
  }
  std::string Text(std::string_view key, bool required, const std::string& fallback = "") {
    const json::value* v = Find(key, required);
    if (!v) return fallback;
    if (!v->is_string() || v->get_string().empty()) {
      errors_.Add(PathOf(key), "must be a non-empty string");
      return fallback;
    }
    return std::string(v->get_string());
  }
  // One of `allowed`; `fallback` when absent (and not required). One error per problem.
  std::string OneOf(std::string_view key, bool required, const std::vector<std::string>& allowed,
                    const std::string& fallback) {
    const json::value* v = Find(key, required);
    if (!v) return fallback;
    if (!v->is_string() || std::find(allowed.begin(), allowed.end(), v->get_string()) == allowed.end()) {
      std::string list;
      for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
      errors_.Add(PathOf(key), "must be one of " + list);
      return fallback;
    }
    return std::string(v->get_string());
  }
  std::optional<double> Number(std::string_view key, double min, double max) {
    const json::value* v = Find(key, false);
    if (!v) return std::nullopt;
    if (!v->is_number()) {
      errors_.Add(PathOf(key), "must be a number");
      return std::nullopt;
    }
    const double d = v->to_number<double>();
    if (d < min || d > max) errors_.Add(PathOf(key), "must be " + Num(min) + " to " + Num(max));
    return d;
  }
  int Int(std::string_view key, bool required, int min, int max, int fallback) {
    const json::value* v = Find(key, required);
    if (!v) return fallback;
    if (!v->is_int64() && !v->is_uint64()) {
      errors_.Add(PathOf(key), "must be a whole number");
      return fallback;
    }
    const auto n = v->to_number<std::int64_t>();
    if (n < min || n > max) {
      errors_.Add(PathOf(key), "must be " + std::to_string(min) + " to " + std::to_string(max));
      return fallback;
    }
    return static_cast<int>(n);
  }
  bool Bool(std::string_view key, bool fallback) {
    const json::value* v = Find(key, false);
    if (!v) return fallback;
    if (!v->is_bool()) {
      errors_.Add(PathOf(key), "must be true or false");
      return fallback;
    }
    return v->get_bool();
  }
  std::vector<std::string> Strings(std::string_view key) {
    std::vector<std::string> out;
    const json::value* v = Find(key, false);
    if (!v) return out;
    if (!v->is_array()) {
      errors_.Add(PathOf(key), "must be a list of strings");
      return out;
    }
    for (std::size_t i = 0; i < v->get_array().size(); ++i) {
      const auto& e = v->get_array()[i];
      if (!e.is_string()) errors_.Add(PathOf(key) + "[" + std::to_string(i) + "]", "must be a string");
      else out.emplace_back(e.get_string());
    }
    return out;
  }
  // Calls `each` with a Reader for every object of an array; false when absent.
  template <typename Each>
  bool Objects(std::string_view key, Each each) {
    const json::value* v = Find(key, false);
    if (!v) return false;
    if (!v->is_array()) {
      errors_.Add(PathOf(key), "must be a list of objects");
      return true;
    }
    for (std::size_t i = 0; i < v->get_array().size(); ++i) {
      const auto& e = v->get_array()[i];
      const std::string path = PathOf(key) + "[" + std::to_string(i) + "]";
      if (!e.is_object()) {
        errors_.Add(path, "must be an object");
        continue;
      }
      Reader r(e.get_object(), path, errors_);
      each(r);
      r.RejectUnknown();
    }
    return true;
  }
  template <typename Read>
  bool Object(std::string_view key, Read read) {
    const json::value* v = Find(key, false);
    if (!v) return false;
    if (!v->is_object()) {
      errors_.Add(PathOf(key), "must be an object");
      return true;
    }
    Reader r(v->get_object(), PathOf(key), errors_);
    read(r);
    r.RejectUnknown();
    return true;
  }
  void RejectUnknown() {
    for (const auto& [k, v] : o_) {
      if (!seen_.contains(std::string(k)) && k != "_about") errors_.Add(PathOf(k), "is not a known field");
    }
  }
  FieldErrors& errors() { return errors_; }

 private:
  static std::string Num(double d) {
    std::string s = std::to_string(d);
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
    return s;
  }
  const json::object& o_;
  std::string path_;
  FieldErrors& errors_;
  std::set<std::string> seen_;
};

Frequency ReadFrequency(Reader& r) {
  Frequency f;
  f.count = r.Int("count", true, 1, 1000, 1);
  f.per = r.OneOf("per", true, {"day", "week", "month"}, "week");
  return f;
}

void ReadInterventions(Reader& r, PlanSettings& s) {
  std::vector<CatalogIntervention> list;
  std::set<std::string> codes;
  const bool present = r.Objects("interventions", [&](Reader& i) {
    CatalogIntervention c;
    c.code = i.Text("code", true);
    if (!c.code.empty() && !codes.insert(c.code).second) i.errors().Add(i.PathOf("code"), "is used twice");
    c.label = i.Text("label", true);
    c.category = i.Text("category", false, "other");
    c.staff = i.OneOf("staff", false, {"any", "licensed", "credentialed", "medical"}, "any");
    c.topic_required = i.Bool("topic_required", false);
    c.counts_toward_hours = i.Bool("counts_toward_hours", true);
    c.default_minutes = i.Int("default_minutes", false, 1, 1440, 60);
    i.Object("default_frequency", [&](Reader& f) { c.default_frequency = ReadFrequency(f); });
    c.session = i.OneOf("session", false, {"individual", "family"}, "");
    list.push_back(std::move(c));
  });
  if (present) s.interventions = std::move(list);
}

void ReadChecks(Reader& r, PlanSettings& s) {
  std::vector<IntensityCheck> list;
  std::set<std::string> codes;
  const bool present = r.Objects("intensity_checks", [&](Reader& c) {
    IntensityCheck k;
    k.code = c.Text("code", true);
    if (!k.code.empty() && !codes.insert(k.code).second) c.errors().Add(c.PathOf("code"), "is used twice");
    k.label = c.Text("label", true);
    k.kind = c.OneOf("kind", true, {"asam", "payer", "reporting"}, "asam");
    k.level = c.Text("level", false);
    k.population = c.OneOf("population", false, {"adult", "adolescent", "any"}, "any");
    k.min_hours_week = c.Number("min_hours_week", 0, 168);
    k.max_hours_week = c.Number("max_hours_week", 0, 168);
    k.min_hours_day = c.Number("min_hours_day", 0, 24);
    if (auto d = c.Number("min_days_week", 1, 7)) k.min_days_week = static_cast<int>(*d);
    if (!k.min_hours_week && !k.max_hours_week && !k.min_hours_day && !k.min_days_week)
      c.errors().Add(c.PathOf("min_hours_week"), "a check needs at least one bound");
    list.push_back(std::move(k));
  });
  if (present) s.intensity_checks = std::move(list);
}

Result<json::object> ParseObjectText(std::string_view text) {
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec || !v.is_object()) return Error::Field("treatment_plans", "is not a JSON object");
  return v.get_object();
}

json::object FrequencyJson(const Frequency& f) { return {{"count", f.count}, {"per", f.per}}; }

json::array StringsJson(const std::vector<std::string>& list) {
  json::array out;
  for (const auto& s : list) out.emplace_back(s);
  return out;
}

}  // namespace

Result<PlanSettings> ParseSettings(std::string_view json_text) {
  SW_ASSIGN(auto object, ParseObjectText(json_text));
  FieldErrors errors;
  PlanSettings s;
  Reader r(object, "", errors);
  s.initial_plan_due_days = r.Int("initial_plan_due_days", true, 1, 365, 7);
  r.Object("review_interval", [&](Reader& i) {
    s.review_interval.days = i.Int("days", false, 1, 366, 0);
    s.review_interval.months = i.Int("months", false, 1, 24, 0);
    if ((s.review_interval.days == 0) == (s.review_interval.months == 0))
      i.errors().Add(i.PathOf("days"), "give either days or months");
  });
  s.due_warning_days = r.Int("due_warning_days", false, 0, 365, 14);
  s.adult_age = r.Int("adult_age", false, 1, 30, 18);
  s.licensed_credentials = r.Strings("licensed_credentials");
  s.medical_credentials = r.Strings("medical_credentials");
  ReadChecks(r, s);
  ReadInterventions(r, s);
  if (s.interventions.empty()) errors.Add("interventions", "the catalog needs at least one intervention");
  r.RejectUnknown();
  if (!errors.empty()) return errors.ToError("the treatment-plan settings are invalid");
  return s;
}

const PlanSettings& BuiltinSettings() {
  static const PlanSettings settings = [] {
    auto parsed = ParseSettings(kDefaultTreatmentPlansText);
    if (!parsed.ok()) {
      std::cerr << "config/treatment_plans.json: " << parsed.error().message << "\n";
      for (const auto& f : parsed.error().fields) std::cerr << "  " << f.field << ": " << f.message << "\n";
      std::abort();
    }
    return std::move(parsed).value();
  }();
  return settings;
}

namespace {

Result<PlanSettings> ApplyCatalog(const PlanSettings& base, const json::object& object) {
  FieldErrors errors;
  PlanSettings s = base;
  Reader r(object, "", errors);
  ReadInterventions(r, s);
  ReadChecks(r, s);
  r.RejectUnknown();
  if (object.contains("interventions") && s.interventions.empty())
    errors.Add("interventions", "the catalog needs at least one intervention");
  if (!errors.empty()) return errors.ToError("the plan catalog is invalid");
  return s;
}

}  // namespace

Result<PlanSettings> WithProgramCatalog(const PlanSettings& base, std::string_view json_text) {
  SW_ASSIGN(auto object, ParseObjectText(json_text));
  return ApplyCatalog(base, object);
}

Result<std::string> NormalizeProgramCatalog(const json::object& catalog) {
  SW_ASSIGN(auto s, ApplyCatalog(PlanSettings{}, catalog));
  json::object out;
  const json::object full = CatalogJson(s);
  if (catalog.contains("interventions")) out["interventions"] = full.at("interventions");
  if (catalog.contains("intensity_checks")) out["intensity_checks"] = full.at("intensity_checks");
  return json::serialize(out);
}

json::object CatalogJson(const PlanSettings& s) {
  json::array interventions;
  for (const auto& i : s.interventions) {
    json::object o{{"code", i.code},
                   {"label", i.label},
                   {"category", i.category},
                   {"staff", i.staff},
                   {"topic_required", i.topic_required},
                   {"counts_toward_hours", i.counts_toward_hours},
                   {"default_minutes", i.default_minutes},
                   {"default_frequency", FrequencyJson(i.default_frequency)}};
    if (!i.session.empty()) o["session"] = i.session;  // absent: not scheduled by the weekly optimizer
    interventions.emplace_back(std::move(o));
  }
  json::array checks;
  for (const auto& c : s.intensity_checks) {
    json::object o{{"code", c.code}, {"label", c.label}, {"kind", c.kind}, {"population", c.population}};
    if (!c.level.empty()) o["level"] = c.level;  // absent: any level (read back the same way)
    if (c.min_hours_week) o["min_hours_week"] = *c.min_hours_week;
    if (c.max_hours_week) o["max_hours_week"] = *c.max_hours_week;
    if (c.min_hours_day) o["min_hours_day"] = *c.min_hours_day;
    if (c.min_days_week) o["min_days_week"] = *c.min_days_week;
    checks.emplace_back(std::move(o));
  }
  return {{"interventions", std::move(interventions)}, {"intensity_checks", std::move(checks)}};
}

json::object SettingsJson(const PlanSettings& s) {
  json::object out = CatalogJson(s);
  json::object interval;
  if (s.review_interval.months) interval["months"] = s.review_interval.months;
  if (s.review_interval.days) interval["days"] = s.review_interval.days;
  out["initial_plan_due_days"] = s.initial_plan_due_days;
  out["review_interval"] = std::move(interval);
  out["due_warning_days"] = s.due_warning_days;
  out["adult_age"] = s.adult_age;
  out["licensed_credentials"] = StringsJson(s.licensed_credentials);
  out["medical_credentials"] = StringsJson(s.medical_credentials);
  return out;
}

}  // namespace stepwise::plans
