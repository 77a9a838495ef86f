// Each robot's distance to its goal, read from a guided table when the caller has one, else
// from LazyDistances (grown on demand, shared by every component of one solve), else from the
// instance's tables.
#pragma once

#include <fleet/planner/instance.hpp>

#include "scalable/lazy_distances.hpp"

#include <algorithm>
#include <cstdint>
#include <span>

namespace fleet::planner::scalable {

/// The distance of the cell `s` stands on: under the rotation model, that of its best
/// heading (`distance` maps a state to its distance).
template <class StateDistance>
[[nodiscard]] std::uint32_t best_heading_distance(const Motion& motion, State s,
                                                  StateDistance&& distance) {
  std::uint32_t best = distance(s);
  if (!motion.has_heading()) return best;
  const Cell c = motion.cell(s);
  for (int h = 0; h < kDirections; ++h) best = std::min(best, distance(motion.state(c, h)));
  return best;
}

class GoalDistances {
public:
  /// `lazy` may be null; both it and the instance must outlive this object. A `table` given
  /// (guided distances) is read instead of both.
  GoalDistances(const Instance& instance, LazyDistances* lazy, const DistanceTable* table = nullptr)
      : shared_(table != nullptr ? table : instance.distances.get()),
        goals_(&instance.goals),
        motion_(&instance.motion),
        lazy_(table != nullptr ? nullptr : lazy) {}

  /// Ticks from `s` to robot `r`'s goal; DistanceTable::kUnreachable if never. For a robot
  /// held back (see hold), a cell at distance c under the radius r costs 8 (r - c) more, so
  /// every step inward costs seven more than it gains: the robot waits on the rim, and when
  /// pushed it steps aside or back rather than in.
  [[nodiscard]] std::uint32_t operator()(RobotId r, State s) const {
    const std::uint32_t d = raw(r, s);
    if (held_.empty() || held_[static_cast<std::size_t>(r)] == 0 ||
        d == DistanceTable::kUnreachable)
      return d;
    // The radius is on cells: under the rotation model, the cell's best heading.
    const std::uint32_t cell =
        best_heading_distance(*motion_, s, [&](State x) { return raw(r, x); });
    return cell >= radius_ ? d : d + 8 * (radius_ - cell);
  }

  /// Per robot, 1 to hold it outside `radius` of its goal (an empty span: nobody); the span
  /// must outlive the look-ups.
  void hold(std::span<const std::uint8_t> held, std::uint32_t radius) {
    held_ = held;
    radius_ = radius;
  }

private:
  [[nodiscard]] std::uint32_t raw(RobotId r, State s) const {
    return lazy_ != nullptr ? lazy_->get(r, s)
                            : shared_->distance(s, (*goals_)[static_cast<std::size_t>(r)]);
  }

  std::span<const std::uint8_t> held_;
  std::uint32_t radius_ = 0;
  const DistanceTable* shared_;
  const std::vector<Cell>* goals_;
  const Motion* motion_;
  LazyDistances* lazy_;
};

}  // namespace fleet::planner::scalable
