#include "spacetime_bfs.hpp"

#include <algorithm>
#include <chrono>
#include <unordered_map>
#include <vector>

namespace example {

using namespace fleet::planner;

namespace {

/// Cells taken by the robots planned so far: who stands where at each tick, and from which
/// tick a robot that has arrived stays on its goal for good.
class Reservations {
public:
  explicit Reservations(const Grid& grid) : cells_(grid.size()), resting_from_(grid.size(), -1) {}

  void add(int robot, const std::vector<Cell>& path, bool rests_at_end) {
    for (std::size_t t = 0; t < path.size(); ++t) at_[key(static_cast<int>(t), path[t])] = robot;
    if (rests_at_end && !path.empty()) resting_from_[path.back()] = static_cast<int>(path.size()) - 1;
  }
  /// The robot at `cell` at tick `t`: its number while it follows its path, -2 once it rests
  /// on its goal for good, -1 for none.
  [[nodiscard]] int occupant(int t, Cell cell) const {
    const auto it = at_.find(key(t, cell));
    if (it != at_.end()) return it->second;
    return resting_from_[cell] >= 0 && t >= resting_from_[cell] ? -2 : -1;
  }
  /// Whether moving from `from` (tick t) to `to` (tick t + 1) meets another robot.
  [[nodiscard]] bool blocked(int t, Cell from, Cell to) const {
    if (occupant(t + 1, to) != -1) return true;
    if (from == to) return false;
    const int coming = occupant(t, to);  // a robot moving the other way: a swap
    return coming >= 0 && occupant(t + 1, from) == coming;
  }
  /// The last tick at which some robot passes through `cell` (-1: none).
  [[nodiscard]] int last_use(Cell cell) const {
    int last = -1;
    for (const auto& [k, robot] : at_)
      if (static_cast<Cell>(k % cells_) == cell) last = std::max(last, static_cast<int>(k / cells_));
    return last;
  }
  [[nodiscard]] bool held_forever(Cell cell) const { return resting_from_[cell] >= 0; }

private:
  [[nodiscard]] std::int64_t key(int t, Cell cell) const {
    return static_cast<std::int64_t>(t) * cells_ + cell;
  }
  std::int64_t cells_;
  std::vector<int> resting_from_;
  std::unordered_map<std::int64_t, int> at_;
};

/// One robot's states, tick by tick; empty when none was found before `stop` or `max_ticks`.
std::vector<State> search(const Instance& instance, int robot, const Reservations& taken,
                          int max_ticks, const StopCondition& stop) {
  const Motion& motion = instance.motion;
  const State start = instance.starts[static_cast<std::size_t>(robot)];
  const Cell goal = instance.goals[static_cast<std::size_t>(robot)];
  const bool windowed = instance.horizon > 0;
  const int last_tick = windowed ? instance.horizon : max_ticks;
  const int goal_free_after = windowed ? 0 : taken.last_use(goal);

  // parents[t] maps each state reached at tick t to the state it came from at tick t - 1.
  std::vector<std::unordered_map<State, State>> parents(1);
  parents[0][start] = start;
  std::vector<State> layer = {start};
  Motion::Neighbours next{};
  int end_tick = -1;
  State end_state = start;
  for (int t = 0; t <= last_tick && !layer.empty(); ++t) {
    if (stop.should_stop()) return {};
    if (windowed && t == last_tick) {  // the reachable state nearest the goal
      end_state = *std::min_element(layer.begin(), layer.end(), [&](State a, State b) {
        const auto da = instance.distances->distance(a, goal);
        const auto db = instance.distances->distance(b, goal);
        return da != db ? da < db : a < b;
      });
      end_tick = t;
      break;
    }
    if (!windowed && t > goal_free_after && !taken.held_forever(goal)) {
      const auto at_goal = std::find_if(layer.begin(), layer.end(),
                                        [&](State s) { return motion.cell(s) == goal; });
      if (at_goal != layer.end()) {
        end_state = *at_goal;
        end_tick = t;
        break;
      }
    }
    std::vector<State> following;
    parents.emplace_back();
    for (const State s : layer) {
      const int count = motion.successors(s, next);
      for (int i = 0; i < count; ++i) {
        const State n = next[static_cast<std::size_t>(i)];
        if (parents[static_cast<std::size_t>(t) + 1].contains(n)) continue;
        if (taken.blocked(t, motion.cell(s), motion.cell(n))) continue;
        parents[static_cast<std::size_t>(t) + 1][n] = s;
        following.push_back(n);
      }
    }
    std::sort(following.begin(), following.end());  // the same order on every run
    layer = std::move(following);
  }
  if (end_tick < 0) return {};
  std::vector<State> path(static_cast<std::size_t>(end_tick) + 1);
  State s = end_state;
  for (int t = end_tick; t >= 0; --t) {
    path[static_cast<std::size_t>(t)] = s;
    s = parents[static_cast<std::size_t>(t)].at(s);
  }
  return path;
}

}  // namespace

Result SpacetimeBfs::solve(const Instance& instance, const StopCondition& stop) {
  const auto started = std::chrono::steady_clock::now();
  instance.distances->prepare(instance.goals);
  Result result;
  Reservations taken(instance.map());
  std::vector<std::vector<State>> paths;
  for (int robot = 0; robot < static_cast<int>(instance.size()); ++robot) {
    auto path = search(instance, robot, taken, max_ticks_, stop);
    if (path.empty()) {
      result.status = Status::Timeout;
      result.message = "no path for robot " + std::to_string(robot);
      return result;
    }
    std::vector<Cell> cells;
    for (const State s : path) cells.push_back(instance.motion.cell(s));
    taken.add(robot, cells, instance.horizon == 0);
    paths.push_back(std::move(path));
    ++result.stats.iterations;
  }
  // One configuration per tick; a robot that arrived early waits on its goal.
  std::size_t ticks = instance.horizon > 0 ? static_cast<std::size_t>(instance.horizon) + 1 : 1;
  for (const auto& path : paths) ticks = std::max(ticks, path.size());
  result.plan.assign(ticks, Config(instance.size()));
  for (std::size_t r = 0; r < paths.size(); ++r)
    for (std::size_t t = 0; t < ticks; ++t)
      result.plan[t][r] = paths[r][std::min(t, paths[r].size() - 1)];
  result.status = Status::Solved;
  result.stats.runtime_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return result;
}

}  // namespace example
