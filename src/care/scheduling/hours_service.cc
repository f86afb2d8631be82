// Scheduled hours per client per week judged by the intensity checks of the client's program (its own plan
// catalog's, else the installation's; ADR 0012 decision 8):
// the client's group occurrences and individual/family appointments become plans::PlannedHours.
#include <algorithm>

#include "care/admissions/client_store.h"
#include "care/plans/plan_service.h"
#include "care/program/program_service.h"
#include "care/scheduling/appointment_service.h"
#include "care/scheduling/occurrences.h"
#include "platform/db/records.h"
#include "platform/db/transaction_scope.h"

namespace stepwise::scheduling {

using db::Access;
using db::Transaction;
using program::RequireOrganization;

Result<HoursView> AppointmentService::HoursIn(Transaction& tx, const std::string& org_id, const std::string& client_id,
                                              Date week_of) {
  HoursView view;
  view.week_of = week_of;
  plans::PlannedHours hours;
  static const char* kDays[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
  for (const char* d : kDays) hours.per_day[d] = 0;
  const Date last = AddDays(week_of, 6);
  SW_ASSIGN(auto occurrences, OccurrencesIn(tx, org_id, week_of, last));
  for (const auto& o : occurrences) {
    if (o.status != "scheduled") continue;
    SW_ASSIGN(auto roster, RosterIn(tx, org_id, o));
    if (std::none_of(roster.begin(), roster.end(), [&](const auto& r) { return r.client_id == client_id; })) continue;
    hours.per_day[WeekdayCode(o.date)] += (o.end_minute - o.start_minute) / 60.0;
  }
  SW_ASSIGN(auto appointments, AppointmentStore::OnLocalDates(tx, org_id, week_of, last));
  for (const auto& a : appointments) {
    if (a.status != "scheduled" || a.client_id != client_id || a.kind == "drug_test_slot") continue;
    hours.per_day[WeekdayCode(a.date)] += (a.end_minute - a.start_minute) / 60.0;
  }
  for (const auto& [day, h] : hours.per_day) {
    hours.per_week += h;
    if (h > 0) ++hours.days_per_week;
  }
  view.per_day = hours.per_day;
  view.per_week = hours.per_week;
  SW_ASSIGN(auto client, admissions::ClientStore::Get(tx, org_id, client_id));
  SW_ASSIGN(auto episode, admissions::ClientStore::CurrentEpisode(tx, org_id, client_id));
  const std::string level = episode ? episode->level_of_care : "";
  // The checks of the client's program when it has its own catalog, else the installation's.
  plans::PlanSettings settings = *settings_;
  if (episode && !episode->program_id.empty()) {
    SW_ASSIGN(settings, plans::SettingsForProgramIn(tx, *settings_, org_id, episode->program_id));
  }
  const std::string population = client ? plans::PopulationOf(client->birth_date, week_of, settings) : "adult";
  view.checks = plans::EvaluateChecks(hours, settings.intensity_checks, level, population);
  return view;
}

Result<HoursView> AppointmentService::ScheduledHours(const Actor& actor, const std::string& client_id, Date week_of) {
  SW_TRY(RequireOrganization(actor));
  if (!week_of.ok() || WeekdayOf(week_of) != 0) return Error::Field("week_of", "must be a Monday (YYYY-MM-DD)");
  auto result = db::InTransaction(db_, Access::kRead, [&](Transaction& tx) -> Result<HoursView> {
    SW_TRY(CheckClientAccess(tx, actor, client_id));
    return HoursIn(tx, actor.org_id, client_id, week_of);
  });
  if (!result.ok()) return result;
  SW_TRY(RecordRead(actor, {.action = "read", .resource_type = "scheduled_hours", .resource_id = client_id,
                            .client_id = client_id, .data_category = "schedule"}));
  return result;
}

Result<std::vector<HoursWarning>> AppointmentService::HoursWarnings(const Actor& actor, Date week_of) {
  SW_TRY(RequireOrganization(actor));
  if (!week_of.ok() || WeekdayOf(week_of) != 0) return Error::Field("week_of", "must be a Monday (YYYY-MM-DD)");
  auto result = db::InTransaction(db_, Access::kRead, [&](Transaction& tx) -> Result<std::vector<HoursWarning>> {
    std::vector<HoursWarning> out;
    admissions::ClientQuery q;
    q.limit = 5000;
    SW_ASSIGN(auto clients, admissions::ClientStore::List(tx, actor.org_id, q));
    for (const auto& s : clients) {
      if (s.stage != "treatment" && s.stage != "orientation") continue;
      if (!clients_.CheckAccessIn(tx, actor, s.client.meta.id).ok()) continue;
      SW_ASSIGN(auto view, HoursIn(tx, actor.org_id, s.client.meta.id, week_of));
      if (std::all_of(view.checks.begin(), view.checks.end(), [](const auto& c) { return !c.applies || c.ok; })) continue;
      out.push_back({s.client.meta.id, admissions::DisplayName(s.client), std::move(view)});
    }
    return out;
  });
  if (!result.ok()) return result;
  SW_TRY(RecordRead(actor, {.action = "query", .resource_type = "scheduled_hours", .data_category = "schedule",
                            .reason = std::to_string(result->size()) + " client(s) below the hours"}));
  return result;
}

}  // namespace stepwise::scheduling
