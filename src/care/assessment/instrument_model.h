// Screening instruments as data (ADR 0010): the definition types, a small condition language for skip
// logic, sex-specific bands, zone bumps and flags, and the one generic engine `Score` that evaluates any
// definition. Pure model and rules: no I/O; the JSON form lives in instrument_catalog.*.
//
// Conditions. A `Condition` is a small tree evaluated against the answers (and, for flags, the scales):
//   {"item": "q1", "op": "==", "value": 0}             an item's scored value compared with a number
//   {"item": "q6", "code": "yes"}                      an item answered with this option code
//   {"sum": ["q2", "q3"], "op": "==", "value": 0}      the sum of items' values compared with a number
//   {"count": ["q1", "q2"], "at_least": 2, "op": ">=", "value": 1}   how many items have a value >= at_least
//   {"answered": "q1"}                                 the item has a (visible) answer
//   {"scale": "risk", "op": ">=", "value": 12}         a scale's value (flags and outcomes only)
//   {"band": "positive"}                               the primary band after bumps (flags only)
//   {"sex": ["male"]}                                  ScoringContext::sex_at_birth is one of these
//   {"all": [...]}, {"any": [...]}, {"not": {...}}, {"always": true}
// An item that is visible but not yet answered is *unknown*: an item or sum comparison on it is false
// (so `not` of it is true: an item behind "hide when Q1 = 0" stays shown until Q1 is answered, and an
// item behind "show when Q2 = yes" stays hidden until Q2 is answered yes). Hidden (skipped) items are
// known and count as 0. `count` counts only answered items. show_when may name only earlier items.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/base/result.h"

namespace stepwise::assessment {

enum class Compare { kEq, kNe, kGe, kGt, kLe, kLt };
const char* CompareName(Compare op);                         // "==", "!=", ">=", ">", "<=", "<"
std::optional<Compare> ParseCompare(std::string_view text);  // the inverse; nullopt for anything else
bool Holds(double lhs, Compare op, double rhs);

struct Condition {
  enum class Kind { kAlways, kItem, kItemCode, kSum, kCount, kAnswered, kScale, kBand, kSex, kAll, kAny, kNot };
  Kind kind = Kind::kAlways;
  std::vector<std::string> refs;   // kItem, kItemCode, kAnswered: one item id; kSum, kCount: item ids;
                                   // kScale: one scale code; kBand: one band code; kSex: sexes
  std::string code;                // kItemCode: the option code
  Compare op = Compare::kEq;       // kItem, kSum, kCount, kScale
  double value = 0;                // the right-hand side of the comparison
  double at_least = 1;             // kCount: an item counts when its value >= at_least
  std::vector<Condition> children; // kAll, kAny: any number; kNot: exactly one

  static Condition Always() { return {}; }
  static Condition ItemIs(std::string item, Compare op, double value);
  static Condition ItemCode(std::string item, std::string code);
  static Condition Sum(std::vector<std::string> items, Compare op, double value);
  static Condition Count(std::vector<std::string> items, double at_least, Compare op, double value);
  static Condition Answered(std::string item);
  static Condition ScaleIs(std::string scale, Compare op, double value);
  static Condition BandIs(std::string band);
  static Condition SexIs(std::vector<std::string> sexes);
  static Condition All(std::vector<Condition> c);
  static Condition Any(std::vector<Condition> c);
  static Condition Not(Condition c);
};

struct AnswerOption {
  std::string code;
  std::string label;
  double value = 0;   // the scored value (DAST-10 Q3 "no" = 1: reverse scoring is just the values)
  std::string loinc;  // LOINC answer code, "" when none
};

struct Item {
  std::string id;     // "q1".."q9", stable, used as the answer key
  std::string text;   // item wording, or a short label where wording is not free to reproduce
  std::string loinc;  // "" when none
  std::vector<AnswerOption> options;
  bool required = true;  // when visible
  bool scored = true;    // PHQ-9 difficulty item: false (never summed into a scale)
  Condition show_when;   // Always() unless the item sits behind skip logic or branching
  const AnswerOption* FindOption(std::string_view code) const;
};

// A band is an inclusive range [min, max] of a scale's value.
struct Band {
  std::string code, label;
  double min = 0, max = 0;
};

// One set of bands for a scale. A scale may carry several variants (e.g. AUDIT-C by sex): the first whose
// `when` holds is used, so the last variant is normally the unconditional, general one.
struct BandSet {
  Condition when;
  std::vector<Band> bands;  // ascending; together they cover the scale's range without gaps or overlaps
  std::string note;         // where the cut-off comes from, e.g. "[conflict] Arroll 2010 uses >= 2"
};

struct Scale {
  std::string code, label;
  std::vector<std::string> items;  // item ids summed; empty = every scored item
  std::vector<BandSet> band_sets;  // may be empty (a scale without bands)
};

// Moves a scale's band to the next higher band(s) when the condition holds (AUDIT: a zone up when Q4-Q6 >= 2
// or Q9/Q10 = 4). Never beyond the last band.
struct BandBump {
  std::string scale;
  Condition when;
  int steps = 1;
  std::string note;
};

// For instruments not summed into a total (C-SSRS): the primary result is the first outcome that holds.
struct Outcome {
  std::string code, label;
  Condition when;
};

struct FlagRule {
  std::string code, label;
  std::string severity = "info";  // "info" | "warning" | "urgent"
  bool safety = false;            // raises a safety alert when the response is completed
  Condition when;
};

struct InstrumentDefinition {
  std::string code;  // "PHQ9", "PHQ2", "GAD7", "AUDIT", "AUDITC", "DAST10", "CAGEAID", "CSSRS_SCREEN", "BAMR", "PCL5"
  std::string name, version, copyright, license_note, loinc_panel, loinc_total;
  std::string instructions;  // the stem shown above the items ("Over the last 2 weeks, ...")
  std::vector<std::string> notes;  // scoring notes: conflicts between sources and the choice made
  int interval_days = 0;           // suggested repeat interval, 0 = none (PHQ-9: 14)
  std::vector<Item> items;
  std::vector<Scale> scales;        // totals and subscales as sums of items
  std::string primary_scale;        // the scale reported as `total`; "" = none (C-SSRS, BAM-R)
  std::vector<BandBump> bumps;
  std::vector<Outcome> outcomes;    // when present they decide the primary band (and primary_scale is "")
  std::vector<FlagRule> flags;

  const Item* FindItem(std::string_view id) const;
  const Scale* FindScale(std::string_view code) const;
};

// The lowest and highest value a scale can take (sums of each item's lowest and highest option value).
std::pair<double, double> ScaleRange(const InstrumentDefinition& def, const Scale& scale);

// Checks a definition's integrity: unique item ids and option codes, conditions naming existing items
// (show_when only earlier items, and no scales or bands), scales naming scored items, bands of whole numbers
// covering the scale's range without gaps or overlaps, known severities. Field paths are relative to the
// definition ("items[2].options[1].code", "scales[0].band_sets[1].bands[0].min").
void CheckDefinition(const InstrumentDefinition& def, FieldErrors& errors);

struct ScaleScore {
  std::string code, label;
  double value = 0;
  std::string band_code, band_label;
};
struct Flag {
  std::string code, label, severity;
  bool safety = false;
};
struct ItemResult {
  std::string item_id;
  bool visible = true;
  bool answered = false;  // a hidden item is never answered: its answer is ignored and it scores 0
  std::string code;
  double value = 0;
};
struct ScoringContext {
  std::string sex_at_birth;  // "female" | "male" | other -> the general cut-off
};
struct Scoring {
  bool complete = false;             // every visible required item answered
  std::vector<std::string> missing;  // ids of visible required items not yet answered
  std::optional<double> total;       // the primary scale; nullopt for unsummed instruments (C-SSRS)
  std::string band_code, band_label; // the primary result (C-SSRS: "high" / "moderate" / "low" / "none")
  std::vector<ScaleScore> scales;    // primary first, then subscales
  std::vector<Flag> flags;
  std::vector<ItemResult> items;     // in definition order
  bool HasFlag(std::string_view code) const;
};
using Answers = std::map<std::string, std::string>;  // item id -> answer code

// Field errors "answers.<id>" for an unknown item or a code outside the item's options (kInvalidArgument).
// Partial answers score as far as they go.
Result<Scoring> Score(const InstrumentDefinition& def, const Answers& answers, const ScoringContext& ctx);

}  // namespace stepwise::assessment
