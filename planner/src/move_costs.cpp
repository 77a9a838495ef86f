#include <fleet/planner/move_costs.hpp>

#include <algorithm>
#include <stdexcept>
#include <string>

namespace fleet::planner {

MoveCosts MoveCosts::uniform(const Grid& grid) {
  return {std::vector<std::uint8_t>(static_cast<std::size_t>(grid.size()) * kDirections, 1)};
}

namespace {

/// Per row (or column, `along_x` false): the parity of its street, alternating over the
/// lanes (rows mostly open along their length) so that a layout of aisles between shelves
/// gets alternating aisles whatever their spacing. A row's parity is the count of lanes
/// before it; rows that are not lanes (shelf rows) take their neighbour lane's side.
std::vector<std::uint8_t> street_parity(const Grid& grid, bool along_x) {
  const int lines = along_x ? grid.height() : grid.width();
  const int length = along_x ? grid.width() : grid.height();
  std::vector<std::uint8_t> parity(static_cast<std::size_t>(lines), 0);
  int lanes = 0;
  for (int i = 0; i < lines; ++i) {
    int open = 0;
    for (int j = 0; j + 1 < length; ++j) {
      const Cell a = along_x ? grid.cell(j, i) : grid.cell(i, j);
      const Cell b = along_x ? grid.cell(j + 1, i) : grid.cell(i, j + 1);
      open += grid.passable(a) && grid.passable(b) ? 1 : 0;
    }
    parity[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(lanes % 2);
    if (2 * open >= length - 1) ++lanes;
  }
  return parity;
}

}  // namespace

MoveCosts MoveCosts::crisscross(const Grid& grid, int wrong_way, int turn) {
  if (wrong_way < 1 || wrong_way > kMaxCost)
    throw std::invalid_argument("wrong-way cost must be between 1 and " +
                                std::to_string(kMaxCost) + ", got " + std::to_string(wrong_way));
  if (turn < 1 || turn > kMaxCost)
    throw std::invalid_argument("turn cost must be between 1 and " + std::to_string(kMaxCost) +
                                ", got " + std::to_string(turn));
  MoveCosts costs = uniform(grid);
  costs.turn = static_cast<std::uint8_t>(turn);
  const auto against = static_cast<std::uint8_t>(wrong_way);
  const std::vector<std::uint8_t> rows = street_parity(grid, true);
  const std::vector<std::uint8_t> columns = street_parity(grid, false);
  for (Cell c = 0; c < grid.size(); ++c) {
    const bool east = rows[static_cast<std::size_t>(grid.y(c))] == 0;
    const bool south = columns[static_cast<std::size_t>(grid.x(c))] == 0;
    std::uint8_t* out = costs.forward.data() + static_cast<std::size_t>(c) * kDirections;
    out[static_cast<int>(Direction::East)] = east ? 1 : against;
    out[static_cast<int>(Direction::West)] = east ? against : 1;
    out[static_cast<int>(Direction::South)] = south ? 1 : against;
    out[static_cast<int>(Direction::North)] = south ? against : 1;
  }
  return costs;
}

}  // namespace fleet::planner
