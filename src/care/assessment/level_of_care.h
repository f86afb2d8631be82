// The level-of-care policy: a program's own table from ASAM dimension ratings and clinician or instrument
// flags to the least intensive level of care that can safely address each, with the most intensive demand
// winning and every rule shown as a trace. It is NOT ASAM's algorithm (there is no public one); the
// shipped file config/level_of_care.txt is a local example policy. Read from text (compiled in; the
// server's `--level-of-care FILE` replaces it); the file format is described at the top of that file.
// Pure: no I/O beyond parsing the text it is given.
// Thread-safety: immutable after Parse; share freely.
#pragma once

#include <array>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "platform/base/result.h"

namespace stepwise::assessment {

// A level of care in one edition. Codes match program::LevelsOfCare() ("1.0", "2.1", "4.0", ...).
struct CareLevel {
  std::string code;
  std::string label;
  int intensity = 0;  // orders levels; comparable across editions (the shipped file uses code × 10)
  bool iop = false;   // the intensive outpatient level of this edition (exactly one per edition)
};

struct LevelOfCareInput {
  std::array<std::optional<int>, 6> ratings;  // dimension 1..6 at index 0..5, each 0..4; nullopt = not rated
  // Clinician flags + instrument flags ("cssrs_high", ...). Only flags the policy declares are accepted
  // (see HasFlag): filter instrument flags through it before calling Recommend.
  std::set<std::string> flags;
};

// One rule of the active edition, as evaluated for an input.
struct TraceLine {
  std::string rule;         // the condition as written, e.g. "D1 >= 3 or flag severe_withdrawal"
  std::string reason;       // the policy's reason text
  std::string needs_level;  // the level the rule demands at least, e.g. "3.7"
  std::string needs_label;  // that level's label in the active edition
  bool fired = false;
  bool decisive = false;    // fired and demands the recommended level (ties: every such rule)
};

struct Recommendation {
  std::string level;  // a level code of the active edition
  std::string level_label;
  bool iop_excluded = false;     // the winning demand is more intensive than the edition's IOP level
  bool from_floor = false;       // no rule fired; the policy's floor applies
  std::vector<TraceLine> trace;  // every rule of the active edition, fired or not, in file order
  std::string policy_name;
  int edition = 3;
};

// A rule as declared, for showing the policy (GET /api/v1/level-of-care/policy).
struct PolicyRule {
  std::string rule;         // the condition as written
  std::string reason;
  std::string needs_level;
  int edition = 0;          // 0 = the rule applies in every edition; else 3 or 4
  int line = 0;             // line number in the policy text
};

enum class Direction { kStepDown, kContinue, kStepUp };
// "step_down" | "continue" | "step_up" — stored and sent as text; never rename.
std::string_view DirectionCode(Direction d);

namespace detail {
struct Condition;  // the parsed condition of a rule (level_of_care.cc)
}

class LevelOfCarePolicy {
 public:
  // The policy compiled into the binary (config/level_of_care.txt); aborts if it does not parse (a unit
  // test checks it does).
  static const LevelOfCarePolicy& Default();
  // Parses policy text. Errors are kInvalidArgument with one field error "level_of_care" whose message
  // names the line and what is wrong ("line 12: unknown level 2.3 in edition 3"); the error's message
  // carries the same text. Problems of the whole file (a missing floor, no iop level) name no line.
  static Result<LevelOfCarePolicy> Parse(std::string_view text);
  // The same policy with another declared edition active; kInvalidArgument (field "edition") if the
  // policy declares no levels for it.
  Result<LevelOfCarePolicy> WithEdition(int edition) const;

  int edition() const { return edition_; }
  const std::string& name() const { return name_; }
  bool is_example() const { return example_; }
  const std::vector<int>& editions() const { return editions_; }  // declared editions, ascending

  const std::vector<CareLevel>& levels() const;  // active edition, least intensive first
  const CareLevel* FindLevel(std::string_view code) const;  // active edition; nullptr if unknown
  const CareLevel& iop_level() const;                        // active edition
  const CareLevel& floor_level() const;                      // active edition
  const std::vector<std::string>& dimension_names() const;  // 6, active edition (dimension n at n - 1)
  const std::vector<std::pair<std::string, std::string>>& flags() const { return flags_; }  // code, label
  bool HasFlag(std::string_view code) const;
  std::vector<PolicyRule> rules() const;  // rules of the active edition, in file order

  // The recommendation for a set of ratings and flags. Field errors (kInvalidArgument):
  // "dimensions[i].rating" for a rating outside 0..4 (i = dimension number - 1), "flags" for a flag the
  // policy does not declare. Unrated dimensions make no comparison true ("D1 >= 3", "D1 <= 1" and
  // "all D <= 1" are all false while D1 is unrated), so they fire no rule.
  Result<Recommendation> Recommend(const LevelOfCareInput& input) const;

  // For continued-stay reviews: recommended vs current by intensity in the active edition. Codes unknown
  // in the active edition fall back to another edition's intensity, then to the numeric code × 10; a code
  // that is none of these (e.g. "") gives kContinue.
  Direction Compare(std::string_view current_level, std::string_view recommended) const;

 private:
  struct Edition {
    int number = 0;
    std::vector<CareLevel> levels;
    std::vector<std::string> dimension_names;  // 6 once validated
    std::string floor;
  };
  struct Rule {
    PolicyRule info;
    std::shared_ptr<const detail::Condition> condition;
  };
  friend class PolicyParser;

  const Edition& active() const;
  const Edition* FindEdition(int number) const;
  int IntensityOf(std::string_view code) const;

  std::string name_;
  bool example_ = false;
  int edition_ = 3;
  std::vector<int> editions_;
  std::vector<Edition> edition_data_;
  std::vector<std::pair<std::string, std::string>> flags_;
  std::vector<Rule> rules_;
};

}  // namespace stepwise::assessment
