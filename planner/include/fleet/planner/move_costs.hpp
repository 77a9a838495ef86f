// Costs of moving from a cell in a direction, for distances on a guidance graph: every
// action costs one unit except moves between cells, which cost what the graph says (at least
// one). Planners that rank moves by these distances send traffic along the cheap edges, so a
// graph of one-way streets turns head-on meetings into following.
#pragma once

#include <fleet/planner/grid.hpp>

#include <cstdint>
#include <vector>

namespace fleet::planner {

struct MoveCosts {
  /// Per cell and direction (cell * kDirections + direction): the cost of moving one cell
  /// that way, 1 to kMaxCost. Entries of blocked moves are ignored.
  std::vector<std::uint8_t> forward;
  /// Rotation model: the cost of a quarter turn, 1 to kMaxCost.
  std::uint8_t turn = 1;

  static constexpr int kMaxCost = 64;

  [[nodiscard]] std::uint32_t cost(Cell from, int direction) const {
    return forward[static_cast<std::size_t>(from) * kDirections +
                   static_cast<std::size_t>(direction)];
  }
  /// Uniform costs of one per move: the guidance graph that changes nothing.
  static MoveCosts uniform(const Grid& grid);
  /// One-way streets in alternating directions (the "crisscross" guidance graph): the lanes
  /// (rows mostly open along their length) run east and west in turn from the top, the
  /// lane columns south and north in turn from the left; rows and columns between lanes
  /// (shelves) run as the lane before them went. Moving against a street costs `wrong_way`
  /// (>= 1), along it 1; a quarter turn costs `turn`.
  static MoveCosts crisscross(const Grid& grid, int wrong_way, int turn = 1);
};

}  // namespace fleet::planner
