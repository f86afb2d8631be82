#include "care/scheduling/conflicts.h"

#include <algorithm>
#include <set>

namespace stepwise::scheduling {

namespace {

bool Contains(const std::vector<std::string>& list, const std::string& x) {
  return std::find(list.begin(), list.end(), x) != list.end();
}

bool Collides(const BusyItem& b, const Placement& p) { return b.start < p.end && p.start < b.end; }

std::string Busy(const BusyItem& b) { return TimeRangeText(b.start_minute, b.end_minute) + " (" + b.label + ")"; }

const ClientFacts* FindClient(const CheckContext& ctx, const std::string& id) {
  for (const auto& c : ctx.clients) {
    if (c.id == id) return &c;
  }
  return nullptr;
}

const StaffFacts* FindStaff(const CheckContext& ctx, const std::string& id) {
  for (const auto& s : ctx.staff) {
    if (s.id == id) return &s;
  }
  return nullptr;
}

std::string ClientName(const CheckContext& ctx, const std::string& id) {
  const auto* c = FindClient(ctx, id);
  return c && !c->name.empty() ? c->name : "The client";
}

std::string StaffName(const CheckContext& ctx, const std::string& id) {
  const auto* s = FindStaff(ctx, id);
  return s && !s->name.empty() ? s->name : "The staff member";
}

// True when [start, end) on `day` lies inside one of the windows of that weekday.
bool Inside(const std::vector<WeeklyWindow>& windows, const std::string& day, int start, int end,
            std::string_view kind) {
  for (const auto& w : windows) {
    if (w.day == day && (kind.empty() || w.kind == kind) && w.start <= start && end <= w.end) return true;
  }
  return false;
}

void CheckClient(const Placement& p, const CheckContext& ctx, const std::string& id, std::vector<Conflict>& out) {
  const std::string name = ClientName(ctx, id);
  for (const auto& b : ctx.busy) {
    if (b.id == p.id || !Collides(b, p) || !Contains(b.client_ids, id)) continue;
    out.push_back({"start", std::string(kClientBusy), name + " is booked " + Busy(b)});
  }
  const auto* facts = FindClient(ctx, id);
  if (!facts) return;
  const std::string day = WeekdayCode(p.date);
  for (const auto& a : facts->availability.absences) {
    if (!a.Contains(p.date)) continue;
    out.push_back({"date", std::string(kClientUnavailable),
                   name + " is away " + FormatDate(a.from) + " to " + FormatDate(a.to) +
                       (a.reason.empty() ? "" : " (" + a.reason + ")")});
  }
  const auto& weekly = facts->availability.weekly;
  const bool has_available = std::any_of(weekly.begin(), weekly.end(), [](const auto& w) { return w.kind == "available"; });
  if (has_available && !Inside(weekly, day, p.start_minute, p.end_minute, "available")) {
    out.push_back({"start", std::string(kClientUnavailable),
                   name + " is not available " + day + " " + TimeRangeText(p.start_minute, p.end_minute)});
  }
  for (const auto& w : weekly) {
    if (w.kind == "available" || w.day != day || !(p.start_minute < w.end && w.start < p.end_minute)) continue;
    out.push_back({"start", std::string(kClientUnavailable),
                   name + " has " + w.kind + " " + day + " " + TimeRangeText(w.start, w.end)});
  }
}

void CheckStaff(const Placement& p, const CheckContext& ctx, const std::string& id, std::vector<Conflict>& out) {
  const std::string name = StaffName(ctx, id);
  for (const auto& b : ctx.busy) {
    if (b.id == p.id || !Collides(b, p) || !Contains(b.staff_ids, id)) continue;
    out.push_back({"start", std::string(kStaffBusy), name + " is booked " + Busy(b)});
  }
  const auto* facts = FindStaff(ctx, id);
  if (!facts) return;
  const auto& av = facts->availability;
  for (const auto& t : av.time_off) {
    if (!t.Contains(p.date)) continue;
    out.push_back({"date", std::string(kStaffUnavailable),
                   name + " is off " + FormatDate(t.from) + " to " + FormatDate(t.to)});
  }
  const std::string day = WeekdayCode(p.date);
  if (!av.working.empty() && !Inside(av.working, day, p.start_minute, p.end_minute, "")) {
    out.push_back({"start", std::string(kStaffUnavailable),
                   name + " does not work " + day + " " + TimeRangeText(p.start_minute, p.end_minute)});
  }
  if (p.needs_licensed && !facts->licensed) {
    out.push_back({"staff_id", std::string(kNotLicensed),
                   name + " holds no licensed credential; individual and family therapy need a licensed clinician"});
  }
  if (p.needs_credential && facts->credential_types.empty()) {
    out.push_back({"staff_id", std::string(kCredentialMissing),
                   name + " holds no current credential; this session needs a credentialed clinician"});
  }
  if (!p.required_credentials.empty() &&
      std::none_of(p.required_credentials.begin(), p.required_credentials.end(),
                   [&](const std::string& c) { return Contains(facts->credential_types, c); })) {
    std::string list;
    for (const auto& c : p.required_credentials) list += (list.empty() ? "" : ", ") + c;
    out.push_back({"staff_id", std::string(kCredentialMissing), name + " holds none of the required credentials: " + list});
  }
  if (p.kind == "group") return;
  if (av.max_sessions_per_week && facts->sessions_this_week >= *av.max_sessions_per_week) {
    out.push_back({"staff_id", std::string(kCaseloadFull),
                   name + " already has " + std::to_string(facts->sessions_this_week) + " sessions this week (limit " +
                       std::to_string(*av.max_sessions_per_week) + ")"});
  }
  if (av.caseload_limit) {
    for (const auto& c : p.client_ids) {
      if (Contains(facts->caseload_client_ids, c)) continue;
      if (static_cast<int>(facts->caseload_client_ids.size()) >= *av.caseload_limit) {
        out.push_back({"staff_id", std::string(kCaseloadFull),
                       name + "'s caseload is full (" + std::to_string(facts->caseload_client_ids.size()) + " of " +
                           std::to_string(*av.caseload_limit) + " clients)"});
      }
    }
  }
}

}  // namespace

std::string TimeRangeText(int start_minute, int end_minute) {
  return FormatClockTime(start_minute) + "\u2013" + FormatClockTime(end_minute % (24 * 60));
}

std::vector<Conflict> CheckPlacement(const Placement& p, const CheckContext& ctx) {
  std::vector<Conflict> out;
  for (const auto& c : ctx.closures) {
    if (c.date == p.date) out.push_back({"date", std::string(kClosed), "The program is closed on " + FormatDate(c.date) + " (" + c.name + ")"});
  }
  if (p.start_minute < ctx.hours.open_minute || p.end_minute > ctx.hours.close_minute) {
    out.push_back({"start", std::string(kOutsideHours),
                   TimeRangeText(p.start_minute, p.end_minute) + " is outside opening hours " +
                       TimeRangeText(ctx.hours.open_minute, ctx.hours.close_minute)});
  }
  std::set<std::string> seen;
  for (const auto& c : p.client_ids) {
    if (seen.insert(c).second) CheckClient(p, ctx, c, out);
  }
  seen.clear();
  for (const auto& s : p.staff_ids) {
    if (seen.insert(s).second) CheckStaff(p, ctx, s, out);
  }
  if (!p.room_id.empty()) {
    const std::string room = ctx.room && !ctx.room->name.empty() ? ctx.room->name : "The room";
    for (const auto& b : ctx.busy) {
      if (b.id == p.id || b.room_id != p.room_id || !Collides(b, p)) continue;
      out.push_back({"start", std::string(kRoomBusy), room + " is booked " + Busy(b)});
    }
    if (ctx.room && p.attendees > ctx.room->capacity) {
      out.push_back({"room_id", std::string(kRoomCapacity),
                     room + " holds " + std::to_string(ctx.room->capacity) + " (" + std::to_string(p.attendees) +
                         " needed)"});
    }
  }
  if (p.size_limit > 0 && p.enrolled > p.size_limit) {
    out.push_back({"client_id", std::string(kGroupFull),
                   "The group is full (" + std::to_string(p.enrolled) + " of " + std::to_string(p.size_limit) + ")"});
  }
  return out;
}

void SetStaffRule(const std::string& rule, const std::vector<std::string>& medical, Placement& p) {
  const bool licensed = rule == "licensed" || (rule == "medical" && medical.empty());
  p.needs_licensed = licensed;
  p.needs_credential = !licensed && rule == "credentialed";
  if (!licensed && rule == "medical") p.required_credentials = medical;
}

bool MeetsStaffRule(const Placement& p, bool licensed, const std::vector<std::string>& credential_types) {
  if (p.needs_licensed && !licensed) return false;
  if (p.needs_credential && credential_types.empty()) return false;
  return p.required_credentials.empty() ||
         std::any_of(p.required_credentials.begin(), p.required_credentials.end(),
                     [&](const std::string& c) { return Contains(credential_types, c); });
}

Error ConflictError(const std::vector<Conflict>& conflicts, const std::string& prefix) {
  FieldErrors errors;
  for (const auto& c : conflicts) errors.Add(prefix + c.field, c.message);
  std::string summary = conflicts.empty() ? "conflict" : conflicts.front().message;
  if (conflicts.size() > 1) summary += " (and " + std::to_string(conflicts.size() - 1) + " more)";
  return errors.ToError(summary);
}

}  // namespace stepwise::scheduling
