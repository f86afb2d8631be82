#include "care/assessment/dsm5.h"

namespace stepwise::assessment {
namespace {

// An ICD-10-CM substance class: the F1x category and the words of its titles.
struct SubstanceClass {
  std::string_view category;  // "F10"
  std::string_view icd_name;  // "Alcohol" → "Alcohol abuse, uncomplicated"
  std::string_view dsm_name;  // "Alcohol" → "Alcohol use disorder, mild"
};

constexpr SubstanceClass kAlcohol{"F10", "Alcohol", "Alcohol"};
constexpr SubstanceClass kOpioid{"F11", "Opioid", "Opioid"};
constexpr SubstanceClass kCannabis{"F12", "Cannabis", "Cannabis"};
constexpr SubstanceClass kSedative{"F13", "Sedative, hypnotic or anxiolytic", "Sedative, hypnotic, or anxiolytic"};
constexpr SubstanceClass kCocaine{"F14", "Cocaine", "Cocaine"};
constexpr SubstanceClass kStimulant{"F15", "Other stimulant", "Stimulant (amphetamine-type or other)"};
constexpr SubstanceClass kHallucinogen{"F16", "Hallucinogen", "Other hallucinogen"};
constexpr SubstanceClass kPhencyclidine{"F16", "Hallucinogen", "Phencyclidine"};
constexpr SubstanceClass kInhalant{"F18", "Inhalant", "Inhalant"};
constexpr SubstanceClass kOther{"F19", "Other psychoactive substance", "Other (or unknown) substance"};

const SubstanceClass* ClassOf(int teds) {
  switch (teds) {
    case 2: return &kAlcohol;
    case 3: return &kCocaine;
    case 4: return &kCannabis;
    case 5: case 6: case 7: return &kOpioid;        // heroin, non-prescription methadone, other opiates
    case 8: return &kPhencyclidine;                  // PCP: DSM-5 phencyclidine use disorder, coded F16
    case 9: return &kHallucinogen;
    case 10: case 11: case 12: return &kStimulant;   // methamphetamine, other amphetamines, other stimulants
    case 13: case 14: case 15: case 16: return &kSedative;
    case 17: return &kInhalant;
    case 18: case 19: return &kOther;                // over-the-counter, other
    default: return nullptr;                         // 1 = none, or not a TEDS substance code
  }
}

}  // namespace

const std::vector<program::CodeLabel>& SudCriteria() {
  static const std::vector<program::CodeLabel> k = {
      {"1", "Taken in larger amounts or longer than intended"},
      {"2", "Persistent desire or unsuccessful efforts to cut down"},
      {"3", "Great deal of time spent"},
      {"4", "Craving"},
      {"5", "Failure to fulfil major role obligations"},
      {"6", "Continued use despite social or interpersonal problems"},
      {"7", "Important activities given up"},
      {"8", "Recurrent use in physically hazardous situations"},
      {"9", "Continued use despite physical or psychological problems"},
      {"10", "Tolerance"},
      {"11", "Withdrawal"},
  };
  return k;
}

std::string SudSeverity(int criteria_met) {
  if (criteria_met >= 6) return "severe";
  if (criteria_met >= 4) return "moderate";
  if (criteria_met >= 2) return "mild";
  return "none";
}

std::vector<IcdSuggestion> SuggestIcd10(int teds_substance_code, std::string_view severity) {
  const SubstanceClass* c = ClassOf(teds_substance_code);
  if (!c) return {};
  bool mild = severity == "mild";
  if (!mild && severity != "moderate" && severity != "severe") return {};
  IcdSuggestion s;
  s.code = std::string(c->category) + (mild ? ".10" : ".20");
  s.label = std::string(c->icd_name) + (mild ? " abuse, uncomplicated" : " dependence, uncomplicated");
  s.dsm_label = std::string(c->dsm_name) + " use disorder, " + std::string(severity);
  return {s};
}

}  // namespace stepwise::assessment
