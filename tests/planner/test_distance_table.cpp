// The shared DistanceTable: every distance equals a forward breadth-first search from the
// state, under both motion models; freed tables are rebuilt with the same answers and the
// tables asked to be kept survive a release.
#include <fleet/planner/distance_table.hpp>
#include <fleet/planner/table_memory.hpp>

#include <catch2/catch.hpp>

#include <stdexcept>

#include <algorithm>
#include <functional>
#include <memory>
#include <queue>
#include <utility>
#include <string>
#include <vector>

using fleet::planner::Cell;
using fleet::planner::Direction;
using fleet::planner::MoveCosts;
using fleet::planner::DistanceTable;
using fleet::planner::Grid;
using fleet::planner::Motion;
using fleet::planner::MotionKind;
using fleet::planner::State;

namespace {

// Cost from `from` to every cell (first time any heading stands on it), by a plain forward
// Dijkstra over Motion::successors (every action costs 1, a move between cells what `costs`
// says): independent of the table's backward edges and bucket queue.
std::vector<std::uint32_t> forward_distances(const Motion& motion, State from,
                                             const MoveCosts* costs = nullptr) {
  const Grid& grid = motion.grid();
  std::vector<std::uint32_t> to_state(static_cast<std::size_t>(motion.num_states()),
                                      DistanceTable::kUnreachable);
  std::vector<std::uint32_t> to_cell(static_cast<std::size_t>(grid.size()),
                                     DistanceTable::kUnreachable);
  using Entry = std::pair<std::uint32_t, State>;
  std::priority_queue<Entry, std::vector<Entry>, std::greater<>> open;
  open.emplace(0, from);
  to_state[static_cast<std::size_t>(from)] = 0;
  Motion::Neighbours next{};
  while (!open.empty()) {
    const auto [d, s] = open.top();
    open.pop();
    if (d != to_state[static_cast<std::size_t>(s)]) continue;
    auto& cell = to_cell[static_cast<std::size_t>(motion.cell(s))];
    cell = std::min(cell, d);
    const int n = motion.successors(s, next);
    for (int i = 0; i < n; ++i) {
      std::uint32_t step = 1;
      const Cell a = motion.cell(s);
      const Cell b = motion.cell(next[i]);
      if (costs != nullptr && a != b) {
        int dir = 0;
        while (grid.step(a, static_cast<Direction>(dir)) != b) ++dir;
        step = costs->cost(a, dir);
      } else if (costs != nullptr && next[i] != s) {
        step = costs->turn;
      }
      auto& slot = to_state[static_cast<std::size_t>(next[i])];
      if (d + step >= slot) continue;
      slot = d + step;
      open.emplace(slot, next[i]);
    }
  }
  return to_cell;
}

// Two rooms joined by one door, a dead end and an unreachable pocket on the right.
const std::vector<std::string> kRows = {
    "......@...@.",
    ".@@.@.@.@.@.",
    "......@.....",
    ".@@@....@@@@",
    "....@.@....@",
    "..@...@..@.@",
};

std::size_t checked_against_reference(const DistanceTable& table) {
  const Motion& motion = table.motion();
  const Grid& grid = motion.grid();
  std::size_t checked = 0;
  for (State s = 0; s < motion.num_states(); ++s) {
    if (!grid.passable(motion.cell(s))) continue;
    const std::vector<std::uint32_t> expected = forward_distances(motion, s, table.costs());
    for (Cell goal = 0; goal < grid.size(); ++goal) {
      const std::uint32_t want =
          grid.passable(goal) ? expected[static_cast<std::size_t>(goal)] : DistanceTable::kUnreachable;
      INFO("state " << s << " goal " << goal);
      REQUIRE(table.distance(s, goal) == want);
      ++checked;
    }
  }
  return checked;
}

}  // namespace

TEST_CASE("distance tables match a forward search under both motion models", "[distance_table]") {
  const Grid grid = Grid::from_rows(kRows);
  for (const MotionKind kind : {MotionKind::FourConnected, MotionKind::Rotation}) {
    DistanceTable table(grid, kind);
    CHECK(checked_against_reference(table) > 0);
    CHECK(table.table_count() == static_cast<std::size_t>(grid.free_count()));
  }
}

TEST_CASE("guided tables match a forward Dijkstra on the guidance graph", "[distance_table]") {
  const Grid grid = Grid::from_rows(kRows);
  for (const auto [wrong_way, turn] : {std::pair{1, 1}, {3, 1}, {64, 1}, {3, 2}}) {
    INFO("wrong way " << wrong_way << ", turn " << turn);
    auto costs = std::make_shared<const MoveCosts>(MoveCosts::crisscross(grid, wrong_way, turn));
    for (const MotionKind kind : {MotionKind::FourConnected, MotionKind::Rotation}) {
      DistanceTable table(grid, kind, costs);
      REQUIRE(table.costs() == costs.get());
      CHECK(checked_against_reference(table) > 0);
    }
  }
}

TEST_CASE("a crisscross graph makes alternate rows and columns one-way", "[distance_table]") {
  const Grid grid = Grid::from_rows({".....", ".....", ".....", "....."});
  const MoveCosts costs = MoveCosts::crisscross(grid, 5);
  const auto east = static_cast<int>(Direction::East);
  const auto west = static_cast<int>(Direction::West);
  const auto south = static_cast<int>(Direction::South);
  const auto north = static_cast<int>(Direction::North);
  CHECK(costs.cost(grid.cell(1, 0), east) == 1);  // row 0 runs east
  CHECK(costs.cost(grid.cell(1, 0), west) == 5);
  CHECK(costs.cost(grid.cell(1, 1), west) == 1);  // row 1 runs west
  CHECK(costs.cost(grid.cell(1, 1), east) == 5);
  CHECK(costs.cost(grid.cell(0, 1), south) == 1);  // column 0 runs south
  CHECK(costs.cost(grid.cell(1, 1), north) == 1);  // column 1 runs north
  CHECK(costs.cost(grid.cell(1, 1), south) == 5);
  CHECK_THROWS_AS(MoveCosts::crisscross(grid, 0), std::invalid_argument);
  CHECK_THROWS_AS(MoveCosts::crisscross(grid, MoveCosts::kMaxCost + 1), std::invalid_argument);

  // West along row 0 would cost 4 * 5; round by row 1 costs 1 + 3 + 1 + 5 (or 1 + 4 + 5).
  DistanceTable table(grid, MotionKind::FourConnected, std::make_shared<const MoveCosts>(costs));
  CHECK(table.distance(grid.cell(4, 0), grid.cell(0, 0)) == 10);
  CHECK(table.distance(grid.cell(0, 0), grid.cell(4, 0)) == 4);
  CHECK(table.distance(grid.cell(4, 1), grid.cell(0, 1)) == 4);

  const Grid other = Grid::from_rows({"..", ".."});
  CHECK_THROWS_AS(DistanceTable(other, MotionKind::Rotation, std::make_shared<const MoveCosts>(costs)),
                  std::invalid_argument);
}

TEST_CASE("released tables are rebuilt with the same distances; kept ones stay",
          "[distance_table]") {
  const Grid grid = Grid::from_rows(kRows);
  for (const MotionKind kind : {MotionKind::FourConnected, MotionKind::Rotation}) {
    DistanceTable table(grid, kind);
    const std::vector<Cell> goals(grid.free_cells().begin(), grid.free_cells().end());
    table.prepare(goals);
    const DistanceTable::Usage full = table.usage();
    REQUIRE(full.tables == goals.size());
    REQUIRE(full.builds == goals.size());

    const std::vector<Cell> keep{goals[3], goals[10], fleet::planner::kNoCell};
    const std::size_t freed = table.release_except(keep);
    const DistanceTable::Usage trimmed = table.usage();
    CHECK(trimmed.tables == 2);
    CHECK(freed > 0);
    CHECK(trimmed.bytes + freed == full.bytes);
    CHECK(trimmed.peak_tables == goals.size());
    CHECK(trimmed.peak_bytes == full.bytes);
    CHECK(trimmed.builds == goals.size());

    // The kept tables answer without a rebuild.
    (void)table.distance(table.motion().state(goals[0], 0), goals[3]);
    (void)table.distance(table.motion().state(goals[0], 0), goals[10]);
    CHECK(table.usage().builds == goals.size());

    // Everything else is rebuilt on demand, with the same answers.
    checked_against_reference(table);
    CHECK(table.table_count() == goals.size());
    CHECK(table.usage().builds == 2 * goals.size() - 2);

    CHECK(table.release_except({}) > 0);
    CHECK(table.table_count() == 0);
  }
}

TEST_CASE("a problem whose distance tables cannot fit in memory is refused up front",
          "[distance_table]") {
  const Grid grid = Grid::from_rows(kRows);
  for (const MotionKind kind : {MotionKind::FourConnected, MotionKind::Rotation}) {
    DistanceTable table(grid, kind);
    const std::vector<Cell> goals{grid.free_cells()[0], grid.free_cells()[5],
                                  grid.free_cells()[9]};
    table.prepare(goals);
    // The estimate is a floor: the tables really built take at least as much.
    const std::size_t least = fleet::planner::least_table_bytes(grid, kind, goals.size());
    CHECK(least > 0);
    CHECK(least <= table.memory_bytes());

    // Repeated goals share one table; cells off the map need none.
    const std::vector<Cell> wanted{goals[0], goals[1], goals[2], goals[1], goals[0],
                                   fleet::planner::kNoCell};
    CHECK_NOTHROW(fleet::planner::require_tables_fit(grid, kind, wanted, least));
    CHECK_NOTHROW(fleet::planner::require_tables_fit(grid, kind, wanted, 0));  // 0: no limit
    try {
      fleet::planner::require_tables_fit(grid, kind, wanted, least - 1);
      FAIL("a problem one byte over the limit was accepted");
    } catch (const std::invalid_argument& e) {
      const std::string message = e.what();
      CHECK_THAT(message, Catch::Contains("6 robots with 3 distinct goals"));
      CHECK_THAT(message, Catch::Contains("distance tables"));
    }
  }
}
