// The action dependency graph against hand-made plans whose dependencies are known: which step
// waits for which robot, and what one tick of execution does with delayed robots.
#include <fleet/planner/grid.hpp>
#include <fleet/planner/motion.hpp>
#include <fleet/sim/action_dependency_graph.hpp>

#include <catch2/catch.hpp>

#include <vector>

using fleet::planner::Cell;
using fleet::planner::Grid;
using fleet::planner::Motion;
using fleet::planner::MotionKind;
using fleet::planner::Plan;
using fleet::planner::RobotId;
using fleet::sim::ActionDependencyGraph;
using Outcome = ActionDependencyGraph::Outcome;

namespace {

/// Plan from per-robot cell sequences (4-connected states are cells).
Plan plan_of(const std::vector<std::vector<Cell>>& paths) {
  Plan plan(paths.front().size(), std::vector<fleet::planner::State>(paths.size()));
  for (std::size_t r = 0; r < paths.size(); ++r)
    for (std::size_t t = 0; t < paths[r].size(); ++t) plan[t][r] = paths[r][t];
  return plan;
}

struct Tick {
  std::vector<std::int32_t> next;
  std::vector<Outcome> outcome;
  std::vector<RobotId> waiting_on;
};

Tick advance(const ActionDependencyGraph& adg, const std::vector<std::int32_t>& cursor,
             const std::vector<std::uint8_t>& able) {
  Tick t{std::vector<std::int32_t>(cursor.size()), std::vector<Outcome>(cursor.size()),
         std::vector<RobotId>(cursor.size())};
  adg.advance(cursor, able, t.next, t.outcome, t.waiting_on);
  return t;
}

}  // namespace

TEST_CASE("a robot following another depends on each cell the leader leaves", "[adg]") {
  const Grid grid = Grid::from_rows({"....."});
  const Motion motion(grid, MotionKind::FourConnected);
  // Robot 0 leads 1 -> 2 -> 3; robot 1 follows 0 -> 1 -> 2.
  const ActionDependencyGraph adg(plan_of({{1, 2, 3}, {0, 1, 2}}), motion);
  REQUIRE(adg.length() == 3);
  REQUIRE(adg.edges() == 2);
  CHECK(adg.dependency(0, 1).robot == -1);
  CHECK(adg.dependency(0, 2).robot == -1);
  CHECK(adg.dependency(1, 1).robot == 0);
  CHECK(adg.dependency(1, 1).step == 1);  // robot 0 has taken its step out of cell 1
  CHECK(adg.dependency(1, 2).robot == 0);
  CHECK(adg.dependency(1, 2).step == 2);

  SECTION("both able: they move together, the follower into the cell the leader leaves") {
    const Tick t = advance(adg, {0, 0}, {1, 1});
    CHECK(t.next == std::vector<std::int32_t>{1, 1});
    CHECK(t.outcome[0] == Outcome::Moves);
    CHECK(t.outcome[1] == Outcome::Moves);
  }
  SECTION("the leader delayed: the follower waits on it") {
    const Tick t = advance(adg, {0, 0}, {0, 1});
    CHECK(t.next == std::vector<std::int32_t>{0, 0});
    CHECK(t.outcome[0] == Outcome::Delayed);
    CHECK(t.outcome[1] == Outcome::Waits);
    CHECK(t.waiting_on[1] == 0);
  }
  SECTION("the follower delayed: the leader goes on") {
    const Tick t = advance(adg, {0, 0}, {1, 0});
    CHECK(t.next == std::vector<std::int32_t>{1, 0});
    CHECK(t.outcome[1] == Outcome::Delayed);
    CHECK(t.waiting_on[1] == -1);
  }
  SECTION("at the end of the plan a robot is finished") {
    const Tick t = advance(adg, {2, 2}, {1, 1});
    CHECK(t.outcome[0] == Outcome::Finished);
    CHECK(t.outcome[1] == Outcome::Finished);
  }
}

TEST_CASE("a crossing keeps the planned order however long the first robot is delayed",
          "[adg]") {
  // 3x3 room, cells y*3+x. Robot 0 crosses the middle row 3 -> 4 -> 5; robot 1 waits two
  // ticks at the top and then crosses the middle column 1 -> 4 -> 7 after robot 0.
  const Grid grid = Grid::from_rows({"...", "...", "..."});
  const Motion motion(grid, MotionKind::FourConnected);
  const ActionDependencyGraph adg(plan_of({{3, 4, 5, 5, 5}, {1, 1, 1, 4, 7}}), motion);
  REQUIRE(adg.edges() == 1);
  CHECK(adg.dependency(1, 3).robot == 0);
  CHECK(adg.dependency(1, 3).step == 2);
  CHECK_FALSE(adg.acts(1, 1));  // planned waits are not actions
  CHECK(adg.acts(1, 3));

  const std::vector<std::vector<Cell>> cells = {{3, 4, 5, 5, 5}, {1, 1, 1, 4, 7}};
  std::vector<std::int32_t> cursor{0, 0};
  int ticks = 0;
  for (; ticks < 20 && (cursor[0] < 4 || cursor[1] < 4); ++ticks) {
    const std::uint8_t robot0_able = ticks >= 5 ? 1 : 0;  // robot 0 is stuck for 5 ticks
    const Tick t = advance(adg, cursor, {robot0_able, 1});
    if (ticks < 5) {
      CHECK(t.outcome[0] == Outcome::Delayed);
      CHECK(t.outcome[1] == Outcome::Waits);
      CHECK(t.waiting_on[1] == 0);
      CHECK(t.next[1] == 2);  // skipped its planned waits
    }
    // Never two robots in one cell, never a swap.
    const Cell a = cells[0][static_cast<std::size_t>(t.next[0])];
    const Cell b = cells[1][static_cast<std::size_t>(t.next[1])];
    REQUIRE(a != b);
    cursor = t.next;
  }
  CHECK(cursor == std::vector<std::int32_t>{4, 4});
  // Robot 0 moves at ticks 5 and 6; robot 1 enters cell 4 as robot 0 leaves it, then goes on.
  CHECK(ticks == 8);
}

TEST_CASE("a rotation of robots around a block moves together or not at all", "[adg]") {
  // 2x2 block, cells 0 1 / 2 3; four robots rotate clockwise 0 -> 1 -> 3 -> 2 -> 0.
  const Grid grid = Grid::from_rows({"..", ".."});
  const Motion motion(grid, MotionKind::FourConnected);
  const ActionDependencyGraph adg(plan_of({{0, 1}, {1, 3}, {3, 2}, {2, 0}}), motion);
  REQUIRE(adg.edges() == 4);
  const Tick all = advance(adg, {0, 0, 0, 0}, {1, 1, 1, 1});
  CHECK(all.next == std::vector<std::int32_t>{1, 1, 1, 1});
  const Tick one_delayed = advance(adg, {0, 0, 0, 0}, {1, 1, 0, 1});
  CHECK(one_delayed.next == std::vector<std::int32_t>{0, 0, 0, 0});
  CHECK(one_delayed.outcome[2] == Outcome::Delayed);
  for (const RobotId r : {0, 1, 3}) CHECK(one_delayed.outcome[r] == Outcome::Waits);
}

TEST_CASE("a robot that returns to a cell depends on the robots that used it meanwhile",
          "[adg]") {
  const Grid grid = Grid::from_rows({"...", ".@."});
  const Motion motion(grid, MotionKind::FourConnected);
  // Robot 0 leaves cell 1 for cell 2 and comes back; robot 1 passes through cell 1 between.
  const ActionDependencyGraph adg(plan_of({{1, 2, 2, 2, 1}, {3, 0, 1, 0, 3}}), motion);
  CHECK(adg.dependency(1, 2).robot == 0);  // robot 1 enters cell 1 after robot 0 left it
  CHECK(adg.dependency(1, 2).step == 1);
  CHECK(adg.dependency(0, 4).robot == 1);  // robot 0 comes back after robot 1 left it
  CHECK(adg.dependency(0, 4).step == 3);
  CHECK(adg.dependency(1, 1).robot == -1);
}
