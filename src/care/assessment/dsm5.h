// DSM-5 substance use disorder criteria, severity from the number of criteria met, and ICD-10-CM code
// suggestions from a TEDS substance code and that severity. Suggestions only: the clinician records the
// diagnosis. Pure: no I/O. (The TEDS code lists are in teds.h, included here for convenience.)
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "care/admissions/teds.h"
#include "care/program/program_model.h"

namespace stepwise::assessment {

using admissions::TedsFrequencies;
using admissions::TedsReferralSources;
using admissions::TedsRoutes;
using admissions::TedsSubstances;

// The 11 DSM-5 SUD criteria as short labels (not the manual's wording), codes "1".."11".
const std::vector<program::CodeLabel>& SudCriteria();

// "none" (0–1 criteria), "mild" (2–3), "moderate" (4–5), "severe" (6+). Negative counts are "none".
std::string SudSeverity(int criteria_met);

struct IcdSuggestion {
  std::string code;       // "F10.20"
  std::string label;      // the ICD-10-CM title: "Alcohol dependence, uncomplicated"
  std::string dsm_label;  // the DSM-5 name it stands for: "Alcohol use disorder, moderate"
};

// The ICD-10-CM code for a TEDS substance (2..19) at a severity ("mild" → F1x.10, "moderate"/"severe" →
// F1x.20). Empty for severity "none" or unknown, TEDS 1 ("none") and unknown substance codes.
std::vector<IcdSuggestion> SuggestIcd10(int teds_substance_code, std::string_view severity);

}  // namespace stepwise::assessment
