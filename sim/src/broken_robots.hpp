// Planning around broken-down robots: the planner gets a floor on which their cells are
// obstacles and an instance without them, so the rest of the fleet is routed around a robot
// that blocks a corridor instead of waiting on it until it is repaired.
#pragma once

#include <fleet/planner/distance_table.hpp>
#include <fleet/planner/instance.hpp>
#include <fleet/planner/plan.hpp>

#include <memory>
#include <span>
#include <vector>

namespace fleet::sim {

class BrokenRobotFloor {
public:
  /// The instance of the robots not broken (`broken[r]` != 0) on a floor where the broken
  /// robots' cells are blocked. A target on a blocked cell, or cut off from its robot, becomes
  /// the robot's own cell. The floor and its distance table are kept while the broken cells
  /// stay the same. `kept` receives the robot ids, in the instance's order.
  std::shared_ptr<planner::Instance> instance(const std::shared_ptr<const planner::Grid>& grid,
                                              planner::MotionKind kind,
                                              std::span<const planner::State> states,
                                              std::span<const planner::Cell> targets,
                                              std::span<const std::uint8_t> broken,
                                              std::vector<planner::RobotId>& kept);

  /// The plan of the whole fleet from a plan of the kept robots: broken robots stay put.
  static planner::Plan expand(const planner::Plan& reduced, std::span<const planner::RobotId> kept,
                              std::span<const planner::State> states);

private:
  std::vector<planner::Cell> blocked_;
  std::shared_ptr<const planner::Grid> floor_;
  std::shared_ptr<planner::DistanceTable> distances_;
};

}  // namespace fleet::sim
