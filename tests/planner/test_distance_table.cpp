// The shared DistanceTable: every distance equals a forward breadth-first search from the
// state, under both motion models; freed tables are rebuilt with the same answers and the
// tables asked to be kept survive a release.
#include <fleet/planner/distance_table.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

using fleet::planner::Cell;
using fleet::planner::DistanceTable;
using fleet::planner::Grid;
using fleet::planner::Motion;
using fleet::planner::MotionKind;
using fleet::planner::State;

namespace {

// Ticks from `from` to every cell (first time any heading stands on it), by a plain forward
// search over Motion::successors: independent of the table's backward edges.
std::vector<std::uint32_t> forward_distances(const Motion& motion, State from) {
  std::vector<std::uint32_t> to_state(static_cast<std::size_t>(motion.num_states()),
                                      DistanceTable::kUnreachable);
  std::vector<std::uint32_t> to_cell(static_cast<std::size_t>(motion.grid().size()),
                                     DistanceTable::kUnreachable);
  std::vector<State> queue{from};
  to_state[static_cast<std::size_t>(from)] = 0;
  Motion::Neighbours next{};
  for (std::size_t head = 0; head < queue.size(); ++head) {
    const State s = queue[head];
    const std::uint32_t d = to_state[static_cast<std::size_t>(s)];
    auto& cell = to_cell[static_cast<std::size_t>(motion.cell(s))];
    cell = std::min(cell, d);
    const int n = motion.successors(s, next);
    for (int i = 0; i < n; ++i) {
      auto& slot = to_state[static_cast<std::size_t>(next[i])];
      if (slot != DistanceTable::kUnreachable) continue;
      slot = d + 1;
      queue.push_back(next[i]);
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
    const std::vector<std::uint32_t> expected = forward_distances(motion, s);
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
