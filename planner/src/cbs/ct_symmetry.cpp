// Symmetry reasoning: one split instead of exponentially many for conflicts whose cheapest
// resolutions are all alike. Rectangles get barrier constraints (Li, Harabor, Stuckey, Ma &
// Koenig, "Symmetry-breaking constraints for grid-based multi-agent path finding", AAAI
// 2019); corridors get range constraints (Li, Gange, Harabor, Stuckey, Ma & Koenig, "New
// techniques for pairwise symmetry breaking in multi-agent path finding", ICAPS 2020).
#include "cbs/ct_search.hpp"

#include <algorithm>
#include <cstdlib>
#include <deque>

namespace fleet::planner::cbs {

bool ConstraintTreeSearch::rectangle(const Conflict& conflict, Constraint out[2]) const {
  const Grid& grid = instance_->map();
  const Motion& motion = instance_->motion;
  const RobotId robots[2] = {conflict.a1, conflict.a2};
  int sx[2], sy[2], gx[2], gy[2];
  const int cx = grid.x(conflict.cell);
  const int cy = grid.y(conflict.cell);
  for (int i = 0; i < 2; ++i) {
    const auto r = static_cast<std::size_t>(robots[i]);
    const Cell s = motion.cell(instance_->starts[r]);
    sx[i] = grid.x(s);
    sy[i] = grid.y(s);
    gx[i] = grid.x(instance_->goals[r]);
    gy[i] = grid.y(instance_->goals[r]);
    // Both must meet on the conflict cell as early as a straight (Manhattan) walk allows.
    if (std::abs(sx[i] - cx) + std::abs(sy[i] - cy) != conflict.t) return false;
  }
  const auto sign = [](int v) { return v > 0 ? 1 : (v < 0 ? -1 : 0); };
  int dx = sign(gx[0] - sx[0]) != 0 ? sign(gx[0] - sx[0]) : sign(gx[1] - sx[1]);
  int dy = sign(gy[0] - sy[0]) != 0 ? sign(gy[0] - sy[0]) : sign(gy[1] - sy[1]);
  if (dx == 0) dx = 1;
  if (dy == 0) dy = 1;
  // Mirror so that both robots head towards larger X and Y.
  int SX[2], SY[2], GX[2], GY[2];
  for (int i = 0; i < 2; ++i) {
    SX[i] = dx * sx[i];
    SY[i] = dy * sy[i];
    GX[i] = dx * gx[i];
    GY[i] = dy * gy[i];
    if (GX[i] < SX[i] || GY[i] < SY[i]) return false;
  }
  const int rsx = std::max(SX[0], SX[1]);
  const int rsy = std::max(SY[0], SY[1]);
  const int rgx = std::min(GX[0], GX[1]);
  const int rgy = std::min(GY[0], GY[1]);
  const int CX = dx * cx;
  const int CY = dy * cy;
  if (CX < rsx || CX > rgx || CY < rsy || CY > rgy) return false;
  if (rsx == rgx && rsy == rgy) return false;  // a single cell: the plain split is the same
  // One robot enters along the rectangle's first row (it must cross to the last column),
  // the other along its first column (it must cross to the last row).
  int across = -1;
  if (SY[0] == rsy && SX[1] == rsx) across = 0;
  else if (SY[1] == rsy && SX[0] == rsx) across = 1;
  if (across < 0) return false;
  const int down = 1 - across;
  const auto cell = [&](int X, int Y) { return grid.cell(dx * X, dy * Y); };
  const auto time = [&](int i, int X, int Y) { return std::abs(X - SX[i]) + std::abs(Y - SY[i]); };
  out[0] = {robots[across], ConstraintKind::Barrier, cell(rgx, rsy), cell(rgx, rgy),
            time(across, rgx, rsy), 0};
  out[1] = {robots[down], ConstraintKind::Barrier, cell(rsx, rgy), cell(rgx, rgy),
            time(down, rsx, rgy), 0};
  // Each branch must cut off the robot's current path, or the search would not progress.
  for (int i = 0; i < 2; ++i) {
    const std::int32_t p = current_[static_cast<std::size_t>(out[i].robot)];
    if (!violates(out[i], grid, motion, states(p), one_shot_))
      return false;
  }
  return true;
}

namespace {

// Breadth-first cell distances from `from`, skipping cells where `blocked` is set.
void cell_distances(const Grid& grid, Cell from, const std::vector<std::uint8_t>& blocked,
                    std::vector<std::int32_t>& dist, std::vector<Cell>& queue) {
  dist.assign(static_cast<std::size_t>(grid.size()), -1);
  queue.clear();
  if (blocked[static_cast<std::size_t>(from)] != 0) return;
  dist[static_cast<std::size_t>(from)] = 0;
  queue.push_back(from);
  for (std::size_t head = 0; head < queue.size(); ++head) {
    const Cell c = queue[head];
    for (const Cell n : grid.neighbours(c)) {
      if (dist[static_cast<std::size_t>(n)] >= 0 || blocked[static_cast<std::size_t>(n)] != 0)
        continue;
      dist[static_cast<std::size_t>(n)] = dist[static_cast<std::size_t>(c)] + 1;
      queue.push_back(n);
    }
  }
}

}  // namespace

bool ConstraintTreeSearch::corridor(const Conflict& conflict, Constraint out[2]) {
  const Grid& grid = instance_->map();
  const Motion& motion = instance_->motion;
  const auto degree = [&](Cell c) { return grid.neighbours(c).size(); };
  Cell inside = kNoCell;
  if (degree(conflict.cell) == 2) inside = conflict.cell;
  else if (conflict.kind == ConflictKind::Edge && degree(conflict.cell2) == 2) inside = conflict.cell2;
  if (inside == kNoCell) return false;

  // Walk the chain of degree-2 cells both ways to its end cells; mark its interior.
  std::vector<std::uint8_t>& interior = ws_->corridor_mark;
  interior.assign(static_cast<std::size_t>(grid.size()), 0);
  interior[static_cast<std::size_t>(inside)] = 1;
  Cell ends[2];
  int length = 0;  // moves from one end to the other
  for (int side = 0; side < 2; ++side) {
    Cell prev = inside;
    Cell cur = grid.neighbours(inside)[static_cast<std::size_t>(side)];
    ++length;
    while (degree(cur) == 2) {
      if (cur == inside) return false;  // a ring, not a corridor
      interior[static_cast<std::size_t>(cur)] = 1;
      const auto nb = grid.neighbours(cur);
      const Cell next = nb[0] == prev ? nb[1] : nb[0];
      prev = cur;
      cur = next;
      ++length;
    }
    ends[side] = cur;
  }
  if (ends[0] == ends[1]) return false;

  // Each robot must start outside the corridor and leave it by opposite ends.
  const RobotId robots[2] = {conflict.a1, conflict.a2};
  int exit[2] = {-1, -1};
  for (int i = 0; i < 2; ++i) {
    const auto r = static_cast<std::size_t>(robots[i]);
    if (interior[static_cast<std::size_t>(motion.cell(instance_->starts[r]))] != 0) return false;
    const std::span<const State> path = states(current_[r]);
    for (std::size_t t = static_cast<std::size_t>(conflict.t); t < path.size() && exit[i] < 0; ++t) {
      const Cell c = motion.cell(path[t]);
      if (c == ends[0]) exit[i] = 0;
      if (c == ends[1]) exit[i] = 1;
    }
  }
  if (exit[0] < 0 || exit[1] < 0 || exit[0] == exit[1]) return false;

  // Lower bounds on arrival ticks (static distances): through anything, and around the
  // corridor. Lower bounds only shrink the ranges, which keeps the split sound.
  std::vector<std::int32_t>& dist = ws_->corridor_dist;
  std::vector<Cell>& queue = ws_->corridor_queue;
  std::vector<std::uint8_t>& none = ws_->corridor_none;
  none.assign(static_cast<std::size_t>(grid.size()), 0);
  constexpr std::int32_t kFar = 1 << 28;
  std::int32_t direct[2];
  std::int32_t around[2];
  for (int i = 0; i < 2; ++i) {
    const Cell start = motion.cell(instance_->starts[static_cast<std::size_t>(robots[i])]);
    const Cell target = ends[exit[i]];
    cell_distances(grid, start, none, dist, queue);
    direct[i] = dist[static_cast<std::size_t>(target)];
    cell_distances(grid, start, interior, dist, queue);
    around[i] = dist[static_cast<std::size_t>(target)] < 0 ? kFar : dist[static_cast<std::size_t>(target)];
    if (direct[i] < 0) return false;
  }
  // Robot i may not reach its exit before the other could have crossed, unless it goes around.
  for (int i = 0; i < 2; ++i) {
    const int other = 1 - i;
    const std::int32_t until = std::min(around[i] - 1, direct[other] + length);
    out[i] = {robots[i], ConstraintKind::Range, ends[exit[i]], kNoCell, 0, until};
    const std::span<const State> path = states(current_[static_cast<std::size_t>(robots[i])]);
    if (until < 0 || !violates(out[i], grid, motion, path, one_shot_)) return false;
  }
  return true;
}

}  // namespace fleet::planner::cbs
