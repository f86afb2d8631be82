// Individualized treatment plans as values, and their pure rules (no I/O): the content of a plan version
// (problems tied to ASAM dimensions, goals in the client's words, measurable objectives, interventions
// from the catalog), its validation, the planned hours and the intensity checks, the signing lifecycle,
// due dates for the initial plan and reviews, and the difference between two versions (ADR 0011).
// The configuration these rules read (checks, catalog, intervals) is PlanSettings; plan_catalog.h parses it.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/base/dates.h"
#include "platform/base/result.h"

namespace stepwise::plans {

// ---- Configuration ----------------------------------------------------------------------------------

struct Frequency {
  int count = 0;
  std::string per;  // "day", "week", "month"
  bool operator==(const Frequency&) const = default;
};

// One intervention the catalog offers.
struct CatalogIntervention {
  std::string code;
  std::string label;
  std::string category;            // "therapy", "education", "wellness", "medical", "support", ...
  std::string staff = "any";       // who may deliver it: "any", "licensed", "credentialed", "medical"
  bool topic_required = false;     // group therapy names its topic
  bool counts_toward_hours = true; // mutual-help meetings in the community do not count as program hours
  int default_minutes = 60;
  Frequency default_frequency{1, "week"};
  // How the weekly session optimizer schedules it for one client: "individual" or "family" (both need a
  // licensed clinician), or "" when it does not (groups come from the calendar; the rest is outside it).
  std::string session;
};

// One intensity rule: hours a week and/or hours a day on enough days. Each authority's definition is a
// separate check (clinical.md §1: ASAM 2.1, HCPCS H0015, TEDS intensive outpatient).
struct IntensityCheck {
  std::string code;
  std::string label;
  std::string kind;        // "asam", "payer", "reporting"
  std::string level;       // the level of care it applies to ("2.1"); "" = any level
  std::string population;  // "adult", "adolescent", "any"
  std::optional<double> min_hours_week, max_hours_week, min_hours_day;
  std::optional<int> min_days_week;
};

struct ReviewInterval {
  int days = 0;    // one of days or months is set
  int months = 0;
};

struct PlanSettings {
  int initial_plan_due_days = 7;  // [unverified] state rules differ; configurable
  ReviewInterval review_interval{30, 0};
  int due_warning_days = 14;  // the dashboard's default window
  int adult_age = 18;         // younger clients are adolescents for the intensity checks
  std::vector<std::string> licensed_credentials;  // credential types that make a staff member licensed
  std::vector<std::string> medical_credentials;   // credential types for "medical" interventions
  std::vector<IntensityCheck> intensity_checks;
  std::vector<CatalogIntervention> interventions;

  const CatalogIntervention* FindIntervention(std::string_view code) const;
  bool IsLicensed(std::string_view credential_type) const;
  bool IsMedical(std::string_view credential_type) const;
};

// ---- Plan content -----------------------------------------------------------------------------------

struct Problem {
  std::string id;
  int dimension = 0;  // ASAM dimension 1..6
  std::string description;
  std::string from_assessment_id;  // the assessment whose finding it came from, if any
  bool operator==(const Problem&) const = default;
};

struct Goal {
  std::string id;
  std::vector<std::string> problem_ids;
  std::string text;  // in the client's own words
  bool operator==(const Goal&) const = default;
};

struct Objective {
  std::string id;
  std::string goal_id;
  std::string text;
  std::optional<Date> target_date;
  std::string measure;  // how progress is measured
  bool operator==(const Objective&) const = default;
};

struct Intervention {
  std::string id;
  std::vector<std::string> objective_ids;
  std::string code;   // a catalog code
  std::string label;  // from the catalog (read only)
  std::string topic;
  int minutes = 0;    // per session
  Frequency frequency;
  std::vector<std::string> days;  // weekday codes (mon..sun); empty = the preferred track's days
  std::string staff_id;
  std::string staff_name;  // read only
  bool operator==(const Intervention&) const = default;
};

struct PlanContent {
  std::string preferred_track_id;
  std::string schedule_constraints;
  std::vector<Problem> problems;
  std::vector<Goal> goals;
  std::vector<Objective> objectives;
  std::vector<Intervention> interventions;
  bool operator==(const PlanContent&) const = default;
};

// Gives every item without an id a new one (`new_id()` is called once per missing id).
template <typename NewId>
void AssignIds(PlanContent& c, NewId new_id) {
  for (auto& p : c.problems) if (p.id.empty()) p.id = new_id();
  for (auto& g : c.goals) if (g.id.empty()) g.id = new_id();
  for (auto& o : c.objectives) if (o.id.empty()) o.id = new_id();
  for (auto& i : c.interventions) if (i.id.empty()) i.id = new_id();
}

// Field errors for content that cannot be saved, named by JSON path: "objectives[2].target_date",
// "interventions[0].frequency.count", "goals[1].problem_ids[0]", ... Unknown catalog codes, bad ids and
// references, impossible frequencies (count below 1, more sessions than fit in a day), topics the catalog
// requires. Staff qualifications need the staff records: CheckStaff in the service.
void CheckContent(const PlanContent& c, const PlanSettings& settings, FieldErrors& errors);
// What signing needs beyond CheckContent: at least one goal ("goals"), every goal with an objective
// ("goals[i]"), at least one intervention ("interventions").
void CheckSignable(const PlanContent& c, FieldErrors& errors);
// Field error "interventions[i].frequency.count" or ".per" for a frequency that cannot happen.
void CheckFrequency(const Frequency& f, int minutes, std::size_t days, const std::string& path, FieldErrors& errors);

// ---- Hours and intensity ----------------------------------------------------------------------------

struct PlannedHours {
  double per_week = 0;
  std::map<std::string, double> per_day;  // mon..sun, every day present
  int days_per_week = 0;                  // days with any planned hours
};

// Sessions a week of one intervention: per week = count; per day = count on each of its days (every
// day of the week without days); per month = count × 12 / 52.
double SessionsPerWeek(const Frequency& f, std::size_t days);
// Hours from the interventions that count toward hours. An intervention's weekly hours are spread evenly
// over its days, or the track's `default_days` when it names none; without either they count toward the
// week but toward no day.
PlannedHours ComputeHours(const PlanContent& c, const PlanSettings& settings,
                          const std::vector<std::string>& default_days);

struct CheckResult {
  std::string code, label, kind;
  bool applies = true;
  bool ok = true;
  std::string message;  // why it fails, or why it does not apply; "" when it passes
};

// "adult" or "adolescent" from the age on `on`.
std::string PopulationOf(Date birth_date, Date on, const PlanSettings& settings);
// Every configured check against the hours; a check for another level of care or population does not
// apply (ok, with the reason). Bounds are inclusive: 9 h passes a 9 h minimum, 19 h a 19 h maximum.
std::vector<CheckResult> EvaluateChecks(const PlannedHours& hours, const std::vector<IntensityCheck>& checks,
                                        std::string_view level, std::string_view population);

// ---- Lifecycle ----------------------------------------------------------------------------------------

// Version statuses. Stored as text; never rename.
inline constexpr std::string_view kDraft = "draft";
inline constexpr std::string_view kAwaitingSignatures = "awaiting_signatures";
inline constexpr std::string_view kAwaitingCosign = "awaiting_cosign";
inline constexpr std::string_view kActive = "active";
inline constexpr std::string_view kSuperseded = "superseded";

// Only a draft can be edited; anything signed is locked.
bool IsLocked(std::string_view status);

// The roles already signed, as the lifecycle sees them.
struct SignedRoles {
  bool client = false;     // "client" or "guardian"
  bool counselor = false;  // the author
  bool supervisor = false;
};

// The status a version has with these signatures: draft (none), awaiting_signatures (client or
// counselor missing), awaiting_cosign (both, the author unlicensed, no supervisor yet), active.
std::string_view StatusAfter(const SignedRoles& roles, bool author_licensed);

// Whether a signature in `role` may be added now: nullopt if so, else why (for a field error on
// "signature.role"). A supervisor signs last, only when the author is unlicensed, and must be licensed
// and not the author.
std::optional<std::string> CanSign(const SignedRoles& roles, std::string_view role, bool author_licensed,
                                   bool signer_licensed, bool signer_is_author);

// ---- Due dates ----------------------------------------------------------------------------------------

// `from` plus the interval; a month step lands on the same day or, when that month is shorter, on its
// last day (Jan 31 + 1 month = Feb 28, or Feb 29 in a leap year).
Date AddInterval(Date from, const ReviewInterval& interval);
Date AddDays(Date from, int days);
// The initial plan is due `initial_plan_due_days` after admission.
Date InitialPlanDue(Date admission, const PlanSettings& settings);
// The next review is one interval after the later of the activation and the last review.
Date NextReviewDue(Date activated_on, std::optional<Date> last_review_on, const PlanSettings& settings);

// ---- Reviews ------------------------------------------------------------------------------------------

struct ObjectiveProgress {
  std::string objective_id;
  std::string status;  // "met", "progressing", "not_progressing", "revised"
  std::string note;
};

struct DimensionRating {
  int dimension = 0;  // 1..6
  int rating = 0;     // 0..4
};

struct LevelOfCareChange {
  std::string direction;  // "continue", "step_down", "step_up"
  std::string level;      // the level after the review ("2.1", "1.0", ...)
  std::vector<DimensionRating> ratings;
  std::string rationale;
};

struct ReviewContent {
  std::optional<Date> reviewed_on;  // defaults to today
  std::vector<ObjectiveProgress> objectives;
  std::string client_view;
  LevelOfCareChange level_of_care;
};

const std::vector<std::string_view>& ProgressStatuses();
const std::vector<std::string_view>& Directions();
// Field errors: objective ids of the active version, known statuses, dimensions 1..6 rated 0..4, a
// direction, a rationale for a step up or down, the client's view.
void CheckReview(const ReviewContent& r, const PlanContent& active, FieldErrors& errors);

// ---- Differences between versions ---------------------------------------------------------------------

struct Change {
  std::string path;   // "objectives.<id>.target_date", "goals.<id>" (whole item added or removed)
  std::string kind;   // "added", "removed", "changed"
  std::string before; // text as the plan shows it ("" for added)
  std::string after;  // ("" for removed)
  std::string label;  // what a reader sees: "Objective 'Attend three groups a week': target date"
};

// What changed from `before` to `after`, item by stable id, in list order.
std::vector<Change> Diff(const PlanContent& before, const PlanContent& after);

// One-line texts used by the diff and the printed plan.
std::string FrequencyText(const Frequency& f);
std::string HoursText(double hours);  // "9 h", "9.5 h", "8.99 h"

}  // namespace stepwise::plans
