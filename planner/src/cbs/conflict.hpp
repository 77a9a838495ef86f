// Conflicts between the paths of two robots, as the high level of CBS sees them, and how
// urgent each one is (cardinal conflicts raise the cost of both children).
#pragma once

#include <fleet/planner/motion.hpp>
#include <fleet/planner/instance.hpp>

#include <cstdint>
#include <span>
#include <vector>

namespace fleet::planner::cbs {

enum class ConflictKind : std::uint8_t {
  Vertex,  ///< both robots on `cell` at tick `t`
  Edge,    ///< `a1` moves `cell` -> `cell2` while `a2` moves back, between t and t + 1
  Target,  ///< `a1` rests on its goal `cell` from tick <= t on, and `a2` is there at tick t
};

/// Cardinal: every cheapest path of both robots is hit by the split; semi-cardinal: of one.
enum class Cardinality : std::uint8_t { Cardinal = 0, SemiCardinal = 1, NonCardinal = 2, Unknown = 3 };

struct Conflict {
  RobotId a1 = -1;
  RobotId a2 = -1;
  Cell cell = kNoCell;
  Cell cell2 = kNoCell;
  std::int32_t t = 0;
  ConflictKind kind = ConflictKind::Vertex;
  Cardinality cardinality = Cardinality::Unknown;

  [[nodiscard]] bool involves(RobotId r) const { return a1 == r || a2 == r; }
};

/// A path as the conflict finder reads it: `rests` means the robot stays on its last state
/// forever after the path ends (one-shot); windowed paths end at the horizon.
struct PathView {
  std::span<const State> states;
  bool rests = true;
};

/// Appends the conflicts between robots a and b: every vertex and edge conflict, and with
/// `targets` one Target conflict (the earliest) instead of the vertex conflicts met on a
/// resting robot's goal. Returns how many were appended.
int find_conflicts(const Motion& motion, RobotId a, PathView pa, RobotId b, PathView pb,
                   bool targets, std::vector<Conflict>& out);

/// True when the two paths conflict anywhere (vertex or swap): find_conflicts without the list.
[[nodiscard]] bool paths_conflict(const Motion& motion, PathView pa, PathView pb);

/// Orders conflicts by urgency: cardinality, then target before edge before vertex, then
/// earlier first. Returns true when `x` should be resolved before `y`.
[[nodiscard]] bool more_urgent(const Conflict& x, const Conflict& y);

}  // namespace fleet::planner::cbs
