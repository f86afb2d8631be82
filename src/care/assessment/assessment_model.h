// Stored assessment records as values, and their pure rules (no I/O): instrument responses with every
// item answer, safety alerts, biopsychosocial assessments with substances and ASAM dimension ratings,
// the recommendation, the decision and the outcome (ADR 0010). Scoring itself is instrument_model.h;
// the level-of-care policy is level_of_care.h.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "care/program/program_model.h"
#include "platform/base/record.h"
#include "platform/base/result.h"

namespace stepwise::assessment {

using program::CodeLabel;

// ---- Instrument responses ---------------------------------------------------------------------------

// One item answer as stored: the code chosen, its value and LOINC answer code from the definition.
struct StoredAnswer {
  std::string item_id;
  std::string code;
  double value = 0;
  std::string loinc;
};

struct InstrumentResponse {
  RecordMeta meta;
  std::string client_id;
  std::string client_first_name;  // read only: preferred or given name (tablet mode shows only this)
  std::string episode_id;         // the client's current episode when started ("" without one)
  std::string assessment_id;      // "" when given outside an assessment
  std::string instrument;         // definition code, "PHQ9"
  std::string instrument_version;
  std::string status = "draft";  // "draft", "complete", "voided"
  std::string completed_by = "clinician";
  std::string administered_by;       // staff id ("" when the user has no staff record)
  std::string administered_by_user;  // user id
  std::string administered_by_name;  // read only
  std::string started_at, completed_at;
  std::optional<double> total;
  std::string band_code, band_label;
  std::vector<std::string> flags;  // flag codes once complete
  std::string scoring_json;        // the scoring as stored on completion ("" for drafts)
  std::vector<StoredAnswer> answers;

  std::map<std::string, std::string> AnswerCodes() const;
};

const std::vector<CodeLabel>& ResponseStatuses();
const std::vector<CodeLabel>& CompletedByCodes();  // clinician, client

// ---- Safety alerts ----------------------------------------------------------------------------------

struct SafetyAlert {
  RecordMeta meta;
  std::string client_id;
  std::string client_name;  // read only
  std::string response_id;
  std::string instrument;  // read only, from the response
  std::string program_id;
  std::string kind;  // the flag code
  std::string label;
  std::string severity;
  std::string raised_at;
  std::string assigned_to;       // the administering clinician (staff id)
  std::string assigned_to_name;  // read only
  std::string raised_for_user;
  std::vector<std::string> recipients;  // staff ids: the clinician and the on-call list when raised
  std::string status = "open";          // "open", "resolved"
  std::vector<std::string> actions;
  std::string note;
  std::string resolved_by, resolved_by_name, resolved_at;
};

// What a clinician did in response: safety_plan, crisis_line_988, means_restriction, ...
const std::vector<CodeLabel>& SafetyActions();

// Field errors for a safety response: a note is required; at least one action or the note must say why.
void CheckSafetyResponse(const std::vector<std::string>& actions, const std::string& note, FieldErrors& errors);

// ---- Assessments ------------------------------------------------------------------------------------

struct Substance {
  std::optional<int> teds_code;  // TEDS substance 1..19
  std::optional<int> age_first_use;
  std::string route;          // TEDS route code
  std::string frequency_30d;  // TEDS frequency code
  std::string last_use;       // a date (YYYY-MM-DD) or free text ("about a week ago")
  std::string amount;
  std::vector<std::string> criteria;  // DSM-5 SUD criteria met, "1".."11"
  std::string severity;               // derived from the count
  std::string diagnosis_code;         // the ICD-10-CM code chosen
};

struct DimensionRating {
  int number = 0;             // 1..6
  std::optional<int> rating;  // 0..4
  std::string rationale;
};

struct Assessment {
  RecordMeta meta;
  std::string client_id;
  std::string episode_id;
  std::string inquiry_id;
  std::string kind = "initial";  // "initial", "continued_stay"
  std::string status = "draft";  // "draft", "complete", "voided"
  std::string assessor_id;       // staff id
  std::string assessor_user;     // user id
  std::string assessor_name;     // read only
  std::string sections_json = "{}";
  int asam_edition = 3;
  std::vector<std::string> flags;  // clinician flags
  std::string started_at, completed_at;
  std::string recommendation_json;  // stored on completion (and shown fresh while a draft)
  std::string recommended_level;
  std::string current_level;  // continued stay: the episode's level
  std::string direction;      // continued stay: step_down, continue, step_up
  std::string decided_level, decision_reason, decided_by, decided_by_name, decided_at;
  std::string outcome_kind;         // admitted, referred, level_changed, continued
  std::string outcome_detail_json;  // JSON object
  std::string outcome_at;
  std::vector<Substance> substances;
  std::vector<DimensionRating> dimensions;  // always six, numbers 1..6
};

const std::vector<CodeLabel>& AssessmentKinds();     // initial, continued_stay
const std::vector<CodeLabel>& AssessmentSections();  // substance_history .. schedule_constraints
const std::vector<CodeLabel>& Directions();          // step_down, continue, step_up

// Six unrated dimensions numbered 1..6.
std::vector<DimensionRating> EmptyDimensions();
// True when some dimension has a rating.
bool AnyRating(const std::vector<DimensionRating>& dimensions);
// Field errors "dimensions[i].rating" (missing or outside 0..4) and "dimensions[i].rationale" (missing)
// for completion; with `require_all` false only ratings outside 0..4 are errors (drafts).
void CheckDimensions(const std::vector<DimensionRating>& dimensions, bool require_all, FieldErrors& errors);
// Field errors for substances: criteria "1".."11" without repeats, ages 0..120, TEDS code 1..19.
void CheckSubstances(const std::vector<Substance>& substances, FieldErrors& errors);

}  // namespace stepwise::assessment
