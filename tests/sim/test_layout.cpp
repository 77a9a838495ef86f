// Generated fulfillment layouts: connectivity, counts and placement of shelves, stations and
// homes; refusal of out-of-range specs; maps read as warehouses.
#include "world_test_files.hpp"

#include <fleet/planner/graph_view.hpp>
#include <fleet/sim/warehouse.hpp>

#include "../test_paths.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <set>
#include <stdexcept>

using fleet::sim::Cell;
using fleet::sim::generate_layout;
using fleet::sim::LayoutSpec;
using fleet::sim::Warehouse;

namespace {

bool beside_blocked(const fleet::planner::Grid& grid, Cell c) {
  const int dx[4] = {1, 0, -1, 0};
  const int dy[4] = {0, 1, 0, -1};
  for (int d = 0; d < 4; ++d) {
    const int x = grid.x(c) + dx[d];
    const int y = grid.y(c) + dy[d];
    if (grid.in_bounds(x, y) && !grid.passable(grid.cell(x, y))) return true;
  }
  return false;
}

void check_layout(const LayoutSpec& spec, const Warehouse& w, int robots) {
  const auto& grid = *w.grid;
  INFO("layout " << grid.width() << "x" << grid.height());
  REQUIRE(fleet::planner::is_connected(grid));

  // Blocked cells: the shelf blocks plus the side walls minus the stations in them.
  const int blocked = grid.size() - grid.free_count();
  CHECK(blocked == spec.blocks_x * spec.blocks_y * spec.block_width * spec.block_height +
                       2 * grid.height() - spec.stations);
  CHECK(grid.height() ==
        spec.blocks_y * spec.block_height + (spec.blocks_y + 1) * spec.aisle_width);

  REQUIRE(static_cast<int>(w.stations.size()) == spec.stations);
  for (Cell s : w.stations) {
    CHECK(grid.passable(s));
    CHECK((grid.x(s) == 0 || grid.x(s) == grid.width() - 1));
  }
  const auto left =
      std::count_if(w.stations.begin(), w.stations.end(), [&](Cell s) { return grid.x(s) == 0; });
  CHECK(left == (spec.stations + 1) / 2);

  REQUIRE(!w.shelves.empty());
  for (Cell s : w.shelves) {
    CHECK(grid.passable(s));
    CHECK(beside_blocked(grid, s));
  }
  CHECK(std::set<Cell>(w.shelves.begin(), w.shelves.end()).size() == w.shelves.size());

  const int homes = spec.homes > 0 ? spec.homes : robots;
  REQUIRE(static_cast<int>(w.homes.size()) == homes);
  const std::set<Cell> distinct(w.homes.begin(), w.homes.end());
  CHECK(distinct.size() == w.homes.size());
  const std::set<Cell> places(w.shelves.begin(), w.shelves.end());
  for (Cell h : w.homes) {
    CHECK(grid.passable(h));
    CHECK(places.count(h) == 0);
    CHECK(std::find(w.stations.begin(), w.stations.end(), h) == w.stations.end());
  }
  CHECK(w.map_file.empty());
}

}  // namespace

TEST_CASE("generated layouts are connected and place every kind of cell", "[layout]") {
  struct Case {
    LayoutSpec spec;
    int robots;
  };
  const Case cases[] = {
      {{}, 50},
      {{1, 1, 1, 1, 1, 1, 0}, 1},
      {{3, 2, 5, 3, 2, 5, 0}, 40},
      {{6, 6, 8, 2, 1, 8, 0}, 100},
      {{2, 2, 4, 2, 1, 2, 300}, 10},
      {{4, 4, 10, 2, 3, 7, 0}, 0},
  };
  for (const auto& c : cases) {
    const Warehouse w = generate_layout(c.spec, c.robots);
    check_layout(c.spec, w, c.robots);
  }
}

TEST_CASE("the home band grows to fit a large fleet", "[layout]") {
  LayoutSpec spec;
  spec.blocks_x = 2;
  spec.blocks_y = 2;
  const Warehouse few = generate_layout(spec, 10);
  const Warehouse many = generate_layout(spec, 3000);
  check_layout(spec, many, 3000);
  CHECK(many.grid->height() == few.grid->height());
  CHECK(many.grid->width() > few.grid->width());
  // Homes are split evenly between the two sides.
  const auto left = std::count_if(many.homes.begin(), many.homes.end(),
                                  [&](Cell h) { return many.grid->x(h) < many.grid->width() / 2; });
  CHECK(left == 1500);
}

TEST_CASE("a partly filled home column leaves a gap beside each parked robot", "[layout]") {
  LayoutSpec spec;  // 4 x 4 blocks of 10 x 2, aisle 1: 13 rows, 26 homes per band column pair
  const Warehouse w = generate_layout(spec, 12);
  for (Cell h : w.homes) CHECK(w.grid->y(h) % 2 == 0);
}

TEST_CASE("layouts are the same every time", "[layout]") {
  LayoutSpec spec;
  spec.stations = 5;
  const Warehouse a = generate_layout(spec, 77);
  const Warehouse b = generate_layout(spec, 77);
  CHECK(a.homes == b.homes);
  CHECK(a.shelves == b.shelves);
  CHECK(a.stations == b.stations);
  CHECK(std::equal(a.grid->free_cells().begin(), a.grid->free_cells().end(),
                   b.grid->free_cells().begin(), b.grid->free_cells().end()));
}

TEST_CASE("out-of-range layout specs are refused", "[layout]") {
  auto refuses = [](LayoutSpec spec, int robots) {
    CHECK_THROWS_AS(generate_layout(spec, robots), std::invalid_argument);
  };
  LayoutSpec s;
  s.blocks_x = 0;
  refuses(s, 1);
  s = {};
  s.blocks_y = -3;
  refuses(s, 1);
  s = {};
  s.block_width = 0;
  refuses(s, 1);
  s = {};
  s.aisle_width = 0;
  refuses(s, 1);
  s = {};
  s.aisle_width = fleet::sim::kMaxLayoutAisle + 1;
  refuses(s, 1);
  s = {};
  s.stations = 0;
  refuses(s, 1);
  s = {};
  s.stations = 2 * 13 + 1;  // the default floor is 13 rows high
  refuses(s, 1);
  s = {};
  s.homes = 5;
  refuses(s, 6);  // fewer homes than robots
  s = {};
  refuses(s, -1);
  s = {};
  s.blocks_x = fleet::sim::kMaxLayoutBlocks;
  s.blocks_y = fleet::sim::kMaxLayoutBlocks;
  refuses(s, 1);  // far beyond 2^26 cells
  s = {};
  s.blocks_y = 1;
  s.block_height = 1;
  refuses(s, fleet::sim::kMaxLayoutRobots + 1);  // more robots than a fleet may have
  // The largest accepted station count still works.
  s = {};
  s.stations = 26;
  CHECK(generate_layout(s, 1).stations.size() == 26);
}

TEST_CASE("a Robot Runners map becomes a warehouse with shelves and stations", "[layout]") {
  const auto path = fleet::test::data_dir() / "lorr2023" / "maps" / "warehouse_small.map";
  const Warehouse w = fleet::sim::load_warehouse_map(path);
  CHECK(w.grid->width() == 57);
  CHECK(w.grid->height() == 33);
  CHECK(w.shelves.size() == 342);  // 'S' service cells
  CHECK(w.stations.size() == 40);  // 'E' emitters
  CHECK(w.homes.empty());
  CHECK(w.map_file == path.string());
  for (Cell c : w.shelves) CHECK(w.grid->passable(c));
  for (Cell c : w.stations) CHECK(w.grid->passable(c));
}

TEST_CASE("a plain MovingAI map has no shelves or stations", "[layout]") {
  const Warehouse w = fleet::sim::load_warehouse_map(fleet::test::movingai("random-32-32-20.map"));
  CHECK(w.grid->width() == 32);
  CHECK(w.shelves.empty());
  CHECK(w.stations.empty());
}

TEST_CASE("a bad map file raises an InputError naming the map", "[layout]") {
  const fleet::test::ScratchDir dir;
  const auto map = dir.write("bad.map", "type octile\nheight 2\nwidth 3\nmap\n...\n.x.\n");
  fleet::test::require_input_error([&] { (void)fleet::sim::load_warehouse_map(map); }, map, 6,
                                   "unknown map character");
  const auto missing = dir.path() / "none.map";
  fleet::test::require_input_error([&] { (void)fleet::sim::load_warehouse_map(missing); }, missing,
                                   0, "cannot open");
}
