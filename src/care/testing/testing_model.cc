#include "care/testing/testing_model.h"

#include <algorithm>
#include <cstdio>
#include <map>

namespace stepwise::testing {

namespace {

std::string Num(double d) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", d);
  return buf;
}

bool OneOf(std::string_view s, const std::vector<std::string_view>& list) {
  return std::find(list.begin(), list.end(), s) != list.end();
}

}  // namespace

const Analyte* Panel::Find(std::string_view code) const {
  for (const auto& a : analytes) {
    if (a.code == code) return &a;
  }
  return nullptr;
}

const Panel* Policy::FindPanel(std::string_view code) const {
  for (const auto& p : panels) {
    if (p.code == code) return &p;
  }
  return nullptr;
}

const Analyte* Policy::FindAnalyte(std::string_view code) const {
  for (const auto& p : panels) {
    if (const Analyte* a = p.Find(code)) return a;
  }
  return nullptr;
}

const LadderStep* Policy::Step(int step) const {
  for (const auto& s : ladder) {
    if (s.step == step) return &s;
  }
  return nullptr;
}

int Policy::MaxStep() const {
  int max = 0;
  for (const auto& s : ladder) max = std::max(max, s.step);
  return max;
}

const Phase* Policy::PhaseOn(int day) const {
  for (const auto& p : phases) {
    if (day >= p.from_day && (!p.to_day || day <= *p.to_day)) return &p;
  }
  return nullptr;
}

const std::vector<std::string_view>& Specimens() {
  static const std::vector<std::string_view> v = {"urine", "oral_fluid"};
  return v;
}

const std::vector<std::string_view>& ObservedRules() {
  static const std::vector<std::string_view> v = {"never", "always", "after_dilute", "after_positive"};
  return v;
}

void CheckPolicy(const Policy& p, FieldErrors& errors) {
  if (p.panels.empty()) errors.Add("panels", "needs at least one panel");
  std::set<std::string> panel_codes;
  for (std::size_t i = 0; i < p.panels.size(); ++i) {
    const auto& panel = p.panels[i];
    const std::string path = "panels[" + std::to_string(i) + "]";
    if (!panel_codes.insert(panel.code).second) errors.Add(path + ".code", "is used by another panel");
    if (!OneOf(panel.specimen, Specimens())) errors.Add(path + ".specimen", "must be urine or oral_fluid");
    if (panel.analytes.empty()) errors.Add(path + ".analytes", "needs at least one analyte");
    std::set<std::string> codes;
    for (std::size_t k = 0; k < panel.analytes.size(); ++k) {
      const auto& a = panel.analytes[k];
      const std::string apath = path + ".analytes[" + std::to_string(k) + "]";
      if (!codes.insert(a.code).second) errors.Add(apath + ".code", "appears twice in the panel");
      if (a.screening_cutoff <= 0) errors.Add(apath + ".screening_cutoff", "must be greater than 0");
      if (a.confirmation_cutoff <= 0) errors.Add(apath + ".confirmation_cutoff", "must be greater than 0");
    }
  }
  const auto& v = p.validity;
  if (!(v.creatinine_dilute_min < v.creatinine_dilute_max)) {
    errors.Add("validity.creatinine_dilute_max", "must be above creatinine_dilute_min");
  }
  if (!(v.sg_dilute_min < v.sg_dilute_max)) errors.Add("validity.sg_dilute_max", "must be above sg_dilute_min");
  if (!(v.sg_substituted_low < v.sg_substituted_high)) {
    errors.Add("validity.sg_substituted_high", "must be above sg_substituted_low");
  }
  if (!(v.ph_low < v.ph_high)) errors.Add("validity.ph_high", "must be above ph_low");
  if (!(v.temperature_min_f < v.temperature_max_f)) {
    errors.Add("validity.temperature_max_f", "must be above temperature_min_f");
  }
  for (std::size_t i = 0; i < p.phases.size(); ++i) {
    const auto& ph = p.phases[i];
    const std::string path = "phases[" + std::to_string(i) + "]";
    if (ph.to_day && *ph.to_day < ph.from_day) errors.Add(path + ".to_day", "must be on or after from_day");
    for (std::size_t k = 0; k < i; ++k) {
      const auto& o = p.phases[k];
      const bool overlap = (!o.to_day || ph.from_day <= *o.to_day) && (!ph.to_day || o.from_day <= *ph.to_day);
      if (overlap) errors.Add(path + ".from_day", "overlaps phase " + o.code);
    }
  }
  if (p.random_rate_per_week < 0 || p.random_rate_per_week > 7) {
    errors.Add("random.rate_per_week", "must be 0 to 7");
  }
  if (p.random_days.empty()) errors.Add("random.days", "needs at least one collection day");
  if (!OneOf(p.observed, ObservedRules())) {
    errors.Add("observed", "must be one of never, always, after_dilute, after_positive");
  }
  if (p.act_on != "presumptive_positive" && p.act_on != "confirmed_positive") {
    errors.Add("act_on", "must be presumptive_positive or confirmed_positive");
  }
  for (std::size_t i = 0; i < p.ladder.size(); ++i) {
    const auto& s = p.ladder[i];
    const std::string path = "ladder[" + std::to_string(i) + "]";
    if (s.step != static_cast<int>(i) + 1) errors.Add(path + ".step", "steps must be numbered 1, 2, 3, … in order");
    if (i > 0 && s.window_days <= 0) errors.Add(path + ".window_days", "must be at least 1 from step 2 on");
    if (s.assignee.empty() == s.assignee_role.empty()) {
      errors.Add(path + ".assignee", "name either assignee (\"counselor\") or assignee_role");
    } else if (!s.assignee.empty() && s.assignee != "counselor") {
      errors.Add(path + ".assignee", "must be \"counselor\"");
    }
  }
  for (std::size_t i = 0; i < p.billing.definitive.size(); ++i) {
    const auto& t = p.billing.definitive[i];
    if (t.max_classes && *t.max_classes < t.min_classes) {
      errors.Add("billing.definitive[" + std::to_string(i) + "].max_classes", "must be at least min_classes");
    }
  }
}

void JudgeEntry(AnalyteEntry& e, const Analyte& a, const std::string& path, FieldErrors& errors) {
  e.screening_cutoff = a.screening_cutoff;
  e.confirmation_cutoff = a.confirmation_cutoff;
  if (e.stage != "screening" && e.stage != "confirmation") {
    errors.Add(path + ".stage", "must be screening or confirmation");
    return;
  }
  if (e.value) {
    if (e.unit != a.unit) {
      errors.Add(path + ".unit", "must be " + a.unit + " for " + a.label + (e.unit.empty() ? "" : ", not " + e.unit));
      return;
    }
    if (*e.value < 0) {
      errors.Add(path + ".value", "must not be negative");
      return;
    }
    const double cutoff = e.stage == "screening" ? a.screening_cutoff : a.confirmation_cutoff;
    e.outcome = *e.value >= cutoff ? "positive" : "negative";
    if (!e.reading.empty() && e.reading != e.outcome) {
      errors.Add(path + ".reading", "says " + e.reading + " but " + Num(*e.value) + " " + a.unit + " is " + e.outcome +
                                        " at the cut-off of " + Num(cutoff));
    }
    return;
  }
  if (e.reading == "negative" || e.reading == "positive") {
    e.outcome = e.reading;
    return;
  }
  errors.Add(path + ".value", "give a value in " + a.unit + " or a reading (negative or positive)");
}

std::vector<Interpretation> Interpret(const std::vector<AnalyteEntry>& entries, const std::set<std::string>& expected) {
  std::vector<Interpretation> out;
  std::map<std::string, std::size_t> at;
  std::map<std::string, std::string> screening, confirmation;  // latest outcome per stage
  for (const auto& e : entries) {
    auto [it, added] = at.try_emplace(e.code, out.size());
    if (added) out.push_back({e.code, e.code, "", false, std::nullopt, std::nullopt, 0, 0});
    Interpretation& i = out[it->second];
    i.screening_cutoff = e.screening_cutoff;
    i.confirmation_cutoff = e.confirmation_cutoff;
    if (e.stage == "confirmation") {
      confirmation[e.code] = e.outcome;
      i.confirmation_value = e.value;
    } else {
      screening[e.code] = e.outcome;
      i.screening_value = e.value;
    }
  }
  for (auto& i : out) {
    if (auto c = confirmation.find(i.code); c != confirmation.end()) {
      i.status = c->second == "positive" ? "confirmed_positive" : "not_confirmed";
      // A confirmation without a positive screening (a lab's direct definitive test) that is negative is
      // simply negative.
      if (i.status == "not_confirmed" && screening[i.code] != "positive") i.status = "negative";
    } else {
      i.status = screening[i.code] == "positive" ? "presumptive_positive" : "negative";
    }
    i.expected = IsPositive(i) && expected.contains(i.code);
  }
  return out;
}

bool IsPositive(const Interpretation& i) {
  return i.status == "presumptive_positive" || i.status == "confirmed_positive";
}

bool UnexpectedPositive(const std::vector<Interpretation>& list, std::string_view act_on) {
  return std::any_of(list.begin(), list.end(), [&](const Interpretation& i) {
    if (i.expected) return false;
    return act_on == "confirmed_positive" ? i.status == "confirmed_positive" : IsPositive(i);
  });
}

bool AllUnexpectedNotConfirmed(const std::vector<Interpretation>& list) {
  bool any = false;
  for (const auto& i : list) {
    if (i.expected) continue;
    if (IsPositive(i)) return false;
    if (i.status == "not_confirmed") any = true;
  }
  return any;
}

bool TemperatureInRange(double f, const ValidityLimits& limits) {
  return f >= limits.temperature_min_f && f <= limits.temperature_max_f;
}

Validity ClassifyValidity(const ValidityInput& in, const ValidityLimits& l, bool negative) {
  Validity v;
  const auto& cr = in.creatinine;
  const auto& sg = in.specific_gravity;
  bool substituted = false, adulterated = false, invalid = false, dilute = false;
  // Substituted: creatinine < 2 mg/dL with specific gravity ≤ 1.0010 or ≥ 1.0200.
  if (cr && sg && *cr < l.creatinine_dilute_min && (*sg <= l.sg_substituted_low || *sg >= l.sg_substituted_high)) {
    substituted = true;
    v.reasons.push_back("creatinine " + Num(*cr) + " mg/dL with specific gravity " + Num(*sg));
  } else if (cr && sg && *cr < l.creatinine_dilute_min) {
    // Creatinine below 2 with a specific gravity in between is neither substituted nor dilute: invalid.
    invalid = true;
    v.reasons.push_back("creatinine " + Num(*cr) + " mg/dL with specific gravity " + Num(*sg) + " (inconsistent)");
  }
  if (in.nitrite && *in.nitrite >= l.nitrite_adulterated) {
    adulterated = true;
    v.reasons.push_back("nitrite " + Num(*in.nitrite) + " µg/mL");
  }
  if (in.ph && *in.ph >= l.ph_high) {
    adulterated = true;
    v.reasons.push_back("pH " + Num(*in.ph));
  }
  if (in.ph && *in.ph < l.ph_low) {
    adulterated = true;
    v.reasons.push_back("pH " + Num(*in.ph) + " (below " + Num(l.ph_low) + ")");
  }
  if (in.temperature_f ? !TemperatureInRange(*in.temperature_f, l) : in.temperature_in_range == false) {
    invalid = true;
    v.reasons.push_back(in.temperature_f ? "temperature " + Num(*in.temperature_f) + " °F out of range"
                                         : "temperature out of range");
  }
  // Dilute: creatinine ≥ 2 and < 20 mg/dL with specific gravity > 1.0010 and < 1.0030.
  if (cr && sg && *cr >= l.creatinine_dilute_min && *cr < l.creatinine_dilute_max && *sg > l.sg_dilute_min &&
      *sg < l.sg_dilute_max) {
    dilute = true;
    v.reasons.push_back("dilute: creatinine " + Num(*cr) + " mg/dL, specific gravity " + Num(*sg));
    if (negative && *cr <= l.recollect_observed_creatinine_max) v.recollect_observed = true;
  }
  const bool tested = cr || sg || in.ph || in.nitrite || in.temperature_f || in.temperature_in_range;
  v.status = substituted   ? "substituted"
             : adulterated ? "adulterated"
             : invalid     ? "invalid"
             : dilute      ? "dilute"
             : tested      ? "valid"
                           : "not_tested";
  return v;
}

std::vector<BillingSuggestion> SuggestBilling(const Billing& b, const std::string& presumptive_method,
                                              int definitive_classes) {
  std::vector<BillingSuggestion> out;
  if (presumptive_method == "read_by_eye") out.push_back({b.read_by_eye, 1, "presumptive test read by direct optical observation"});
  if (presumptive_method == "instrument") out.push_back({b.instrument, 1, "presumptive test read by an instrument"});
  if (presumptive_method == "analyzer") out.push_back({b.analyzer, 1, "presumptive test by chemistry analyzer"});
  if (definitive_classes > 0) {
    for (const auto& t : b.definitive) {
      if (definitive_classes >= t.min_classes && (!t.max_classes || definitive_classes <= *t.max_classes)) {
        out.push_back({t.code, 1, "definitive testing of " + std::to_string(definitive_classes) + " drug class" +
                                      (definitive_classes == 1 ? "" : "es")});
        break;
      }
    }
  }
  return out;
}

}  // namespace stepwise::testing
