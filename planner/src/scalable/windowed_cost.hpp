// The windowed objective of lifelong planning: over a window of W ticks a robot costs the
// first tick at which it stands on its goal, or, when it does not get there, W plus its
// distance from where it stands at tick W. Robots get a new goal on arrival, so what happens
// after the first arrival does not count.
#pragma once

#include <fleet/planner/distance_table.hpp>
#include <fleet/planner/motion.hpp>

#include <cstdint>
#include <span>

namespace fleet::planner::scalable {

/// `path[t]` is the state at tick t = 0..W (W = path.size() - 1); `distance(s)` is the
/// distance from state s to `goal`. An unreachable goal costs W + kUnreachable.
template <class Distance>
[[nodiscard]] std::int64_t windowed_cost(const Motion& motion, std::span<const State> path,
                                         Cell goal, Distance&& distance) {
  for (std::size_t t = 0; t < path.size(); ++t) {
    if (motion.cell(path[t]) == goal) return static_cast<std::int64_t>(t);
  }
  if (path.empty()) return 0;
  const std::uint32_t d = distance(path.back());
  return static_cast<std::int64_t>(path.size() - 1) + static_cast<std::int64_t>(d);
}

}  // namespace fleet::planner::scalable
