// The optimizer's state and moves: set-up, Place/Remove/Rollback, scores, blockers and ejection chains.
// The phases (greedy, repair, large-neighbourhood moves, preferences) and Solve are in optimizer_phases.cc.
#include <algorithm>
#include <map>
#include <numeric>
#include <unordered_map>

#include "care/scheduling/optimizer_search.h"

namespace stepwise::scheduling::optimize::detail {

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
  clinician_sessions_.resize(p_.clinicians.size());
  room_versions_.assign(p_.rooms.size(), 1);
  room_len_starts_.resize(p_.rooms.size());
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
        if (p_.clinicians[c].licensed || !detail::NeedsLicense(in)) allowed.push_back(c);
    } else {
      for (const auto& id : in.clinicians) {
        int c = find(clinician_ix, id);
        if (c >= 0 && (p_.clinicians[c].licensed || !detail::NeedsLicense(in)) &&
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
  clinician_sessions_[c].push_back(r);
  client_avail_[q.client].ClearRange(s - gap_, s + q.length + gap_);
  for (int t = s; t < s + q.length; ++t) clinician_occ_[c][t] = r;
  clinician_avail_[c].ClearRange(s, s + q.length);
  if (m >= 0) {
    ++room_version_;
    ++room_versions_[m];
    for (int t = s; t < s + q.length; ++t) room_occ_[m][t] = r;
    room_avail_[m].ClearRange(s, s + q.length);
  }
  if (journal) journal_.push_back({true, r, c, s, m});
}

void Search::Remove(int r, bool journal) {
  Req& q = reqs_[r];
  const int c = at_clinician_[r], s = at_start_[r], m = at_room_[r];
  if (journal) journal_.push_back({false, r, c, s, m});
  if (m >= 0) {
    ++room_version_;
    ++room_versions_[m];
  }
  at_clinician_[r] = at_start_[r] = at_room_[r] = -1;
  --placed_count_;
  --load_[c];
  auto& mine = client_sessions_[q.client];
  mine.erase(std::find(mine.begin(), mine.end(), r));
  auto& theirs = clinician_sessions_[c];
  theirs.erase(std::find(theirs.begin(), theirs.end(), r));
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
    // Cached per (capacity needed, length) until a room booking changes.
    for (const auto& e : room_starts_cache_)
      if (e.need == q.need && e.length == q.length && e.version == room_version_) return e.starts;
    for (int m : rooms_by_capacity_)
      if (p_.rooms[m].capacity >= q.need) b.OrWith(RoomLengthStarts(m, q.length));
    auto it = std::find_if(room_starts_cache_.begin(), room_starts_cache_.end(),
                           [&](const RoomStartsEntry& e) { return e.need == q.need && e.length == q.length; });
    if (it == room_starts_cache_.end())
      it = room_starts_cache_.insert(room_starts_cache_.end(), {q.need, q.length, 0, {}});
    it->version = room_version_;
    it->starts = b;
  }
  return b;
}

// Starts where room m is available for `length` slots now, cached per room and length until the room's next booking.
const SlotBits& Search::RoomLengthStarts(int m, int length) const {
  auto& entries = room_len_starts_[m];
  for (auto& e : entries)
    if (e.length == length) {
      if (e.version != room_versions_[m]) {
        e.starts = room_avail_[m].Starts(length);
        e.version = room_versions_[m];
      }
      return e.starts;
    }
  entries.push_back({0, length, room_versions_[m], room_avail_[m].Starts(length)});
  return entries.back().starts;
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
    // The clinician is at the weekly limit: one of their other sessions, drawn at random, has to move.
    if (relieved > 0 || load_[c] > p_.clinicians[c].max_sessions) return false;
    int relief = -1, seen = 0;
    for (int b : clinician_sessions_[c]) {
      if (b == r || reqs_[b].pinned || in_chain_[b] == stamp_ || std::find(out.begin(), out.end(), b) != out.end())
        continue;
      if (rng_() % ++seen == 0) relief = b;  // reservoir sampling
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
      // No better than a room already found, or over the limit: stop scanning this room.
      if (extra.size() >= best_new || out.size() + extra.size() > max_blockers) ok = false;
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
  std::vector<std::size_t> order(q.candidates.size());
  std::iota(order.begin(), order.end(), 0);
  std::shuffle(order.begin(), order.end(), rng_);
  for (std::size_t k : order) {
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

}  // namespace stepwise::scheduling::optimize::detail
