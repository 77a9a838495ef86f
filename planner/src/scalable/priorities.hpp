// PIBT priorities (Okumura et al., AIJ 2022): who decides first each tick. A robot away from
// its goal gains 1 per tick; a robot on its goal falls back to its fractional tie-breaker.
#pragma once

#include <fleet/planner/instance.hpp>

#include <cstdint>
#include <span>
#include <vector>

namespace fleet::planner::scalable {

/// Tie-breakers in [0, 1) from each robot's distance to go: longer trips decide first.
std::vector<float> initial_priorities(std::span<const std::uint32_t> to_go);
/// One tick on: +1 for robots away from their goals in `config`, back to the tie-breaker for
/// robots on them.
void update_priorities(const Instance& instance, std::span<const State> config,
                       std::span<float> priority);
/// Robots by decreasing priority, ties by id.
void order_by_priority(std::span<const float> priority, std::vector<RobotId>& order);
/// The order after one tick from `before` to `after` (`priority` already updated), made in
/// linear time from the order before: robots away from their goals keep their relative
/// order and come first (their priority is at least 1), robots resting on their goals follow
/// by tie-breaker; only robots that just arrived need sorting.
void advance_order(const Instance& instance, std::span<const State> before,
                   std::span<const State> after, std::span<const float> priority,
                   std::span<const RobotId> old_order, std::span<RobotId> order,
                   std::vector<RobotId>& scratch);

}  // namespace fleet::planner::scalable
