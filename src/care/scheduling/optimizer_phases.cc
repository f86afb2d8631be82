// The optimizer's phases: greedy (most constrained first, least congested start), repair by ejection chains,
// large-neighbourhood moves, the preference pass, and Solve with restarts for small problems.
#include <algorithm>
#include <array>
#include <numeric>

#include "care/scheduling/optimizer_search.h"

namespace stepwise::scheduling::optimize {
namespace detail {

void Search::AddDemand(int r, double sign) {
  const Req& q = reqs_[r];
  if (q.static_count == 0) return;
  const float w = static_cast<float>(sign / q.static_count);
  for (const auto& cand : q.candidates)
    cand.starts.ForEach([&](int s) {
      for (int t = s; t < s + q.length; ++t) {
        clinician_demand_[cand.clinician][t] += w;
        if (q.need > 0) room_demand_[t] += w;
      }
    });
}

double Search::Congestion(int r, int c, int s) const {
  const Req& q = reqs_[r];
  double v = 0;
  for (int t = s; t < s + q.length; ++t) {
    v += clinician_demand_[c][t];
    if (q.need > 0) v += room_demand_[t] / room_count_;
  }
  return v;
}

void Search::Greedy() {
  // Pinned first (exactly as given when fully specified), then the most constrained requests.
  std::vector<int> order;
  for (std::size_t r = 0; r < reqs_.size(); ++r) {
    Req& q = reqs_[r];
    if (!q.reason.empty()) continue;
    if (q.fixed) {
      const int c = q.pinned_clinician;
      Place(r, c, q.pinned_start, q.need == 0 ? -1 : q.pinned_room, false);
      continue;
    }
    order.push_back(r);
  }
  std::vector<unsigned> tie(reqs_.size());
  for (auto& t : tie) t = rng_();
  std::sort(order.begin(), order.end(), [&](int a, int b) {
    const Req &x = reqs_[a], &y = reqs_[b];
    if (x.pinned != y.pinned) return x.pinned;
    if (x.static_count != y.static_count) return x.static_count < y.static_count;
    return tie[a] < tie[b];
  });
  clinician_demand_.assign(p_.clinicians.size(), std::vector<float>(slots_, 0.f));
  room_demand_.assign(slots_, 0.f);
  room_count_ = std::max<double>(1, static_cast<double>(p_.rooms.size()));
  for (int r : order) AddDemand(r, 1);
  congestion_ = true;
  for (int r : order) {
    AddDemand(r, -1);
    PlaceBest(r);
  }
  congestion_ = false;
  journal_.clear();
}

void Search::CollectUnplaced(std::vector<int>& out) const {
  out.clear();
  for (std::size_t r = 0; r < reqs_.size(); ++r)
    if (at_clinician_[r] < 0 && !reqs_[r].candidates.empty()) out.push_back(static_cast<int>(r));
}

void Search::Repair() {
  std::vector<int> unplaced;
  CollectUnplaced(unplaced);
  const int max_depth = kRepairDepth;
  const long long base = 4000;
  for (int depth = 1; depth <= max_depth && !unplaced.empty() && !TimeUp(); ++depth) {
    bool improved = true;
    while (improved && !unplaced.empty() && !TimeUp()) {
      improved = false;
      std::shuffle(unplaced.begin(), unplaced.end(), rng_);
      for (int r : unplaced) {
        if (TimeUp()) break;
        ++stamp_;
        nodes_ = 0;
        node_budget_ = base << (2 * (depth - 1));
        if (TryInsert(r, depth, true)) improved = true;
        journal_.clear();
      }
      CollectUnplaced(unplaced);
    }
  }
}

// Large-neighbourhood moves once the repair is stuck: put an unplaced request at one of its starts, moving
// everything in its way, and re-place what was moved (ejection chains of depth 2). Kept when no fewer
// sessions are placed (equal counts walk the plateau), undone otherwise. Stops after a run of moves without
// improvement proportional to the number of unplaced requests, or at the time limit.
void Search::Perturb() {
  std::vector<int> unplaced;
  CollectUnplaced(unplaced);
  if (unplaced.empty()) return;
  const long long stall_limit = kStallBase + kStallPerUnplaced * static_cast<long long>(unplaced.size());
  long long stall = 0;
  std::vector<int> moved;
  std::vector<std::pair<int, int>> starts;  // (clinician, start) of a random move
  // The walk may step one session below the best count found (one move in kAcceptWorse) to leave a local
  // optimum; the best placement is kept aside and restored at the end.
  int best_count = placed_count_;
  std::vector<std::array<int, 3>> best(reqs_.size());
  auto snapshot = [&] {
    for (std::size_t r = 0; r < reqs_.size(); ++r) best[r] = {at_clinician_[r], at_start_[r], at_room_[r]};
  };
  snapshot();
  while (!unplaced.empty() && stall < stall_limit && !TimeUp()) {
    ++stall;
    const int r = unplaced[rng_() % unplaced.size()];
    const Req& q = reqs_[r];
    ++stamp_;
    in_chain_[r] = stamp_;
    // Every other move: the start with the fewest sessions in the way (ties broken at random); otherwise any
    // start, drawn at random, whatever is in the way.
    const bool fewest = rng_() & 1;
    int best_c = -1, best_s = -1, room = -1;
    std::vector<int> in_way;
    if (fewest) {
      // Blockers gives up beyond the fewest found so far, so most starts cost a few slots of scanning.
      std::size_t best_n = 64;
      unsigned best_tie = 0;
      for (const auto& cand : q.candidates)
        cand.starts.ForEach([&](int s) {
          int m = -1;
          if (!Blockers(r, cand.clinician, s, best_n, in_way, m)) return;
          const unsigned tie = rng_();
          if (in_way.size() < best_n || best_c < 0 || tie < best_tie) {
            best_n = in_way.size();
            best_tie = tie;
            best_c = cand.clinician;
            best_s = s;
            room = m;
            moved = in_way;
          }
        });
    } else {
      // A start drawn at random among those where everything in the way may move.
      starts.clear();
      for (const auto& cand : q.candidates) cand.starts.ForEach([&](int s) { starts.push_back({cand.clinician, s}); });
      std::shuffle(starts.begin(), starts.end(), rng_);
      for (const auto& [c, s] : starts) {
        int m = -1;
        if (!Blockers(r, c, s, 64, in_way, m)) continue;
        best_c = c;
        best_s = s;
        room = m;
        moved = in_way;
        break;
      }
    }
    if (best_c < 0) continue;
    const int s = best_s;
    struct {
      int clinician;
    } cand{best_c};
    const int before = placed_count_;
    const std::size_t mark = journal_.size();
    for (int b : moved) Remove(b);
    Place(r, cand.clinician, s, room);
    std::shuffle(moved.begin(), moved.end(), rng_);
    for (int b : moved) {
      in_chain_[b] = 0;
      nodes_ = 0;
      node_budget_ = kReinsertNodes;
      TryInsert(b, kReinsertDepth, true);
    }
    if (placed_count_ < before && (placed_count_ < best_count - 1 || rng_() % kAcceptWorse != 0)) Rollback(mark);
    if (placed_count_ > best_count) {
      best_count = placed_count_;
      snapshot();
      stall = 0;
    }
    journal_.clear();
    CollectUnplaced(unplaced);
  }
  if (placed_count_ < best_count) {
    for (std::size_t r = 0; r < reqs_.size(); ++r)
      if (at_clinician_[r] >= 0 && !reqs_[r].fixed) Remove(r, false);
    for (std::size_t r = 0; r < reqs_.size(); ++r)
      if (best[r][0] >= 0 && !reqs_[r].fixed) Place(r, best[r][0], best[r][1], best[r][2], false);
  }
}

void Search::ImprovePreferences() {
  std::vector<int> placed;
  for (std::size_t r = 0; r < reqs_.size(); ++r)
    if (at_clinician_[r] >= 0 && !reqs_[r].pinned) placed.push_back(r);
  for (int pass = 0; pass < 4 && !TimeUp(); ++pass) {
    bool improved = false;
    std::shuffle(placed.begin(), placed.end(), rng_);
    for (int r : placed) {
      const int c = at_clinician_[r], s = at_start_[r], m = at_room_[r];
      Remove(r, false);
      const double now = Score(r, c, s);
      if (PlaceBest(r, now + 1e-6))
        improved = true;
      else
        Place(r, c, s, m, false);
    }
    journal_.clear();
    if (!improved) break;
  }
}

Solution Search::Run() {
  Greedy();
  Repair();
  Perturb();
  RuinRecreate();
  ImprovePreferences();
  return Output();
}

Solution Search::Output() const {
  Solution out;
  for (std::size_t r = 0; r < reqs_.size(); ++r) {
    const auto& in = p_.requests[r];
    if (at_clinician_[r] >= 0) {
      out.placed.push_back({in.id, p_.clinicians[at_clinician_[r]].id, at_room_[r] >= 0 ? p_.rooms[at_room_[r]].id : "",
                            at_start_[r]});
    } else {
      out.unplaced.push_back(in.id);
      std::string why = reqs_[r].reason;
      if (why.empty()) why = "every time that fits is taken by other sessions or clinicians are at their weekly limit";
      out.unplaced_reasons.push_back(why);
    }
  }
  out.preference = PreferenceScore(p_, out);
  out.solve_micros =
      std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - start_time_).count();
  return out;
}

}  // namespace detail

using detail::Clock;
using detail::kRestartRequests;
using detail::Search;

// Small problems are solved several times from different seeds (the best count, then preference, wins): each
// run takes milliseconds there, and restarts leave the plateaus a single random walk can get stuck on. Then the
// exact neighbourhoods of optimizer_mip.cc re-solve pieces of the best run with CBC; for small problems the LP
// bound (after the first run) ends both as soon as it is reached.
Solution Solve(const Problem& problem, const Options& options) {
  const auto start = Clock::now();
  const int runs = static_cast<int>(std::clamp<std::size_t>(kRestartRequests / std::max<std::size_t>(problem.requests.size(), 1), 1, 20));
  const double cpu_start = detail::ThreadSeconds();
  Solution best;
  // The most sessions that can be placed: the LP bound of a small problem, computed after the first run when it
  // left something unplaced; the runs and the exact neighbourhoods stop once they reach it.
  int ceiling = static_cast<int>(problem.requests.size());
  std::shared_ptr<detail::WholeLp> whole_lp;
  for (int k = 0; k < runs; ++k) {
    Options o = options;
    o.seed = options.seed + 7919u * k;
    const auto spent = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
    if (k > 0 && spent * 2 >= options.time_limit_ms) break;
    o.time_limit_ms = std::max<int>(1, options.time_limit_ms - static_cast<int>(spent));
    Solution s = Search(problem, o).Run();
    if (k == 0 || s.placed.size() > best.placed.size() ||
        (s.placed.size() == best.placed.size() && s.preference > best.preference + 1e-9))
      best = std::move(s);
    if (best.unplaced.empty() || static_cast<int>(best.placed.size()) >= ceiling) break;
    if (k == 0 && problem.requests.size() <= detail::kMipBoundRequests) {
      Search bounding(problem, o);
      const double bound = bounding.Bound(best);
      whole_lp = bounding.whole_lp();
      if (bound >= 0) ceiling = static_cast<int>(bound + 1e-6);
      if (static_cast<int>(best.placed.size()) >= ceiling) break;
    }
  }
  // Exact neighbourhoods of the best run, in what is left of the time (CPU time of this thread, and wall time).
  const auto spent = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
  const double cpu_until =
      problem.requests.size() <= detail::kMipBoundRequests ? 1e300 : cpu_start + detail::kMipLargeMs / 1000.0;
  if (!best.unplaced.empty() && static_cast<int>(best.placed.size()) < ceiling && spent < options.time_limit_ms &&
      detail::ThreadSeconds() < cpu_until) {
    Options o = options;
    o.time_limit_ms = static_cast<int>(options.time_limit_ms - spent);
    best = Search(problem, o).Polish(best, ceiling, cpu_until, whole_lp);
  }
  best.solve_micros = std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - start).count();
  return best;
}

}  // namespace stepwise::scheduling::optimize
