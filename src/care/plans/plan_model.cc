#include "care/plans/plan_model.h"

#include <algorithm>
#include <cstdio>
#include <set>

#include "care/program/program_model.h"

namespace stepwise::plans {

namespace {

constexpr int kMinutesPerDay = 24 * 60;

std::string At(std::string_view list, std::size_t i) { return std::string(list) + "[" + std::to_string(i) + "]"; }

bool Contains(const std::vector<std::string>& list, std::string_view s) {
  return std::find(list.begin(), list.end(), s) != list.end();
}

// Ids are the server's UUIDs or short ids a client made up for items it has not saved yet.
bool ValidId(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  });
}

template <typename Item>
std::set<std::string> CheckIds(const std::vector<Item>& items, std::string_view list, FieldErrors& errors) {
  std::set<std::string> ids;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const std::string& id = items[i].id;
    if (!ValidId(id)) {
      errors.Add(At(list, i) + ".id", "must be 1 to 64 letters, digits, '-' or '_'");
    } else if (!ids.insert(id).second) {
      errors.Add(At(list, i) + ".id", "is used twice in " + std::string(list));
    }
  }
  return ids;
}

void CheckRefs(const std::vector<std::string>& refs, const std::set<std::string>& known, const std::string& path,
               std::string_view what, FieldErrors& errors) {
  for (std::size_t i = 0; i < refs.size(); ++i) {
    if (!known.contains(refs[i])) errors.Add(At(path, i), "is not a " + std::string(what) + " of this plan");
  }
}

std::string Trimmed(std::string text) {
  while (!text.empty() && text.back() == '0') text.pop_back();
  if (!text.empty() && text.back() == '.') text.pop_back();
  return text;
}

bool Weekday(std::string_view code) {
  for (const auto& d : program::Weekdays()) {
    if (d.code == code) return true;
  }
  return false;
}

}  // namespace

// ---- Configuration ----------------------------------------------------------------------------------

const CatalogIntervention* PlanSettings::FindIntervention(std::string_view code) const {
  for (const auto& i : interventions) {
    if (i.code == code) return &i;
  }
  return nullptr;
}

bool PlanSettings::IsLicensed(std::string_view type) const { return Contains(licensed_credentials, type); }
bool PlanSettings::IsMedical(std::string_view type) const { return Contains(medical_credentials, type); }

// ---- Validation ---------------------------------------------------------------------------------------

double SessionsPerWeek(const Frequency& f, std::size_t days) {
  if (f.per == "day") return static_cast<double>(f.count) * static_cast<double>(days == 0 ? 7 : days);
  if (f.per == "month") return static_cast<double>(f.count) * 12.0 / 52.0;
  return static_cast<double>(f.count);
}

void CheckFrequency(const Frequency& f, int minutes, std::size_t days, const std::string& path,
                    FieldErrors& errors) {
  if (f.per != "day" && f.per != "week" && f.per != "month") {
    errors.Add(path + ".per", "must be day, week or month");
    return;
  }
  if (f.count < 1) {
    errors.Add(path + ".count", "must be at least 1 session a " + f.per);
    return;
  }
  if (minutes < 1) return;  // reported on minutes
  // The busiest day: a daily count happens on each day; a weekly or monthly count is spread over the
  // intervention's days (every day of the week without days), never less than one session on a day.
  const double day_count = days == 0 ? 7.0 : static_cast<double>(days);
  double per_day = f.count;
  if (f.per == "week") per_day = std::max(1.0, f.count / day_count);
  if (f.per == "month") per_day = std::max(1.0, f.count / (day_count * 31.0 / 7.0));
  if (f.per == "month" && f.count > 31 * (kMinutesPerDay / minutes)) per_day = kMinutesPerDay + 1.0;
  if (per_day * minutes > kMinutesPerDay) {
    errors.Add(path + ".count", std::to_string(f.count) + " sessions of " + std::to_string(minutes) +
                                    " minutes a " + f.per + " do not fit in " +
                                    (days == 0 || f.per == "day" ? "a day" : "its days"));
  }
}

void CheckContent(const PlanContent& c, const PlanSettings& settings, FieldErrors& errors) {
  if (c.schedule_constraints.size() > 2000) errors.Add("schedule_constraints", "must be at most 2000 characters");
  const auto problem_ids = CheckIds(c.problems, "problems", errors);
  const auto goal_ids = CheckIds(c.goals, "goals", errors);
  const auto objective_ids = CheckIds(c.objectives, "objectives", errors);
  CheckIds(c.interventions, "interventions", errors);
  for (std::size_t i = 0; i < c.problems.size(); ++i) {
    const auto& p = c.problems[i];
    if (p.dimension < 1 || p.dimension > 6) errors.Add(At("problems", i) + ".dimension", "must be an ASAM dimension 1 to 6");
    if (p.description.empty()) errors.Add(At("problems", i) + ".description", "is required");
  }
  for (std::size_t i = 0; i < c.goals.size(); ++i) {
    const auto& g = c.goals[i];
    if (g.text.empty()) errors.Add(At("goals", i) + ".text", "is required: the goal in the client's own words");
    CheckRefs(g.problem_ids, problem_ids, At("goals", i) + ".problem_ids", "problem", errors);
  }
  for (std::size_t i = 0; i < c.objectives.size(); ++i) {
    const auto& o = c.objectives[i];
    const std::string path = At("objectives", i);
    if (o.text.empty()) errors.Add(path + ".text", "is required");
    if (!o.target_date) errors.Add(path + ".target_date", "is required: a measurable objective has a target date");
    if (o.goal_id.empty()) {
      errors.Add(path + ".goal_id", "is required: the goal this objective serves");
    } else if (!goal_ids.contains(o.goal_id)) {
      errors.Add(path + ".goal_id", "is not a goal of this plan");
    }
  }
  for (std::size_t i = 0; i < c.interventions.size(); ++i) {
    const auto& v = c.interventions[i];
    const std::string path = At("interventions", i);
    const CatalogIntervention* item = settings.FindIntervention(v.code);
    if (!item) errors.Add(path + ".code", "is not an intervention of the program's catalog");
    if (item && item->topic_required && v.topic.empty()) errors.Add(path + ".topic", "is required for " + item->label);
    if (v.minutes < 1 || v.minutes > kMinutesPerDay) errors.Add(path + ".minutes", "must be 1 to 1440 minutes a session");
    std::set<std::string> seen;
    for (std::size_t d = 0; d < v.days.size(); ++d) {
      if (!Weekday(v.days[d])) errors.Add(At(path + ".days", d), "must be a weekday code mon..sun");
      else if (!seen.insert(v.days[d]).second) errors.Add(At(path + ".days", d), "is listed twice");
    }
    CheckFrequency(v.frequency, v.minutes, v.days.size(), path + ".frequency", errors);
    CheckRefs(v.objective_ids, objective_ids, path + ".objective_ids", "objective", errors);
  }
}

void CheckSignable(const PlanContent& c, FieldErrors& errors) {
  if (c.goals.empty()) {
    errors.Add("goals", "a plan needs at least one goal before it is signed");
  }
  for (std::size_t i = 0; i < c.goals.size(); ++i) {
    const bool has = std::any_of(c.objectives.begin(), c.objectives.end(),
                                 [&](const Objective& o) { return o.goal_id == c.goals[i].id; });
    if (!has) errors.Add(At("goals", i), "has no objective: each goal needs a measurable objective before signing");
  }
  if (c.interventions.empty()) errors.Add("interventions", "a plan needs at least one intervention before it is signed");
}

// ---- Hours and intensity ----------------------------------------------------------------------------

PlannedHours ComputeHours(const PlanContent& c, const PlanSettings& settings,
                          const std::vector<std::string>& default_days) {
  PlannedHours h;
  for (const auto& d : program::Weekdays()) h.per_day[std::string(d.code)] = 0;
  for (const auto& v : c.interventions) {
    const CatalogIntervention* item = settings.FindIntervention(v.code);
    if (item && !item->counts_toward_hours) continue;
    if (v.minutes < 1 || v.frequency.count < 1) continue;
    const std::vector<std::string>& days = v.days.empty() ? default_days : v.days;
    const double weekly = SessionsPerWeek(v.frequency, days.size()) * v.minutes / 60.0;
    h.per_week += weekly;
    if (days.empty()) continue;
    for (const auto& day : days) {
      if (h.per_day.contains(day)) h.per_day[day] += weekly / static_cast<double>(days.size());
    }
  }
  for (const auto& [day, hours] : h.per_day) {
    if (hours > 1e-9) ++h.days_per_week;
  }
  return h;
}

std::string PopulationOf(Date birth_date, Date on, const PlanSettings& settings) {
  return AgeInYears(birth_date, on) >= settings.adult_age ? "adult" : "adolescent";
}

std::vector<CheckResult> EvaluateChecks(const PlannedHours& hours, const std::vector<IntensityCheck>& checks,
                                        std::string_view level, std::string_view population) {
  constexpr double kEpsilon = 1e-6;  // hours come from minutes; 9 h must not fail as 8.9999999
  std::vector<CheckResult> out;
  for (const auto& c : checks) {
    CheckResult r{c.code, c.label, c.kind};
    if (!c.level.empty() && c.level != level) {
      r.applies = false;
      r.message = "applies to level " + c.level + ", not " + std::string(level.empty() ? "unset" : level);
    } else if (c.population != "any" && c.population != population) {
      r.applies = false;
      r.message = "applies to " + c.population + "s only";
    }
    if (r.applies) {
      std::vector<std::string> why;
      if (c.min_hours_week && hours.per_week + kEpsilon < *c.min_hours_week) {
        why.push_back(HoursText(hours.per_week) + " a week is below the minimum of " + HoursText(*c.min_hours_week));
      }
      if (c.max_hours_week && hours.per_week - kEpsilon > *c.max_hours_week) {
        why.push_back(HoursText(hours.per_week) + " a week is above the maximum of " + HoursText(*c.max_hours_week));
      }
      if (c.min_hours_day || c.min_days_week) {
        const double min_day = c.min_hours_day.value_or(0);
        int days = 0;
        for (const auto& [day, h] : hours.per_day) {
          if (h > kEpsilon && h + kEpsilon >= min_day) ++days;
        }
        const int needed = c.min_days_week.value_or(1);
        if (days < needed) {
          why.push_back(std::to_string(days) + (days == 1 ? " day" : " days") + " a week with at least " +
                        HoursText(min_day) + "; needs " + std::to_string(needed));
        }
      }
      r.ok = why.empty();
      for (std::size_t i = 0; i < why.size(); ++i) r.message += (i ? "; " : "") + why[i];
    }
    out.push_back(std::move(r));
  }
  return out;
}

// ---- Lifecycle ----------------------------------------------------------------------------------------

bool IsLocked(std::string_view status) { return status != kDraft; }

std::string_view StatusAfter(const SignedRoles& roles, bool author_licensed) {
  if (!roles.client && !roles.counselor && !roles.supervisor) return kDraft;
  if (!roles.client || !roles.counselor) return kAwaitingSignatures;
  if (!author_licensed && !roles.supervisor) return kAwaitingCosign;
  return kActive;
}

std::optional<std::string> CanSign(const SignedRoles& roles, std::string_view role, bool author_licensed,
                                   bool signer_licensed, bool signer_is_author) {
  if (role == "client" || role == "guardian") {
    if (roles.client) return "the client has already signed this version";
    return std::nullopt;
  }
  if (role == "counselor") {
    if (roles.counselor) return "the counselor has already signed this version";
    return std::nullopt;
  }
  if (role == "supervisor") {
    if (!roles.client || !roles.counselor) return "the supervisor co-signs after the client and the counselor";
    if (author_licensed) return "no co-signature is needed: the author is licensed";
    if (roles.supervisor) return "the supervisor has already co-signed this version";
    if (signer_is_author) return "the author cannot co-sign their own plan";
    if (!signer_licensed) return "a co-signature needs a licensed staff member";
    return std::nullopt;
  }
  return "must be client, guardian, counselor or supervisor";
}

// ---- Due dates ----------------------------------------------------------------------------------------

Date AddDays(Date from, int days) { return Date{std::chrono::sys_days(from) + std::chrono::days(days)}; }

Date AddInterval(Date from, const ReviewInterval& interval) {
  if (interval.months == 0) return AddDays(from, interval.days);
  const std::chrono::year_month ym = std::chrono::year_month(from.year(), from.month()) + std::chrono::months(interval.months);
  const auto last = std::chrono::year_month_day_last(ym.year(), std::chrono::month_day_last(ym.month())).day();
  const auto day = std::min(from.day(), last);
  return AddDays(Date{ym.year(), ym.month(), day}, interval.days);
}

Date InitialPlanDue(Date admission, const PlanSettings& settings) {
  return AddDays(admission, settings.initial_plan_due_days);
}

Date NextReviewDue(Date activated_on, std::optional<Date> last_review_on, const PlanSettings& settings) {
  Date from = activated_on;
  if (last_review_on && std::chrono::sys_days(*last_review_on) > std::chrono::sys_days(from)) from = *last_review_on;
  return AddInterval(from, settings.review_interval);
}

// ---- Reviews ------------------------------------------------------------------------------------------

const std::vector<std::string_view>& ProgressStatuses() {
  static const std::vector<std::string_view> k = {"met", "progressing", "not_progressing", "revised"};
  return k;
}

const std::vector<std::string_view>& Directions() {
  static const std::vector<std::string_view> k = {"continue", "step_down", "step_up"};
  return k;
}

void CheckReview(const ReviewContent& r, const PlanContent& active, FieldErrors& errors) {
  std::set<std::string> seen;
  for (std::size_t i = 0; i < r.objectives.size(); ++i) {
    const auto& o = r.objectives[i];
    const std::string path = At("objectives", i);
    const bool known = std::any_of(active.objectives.begin(), active.objectives.end(),
                                   [&](const Objective& x) { return x.id == o.objective_id; });
    if (!known) errors.Add(path + ".objective_id", "is not an objective of the active plan");
    else if (!seen.insert(o.objective_id).second) errors.Add(path + ".objective_id", "is reviewed twice");
    const auto& statuses = ProgressStatuses();
    if (std::find(statuses.begin(), statuses.end(), o.status) == statuses.end())
      errors.Add(path + ".status", "must be met, progressing, not_progressing or revised");
  }
  const auto& lc = r.level_of_care;
  const auto& directions = Directions();
  if (std::find(directions.begin(), directions.end(), lc.direction) == directions.end())
    errors.Add("level_of_care.direction", "must be continue, step_down or step_up");
  const bool change = lc.direction == "step_down" || lc.direction == "step_up";
  if (change && lc.rationale.empty()) errors.Add("level_of_care.rationale", "is required for a change in level of care");
  if (change && lc.level.empty())
    errors.Add("level_of_care.level", "is required for a change in level of care: the level the client moves to");
  std::set<int> dims;
  for (std::size_t i = 0; i < lc.ratings.size(); ++i) {
    const auto& d = lc.ratings[i];
    const std::string path = At("level_of_care.ratings", i);
    if (d.dimension < 1 || d.dimension > 6) errors.Add(path + ".dimension", "must be 1 to 6");
    else if (!dims.insert(d.dimension).second) errors.Add(path + ".dimension", "is rated twice");
    if (d.rating < 0 || d.rating > 4) errors.Add(path + ".rating", "must be 0 to 4");
  }
}

// ---- Texts ----------------------------------------------------------------------------------------------

std::string HoursText(double hours) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", hours);
  return Trimmed(buf) + " h";
}

std::string FrequencyText(const Frequency& f) {
  return std::to_string(f.count) + (f.count == 1 ? " time a " : " times a ") + f.per;
}

}  // namespace stepwise::plans
