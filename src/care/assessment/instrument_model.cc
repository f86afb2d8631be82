#include "care/assessment/instrument_model.h"

#include <algorithm>
#include <cmath>
#include <set>

namespace stepwise::assessment {

const char* CompareName(Compare op) {
  switch (op) {
    case Compare::kEq: return "==";
    case Compare::kNe: return "!=";
    case Compare::kGe: return ">=";
    case Compare::kGt: return ">";
    case Compare::kLe: return "<=";
    case Compare::kLt: return "<";
  }
  return "==";
}

std::optional<Compare> ParseCompare(std::string_view text) {
  for (Compare op : {Compare::kEq, Compare::kNe, Compare::kGe, Compare::kGt, Compare::kLe, Compare::kLt}) {
    if (text == CompareName(op)) return op;
  }
  return std::nullopt;
}

bool Holds(double lhs, Compare op, double rhs) {
  switch (op) {
    case Compare::kEq: return lhs == rhs;
    case Compare::kNe: return lhs != rhs;
    case Compare::kGe: return lhs >= rhs;
    case Compare::kGt: return lhs > rhs;
    case Compare::kLe: return lhs <= rhs;
    case Compare::kLt: return lhs < rhs;
  }
  return false;
}

Condition Condition::ItemIs(std::string item, Compare op, double value) {
  Condition c;
  c.kind = Kind::kItem;
  c.refs = {std::move(item)};
  c.op = op;
  c.value = value;
  return c;
}
Condition Condition::ItemCode(std::string item, std::string code) {
  Condition c;
  c.kind = Kind::kItemCode;
  c.refs = {std::move(item)};
  c.code = std::move(code);
  return c;
}
Condition Condition::Sum(std::vector<std::string> items, Compare op, double value) {
  Condition c;
  c.kind = Kind::kSum;
  c.refs = std::move(items);
  c.op = op;
  c.value = value;
  return c;
}
Condition Condition::Count(std::vector<std::string> items, double at_least, Compare op, double value) {
  Condition c;
  c.kind = Kind::kCount;
  c.refs = std::move(items);
  c.at_least = at_least;
  c.op = op;
  c.value = value;
  return c;
}
Condition Condition::Answered(std::string item) {
  Condition c;
  c.kind = Kind::kAnswered;
  c.refs = {std::move(item)};
  return c;
}
Condition Condition::ScaleIs(std::string scale, Compare op, double value) {
  Condition c;
  c.kind = Kind::kScale;
  c.refs = {std::move(scale)};
  c.op = op;
  c.value = value;
  return c;
}
Condition Condition::BandIs(std::string band) {
  Condition c;
  c.kind = Kind::kBand;
  c.refs = {std::move(band)};
  return c;
}
Condition Condition::SexIs(std::vector<std::string> sexes) {
  Condition c;
  c.kind = Kind::kSex;
  c.refs = std::move(sexes);
  return c;
}
Condition Condition::All(std::vector<Condition> children) {
  Condition c;
  c.kind = Kind::kAll;
  c.children = std::move(children);
  return c;
}
Condition Condition::Any(std::vector<Condition> children) {
  Condition c;
  c.kind = Kind::kAny;
  c.children = std::move(children);
  return c;
}
Condition Condition::Not(Condition child) {
  Condition c;
  c.kind = Kind::kNot;
  c.children = {std::move(child)};
  return c;
}

const AnswerOption* Item::FindOption(std::string_view c) const {
  for (const auto& o : options) {
    if (o.code == c) return &o;
  }
  return nullptr;
}

const Item* InstrumentDefinition::FindItem(std::string_view id) const {
  for (const auto& i : items) {
    if (i.id == id) return &i;
  }
  return nullptr;
}

const Scale* InstrumentDefinition::FindScale(std::string_view c) const {
  for (const auto& s : scales) {
    if (s.code == c) return &s;
  }
  return nullptr;
}

bool Scoring::HasFlag(std::string_view c) const {
  return std::any_of(flags.begin(), flags.end(), [&](const Flag& f) { return f.code == c; });
}

namespace {

template <typename F>
void ForEachScaleItem(const InstrumentDefinition& def, const Scale& scale, F f) {
  if (scale.items.empty()) {
    for (const auto& item : def.items) {
      if (item.scored) f(item);
    }
    return;
  }
  for (const auto& id : scale.items) {
    if (const Item* item = def.FindItem(id)) f(*item);
  }
}

}  // namespace

std::pair<double, double> ScaleRange(const InstrumentDefinition& def, const Scale& scale) {
  double lo = 0, hi = 0;
  ForEachScaleItem(def, scale, [&](const Item& item) {
    if (item.options.empty()) return;
    auto [mn, mx] = std::minmax_element(item.options.begin(), item.options.end(),
                                        [](const AnswerOption& a, const AnswerOption& b) { return a.value < b.value; });
    lo += mn->value;
    hi += mx->value;
  });
  return {lo, hi};
}

// ---- evaluation ------------------------------------------------------------------------------------

namespace {

struct Env {
  const InstrumentDefinition& def;
  const ScoringContext& ctx;
  const std::vector<ItemResult>& items;  // evaluated so far (all of them once visibility is done)
  const std::map<std::string, double>* scales = nullptr;
  const std::string* band = nullptr;

  const ItemResult* Find(const std::string& id) const {
    for (const auto& r : items) {
      if (r.item_id == id) return &r;
    }
    return nullptr;
  }
  // Known: skipped (counts as 0) or answered. Visible and unanswered items are unknown.
  const ItemResult* Known(const std::string& id) const {
    const ItemResult* r = Find(id);
    if (r == nullptr || (r->visible && !r->answered)) return nullptr;
    return r;
  }
};

bool Eval(const Condition& c, const Env& env) {
  using K = Condition::Kind;
  switch (c.kind) {
    case K::kAlways: return true;
    case K::kItem: {
      const ItemResult* r = c.refs.empty() ? nullptr : env.Known(c.refs[0]);
      return r != nullptr && Holds(r->value, c.op, c.value);
    }
    case K::kItemCode: {
      const ItemResult* r = c.refs.empty() ? nullptr : env.Find(c.refs[0]);
      return r != nullptr && r->answered && r->code == c.code;
    }
    case K::kSum: {
      double sum = 0;
      for (const auto& id : c.refs) {
        const ItemResult* r = env.Known(id);
        if (r == nullptr) return false;
        sum += r->value;
      }
      return Holds(sum, c.op, c.value);
    }
    case K::kCount: {
      int n = 0;
      for (const auto& id : c.refs) {
        const ItemResult* r = env.Find(id);
        if (r != nullptr && r->answered && r->value >= c.at_least) ++n;
      }
      return Holds(n, c.op, c.value);
    }
    case K::kAnswered: {
      const ItemResult* r = c.refs.empty() ? nullptr : env.Find(c.refs[0]);
      return r != nullptr && r->answered;
    }
    case K::kScale: {
      if (env.scales == nullptr || c.refs.empty()) return false;
      auto it = env.scales->find(c.refs[0]);
      return it != env.scales->end() && Holds(it->second, c.op, c.value);
    }
    case K::kBand: return env.band != nullptr && !c.refs.empty() && *env.band == c.refs[0];
    case K::kSex:
      return std::find(c.refs.begin(), c.refs.end(), env.ctx.sex_at_birth) != c.refs.end();
    case K::kAll:
      return std::all_of(c.children.begin(), c.children.end(), [&](const Condition& x) { return Eval(x, env); });
    case K::kAny:
      return std::any_of(c.children.begin(), c.children.end(), [&](const Condition& x) { return Eval(x, env); });
    case K::kNot: return c.children.size() == 1 && !Eval(c.children[0], env);
  }
  return false;
}

// The index of the band holding `value`: the last band whose min <= value (the first when below all).
int BandIndex(const std::vector<Band>& bands, double value) {
  int found = bands.empty() ? -1 : 0;
  for (size_t i = 0; i < bands.size(); ++i) {
    if (bands[i].min <= value) found = static_cast<int>(i);
  }
  return found;
}

struct ScaleState {
  const Scale* scale = nullptr;
  const BandSet* set = nullptr;
  double value = 0;
  int band = -1;
};

}  // namespace

Result<Scoring> Score(const InstrumentDefinition& def, const Answers& answers, const ScoringContext& ctx) {
  FieldErrors errors;
  for (const auto& [id, code] : answers) {
    const Item* item = def.FindItem(id);
    if (item == nullptr) {
      errors.Add("answers." + id, "is not an item of " + def.code);
    } else if (item->FindOption(code) == nullptr) {
      std::string allowed;
      for (const auto& o : item->options) allowed += (allowed.empty() ? "" : ", ") + o.code;
      errors.Add("answers." + id, "must be one of: " + allowed);
    }
  }
  if (!errors.empty()) return errors.ToError("some answers are not valid for " + def.code);

  Scoring out;
  out.items.reserve(def.items.size());
  for (const auto& item : def.items) {
    Env env{def, ctx, out.items};
    ItemResult r;
    r.item_id = item.id;
    r.visible = Eval(item.show_when, env);
    if (r.visible) {
      if (auto it = answers.find(item.id); it != answers.end()) {
        r.answered = true;
        r.code = it->second;
        r.value = item.FindOption(it->second)->value;
      } else if (item.required) {
        out.missing.push_back(item.id);
      }
    }
    out.items.push_back(std::move(r));
  }
  out.complete = out.missing.empty();

  // Scales: sums of item values (skipped and unanswered items add 0), then bands, then bumps.
  std::vector<ScaleState> states;
  std::map<std::string, double> values;
  Env env{def, ctx, out.items};
  for (const auto& scale : def.scales) {
    ScaleState s;
    s.scale = &scale;
    ForEachScaleItem(def, scale, [&](const Item& item) {
      for (const auto& r : out.items) {
        if (r.item_id == item.id && r.answered) s.value += r.value;
      }
    });
    values[scale.code] = s.value;
    states.push_back(s);
  }
  env.scales = &values;
  for (auto& s : states) {
    for (const auto& set : s.scale->band_sets) {
      if (Eval(set.when, env)) {
        s.set = &set;
        s.band = BandIndex(set.bands, s.value);
        break;
      }
    }
  }
  for (const auto& bump : def.bumps) {
    if (!Eval(bump.when, env)) continue;
    for (auto& s : states) {
      if (s.scale->code != bump.scale || s.set == nullptr || s.band < 0) continue;
      s.band = std::min<int>(s.band + bump.steps, static_cast<int>(s.set->bands.size()) - 1);
    }
  }

  auto to_score = [](const ScaleState& s) {
    ScaleScore score{s.scale->code, s.scale->label, s.value, "", ""};
    if (s.set != nullptr && s.band >= 0) {
      score.band_code = s.set->bands[s.band].code;
      score.band_label = s.set->bands[s.band].label;
    }
    return score;
  };
  for (const auto& s : states) {
    if (s.scale->code == def.primary_scale) {
      ScaleScore primary = to_score(s);
      out.total = primary.value;
      out.band_code = primary.band_code;
      out.band_label = primary.band_label;
      out.scales.push_back(std::move(primary));
    }
  }
  for (const auto& s : states) {
    if (s.scale->code != def.primary_scale) out.scales.push_back(to_score(s));
  }
  for (const auto& outcome : def.outcomes) {
    if (Eval(outcome.when, env)) {
      out.band_code = outcome.code;
      out.band_label = outcome.label;
      break;
    }
  }

  env.band = &out.band_code;
  for (const auto& rule : def.flags) {
    if (Eval(rule.when, env)) out.flags.push_back({rule.code, rule.label, rule.severity, rule.safety});
  }
  return out;
}

// ---- integrity checks ------------------------------------------------------------------------------

namespace {

struct Allowed {
  int items_before = -1;  // show_when of item i: only items [0, i); -1 = any item
  bool scales = false;
  bool band = false;
};

void CheckCondition(const Condition& c, const InstrumentDefinition& def, const std::string& path, Allowed allowed,
                    FieldErrors& errors) {
  using K = Condition::Kind;
  auto check_item = [&](const std::string& id, const std::string& field) {
    const Item* item = def.FindItem(id);
    if (item == nullptr) {
      errors.Add(field, "names an unknown item \"" + id + "\"");
      return;
    }
    if (allowed.items_before >= 0 && item - def.items.data() >= allowed.items_before) {
      errors.Add(field, "may only name an earlier item (\"" + id + "\" comes later)");
    }
  };
  auto one_ref = [&](const char* field) {
    if (c.refs.size() != 1) {
      errors.Add(path + "." + field, "needs exactly one name");
      return false;
    }
    return true;
  };
  switch (c.kind) {
    case K::kAlways: return;
    case K::kItem:
    case K::kAnswered:
      if (one_ref(c.kind == K::kItem ? "item" : "answered")) {
        check_item(c.refs[0], path + (c.kind == K::kItem ? ".item" : ".answered"));
      }
      return;
    case K::kItemCode:
      if (!one_ref("item")) return;
      check_item(c.refs[0], path + ".item");
      if (const Item* item = def.FindItem(c.refs[0]); item != nullptr && item->FindOption(c.code) == nullptr) {
        errors.Add(path + ".code", "is not an option of item \"" + c.refs[0] + "\"");
      }
      return;
    case K::kSum:
    case K::kCount: {
      const std::string key = c.kind == K::kSum ? "sum" : "count";
      if (c.refs.empty()) errors.Add(path + "." + key, "needs at least one item");
      for (size_t i = 0; i < c.refs.size(); ++i) check_item(c.refs[i], path + "." + key + "[" + std::to_string(i) + "]");
      return;
    }
    case K::kScale:
      if (!allowed.scales) {
        errors.Add(path + ".scale", "scales can be used only in flags, outcomes and bumps");
      } else if (one_ref("scale") && def.FindScale(c.refs[0]) == nullptr) {
        errors.Add(path + ".scale", "names an unknown scale \"" + c.refs[0] + "\"");
      }
      return;
    case K::kBand:
      if (!allowed.band) errors.Add(path + ".band", "the band can be used only in flags");
      else one_ref("band");
      return;
    case K::kSex:
      if (c.refs.empty()) errors.Add(path + ".sex", "needs at least one value");
      return;
    case K::kAll:
    case K::kAny:
    case K::kNot: {
      const std::string key = c.kind == K::kAll ? "all" : c.kind == K::kAny ? "any" : "not";
      if (c.kind == K::kNot && c.children.size() != 1) errors.Add(path + ".not", "needs exactly one condition");
      if (c.kind != K::kNot && c.children.empty()) errors.Add(path + "." + key, "needs at least one condition");
      for (size_t i = 0; i < c.children.size(); ++i) {
        std::string child = path + "." + key + (c.kind == K::kNot ? "" : "[" + std::to_string(i) + "]");
        CheckCondition(c.children[i], def, child, allowed, errors);
      }
      return;
    }
  }
}

bool Whole(double v) { return std::floor(v) == v; }

void CheckBands(const BandSet& set, std::pair<double, double> range, const std::string& path, FieldErrors& errors) {
  if (set.bands.empty()) {
    errors.Add(path + ".bands", "needs at least one band");
    return;
  }
  std::set<std::string> codes;
  for (size_t i = 0; i < set.bands.size(); ++i) {
    const Band& b = set.bands[i];
    const std::string bp = path + ".bands[" + std::to_string(i) + "]";
    if (b.code.empty()) errors.Add(bp + ".code", "is required");
    if (!codes.insert(b.code).second) errors.Add(bp + ".code", "repeats \"" + b.code + "\"");
    if (!Whole(b.min) || !Whole(b.max)) errors.Add(bp, "min and max must be whole numbers");
    if (b.max < b.min) errors.Add(bp + ".max", "is below min");
    if (i == 0 && b.min != range.first) {
      errors.Add(bp + ".min", "must be the scale's lowest value " + std::to_string(static_cast<int>(range.first)));
    }
    if (i > 0 && b.min != set.bands[i - 1].max + 1) {
      errors.Add(bp + ".min", b.min <= set.bands[i - 1].max ? "overlaps the band before" : "leaves a gap after the band before");
    }
    if (i + 1 == set.bands.size() && b.max != range.second) {
      errors.Add(bp + ".max", "must be the scale's highest value " + std::to_string(static_cast<int>(range.second)));
    }
  }
}

}  // namespace

void CheckDefinition(const InstrumentDefinition& def, FieldErrors& errors) {
  if (def.code.empty()) errors.Add("code", "is required");
  if (def.name.empty()) errors.Add("name", "is required");
  if (def.copyright.empty()) errors.Add("copyright", "is required: name the copyright holder");
  if (def.interval_days < 0) errors.Add("interval_days", "must be 0 or more");
  if (def.items.empty()) errors.Add("items", "needs at least one item");
  std::set<std::string> ids;
  for (size_t i = 0; i < def.items.size(); ++i) {
    const Item& item = def.items[i];
    const std::string p = "items[" + std::to_string(i) + "]";
    if (item.id.empty()) errors.Add(p + ".id", "is required");
    if (!ids.insert(item.id).second) errors.Add(p + ".id", "repeats \"" + item.id + "\"");
    if (item.options.empty()) errors.Add(p + ".options", "needs at least one option");
    std::set<std::string> codes;
    for (size_t j = 0; j < item.options.size(); ++j) {
      const std::string op = p + ".options[" + std::to_string(j) + "].code";
      if (item.options[j].code.empty()) errors.Add(op, "is required");
      if (!codes.insert(item.options[j].code).second) errors.Add(op, "repeats \"" + item.options[j].code + "\"");
    }
    CheckCondition(item.show_when, def, p + ".show_when", {static_cast<int>(i), false, false}, errors);
  }
  std::set<std::string> scale_codes;
  for (size_t i = 0; i < def.scales.size(); ++i) {
    const Scale& s = def.scales[i];
    const std::string p = "scales[" + std::to_string(i) + "]";
    if (s.code.empty()) errors.Add(p + ".code", "is required");
    if (!scale_codes.insert(s.code).second) errors.Add(p + ".code", "repeats \"" + s.code + "\"");
    for (size_t j = 0; j < s.items.size(); ++j) {
      const Item* item = def.FindItem(s.items[j]);
      const std::string ip = p + ".items[" + std::to_string(j) + "]";
      if (item == nullptr) errors.Add(ip, "names an unknown item \"" + s.items[j] + "\"");
      else if (!item->scored) errors.Add(ip, "names an unscored item \"" + s.items[j] + "\"");
    }
    const auto range = ScaleRange(def, s);
    for (size_t k = 0; k < s.band_sets.size(); ++k) {
      const std::string bp = p + ".band_sets[" + std::to_string(k) + "]";
      CheckCondition(s.band_sets[k].when, def, bp + ".when", {}, errors);
      CheckBands(s.band_sets[k], range, bp, errors);
    }
  }
  if (!def.primary_scale.empty() && def.FindScale(def.primary_scale) == nullptr) {
    errors.Add("primary_scale", "names an unknown scale \"" + def.primary_scale + "\"");
  }
  if (!def.primary_scale.empty() && !def.outcomes.empty()) {
    errors.Add("outcomes", "an instrument has either a primary scale or outcomes, not both");
  }
  for (size_t i = 0; i < def.bumps.size(); ++i) {
    const std::string p = "bumps[" + std::to_string(i) + "]";
    const Scale* s = def.FindScale(def.bumps[i].scale);
    if (s == nullptr) errors.Add(p + ".scale", "names an unknown scale \"" + def.bumps[i].scale + "\"");
    else if (s->band_sets.empty()) errors.Add(p + ".scale", "the scale has no bands to bump");
    if (def.bumps[i].steps < 1) errors.Add(p + ".steps", "must be 1 or more");
    CheckCondition(def.bumps[i].when, def, p + ".when", {-1, true, false}, errors);
  }
  for (size_t i = 0; i < def.outcomes.size(); ++i) {
    const std::string p = "outcomes[" + std::to_string(i) + "]";
    if (def.outcomes[i].code.empty()) errors.Add(p + ".code", "is required");
    CheckCondition(def.outcomes[i].when, def, p + ".when", {-1, true, false}, errors);
  }
  std::set<std::string> flag_codes;
  for (size_t i = 0; i < def.flags.size(); ++i) {
    const FlagRule& f = def.flags[i];
    const std::string p = "flags[" + std::to_string(i) + "]";
    if (f.code.empty()) errors.Add(p + ".code", "is required");
    if (!flag_codes.insert(f.code).second) errors.Add(p + ".code", "repeats \"" + f.code + "\"");
    if (f.severity != "info" && f.severity != "warning" && f.severity != "urgent") {
      errors.Add(p + ".severity", "must be one of: info, warning, urgent");
    }
    CheckCondition(f.when, def, p + ".when", {-1, true, true}, errors);
  }
}

}  // namespace stepwise::assessment
