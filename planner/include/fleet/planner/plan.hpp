// A plan is a sequence of configurations: plan[t][robot] is the robot's state at tick t.
// plan[0] is the start configuration; every robot has a state at every tick.
#pragma once

#include <fleet/planner/instance.hpp>

#include <cstdint>
#include <vector>

namespace fleet::planner {

using Config = std::vector<State>;
using Plan = std::vector<Config>;

/// Ticks until robot `r` reaches its goal cell and stays there for the rest of the plan.
[[nodiscard]] int robot_cost(const Instance& instance, const Plan& plan, RobotId r);
/// Sum over robots of robot_cost: the fleet's travel time.
[[nodiscard]] std::int64_t sum_of_costs(const Instance& instance, const Plan& plan);
/// Ticks until the last robot is done (the largest robot_cost).
[[nodiscard]] int makespan(const Instance& instance, const Plan& plan);
/// Sum of each robot's shortest distance to its goal, and the largest of them.
[[nodiscard]] std::int64_t sum_of_costs_lower_bound(const Instance& instance);
[[nodiscard]] int makespan_lower_bound(const Instance& instance);

}  // namespace fleet::planner
