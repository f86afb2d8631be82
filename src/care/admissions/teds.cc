#include "care/admissions/teds.h"

namespace stepwise::admissions {

const std::vector<program::CodeLabel>& TedsSubstances() {
  static const std::vector<program::CodeLabel> k = {
      {"1", "None"},
      {"2", "Alcohol"},
      {"3", "Cocaine/crack"},
      {"4", "Marijuana/hashish"},
      {"5", "Heroin"},
      {"6", "Non-prescription methadone"},
      {"7", "Other opiates and synthetics"},
      {"8", "PCP"},
      {"9", "Hallucinogens"},
      {"10", "Methamphetamine"},
      {"11", "Other amphetamines"},
      {"12", "Other stimulants"},
      {"13", "Benzodiazepines"},
      {"14", "Other tranquilizers"},
      {"15", "Barbiturates"},
      {"16", "Other sedatives or hypnotics"},
      {"17", "Inhalants"},
      {"18", "Over-the-counter medications"},
      {"19", "Other"},
  };
  return k;
}

const std::vector<program::CodeLabel>& TedsRoutes() {
  static const std::vector<program::CodeLabel> k = {
      {"1", "Oral"}, {"2", "Smoking"}, {"3", "Inhalation"}, {"4", "Injection"}, {"5", "Other"}};
  return k;
}

const std::vector<program::CodeLabel>& TedsFrequencies() {
  static const std::vector<program::CodeLabel> k = {
      {"1", "No use in the past 30 days"}, {"2", "Some use"}, {"3", "Daily use"}};
  return k;
}

const std::vector<program::CodeLabel>& TedsReferralSources() {
  static const std::vector<program::CodeLabel> k = {
      {"1", "Individual (includes self-referral)"},
      {"2", "Alcohol/drug use care provider"},
      {"3", "Other health care provider"},
      {"4", "School (educational)"},
      {"5", "Employer/EAP"},
      {"6", "Other community referral"},
      {"7", "Court/criminal justice referral"},
  };
  return k;
}

}  // namespace stepwise::admissions
