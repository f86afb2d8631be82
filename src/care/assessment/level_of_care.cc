#include "care/assessment/level_of_care.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "care/assessment/level_of_care_condition.h"

namespace stepwise::assessment {

extern const char* const kDefaultLevelOfCareText;  // generated from config/level_of_care.txt

std::string_view DirectionCode(Direction d) {
  switch (d) {
    case Direction::kStepDown: return "step_down";
    case Direction::kContinue: return "continue";
    case Direction::kStepUp: return "step_up";
  }
  return "continue";
}

const LevelOfCarePolicy& LevelOfCarePolicy::Default() {
  static const LevelOfCarePolicy policy = [] {
    auto parsed = Parse(kDefaultLevelOfCareText);
    if (!parsed.ok()) std::abort();  // the compiled-in policy is checked by a unit test
    return std::move(parsed).value();
  }();
  return policy;
}

Result<LevelOfCarePolicy> LevelOfCarePolicy::WithEdition(int edition) const {
  if (!FindEdition(edition)) {
    return Error::Field("edition", "the level-of-care policy declares no levels for edition " + std::to_string(edition));
  }
  LevelOfCarePolicy copy = *this;
  copy.edition_ = edition;
  return copy;
}

const LevelOfCarePolicy::Edition* LevelOfCarePolicy::FindEdition(int number) const {
  for (const auto& e : edition_data_) {
    if (e.number == number) return &e;
  }
  return nullptr;
}

// Parse guarantees the active edition exists.
const LevelOfCarePolicy::Edition& LevelOfCarePolicy::active() const { return *FindEdition(edition_); }

const std::vector<CareLevel>& LevelOfCarePolicy::levels() const { return active().levels; }

const CareLevel* LevelOfCarePolicy::FindLevel(std::string_view code) const {
  for (const auto& l : active().levels) {
    if (l.code == code) return &l;
  }
  return nullptr;
}

const CareLevel& LevelOfCarePolicy::iop_level() const {
  const auto& ls = active().levels;
  return *std::find_if(ls.begin(), ls.end(), [](const CareLevel& l) { return l.iop; });
}

const CareLevel& LevelOfCarePolicy::floor_level() const { return *FindLevel(active().floor); }

const std::vector<std::string>& LevelOfCarePolicy::dimension_names() const { return active().dimension_names; }

bool LevelOfCarePolicy::HasFlag(std::string_view code) const {
  return std::any_of(flags_.begin(), flags_.end(), [&](const auto& f) { return f.first == code; });
}

std::vector<PolicyRule> LevelOfCarePolicy::rules() const {
  std::vector<PolicyRule> out;
  for (const auto& r : rules_) {
    if (r.info.edition == 0 || r.info.edition == edition_) out.push_back(r.info);
  }
  return out;
}

Result<Recommendation> LevelOfCarePolicy::Recommend(const LevelOfCareInput& input) const {
  FieldErrors errors;
  for (std::size_t i = 0; i < input.ratings.size(); ++i) {
    const auto& r = input.ratings[i];
    if (r && (*r < 0 || *r > 4)) {
      errors.Add("dimensions[" + std::to_string(i) + "].rating", "a rating is 0 (none) to 4 (extreme)");
    }
  }
  for (const auto& f : input.flags) {
    if (!HasFlag(f)) errors.Add("flags", "unknown flag " + f + " (the level-of-care policy does not declare it)");
  }
  if (!errors.empty()) return errors.ToError();

  Recommendation rec;
  rec.policy_name = name_;
  rec.edition = edition_;
  const CareLevel* winner = nullptr;
  for (const auto& r : rules_) {
    if (r.info.edition != 0 && r.info.edition != edition_) continue;
    const CareLevel* needs = FindLevel(r.info.needs_level);  // Parse checked it exists
    TraceLine line{r.info.rule, r.info.reason, r.info.needs_level, needs->label, false, false};
    line.fired = detail::Holds(*r.condition, input);
    if (line.fired && (!winner || needs->intensity > winner->intensity)) winner = needs;
    rec.trace.push_back(std::move(line));
  }
  if (!winner) {
    winner = &floor_level();
    rec.from_floor = true;
  } else {
    for (auto& line : rec.trace) line.decisive = line.fired && line.needs_level == winner->code;
    rec.iop_excluded = winner->intensity > iop_level().intensity;
  }
  rec.level = winner->code;
  rec.level_label = winner->label;
  return rec;
}

int LevelOfCarePolicy::IntensityOf(std::string_view code) const {
  if (const CareLevel* l = FindLevel(code)) return l->intensity;
  for (const auto& e : edition_data_) {
    for (const auto& l : e.levels) {
      if (l.code == code) return l.intensity;
    }
  }
  std::string text(code);
  char* end = nullptr;
  double v = std::strtod(text.c_str(), &end);
  if (text.empty() || end != text.c_str() + text.size() || !std::isfinite(v)) return -1;
  return static_cast<int>(std::lround(v * 10));
}

Direction LevelOfCarePolicy::Compare(std::string_view current_level, std::string_view recommended) const {
  int current = IntensityOf(current_level);
  int next = IntensityOf(recommended);
  if (current < 0 || next < 0 || current == next) return Direction::kContinue;
  return next > current ? Direction::kStepUp : Direction::kStepDown;
}

}  // namespace stepwise::assessment
