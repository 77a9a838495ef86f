// Each robot's distance to its goal, read from a guided table when the caller has one, else
// from LazyDistances (grown on demand, shared by every component of one solve), else from the
// instance's tables.
#pragma once

#include <fleet/planner/instance.hpp>

#include "scalable/lazy_distances.hpp"

#include <cstdint>

namespace fleet::planner::scalable {

class GoalDistances {
public:
  /// `lazy` may be null; both it and the instance must outlive this object. A `table` given
  /// (guided distances) is read instead of both.
  GoalDistances(const Instance& instance, LazyDistances* lazy, const DistanceTable* table = nullptr)
      : shared_(table != nullptr ? table : instance.distances.get()),
        goals_(&instance.goals),
        lazy_(table != nullptr ? nullptr : lazy) {}

  /// Ticks from `s` to robot `r`'s goal; DistanceTable::kUnreachable if never.
  [[nodiscard]] std::uint32_t operator()(RobotId r, State s) const {
    return lazy_ != nullptr ? lazy_->get(r, s)
                            : shared_->distance(s, (*goals_)[static_cast<std::size_t>(r)]);
  }

private:
  const DistanceTable* shared_;
  const std::vector<Cell>* goals_;
  LazyDistances* lazy_;
};

}  // namespace fleet::planner::scalable
