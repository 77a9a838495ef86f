#include "broken_robots.hpp"

#include <algorithm>
#include <cstdint>

namespace fleet::sim {

using planner::Cell;
using planner::RobotId;

std::shared_ptr<planner::Instance> BrokenRobotFloor::instance(
    const std::shared_ptr<const planner::Grid>& grid, planner::MotionKind kind,
    std::span<const planner::State> states, std::span<const Cell> targets,
    std::span<const std::uint8_t> broken, std::vector<RobotId>& kept) {
  const planner::Motion motion(*grid, kind);
  std::vector<Cell> blocked;
  for (std::size_t r = 0; r < states.size(); ++r)
    if (broken[r] != 0) blocked.push_back(motion.cell(states[r]));
  std::sort(blocked.begin(), blocked.end());
  if (blocked != blocked_ || !floor_) {
    std::vector<std::uint8_t> passable(static_cast<std::size_t>(grid->size()));
    for (Cell c = 0; c < grid->size(); ++c) passable[static_cast<std::size_t>(c)] = grid->passable(c) ? 1 : 0;
    for (const Cell c : blocked) passable[static_cast<std::size_t>(c)] = 0;
    floor_ = std::make_shared<const planner::Grid>(grid->width(), grid->height(), std::move(passable));
    distances_ = std::make_shared<planner::DistanceTable>(*floor_, kind);
    blocked_ = std::move(blocked);
  }
  kept.clear();
  std::vector<planner::State> starts;
  std::vector<Cell> goals;
  for (std::size_t r = 0; r < states.size(); ++r) {
    if (broken[r] != 0) continue;
    kept.push_back(static_cast<RobotId>(r));
    starts.push_back(states[r]);
    const Cell own = motion.cell(states[r]);
    const bool reachable = floor_->passable(targets[r]) &&
                           distances_->distance(states[r], targets[r]) !=
                               planner::DistanceTable::kUnreachable;
    goals.push_back(reachable ? targets[r] : own);
  }
  return std::make_shared<planner::Instance>(floor_, kind, std::move(starts), std::move(goals),
                                             distances_);
}

planner::Plan BrokenRobotFloor::expand(const planner::Plan& reduced, std::span<const RobotId> kept,
                                       std::span<const planner::State> states) {
  planner::Plan plan(reduced.size(), planner::Config(states.begin(), states.end()));
  for (std::size_t t = 0; t < reduced.size(); ++t)
    for (std::size_t i = 0; i < kept.size() && i < reduced[t].size(); ++i)
      plan[t][static_cast<std::size_t>(kept[i])] = reduced[t][i];
  return plan;
}

}  // namespace fleet::sim
