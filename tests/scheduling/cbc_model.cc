#include "scheduling/cbc_model.h"

#include <CbcModel.hpp>
#include <CbcSolver.hpp>
#include <CoinPackedMatrix.hpp>
#include <OsiClpSolverInterface.hpp>
#include <algorithm>
#include <chrono>
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

namespace stepwise::scheduling::testing {
namespace {

using optimize::kSlotsPerDay;

std::vector<char> Mask(int slots, const std::vector<optimize::Window>& windows) {
  std::vector<char> m(slots, 0);
  for (const auto& w : windows)
    for (int t = std::max(w.start, 0); t < std::min(w.end, slots); ++t) m[t] = 1;
  return m;
}

bool All(const std::vector<char>& m, int a, int b) {
  if (a < 0 || b > static_cast<int>(m.size())) return false;
  for (int t = a; t < b; ++t)
    if (!m[t]) return false;
  return true;
}

bool NeedsLicense(const std::string& kind) { return kind == "individual" || kind == "family"; }

struct Var {
  int request, clinician, start, room;  // room -1: none or pooled
};

}  // namespace

CbcResult SolveWithCbc(const optimize::Problem& p, double time_limit_seconds, RoomModel room_model) {
  const auto t0 = std::chrono::steady_clock::now();
  const int slots = p.days * kSlotsPerDay, gap = std::max(p.min_gap_same_client, 0);
  std::unordered_map<std::string, int> client_ix, clinician_ix, room_ix;
  for (std::size_t i = 0; i < p.clients.size(); ++i) client_ix[p.clients[i].id] = i;
  for (std::size_t i = 0; i < p.clinicians.size(); ++i) clinician_ix[p.clinicians[i].id] = i;
  for (std::size_t i = 0; i < p.rooms.size(); ++i) room_ix[p.rooms[i].id] = i;
  std::vector<std::vector<char>> client_free, clinician_free, room_free;
  for (const auto& c : p.clients) client_free.push_back(Mask(slots, c.free));
  for (const auto& c : p.clinicians) clinician_free.push_back(Mask(slots, c.free));
  for (const auto& m : p.rooms) room_free.push_back(Mask(slots, m.free));

  // Columns.
  std::vector<Var> vars;
  std::vector<double> lower;
  for (std::size_t r = 0; r < p.requests.size(); ++r) {
    const auto& q = p.requests[r];
    auto ci = client_ix.find(q.client_id);
    if (ci == client_ix.end() || q.length <= 0) continue;
    const int need = std::max(q.needs_room_capacity, 0);
    if (q.pinned_start && !q.pinned_clinician.empty() && (need == 0 || !q.pinned_room.empty())) {
      auto k = clinician_ix.find(q.pinned_clinician);
      auto m = room_ix.find(q.pinned_room);
      if (k == clinician_ix.end() || (need > 0 && m == room_ix.end())) continue;
      vars.push_back({static_cast<int>(r), k->second, *q.pinned_start,
                      need > 0 && room_model == RoomModel::kExact ? m->second : -1});
      lower.push_back(1);
      continue;
    }
    std::vector<int> allowed;
    for (std::size_t k = 0; k < p.clinicians.size(); ++k) {
      const auto& c = p.clinicians[k];
      if (q.needs_license && NeedsLicense(q.kind) && !c.licensed) continue;
      if (q.pinned_start && !q.pinned_clinician.empty()) {
        if (c.id != q.pinned_clinician) continue;
      } else if (!q.clinicians.empty() && std::find(q.clinicians.begin(), q.clinicians.end(), c.id) == q.clinicians.end()) {
        continue;
      }
      allowed.push_back(k);
    }
    for (int s = 0; s + q.length <= slots; ++s) {
      if (q.pinned_start && s != *q.pinned_start) continue;
      if (!All(client_free[ci->second], s, s + q.length)) continue;
      std::vector<int> rooms;
      if (need > 0) {
        for (std::size_t m = 0; m < p.rooms.size(); ++m) {
          if (p.rooms[m].capacity < need || !All(room_free[m], s, s + q.length)) continue;
          if (!q.pinned_room.empty() && p.rooms[m].id != q.pinned_room) continue;
          rooms.push_back(m);
        }
        if (rooms.empty()) continue;
        if (room_model == RoomModel::kPooled) rooms = {-1};
      } else {
        rooms = {-1};
      }
      for (int k : allowed) {
        if (!All(clinician_free[k], s, s + q.length)) continue;
        for (int m : rooms) {
          vars.push_back({static_cast<int>(r), k, s, m});
          lower.push_back(0);
        }
      }
    }
  }

  // Rows.
  std::vector<int> row_of, col_of;
  std::vector<double> upper_rows;
  auto add_row = [&](const std::vector<int>& cols, double upper) {
    if (cols.empty()) return;
    const int row = static_cast<int>(upper_rows.size());
    for (int c : cols) row_of.push_back(row), col_of.push_back(c);
    upper_rows.push_back(upper);
  };
  {
    std::map<int, std::vector<int>> by_request;
    for (std::size_t v = 0; v < vars.size(); ++v) by_request[vars[v].request].push_back(v);
    for (const auto& [r, cols] : by_request) add_row(cols, 1);
  }
  // Interval cliques: for each resource, sessions covering slot t for every t where one of them starts.
  auto cliques = [&](const std::map<int, std::vector<int>>& groups, auto extent) {
    for (const auto& [key, cols] : groups) {
      std::set<int> starts;
      for (int v : cols) starts.insert(vars[v].start);
      for (int t : starts) {
        std::vector<int> row;
        std::set<int> requests;
        for (int v : cols)
          if (vars[v].start <= t && t < vars[v].start + extent(v)) row.push_back(v), requests.insert(vars[v].request);
        if (requests.size() >= 2) add_row(row, 1);
      }
    }
  };
  std::map<int, std::vector<int>> by_client, by_clinician, by_room;
  for (std::size_t v = 0; v < vars.size(); ++v) {
    const auto& q = p.requests[vars[v].request];
    by_client[client_ix[q.client_id]].push_back(v);
    by_clinician[vars[v].clinician].push_back(v);
    if (vars[v].room >= 0) by_room[vars[v].room].push_back(v);
  }
  cliques(by_client, [&](int v) { return p.requests[vars[v].request].length + gap; });
  cliques(by_clinician, [&](int v) { return p.requests[vars[v].request].length; });
  cliques(by_room, [&](int v) { return p.requests[vars[v].request].length; });
  for (const auto& [k, cols] : by_clinician)
    if (p.clinicians[k].max_sessions < static_cast<int>(cols.size())) add_row(cols, p.clinicians[k].max_sessions);
  if (room_model == RoomModel::kPooled) {
    std::set<int> capacities;
    for (const auto& m : p.rooms) capacities.insert(m.capacity);
    int below = 0;
    for (int cap : capacities) {
      // Sessions needing more than the previous class (so a room of `cap` or more) against those rooms.
      std::vector<int> cols;
      for (std::size_t v = 0; v < vars.size(); ++v) {
        const int need = p.requests[vars[v].request].needs_room_capacity;
        if (need > below && need > 0) cols.push_back(v);
      }
      for (int t = 0; t < slots; ++t) {
        int free_rooms = 0;
        for (std::size_t m = 0; m < p.rooms.size(); ++m) free_rooms += p.rooms[m].capacity >= cap && room_free[m][t];
        std::vector<int> row;
        for (int v : cols)
          if (vars[v].start <= t && t < vars[v].start + p.requests[vars[v].request].length) row.push_back(v);
        if (static_cast<int>(row.size()) > free_rooms) add_row(row, free_rooms);
      }
      below = cap;
    }
  }

  CbcResult result;
  result.variables = static_cast<int>(vars.size());
  result.rows = static_cast<int>(upper_rows.size());
  const int n = result.variables;
  if (n == 0) {
    result.placed = 0;
    result.optimal = true;
    result.status = "optimal";
    for (const auto& q : p.requests) result.solution.unplaced.push_back(q.id);
    return result;
  }
  std::vector<double> ones(row_of.size(), 1.0);
  CoinPackedMatrix matrix(true, row_of.data(), col_of.data(), ones.data(), static_cast<CoinBigIndex>(ones.size()));
  matrix.setDimensions(result.rows, n);
  std::vector<double> col_upper(n, 1.0), objective(n, -1.0), row_lower(result.rows, -COIN_DBL_MAX);
  OsiClpSolverInterface solver;
  solver.messageHandler()->setLogLevel(0);
  solver.loadProblem(matrix, lower.data(), col_upper.data(), objective.data(), row_lower.data(), upper_rows.data());
  for (int i = 0; i < n; ++i) solver.setInteger(i);

  CbcModel model(solver);
  model.setLogLevel(0);
  model.messageHandler()->setLogLevel(0);
  CbcSolverUsefulData data;
  CbcMain0(model, data);
  const std::string seconds = std::to_string(time_limit_seconds);
  const char* argv[] = {"cbc", "-seconds", seconds.c_str(), "-log", "0", "-slog", "0", "-solve", "-quit"};
  CbcMain1(static_cast<int>(std::size(argv)), argv, model, [](CbcModel*, int) { return 0; }, data);

  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  result.optimal = model.isProvenOptimal();
  if (model.isProvenInfeasible()) result.status = "infeasible";
  else if (result.optimal) result.status = "optimal";
  else if (model.isSecondsLimitReached()) result.status = "time limit";
  else result.status = "stopped (status " + std::to_string(model.status()) + ")";
  const double* x = model.bestSolution();
  result.bound = -model.getBestPossibleObjValue();
  if (x) {
    result.placed = 0;
    std::vector<char> done(p.requests.size(), 0);
    for (int i = 0; i < n; ++i) {
      if (x[i] < 0.5) continue;
      const Var& v = vars[i];
      ++result.placed;
      done[v.request] = 1;
      result.solution.placed.push_back({p.requests[v.request].id, p.clinicians[v.clinician].id,
                                        v.room >= 0 ? p.rooms[v.room].id : "", v.start});
    }
    for (std::size_t r = 0; r < p.requests.size(); ++r)
      if (!done[r]) result.solution.unplaced.push_back(p.requests[r].id);
    if (result.optimal) result.bound = result.placed;
  }
  return result;
}

}  // namespace stepwise::scheduling::testing
