// Validate, PreferenceScore and SlotLabel: an independent check of a Solution (does not share the search's
// state; reads only the Problem).
#include <algorithm>
#include <cstdio>
#include <map>
#include <set>
#include <unordered_map>

#include "care/scheduling/optimizer.h"
#include "care/scheduling/optimizer_bits.h"

namespace stepwise::scheduling::optimize {

std::string SlotLabel(int slot) {
  static const char* kDays[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  if (slot < 0) return "slot " + std::to_string(slot);
  const int day = slot / kSlotsPerDay, minute = (slot % kSlotsPerDay) * kSlotMinutes;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%s%s %02d:%02d", kDays[day % 7], day >= 7 ? (" week " + std::to_string(day / 7 + 1)).c_str() : "",
                minute / 60, minute % 60);
  return buf;
}

namespace {

std::string Span(int start, int length) { return SlotLabel(start) + "–" + SlotLabel(start + length).substr(4); }

template <class T>
std::unordered_map<std::string, const T*> ById(const std::vector<T>& items) {
  std::unordered_map<std::string, const T*> out;
  for (const auto& i : items) out.emplace(i.id, &i);
  return out;
}

bool Inside(const std::vector<Window>& free, int a, int b) {
  // Windows may touch or overlap: merge the ones covering [a, b).
  int reach = a;
  bool progress = true;
  while (reach < b && progress) {
    progress = false;
    for (const auto& w : free)
      if (w.start <= reach && w.end > reach) {
        reach = w.end;
        progress = true;
      }
  }
  return reach >= b;
}

double PlacementPreference(const Request& r, const Client* client, const Placement& p) {
  double s = 0;
  if (r.last_week_start) {
    if (p.start == *r.last_week_start)
      s += 8;
    else if (p.start % kSlotsPerDay == *r.last_week_start % kSlotsPerDay)
      s += 3;
  }
  if (!r.usual_clinician.empty() && p.clinician_id == r.usual_clinician) s += 6;
  if (client) {
    const int day = p.start / kSlotsPerDay;
    if (std::find(client->group_days.begin(), client->group_days.end(), day) != client->group_days.end()) s += 2;
  }
  return s;
}

}  // namespace

double PreferenceScore(const Problem& problem, const Solution& solution) {
  auto requests = ById(problem.requests);
  auto clients = ById(problem.clients);
  std::map<std::string, int> load;
  double score = 0;
  for (const auto& p : solution.placed) {
    auto r = requests.find(p.request_id);
    if (r == requests.end()) continue;
    auto c = clients.find(r->second->client_id);
    score += PlacementPreference(*r->second, c == clients.end() ? nullptr : c->second, p);
    ++load[p.clinician_id];
  }
  for (const auto& [id, n] : load) score -= 0.1 * n * n;
  return score;
}

std::vector<std::string> Validate(const Problem& problem, const Solution& solution) {
  std::vector<std::string> out;
  const int slots = problem.days * kSlotsPerDay;
  auto requests = ById(problem.requests);
  auto clients = ById(problem.clients);
  auto clinicians = ById(problem.clinicians);
  auto rooms = ById(problem.rooms);

  struct Busy {
    int start, end;
    std::string request_id;
    bool pinned;
  };
  std::map<std::string, std::vector<Busy>> by_client, by_clinician, by_room;
  std::set<std::string> seen;
  std::map<std::string, int> load;

  for (const auto& p : solution.placed) {
    const std::string who = "request " + p.request_id + ": ";
    auto ri = requests.find(p.request_id);
    if (ri == requests.end()) {
      out.push_back(who + "no such request");
      continue;
    }
    const Request& r = *ri->second;
    if (!seen.insert(r.id).second) {
      out.push_back(who + "placed more than once");
      continue;
    }
    const bool pinned = r.pinned_start.has_value();
    const int a = p.start, b = p.start + r.length;
    if (r.length <= 0) out.push_back(who + "length must be positive");
    if (a < 0 || b > slots) out.push_back(who + "starts outside the week (" + std::to_string(a) + ")");
    if (pinned) {
      if (p.start != *r.pinned_start)
        out.push_back(who + "pinned at " + SlotLabel(*r.pinned_start) + " but placed at " + SlotLabel(p.start));
      if (!r.pinned_clinician.empty() && p.clinician_id != r.pinned_clinician)
        out.push_back(who + "pinned with clinician " + r.pinned_clinician + " but placed with " + p.clinician_id);
      if (!r.pinned_room.empty() && p.room_id != r.pinned_room)
        out.push_back(who + "pinned in room " + r.pinned_room + " but placed in " + p.room_id);
    }
    auto ci = clients.find(r.client_id);
    if (ci == clients.end()) {
      out.push_back(who + "unknown client " + r.client_id);
    } else if (!pinned && !Inside(ci->second->free, a, b)) {
      out.push_back(who + "client " + r.client_id + " is not free " + Span(a, r.length));
    }
    auto ki = clinicians.find(p.clinician_id);
    if (ki == clinicians.end()) {
      out.push_back(who + "unknown clinician " + p.clinician_id);
    } else {
      const Clinician& k = *ki->second;
      const bool listed = r.clinicians.empty() ||
                          std::find(r.clinicians.begin(), r.clinicians.end(), k.id) != r.clinicians.end();
      if (!listed && !(pinned && r.pinned_clinician == k.id))
        out.push_back(who + "clinician " + k.id + " is not one of the allowed clinicians");
      if (detail::NeedsLicense(r) && !k.licensed)
        out.push_back(who + "clinician " + k.id + " is not licensed for " + r.kind + " therapy");
      if (!pinned && !Inside(k.free, a, b)) out.push_back(who + "clinician " + k.id + " is not free " + Span(a, r.length));
      ++load[k.id];
      by_clinician[k.id].push_back({a, b, r.id, pinned});
    }
    if (r.needs_room_capacity > 0) {
      auto mi = rooms.find(p.room_id);
      if (p.room_id.empty()) {
        out.push_back(who + "needs a room for " + std::to_string(r.needs_room_capacity) + " but has none");
      } else if (mi == rooms.end()) {
        out.push_back(who + "unknown room " + p.room_id);
      } else {
        if (mi->second->capacity < r.needs_room_capacity)
          out.push_back(who + "room " + p.room_id + " holds " + std::to_string(mi->second->capacity) + ", needs " +
                        std::to_string(r.needs_room_capacity));
        if (!pinned && !Inside(mi->second->free, a, b))
          out.push_back(who + "room " + p.room_id + " is not free " + Span(a, r.length));
      }
    }
    if (!p.room_id.empty()) by_room[p.room_id].push_back({a, b, r.id, pinned});
    by_client[r.client_id].push_back({a, b, r.id, pinned});
  }

  auto overlaps = [&](const std::map<std::string, std::vector<Busy>>& groups, const std::string& what, int gap) {
    for (const auto& [id, list] : groups)
      for (std::size_t i = 0; i < list.size(); ++i)
        for (std::size_t j = i + 1; j < list.size(); ++j) {
          const Busy &x = list[i], &y = list[j];
          if (x.pinned && y.pinned) continue;  // both given as they are: not the solver's doing
          if (x.start < y.end && y.start < x.end)
            out.push_back(what + " " + id + " is double-booked: requests " + x.request_id + " (" +
                          SlotLabel(x.start) + ") and " + y.request_id + " (" + SlotLabel(y.start) + ")");
          else if (x.start < y.end + gap && y.start < x.end + gap)
            out.push_back(what + " " + id + ": requests " + x.request_id + " (" + SlotLabel(x.start) + ") and " +
                          y.request_id + " (" + SlotLabel(y.start) + ") are closer than the minimum gap");
        }
  };
  overlaps(by_client, "client", problem.min_gap_same_client);
  overlaps(by_clinician, "clinician", 0);
  overlaps(by_room, "room", 0);

  for (const auto& [id, n] : load) {
    auto ki = clinicians.find(id);
    if (ki != clinicians.end() && n > ki->second->max_sessions)
      out.push_back("clinician " + id + " has " + std::to_string(n) + " sessions, more than the limit of " +
                    std::to_string(ki->second->max_sessions));
  }

  std::set<std::string> unplaced;
  for (const auto& id : solution.unplaced) {
    if (!requests.count(id)) out.push_back("unplaced request " + id + " does not exist");
    if (seen.count(id)) out.push_back("request " + id + " is both placed and unplaced");
    if (!unplaced.insert(id).second) out.push_back("request " + id + " is listed unplaced twice");
  }
  for (const auto& r : problem.requests) {
    if (r.pinned_start && !seen.count(r.id)) out.push_back("pinned request " + r.id + " was not placed");
    if (!seen.count(r.id) && !unplaced.count(r.id)) out.push_back("request " + r.id + " is neither placed nor unplaced");
  }
  return out;
}

}  // namespace stepwise::scheduling::optimize
