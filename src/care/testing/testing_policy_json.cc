#include "care/testing/testing_policy_json.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <cstdlib>
#include <iostream>

#include "platform/http/json.h"

namespace stepwise::testing {

extern const char* const kDefaultDrugTestingText;  // generated from config/drug_testing.json

namespace json = boost::json;
using http::Need;
using http::ObjectReader;

namespace {

constexpr double kMaxCutoff = 1e7;

Analyte ReadAnalyte(ObjectReader& r) {
  Analyte a;
  a.code = r.String("code", Need::kRequired, 40).value_or("");
  a.label = r.String("label", Need::kRequired, 120).value_or(a.code);
  a.drug_class = r.String("drug_class", Need::kOptional, 60).value_or(a.code);
  a.unit = r.String("unit", Need::kOptional, 20).value_or("ng/mL");
  a.screening_cutoff = r.Number("screening_cutoff", Need::kRequired, 0, kMaxCutoff).value_or(0);
  a.confirmation_cutoff = r.Number("confirmation_cutoff", Need::kRequired, 0, kMaxCutoff).value_or(0);
  a.note = r.String("note", Need::kOptional, 500).value_or("");
  return a;
}

void ReadValidity(ObjectReader& r, ValidityLimits& v) {
  auto num = [&](const char* key, double& field, double min, double max) {
    if (auto d = r.Number(key, Need::kOptional, min, max)) field = *d;
  };
  num("creatinine_dilute_min", v.creatinine_dilute_min, 0, 1000);
  num("creatinine_dilute_max", v.creatinine_dilute_max, 0, 1000);
  num("sg_dilute_min", v.sg_dilute_min, 0.9, 1.1);
  num("sg_dilute_max", v.sg_dilute_max, 0.9, 1.1);
  num("sg_substituted_low", v.sg_substituted_low, 0.9, 1.1);
  num("sg_substituted_high", v.sg_substituted_high, 0.9, 1.1);
  num("nitrite_adulterated", v.nitrite_adulterated, 0, 100000);
  num("ph_high", v.ph_high, 0, 14);
  num("ph_low", v.ph_low, 0, 14);
  num("temperature_min_f", v.temperature_min_f, 32, 120);
  num("temperature_max_f", v.temperature_max_f, 32, 120);
  num("recollect_observed_creatinine_max", v.recollect_observed_creatinine_max, 0, 1000);
}

}  // namespace

Result<Policy> ReadPolicy(const json::object& o) {
  Policy p;
  FieldErrors errors;
  ObjectReader r(o, "", errors);
  r.Value("_about");
  r.Objects("panels", Need::kRequired, [&](ObjectReader& pr) {
    Panel panel;
    panel.code = pr.String("code", Need::kRequired, 40).value_or("");
    panel.label = pr.String("label", Need::kRequired, 120).value_or(panel.code);
    panel.specimen = pr.String("specimen", Need::kOptional, 20).value_or("urine");
    pr.Objects("analytes", Need::kRequired, [&](ObjectReader& ar) { panel.analytes.push_back(ReadAnalyte(ar)); });
    p.panels.push_back(std::move(panel));
  });
  r.Object("validity", Need::kOptional, [&](ObjectReader& vr) { ReadValidity(vr, p.validity); });
  r.Objects("phases", Need::kOptional, [&](ObjectReader& pr) {
    Phase ph;
    ph.code = pr.String("code", Need::kRequired, 40).value_or("");
    ph.label = pr.String("label", Need::kOptional, 120).value_or(ph.code);
    ph.from_day = static_cast<int>(pr.Int("from_day", Need::kRequired, 1, 100000).value_or(1));
    if (auto to = pr.Int("to_day", Need::kOptional, 1, 100000)) ph.to_day = static_cast<int>(*to);
    ph.tests_per_week = static_cast<int>(pr.Int("tests_per_week", Need::kRequired, 0, 7).value_or(1));
    p.phases.push_back(std::move(ph));
  });
  r.Object("random", Need::kOptional, [&](ObjectReader& rr) {
    p.random_rate_per_week = rr.Number("rate_per_week", Need::kRequired, 0, 7).value_or(1);
    if (rr.Value("days")) {
      p.random_days = rr.Codes("days", Need::kRequired, {"mon", "tue", "wed", "thu", "fri", "sat", "sun"});
    }
  });
  p.observed = r.Code("observed", Need::kOptional, {"never", "always", "after_dilute", "after_positive"})
                   .value_or(p.observed);
  p.act_on = r.Code("act_on", Need::kOptional, {"presumptive_positive", "confirmed_positive"}).value_or(p.act_on);
  p.missed_counts_as_positive = r.Bool("missed_counts_as_positive").value_or(true);
  p.refused_counts_as_positive = r.Bool("refused_counts_as_positive").value_or(true);
  r.Objects("ladder", Need::kRequired, [&](ObjectReader& lr) {
    LadderStep s;
    s.step = static_cast<int>(lr.Int("step", Need::kRequired, 1, 20).value_or(0));
    s.window_days = static_cast<int>(lr.Int("window_days", Need::kOptional, 1, 3650).value_or(0));
    s.action = lr.String("action", Need::kRequired, 60).value_or("");
    s.task_kind = lr.Code("task_kind", Need::kOptional,
                          {"drug_test_review", "behavioral_contract", "discharge_review", "other"})
                      .value_or("drug_test_review");
    s.assignee = lr.String("assignee", Need::kOptional, 40).value_or("");
    s.assignee_role = lr.String("assignee_role", Need::kOptional, 60).value_or("");
    s.extra_tests_per_week = static_cast<int>(lr.Int("extra_tests_per_week", Need::kOptional, 0, 7).value_or(0));
    p.ladder.push_back(std::move(s));
  });
  r.Object("billing", Need::kOptional, [&](ObjectReader& br) {
    br.Object("presumptive", Need::kOptional, [&](ObjectReader& pr) {
      p.billing.read_by_eye = pr.String("read_by_eye", Need::kRequired, 10).value_or("");
      p.billing.instrument = pr.String("instrument", Need::kRequired, 10).value_or("");
      p.billing.analyzer = pr.String("analyzer", Need::kRequired, 10).value_or("");
    });
    br.Objects("definitive", Need::kOptional, [&](ObjectReader& dr) {
      DefinitiveTier t;
      t.min_classes = static_cast<int>(dr.Int("min_classes", Need::kRequired, 1, 100).value_or(1));
      if (auto m = dr.Int("max_classes", Need::kOptional, 1, 100)) t.max_classes = static_cast<int>(*m);
      t.code = dr.String("code", Need::kRequired, 10).value_or("");
      p.billing.definitive.push_back(std::move(t));
    });
  });
  r.RejectUnknown();
  if (errors.empty()) CheckPolicy(p, errors);
  if (!errors.empty()) return errors.ToError("the drug-testing policy has errors");
  return p;
}

Result<Policy> ParsePolicy(std::string_view text) {
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec || !v.is_object()) return Error::InvalidArgument("the drug-testing policy is not a JSON object");
  return ReadPolicy(v.get_object());
}

const Policy& BuiltinPolicy() {
  static const Policy policy = [] {
    auto p = ParsePolicy(kDefaultDrugTestingText);
    if (!p.ok()) {
      std::cerr << "config/drug_testing.json: " << p.error().message;
      for (const auto& f : p.error().fields) std::cerr << "\n  " << f.field << ": " << f.message;
      std::cerr << std::endl;
      std::abort();
    }
    return std::move(p).value();
  }();
  return policy;
}

json::object PolicyJson(const Policy& p) {
  json::array panels;
  for (const auto& panel : p.panels) {
    json::array analytes;
    for (const auto& a : panel.analytes) {
      json::object j{{"code", a.code},
                     {"label", a.label},
                     {"drug_class", a.drug_class},
                     {"unit", a.unit},
                     {"screening_cutoff", a.screening_cutoff},
                     {"confirmation_cutoff", a.confirmation_cutoff}};
      if (!a.note.empty()) j["note"] = a.note;
      analytes.emplace_back(std::move(j));
    }
    panels.emplace_back(json::object{
        {"code", panel.code}, {"label", panel.label}, {"specimen", panel.specimen}, {"analytes", std::move(analytes)}});
  }
  const auto& v = p.validity;
  json::object validity{{"creatinine_dilute_min", v.creatinine_dilute_min},
                        {"creatinine_dilute_max", v.creatinine_dilute_max},
                        {"sg_dilute_min", v.sg_dilute_min},
                        {"sg_dilute_max", v.sg_dilute_max},
                        {"sg_substituted_low", v.sg_substituted_low},
                        {"sg_substituted_high", v.sg_substituted_high},
                        {"nitrite_adulterated", v.nitrite_adulterated},
                        {"ph_high", v.ph_high},
                        {"ph_low", v.ph_low},
                        {"temperature_min_f", v.temperature_min_f},
                        {"temperature_max_f", v.temperature_max_f},
                        {"recollect_observed_creatinine_max", v.recollect_observed_creatinine_max}};
  json::array phases;
  for (const auto& ph : p.phases) {
    phases.emplace_back(json::object{{"code", ph.code},
                                     {"label", ph.label},
                                     {"from_day", ph.from_day},
                                     {"to_day", ph.to_day ? json::value(*ph.to_day) : json::value(nullptr)},
                                     {"tests_per_week", ph.tests_per_week}});
  }
  json::array days;
  for (const auto& d : p.random_days) days.emplace_back(d);
  json::array ladder;
  for (const auto& s : p.ladder) {
    json::object j{{"step", s.step}, {"action", s.action}, {"task_kind", s.task_kind}};
    if (s.window_days > 0) j["window_days"] = s.window_days;
    if (!s.assignee.empty()) j["assignee"] = s.assignee;
    if (!s.assignee_role.empty()) j["assignee_role"] = s.assignee_role;
    if (s.extra_tests_per_week > 0) j["extra_tests_per_week"] = s.extra_tests_per_week;
    ladder.emplace_back(std::move(j));
  }
  json::array definitive;
  for (const auto& t : p.billing.definitive) {
    definitive.emplace_back(json::object{
        {"min_classes", t.min_classes},
        {"max_classes", t.max_classes ? json::value(*t.max_classes) : json::value(nullptr)},
        {"code", t.code}});
  }
  return json::object{
      {"panels", std::move(panels)},
      {"validity", std::move(validity)},
      {"phases", std::move(phases)},
      {"random", json::object{{"rate_per_week", p.random_rate_per_week}, {"days", std::move(days)}}},
      {"observed", p.observed},
      {"act_on", p.act_on},
      {"missed_counts_as_positive", p.missed_counts_as_positive},
      {"refused_counts_as_positive", p.refused_counts_as_positive},
      {"ladder", std::move(ladder)},
      {"billing", json::object{{"presumptive", json::object{{"read_by_eye", p.billing.read_by_eye},
                                                            {"instrument", p.billing.instrument},
                                                            {"analyzer", p.billing.analyzer}}},
                               {"definitive", std::move(definitive)}}}};
}

std::string PolicyText(const Policy& p) { return json::serialize(PolicyJson(p)); }

namespace {

json::value OptNum(const std::optional<double>& d) { return d ? json::value(*d) : json::value(nullptr); }

std::optional<double> NumOf(const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  if (!v || !v->is_number()) return std::nullopt;
  return v->to_number<double>();
}

std::string TextOf(const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->get_string()) : std::string();
}

}  // namespace

json::object EntryJson(const AnalyteEntry& e) {
  return json::object{{"code", e.code},
                      {"value", OptNum(e.value)},
                      {"unit", e.unit},
                      {"reading", e.reading.empty() ? json::value(nullptr) : json::value(e.reading)},
                      {"stage", e.stage},
                      {"screening_cutoff", e.screening_cutoff},
                      {"confirmation_cutoff", e.confirmation_cutoff},
                      {"outcome", e.outcome}};
}

json::object ValidityInputJson(const ValidityInput& v) {
  return json::object{{"creatinine", OptNum(v.creatinine)},
                      {"specific_gravity", OptNum(v.specific_gravity)},
                      {"ph", OptNum(v.ph)},
                      {"nitrite", OptNum(v.nitrite)}};
}

std::string EntriesText(const std::vector<AnalyteEntry>& entries) {
  json::array a;
  for (const auto& e : entries) a.emplace_back(EntryJson(e));
  return json::serialize(a);
}

std::vector<AnalyteEntry> ParseEntries(std::string_view text) {
  std::vector<AnalyteEntry> out;
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec || !v.is_array()) return out;
  for (const auto& item : v.get_array()) {
    if (!item.is_object()) continue;
    const auto& o = item.get_object();
    AnalyteEntry e;
    e.code = TextOf(o, "code");
    e.value = NumOf(o, "value");
    e.unit = TextOf(o, "unit");
    e.reading = TextOf(o, "reading");
    e.stage = TextOf(o, "stage");
    e.screening_cutoff = NumOf(o, "screening_cutoff").value_or(0);
    e.confirmation_cutoff = NumOf(o, "confirmation_cutoff").value_or(0);
    e.outcome = TextOf(o, "outcome");
    out.push_back(std::move(e));
  }
  return out;
}

std::string ValidityText(const ValidityInput& v) { return json::serialize(ValidityInputJson(v)); }

ValidityInput ParseValidityText(std::string_view text) {
  ValidityInput in;
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec || !v.is_object()) return in;
  const auto& o = v.get_object();
  in.creatinine = NumOf(o, "creatinine");
  in.specific_gravity = NumOf(o, "specific_gravity");
  in.ph = NumOf(o, "ph");
  in.nitrite = NumOf(o, "nitrite");
  return in;
}

}  // namespace stepwise::testing
