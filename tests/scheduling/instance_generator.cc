#include "scheduling/instance_generator.h"

#include <algorithm>
#include <optional>
#include <random>
#include <string>
#include <unordered_map>
#include <vector>

namespace stepwise::scheduling::testing {
namespace {

using optimize::Window;
constexpr int kDay = optimize::kSlotsPerDay;

int At(int day, int hour, int minute = 0) { return day * kDay + hour * 4 + minute / 15; }
Window Span(int day, int h1, int m1, int h2, int m2) { return {At(day, h1, m1), At(day, h2, m2)}; }

// Removes [a, b) from a list of windows.
void Cut(std::vector<Window>& windows, int a, int b) {
  std::vector<Window> out;
  for (const auto& w : windows) {
    if (w.end <= a || w.start >= b) {
      out.push_back(w);
      continue;
    }
    if (w.start < a) out.push_back({w.start, a});
    if (w.end > b) out.push_back({b, w.end});
  }
  windows = std::move(out);
}

bool Covers(const std::vector<Window>& windows, int a, int b) {
  for (const auto& w : windows)
    if (w.start <= a && b <= w.end) return true;
  return false;
}

std::vector<Window> ProgramHours() {
  std::vector<Window> w;
  for (int d = 0; d < 5; ++d) w.push_back(Span(d, 7, 0, 21, 0));
  w.push_back(Span(5, 8, 0, 14, 0));
  return w;
}

}  // namespace

optimize::Problem GenerateProgram(const ProgramOptions& o) {
  std::mt19937 rng(o.seed);
  auto chance = [&](double p) { return std::uniform_real_distribution<double>(0, 1)(rng) < p; };
  auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(std::max(n, 1))); };
  optimize::Problem p;
  p.days = 7;

  // Rooms: about 70% offices, the rest family rooms.
  const int family_rooms = std::max(1, o.rooms * 3 / 10);
  for (int i = 0; i < o.rooms; ++i)
    p.rooms.push_back({"room" + std::to_string(i), i < o.rooms - family_rooms ? 2 : 6, ProgramHours()});

  // Clinicians in teams of five.
  for (int i = 0; i < o.clinicians; ++i) {
    optimize::Clinician c;
    c.id = "staff" + std::to_string(i);
    c.licensed = chance(0.85);
    const int shift = pick(10);  // 0-2 day, 3-5 middle, 6-9 late
    for (int d = 0; d < 5; ++d) {
      if (shift < 3) c.free.push_back(Span(d, 8, 0, 16, 30));
      else if (shift < 6) c.free.push_back(Span(d, 10, 30, 19, 0));
      else c.free.push_back(Span(d, 12, 30, 21, 0));
    }
    if (shift >= 6 && chance(0.6)) c.free.push_back(Span(5, 8, 0, 14, 0));
    if (chance(0.1)) {  // a day off
      const int d = pick(5);
      Cut(c.free, At(d, 0), At(d + 1, 0));
    }
    // Groups they facilitate: one to three three-hour occurrences.
    const int groups = 1 + pick(3);
    for (int g = 0; g < groups; ++g) {
      if (chance(0.5)) {
        const int days[] = {0, 2, 4};
        const int d = days[pick(3)];
        Cut(c.free, At(d, 9), At(d, 12));
      } else {
        const int days[] = {1, 3};
        const int d = days[pick(2)];
        Cut(c.free, At(d, 18), At(d, 21));
      }
    }
    c.max_sessions = 24 + pick(9);
    p.clinicians.push_back(std::move(c));
  }
  std::vector<int> licensed;
  for (int i = 0; i < o.clinicians; ++i)
    if (p.clinicians[i].licensed) licensed.push_back(i);
  if (licensed.empty()) {
    p.clinicians[0].licensed = true;
    licensed.push_back(0);
  }

  for (int i = 0; i < o.clients; ++i) {
    optimize::Client c;
    c.id = "client" + std::to_string(i);
    const bool morning = chance(0.6);
    if (morning) {
      c.group_days = {0, 2, 4};
      for (int d = 0; d < 5; ++d) {
        if (chance(0.25)) continue;  // busy that day
        const int kind = pick(3);
        if (kind == 0) c.free.push_back(Span(d, 8, 0, 17, 0));
        else if (kind == 1) c.free.push_back(Span(d, 12, 0, 17, 0));
        else c.free.push_back(Span(d, 7, 0, 13, 0));
      }
      for (int d : c.group_days) Cut(c.free, At(d, 9), At(d, 12));
    } else {
      c.group_days = {1, 3, 5};
      for (int d = 0; d < 5; ++d) {
        if (chance(0.2)) continue;
        if (chance(0.25)) c.free.push_back(Span(d, 7, 0, 8, 30));
        if (chance(0.3)) c.free.push_back(Span(d, 12, 0, 13, 0));
        c.free.push_back(Span(d, 17, 0, 21, 0));
      }
      if (chance(0.6)) c.free.push_back(Span(5, 12, 0, 14, 0));
      for (int d : {1, 3}) Cut(c.free, At(d, 18), At(d, 21));
      Cut(c.free, At(5, 9), At(5, 12));
    }
    p.clients.push_back(std::move(c));

    const int team = pick(static_cast<int>(licensed.size()));
    const int usual = licensed[team];
    auto allowed = [&] {
      std::vector<std::string> ids{p.clinicians[usual].id};
      for (int k = 1; k <= o.alternates && k < static_cast<int>(licensed.size()); ++k)
        ids.push_back(p.clinicians[licensed[(team / 5 * 5 + (team % 5 + k) % 5) % licensed.size()]].id);
      std::sort(ids.begin(), ids.end());
      ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
      return ids;
    };
    auto last_week = [&](int length) -> std::optional<int> {
      if (!chance(o.last_week_share)) return std::nullopt;
      std::vector<int> starts;
      for (const auto& w : p.clients.back().free)
        for (int s = w.start; s + length <= w.end; ++s)
          if (Covers(p.clinicians[usual].free, s, s + length)) starts.push_back(s);
      if (starts.empty()) return std::nullopt;
      return starts[pick(static_cast<int>(starts.size()))];
    };
    optimize::Request ind;
    ind.id = "r" + std::to_string(i) + "i";
    ind.client_id = p.clients.back().id;
    ind.kind = "individual";
    ind.length = chance(0.3) ? 3 : 4;
    ind.clinicians = allowed();
    ind.usual_clinician = p.clinicians[usual].id;
    ind.needs_room_capacity = chance(o.telehealth_share) ? 0 : 1;
    ind.last_week_start = last_week(ind.length);
    p.requests.push_back(ind);
    if (chance(o.family_share)) {
      optimize::Request fam = ind;
      fam.id = "r" + std::to_string(i) + "f";
      fam.kind = "family";
      fam.length = 4 + pick(3);
      fam.needs_room_capacity = chance(o.telehealth_share) ? 0 : 4;
      fam.last_week_start = last_week(fam.length);
      p.requests.push_back(fam);
    }
  }

  // Pinned: placed one by one where client, clinician and a room are free and nothing pinned before collides.
  std::vector<std::vector<Window>> client_free, clinician_free, room_free;
  std::unordered_map<std::string, int> ci, ki;
  for (std::size_t i = 0; i < p.clients.size(); ++i) client_free.push_back(p.clients[i].free), ci[p.clients[i].id] = i;
  for (std::size_t i = 0; i < p.clinicians.size(); ++i)
    clinician_free.push_back(p.clinicians[i].free), ki[p.clinicians[i].id] = i;
  for (const auto& m : p.rooms) room_free.push_back(m.free);
  std::vector<int> loads(p.clinicians.size(), 0);
  for (auto& r : p.requests) {
    if (!chance(o.pinned_share)) continue;
    const int c = ci[r.client_id], k = ki[r.usual_clinician];
    if (loads[k] >= p.clinicians[k].max_sessions) continue;
    std::vector<std::pair<int, int>> options;  // (start, room)
    for (const auto& w : client_free[c])
      for (int s = w.start; s + r.length <= w.end; ++s) {
        if (!Covers(clinician_free[k], s, s + r.length)) continue;
        int room = -1;
        if (r.needs_room_capacity > 0) {
          for (std::size_t m = 0; m < p.rooms.size() && room < 0; ++m)
            if (p.rooms[m].capacity >= r.needs_room_capacity && Covers(room_free[m], s, s + r.length)) room = m;
          if (room < 0) continue;
        }
        options.emplace_back(s, room);
      }
    if (options.empty()) continue;
    auto [s, room] = options[pick(static_cast<int>(options.size()))];
    r.pinned_start = s;
    r.pinned_clinician = r.usual_clinician;
    Cut(client_free[c], s, s + r.length);
    Cut(clinician_free[k], s, s + r.length);
    ++loads[k];
    if (room >= 0) {
      r.pinned_room = p.rooms[room].id;
      Cut(room_free[room], s, s + r.length);
    }
  }
  return p;
}

optimize::Problem GenerateSmall(unsigned seed) {
  std::mt19937 rng(seed);
  auto pick = [&](int lo, int hi) { return lo + static_cast<int>(rng() % static_cast<unsigned>(hi - lo + 1)); };
  optimize::Problem p;
  p.days = 2;
  const int open = 9 * 4, close = 15 * 4;  // 09:00–15:00: 24 slots a day
  p.min_gap_same_client = pick(0, 3) == 0 ? 1 : 0;
  auto random_windows = [&](int pieces) {
    std::vector<Window> w;
    for (int d = 0; d < 2; ++d)
      for (int k = 0; k < pieces; ++k) {
        const int a = pick(open, close - 3), b = std::min(close, a + pick(3, 14));
        w.push_back({d * kDay + a, d * kDay + b});
      }
    return w;
  };
  const int rooms = pick(1, 2);
  for (int m = 0; m < rooms; ++m)
    p.rooms.push_back({"m" + std::to_string(m), m == 0 ? 2 : 6, pick(0, 2) ? std::vector<Window>{{open, close}, {kDay + open, kDay + close}} : random_windows(2)});
  const int clinicians = pick(2, 3);
  for (int k = 0; k < clinicians; ++k)
    p.clinicians.push_back({"k" + std::to_string(k), k == 0 || pick(0, 3) > 0, random_windows(2), pick(0, 3) == 0 ? pick(2, 4) : 1000});
  const int clients = pick(5, 9);
  int n = 0;
  for (int i = 0; i < clients; ++i) {
    p.clients.push_back({"c" + std::to_string(i), random_windows(pick(1, 2)), {pick(0, 1)}});
    const int sessions = pick(1, 2);
    for (int j = 0; j < sessions; ++j) {
      optimize::Request r;
      r.id = "q" + std::to_string(n++);
      r.client_id = p.clients.back().id;
      r.kind = j == 0 ? "individual" : "family";
      r.length = pick(2, 4);
      if (pick(0, 2) > 0) {
        r.clinicians.push_back(p.clinicians[pick(0, clinicians - 1)].id);
        if (pick(0, 1)) r.clinicians.push_back(p.clinicians[pick(0, clinicians - 1)].id);
      }
      r.usual_clinician = p.clinicians[pick(0, clinicians - 1)].id;
      r.needs_room_capacity = pick(0, 3) == 0 ? 0 : (j == 1 && rooms == 2 ? 4 : 1);
      if (pick(0, 1)) r.last_week_start = pick(0, 1) * kDay + pick(open, close - r.length);
      p.requests.push_back(r);
    }
  }
  // One pinned request at a place nothing else is pinned at (the generator pins at most one).
  if (pick(0, 2) == 0) {
    auto& r = p.requests[pick(0, static_cast<int>(p.requests.size()) - 1)];
    r.pinned_start = pick(0, 1) * kDay + pick(open, close - r.length);
    r.pinned_clinician = "k0";  // always licensed
    if (r.needs_room_capacity > 0) r.pinned_room = p.rooms.back().id;
  }
  return p;
}

}  // namespace stepwise::scheduling::testing
