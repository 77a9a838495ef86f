#include "cbs/constraint.hpp"

#include <algorithm>
#include <cstdlib>

namespace fleet::planner::cbs {
namespace {

// Calls f(cell, k) for the cells of the straight segment a..b in order (k = 0 at a).
template <typename F>
void for_segment(const Grid& grid, Cell a, Cell b, F&& f) {
  const int dx = grid.x(b) > grid.x(a) ? 1 : (grid.x(b) < grid.x(a) ? -1 : 0);
  const int dy = grid.y(b) > grid.y(a) ? 1 : (grid.y(b) < grid.y(a) ? -1 : 0);
  const int steps = std::abs(grid.x(b) - grid.x(a)) + std::abs(grid.y(b) - grid.y(a));
  int x = grid.x(a);
  int y = grid.y(a);
  for (int k = 0; k <= steps; ++k) {
    f(grid.cell(x, y), k);
    x += dx;
    y += dy;
  }
}

Cell cell_at(const Motion& motion, std::span<const State> path, int t, bool rests) {
  if (t < static_cast<int>(path.size())) return motion.cell(path[static_cast<std::size_t>(t)]);
  return rests ? motion.cell(path.back()) : kNoCell;
}

}  // namespace

void apply(const Constraint& c, const Grid& grid, ReservationTable& table, int& earliest_end) {
  switch (c.kind) {
    case ConstraintKind::Vertex:
      table.add_vertex(c.cell, c.t);
      break;
    case ConstraintKind::Edge:
      table.add_move(c.cell, c.cell2, c.t);
      break;
    case ConstraintKind::Length:
      earliest_end = std::max(earliest_end, c.t + 1);
      break;
    case ConstraintKind::Hold:
      table.add_parked(c.cell, c.t);
      break;
    case ConstraintKind::Barrier:
      for_segment(grid, c.cell, c.cell2, [&](Cell cell, int k) { table.add_vertex(cell, c.t + k); });
      break;
    case ConstraintKind::Range:
      for (int t = c.t; t <= c.t2; ++t) table.add_vertex(c.cell, t);
      break;
  }
}

bool violates(const Constraint& c, const Grid& grid, const Motion& motion,
              std::span<const State> path, bool rests) {
  const int last = static_cast<int>(path.size()) - 1;
  switch (c.kind) {
    case ConstraintKind::Vertex:
      return cell_at(motion, path, c.t, rests) == c.cell;
    case ConstraintKind::Edge:
      return c.t < last && cell_at(motion, path, c.t, rests) == c.cell &&
             cell_at(motion, path, c.t + 1, rests) == c.cell2;
    case ConstraintKind::Length:
      return rests && last <= c.t;
    case ConstraintKind::Hold: {
      for (int t = c.t; t <= last; ++t)
        if (cell_at(motion, path, t, rests) == c.cell) return true;
      return rests && motion.cell(path.back()) == c.cell;
    }
    case ConstraintKind::Barrier: {
      bool hit = false;
      for_segment(grid, c.cell, c.cell2, [&](Cell cell, int k) {
        hit = hit || cell_at(motion, path, c.t + k, rests) == cell;
      });
      return hit;
    }
    case ConstraintKind::Range:
      for (int t = c.t; t <= c.t2; ++t)
        if (cell_at(motion, path, t, rests) == c.cell) return true;
      return false;
  }
  return false;
}

}  // namespace fleet::planner::cbs
