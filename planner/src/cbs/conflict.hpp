// Conflicts between the paths of two robots, as the high level of CBS sees them, and how
// urgent each one is (cardinal conflicts raise the cost of both children).
#pragma once

#include <fleet/planner/motion.hpp>
#include <fleet/planner/instance.hpp>

#include <algorithm>
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

/// Conflicts of many search nodes kept in one flat array, each node owning the range
/// [conf_begin, conf_begin + conf_count). Ranges of expanded nodes become holes; once the
/// holes outweigh both the live entries and the node count, the live ranges are copied out,
/// which keeps the arena within about twice its live size at amortised O(1) per conflict.
struct ConflictArena {
  std::vector<Conflict> items;
  std::vector<Conflict> spare;  // compaction target, swapped with items
  std::int64_t dead = 0;

  void clear() {
    items.clear();
    dead = 0;
  }
  /// Room for `extra` more entries, so that copying from the arena into itself is safe.
  void make_room(std::size_t extra) {
    const std::size_t need = items.size() + extra;
    if (need > items.capacity()) items.reserve(std::max(need, 2 * items.capacity()));
  }
  /// Compacts when worthwhile; `live(node)` says whether a node's conflicts are still needed
  /// (the others are dropped).
  template <typename Node, typename Live>
  void compact(std::vector<Node>& nodes, Live&& live) {
    if (dead < 4096 || 2 * dead < static_cast<std::int64_t>(items.size()) ||
        dead < static_cast<std::int64_t>(nodes.size()))
      return;
    spare.clear();
    for (Node& node : nodes) {
      if (!live(node)) node.conf_count = 0;
      const auto begin = static_cast<std::int64_t>(spare.size());
      spare.insert(spare.end(), items.begin() + node.conf_begin,
                   items.begin() + node.conf_begin + node.conf_count);
      node.conf_begin = begin;
    }
    items.swap(spare);
    dead = 0;
  }
};

/// Orders conflicts by urgency: cardinality, then target before edge before vertex, then
/// earlier first. Returns true when `x` should be resolved before `y`.
[[nodiscard]] bool more_urgent(const Conflict& x, const Conflict& y);

}  // namespace fleet::planner::cbs
