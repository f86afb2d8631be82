// Internal to the optimizer (optimizer.cc: state and moves; optimizer_phases.cc: the phases and Solve). Pure.
//
// State: each request is placed at (clinician, start, room) or not. For every client, clinician and room we
// keep "available" slot bits (free windows minus what is booked; for clients also minus the minimum gap around
// their sessions) so the feasible starts of a request are a few word-wise ANDs, and per-slot occupancy of
// clinicians and rooms so the sessions in the way of a start ("blockers") are found in O(length).
// Every change goes through Place/Remove, which log to a journal so a failed ejection chain is rolled back.
#pragma once

#include <array>
#include <chrono>
#include <ctime>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "care/scheduling/optimizer.h"
#include "care/scheduling/optimizer_bits.h"

namespace stepwise::scheduling::optimize::detail {

using Clock = std::chrono::steady_clock;

// CPU time of the calling thread in seconds: the exact neighbourhoods are budgeted in CPU time so that a busy
// machine (wall time passing without the solve running) does not change how many pieces are tried.
inline double ThreadSeconds() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

// Search effort (measured on the generated programs of bench/scheduling_bench.cc and the random small instances
// of tests/scheduling/): ejection chains of the repair pass, chains used to re-place sessions moved by a
// large-neighbourhood move, and how many moves without a gain end the search.
inline constexpr int kRepairDepth = 1;
inline constexpr int kReinsertDepth = 2;
inline constexpr long long kReinsertNodes = 300;
inline constexpr long long kStallBase = 1000, kStallPerUnplaced = 20;
inline constexpr unsigned kAcceptWorse = 10;  // one move in ten may lose a session (never two below the best)
// Ruin and recreate (optimizer_lns.cc): rooms of a piece in a large program, unplaced requests offered to one
// recreate, the band of every day in slots (five hours), and the tries without a gain (50 + requests / 8, at
// most 100: each try costs more in a large program, where the phase gains little).
inline constexpr std::size_t kRecreateRooms = 2, kRecreateUnplaced = 12;
inline constexpr int kRecreateBand = 20;
inline constexpr long long kRecreateStallBase = 50, kRecreateStallRequests = 8, kRecreateStallMax = 100;
// Problems of fewer requests get 600 / requests independent runs (at most 20), the best kept: on the 100-client
// programs several short runs find the optimum more often than one long one for the same CPU.
inline constexpr std::size_t kRestartRequests = 600;
// Exact neighbourhoods (optimizer_mip.cc): clinicians per piece in a large program, CBC's nodes per piece, CBC
// runs per solve, the kinds of piece, pieces tried at most, the largest piece (sessions; larger ones are skipped:
// their LP alone can take a second), the largest models (variables) of a piece and of the bound. A problem with
// an LP bound (small) is bounded by that work only (so its result does not depend on the machine's load); one without
// (large) also by the CPU time of this thread from the start of Solve after which no piece is started
// (kMipLargeMs), and CBC is started on a piece only with kMipCbcMinMs of it left (its root is not interrupted).
// Options::time_limit_ms (wall time) bounds both.
inline constexpr int kMipClinicians = 6, kMipKinds = 8, kMipMaxPieces = 200, kMipCbcRuns = 6;
// The LP-guided piece (kind kMipLpKind, small problems only): each place of the whole problem's LP relaxation is
// worth one session plus kMipLpKeep when it is where its request is now, and the sessions that LP moves form the piece;
// when it cannot gain, the same piece grown by the other sessions of its rooms' days is tried.
inline constexpr int kMipLpKind = 7;
inline constexpr double kMipLpKeep = 0.01;
inline constexpr std::size_t kMipMaxPiece = 90;
inline constexpr long long kMipNodes = 100, kMipPieceVariables = 10000, kMipBoundVariables = 200000;
inline constexpr int kMipLargeMs = 1400, kMipCbcMinMs = 500;
// The LP bound is computed for problems of up to this many requests (at 1,000 clients it would take seconds).
inline constexpr std::size_t kMipBoundRequests = 300;

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

struct WholeLp;  // optimizer_mip.cc

class Search {
 public:
  Search(const Problem& problem, const Options& options);
  Solution Run();
  // Exact neighbourhoods (optimizer_mip.cc): starts from `from` (a solution of the same problem), re-solves pieces
  // of it with CBC (everything else kept) and returns the result, or `from` itself when no piece gains a session.
  // Stops when `ceiling` sessions are placed or this thread's CPU time (ThreadSeconds) reaches `cpu_until`.
  // `whole_lp`, when given, is the one Bound computed (the LP-guided pieces re-solve it from its optimal basis).
  Solution Polish(const Solution& from, int ceiling, double cpu_until, std::shared_ptr<WholeLp> whole_lp = {});
  // An upper bound on the sessions placed (the LP relaxation of the problem, started from `from`); -1 when the
  // problem is too large for it or Clp does not finish before the deadline. The LP is kept (whole_lp()).
  double Bound(const Solution& from);
  std::shared_ptr<WholeLp> whole_lp() const { return whole_lp_; }
  struct MipModel {  // a 0/1 model: variables (request, clinician, start, room), rows of ones with upper bounds
    std::vector<std::array<int, 4>> vars;
    std::vector<std::vector<int>> rows;
    std::vector<double> upper;
  };

 private:
  // ---- set-up
  void BuildRequests();
  // ---- state changes (journaled)
  void Place(int r, int c, int s, int m, bool journal = true);
  void Remove(int r, bool journal = true);
  void Rollback(std::size_t mark);
  // ---- queries
  double Preference(int r, int c, int s) const;
  double Score(int r, int c, int s) const {
    const double v = Preference(r, c, s) - 0.1 * (2 * load_[c] + 1);
    return congestion_ ? 0.01 * v - Congestion(r, c, s) : v;
  }
  // How much the other unplaced requests want the clinician's and the rooms' time in [s, s+length).
  double Congestion(int r, int c, int s) const;
  void AddDemand(int r, double sign);
  SlotBits RoomStarts(int r) const;  // starts where some adequate room is available now
  int ChooseRoom(int r, int s) const;
  bool PlaceBest(int r, double at_least = -1e18);
  bool Blockers(int r, int c, int s, std::size_t max_blockers, std::vector<int>& out, int& room) const;
  bool TryInsert(int r, int depth, bool top);
  bool TimeUp() const { return Clock::now() >= deadline_; }
  bool MipTimeUp() const { return TimeUp() || ThreadSeconds() >= cpu_until_; }
  // ---- phases
  void Greedy();
  // The requests that could be placed (they have candidates) but are not, into `out` (cleared first).
  void CollectUnplaced(std::vector<int>& out) const;
  void Repair();
  void Perturb();
  void ImprovePreferences();
  void RuinRecreate();
  Solution Output() const;
  // ---- exact neighbourhoods (optimizer_mip.cc)
  void Load(const Solution& from);
  void MipPieces(int kind, std::vector<std::vector<int>>& out) const;
  bool SolvePiece(const std::vector<int>& piece);
  void LpGuidedPiece(std::vector<std::vector<int>>& out);
  // Leaves out.vars empty when the model would have more than max_vars variables.
  void BuildMip(const std::vector<int>& reqs, long long max_vars, MipModel& out) const;
  double LpBound();

  // ---- places of a request now, for the recreate (optimizer_lns.cc)
  struct Option {
    int c, s, m, fit;  // clinician, start, room (-1 telehealth), how tightly it fits what is around it
  };
  int CountOptions(int r) const;
  void ListOptions(int r, std::vector<Option>& out) const;

  const Problem& p_;
  Options options_;
  Clock::time_point start_time_, deadline_;
  int slots_ = 0, gap_ = 0;
  mutable std::mt19937 rng_;

  std::vector<SlotBits> client_free_, clinician_free_, room_free_;
  std::vector<int> rooms_by_capacity_;
  std::vector<Req> reqs_;

  std::vector<int> at_clinician_, at_start_, at_room_;
  std::vector<std::vector<int>> client_sessions_, clinician_sessions_;
  std::vector<std::vector<int>> clinician_occ_, room_occ_;  // per slot: request index or -1
  std::vector<int> load_;
  std::vector<SlotBits> client_avail_, clinician_avail_, room_avail_;
  int placed_count_ = 0;
  // During the greedy: expected use of each clinician's and of the rooms' slots by the requests not yet placed
  // (each spreads one unit over its candidate starts), so a request takes the start that hurts others least.
  bool congestion_ = false;
  std::vector<std::vector<float>> clinician_demand_;
  std::vector<float> room_demand_;
  double room_count_ = 1;

  struct Op {
    bool placed;  // true: Place(r, ...) happened; false: Remove(r) happened (with its old position)
    int r, c, s, m;
  };
  std::vector<Op> journal_;
  // RoomStarts per (capacity needed, length), valid while room_version_ (bumped by every room booking) holds.
  struct RoomStartsEntry {
    int need, length;
    unsigned long long version;
    SlotBits starts;
  };
  mutable std::vector<RoomStartsEntry> room_starts_cache_;
  unsigned long long room_version_ = 1;
  // Starts of one room per session length (entries by length; need unused), valid while the room's version holds.
  const SlotBits& RoomLengthStarts(int m, int length) const;
  std::vector<unsigned long long> room_versions_;
  mutable std::vector<std::vector<RoomStartsEntry>> room_len_starts_;
  std::vector<unsigned> in_chain_;
  unsigned stamp_ = 0;
  long long nodes_ = 0, node_budget_ = 0;
  double cpu_until_ = 1e300;  // Polish's CPU-time budget (ThreadSeconds)
  // The LP relaxation of the whole problem (every request not fixed), its model and Clp's last optimal basis: the
  // model does not depend on where the movable sessions are, so it is built and solved once per Solve.
  std::shared_ptr<WholeLp> whole_lp_;
  std::shared_ptr<WholeLp> WholeProblemLp();
  int cbc_runs_ = 0;
};

}  // namespace stepwise::scheduling::optimize::detail
