// The weekly session optimizer (ADR 0012 §4): a pure function from a week in 15-minute slots to placements of
// individual and family sessions. No I/O; the proposal service (APPT) builds the Problem from the stores and
// stores the Solution. An exact mixed-integer twin solved by COIN-OR CBC lives in tests/scheduling/ and bench/,
// independent of Solve (it is what Solve is judged against). Solve itself uses CBC and its LP solver Clp only
// inside optimizer_mip.cc, on pieces of its own solution and for an upper bound (ADR 0014).
//
// What Solve does, in order of priority:
//   1. keeps every pinned request as it is (manual edits, accepted sessions);
//   2. places as many sessions as it can, each where the client, the clinician and (unless telehealth) a
//      room of enough capacity are all free, with no client, clinician or room double-booked, clinicians'
//      max_sessions respected and individual/family therapy only with a licensed clinician (unless the
//      request's needs_license is false);
//   3. among placements of that many sessions, raises the preference score:
//        +8 for each session at the same start as last week (+3 for the same time of day on another day),
//        +6 for each session with the request's usual clinician,
//        +2 for each session on one of the client's group days (fewer trips),
//        −0.1 × Σ over clinicians of (sessions this week)², which favours a balanced load.
// Method: greedy placement, most constrained request first, then augmenting repair (ejection chains: move
// placed sessions aside to make room for an unplaced one), large-neighbourhood moves, ruin and recreate (clear
// a large piece of the week and place it again, most constrained first at the tightest fit) and a preference
// pass that only makes moves which keep every session placed; small problems are solved several times from
// different seeds. Then exact neighbourhoods: pieces of the week re-solved as 0/1 programs by CBC, everything
// else kept, until an LP bound is reached (small problems) or a budget of work (small) or CPU time (large) is
// spent. Deterministic for a given Options::seed for small problems (unless time_limit_ms cuts it short); for
// large ones how many pieces fit in the CPU budget can vary from run to run.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace stepwise::scheduling::optimize {

inline constexpr int kSlotMinutes = 15;     // slot s = minutes [15s, 15s+15) from Monday 00:00 local of the week
inline constexpr int kSlotsPerDay = 96;

struct Window {  // [start, end) in slots
  int start = 0, end = 0;
};

struct Client {
  std::string id;
  std::vector<Window> free;      // when the client can come (group times already removed)
  std::vector<int> group_days;   // 0 = Monday of the first week; used by the "fewer trips" preference
};

struct Clinician {
  std::string id;
  bool licensed = false;
  std::vector<Window> free;      // working hours minus time off and groups they facilitate
  int max_sessions = 1000;       // sessions of this kind a week, pinned ones included
};

struct Room {
  std::string id;
  int capacity = 1;
  std::vector<Window> free;
};

struct Request {  // one session to place this week
  std::string id, client_id, kind;           // kind: individual | family
  bool needs_license = true;                 // false: any allowed clinician (the plan catalog's staff rule)
  int length = 4;                            // slots
  std::vector<std::string> clinicians;       // allowed; empty = any licensed (any at all without needs_license)
  std::string usual_clinician;               // preference
  int needs_room_capacity = 1;               // 0 = telehealth (no room)
  std::optional<int> last_week_start;        // preference: same slot as last week
  // Fixed: a pinned request is placed at pinned_start. With pinned_clinician (and pinned_room when it needs a
  // room) it is kept exactly as given, even outside free windows; a missing clinician or room is chosen.
  std::optional<int> pinned_start;
  std::string pinned_clinician, pinned_room;
};

struct Problem {
  int days = 7;                              // slots 0 .. days*96-1
  std::vector<Client> clients;
  std::vector<Clinician> clinicians;
  std::vector<Room> rooms;
  std::vector<Request> requests;
  int min_gap_same_client = 0;               // slots required between two sessions of one client
};

struct Placement {
  std::string request_id, clinician_id, room_id;  // room_id "" for telehealth
  int start = 0;
};

struct Solution {
  std::vector<Placement> placed;
  std::vector<std::string> unplaced;          // request ids
  std::vector<std::string> unplaced_reasons;  // parallel to unplaced: why, in words staff understand
  double preference = 0;                      // the score described above
  long long solve_micros = 0;
};

struct Options {
  int time_limit_ms = 2000;  // the search stops early when it stalls; this bounds the worst case
  unsigned seed = 1;
};

Solution Solve(const Problem&, const Options& = {});

// Checks a solution independently of Solve: every request placed at most once or listed unplaced; known
// clinician allowed for the request and licensed for individual/family when needs_license; a room of enough
// capacity unless telehealth; every non-pinned placement inside client, clinician and room free windows; no
// overlaps for any client (with min_gap_same_client), clinician or room; clinicians' max_sessions; pinned
// requests kept.
// Returns human-readable violations (empty = valid).
std::vector<std::string> Validate(const Problem&, const Solution&);

// The preference score of a solution (see above); Solve reports the same value.
double PreferenceScore(const Problem&, const Solution&);

// "Tue 10:15" for a slot (day names repeat in the second week).
std::string SlotLabel(int slot);

}  // namespace stepwise::scheduling::optimize
