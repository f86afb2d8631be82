#include "care/assessment/assessment_model.h"

#include <algorithm>
#include <set>

namespace stepwise::assessment {

std::map<std::string, std::string> InstrumentResponse::AnswerCodes() const {
  std::map<std::string, std::string> out;
  for (const auto& a : answers) out[a.item_id] = a.code;
  return out;
}

const std::vector<CodeLabel>& ResponseStatuses() {
  static const std::vector<CodeLabel> k = {{"draft", "Draft"}, {"complete", "Complete"}, {"voided", "Voided"}};
  return k;
}

const std::vector<CodeLabel>& CompletedByCodes() {
  static const std::vector<CodeLabel> k = {{"clinician", "Clinician"}, {"client", "Client (self-completed)"}};
  return k;
}

const std::vector<CodeLabel>& SafetyActions() {
  static const std::vector<CodeLabel> k = {
      {"safety_plan", "Safety plan made or reviewed"},
      {"crisis_line_988", "988 Suicide & Crisis Lifeline given"},
      {"means_restriction", "Access to lethal means discussed"},
      {"emergency_services", "Emergency services contacted"},
      {"higher_level_of_care", "Referred to a higher level of care"},
      {"consulted_supervisor", "Consulted a supervisor"},
  };
  return k;
}

void CheckSafetyResponse(const std::vector<std::string>& actions, const std::string& note, FieldErrors& errors) {
  if (note.empty()) errors.Add("note", "is required: what was assessed and what was done");
  std::set<std::string> seen;
  for (std::size_t i = 0; i < actions.size(); ++i) {
    if (!seen.insert(actions[i]).second) errors.Add("actions[" + std::to_string(i) + "]", "is listed twice");
  }
}

const std::vector<CodeLabel>& AssessmentKinds() {
  static const std::vector<CodeLabel> k = {{"initial", "Initial assessment"},
                                           {"continued_stay", "Continued-stay review"}};
  return k;
}

const std::vector<CodeLabel>& AssessmentSections() {
  static const std::vector<CodeLabel> k = {
      {"substance_history", "Substance use history"},
      {"prior_treatment", "Prior treatment"},
      {"withdrawal", "Withdrawal history"},
      {"mental_health", "Mental health and co-occurring conditions"},
      {"medical", "Medical conditions"},
      {"medications", "Current medications"},
      {"pregnancy", "Pregnancy"},
      {"legal", "Legal"},
      {"employment_education", "Employment and education"},
      {"living_situation", "Living situation and home safety"},
      {"family_social", "Family and social support"},
      {"trauma", "Trauma"},
      {"strengths", "Strengths"},
      {"readiness", "Readiness to change"},
      {"goals", "The client's own goals"},
      {"schedule_constraints", "Schedule constraints"},
  };
  return k;
}

const std::vector<CodeLabel>& Directions() {
  static const std::vector<CodeLabel> k = {
      {"step_down", "Step down"}, {"continue", "Continue"}, {"step_up", "Step up"}};
  return k;
}

std::vector<DimensionRating> EmptyDimensions() {
  std::vector<DimensionRating> out;
  for (int n = 1; n <= 6; ++n) out.push_back({n, std::nullopt, ""});
  return out;
}

bool AnyRating(const std::vector<DimensionRating>& dimensions) {
  return std::any_of(dimensions.begin(), dimensions.end(), [](const auto& d) { return d.rating.has_value(); });
}

void CheckDimensions(const std::vector<DimensionRating>& dimensions, bool require_all, FieldErrors& errors) {
  for (std::size_t i = 0; i < dimensions.size(); ++i) {
    const auto& d = dimensions[i];
    const std::string path = "dimensions[" + std::to_string(i) + "]";
    if (d.rating && (*d.rating < 0 || *d.rating > 4)) {
      errors.Add(path + ".rating", "must be 0 (none) to 4 (extreme)");
    } else if (require_all && !d.rating) {
      errors.Add(path + ".rating", "is required: rate every dimension 0 to 4");
    }
    if (require_all && d.rationale.empty()) errors.Add(path + ".rationale", "is required: say why this rating");
  }
}

void CheckSubstances(const std::vector<Substance>& substances, FieldErrors& errors) {
  for (std::size_t i = 0; i < substances.size(); ++i) {
    const auto& s = substances[i];
    const std::string path = "substances[" + std::to_string(i) + "]";
    if (s.teds_code && (*s.teds_code < 1 || *s.teds_code > 19)) errors.Add(path + ".teds_code", "must be 1 to 19");
    if (s.age_first_use && (*s.age_first_use < 0 || *s.age_first_use > 120))
      errors.Add(path + ".age_first_use", "must be 0 to 120");
    std::set<std::string> seen;
    for (std::size_t j = 0; j < s.criteria.size(); ++j) {
      const std::string cpath = path + ".criteria[" + std::to_string(j) + "]";
      const auto& c = s.criteria[j];
      const bool known = c.size() <= 2 && !c.empty() && std::all_of(c.begin(), c.end(), ::isdigit) &&
                         std::stoi(c) >= 1 && std::stoi(c) <= 11 && c[0] != '0';
      if (!known) {
        errors.Add(cpath, "must be a DSM-5 criterion number 1 to 11");
      } else if (!seen.insert(c).second) {
        errors.Add(cpath, "is listed twice");
      }
    }
  }
}

}  // namespace stepwise::assessment
