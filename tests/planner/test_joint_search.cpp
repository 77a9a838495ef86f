// The exhaustive joint-space solver the search-planner tests trust: checked on hand-made
// instances whose optimal sum of costs is worked out by hand.
#include <fleet/planner/instance.hpp>

#include <catch2/catch.hpp>

#include "joint_search.hpp"

#include <memory>

using namespace fleet::planner;

namespace {

Instance hand_made(const std::vector<std::string>& rows,
                   const std::vector<std::pair<int, int>>& starts,
                   const std::vector<std::pair<int, int>>& goals,
                   MotionKind kind = MotionKind::FourConnected, int heading = 0) {
  auto grid = std::make_shared<const Grid>(Grid::from_rows(rows));
  const Motion motion(*grid, kind);
  std::vector<State> s;
  std::vector<Cell> g;
  for (auto [x, y] : starts) s.push_back(motion.state(grid->cell(x, y), heading));
  for (auto [x, y] : goals) g.push_back(grid->cell(x, y));
  return Instance(grid, kind, std::move(s), std::move(g));
}

}  // namespace

TEST_CASE("joint search: one robot costs its shortest distance", "[joint]") {
  const Instance instance = hand_made({"....", ".@@.", "...."}, {{0, 0}}, {{3, 2}});
  const auto found = fleet::test::joint_optimal_soc(instance);
  REQUIRE(found.solved);
  CHECK(found.soc == 5);
}

TEST_CASE("joint search: a robot steps into a bay to let another pass", "[joint]") {
  // Robot 1 must enter the bay at (1,1) through (1,0) before robot 0 can pass: 5 + 2.
  const Instance instance =
      hand_made({".....", "@.@@@"}, {{0, 0}, {2, 0}}, {{4, 0}, {1, 1}});
  const auto found = fleet::test::joint_optimal_soc(instance);
  REQUIRE(found.solved);
  CHECK(found.soc == 7);
}

TEST_CASE("joint search: a robot on its goal leaves and comes back", "[joint]") {
  // Robot 0 rests on (2,0); robot 1 passes through it, so robot 0 ducks into the bay at
  // tick 1 and is back at tick 3 (cost 3), robot 1 arrives at tick 4.
  const Instance instance =
      hand_made({".....", "@@.@@"}, {{2, 0}, {0, 0}}, {{2, 0}, {4, 0}});
  const auto found = fleet::test::joint_optimal_soc(instance);
  REQUIRE(found.solved);
  CHECK(found.soc == 7);
}

TEST_CASE("joint search: robots cannot swap in a corridor", "[joint]") {
  const Instance instance = hand_made({"...."}, {{0, 0}, {3, 0}}, {{3, 0}, {0, 0}});
  CHECK_FALSE(fleet::test::joint_optimal_soc(instance).solved);
}

TEST_CASE("joint search: a cycle of robots rotates without swaps", "[joint]") {
  // Four robots on a 2x2 block each move one cell clockwise in one tick: legal (no swap).
  const Instance instance = hand_made({"..", ".."}, {{0, 0}, {1, 0}, {1, 1}, {0, 1}},
                                      {{1, 0}, {1, 1}, {0, 1}, {0, 0}});
  const auto found = fleet::test::joint_optimal_soc(instance);
  REQUIRE(found.solved);
  CHECK(found.soc == 4);
}

TEST_CASE("joint search: rotations are counted under the rotation model", "[joint]") {
  // Facing east at (0,0), the goal (0,2) is two cells south: turn once, then two forwards.
  const Instance instance = hand_made({"..", "..", ".."}, {{0, 0}}, {{0, 2}},
                                      MotionKind::Rotation, 0);
  const auto found = fleet::test::joint_optimal_soc(instance);
  REQUIRE(found.solved);
  CHECK(found.soc == 3);
}
