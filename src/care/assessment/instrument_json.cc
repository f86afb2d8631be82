#include "care/assessment/instrument_json.h"

#include <boost/json.hpp>
#include <cmath>
#include <map>
#include <set>

namespace stepwise::assessment {

namespace {

namespace json = boost::json;

// Reads one JSON object, collecting errors with their paths and rejecting keys it was never asked about.
class Reader {
 public:
  Reader(const json::object& o, std::string path, FieldErrors& errors) : o_(o), path_(std::move(path)), e_(errors) {}

  std::string At(std::string_view key) const { return path_.empty() ? std::string(key) : path_ + "." + std::string(key); }
  bool Has(std::string_view key) const { return o_.contains(key); }

  const json::value* Get(std::string_view key, bool required = false) {
    seen_.insert(std::string(key));
    auto it = o_.find(key);
    if (it == o_.end() || it->value().is_null()) {
      if (required) e_.Add(At(key), "is required");
      return nullptr;
    }
    return &it->value();
  }
  std::string Str(std::string_view key, bool required = false) {
    const json::value* v = Get(key, required);
    if (v == nullptr) return {};
    if (!v->is_string()) {
      e_.Add(At(key), "must be a string");
      return {};
    }
    std::string s(v->as_string());
    if (required && s.empty()) e_.Add(At(key), "is required");
    return s;
  }
  double Num(std::string_view key, bool required, double fallback = 0) {
    const json::value* v = Get(key, required);
    if (v == nullptr) return fallback;
    if (!v->is_number()) {
      e_.Add(At(key), "must be a number");
      return fallback;
    }
    return v->to_number<double>();
  }
  int Int(std::string_view key, int fallback) {
    double d = Num(key, false, fallback);
    if (std::floor(d) != d) e_.Add(At(key), "must be a whole number");
    return static_cast<int>(d);
  }
  bool Bool(std::string_view key, bool fallback) {
    const json::value* v = Get(key);
    if (v == nullptr) return fallback;
    if (!v->is_bool()) {
      e_.Add(At(key), "must be true or false");
      return fallback;
    }
    return v->as_bool();
  }
  std::vector<std::string> Strings(std::string_view key, bool required = false) {
    std::vector<std::string> out;
    const json::value* v = Get(key, required);
    if (v == nullptr) return out;
    if (!v->is_array()) {
      e_.Add(At(key), "must be a list of strings");
      return out;
    }
    const auto& a = v->as_array();
    for (size_t i = 0; i < a.size(); ++i) {
      if (!a[i].is_string()) e_.Add(At(key) + "[" + std::to_string(i) + "]", "must be a string");
      else out.emplace_back(a[i].as_string());
    }
    return out;
  }
  // Calls `each(object, path)` for every element of an array of objects.
  template <typename F>
  void Objects(std::string_view key, bool required, F each) {
    const json::value* v = Get(key, required);
    if (v == nullptr) return;
    if (!v->is_array()) {
      e_.Add(At(key), "must be a list");
      return;
    }
    const auto& a = v->as_array();
    for (size_t i = 0; i < a.size(); ++i) {
      std::string p = At(key) + "[" + std::to_string(i) + "]";
      if (!a[i].is_object()) e_.Add(p, "must be an object");
      else each(a[i].as_object(), p);
    }
  }
  void RejectUnknown() {
    for (const auto& kv : o_) {
      if (!seen_.contains(std::string(kv.key()))) e_.Add(At(kv.key()), "is not a known field");
    }
  }
  FieldErrors& errors() { return e_; }

 private:
  const json::object& o_;
  std::string path_;
  FieldErrors& e_;
  std::set<std::string> seen_;
};

Compare ReadCompare(Reader& r) {
  std::string text = r.Str("op", true);
  if (text.empty()) return Compare::kEq;
  auto op = ParseCompare(text);
  if (!op) r.errors().Add(r.At("op"), "must be one of: ==, !=, >=, >, <=, <");
  return op.value_or(Compare::kEq);
}

Condition ReadCondition(const json::value& v, const std::string& path, FieldErrors& errors) {
  using K = Condition::Kind;
  Condition c;
  if (!v.is_object()) {
    errors.Add(path, "must be a condition object");
    return c;
  }
  const auto& o = v.as_object();
  static const char* const kKinds[] = {"always", "item", "sum", "count", "answered", "scale", "band", "sex",
                                       "all",    "any",  "not"};
  int kinds = 0;
  for (const char* k : kKinds) kinds += o.contains(k) ? 1 : 0;
  if (kinds != 1) {
    errors.Add(path, "needs exactly one of: always, item, sum, count, answered, scale, band, sex, all, any, not");
    return c;
  }
  Reader r(o, path, errors);
  auto children = [&](const char* key) {
    const json::value* list = r.Get(key);
    if (list == nullptr || !list->is_array()) {
      errors.Add(r.At(key), "must be a list of conditions");
      return;
    }
    const auto& a = list->as_array();
    for (size_t i = 0; i < a.size(); ++i) {
      c.children.push_back(ReadCondition(a[i], r.At(key) + "[" + std::to_string(i) + "]", errors));
    }
  };
  if (r.Has("always")) {
    if (!r.Bool("always", true)) errors.Add(r.At("always"), "must be true (use {\"not\": ...} for never)");
  } else if (r.Has("item")) {
    c.refs = {r.Str("item", true)};
    if (r.Has("code")) {
      c.kind = K::kItemCode;
      c.code = r.Str("code", true);
    } else {
      c.kind = K::kItem;
      c.op = ReadCompare(r);
      c.value = r.Num("value", true);
    }
  } else if (r.Has("sum")) {
    c.kind = K::kSum;
    c.refs = r.Strings("sum", true);
    c.op = ReadCompare(r);
    c.value = r.Num("value", true);
  } else if (r.Has("count")) {
    c.kind = K::kCount;
    c.refs = r.Strings("count", true);
    c.at_least = r.Num("at_least", false, 1);
    c.op = ReadCompare(r);
    c.value = r.Num("value", true);
  } else if (r.Has("answered")) {
    c.kind = K::kAnswered;
    c.refs = {r.Str("answered", true)};
  } else if (r.Has("scale")) {
    c.kind = K::kScale;
    c.refs = {r.Str("scale", true)};
    c.op = ReadCompare(r);
    c.value = r.Num("value", true);
  } else if (r.Has("band")) {
    c.kind = K::kBand;
    c.refs = {r.Str("band", true)};
  } else if (r.Has("sex")) {
    c.kind = K::kSex;
    c.refs = r.Strings("sex", true);
  } else if (r.Has("all")) {
    c.kind = K::kAll;
    children("all");
  } else if (r.Has("any")) {
    c.kind = K::kAny;
    children("any");
  } else {
    c.kind = K::kNot;
    c.children.push_back(ReadCondition(*r.Get("not"), r.At("not"), errors));
  }
  r.RejectUnknown();
  return c;
}

Condition ReadOptionalCondition(Reader& r, std::string_view key) {
  const json::value* v = r.Get(key);
  return v == nullptr ? Condition::Always() : ReadCondition(*v, r.At(key), r.errors());
}

std::vector<AnswerOption> ReadOptions(const json::array& a, const std::string& path, FieldErrors& errors) {
  std::vector<AnswerOption> out;
  for (size_t i = 0; i < a.size(); ++i) {
    std::string p = path + "[" + std::to_string(i) + "]";
    if (!a[i].is_object()) {
      errors.Add(p, "must be an object");
      continue;
    }
    Reader r(a[i].as_object(), p, errors);
    AnswerOption o;
    o.code = r.Str("code", true);
    o.label = r.Str("label", true);
    o.value = r.Num("value", true);
    o.loinc = r.Str("loinc");
    r.RejectUnknown();
    out.push_back(std::move(o));
  }
  return out;
}

std::vector<Band> ReadBands(Reader& r) {
  std::vector<Band> bands;
  r.Objects("bands", true, [&](const json::object& o, const std::string& p) {
    Reader b(o, p, r.errors());
    Band band;
    band.code = b.Str("code", true);
    band.label = b.Str("label", true);
    band.min = b.Num("min", true);
    band.max = b.Num("max", true);
    b.RejectUnknown();
    bands.push_back(std::move(band));
  });
  return bands;
}

InstrumentDefinition ReadDefinition(const json::object& root, FieldErrors& errors) {
  Reader r(root, "", errors);
  InstrumentDefinition d;
  d.code = r.Str("code", true);
  d.name = r.Str("name", true);
  d.version = r.Str("version");
  d.copyright = r.Str("copyright", true);
  d.license_note = r.Str("license_note", true);
  d.loinc_panel = r.Str("loinc_panel");
  d.loinc_total = r.Str("loinc_total");
  d.instructions = r.Str("instructions");
  d.notes = r.Strings("notes");
  d.interval_days = r.Int("interval_days", 0);
  d.primary_scale = r.Str("primary_scale");

  struct StatedRange {
    std::string min_path;
    double min;
    std::string max_path;
    double max;
  };
  std::vector<StatedRange> ranges;  // parallel to d.scales
  std::map<std::string, std::vector<AnswerOption>> option_sets;
  if (const json::value* sets = r.Get("option_sets")) {
    if (!sets->is_object()) {
      errors.Add("option_sets", "must be an object of named option lists");
    } else {
      for (const auto& kv : sets->as_object()) {
        std::string p = "option_sets." + std::string(kv.key());
        if (!kv.value().is_array()) errors.Add(p, "must be a list of options");
        else option_sets[std::string(kv.key())] = ReadOptions(kv.value().as_array(), p, errors);
      }
    }
  }
  r.Objects("items", true, [&](const json::object& o, const std::string& p) {
    Reader ir(o, p, errors);
    Item item;
    item.id = ir.Str("id", true);
    item.text = ir.Str("text", true);
    item.loinc = ir.Str("loinc");
    item.required = ir.Bool("required", true);
    item.scored = ir.Bool("scored", true);
    if (const json::value* opts = ir.Get("options", true)) {
      if (opts->is_string()) {
        auto it = option_sets.find(std::string(opts->as_string()));
        if (it == option_sets.end()) errors.Add(ir.At("options"), "names an unknown option set");
        else item.options = it->second;
      } else if (opts->is_array()) {
        item.options = ReadOptions(opts->as_array(), ir.At("options"), errors);
      } else {
        errors.Add(ir.At("options"), "must be a list of options or the name of an option set");
      }
    }
    item.show_when = ReadOptionalCondition(ir, "show_when");
    ir.RejectUnknown();
    d.items.push_back(std::move(item));
  });
  r.Objects("scales", false, [&](const json::object& o, const std::string& p) {
    Reader sr(o, p, errors);
    Scale s;
    s.code = sr.Str("code", true);
    s.label = sr.Str("label", true);
    s.items = sr.Strings("items");
    // min and max are computed from the items; DefinitionJson shows them, and a file may state them as a check.
    const double min = sr.Num("min", false, NAN), max = sr.Num("max", false, NAN);
    ranges.push_back({sr.At("min"), min, sr.At("max"), max});
    if (sr.Has("bands") && sr.Has("band_sets")) errors.Add(sr.At("bands"), "give either bands or band_sets");
    if (sr.Has("bands")) {
      BandSet set;
      set.note = sr.Str("note");
      set.bands = ReadBands(sr);
      s.band_sets.push_back(std::move(set));
    } else {
      sr.Objects("band_sets", false, [&](const json::object& bo, const std::string& bp) {
        Reader br(bo, bp, errors);
        BandSet set;
        set.when = ReadOptionalCondition(br, "when");
        set.note = br.Str("note");
        set.bands = ReadBands(br);
        br.RejectUnknown();
        s.band_sets.push_back(std::move(set));
      });
    }
    sr.RejectUnknown();
    d.scales.push_back(std::move(s));
  });
  for (size_t i = 0; errors.empty() && i < d.scales.size() && i < ranges.size(); ++i) {
    auto [lo, hi] = ScaleRange(d, d.scales[i]);
    if (!std::isnan(ranges[i].min) && ranges[i].min != lo) {
      errors.Add(ranges[i].min_path, "is " + std::to_string(static_cast<int>(lo)) + " when computed from the items");
    }
    if (!std::isnan(ranges[i].max) && ranges[i].max != hi) {
      errors.Add(ranges[i].max_path, "is " + std::to_string(static_cast<int>(hi)) + " when computed from the items");
    }
  }
  r.Objects("bumps", false, [&](const json::object& o, const std::string& p) {
    Reader br(o, p, errors);
    BandBump b;
    b.scale = br.Str("scale", true);
    b.when = ReadOptionalCondition(br, "when");
    b.steps = br.Int("steps", 1);
    b.note = br.Str("note");
    br.RejectUnknown();
    d.bumps.push_back(std::move(b));
  });
  r.Objects("outcomes", false, [&](const json::object& o, const std::string& p) {
    Reader orr(o, p, errors);
    Outcome out;
    out.code = orr.Str("code", true);
    out.label = orr.Str("label", true);
    out.when = ReadOptionalCondition(orr, "when");
    orr.RejectUnknown();
    d.outcomes.push_back(std::move(out));
  });
  r.Objects("flags", false, [&](const json::object& o, const std::string& p) {
    Reader fr(o, p, errors);
    FlagRule f;
    f.code = fr.Str("code", true);
    f.label = fr.Str("label", true);
    f.severity = fr.Str("severity", true);
    f.safety = fr.Bool("safety", false);
    f.when = ReadOptionalCondition(fr, "when");
    fr.RejectUnknown();
    d.flags.push_back(std::move(f));
  });
  r.RejectUnknown();
  return d;
}

// ---- normalized JSON -------------------------------------------------------------------------------

json::value Number(double v) {
  if (std::floor(v) == v && std::abs(v) < 1e15) return static_cast<std::int64_t>(v);
  return v;
}

json::array StringArray(const std::vector<std::string>& v) {
  json::array a;
  for (const auto& s : v) a.emplace_back(s);
  return a;
}

json::value ConditionJson(const Condition& c) {
  using K = Condition::Kind;
  json::object o;
  auto ref = [&]() -> std::string { return c.refs.empty() ? std::string() : c.refs[0]; };
  auto children = [&]() {
    json::array a;
    for (const auto& x : c.children) a.push_back(ConditionJson(x));
    return a;
  };
  switch (c.kind) {
    case K::kAlways: o["always"] = true; break;
    case K::kItem: o["item"] = ref(); o["op"] = CompareName(c.op); o["value"] = Number(c.value); break;
    case K::kItemCode: o["item"] = ref(); o["code"] = c.code; break;
    case K::kSum: o["sum"] = StringArray(c.refs); o["op"] = CompareName(c.op); o["value"] = Number(c.value); break;
    case K::kCount:
      o["count"] = StringArray(c.refs);
      o["at_least"] = Number(c.at_least);
      o["op"] = CompareName(c.op);
      o["value"] = Number(c.value);
      break;
    case K::kAnswered: o["answered"] = ref(); break;
    case K::kScale: o["scale"] = ref(); o["op"] = CompareName(c.op); o["value"] = Number(c.value); break;
    case K::kBand: o["band"] = ref(); break;
    case K::kSex: o["sex"] = StringArray(c.refs); break;
    case K::kAll: o["all"] = children(); break;
    case K::kAny: o["any"] = children(); break;
    case K::kNot: o["not"] = c.children.empty() ? json::value() : ConditionJson(c.children[0]); break;
  }
  return o;
}

std::string NormalizedJson(const InstrumentDefinition& d) {
  json::object o;
  o["code"] = d.code;
  o["name"] = d.name;
  o["version"] = d.version;
  o["copyright"] = d.copyright;
  o["license_note"] = d.license_note;
  o["loinc_panel"] = d.loinc_panel;
  o["loinc_total"] = d.loinc_total;
  o["interval_days"] = d.interval_days;
  o["instructions"] = d.instructions;
  o["notes"] = StringArray(d.notes);
  json::array items;
  for (const auto& i : d.items) {
    json::array options;
    for (const auto& op : i.options) {
      options.push_back(json::object{{"code", op.code}, {"label", op.label}, {"value", Number(op.value)}, {"loinc", op.loinc}});
    }
    items.push_back(json::object{{"id", i.id},
                                 {"text", i.text},
                                 {"loinc", i.loinc},
                                 {"required", i.required},
                                 {"scored", i.scored},
                                 {"options", std::move(options)},
                                 {"show_when", ConditionJson(i.show_when)}});
  }
  o["items"] = std::move(items);
  json::array scales;
  for (const auto& s : d.scales) {
    json::array sets;
    for (const auto& set : s.band_sets) {
      json::array bands;
      for (const auto& b : set.bands) {
        bands.push_back(json::object{{"code", b.code}, {"label", b.label}, {"min", Number(b.min)}, {"max", Number(b.max)}});
      }
      sets.push_back(json::object{{"when", ConditionJson(set.when)}, {"note", set.note}, {"bands", std::move(bands)}});
    }
    auto [lo, hi] = ScaleRange(d, s);
    scales.push_back(json::object{{"code", s.code},
                                  {"label", s.label},
                                  {"items", StringArray(s.items)},
                                  {"min", Number(lo)},
                                  {"max", Number(hi)},
                                  {"band_sets", std::move(sets)}});
  }
  o["scales"] = std::move(scales);
  o["primary_scale"] = d.primary_scale;
  json::array bumps;
  for (const auto& b : d.bumps) {
    bumps.push_back(json::object{{"scale", b.scale}, {"when", ConditionJson(b.when)}, {"steps", b.steps}, {"note", b.note}});
  }
  o["bumps"] = std::move(bumps);
  json::array outcomes;
  for (const auto& x : d.outcomes) {
    outcomes.push_back(json::object{{"code", x.code}, {"label", x.label}, {"when", ConditionJson(x.when)}});
  }
  o["outcomes"] = std::move(outcomes);
  json::array flags;
  for (const auto& f : d.flags) {
    flags.push_back(json::object{{"code", f.code},
                                 {"label", f.label},
                                 {"severity", f.severity},
                                 {"safety", f.safety},
                                 {"when", ConditionJson(f.when)}});
  }
  o["flags"] = std::move(flags);
  return json::serialize(o);
}

Error Prefixed(const std::string& file, const FieldErrors& errors) {
  std::vector<FieldError> fields;
  std::string first;
  for (const auto& f : errors.fields()) {
    fields.push_back({file + ":" + f.field, f.message});
    if (first.empty()) first = f.field + " " + f.message;
  }
  return Error::InvalidArgument("instrument definition " + file + " is invalid: " + first, std::move(fields));
}

}  // namespace


Result<InstrumentDefinition> ParseDefinition(const DefinitionSource& source) {
  boost::system::error_code ec;
  json::value root = json::parse(source.text, ec);
  FieldErrors errors;
  if (ec) {
    errors.Add("(file)", "is not valid JSON: " + ec.message());
    return Prefixed(source.file, errors);
  }
  if (!root.is_object()) {
    errors.Add("(file)", "must hold one JSON object");
    return Prefixed(source.file, errors);
  }
  InstrumentDefinition def = ReadDefinition(root.as_object(), errors);
  if (errors.empty()) CheckDefinition(def, errors);
  if (!errors.empty()) return Prefixed(source.file, errors);
  return def;
}

std::string DefinitionToJson(const InstrumentDefinition& def) { return NormalizedJson(def); }

}  // namespace stepwise::assessment
