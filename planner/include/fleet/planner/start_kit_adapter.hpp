// Makes a planner written in the shape of the League of Robot Runners start kit a fleetsim
// planner: a class with a public `env` pointer to a shared environment (map, current states,
// goals, timestep), `initialize(preprocess_time_limit_ms)` and `plan(time_limit_ms, actions)`
// that fills one action per robot. The adapter keeps the environment up to date, calls
// `plan` once per tick and turns the actions into configurations (docs/plugins.md).
#pragma once

#include <fleet/planner/planner.hpp>
#include <fleet/planner/registry.hpp>

#include <algorithm>
#include <chrono>
#include <concepts>
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace fleet::lorr {

/// One robot's move for the next tick, as the start kit names them.
enum class Action : int { Forward = 0, RotateCW = 1, RotateCCW = 2, Wait = 3 };

struct RobotState {
  int location = -1;    ///< row * cols + column
  int timestep = 0;
  int orientation = 0;  ///< 0 east, 1 south, 2 west, 3 north
};

/// What the planner reads: the start kit's shared environment.
struct Environment {
  int rows = 0;
  int cols = 0;
  std::vector<int> map;  ///< rows * cols entries, 1 for an obstacle
  int num_of_agents = 0;
  int curr_timestep = 0;
  std::vector<RobotState> curr_states;
  /// Each robot's goals, first the current one: (location, tick it was given).
  std::vector<std::vector<std::pair<int, int>>> goal_locations;
};

template <typename P>
concept StartKitPlanner = requires(P planner, int limit_ms, std::vector<Action>& actions) {
  planner.env = static_cast<Environment*>(nullptr);
  planner.initialize(limit_ms);
  planner.plan(limit_ms, actions);
};

/// A StartKitPlanner as a fleetsim Planner. Under the rotation model the actions are the
/// robots' moves; under the 4-connected model each robot keeps a heading of its own (turning
/// costs a tick, spent waiting). As in the competition, a tick whose actions would collide,
/// leave the map or give the wrong number of actions is executed as everyone waiting (counted
/// in the stats as "invalid_ticks"). A one-shot call plans tick by tick until every robot is on
/// its goal (giving up as Timeout after 16 (width + height) + 1000 ticks); a windowed call
/// plans `horizon` ticks.
template <StartKitPlanner P>
class StartKitAdapter final : public planner::Planner {
public:
  StartKitAdapter(std::string name, std::unique_ptr<P> inner, int preprocess_limit_ms)
      : name_(std::move(name)), inner_(std::move(inner)), preprocess_limit_ms_(preprocess_limit_ms) {
    inner_->env = &env_;
  }
  [[nodiscard]] std::string_view name() const override { return name_; }

  void preprocess(const planner::Instance& instance) override {
    load(instance);
    inner_->initialize(preprocess_limit_ms_);
    initialized_ = true;
  }

  planner::Result solve(const planner::Instance& instance,
                        const planner::StopCondition& stop) override {
    const auto started = std::chrono::steady_clock::now();
    if (!initialized_) preprocess(instance);
    load(instance);
    planner::Result result;
    const std::size_t n = instance.size();
    std::vector<planner::State> now = instance.starts;
    result.plan.push_back(now);
    std::int64_t invalid_ticks = 0;
    std::vector<Action> actions;
    // A one-shot call whose robots never arrive ends here rather than fill memory.
    const int max_ticks = 16 * (instance.map().width() + instance.map().height()) + 1000;
    for (int tick = 0;; ++tick) {
      if (instance.horizon > 0 && tick == instance.horizon) break;
      if (instance.horizon == 0 && all_on_goals(instance, now)) break;
      if (instance.horizon == 0 && tick == max_ticks) return timeout(started);
      if (stop.should_stop()) {
        if (instance.horizon == 0) return timeout(started);
        while (result.plan.size() < static_cast<std::size_t>(instance.horizon) + 1)
          result.plan.push_back(now);  // the rest of the window spent waiting
        break;
      }
      actions.clear();
      const double left_ms = stop.seconds_left() * 1000.0;
      inner_->plan(static_cast<int>(std::clamp(left_ms, 1.0, 1e9)), actions);
      std::vector<planner::State> next;
      if (actions.size() == n && apply(instance, now, actions, next)) {
        now = std::move(next);
      } else {
        ++invalid_ticks;
      }
      result.plan.push_back(now);
      advance(instance, now);
    }
    result.status = planner::Status::Solved;
    result.stats.iterations = static_cast<std::int64_t>(result.plan.size()) - 1;
    result.stats.extra.emplace_back("invalid_ticks", static_cast<double>(invalid_ticks));
    result.stats.runtime_s = seconds_since(started);
    return result;
  }

private:
  static double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  }
  planner::Result timeout(std::chrono::steady_clock::time_point started) const {
    planner::Result result;
    result.status = planner::Status::Timeout;
    result.stats.runtime_s = seconds_since(started);
    return result;
  }

  int heading_of(const planner::Instance& instance, std::size_t robot, planner::State s) const {
    if (instance.motion.has_heading()) return instance.motion.heading(s);
    const auto it = headings_.find(static_cast<int>(robot));
    return it == headings_.end() ? 0 : it->second;
  }

  static bool all_on_goals(const planner::Instance& instance,
                           const std::vector<planner::State>& now) {
    for (std::size_t r = 0; r < now.size(); ++r)
      if (instance.motion.cell(now[r]) != instance.goals[r]) return false;
    return true;
  }

  /// The environment as of the call: map (when it changed), states, goals, timestep.
  void load(const planner::Instance& instance) {
    const planner::Grid& grid = instance.map();
    if (loaded_grid_ != instance.grid.get()) {
      loaded_grid_ = instance.grid.get();
      env_.rows = grid.height();
      env_.cols = grid.width();
      env_.map.assign(static_cast<std::size_t>(grid.size()), 0);
      for (planner::Cell c = 0; c < grid.size(); ++c)
        env_.map[static_cast<std::size_t>(c)] = grid.passable(c) ? 0 : 1;
      headings_.clear();
    }
    env_.num_of_agents = static_cast<int>(instance.size());
    env_.curr_states.resize(instance.size());
    env_.goal_locations.resize(instance.size());
    for (std::size_t r = 0; r < instance.size(); ++r) {
      const int goal = instance.goals[r];
      auto& goals = env_.goal_locations[r];
      if (goals.empty() || goals.front().first != goal) goals = {{goal, env_.curr_timestep}};
    }
    set_states(instance, instance.starts);
  }

  void set_states(const planner::Instance& instance, const std::vector<planner::State>& now) {
    for (std::size_t r = 0; r < now.size(); ++r)
      env_.curr_states[r] = {instance.motion.cell(now[r]), env_.curr_timestep,
                             heading_of(instance, r, now[r])};
  }

  /// The next tick as the planner sees it: its states and the clock move on.
  void advance(const planner::Instance& instance, const std::vector<planner::State>& now) {
    ++env_.curr_timestep;
    set_states(instance, now);
  }

  /// The configuration after `actions`; false when they collide or leave the map.
  bool apply(const planner::Instance& instance, const std::vector<planner::State>& now,
             const std::vector<Action>& actions, std::vector<planner::State>& next) {
    const planner::Motion& motion = instance.motion;
    const planner::Grid& grid = instance.map();
    next = now;
    std::vector<int> turned(now.size(), -1);
    for (std::size_t r = 0; r < now.size(); ++r) {
      const planner::Cell cell = motion.cell(now[r]);
      const int heading = heading_of(instance, r, now[r]);
      switch (actions[r]) {
        case Action::Forward: {
          const planner::Cell ahead = grid.step(cell, static_cast<planner::Direction>(heading));
          if (ahead == planner::kNoCell) return false;
          next[r] = motion.state(ahead, heading);
          break;
        }
        case Action::RotateCW: turned[r] = (heading + 1) & 3; break;
        case Action::RotateCCW: turned[r] = (heading + 3) & 3; break;
        case Action::Wait: break;
        default: return false;
      }
      if (turned[r] >= 0 && motion.has_heading()) next[r] = motion.state(cell, turned[r]);
    }
    std::unordered_map<planner::Cell, std::size_t> after;
    for (std::size_t r = 0; r < next.size(); ++r)
      if (!after.emplace(motion.cell(next[r]), r).second) return false;  // two on one cell
    for (std::size_t r = 0; r < next.size(); ++r) {
      const auto it = after.find(motion.cell(now[r]));
      if (it != after.end() && it->second != r &&
          motion.cell(now[it->second]) == motion.cell(next[r]))
        return false;  // two robots swapping cells
    }
    if (!motion.has_heading())
      for (std::size_t r = 0; r < now.size(); ++r)
        if (turned[r] >= 0) headings_[static_cast<int>(r)] = turned[r];
    return true;
  }

  std::string name_;
  std::unique_ptr<P> inner_;
  int preprocess_limit_ms_;
  Environment env_;
  const planner::Grid* loaded_grid_ = nullptr;
  std::unordered_map<int, int> headings_;  // 4-connected model: each robot's own heading
  bool initialized_ = false;
};

/// Registers the start-kit-shaped planner P as `name`, made by `make` (default: P's default
/// constructor); `preprocess_limit_ms` is what its initialize() is given.
template <StartKitPlanner P>
void add_start_kit_planner(
    planner::PlannerRegistry& registry, std::string name, std::string description,
    int preprocess_limit_ms = 30'000,
    std::function<std::unique_ptr<P>()> make = [] { return std::make_unique<P>(); }) {
  registry.add({name, std::move(description), {},
                [name, make, preprocess_limit_ms](const planner::ParamValues&, std::uint64_t) {
                  return std::make_unique<StartKitAdapter<P>>(name, make(), preprocess_limit_ms);
                }});
}

}  // namespace fleet::lorr
