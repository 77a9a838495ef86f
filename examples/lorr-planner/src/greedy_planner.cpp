#include "greedy_planner.hpp"

#include <chrono>
#include <deque>
#include <unordered_set>

namespace example {

using fleet::lorr::Action;

int GreedyPlanner::neighbour(int location, int orientation) const {
  const int row = location / env->cols;
  const int col = location % env->cols;
  static constexpr int kRow[] = {0, 1, 0, -1};  // east, south, west, north
  static constexpr int kCol[] = {1, 0, -1, 0};
  const int r = row + kRow[orientation];
  const int c = col + kCol[orientation];
  if (r < 0 || r >= env->rows || c < 0 || c >= env->cols) return -1;
  const int next = r * env->cols + c;
  return env->map[static_cast<std::size_t>(next)] == 0 ? next : -1;
}

const std::vector<int>& GreedyPlanner::distances_to(int goal) {
  auto [it, added] = distances_.try_emplace(goal);
  if (!added) return it->second;
  std::vector<int>& distance = it->second;
  distance.assign(env->map.size(), -1);
  std::deque<int> open = {goal};
  distance[static_cast<std::size_t>(goal)] = 0;
  while (!open.empty()) {
    const int at = open.front();
    open.pop_front();
    for (int o = 0; o < 4; ++o) {
      const int next = neighbour(at, o);
      if (next >= 0 && distance[static_cast<std::size_t>(next)] < 0) {
        distance[static_cast<std::size_t>(next)] = distance[static_cast<std::size_t>(at)] + 1;
        open.push_back(next);
      }
    }
  }
  return distance;
}

void GreedyPlanner::initialize(int preprocess_time_limit_ms) {
  const auto until = std::chrono::steady_clock::now() +
                     std::chrono::milliseconds(preprocess_time_limit_ms);
  for (const auto& goals : env->goal_locations) {
    if (std::chrono::steady_clock::now() >= until) return;
    if (!goals.empty()) (void)distances_to(goals.front().first);
  }
}

void GreedyPlanner::plan(int /*time_limit_ms*/, std::vector<Action>& actions) {
  const auto robots = static_cast<std::size_t>(env->num_of_agents);
  actions.assign(robots, Action::Wait);
  // Cells taken next tick: every robot's own cell until it is known to leave it.
  std::unordered_set<int> taken;
  for (const auto& state : env->curr_states) taken.insert(state.location);
  for (std::size_t r = 0; r < robots; ++r) {
    const auto& state = env->curr_states[r];
    if (env->goal_locations[r].empty()) continue;
    const int goal = env->goal_locations[r].front().first;
    if (state.location == goal) continue;
    const std::vector<int>& distance = distances_to(goal);
    // The direction whose neighbour is nearest the goal (ties: the current one first).
    int best = -1;
    int best_distance = distance[static_cast<std::size_t>(state.location)];
    for (int turn : {0, 1, 3, 2}) {
      const int o = (state.orientation + turn) & 3;
      const int next = neighbour(state.location, o);
      if (next < 0 || distance[static_cast<std::size_t>(next)] < 0) continue;
      if (distance[static_cast<std::size_t>(next)] < best_distance) {
        best = o;
        best_distance = distance[static_cast<std::size_t>(next)];
      }
    }
    if (best < 0) continue;
    if (best == state.orientation) {
      const int ahead = neighbour(state.location, best);
      if (!taken.contains(ahead)) {
        actions[r] = Action::Forward;
        taken.insert(ahead);  // the cell it leaves stays taken: no one follows into it
      }
    } else {
      actions[r] = ((best - state.orientation) & 3) == 3 ? Action::RotateCCW : Action::RotateCW;
    }
  }
}

}  // namespace example
