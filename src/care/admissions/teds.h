// TEDS (Treatment Episode Data Set, SAMHSA) code lists, kept in admissions, the earliest stage that needs them
// (inquiries), and reused by assessment: substances,
// route of administration, frequency of use in the past 30 days and referral source. Public-use codebook
// values; a state's submission codes may be more detailed. Codes are the TEDS numbers as text ("1".."19");
// they are stored as text, never renumber them. Pure: no I/O.
#pragma once

#include <string_view>
#include <vector>

#include "care/program/program_model.h"

namespace stepwise::admissions {

const std::vector<program::CodeLabel>& TedsSubstances();       // "1" none .. "19" other
const std::vector<program::CodeLabel>& TedsRoutes();           // "1" oral .. "5" other
const std::vector<program::CodeLabel>& TedsFrequencies();      // "1" no use .. "3" daily (past 30 days)
const std::vector<program::CodeLabel>& TedsReferralSources();  // "1" individual .. "7" court/criminal justice

}  // namespace stepwise::admissions
