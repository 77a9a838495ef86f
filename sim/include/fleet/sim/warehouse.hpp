// The fulfillment center's floor: a grid plus the named places errands refer to.
#pragma once

#include <fleet/planner/grid.hpp>

#include <memory>
#include <string>
#include <vector>

namespace fleet::sim {

using planner::Cell;

struct Warehouse {
  std::shared_ptr<const planner::Grid> grid;
  std::vector<Cell> shelves;   ///< aisle cells beside a shelf, where a robot picks or drops a pod
  std::vector<Cell> stations;  ///< pick stations (usually on the edges of the floor)
  std::vector<Cell> homes;     ///< parking cells robots start from
  std::string map_file;        ///< the .map it came from, empty for a generated layout
};

/// Parameters of a generated fulfillment layout: `blocks_x` x `blocks_y` blocks of shelves,
/// each `block_width` x `block_height` shelf cells, separated by aisles `aisle_width` wide;
/// `stations` pick stations spread along the left and right edges, robot homes in a band
/// beside them.
struct LayoutSpec {
  int blocks_x = 4;
  int blocks_y = 4;
  int block_width = 10;
  int block_height = 2;
  int aisle_width = 1;
  int stations = 8;
  int homes = 0;  ///< 0: as many as the fleet needs
};

/// Builds the layout; throws std::invalid_argument for out-of-range parameters.
Warehouse generate_layout(const LayoutSpec& spec, int robots);

}  // namespace fleet::sim
