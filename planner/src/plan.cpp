#include <fleet/planner/plan.hpp>

#include <algorithm>

namespace fleet::planner {

int robot_cost(const Instance& instance, const Plan& plan, RobotId r) {
  const Cell goal = instance.goals[r];
  int t = static_cast<int>(plan.size()) - 1;
  if (t < 0 || instance.motion.cell(plan[t][r]) != goal) return std::max(t, 0);
  while (t > 0 && instance.motion.cell(plan[t - 1][r]) == goal) --t;
  return t;
}

std::int64_t sum_of_costs(const Instance& instance, const Plan& plan) {
  std::int64_t total = 0;
  for (RobotId r = 0; r < static_cast<RobotId>(instance.size()); ++r)
    total += robot_cost(instance, plan, r);
  return total;
}

int makespan(const Instance& instance, const Plan& plan) {
  int longest = 0;
  for (RobotId r = 0; r < static_cast<RobotId>(instance.size()); ++r)
    longest = std::max(longest, robot_cost(instance, plan, r));
  return longest;
}

std::int64_t sum_of_costs_lower_bound(const Instance& instance) {
  instance.distances->prepare(instance.goals);
  std::int64_t total = 0;
  for (std::size_t r = 0; r < instance.size(); ++r)
    total += instance.distances->distance(instance.starts[r], instance.goals[r]);
  return total;
}

int makespan_lower_bound(const Instance& instance) {
  instance.distances->prepare(instance.goals);
  std::uint32_t longest = 0;
  for (std::size_t r = 0; r < instance.size(); ++r)
    longest = std::max(longest, instance.distances->distance(instance.starts[r], instance.goals[r]));
  return static_cast<int>(longest);
}

}  // namespace fleet::planner
