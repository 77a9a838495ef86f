// Generated fulfillment-center floors: shelf blocks between aisles, pick stations on the side
// walls, robot homes in bands between the stations and the shelf area.
#include <fleet/sim/warehouse.hpp>

#include <algorithm>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <utility>

namespace fleet::sim {
namespace {

void require_range(const char* name, std::int64_t value, std::int64_t lo, std::int64_t hi) {
  if (value < lo || value > hi)
    throw std::invalid_argument(std::string("layout ") + name + " = " + std::to_string(value) +
                                " is out of range " + std::to_string(lo) + ".." +
                                std::to_string(hi));
}

// Row of station i of k spread evenly over `height` rows; strictly increasing in i for
// k <= height, so stations on one wall never share a cell.
int station_row(int i, int k, int height) {
  return static_cast<int>((std::int64_t{2} * i + 1) * height / (std::int64_t{2} * k));
}

}  // namespace

Warehouse generate_layout(const LayoutSpec& spec, int robots) {
  require_range("blocks_x", spec.blocks_x, 1, kMaxLayoutBlocks);
  require_range("blocks_y", spec.blocks_y, 1, kMaxLayoutBlocks);
  require_range("block_width", spec.block_width, 1, kMaxLayoutBlockSide);
  require_range("block_height", spec.block_height, 1, kMaxLayoutBlockSide);
  require_range("aisle_width", spec.aisle_width, 1, kMaxLayoutAisle);
  require_range("robots", robots, 0, kMaxLayoutRobots);
  require_range("homes", spec.homes, 0, kMaxLayoutRobots);
  if (spec.homes > 0 && spec.homes < robots)
    throw std::invalid_argument("layout has " + std::to_string(spec.homes) + " homes for " +
                                std::to_string(robots) + " robots");

  const std::int64_t aisle = spec.aisle_width;
  const std::int64_t height64 =
      std::int64_t{spec.blocks_y} * spec.block_height + (spec.blocks_y + std::int64_t{1}) * aisle;
  if (height64 > planner::kMaxGridSide)
    throw std::invalid_argument("layout is " + std::to_string(height64) +
                                " cells high, more than the limit of " +
                                std::to_string(planner::kMaxGridSide));
  const int height = static_cast<int>(height64);
  require_range("stations", spec.stations, 1, 2 * std::int64_t{height});

  // Each home band column holds `height` homes; half of the homes go on each side.
  const std::int64_t homes = spec.homes > 0 ? spec.homes : robots;
  const std::int64_t band = (homes + 2 * height64 - 1) / (2 * height64);
  const std::int64_t shelf_area =
      std::int64_t{spec.blocks_x} * spec.block_width + (spec.blocks_x + std::int64_t{1}) * aisle;
  const std::int64_t side = 1 + aisle + band;  // station wall, station lane, home band
  const std::int64_t width64 = 2 * side + shelf_area;
  if (width64 > planner::kMaxGridSide || width64 * height64 > planner::kMaxGridCells)
    throw std::invalid_argument("layout of " + std::to_string(width64) + "x" +
                                std::to_string(height64) + " cells (" + std::to_string(homes) +
                                " homes) exceeds the grid limits (each side at most " +
                                std::to_string(planner::kMaxGridSide) + ", at most " +
                                std::to_string(planner::kMaxGridCells) + " cells)");
  const int width = static_cast<int>(width64);

  std::vector<std::uint8_t> passable(static_cast<std::size_t>(width64 * height64), 1);
  auto at = [&](std::int64_t x, std::int64_t y) -> std::uint8_t& {
    return passable[static_cast<std::size_t>(y * width64 + x)];
  };
  // Side walls; the stations are the free cells in them.
  for (int y = 0; y < height; ++y) at(0, y) = at(width64 - 1, y) = 0;
  const int left_stations = (spec.stations + 1) / 2;
  const int right_stations = spec.stations - left_stations;
  std::vector<std::int64_t> station_xy;  // (x, y) pairs
  for (int i = 0; i < left_stations; ++i)
    station_xy.insert(station_xy.end(), {0, station_row(i, left_stations, height)});
  for (int i = 0; i < right_stations; ++i)
    station_xy.insert(station_xy.end(), {width64 - 1, station_row(i, right_stations, height)});
  for (std::size_t i = 0; i < station_xy.size(); i += 2) at(station_xy[i], station_xy[i + 1]) = 1;

  // Shelf blocks: solid rectangles, an aisle around each.
  const std::int64_t area_x = side;
  for (int by = 0; by < spec.blocks_y; ++by) {
    const std::int64_t y0 = aisle + by * (spec.block_height + aisle);
    for (int bx = 0; bx < spec.blocks_x; ++bx) {
      const std::int64_t x0 = area_x + aisle + bx * (spec.block_width + aisle);
      for (std::int64_t y = y0; y < y0 + spec.block_height; ++y)
        for (std::int64_t x = x0; x < x0 + spec.block_width; ++x) at(x, y) = 0;
    }
  }

  Warehouse w;
  w.grid = std::make_shared<const planner::Grid>(width, height, std::move(passable));
  const planner::Grid& grid = *w.grid;

  for (std::size_t i = 0; i < station_xy.size(); i += 2)
    w.stations.push_back(
        grid.cell(static_cast<int>(station_xy[i]), static_cast<int>(station_xy[i + 1])));
  std::sort(w.stations.begin(), w.stations.end());

  // Access cells: free cells of the shelf area beside a shelf.
  for (Cell c : grid.free_cells()) {
    const int x = grid.x(c);
    if (x < area_x || x >= area_x + shelf_area) continue;
    const int y = grid.y(c);
    const int dx[4] = {1, 0, -1, 0};
    const int dy[4] = {0, 1, 0, -1};
    for (int d = 0; d < 4; ++d) {
      const int nx = x + dx[d];
      const int ny = y + dy[d];
      if (grid.in_bounds(nx, ny) && nx >= area_x && nx < area_x + shelf_area &&
          !grid.passable(grid.cell(nx, ny))) {
        w.shelves.push_back(c);
        break;
      }
    }
  }

  // Homes fill the band columns nearest the shelf area first, alternating sides, and even
  // rows before odd ones, so a partly used column leaves a gap beside every parked robot.
  w.homes.reserve(static_cast<std::size_t>(homes));
  const std::int64_t left_inner = side - 1;
  const std::int64_t right_inner = side + shelf_area;
  for (std::int64_t col = 0; col < band; ++col) {
    for (int parity = 0; parity < 2; ++parity) {
      for (int y = parity; y < height; y += 2) {
        w.homes.push_back(grid.cell(static_cast<int>(left_inner - col), y));
        w.homes.push_back(grid.cell(static_cast<int>(right_inner + col), y));
      }
    }
  }
  w.homes.resize(static_cast<std::size_t>(homes));
  return w;
}

}  // namespace fleet::sim
