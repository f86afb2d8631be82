// The exact twin of the optimizer (ADR 0012 §4): the same Problem as a 0/1 program solved by COIN-OR CBC,
// maximizing the number of sessions placed. Tests and bench only; the server never links CBC.
//
// Variables x[request, clinician, start] (and room, in the exact room model) for every start where the client,
// the clinician and an adequate room are free for the whole session; a pinned request has its one fixed
// variable set to 1. Rows: each request at most once; for each client, clinician and room, at every slot where
// a session may start, the sessions covering that slot sum to at most 1 (interval cliques; for a client each
// session is extended by the minimum gap); each clinician's weekly limit.
// Rooms: kExact gives each room its own variables and rows (exact for any windows; small instances);
// kPooled counts, per capacity class and slot, the sessions needing at least that capacity against the rooms
// of that capacity or more that are free then — an upper bound. It is exact with one capacity class whose rooms
// share their windows, but not when classes nest: an individual session may take an office or a family room, and
// counts per slot can allow a week that no assignment of rooms achieves (the test
// PooledRoomsAreOnlyAnUpperBoundWhenCapacitiesNest; on generated 100-client programs with one office and one
// family room the pooled optimum is one above the exact one on 2 of 10 seeds).
#pragma once

#include <string>

#include "care/scheduling/optimizer.h"

namespace stepwise::scheduling::testing {

enum class RoomModel { kExact, kPooled };

struct CbcResult {
  int placed = -1;            // sessions in the best solution found (-1: none found)
  double bound = 0;           // proven upper bound on sessions placed
  bool optimal = false;       // proven optimal within the time limit
  std::string status;         // "optimal", "time limit", "infeasible", ...
  double seconds = 0;         // wall time of model building + branch and bound
  int variables = 0, rows = 0;
  optimize::Solution solution;  // placements (room_id "" in the pooled model)
};

CbcResult SolveWithCbc(const optimize::Problem&, double time_limit_seconds, RoomModel rooms);

}  // namespace stepwise::scheduling::testing
