// Ruin and recreate, the optimizer's large-neighbourhood phase after the walk of optimizer_phases.cc: clear a
// large piece of the week and place it again together with unplaced requests. On the generated 100-client programs
// (two rooms binding) the search before this phase stopped 1–3 sessions short of CBC's optimum; CBC run on
// neighbourhoods of those solutions (everything fixed but one day, one clinician, one room, ...) showed that
// single-day and single-clinician pieces seldom hold a gain (none on one seed, one on another) while two days of
// rooms, one room's week or a band of every day often do — hence mostly pieces of that size. Exact depth-first re-placement of such pieces was tried and
// ran out of its node budget without finding the gains; the greedy recreate below, repeated, finds some.
// Pure, deterministic for a seed.
#include <algorithm>
#include <numeric>

#include "care/scheduling/optimizer_search.h"

namespace stepwise::scheduling::optimize::detail {

// How well [s, s+length) fits what is available around it: +1 for each side that touches a booked or closed
// slot, -1 for each side that leaves a hole of one or two slots (too short for a 45-minute session).
static int Fit(const SlotBits& avail, int s, int length) {
  int v = 0;
  int before = 0;
  while (before < 3 && avail.Test(s - 1 - before)) ++before;
  int after = 0;
  while (after < 3 && avail.Test(s + length + after)) ++after;
  v += before == 0 ? 1 : before < 3 ? -1 : 0;
  v += after == 0 ? 1 : after < 3 ? -1 : 0;
  return v;
}

// Feasible (clinician, start) pairs of r in the current state (rooms are not counted separately).
int Search::CountOptions(int r) const {
  const Req& q = reqs_[r];
  SlotBits common = client_avail_[q.client].Starts(q.length);
  common.AndWith(RoomStarts(r));
  if (!common.Any()) return 0;
  int n = 0;
  for (const auto& cand : q.candidates) {
    if (load_[cand.clinician] >= p_.clinicians[cand.clinician].max_sessions) continue;
    SlotBits f = cand.starts;
    f.AndWith(common);
    f.AndWith(clinician_avail_[cand.clinician].Starts(q.length));
    n += f.Count();
  }
  return n;
}

// Every feasible (clinician, start, room) of r now, tightest fit first (booked or closed right before and after
// in the clinician's and the room's day), ties in random order.
void Search::ListOptions(int r, std::vector<Option>& out) const {
  const Req& q = reqs_[r];
  out.clear();
  SlotBits common = client_avail_[q.client].Starts(q.length);
  common.AndWith(RoomStarts(r));
  for (const auto& cand : q.candidates) {
    const int c = cand.clinician;
    if (load_[c] >= p_.clinicians[c].max_sessions) continue;
    SlotBits f = cand.starts;
    f.AndWith(common);
    f.AndWith(clinician_avail_[c].Starts(q.length));
    f.ForEach([&](int s) {
      const int cfit = Fit(clinician_avail_[c], s, q.length);
      if (q.need == 0) {
        out.push_back({c, s, -1, cfit});
        return;
      }
      for (int m : rooms_by_capacity_) {
        if (p_.rooms[m].capacity < q.need || (q.pinned_room >= 0 && m != q.pinned_room)) continue;
        if (!room_avail_[m].AllIn(s, s + q.length)) continue;
        out.push_back({c, s, m, cfit + 2 * Fit(room_avail_[m], s, q.length)});
      }
    });
  }
  std::shuffle(out.begin(), out.end(), rng_);
  std::stable_sort(out.begin(), out.end(), [](const Option& a, const Option& b) { return a.fit > b.fit; });
}

// Ruin and recreate: clear a piece — every session in (up to kRecreateRooms) rooms on two consecutive days, in
// one room all week, in a five-hour band of every day, on one day for some clinicians, of one clinician all week,
// or the family sessions of some clinicians — then re-place it and up to kRecreateUnplaced unplaced requests,
// most constrained first (fewest feasible places now), each at its tightest fit, with ejection chains for those
// that find no place. Kept when no fewer sessions are placed (so the walk moves along plateaus), undone otherwise;
// stops after 50 + requests / 8 tries without a gain.
void Search::RuinRecreate() {
  std::vector<int> unplaced, piece, vars;
  CollectUnplaced(unplaced);
  if (unplaced.empty()) return;
  const long long limit = std::min(kRecreateStallMax,
                                   kRecreateStallBase + static_cast<long long>(reqs_.size()) / kRecreateStallRequests);
  long long stall = 0;
  std::vector<Option> options;
  while (!unplaced.empty() && stall < limit && !TimeUp()) {
    ++stall;
    piece.clear();
    const int kind = static_cast<int>(rng_() % 6);
    // The rooms of the piece: all of them in a small program, two drawn at random in a large one (one for kind 1).
    std::vector<int> rooms(p_.rooms.size());
    std::iota(rooms.begin(), rooms.end(), 0);
    std::shuffle(rooms.begin(), rooms.end(), rng_);
    rooms.resize(std::min<std::size_t>(rooms.size(), kind == 1 ? 1 : kRecreateRooms));
    auto take = [&](int t0, int t1) {
      for (int t = std::max(t0, 0); t < std::min(t1, slots_); ++t)
        for (int m : rooms) {
          const int o = room_occ_[m][t];
          if (o >= 0 && !reqs_[o].pinned && std::find(piece.begin(), piece.end(), o) == piece.end()) piece.push_back(o);
        }
    };
    if (kind == 0) {
      const int d = static_cast<int>(rng_() % std::max(p_.days - 1, 1));
      take(d * kSlotsPerDay, (d + 2) * kSlotsPerDay);
    } else if (kind == 1) {
      take(0, slots_);
    } else if (kind >= 3 && kind <= 5) {
      // 3: one day of some clinicians; 4: one clinician all week; 5: family sessions of some clinicians.
      std::vector<int> cl(p_.clinicians.size());
      std::iota(cl.begin(), cl.end(), 0);
      std::shuffle(cl.begin(), cl.end(), rng_);
      cl.resize(std::min<std::size_t>(cl.size(), kind == 4 ? 1 : 6));
      const int d = static_cast<int>(rng_() % std::max(p_.days - 1, 1));
      for (std::size_t r = 0; r < reqs_.size(); ++r) {
        if (at_clinician_[r] < 0 || reqs_[r].pinned) continue;
        if (std::find(cl.begin(), cl.end(), at_clinician_[r]) == cl.end()) continue;
        if (kind == 3 && at_start_[r] / kSlotsPerDay != d) continue;
        if (kind == 5 && reqs_[r].need < 2 && p_.requests[r].kind != "family") continue;
        piece.push_back(r);
      }
    } else {
      const int t0 = static_cast<int>(rng_() % (kSlotsPerDay - kRecreateBand));
      for (int d = 0; d < p_.days; ++d) take(d * kSlotsPerDay + t0, d * kSlotsPerDay + t0 + kRecreateBand);
    }
    const int before = placed_count_;
    const std::size_t mark = journal_.size();
    for (int b : piece) Remove(b);
    vars = piece;
    std::shuffle(unplaced.begin(), unplaced.end(), rng_);
    vars.insert(vars.end(), unplaced.begin(), unplaced.begin() + std::min(unplaced.size(), kRecreateUnplaced));
    std::shuffle(vars.begin(), vars.end(), rng_);
    for (std::size_t k = 0; k < vars.size(); ++k) {
      std::size_t pick = k;
      int fewest = -1;
      for (std::size_t i = k; i < vars.size(); ++i) {
        const int n = CountOptions(vars[i]);
        if (n > 0 && (fewest < 0 || n < fewest)) {
          fewest = n;
          pick = i;
        }
      }
      if (fewest < 0) break;
      std::swap(vars[k], vars[pick]);
      ListOptions(vars[k], options);
      const auto& o = options.front();
      Place(vars[k], o.c, o.s, o.m);
    }
    for (int r : vars)
      if (at_clinician_[r] < 0) {
        ++stamp_;
        nodes_ = 0;
        node_budget_ = kReinsertNodes;
        TryInsert(r, kReinsertDepth, true);
      }
    if (placed_count_ < before) Rollback(mark);
    if (placed_count_ > before) stall = 0;
    CollectUnplaced(unplaced);
    journal_.clear();
  }
}

}  // namespace stepwise::scheduling::optimize::detail
