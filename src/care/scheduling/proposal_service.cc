// Proposals (ADR 0012 decision 4): required sessions from active treatment plans and manual requirements,
// free time from availability, groups and existing appointments (which stay as they are), track assignment
// for clients without an enrollment, then optimize::Solve; accepting re-checks every item in one transaction.
// Scheduled hours against the plans' intensity checks (decision 8).
#include <algorithm>
#include <cmath>
#include <set>

#include "care/admissions/client_store.h"
#include "care/plans/plan_service.h"
#include "care/plans/plan_store.h"
#include "care/program/program_service.h"
#include "care/program/program_store.h"
#include "care/program/staff_store.h"
#include "care/scheduling/appointment_service.h"
#include "care/scheduling/calendar_store.h"
#include "care/scheduling/occurrences.h"
#include "care/scheduling/optimizer.h"
#include "platform/base/uuid.h"
#include "platform/db/records.h"
#include "platform/db/transaction_scope.h"

namespace stepwise::scheduling {

using db::Access;
using db::Transaction;
using program::RequireOrganization;
namespace opt = optimize;

namespace {

constexpr int kSlot = opt::kSlotMinutes;
constexpr int kPerDay = opt::kSlotsPerDay;

// Slots of [from, to) local minutes on day `day` of the horizon.
void Mark(std::vector<char>& slots, int day, int from, int to, char value) {
  const int a = std::max(0, from / kSlot), b = std::min(kPerDay, (to + kSlot - 1) / kSlot);
  for (int s = a; s < b; ++s) slots[static_cast<std::size_t>(day * kPerDay + s)] = value;
}

std::vector<opt::Window> ToWindows(const std::vector<char>& slots) {
  std::vector<opt::Window> out;
  for (int s = 0; s < static_cast<int>(slots.size());) {
    if (!slots[static_cast<std::size_t>(s)]) {
      ++s;
      continue;
    }
    int e = s;
    while (e < static_cast<int>(slots.size()) && slots[static_cast<std::size_t>(e)] && (e == s || e % kPerDay != 0)) ++e;
    out.push_back({s, e});
    s = e;
  }
  return out;
}

// Sessions of frequency `f` in week number `week` (weeks since the epoch), spreading fractions evenly.
int SessionsInWeek(const plans::Frequency& f, std::size_t days, long week) {
  const double per_week = plans::SessionsPerWeek(f, days);
  return static_cast<int>(std::floor(per_week * static_cast<double>(week + 1)) -
                          std::floor(per_week * static_cast<double>(week)));
}

struct Busy {
  int day, start, end;  // horizon day, local minutes
};

}  // namespace

Result<Proposal> AppointmentService::Propose(const Actor& actor, const ProposalRequest& req) {
  SW_TRY(RequireOrganization(actor));
  if (!req.week_of.ok() || WeekdayOf(req.week_of) != 0) return Error::Field("week_of", "must be a Monday (YYYY-MM-DD)");
  if (req.weeks < 1 || req.weeks > 4) return Error::Field("weeks", "must be 1 to 4");
  return db::InTransaction(db_, Access::kWrite, [&](Transaction& tx) -> Result<Proposal> {
    SW_ASSIGN(auto program, program::ProgramStore::GetProgram(tx, actor.org_id, req.program_id));
    if (!program || program->meta.voided) return Error::Field("program_id", "no such program");
    SW_ASSIGN(auto zone, TimeZoneIn(tx, actor.org_id));
    SW_ASSIGN(auto hours, OpeningHoursIn(tx, actor.org_id, req.program_id));
    const int days = 7 * req.weeks;
    const Date last = AddDays(req.week_of, days - 1);
    const std::size_t horizon = static_cast<std::size_t>(days * kPerDay);
    std::vector<char> open(horizon, 0);
    SW_ASSIGN(auto closures, CalendarStore::ListClosures(tx, actor.org_id, req.week_of, last));
    for (int d = 0; d < days; ++d) {
      const Date day = AddDays(req.week_of, d);
      const bool closed = std::any_of(closures.begin(), closures.end(), [&](const Closure& c) {
        return !c.meta.voided && c.date == day && (c.program_id.empty() || c.program_id == req.program_id);
      });
      if (!closed) Mark(open, d, hours.open_minute, hours.close_minute, 1);
    }
    auto day_of = [&](Date d) { return DaysBetween(req.week_of, d); };

    // Busy time from groups and existing appointments (kept as they are: manual edits and pinned sessions).
    SW_ASSIGN(auto occurrences, OccurrencesIn(tx, actor.org_id, req.week_of, last));
    std::map<std::string, std::vector<Busy>> staff_busy, room_busy, client_busy;
    std::map<std::string, std::vector<int>> client_group_days;
    std::map<std::string, std::vector<Occurrence>> track_occurrences;
    for (const auto& o : occurrences) {
      if (o.status != "scheduled") continue;
      const Busy b{day_of(o.date), o.start_minute, o.end_minute};
      for (const auto& s : o.facilitator_staff_ids) staff_busy[s].push_back(b);
      if (!o.room_id.empty()) room_busy[o.room_id].push_back(b);
      track_occurrences[o.track_id].push_back(o);
      SW_ASSIGN(auto roster, RosterIn(tx, actor.org_id, o));
      for (const auto& r : roster) {
        client_busy[r.client_id].push_back(b);
        client_group_days[r.client_id].push_back(b.day);
      }
    }
    SW_ASSIGN(auto existing, AppointmentStore::OnLocalDates(tx, actor.org_id, req.week_of, last));
    std::map<std::string, std::map<std::string, int>> already;  // client -> kind -> sessions this horizon
    for (const auto& a : existing) {
      if (a.status != "scheduled") continue;
      const Busy b{day_of(a.date), a.start_minute, a.end_minute};
      staff_busy[a.staff_id].push_back(b);
      if (!a.room_id.empty()) room_busy[a.room_id].push_back(b);
      if (!a.client_id.empty()) {
        client_busy[a.client_id].push_back(b);
        ++already[a.client_id][a.kind];
      }
    }

    Proposal proposal;
    const std::string now = Now();
    proposal.meta = {NewUuidV7(clock_.Now()), actor.org_id, 1, false, "", now, now};
    proposal.program_id = req.program_id;
    proposal.week_of = req.week_of;
    proposal.weeks = req.weeks;
    proposal.created_by = actor.user_id;
    opt::Problem problem;
    problem.days = days;
    std::map<std::string, ProposalItem> request_items;  // request id -> the item it becomes

    // Clients of the program with an open episode.
    admissions::ClientQuery cq;
    cq.limit = 5000;
    SW_ASSIGN(auto clients, admissions::ClientStore::List(tx, actor.org_id, cq));
    SW_ASSIGN(auto tracks, program::ProgramStore::ListTracks(tx, actor.org_id, req.program_id, false));
    SW_ASSIGN(auto enrollments, CalendarStore::EnrollmentsDuring(tx, actor.org_id, req.week_of, last));
    std::map<std::string, int> track_load;
    for (const auto& e : enrollments) {
      if (ActiveOn(e, req.week_of)) ++track_load[e.track_id];
    }
    // Which plan interventions are sessions of one client: the catalog in effect for the program says so
    // ("session": "individual" or "family"); codes without it are not proposed, and codes no longer in the
    // catalog are listed as not placed, so the plan gets fixed rather than the session silently dropped.
    SW_ASSIGN(auto plan_settings, plans::SettingsForProgramIn(tx, *settings_, actor.org_id, req.program_id));
    std::set<std::string> licensed_pool;
    const long week_number = std::chrono::floor<std::chrono::weeks>(std::chrono::sys_days(req.week_of)).time_since_epoch().count();
    for (const auto& summary : clients) {
      const auto& c = summary.client;
      if (summary.stage.empty() || summary.stage == "discharged" || summary.stage == "referred") continue;
      SW_ASSIGN(auto episode, admissions::ClientStore::CurrentEpisode(tx, actor.org_id, c.meta.id));
      if (!episode || episode->program_id != req.program_id) continue;
      if (!clients_.CheckAccessIn(tx, actor, c.meta.id).ok()) continue;
      // The client's free time: availability within opening hours, minus groups and appointments.
      SW_ASSIGN(auto av, AppointmentStore::ClientAvailabilityOf(tx, actor.org_id, c.meta.id));
      std::vector<char> free = open;
      const bool has_available =
          std::any_of(av.weekly.begin(), av.weekly.end(), [](const auto& w) { return w.kind == "available"; });
      for (int d = 0; d < days; ++d) {
        const Date day = AddDays(req.week_of, d);
        const std::string code = WeekdayCode(day);
        if (has_available) {
          std::vector<char> mask(horizon, 0);
          for (const auto& w : av.weekly) {
            if (w.kind == "available" && w.day == code) Mark(mask, d, w.start, w.end, 1);
          }
          for (int s = d * kPerDay; s < (d + 1) * kPerDay; ++s) free[s] = free[s] && mask[s];
        }
        for (const auto& w : av.weekly) {
          if (w.kind != "available" && w.day == code) Mark(free, d, w.start, w.end, 0);
        }
        for (const auto& a : av.absences) {
          if (a.Contains(day)) Mark(free, d, 0, 1440, 0);
        }
      }
      // Track assignment for a client without an enrollment this week: the least full track whose groups fit.
      const bool enrolled = std::any_of(enrollments.begin(), enrollments.end(), [&](const Enrollment& e) {
        return e.client_id == c.meta.id && ActiveOn(e, req.week_of);
      });
      if (!enrolled) {
        const program::Track* best = nullptr;
        for (const auto& t : tracks) {
          if (track_load[t.meta.id] >= t.capacity) continue;
          const auto& groups = track_occurrences[t.meta.id];
          if (groups.empty()) continue;
          const bool fits = std::all_of(groups.begin(), groups.end(), [&](const Occurrence& o) {
            const int d = day_of(o.date);
            for (int s = o.start_minute / kSlot; s < (o.end_minute + kSlot - 1) / kSlot; ++s) {
              if (!free[static_cast<std::size_t>(d * kPerDay + s)]) return false;
            }
            return true;
          });
          if (fits && (!best || track_load[t.meta.id] < track_load[best->meta.id])) best = &t;
        }
        if (best) {
          ProposalItem item;
          item.item_id = "t" + std::to_string(proposal.items.size() + 1);
          item.action = "assign_track";
          item.client_id = c.meta.id;
          item.client_name = admissions::DisplayName(c);
          item.track_id = best->meta.id;
          item.track_name = best->name;
          item.date = req.week_of;
          item.reason = "its groups fit the client's availability; " + std::to_string(track_load[best->meta.id]) +
                        " of " + std::to_string(best->capacity) + " places taken";
          ++track_load[best->meta.id];
          for (const auto& o : track_occurrences[best->meta.id]) {
            client_busy[c.meta.id].push_back({day_of(o.date), o.start_minute, o.end_minute});
            client_group_days[c.meta.id].push_back(day_of(o.date));
          }
          proposal.items.push_back(std::move(item));
        }
      }
      for (const auto& b : client_busy[c.meta.id]) Mark(free, b.day, b.start, b.end, 0);
      problem.clients.push_back({c.meta.id, ToWindows(free), client_group_days[c.meta.id]});

      // Required sessions: the active plan's interventions, then manual requirements.
      // rule: the catalog's staff rule for the intervention; manual requirements always need a licence.
      struct Need {
        std::string kind, staff_id, intervention_id;
        int minutes = 50, count = 0;
        std::string rule = "licensed";
      };
      std::vector<Need> needs;
      SW_ASSIGN(auto plans, plans::PlanStore::ListForClient(tx, actor.org_id, c.meta.id));
      for (const auto& plan : plans) {
        if (plan.meta.voided || !plan.active_version_no || plan.episode_id != episode->meta.id) continue;
        SW_ASSIGN(auto version, plans::PlanStore::GetVersion(tx, actor.org_id, plan.meta.id, *plan.active_version_no));
        if (!version) continue;
        for (const auto& i : version->content.interventions) {
          const plans::CatalogIntervention* entry = plan_settings.FindIntervention(i.code);
          if (!entry) {
            proposal.unplaced.push_back({c.meta.id, admissions::DisplayName(c), "plan_intervention",
                                         "the treatment plan's \"" + i.code +
                                             "\" is not in the program's catalog; update the plan"});
            continue;
          }
          if (entry->session.empty()) continue;
          const std::string& kind = entry->session;
          int count = 0;
          for (int w = 0; w < req.weeks; ++w) count += SessionsInWeek(i.frequency, i.days.size(), week_number + w);
          needs.push_back({kind, i.staff_id.empty() ? episode->counselor_id : i.staff_id, i.id,
                           i.minutes > 0 ? i.minutes : 50, count, entry->staff});
        }
      }
      SW_ASSIGN(auto manual, AppointmentStore::RequirementsOf(tx, actor.org_id, c.meta.id));
      for (const auto& r : manual) {
        int count = 0;
        for (int w = 0; w < req.weeks; ++w) count += SessionsInWeek({r.count, r.per}, 0, week_number + w);
        needs.push_back({r.kind, r.staff_id.empty() ? episode->counselor_id : r.staff_id, "", r.minutes, count});
      }
      for (auto& n : needs) {
        // Another rule than "licensed" applies to a named clinician (any licensed one qualifies for them all),
        // and that clinician must meet it, or the session is listed as not placed.
        Placement rule;
        SetStaffRule(n.staff_id.empty() ? "licensed" : n.rule, plan_settings.medical_credentials, rule);
        if (!rule.needs_licensed) {
          std::vector<std::string> types;
          SW_ASSIGN(bool licensed, StaffLicensed(tx, actor.org_id, n.staff_id, req.week_of, &types));
          if (!MeetsStaffRule(rule, licensed, types)) {
            SW_ASSIGN(auto who, program::StaffStore::Get(tx, actor.org_id, n.staff_id));
            const std::string name = who ? program::DisplayName(*who) : "The assigned clinician";
            proposal.unplaced.push_back({c.meta.id, admissions::DisplayName(c), n.kind,
                                         name + " holds no " + (rule.needs_credential ? "current " : "medical ") +
                                             "credential for this session"});
            continue;
          }
        }
        int& have = already[c.meta.id][n.kind];
        const int kept = std::min(have, n.count);
        have -= kept;
        for (int k = kept; k < n.count; ++k) {
          opt::Request r;
          r.id = "a" + std::to_string(request_items.size() + 1);
          r.client_id = c.meta.id;
          r.kind = n.kind;
          r.needs_license = rule.needs_licensed;
          r.length = (n.minutes + kSlot - 1) / kSlot;
          if (!n.staff_id.empty()) {
            r.clinicians = {n.staff_id};
            r.usual_clinician = n.staff_id;
          }
          r.needs_room_capacity = n.kind == "family" ? 4 : 1;
          problem.requests.push_back(r);
          ProposalItem item;
          item.item_id = r.id;
          item.action = "create";
          item.kind = n.kind;
          item.client_id = c.meta.id;
          item.client_name = admissions::DisplayName(c);
          item.plan_intervention_id = n.intervention_id;
          request_items[r.id] = item;
          if (!n.staff_id.empty()) licensed_pool.insert(n.staff_id);
        }
      }
    }
    // Clinicians: every live staff member (licensing decides who may take which request).
    program::StaffQuery sq;
    SW_ASSIGN(auto staff, program::StaffStore::List(tx, actor.org_id, sq));
    for (const auto& s : staff) {
      if (s.meta.voided) continue;
      SW_ASSIGN(bool licensed, StaffLicensed(tx, actor.org_id, s.meta.id, req.week_of));
      if (!licensed && !licensed_pool.contains(s.meta.id)) continue;
      SW_ASSIGN(auto av, AppointmentStore::StaffAvailabilityOf(tx, actor.org_id, s.meta.id));
      std::vector<char> free = open;
      if (!av.working.empty()) {
        std::vector<char> mask(horizon, 0);
        for (int d = 0; d < days; ++d) {
          for (const auto& w : av.working) {
            if (w.day == WeekdayCode(AddDays(req.week_of, d))) Mark(mask, d, w.start, w.end, 1);
          }
        }
        for (std::size_t i = 0; i < horizon; ++i) free[i] = free[i] && mask[i];
      }
      for (int d = 0; d < days; ++d) {
        for (const auto& t : av.time_off) {
          if (t.Contains(AddDays(req.week_of, d))) Mark(free, d, 0, 1440, 0);
        }
      }
      for (const auto& b : staff_busy[s.meta.id]) Mark(free, b.day, b.start, b.end, 0);
      opt::Clinician cl{s.meta.id, licensed, ToWindows(free)};
      if (av.max_sessions_per_week) cl.max_sessions = *av.max_sessions_per_week * req.weeks;
      problem.clinicians.push_back(std::move(cl));
    }
    SW_ASSIGN(auto rooms, CalendarStore::ListRooms(tx, actor.org_id));
    for (const auto& r : rooms) {
      if (r.meta.voided || !r.active) continue;
      std::vector<char> free = open;
      for (const auto& b : room_busy[r.meta.id]) Mark(free, b.day, b.start, b.end, 0);
      problem.rooms.push_back({r.meta.id, r.capacity, ToWindows(free)});
    }

    const auto solution = opt::Solve(problem);
    std::map<std::string, std::string> names;
    for (const auto& s : staff) names[s.meta.id] = program::DisplayName(s);
    for (const auto& r : rooms) names[r.meta.id] = r.name;
    for (const auto& p : solution.placed) {
      ProposalItem item = request_items.at(p.request_id);
      const auto& req_it = *std::find_if(problem.requests.begin(), problem.requests.end(),
                                         [&](const auto& r) { return r.id == p.request_id; });
      const int day = p.start / kPerDay;
      item.date = AddDays(req.week_of, day);
      item.start_minute = (p.start % kPerDay) * kSlot;
      item.end_minute = item.start_minute + req_it.length * kSlot;
      SW_ASSIGN(auto instants, InstantsOf(zone, item.date, item.start_minute, item.end_minute));
      item.start_at = instants.start;
      item.end_at = instants.end;
      item.staff_id = p.clinician_id;
      item.staff_name = names[p.clinician_id];
      item.room_id = p.room_id;
      item.room_name = names[p.room_id];
      item.reason = "client, clinician and room are free";
      proposal.items.push_back(std::move(item));
    }
    for (std::size_t i = 0; i < solution.unplaced.size(); ++i) {
      const auto& item = request_items.at(solution.unplaced[i]);
      proposal.unplaced.push_back({item.client_id, item.client_name, item.kind,
                                   i < solution.unplaced_reasons.size() ? solution.unplaced_reasons[i]
                                                                        : "no common free time"});
    }
    proposal.requested = static_cast<int>(problem.requests.size());
    proposal.placed = static_cast<int>(solution.placed.size());
    proposal.solve_ms = solution.solve_micros / 1000;
    SW_TRY(AppointmentStore::InsertProposal(tx, proposal));
    SW_TRY(audit::Append(tx, actor,
                         {.action = "create", .resource_type = "schedule_proposal", .resource_id = proposal.meta.id,
                          .data_category = "schedule",
                          .reason = std::to_string(proposal.placed) + " of " + std::to_string(proposal.requested) +
                                    " sessions placed"},
                         now));
    return db::Found(AppointmentStore::GetProposal(tx, actor.org_id, proposal.meta.id), "proposal");
  });
}

Result<Proposal> AppointmentService::GetProposal(const Actor& actor, const std::string& id) {
  SW_TRY(RequireOrganization(actor));
  auto result = db::InTransaction(db_, Access::kRead, [&](Transaction& tx) -> Result<Proposal> {
    SW_ASSIGN(auto p, db::Found(AppointmentStore::GetProposal(tx, actor.org_id, id), "proposal"));
    SW_ASSIGN(auto rooms, CalendarStore::ListRooms(tx, actor.org_id));
    SW_ASSIGN(auto tracks, program::ProgramStore::ListTracks(tx, actor.org_id, p.program_id, true));
    for (auto& i : p.items) {
      for (const auto& r : rooms) {
        if (r.meta.id == i.room_id) i.room_name = r.name;
      }
      for (const auto& t : tracks) {
        if (t.meta.id == i.track_id) i.track_name = t.name;
      }
    }
    return p;
  });
  if (!result.ok()) return result;
  SW_TRY(RecordRead(actor, {.action = "read", .resource_type = "schedule_proposal", .resource_id = id,
                            .data_category = "schedule"}));
  return result;
}

Result<Proposal> AppointmentService::Accept(const Actor& actor, const std::string& id,
                                            std::optional<std::vector<std::string>> item_ids) {
  SW_TRY(RequireOrganization(actor));
  return db::InTransaction(db_, Access::kWrite, [&](Transaction& tx) -> Result<Proposal> {
    SW_ASSIGN(auto p, db::Found(AppointmentStore::GetProposal(tx, actor.org_id, id), "proposal"));
    if (p.status != "open" && p.status != "partly_accepted")
      return Error::Conflict("the proposal is " + p.status, {{"status", "is " + p.status}});
    std::vector<std::string> ids;
    if (item_ids) {
      ids = *item_ids;
    } else {
      for (const auto& i : p.items) {
        if (i.accepted_at.empty()) ids.push_back(i.item_id);
      }
    }
    if (ids.empty()) return Error::Field("item_ids", "names no item to accept");
    const std::string now = Now();
    // Track assignments first: their groups are then busy time for the sessions accepted with them.
    std::vector<std::pair<std::size_t, const ProposalItem*>> chosen;
    for (std::size_t k = 0; k < ids.size(); ++k) {
      const std::string field = "item_ids[" + std::to_string(k) + "]";
      auto it = std::find_if(p.items.begin(), p.items.end(), [&](const auto& i) { return i.item_id == ids[k]; });
      if (it == p.items.end()) return Error::Field(field, "no such item in this proposal");
      if (!it->accepted_at.empty()) return Error::Field(field, "was accepted already");
      chosen.emplace_back(k, &*it);
    }
    std::stable_partition(chosen.begin(), chosen.end(), [](const auto& c) { return c.second->action == "assign_track"; });
    for (const auto& [k, item] : chosen) {
      const std::string prefix = "item_ids[" + std::to_string(k) + "].";
      std::string result_id;
      if (item->action == "assign_track") {
        SW_TRY(CheckClientAccess(tx, actor, item->client_id));
        SW_ASSIGN(auto track, program::ProgramStore::GetTrack(tx, actor.org_id, item->track_id));
        if (!track || track->meta.voided) return Error::Field(prefix + "track_id", "no such track");
        Enrollment e;
        e.client_id = item->client_id;
        e.track_id = item->track_id;
        e.track_name = track->name;
        e.starts_on = item->date;
        SW_ASSIGN(auto mine, CalendarStore::EnrollmentsOfClient(tx, actor.org_id, item->client_id));
        for (const auto& other : mine) {
          if (Overlaps(other, e))
            return Error::Conflict("the client is already enrolled",
                                   {{prefix + "track_id", item->client_name + " is enrolled in " + other.track_name}});
        }
        int limit = track->capacity;
        SW_ASSIGN(auto series, CalendarStore::ListSeries(tx, actor.org_id, "", item->track_id));
        for (const auto& s : series) limit = std::min(limit, s.size_limit);
        SW_ASSIGN(auto others, CalendarStore::EnrollmentsOfTrack(tx, actor.org_id, item->track_id));
        others.push_back(e);
        if (PeakActiveDuring(others, e) > limit)
          return Error::Conflict("the track is full", {{prefix + "track_id", track->name + " is full"}});
        e.meta = {NewUuidV7(clock_.Now()), actor.org_id, 1, false, "", now, now};
        SW_TRY(CalendarStore::InsertEnrollment(tx, e));
        SW_TRY(audit::Append(tx, actor,
                             {.action = "create", .resource_type = "enrollment", .resource_id = e.meta.id,
                              .client_id = e.client_id, .data_category = "schedule", .reason = "proposal " + id},
                             now));
        result_id = e.meta.id;
      } else {
        Appointment a;
        a.meta.id = NewUuidV7(clock_.Now());
        a.program_id = p.program_id;
        a.kind = item->kind;
        a.client_id = item->client_id;
        a.staff_id = item->staff_id;
        a.room_id = item->room_id;
        a.modality = item->room_id.empty() ? "telehealth" : "in_person";
        a.start_at = item->start_at;
        a.end_at = item->end_at;
        a.date = item->date;
        a.start_minute = item->start_minute;
        a.end_minute = item->end_minute;
        a.source = "optimizer";
        a.proposal_id = id;
        a.plan_intervention_id = item->plan_intervention_id;
        if (a.modality == "telehealth") return Error::Field(prefix + "room_id", "a telehealth item needs a meeting link; edit it after accepting");
        SW_ASSIGN(auto saved, SaveChecked(tx, actor, std::move(a), 0, prefix));
        result_id = saved.meta.id;
      }
      SW_TRY(AppointmentStore::MarkItemAccepted(tx, actor.org_id, id, item->item_id, result_id, now));
    }
    SW_ASSIGN(auto after, db::Found(AppointmentStore::GetProposal(tx, actor.org_id, id), "proposal"));
    const bool all = std::all_of(after.items.begin(), after.items.end(), [](const auto& i) { return !i.accepted_at.empty(); });
    SW_TRY(AppointmentStore::SetProposalStatus(tx, actor.org_id, id, p.meta.version,
                                               all ? "accepted" : "partly_accepted", now));
    SW_TRY(audit::Append(tx, actor,
                         {.action = "accept", .resource_type = "schedule_proposal", .resource_id = id,
                          .data_category = "schedule", .reason = std::to_string(chosen.size()) + " item(s) accepted"},
                         now));
    return db::Found(AppointmentStore::GetProposal(tx, actor.org_id, id), "proposal");
  });
}

}  // namespace stepwise::scheduling
