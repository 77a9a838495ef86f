// A warehouse read from a MovingAI / League of Robot Runners map: the grid, plus the shelf
// service cells ('S') and edge emitters ('E') the Robot Runners maps mark.
#include <fleet/planner/input_error.hpp>
#include <fleet/planner/input_file.hpp>
#include <fleet/sim/warehouse.hpp>

#include <algorithm>
#include <sstream>
#include <string>

namespace fleet::sim {

Warehouse load_warehouse_map(const std::filesystem::path& path) {
  Warehouse w;
  w.grid = std::make_shared<const planner::Grid>(planner::load_map(path));
  w.map_file = path.string();
  const planner::Grid& grid = *w.grid;

  // load_map has checked the header and every row, so the rows follow the 'map' line.
  std::istringstream in(read_input_file(path, "map"));
  std::string line;
  while (std::getline(in, line)) {
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t'))
      line.pop_back();
    if (line == "map") break;
  }
  for (int y = 0; y < grid.height() && std::getline(in, line); ++y) {
    const int n = std::min(grid.width(), static_cast<int>(line.size()));
    for (int x = 0; x < n; ++x) {
      if (line[x] == 'S') w.shelves.push_back(grid.cell(x, y));
      if (line[x] == 'E') w.stations.push_back(grid.cell(x, y));
    }
  }
  return w;
}

}  // namespace fleet::sim
