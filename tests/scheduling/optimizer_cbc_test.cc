// The optimizer against its exact twin (ADR 0012 §4): on random small instances the number of sessions placed
// must equal CBC's proven optimum, and both solutions must pass Validate (which also checks the model).
#include <gtest/gtest.h>

#include "scheduling/cbc_model.h"
#include "scheduling/instance_generator.h"

namespace stepwise::scheduling::testing {
namespace {

// A generous wall-clock limit: the search ends by its own (deterministic) stall rule, not by the load of the
// machine running the tests.
optimize::Solution SolveSmall(const optimize::Problem& p) {
  optimize::Options o;
  o.time_limit_ms = 60000;
  return optimize::Solve(p, o);
}

class OptimizerVsCbc : public ::testing::TestWithParam<unsigned> {};

TEST_P(OptimizerVsCbc, PlacesAsManySessionsAsTheExactModel) {
  const optimize::Problem p = GenerateSmall(GetParam());
  const CbcResult exact = SolveWithCbc(p, 30, RoomModel::kExact);
  ASSERT_TRUE(exact.optimal) << exact.status;
  EXPECT_EQ(optimize::Validate(p, exact.solution), std::vector<std::string>{}) << "the CBC model is wrong";

  const optimize::Solution s = SolveSmall(p);
  EXPECT_EQ(optimize::Validate(p, s), std::vector<std::string>{});
  EXPECT_EQ(static_cast<int>(s.placed.size()), exact.placed)
      << "seed " << GetParam() << ": " << p.requests.size() << " requests";
  EXPECT_EQ(s.placed.size() + s.unplaced.size(), p.requests.size());
}

INSTANTIATE_TEST_SUITE_P(RandomSmall, OptimizerVsCbc, ::testing::Range(1u, 31u));

// The demand is larger than what fits on most instances, so the comparison is not won by placing everything
// (the count placed equals CBC's optimum by the test above).
TEST(OptimizerVsCbcInstances, AreTight) {
  int short_of_demand = 0;
  for (unsigned seed = 1; seed <= 30; ++seed) {
    const auto p = GenerateSmall(seed);
    short_of_demand += SolveSmall(p).placed.size() < p.requests.size();
  }
  EXPECT_GE(short_of_demand, 15);
}

// The pooled room model (used by the bench) agrees with the exact one when rooms of a capacity share windows.
TEST(OptimizerVsCbcInstances, PooledRoomsMatchExactRoomsOnTheProgramGenerator) {
  ProgramOptions o;
  o.clients = 24;
  o.clinicians = 3;
  o.rooms = 2;
  o.seed = 7;
  const auto p = GenerateProgram(o);
  const auto exact = SolveWithCbc(p, 60, RoomModel::kExact);
  const auto pooled = SolveWithCbc(p, 60, RoomModel::kPooled);
  ASSERT_TRUE(exact.optimal);
  ASSERT_TRUE(pooled.optimal);
  EXPECT_EQ(exact.placed, pooled.placed);
  const auto s = SolveSmall(p);
  EXPECT_EQ(optimize::Validate(p, s), std::vector<std::string>{});
  EXPECT_EQ(static_cast<int>(s.placed.size()), exact.placed);
}

// Counting rooms per capacity class and slot (the pooled model) is only an upper bound when an office and a
// family room are both used: here the counts allow all four sessions, but the individual session that overlaps
// the first family session must take the office, the next one then needs the family room, and it overlaps the
// second family session. The exact model and the optimizer place three.
TEST(OptimizerVsCbcInstances, PooledRoomsAreOnlyAnUpperBoundWhenCapacitiesNest) {
  optimize::Problem p;
  p.days = 1;
  p.rooms = {{"office", 2, {{0, 96}}}, {"family", 6, {{0, 96}}}};
  const struct {
    int from, to, need;
  } sessions[] = {{0, 2, 4}, {1, 4, 1}, {3, 6, 1}, {5, 7, 4}};
  for (int i = 0; i < 4; ++i) {
    const auto& x = sessions[i];
    const std::string n = std::to_string(i);
    p.clients.push_back({"client" + n, {{x.from, x.to}}, {}});
    p.clinicians.push_back({"staff" + n, true, {{0, 96}}, 10});
    optimize::Request r;
    r.id = "r" + n;
    r.client_id = "client" + n;
    r.kind = x.need > 1 ? "family" : "individual";
    r.length = x.to - x.from;
    r.clinicians = {"staff" + n};
    r.needs_room_capacity = x.need;
    p.requests.push_back(r);
  }
  const auto exact = SolveWithCbc(p, 30, RoomModel::kExact);
  const auto pooled = SolveWithCbc(p, 30, RoomModel::kPooled);
  ASSERT_TRUE(exact.optimal);
  ASSERT_TRUE(pooled.optimal);
  EXPECT_EQ(exact.placed, 3);
  EXPECT_EQ(pooled.placed, 4);
  const auto s = SolveSmall(p);
  EXPECT_EQ(optimize::Validate(p, s), std::vector<std::string>{});
  EXPECT_EQ(s.placed.size(), 3u);
}

// Solves generated 100-client programs (6 clinicians, one office, one family room) of the given seeds and expects
// each program's exact optimum, known from CBC's per-room model.
void ExpectOptima(const std::vector<std::pair<unsigned, std::size_t>>& seeds_and_optima) {
  for (const auto& [seed, optimum] : seeds_and_optima) {
    ProgramOptions o;
    o.clients = 100;
    o.clinicians = 6;
    o.rooms = 2;
    o.seed = seed;
    const auto p = GenerateProgram(o);
    const auto s = SolveSmall(p);
    EXPECT_EQ(optimize::Validate(p, s), std::vector<std::string>{}) << seed;
    EXPECT_EQ(s.placed.size(), optimum) << seed;
  }
}

// A generated 100-client program (6 clinicians, one office, one family room) where the search before the
// ruin-and-recreate phase placed 109. 110 is the optimum of the exact (per-room) CBC model, proven in about
// 10 s of CPU (bench/scheduling_bench --clients 100 --cbc-rooms exact), too slow to solve here every run.
TEST(OptimizerVsCbcInstances, ReachesTheOptimumOnAProgramWhereRoomsBind) { ExpectOptima({{1006, 110}}); }

// Generated 100-client programs where the heuristic alone (optimizer seed 1) stays one session short of the exact
// optimum, proven by CBC's per-room model (docs/performance.md, 10–60 s each, too slow to solve here every run):
// the exact neighbourhoods (optimizer_mip.cc), bounded by the LP relaxation, find the missing session.
TEST(OptimizerVsCbcInstances, ExactNeighbourhoodsReachTheOptimumWhereTheHeuristicStopsShort) {
  ExpectOptima({{1000, 132}, {1005, 121}, {1007, 124}});
}

// Two more where every piece of fixed shape and the sessions the whole problem's LP moves are closed, and the
// missing session needs those sessions re-solved together with the rest of their rooms' days (the grown LP-guided
// piece of optimizer_mip.cc; without it both stay one short). Optima proven by CBC's per-room model in 18 s each.
TEST(OptimizerVsCbcInstances, TheLpGuidedPieceGrownByItsRoomsDaysFindsTheLastSession) {
  ExpectOptima({{1013, 120}, {1017, 111}});
}

}  // namespace
}  // namespace stepwise::scheduling::testing
