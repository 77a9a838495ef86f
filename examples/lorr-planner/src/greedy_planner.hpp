// A planner written as for the League of Robot Runners start kit, knowing nothing of fleetsim
// but the environment and action types: each tick, every robot turns towards the neighbour
// nearest its goal and steps forward when that cell is free, robots in index order claiming
// the cells they will occupy.
#pragma once

#include <fleet/planner/start_kit_adapter.hpp>

#include <unordered_map>
#include <vector>

namespace example {

class GreedyPlanner {
public:
  fleet::lorr::Environment* env = nullptr;

  /// Builds the distance maps of the goals known now, within `preprocess_time_limit_ms`.
  void initialize(int preprocess_time_limit_ms);
  /// One action per robot for the next tick.
  void plan(int time_limit_ms, std::vector<fleet::lorr::Action>& actions);

private:
  /// Steps from every cell to `goal` (-1 where it cannot be reached), computed once per goal.
  const std::vector<int>& distances_to(int goal);
  int neighbour(int location, int orientation) const;

  std::unordered_map<int, std::vector<int>> distances_;
};

}  // namespace example
