#include "scalable/priorities.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace fleet::planner::scalable {

std::vector<float> initial_priorities(std::span<const std::uint32_t> to_go) {
  std::uint32_t longest = 0;
  for (std::uint32_t d : to_go) {
    if (d != DistanceTable::kUnreachable) longest = std::max(longest, d);
  }
  std::vector<float> priority(to_go.size());
  for (std::size_t r = 0; r < to_go.size(); ++r) {
    const std::uint32_t d = std::min(to_go[r], longest);
    priority[r] = static_cast<float>(static_cast<double>(d) / (static_cast<double>(longest) + 1.0));
  }
  return priority;
}

void update_priorities(const Instance& instance, std::span<const State> config,
                       std::span<float> priority) {
  for (std::size_t r = 0; r < config.size(); ++r) {
    if (instance.motion.cell(config[r]) == instance.goals[r]) {
      priority[r] -= std::floor(priority[r]);
    } else {
      priority[r] += 1.0F;
    }
  }
}

void order_by_priority(std::span<const float> priority, std::vector<RobotId>& order) {
  order.resize(priority.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](RobotId a, RobotId b) {
    return priority[a] != priority[b] ? priority[a] > priority[b] : a < b;
  });
}

void advance_order(const Instance& instance, std::span<const State> before,
                   std::span<const State> after, std::span<const float> priority,
                   std::span<const RobotId> old_order, std::span<RobotId> order,
                   std::vector<RobotId>& scratch) {
  const Motion& motion = instance.motion;
  auto home = [&](std::span<const State> config, RobotId r) {
    return motion.cell(config[r]) == instance.goals[r];
  };
  auto higher = [&](RobotId a, RobotId b) {
    return priority[a] != priority[b] ? priority[a] > priority[b] : a < b;
  };
  scratch.clear();
  std::size_t away = 0;
  for (RobotId r : old_order) {
    if (!home(after, r)) {
      order[away++] = r;
    } else if (!home(before, r)) {
      scratch.push_back(r);  // just arrived: its priority fell to its tie-breaker
    }
  }
  std::sort(scratch.begin(), scratch.end(), higher);
  // Merge the robots resting since before (already in order) with the new arrivals.
  std::size_t k = 0;
  std::size_t out = away;
  for (RobotId r : old_order) {
    if (!home(after, r) || !home(before, r)) continue;
    while (k < scratch.size() && higher(scratch[k], r)) order[out++] = scratch[k++];
    order[out++] = r;
  }
  while (k < scratch.size()) order[out++] = scratch[k++];
}

}  // namespace fleet::planner::scalable
