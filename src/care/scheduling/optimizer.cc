// Solve: greedy placement (most constrained request first), augmenting repair by ejection chains, then a
// preference pass. See optimizer.h for the objective.
//
// State: each request is placed at (clinician, start, room) or not. For every client, clinician and room we
// keep "available" slot bits (free windows minus what is booked; for clients also minus the minimum gap around
// their sessions) so the feasible starts of a request are a few word-wise ANDs, and per-slot occupancy of
// clinicians and rooms so the sessions in the way of a start ("blockers") are found in O(length).
// Every change goes through Place/Remove, which log to a journal so a failed ejection chain is rolled back.
#include <algorithm>
#include <chrono>
#include <map>
#include <numeric>
#include <random>
#include <unordered_map>

#include "care/scheduling/optimizer.h"
#include "care/scheduling/optimizer_bits.h"

namespace stepwise::scheduling::optimize {
namespace {

using detail::SlotBits;
using Clock = std::chrono::steady_clock;

struct Candidate {
  int clinician;
  SlotBits starts;  // static: client, clinician and some adequate room free for the whole session
};

struct Req {
  int client = -1, length = 4, need = 0;
  bool pinned = false, fixed = false;  // fixed: pinned with clinician and room (when needed) given
  int pinned_start = -1, pinned_clinician = -1, pinned_room = -1;
  int usual = -1, last_week = -1;
  std::vector<Candidate> candidates;
  int static_count = 0;
  std::string reason;  // why it cannot be placed at all ("" when it has candidates)
};

class Search {
 public:
  Search(const Problem& problem, const Options& options);
  Solution Run();

 private:
  // ---- set-up
  void BuildRequests();
  // ---- state changes (journaled)
  void Place(int r, int c, int s, int m, bool journal = true);
  void Remove(int r, bool journal = true);
  void Rollback(std::size_t mark);
  // ---- queries
  double Preference(int r, int c, int s) const;
  double Score(int r, int c, int s) const { return Preference(r, c, s) - 0.1 * (2 * load_[c] + 1); }
  SlotBits RoomStarts(int r) const;  // starts where some adequate room is available now
  int ChooseRoom(int r, int s) const;
  bool PlaceBest(int r, double at_least = -1e18);
  bool Blockers(int r, int c, int s, std::size_t max_blockers, std::vector<int>& out, int& room) const;
  bool TryInsert(int r, int depth, bool top);
  bool TimeUp() const { return Clock::now() >= deadline_; }
  // ---- phases
  void Greedy();
  void Repair();
  void Perturb();
  void ImprovePreferences();

  const Problem& p_;
  Options options_;
  Clock::time_point start_time_, deadline_;
  int slots_ = 0, gap_ = 0;
  std::mt19937 rng_;

  std::vector<SlotBits> client_free_, clinician_free_, room_free_;
  std::vector<int> rooms_by_capacity_;
  std::vector<Req> reqs_;

  std::vector<int> at_clinician_, at_start_, at_room_;
  std::vector<std::vector<int>> client_sessions_;
  std::vector<std::vector<int>> clinician_occ_, room_occ_;  // per slot: request index or -1
  std::vector<int> load_;
  std::vector<SlotBits> client_avail_, clinician_avail_, room_avail_;
  int placed_count_ = 0;

  struct Op {
    bool placed;  // true: Place(r, ...) happened; false: Remove(r) happened (with its old position)
    int r, c, s, m;
  };
  std::vector<Op> journal_;
  std::vector<unsigned> in_chain_;
  unsigned stamp_ = 0;
  long long nodes_ = 0, node_budget_ = 0;
};

Search::Search(const Problem& problem, const Options& options)
    : p_(problem), options_(options), rng_(options.seed) {
  start_time_ = Clock::now();
  deadline_ = start_time_ + std::chrono::milliseconds(std::max(options.time_limit_ms, 1));
  slots_ = std::max(problem.days, 0) * kSlotsPerDay;
  gap_ = std::max(problem.min_gap_same_client, 0);
  for (const auto& c : p_.clients) client_free_.push_back(detail::FromWindows(slots_, c.free));
  for (const auto& c : p_.clinicians) clinician_free_.push_back(detail::FromWindows(slots_, c.free));
  for (const auto& m : p_.rooms) room_free_.push_back(detail::FromWindows(slots_, m.free));
  rooms_by_capacity_.resize(p_.rooms.size());
  std::iota(rooms_by_capacity_.begin(), rooms_by_capacity_.end(), 0);
  std::stable_sort(rooms_by_capacity_.begin(), rooms_by_capacity_.end(),
                   [&](int a, int b) { return p_.rooms[a].capacity < p_.rooms[b].capacity; });
  client_avail_ = client_free_;
  clinician_avail_ = clinician_free_;
  room_avail_ = room_free_;
  client_sessions_.resize(p_.clients.size());
  clinician_occ_.assign(p_.clinicians.size(), std::vector<int>(slots_, -1));
  room_occ_.assign(p_.rooms.size(), std::vector<int>(slots_, -1));
  load_.assign(p_.clinicians.size(), 0);
  BuildRequests();
  at_clinician_.assign(reqs_.size(), -1);
  at_start_.assign(reqs_.size(), -1);
  at_room_.assign(reqs_.size(), -1);
  in_chain_.assign(reqs_.size(), 0);
}

void Search::BuildRequests() {
  std::unordered_map<std::string, int> client_ix, clinician_ix, room_ix;
  for (std::size_t i = 0; i < p_.clients.size(); ++i) client_ix.emplace(p_.clients[i].id, i);
  for (std::size_t i = 0; i < p_.clinicians.size(); ++i) clinician_ix.emplace(p_.clinicians[i].id, i);
  for (std::size_t i = 0; i < p_.rooms.size(); ++i) room_ix.emplace(p_.rooms[i].id, i);
  auto find = [](const std::unordered_map<std::string, int>& m, const std::string& id) {
    auto it = m.find(id);
    return it == m.end() ? -1 : it->second;
  };
  // Starts where some room of at least `need` is statically free for `length` slots, cached per (need, length).
  std::map<std::pair<int, int>, SlotBits> room_static;
  auto any_room = [&](int need, int length) -> const SlotBits& {
    auto key = std::make_pair(need, length);
    auto it = room_static.find(key);
    if (it != room_static.end()) return it->second;
    SlotBits b(slots_);
    if (need <= 0) {
      b.Fill();
    } else {
      for (std::size_t m = 0; m < p_.rooms.size(); ++m)
        if (p_.rooms[m].capacity >= need) b.OrWith(room_free_[m].Starts(length));
    }
    return room_static.emplace(key, std::move(b)).first->second;
  };

  for (const auto& in : p_.requests) {
    Req r;
    r.client = find(client_ix, in.client_id);
    r.length = in.length;
    r.need = std::max(in.needs_room_capacity, 0);
    r.usual = find(clinician_ix, in.usual_clinician);
    r.last_week = in.last_week_start.value_or(-1);
    r.pinned = in.pinned_start.has_value();
    if (r.pinned) {
      r.pinned_start = *in.pinned_start;
      r.pinned_clinician = in.pinned_clinician.empty() ? -1 : find(clinician_ix, in.pinned_clinician);
      r.pinned_room = in.pinned_room.empty() ? -1 : find(room_ix, in.pinned_room);
      r.fixed = r.pinned_clinician >= 0 && (r.need == 0 || r.pinned_room >= 0) && r.client >= 0 &&
                r.pinned_start >= 0 && r.pinned_start + r.length <= slots_;
    }
    if (r.client < 0) r.reason = "unknown client";
    if (r.length <= 0 || r.length > slots_) r.reason = "the session length does not fit in the week";
    if (r.pinned && !in.pinned_clinician.empty() && r.pinned_clinician < 0) r.reason = "the pinned clinician is unknown";
    if (r.pinned && !in.pinned_room.empty() && r.pinned_room < 0) r.reason = "the pinned room is unknown";
    if (!r.reason.empty() || r.fixed) {
      reqs_.push_back(std::move(r));
      continue;
    }
    std::vector<int> allowed;
    if (r.pinned_clinician >= 0) {
      allowed.push_back(r.pinned_clinician);
    } else if (in.clinicians.empty()) {
      for (std::size_t c = 0; c < p_.clinicians.size(); ++c)
        if (p_.clinicians[c].licensed || !detail::NeedsLicense(in.kind)) allowed.push_back(c);
    } else {
      for (const auto& id : in.clinicians) {
        int c = find(clinician_ix, id);
        if (c >= 0 && (p_.clinicians[c].licensed || !detail::NeedsLicense(in.kind)) &&
            std::find(allowed.begin(), allowed.end(), c) == allowed.end())
          allowed.push_back(c);
      }
    }
    const SlotBits client_starts = client_free_[r.client].Starts(r.length);
    SlotBits rooms_ok = r.pinned_room >= 0 ? room_free_[r.pinned_room].Starts(r.length) : any_room(r.need, r.length);
    if (r.pinned_room >= 0 && p_.rooms[r.pinned_room].capacity < r.need) rooms_ok = SlotBits(slots_);
    bool client_and_clinician = false;
    for (int c : allowed) {
      SlotBits s = client_starts;
      s.AndWith(clinician_free_[c].Starts(r.length));
      if (r.pinned) {
        bool keep = s.Test(r.pinned_start);
        s = SlotBits(slots_);
        if (keep) s.Set(r.pinned_start);
      }
      if (s.Any()) client_and_clinician = true;
      s.AndWith(rooms_ok);
      const int n = s.Count();
      if (n == 0) continue;
      r.static_count += n;
      r.candidates.push_back({c, std::move(s)});
    }
    if (allowed.empty())
      r.reason = "no allowed clinician is licensed for this session";
    else if (!client_and_clinician)
      r.reason = r.pinned ? "the client or clinician is not free at the pinned time"
                          : "no time when the client and an allowed clinician are both free";
    else if (r.candidates.empty())
      r.reason = "no room of enough capacity is free when the client and clinician are";
    reqs_.push_back(std::move(r));
  }
}

void Search::Place(int r, int c, int s, int m, bool journal) {
  Req& q = reqs_[r];
  at_clinician_[r] = c;
  at_start_[r] = s;
  at_room_[r] = m;
  ++placed_count_;
  ++load_[c];
  client_sessions_[q.client].push_back(r);
  client_avail_[q.client].ClearRange(s - gap_, s + q.length + gap_);
  for (int t = s; t < s + q.length; ++t) clinician_occ_[c][t] = r;
  clinician_avail_[c].ClearRange(s, s + q.length);
  if (m >= 0) {
    for (int t = s; t < s + q.length; ++t) room_occ_[m][t] = r;
    room_avail_[m].ClearRange(s, s + q.length);
  }
  if (journal) journal_.push_back({true, r, c, s, m});
}

void Search::Remove(int r, bool journal) {
  Req& q = reqs_[r];
  const int c = at_clinician_[r], s = at_start_[r], m = at_room_[r];
  if (journal) journal_.push_back({false, r, c, s, m});
  at_clinician_[r] = at_start_[r] = at_room_[r] = -1;
  --placed_count_;
  --load_[c];
  auto& mine = client_sessions_[q.client];
  mine.erase(std::find(mine.begin(), mine.end(), r));
  client_avail_[q.client] = client_free_[q.client];
  for (int o : mine) client_avail_[q.client].ClearRange(at_start_[o] - gap_, at_start_[o] + reqs_[o].length + gap_);
  for (int t = s; t < s + q.length; ++t) {
    clinician_occ_[c][t] = -1;
    if (clinician_free_[c].Test(t)) clinician_avail_[c].SetRange(t, t + 1);
    if (m >= 0) {
      room_occ_[m][t] = -1;
      if (room_free_[m].Test(t)) room_avail_[m].SetRange(t, t + 1);
    }
  }
}

void Search::Rollback(std::size_t mark) {
  while (journal_.size() > mark) {
    Op op = journal_.back();
    journal_.pop_back();
    if (op.placed)
      Remove(op.r, false);
    else
      Place(op.r, op.c, op.s, op.m, false);
  }
}

double Search::Preference(int r, int c, int s) const {
  const Req& q = reqs_[r];
  double v = 0;
  if (q.last_week >= 0) {
    if (s == q.last_week)
      v += 8;
    else if (s % kSlotsPerDay == q.last_week % kSlotsPerDay)
      v += 3;
  }
  if (c == q.usual) v += 6;
  const auto& days = p_.clients[q.client].group_days;
  if (std::find(days.begin(), days.end(), s / kSlotsPerDay) != days.end()) v += 2;
  return v;
}

SlotBits Search::RoomStarts(int r) const {
  const Req& q = reqs_[r];
  SlotBits b(slots_);
  if (q.need == 0) {
    b.Fill();
  } else if (q.pinned_room >= 0) {
    b = room_avail_[q.pinned_room].Starts(q.length);
  } else {
    for (int m : rooms_by_capacity_)
      if (p_.rooms[m].capacity >= q.need) b.OrWith(room_avail_[m].Starts(q.length));
  }
  return b;
}

// The smallest adequate room available for the whole session; among equals the one that leaves the fewest
// fragments (booked or closed right before and after).
int Search::ChooseRoom(int r, int s) const {
  const Req& q = reqs_[r];
  if (q.need == 0) return -1;
  if (q.pinned_room >= 0) return room_avail_[q.pinned_room].AllIn(s, s + q.length) ? q.pinned_room : -2;
  int best = -2, best_cap = 0, best_fit = -1;
  for (int m : rooms_by_capacity_) {
    const int cap = p_.rooms[m].capacity;
    if (cap < q.need) continue;
    if (best >= 0 && cap > best_cap) break;
    if (!room_avail_[m].AllIn(s, s + q.length)) continue;
    const int fit = !room_avail_[m].Test(s - 1) + !room_avail_[m].Test(s + q.length);
    if (fit > best_fit) {
      best = m;
      best_cap = cap;
      best_fit = fit;
    }
  }
  return best;
}

// Places r at its best currently feasible start (by Score) if that scores above `at_least`.
bool Search::PlaceBest(int r, double at_least) {
  const Req& q = reqs_[r];
  if (q.candidates.empty()) return false;
  SlotBits common = client_avail_[q.client].Starts(q.length);
  common.AndWith(RoomStarts(r));
  if (!common.Any()) return false;
  double best = at_least;
  int best_c = -1, best_s = -1;
  for (const auto& cand : q.candidates) {
    if (load_[cand.clinician] >= p_.clinicians[cand.clinician].max_sessions) continue;
    SlotBits f = cand.starts;
    f.AndWith(common);
    f.AndWith(clinician_avail_[cand.clinician].Starts(q.length));
    f.ForEach([&](int s) {
      const double v = Score(r, cand.clinician, s);
      if (v > best + 1e-9) {
        best = v;
        best_c = cand.clinician;
        best_s = s;
      }
    });
  }
  if (best_c < 0) return false;
  const int m = ChooseRoom(r, best_s);
  if (m == -2) return false;
  Place(r, best_c, best_s, m);
  return true;
}

// The placed sessions that would have to move for r to take (c, s), at most max_blockers of them, none pinned
// or already moved in this chain; room receives the room to use (-1 telehealth). False when impossible.
bool Search::Blockers(int r, int c, int s, std::size_t max_blockers, std::vector<int>& out, int& room) const {
  const Req& q = reqs_[r];
  out.clear();
  auto add = [&](int b) {
    if (std::find(out.begin(), out.end(), b) != out.end()) return true;
    if (reqs_[b].pinned || in_chain_[b] == stamp_) return false;
    out.push_back(b);
    return out.size() <= max_blockers;
  };
  for (int o : client_sessions_[q.client])
    if (o != r && at_start_[o] < s + q.length + gap_ && s < at_start_[o] + reqs_[o].length + gap_)
      if (!add(o)) return false;
  for (int t = s; t < s + q.length; ++t)
    if (clinician_occ_[c][t] >= 0 && !add(clinician_occ_[c][t])) return false;
  int relieved = 0;
  for (int b : out) relieved += at_clinician_[b] == c;
  if (load_[c] - relieved >= p_.clinicians[c].max_sessions) {
    // The clinician is at the weekly limit: one of their other sessions (the most flexible) has to move.
    if (relieved > 0 || load_[c] > p_.clinicians[c].max_sessions) return false;
    int relief = -1;
    for (int t = 0; t < slots_; ++t) {
      const int b = clinician_occ_[c][t];
      if (b < 0 || b == r || reqs_[b].pinned || in_chain_[b] == stamp_ ||
          std::find(out.begin(), out.end(), b) != out.end())
        continue;
      if (relief < 0 || reqs_[b].static_count > reqs_[relief].static_count) relief = b;
    }
    if (relief < 0 || !add(relief)) return false;
  }
  room = -1;
  if (q.need == 0) return true;
  std::size_t best_new = max_blockers + 1;
  std::vector<int> extra, best_extra;
  for (int m : rooms_by_capacity_) {
    if (p_.rooms[m].capacity < q.need || (q.pinned_room >= 0 && m != q.pinned_room)) continue;
    if (!room_free_[m].AllIn(s, s + q.length)) continue;
    extra.clear();
    bool ok = true;
    for (int t = s; t < s + q.length && ok; ++t) {
      const int b = room_occ_[m][t];
      if (b < 0 || std::find(out.begin(), out.end(), b) != out.end() ||
          std::find(extra.begin(), extra.end(), b) != extra.end())
        continue;
      if (reqs_[b].pinned || in_chain_[b] == stamp_) ok = false;
      extra.push_back(b);
    }
    if (!ok || out.size() + extra.size() > max_blockers) continue;
    if (extra.size() < best_new) {
      best_new = extra.size();
      best_extra = extra;
      room = m;
      if (best_new == 0) break;
    }
  }
  if (room < 0) return false;
  out.insert(out.end(), best_extra.begin(), best_extra.end());
  return true;
}

// Places r, moving up to two (top level) or one (deeper) placed sessions aside and re-placing them the same way
// with depth - 1. Leaves the state unchanged when it fails.
bool Search::TryInsert(int r, int depth, bool top) {
  if (PlaceBest(r)) return true;
  if (depth == 0 || nodes_ > node_budget_) return false;
  in_chain_[r] = stamp_;
  const Req& q = reqs_[r];
  std::vector<int> blockers;
  const std::size_t max_blockers = top ? 2 : 1;
  for (std::size_t k = 0; k < q.candidates.size(); ++k) {
    const auto& cand = q.candidates[k];
    bool done = false, out_of_budget = false;
    // Start at a random slot so repeated attempts explore different chains.
    std::vector<int> starts;
    cand.starts.ForEach([&](int s) { starts.push_back(s); });
    const std::size_t n = starts.size(), offset = n ? rng_() % n : 0;
    for (std::size_t i = 0; i < n && !done && !out_of_budget; ++i) {
      const int s = starts[(i + offset) % n];
      if (++nodes_ > node_budget_ || ((nodes_ & 1023) == 0 && TimeUp())) {
        out_of_budget = true;
        break;
      }
      int room = -1;
      if (!Blockers(r, cand.clinician, s, max_blockers, blockers, room) || blockers.empty()) continue;
      const std::size_t mark = journal_.size();
      for (int b : blockers) Remove(b);
      Place(r, cand.clinician, s, room);
      bool ok = true;
      for (int b : blockers) in_chain_[b] = stamp_;
      for (int b : blockers)
        if (!TryInsert(b, depth - 1, false)) {
          ok = false;
          break;
        }
      if (ok) {
        done = true;
        break;
      }
      Rollback(mark);
      for (int b : blockers) in_chain_[b] = 0;
    }
    if (done) return true;
    if (out_of_budget) break;
  }
  in_chain_[r] = 0;
  return false;
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
  for (int r : order) PlaceBest(r);
  journal_.clear();
}

void Search::Repair() {
  std::vector<int> unplaced;
  auto collect = [&] {
    unplaced.clear();
    for (std::size_t r = 0; r < reqs_.size(); ++r)
      if (at_clinician_[r] < 0 && !reqs_[r].candidates.empty()) unplaced.push_back(r);
  };
  collect();
  for (int depth = 1; depth <= 3 && !unplaced.empty() && !TimeUp(); ++depth) {
    bool improved = true;
    while (improved && !unplaced.empty() && !TimeUp()) {
      improved = false;
      std::shuffle(unplaced.begin(), unplaced.end(), rng_);
      for (int r : unplaced) {
        if (TimeUp()) break;
        ++stamp_;
        nodes_ = 0;
        node_budget_ = 4000LL << (2 * (depth - 1));
        if (TryInsert(r, depth, true)) improved = true;
        journal_.clear();
      }
      collect();
    }
  }
}

// Large-neighbourhood moves once the repair is stuck: put an unplaced request at one of its starts, moving
// everything in its way, and re-place what was moved (ejection chains of depth 2). Kept when no fewer
// sessions are placed (equal counts walk the plateau), undone otherwise. Stops after a run of moves without
// improvement proportional to the number of unplaced requests, or at the time limit.
void Search::Perturb() {
  std::vector<int> unplaced;
  auto collect = [&] {
    unplaced.clear();
    for (std::size_t r = 0; r < reqs_.size(); ++r)
      if (at_clinician_[r] < 0 && !reqs_[r].candidates.empty()) unplaced.push_back(r);
  };
  collect();
  if (unplaced.empty()) return;
  const long long stall_limit = 200 + 50LL * static_cast<long long>(unplaced.size());
  long long stall = 0;
  std::vector<int> moved;
  while (!unplaced.empty() && stall < stall_limit && !TimeUp()) {
    ++stall;
    const int r = unplaced[rng_() % unplaced.size()];
    const Req& q = reqs_[r];
    const auto& cand = q.candidates[rng_() % q.candidates.size()];
    std::vector<int> starts;
    cand.starts.ForEach([&](int s) { starts.push_back(s); });
    const int s = starts[rng_() % starts.size()];
    ++stamp_;
    in_chain_[r] = stamp_;
    int room = -1;
    if (!Blockers(r, cand.clinician, s, 64, moved, room)) continue;
    const int before = placed_count_;
    const std::size_t mark = journal_.size();
    for (int b : moved) Remove(b);
    Place(r, cand.clinician, s, room);
    std::shuffle(moved.begin(), moved.end(), rng_);
    for (int b : moved) {
      in_chain_[b] = 0;
      nodes_ = 0;
      node_budget_ = 2000;
      TryInsert(b, 2, true);
    }
    if (placed_count_ < before) {
      Rollback(mark);
    } else if (placed_count_ > before) {
      stall = 0;
    }
    journal_.clear();
    collect();
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
  ImprovePreferences();
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

}  // namespace

Solution Solve(const Problem& problem, const Options& options) { return Search(problem, options).Run(); }

}  // namespace stepwise::scheduling::optimize
