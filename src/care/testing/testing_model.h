// Drug testing as policy data (ADR 0012 decision 9): panels of analytes with their cut-offs, specimen
// validity limits, testing frequency per phase, random selection, observed collection, whether a missed
// or refused test counts as positive, the consequences ladder and billing codes. And the pure rules
// judged by it: an analyte reading against its cut-offs, specimen validity, the billing suggestion of a
// collection. Pure: standard library and platform/base only. Facts: docs clinical reference §3 and §5.
// Codes are stored as text ("presumptive_positive"); never rename one once released.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "platform/base/dates.h"
#include "platform/base/result.h"

namespace stepwise::testing {

struct Analyte {
  std::string code, label;
  std::string drug_class;  // for definitive billing (G0480–G0483 count drug classes); "" = the code
  std::string unit = "ng/mL";
  double screening_cutoff = 0;
  double confirmation_cutoff = 0;
  std::string note;  // e.g. a [conflict] between sources
};

struct Panel {
  std::string code, label;
  std::string specimen = "urine";  // urine | oral_fluid
  std::vector<Analyte> analytes;
  const Analyte* Find(std::string_view code) const;
};

// Specimen validity limits (HHS/DOT, 49 CFR 40.87–40.88); every one a setting.
struct ValidityLimits {
  double creatinine_dilute_min = 2, creatinine_dilute_max = 20;  // mg/dL
  double sg_dilute_min = 1.0010, sg_dilute_max = 1.0030;
  double sg_substituted_low = 1.0010, sg_substituted_high = 1.0200;
  double nitrite_adulterated = 500;  // µg/mL
  double ph_high = 11;
  double ph_low = 4;  // [conflict] 3 in older rules
  double temperature_min_f = 90, temperature_max_f = 100;
  double recollect_observed_creatinine_max = 5;  // a dilute negative at or below this → observed recollection
};

struct Phase {
  std::string code, label;
  int from_day = 1;               // day 1 = the admission date
  std::optional<int> to_day;      // inclusive; none = open-ended
  int tests_per_week = 1;
};

struct LadderStep {
  int step = 1;
  int window_days = 0;  // from step 2: the previous counted event must be at most this many days earlier
  std::string action;   // warning | behavioral_contract | discharge_review (text shown to staff)
  std::string task_kind = "drug_test_review";
  std::string assignee;       // "counselor" = the episode's counselor
  std::string assignee_role;  // or a role queue ("program_director")
  int extra_tests_per_week = 0;
};

struct DefinitiveTier {
  int min_classes = 1;
  std::optional<int> max_classes;
  std::string code;
};

struct Billing {
  std::string read_by_eye = "80305", instrument = "80306", analyzer = "80307";
  std::vector<DefinitiveTier> definitive;
};

struct Policy {
  std::vector<Panel> panels;
  ValidityLimits validity;
  std::vector<Phase> phases;
  double random_rate_per_week = 1;
  std::vector<std::string> random_days = {"mon", "tue", "wed", "thu", "fri"};
  std::string observed = "after_dilute";          // never | always | after_dilute | after_positive
  std::string act_on = "presumptive_positive";    // or confirmed_positive: which results start the ladder
  bool missed_counts_as_positive = true;
  bool refused_counts_as_positive = true;
  std::vector<LadderStep> ladder;
  Billing billing;

  const Panel* FindPanel(std::string_view code) const;
  // The analyte in any panel (the first that has it).
  const Analyte* FindAnalyte(std::string_view code) const;
  const LadderStep* Step(int step) const;
  int MaxStep() const;
  // The phase on `day_in_program` (1 = admission day); nullptr when none covers it.
  const Phase* PhaseOn(int day_in_program) const;
};

const std::vector<std::string_view>& Specimens();
const std::vector<std::string_view>& ObservedRules();
// Field errors for a policy that cannot work (unknown codes, cut-offs, overlapping phases, ladder order).
void CheckPolicy(const Policy& p, FieldErrors& errors);

// ---- results ------------------------------------------------------------------------------------

// One analyte as entered: a cup reading (negative/positive) or a value in the analyte's unit.
struct AnalyteEntry {
  std::string code;
  std::optional<double> value;
  std::string unit;
  std::string reading;               // negative | positive | "" (from the value)
  std::string stage = "screening";   // screening | confirmation
  // Stored with the entry: the cut-offs it was judged by, and the outcome at its stage.
  double screening_cutoff = 0, confirmation_cutoff = 0;
  std::string outcome;  // screening: negative | positive; confirmation: positive | negative
};

// Judges one entry against its cut-offs (filled from `a`): at or above the stage's cut-off → positive.
// A cup reading without a value is taken as read. Field errors (under `path`) for a unit other than the
// analyte's or neither value nor reading.
void JudgeEntry(AnalyteEntry& e, const Analyte& a, const std::string& path, FieldErrors& errors);

// An analyte's interpretation over every stage entered for it.
struct Interpretation {
  std::string code, label;
  std::string status;  // negative | presumptive_positive | confirmed_positive | not_confirmed
  bool expected = false;  // prescribed (medications), so not a violation
  std::optional<double> screening_value, confirmation_value;
  double screening_cutoff = 0, confirmation_cutoff = 0;
};
// Latest screening and latest confirmation per analyte code (entries in the order entered).
std::vector<Interpretation> Interpret(const std::vector<AnalyteEntry>& entries, const std::set<std::string>& expected);
bool IsPositive(const Interpretation& i);  // presumptive or confirmed
// Whether the interpretations hold an unexpected positive that acts on the ladder under `act_on`.
bool UnexpectedPositive(const std::vector<Interpretation>& list, std::string_view act_on);
// True when an earlier unexpected presumptive positive is now wholly not confirmed (withdraws its event).
bool AllUnexpectedNotConfirmed(const std::vector<Interpretation>& list);

struct ValidityInput {
  std::optional<double> creatinine, specific_gravity, ph, nitrite, temperature_f;
  std::optional<bool> temperature_in_range;  // a strip reading when no number was taken
};
struct Validity {
  std::string status = "valid";  // valid | dilute | substituted | adulterated | invalid | not_tested
  std::vector<std::string> reasons;
  bool recollect_observed = false;  // DOT: a dilute negative with creatinine 2–5 mg/dL
};
// Substituted, adulterated, invalid, dilute, valid in that order of precedence; `negative` says whether
// every analyte was negative (for the observed-recollection rule).
Validity ClassifyValidity(const ValidityInput& in, const ValidityLimits& limits, bool negative);
bool TemperatureInRange(double f, const ValidityLimits& limits);

// ---- billing --------------------------------------------------------------------------------------

struct BillingSuggestion {
  std::string code;
  int units = 1;
  std::string reason;
};
// presumptive_method: read_by_eye | instrument | analyzer ("" = none performed). Definitive code by the
// number of drug classes with a confirmation entry.
std::vector<BillingSuggestion> SuggestBilling(const Billing& b, const std::string& presumptive_method,
                                              int definitive_classes);

}  // namespace stepwise::testing
