// The constraints a node of a constraint tree puts on one robot, and how they turn into hard
// entries of the low-level search's ReservationTable (plus an earliest finishing tick).
#pragma once

#include <fleet/planner/grid.hpp>
#include <fleet/planner/instance.hpp>
#include <fleet/planner/search/reservation_table.hpp>

#include <cstdint>
#include <span>

namespace fleet::planner::cbs {

enum class ConstraintKind : std::uint8_t {
  Vertex,   ///< not on `cell` at tick `t`
  Edge,     ///< not moving `cell` -> `cell2` between ticks `t` and `t + 1`
  Length,   ///< not finished before tick `t + 1` (target reasoning, the goal robot's side)
  Hold,     ///< never on `cell` at a tick >= `t` (target reasoning, the other robot's side)
  Barrier,  ///< not on the k-th cell of the straight segment `cell`..`cell2` at tick `t + k`
  Range,    ///< not on `cell` at any tick in [`t`, `t2`] (corridor reasoning)
};

struct Constraint {
  RobotId robot = -1;
  ConstraintKind kind = ConstraintKind::Vertex;
  Cell cell = kNoCell;
  Cell cell2 = kNoCell;
  std::int32_t t = 0;
  std::int32_t t2 = 0;
};

/// Adds what `c` forbids to `table`; a Length constraint raises `earliest_end` instead (the
/// first tick at which the robot may end its path on its goal).
void apply(const Constraint& c, const Grid& grid, ReservationTable& table, int& earliest_end);

/// True when a robot following `path` (resting on its last state afterwards when `rests`)
/// breaks `c`: the split that made `c` must change this path.
[[nodiscard]] bool violates(const Constraint& c, const Grid& grid, const Motion& motion,
                            std::span<const State> path, bool rests);

}  // namespace fleet::planner::cbs
