// The action dependency graph of a plan (Hoenig, Kiesel, Tinka, Durham, Ayanian: "Persistent
// and Robust Execution of MAPF Schedules in Warehouses", RA-L 2019): the plan's order of robots
// through each cell, kept during execution so that robots which fall behind the plan (slips,
// stalls, breakdowns) never collide. A robot's planned waits are not actions: a delayed robot
// catches up by skipping them.
#pragma once

#include <fleet/planner/motion.hpp>
#include <fleet/planner/plan.hpp>

#include <cstdint>
#include <span>
#include <vector>

namespace fleet::sim {

class ActionDependencyGraph {
public:
  /// The step into plan position `step` of `robot` must have been taken (robot has left the
  /// cell) before the dependent step.
  struct Dependency {
    planner::RobotId robot = -1;  ///< -1: no dependency
    std::int32_t step = 0;
  };

  /// What a robot does in one tick of execution.
  enum class Outcome : std::uint8_t {
    Finished,  ///< no actions left in the plan
    Moves,     ///< takes its next action
    Delayed,   ///< its next action is ready, but the robot cannot move this tick
    Waits,     ///< its next action waits for another robot (waiting_on)
  };

  ActionDependencyGraph() = default;
  /// Builds the graph of `plan` (every configuration the same size): each step into a cell
  /// depends on the robot that occupied the cell last before it in the plan leaving it.
  ActionDependencyGraph(const planner::Plan& plan, const planner::Motion& motion);

  [[nodiscard]] int robots() const { return robots_; }
  [[nodiscard]] int length() const { return length_; }  ///< configurations of the plan
  /// The dependency of `robot`'s step into plan position `step` (1 <= step < length()).
  [[nodiscard]] Dependency dependency(planner::RobotId robot, int step) const {
    return dependencies_[index(robot, step)];
  }
  /// True when the step into `step` changes the robot's state (an action, not a planned wait).
  [[nodiscard]] bool acts(planner::RobotId robot, int step) const {
    return acts_[index(robot, step)] != 0;
  }
  /// Edges of the graph (steps that depend on another robot).
  [[nodiscard]] std::int64_t edges() const { return edges_; }

  /// One tick of execution from plan positions `cursor`: each robot skips its planned waits,
  /// then takes its next action if `able` and the action's dependency is met, or is being met
  /// in this tick by a robot leaving the cell as this one enters (a chain, or a cycle of three
  /// or more, moving together). Writes each robot's position after the tick to `next`, what
  /// it did to `outcome`, and the robot holding it (or -1) to `waiting_on`.
  void advance(std::span<const std::int32_t> cursor, std::span<const std::uint8_t> able,
               std::span<std::int32_t> next, std::span<Outcome> outcome,
               std::span<planner::RobotId> waiting_on) const;

private:
  [[nodiscard]] std::size_t index(planner::RobotId robot, int step) const {
    return static_cast<std::size_t>(step) * static_cast<std::size_t>(robots_) +
           static_cast<std::size_t>(robot);
  }

  int robots_ = 0;
  int length_ = 0;
  std::vector<Dependency> dependencies_;  ///< [step * robots + robot]
  std::vector<std::uint8_t> acts_;        ///< [step * robots + robot]
  std::int64_t edges_ = 0;
};

}  // namespace fleet::sim
