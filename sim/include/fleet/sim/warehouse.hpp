// The fulfillment center's floor: a grid plus the named places errands refer to.
#pragma once

#include <fleet/planner/grid.hpp>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace fleet::sim {

using planner::Cell;

struct Warehouse {
  std::shared_ptr<const planner::Grid> grid;
  std::vector<Cell> shelves;   ///< aisle cells beside a shelf, where a robot picks or drops a pod
  std::vector<Cell> stations;  ///< pick stations (usually on the edges of the floor)
  std::vector<Cell> homes;     ///< parking cells robots start from, in the order robots take them
  std::string map_file;        ///< the .map it came from, empty for a generated layout
};

/// Limits of a generated layout; beyond them generate_layout refuses the spec. The floor as a
/// whole must also fit planner::Grid (each side at most 32,768 cells, 2^26 cells in all).
inline constexpr int kMaxLayoutBlocks = 4096;    ///< blocks_x, blocks_y: 1..4096
inline constexpr int kMaxLayoutBlockSide = 1024; ///< block_width, block_height: 1..1024
inline constexpr int kMaxLayoutAisle = 64;       ///< aisle_width: 1..64
/// Robots and homes: 0..65,536. A fleet this large already takes minutes to prepare (the
/// distance tables of its first goals; docs/input-limits.md), so a larger one is refused up
/// front rather than left running without an end in sight.
inline constexpr int kMaxLayoutRobots = 1 << 16;

/// Parameters of a generated fulfillment layout: `blocks_x` x `blocks_y` blocks of shelves,
/// each `block_width` x `block_height` shelf cells, separated by aisles `aisle_width` wide;
/// `stations` pick stations spread along the left and right edges, robot homes in a band
/// beside them.
///
/// The floor, from the left edge: a wall column holding the left pick stations, a station
/// lane `aisle_width` wide, the left home band, then the shelf area (an aisle around and
/// between the blocks), and the mirror image on the right. The home bands are as many
/// columns wide as the homes need (half on each side); every free cell is connected.
/// Stations: 1..2*height, ceil(stations/2) on the left, the rest on the right.
struct LayoutSpec {
  int blocks_x = 4;
  int blocks_y = 4;
  int block_width = 10;
  int block_height = 2;
  int aisle_width = 1;
  int stations = 8;
  int homes = 0;  ///< 0: as many as the fleet needs
};

/// Builds the layout with homes for `robots` robots (or `spec.homes` when larger); throws
/// std::invalid_argument for out-of-range parameters, `spec.homes` smaller than `robots`, or a
/// floor too large for a Grid.
Warehouse generate_layout(const LayoutSpec& spec, int robots);

/// Reads a MovingAI `.map` as a warehouse. League of Robot Runners maps mark shelf-side
/// service cells 'S' (these become `shelves`) and emitters 'E' on the edges (these become
/// `stations`); a map without them has none. `homes` is empty. Throws fleet::InputError
/// naming the map file and line.
Warehouse load_warehouse_map(const std::filesystem::path& path);

}  // namespace fleet::sim
