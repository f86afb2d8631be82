// Exact neighbourhoods: after the heuristic, pieces of its solution (one room's week, two consecutive days, the
// evening band, family sessions, one clinician's week, one day, the sessions in the way of an unplaced request and,
// for small problems, the sessions the LP relaxation of the whole problem would move, alone and with the rest of
// their rooms' days) are re-solved exactly as 0/1 programs by COIN-OR
// CBC, everything outside the piece kept where it is, together with the requests left unplaced. On the generated
// 100-client programs the heuristic stopped 1–2 sessions short of the optimum on some seeds, and CBC on such
// neighbourhoods found the missing sessions (docs/performance.md, issue 7; ADR 0014).
//
// The model of a piece: x[request, clinician, start, room] for every place that is free now (the piece removed);
// each request at most once; for every client, clinician and room, the sessions covering a slot where one of them
// starts sum to at most 1 (interval cliques; a client's sessions extended by the minimum gap); clinicians' weekly
// limits on what is left of them. Objective: the most sessions. Its LP relaxation (Clp, primal simplex started
// from the current placement) is solved first: most pieces cannot gain even fractionally and are closed in a
// few milliseconds. Otherwise CBC runs with a cutoff of one more session than the piece held and a node limit.
// The same model over every request that is not pinned gives Solve an upper bound (small problems only), so it
// stops as soon as the heuristic or a piece reaches it: on the ten generated 100-client programs floor(LP bound)
// equals the exact optimum. Node limits keep a piece deterministic; Solve's wall-time budget decides how many
// pieces are tried (see kMipTotalMs). Pure: no I/O (CBC's and Clp's messages are switched off).
#include <CbcModel.hpp>
#include <CbcSolver.hpp>
#include <CoinPackedMatrix.hpp>
#include <ClpSimplex.hpp>
#include <OsiClpSolverInterface.hpp>
#include <algorithm>
#include <memory>
#include <mutex>
#include <numeric>
#include <string>
#include <unordered_map>

#include "care/scheduling/optimizer_search.h"

namespace stepwise::scheduling::optimize::detail {

namespace {

struct Var {
  int r, c, s, m;
};

// Interval-clique rows of one resource: for each start t, the variables whose (extended) interval covers t.
void AddCliques(std::vector<std::pair<int, int>> spans_and_vars, const std::vector<Var>& vars, int extra,
                const std::vector<int>& length, std::vector<std::vector<int>>& rows) {
  // spans_and_vars: (start, var), sorted by start.
  std::sort(spans_and_vars.begin(), spans_and_vars.end());
  int max_len = 0;
  for (const auto& [s, v] : spans_and_vars) max_len = std::max(max_len, length[vars[v].r] + extra);
  std::vector<int> row;
  std::vector<int> requests;
  for (std::size_t i = 0; i < spans_and_vars.size(); ++i) {
    const int t = spans_and_vars[i].first;
    if (i > 0 && spans_and_vars[i - 1].first == t) continue;
    row.clear();
    requests.clear();
    // Variables starting in (t - max_len, t] that cover t, and those starting at t.
    std::size_t j = i;
    while (j > 0 && spans_and_vars[j - 1].first > t - max_len) --j;
    for (; j < spans_and_vars.size() && spans_and_vars[j].first <= t; ++j) {
      const int v = spans_and_vars[j].second;
      if (spans_and_vars[j].first + length[vars[v].r] + extra <= t) continue;
      row.push_back(v);
      if (std::find(requests.begin(), requests.end(), vars[v].r) == requests.end()) requests.push_back(vars[v].r);
    }
    if (requests.size() >= 2) rows.push_back(row);
  }
}

}  // namespace

void Search::Load(const Solution& from) {
  std::unordered_map<std::string, int> req_ix, clinician_ix, room_ix;
  for (std::size_t i = 0; i < p_.requests.size(); ++i) req_ix.emplace(p_.requests[i].id, i);
  for (std::size_t i = 0; i < p_.clinicians.size(); ++i) clinician_ix.emplace(p_.clinicians[i].id, i);
  for (std::size_t i = 0; i < p_.rooms.size(); ++i) room_ix.emplace(p_.rooms[i].id, i);
  for (const auto& pl : from.placed) {
    const int r = req_ix.at(pl.request_id), c = clinician_ix.at(pl.clinician_id);
    const int m = pl.room_id.empty() ? -1 : room_ix.at(pl.room_id);
    Place(r, c, pl.start, m, false);
  }
}

// The pieces of one kind, as lists of placed (not pinned) sessions. Large programs are cut into groups of up to
// six clinicians (the size of a 100-client program) so that a piece stays at 25–90 sessions.
void Search::MipPieces(int kind, std::vector<std::vector<int>>& out) const {
  out.clear();
  const int n_clin = static_cast<int>(p_.clinicians.size());
  const int groups = std::max(1, (n_clin + kMipClinicians - 1) / kMipClinicians);
  auto movable = [&](int r) { return at_clinician_[r] >= 0 && !reqs_[r].pinned; };
  auto group_of = [&](int r) { return at_clinician_[r] * groups / std::max(n_clin, 1); };
  auto by_group = [&](auto keep) {
    for (int g = 0; g < groups; ++g) {
      std::vector<int> piece;
      for (std::size_t r = 0; r < reqs_.size(); ++r)
        if (movable(r) && group_of(r) == g && keep(static_cast<int>(r))) piece.push_back(r);
      if (!piece.empty()) out.push_back(std::move(piece));
    }
  };
  const auto day = [&](int r) { return at_start_[r] / kSlotsPerDay; };
  switch (kind) {
    case 0:  // one room's week
      for (std::size_t m = 0; m < p_.rooms.size(); ++m) {
        std::vector<int> piece;
        for (std::size_t r = 0; r < reqs_.size(); ++r)
          if (movable(r) && at_room_[r] == static_cast<int>(m)) piece.push_back(r);
        if (!piece.empty()) out.push_back(std::move(piece));
      }
      break;
    case 1:  // two consecutive days
      for (int d = 0; d + 1 < std::max(p_.days, 2); ++d)
        by_group([&](int r) { return day(r) == d || day(r) == d + 1; });
      break;
    case 2:  // sessions from 16:00 every day
      by_group([&](int r) { return at_start_[r] % kSlotsPerDay >= 64; });
      break;
    case 3:  // family sessions (a room of more than two)
      by_group([&](int r) { return reqs_[r].need > 2 || p_.requests[r].kind == "family"; });
      break;
    case 4:  // one clinician's week
      for (int c = 0; c < n_clin; ++c) {
        std::vector<int> piece;
        for (std::size_t r = 0; r < reqs_.size(); ++r)
          if (movable(r) && at_clinician_[r] == c) piece.push_back(r);
        if (!piece.empty()) out.push_back(std::move(piece));
      }
      break;
    case 5:  // one day
      for (int d = 0; d < p_.days; ++d) by_group([&](int r) { return day(r) == d; });
      break;
    default: {  // for each unplaced request, the sessions in the way of any of its places
      std::vector<int> unplaced;
      CollectUnplaced(unplaced);
      for (int u : unplaced) {
        const Req& q = reqs_[u];
        std::vector<char> in(reqs_.size(), 0);
        for (int o : client_sessions_[q.client]) in[o] = 1;
        for (const auto& cand : q.candidates)
          cand.starts.ForEach([&](int s) {
            for (int t = s; t < s + q.length; ++t) {
              if (clinician_occ_[cand.clinician][t] >= 0) in[clinician_occ_[cand.clinician][t]] = 1;
              if (q.need > 0)
                for (std::size_t m = 0; m < p_.rooms.size(); ++m)
                  if (p_.rooms[m].capacity >= q.need && room_occ_[m][t] >= 0) in[room_occ_[m][t]] = 1;
            }
          });
        std::vector<int> piece;
        for (std::size_t r = 0; r < reqs_.size(); ++r)
          if (in[r] && movable(r)) piece.push_back(r);
        if (!piece.empty()) out.push_back(std::move(piece));
      }
      break;
    }
  }
}

// The 0/1 model of placing `reqs` anywhere free now (what they hold must be removed first).
void Search::BuildMip(const std::vector<int>& reqs, long long max_vars, MipModel& out) const {
  out.vars.clear();
  out.rows.clear();
  out.upper.clear();
  std::vector<Var> vars;
  for (int r : reqs) {
    const Req& q = reqs_[r];
    const SlotBits client = client_avail_[q.client].Starts(q.length);
    for (const auto& cand : q.candidates) {
      const int c = cand.clinician;
      if (load_[c] >= p_.clinicians[c].max_sessions) continue;
      SlotBits f = cand.starts;
      f.AndWith(client);
      f.AndWith(clinician_avail_[c].Starts(q.length));
      f.ForEach([&](int s) {
        if (q.need == 0) {
          vars.push_back({r, c, s, -1});
          return;
        }
        for (int m : rooms_by_capacity_) {
          if (p_.rooms[m].capacity < q.need || (q.pinned_room >= 0 && m != q.pinned_room)) continue;
          if (room_avail_[m].AllIn(s, s + q.length)) vars.push_back({r, c, s, m});
        }
      });
    }
    if (static_cast<long long>(vars.size()) > max_vars) return;  // too large: out.vars stays empty
  }
  const int n = static_cast<int>(vars.size());
  std::vector<int> length(reqs_.size(), 0);
  for (std::size_t r = 0; r < reqs_.size(); ++r) length[r] = reqs_[r].length;
  auto& rows = out.rows;
  std::unordered_map<int, std::vector<int>> by_req;
  std::unordered_map<int, std::vector<std::pair<int, int>>> by_client, by_clinician, by_room;
  for (int v = 0; v < n; ++v) {
    by_req[vars[v].r].push_back(v);
    by_client[reqs_[vars[v].r].client].push_back({vars[v].s, v});
    by_clinician[vars[v].c].push_back({vars[v].s, v});
    if (vars[v].m >= 0) by_room[vars[v].m].push_back({vars[v].s, v});
  }
  for (int r : reqs)
    if (by_req.count(r)) rows.push_back(by_req[r]);
  // Deterministic order of the resource rows (unordered_map iteration order is not part of the contract).
  auto sorted_keys = [](const auto& map) {
    std::vector<int> keys;
    for (const auto& kv : map) keys.push_back(kv.first);
    std::sort(keys.begin(), keys.end());
    return keys;
  };
  for (int k : sorted_keys(by_client)) AddCliques(by_client[k], vars, gap_, length, rows);
  for (int k : sorted_keys(by_clinician)) AddCliques(by_clinician[k], vars, 0, length, rows);
  for (int k : sorted_keys(by_room)) AddCliques(by_room[k], vars, 0, length, rows);
  out.upper.assign(rows.size(), 1.0);
  for (int c : sorted_keys(by_clinician)) {
    const int left = p_.clinicians[c].max_sessions - load_[c];
    std::vector<int> cols;
    std::vector<int> distinct;
    for (const auto& [s, v] : by_clinician[c]) {
      cols.push_back(v);
      if (std::find(distinct.begin(), distinct.end(), vars[v].r) == distinct.end()) distinct.push_back(vars[v].r);
    }
    if (static_cast<int>(distinct.size()) > left) {
      rows.push_back(cols);
      out.upper.push_back(left);
    }
  }
  for (const auto& v : vars) out.vars.push_back({v.r, v.c, v.s, v.m});
}

namespace {

void LoadSolver(const Search::MipModel& mip, OsiClpSolverInterface& solver) {
  const int n = static_cast<int>(mip.vars.size());
  std::vector<int> row_of, col_of;
  for (std::size_t i = 0; i < mip.rows.size(); ++i)
    for (int v : mip.rows[i]) row_of.push_back(static_cast<int>(i)), col_of.push_back(v);
  std::vector<double> ones(row_of.size(), 1.0);
  CoinPackedMatrix matrix(true, row_of.data(), col_of.data(), ones.data(), static_cast<CoinBigIndex>(ones.size()));
  matrix.setDimensions(static_cast<int>(mip.rows.size()), n);
  std::vector<double> col_lower(n, 0.0), col_upper(n, 1.0), objective(n, -1.0);
  std::vector<double> row_lower(mip.rows.size(), -COIN_DBL_MAX);
  solver.messageHandler()->setLogLevel(0);
  solver.loadProblem(matrix, col_lower.data(), col_upper.data(), objective.data(), row_lower.data(),
                     mip.upper.data());
}

// Clp stops at the solve's deadline (wall time): an LP of a whole 100-client week takes up to a second and a half.
void LimitTo(ClpSimplex& lp, Clock::time_point deadline) {
  lp.setMaximumWallSeconds(std::max(0.0, std::chrono::duration<double>(deadline - Clock::now()).count()));
}

// The LP relaxation's optimum (most sessions, fractional), started from `start` (a 0/1 placement) by a primal
// values pass; -1 when Clp does not prove it by the deadline.
double SolveLp(const Search::MipModel& mip, const std::vector<double>& start, Clock::time_point deadline) {
  OsiClpSolverInterface solver;
  LoadSolver(mip, solver);
  ClpSimplex* lp = solver.getModelPtr();
  lp->setLogLevel(0);
  std::copy(start.begin(), start.end(), lp->primalColumnSolution());
  LimitTo(*lp, deadline);
  lp->primal(1);
  if (lp->status() != 0) return -1;
  return -lp->objectiveValue();
}

// For each variable of `mip`, 1 when it is where its request is placed now.
std::vector<double> Current(const Search::MipModel& mip, const std::vector<int>& at_c, const std::vector<int>& at_s,
                            const std::vector<int>& at_m) {
  std::vector<double> x(mip.vars.size(), 0.0);
  for (std::size_t v = 0; v < mip.vars.size(); ++v) {
    const auto& [r, c, s, m] = mip.vars[v];
    x[v] = at_c[r] == c && at_s[r] == s && at_m[r] == m;
  }
  return x;
}

}  // namespace

struct WholeLp {
  Search::MipModel mip;
  int fixed = 0;           // sessions placed by the fixed requests
  std::size_t requests = 0;  // the others
  OsiClpSolverInterface solver;  // loaded with mip; holds Clp's last basis once `solved`
  bool solved = false;
};

// The whole problem's model: every request that is not fixed, placed anywhere the fixed ones leave free.
std::shared_ptr<WholeLp> Search::WholeProblemLp() {
  if (whole_lp_) return whole_lp_;
  auto lp = std::make_shared<WholeLp>();
  const std::size_t mark = journal_.size();
  for (std::size_t r = 0; r < reqs_.size(); ++r)
    if (at_clinician_[r] >= 0 && !reqs_[r].fixed) Remove(static_cast<int>(r));
  lp->fixed = placed_count_;
  std::vector<int> reqs;
  CollectUnplaced(reqs);
  lp->requests = reqs.size();
  BuildMip(reqs, kMipBoundVariables, lp->mip);
  Rollback(mark);
  journal_.clear();
  if (!lp->mip.vars.empty()) LoadSolver(lp->mip, lp->solver);
  whole_lp_ = lp;
  return lp;
}

// An upper bound on the sessions placed: the pinned ones plus the LP relaxation of placing all the others
// (-1 when the model is too large or Clp does not finish before the deadline).
double Search::LpBound() {
  const auto whole = WholeProblemLp();
  if (whole->mip.vars.empty()) return whole->requests == 0 ? whole->fixed : -1;
  ClpSimplex* lp = whole->solver.getModelPtr();
  lp->setLogLevel(0);
  const auto start = Current(whole->mip, at_clinician_, at_start_, at_room_);
  std::copy(start.begin(), start.end(), lp->primalColumnSolution());
  LimitTo(*lp, deadline_);
  lp->primal(1);
  whole->solved = lp->status() == 0;
  return whole->solved ? whole->fixed - lp->objectiveValue() : -1;
}

// Re-solves one piece exactly; keeps the result (and returns true) when it places more sessions.
bool Search::SolvePiece(const std::vector<int>& piece) {
  if (piece.size() > kMipMaxPiece) return false;
  const std::size_t mark = journal_.size();
  const auto at_c = at_clinician_, at_s = at_start_, at_m = at_room_;
  for (int r : piece) Remove(r);
  std::vector<int> reqs = piece;
  std::vector<int> unplaced;
  CollectUnplaced(unplaced);
  for (int r : unplaced)
    if (std::find(piece.begin(), piece.end(), r) == piece.end()) reqs.push_back(r);
  const int held = static_cast<int>(piece.size());
  MipModel mip;
  BuildMip(reqs, kMipPieceVariables, mip);
  const int n = static_cast<int>(mip.vars.size());
  if (n == 0) {
    Rollback(mark);
    return false;
  }
  // The LP relaxation first: a piece whose LP cannot place one more is closed without CBC.
  if (SolveLp(mip, Current(mip, at_c, at_s, at_m), deadline_) < held + 1 - 1e-6) {
    Rollback(mark);
    return false;
  }
  const double remaining =
      std::min(cpu_until_ - ThreadSeconds(), std::chrono::duration<double>(deadline_ - Clock::now()).count());
  if (remaining < kMipCbcMinMs / 1000.0 || cbc_runs_ >= kMipCbcRuns) {
    Rollback(mark);
    return false;
  }
  ++cbc_runs_;
  OsiClpSolverInterface solver;
  LoadSolver(mip, solver);
  for (int i = 0; i < n; ++i) solver.setInteger(i);

  CbcModel model(solver);
  model.setLogLevel(0);
  model.messageHandler()->setLogLevel(0);
  const std::string cutoff = std::to_string(-(held + 0.5)), nodes = std::to_string(kMipNodes),
                    seconds = std::to_string(remaining);
  // No preprocessing and one pass of cuts at the root: on the 100-client programs that finds the same gains in
  // a quarter of CBC's default time.
  const char* argv[] = {"cbc",       "-cutoff", cutoff.c_str(), "-maxNodes", nodes.c_str(), "-seconds",
                        seconds.c_str(), "-preprocess", "off", "-passC", "1",     "-log",
                        "0",         "-slog",   "0",            "-solve",    "-quit"};
  {
    // CbcMain0/CbcMain1 parse their arguments through global state in libCbcSolver: one solve at a time in the
    // process (the server may run proposals on several threads).
    static std::mutex cbc_main;
    const std::lock_guard<std::mutex> lock(cbc_main);
    CbcSolverUsefulData data;
    data.noPrinting_ = true;
    CbcMain0(model, data);
    CbcMain1(static_cast<int>(std::size(argv)), argv, model, [](CbcModel*, int) { return 0; }, data);
  }
  const double* x = model.bestSolution();
  int got = 0;
  if (x)
    for (int i = 0; i < n; ++i) got += x[i] > 0.5;
  if (!x || got <= held) {
    Rollback(mark);
    return false;
  }
  // Place the new arrangement, checking each place against the state (a safety net: the model says it fits).
  std::vector<char> done(reqs_.size(), 0);
  for (int i = 0; i < n; ++i) {
    if (x[i] <= 0.5) continue;
    const auto [r, c, s, m] = mip.vars[i];
    const Req& q = reqs_[r];
    const bool fits = !done[r] && client_avail_[q.client].AllIn(s, s + q.length) &&
                      clinician_avail_[c].AllIn(s, s + q.length) && load_[c] < p_.clinicians[c].max_sessions &&
                      (m < 0 || room_avail_[m].AllIn(s, s + q.length));
    if (!fits) {
      Rollback(mark);
      return false;
    }
    done[r] = 1;
    Place(r, c, s, m);
  }
  journal_.clear();
  return true;
}

// The sessions that the LP relaxation of the whole problem (every request not fixed) would move, as one piece: the
// LP counts each place as one session plus kMipLpKeep when it is where its request is now, so that among its optima
// it takes one close to the current week; the movable sessions whose current place is below 0.99 there form the
// piece, everything the LP keeps stays (CBC's RINS heuristic, on this model). Small problems only (the LP of a
// 1,000-client week takes seconds); none when the piece would be empty.
void Search::LpGuidedPiece(std::vector<std::vector<int>>& out) {
  out.clear();
  if (p_.requests.size() > kMipBoundRequests) return;
  const auto whole = WholeProblemLp();
  const auto& mip = whole->mip;
  const int n = static_cast<int>(mip.vars.size());
  if (n == 0) return;
  const auto cur = Current(mip, at_clinician_, at_start_, at_room_);
  ClpSimplex* lp = whole->solver.getModelPtr();
  lp->setLogLevel(0);
  double* objective = lp->objective();
  for (int i = 0; i < n; ++i) objective[i] = -(1.0 + kMipLpKeep * cur[i]);
  // Only the objective changed since the last solve, so its optimal basis is still feasible: primal simplex goes
  // on from there (tens of milliseconds instead of a second from the current week).
  if (!whole->solved) std::copy(cur.begin(), cur.end(), lp->primalColumnSolution());
  LimitTo(*lp, deadline_);
  lp->primal(whole->solved ? 0 : 1);
  whole->solved = lp->status() == 0;
  if (!whole->solved) return;
  const double* x = lp->primalColumnSolution();
  std::vector<int> piece;
  std::vector<char> in(reqs_.size(), 0);
  for (int i = 0; i < n; ++i) {
    const int r = mip.vars[i][0];
    if (cur[i] > 0.5 && x[i] < 0.99 && !reqs_[r].pinned) piece.push_back(r), in[r] = 1;
  }
  if (piece.empty()) return;
  // When those sessions alone cannot gain, the same piece with every session that shares a room's day with one of
  // them: the LP's moves often need the room's other sessions of that day to shift (seeds 1013 and 1017 of the
  // 100-client programs, docs/performance.md).
  const int days = std::max(p_.days, 1);
  std::vector<char> room_day(p_.rooms.size() * days, 0);
  for (int r : piece)
    if (at_room_[r] >= 0) room_day[at_room_[r] * days + at_start_[r] / kSlotsPerDay] = 1;
  std::vector<int> grown = piece;
  for (std::size_t r = 0; r < reqs_.size(); ++r)
    if (!in[r] && at_room_[r] >= 0 && !reqs_[r].pinned && room_day[at_room_[r] * days + at_start_[r] / kSlotsPerDay])
      grown.push_back(static_cast<int>(r));
  out.push_back(std::move(piece));
  if (grown.size() > out.back().size()) out.push_back(std::move(grown));
}

double Search::Bound(const Solution& from) {
  Load(from);
  return LpBound();
}

// Cycles through the kinds of piece (a kind that gained is tried again) until the ceiling is reached, a whole
// round gains nothing, kMipMaxPieces pieces were tried or the time limit comes.
Solution Search::Polish(const Solution& from, int ceiling, double cpu_until, std::shared_ptr<WholeLp> whole_lp) {
  cpu_until_ = cpu_until;
  whole_lp_ = std::move(whole_lp);
  Load(from);
  const int start_count = placed_count_;
  std::vector<int> unplaced;
  std::vector<std::vector<int>> pieces;
  int since_gain = 0, pieces_tried = 0;
  // The LP-guided piece comes last in each round: first it found more on seeds 1–3, last more with the default
  // seed and under the server's 2 s (docs/performance.md, issue 7).
  for (int kind = 0;
       since_gain < kMipKinds && !MipTimeUp() && pieces_tried < kMipMaxPieces && cbc_runs_ < kMipCbcRuns;
       kind = (kind + 1) % kMipKinds) {
    CollectUnplaced(unplaced);
    if (unplaced.empty() || placed_count_ >= ceiling) break;
    if (kind == kMipLpKind)
      LpGuidedPiece(pieces);
    else
      MipPieces(kind, pieces);
    bool gained = false;
    for (const auto& piece : pieces) {
      if (MipTimeUp() || pieces_tried >= kMipMaxPieces || placed_count_ >= ceiling) break;
      ++pieces_tried;
      if (SolvePiece(piece)) {
        gained = true;
        break;  // the pieces of this kind have changed
      }
    }
    since_gain = gained ? 0 : since_gain + 1;
    if (gained) kind = (kind + kMipKinds - 1) % kMipKinds;  // try the same kind again
  }
  if (placed_count_ <= start_count) return from;
  ImprovePreferences();
  return Output();
}

}  // namespace stepwise::scheduling::optimize::detail
