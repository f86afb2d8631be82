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

}  // namespace
}  // namespace stepwise::scheduling::testing
