// Traffic spreading on a guidance graph: cells that sampled routes cross cost more to enter,
// later batches avoid the load of earlier ones, untouched cells and unroutable trips change
// nothing, and every cost stays in range.
#include <fleet/planner/traffic_spread.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <vector>

using fleet::planner::Cell;
using fleet::planner::Direction;
using fleet::planner::Grid;
using fleet::planner::MoveCosts;
using fleet::planner::spread_traffic;
using fleet::planner::TrafficSpreadOptions;
using fleet::planner::Trip;

namespace {

// A ring round a block: from (0,1) to (4,1) the way over the top and the way under the bottom
// are equally long.
const std::vector<std::string> kRing = {".....", ".###.", "....."};

std::uint32_t entering(const Grid& grid, const MoveCosts& costs, int x, int y, Direction d) {
  return costs.cost(grid.cell(x, y), static_cast<int>(d));
}

}  // namespace

TEST_CASE("routes spread over both sides of a ring as the load builds up", "[traffic_spread]") {
  const Grid grid = Grid::from_rows(kRing);
  const MoveCosts plain = MoveCosts::uniform(grid);
  const std::vector<Trip> trips(40, Trip{grid.cell(0, 1), grid.cell(4, 1)});

  SECTION("weight 0 changes nothing") {
    MoveCosts costs = plain;
    spread_traffic(grid, trips, {0.0, 20.0}, costs);
    CHECK(costs.forward == plain.forward);
  }
  SECTION("one batch loads one side only") {
    MoveCosts costs = plain;
    spread_traffic(grid, trips, {2.0, 20.0, 1}, costs);
    const std::uint32_t top = entering(grid, costs, 1, 0, Direction::East);
    const std::uint32_t bottom = entering(grid, costs, 1, 2, Direction::East);
    CHECK(std::min(top, bottom) == 1);
    CHECK(std::max(top, bottom) > 1);
  }
  SECTION("later batches take the side left free") {
    MoveCosts costs = plain;
    spread_traffic(grid, trips, {2.0, 20.0, 4}, costs);
    CHECK(entering(grid, costs, 1, 0, Direction::East) > 1);
    CHECK(entering(grid, costs, 1, 2, Direction::East) > 1);
    // The start is never entered: leaving it is still free of extra cost from below.
    CHECK(entering(grid, costs, 0, 0, Direction::South) == 1);
  }
}

TEST_CASE("spread costs stay in range and skip trips that cannot be routed", "[traffic_spread]") {
  const Grid grid = Grid::from_rows({"...#.", "...#."});
  MoveCosts costs = MoveCosts::crisscross(grid, MoveCosts::kMaxCost - 1);
  const MoveCosts before = costs;
  // Unreachable goal, blocked start, and a trip to itself: nothing to route.
  const std::vector<Trip> none{{grid.cell(0, 0), grid.cell(4, 0)},
                               {grid.cell(3, 0), grid.cell(0, 0)},
                               {grid.cell(1, 1), grid.cell(1, 1)}};
  spread_traffic(grid, none, {5.0, 100.0}, costs);
  CHECK(costs.forward == before.forward);

  const std::vector<Trip> heavy(50, Trip{grid.cell(0, 0), grid.cell(2, 1)});
  spread_traffic(grid, heavy, {1000.0, 1000.0}, costs);
  CHECK(costs.forward != before.forward);
  for (Cell a : grid.free_cells()) {
    for (int d = 0; d < fleet::planner::kDirections; ++d) {
      if (grid.step(a, static_cast<Direction>(d)) == fleet::planner::kNoCell) continue;
      CHECK(costs.cost(a, d) >= 1);
      CHECK(costs.cost(a, d) <= static_cast<std::uint32_t>(MoveCosts::kMaxCost));
    }
  }
}
