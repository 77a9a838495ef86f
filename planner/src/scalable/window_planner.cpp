#include "scalable/window_planner.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <utility>

namespace fleet::planner::scalable {

void WindowPlanner::preprocess(const Instance& instance) {
  if (guided_.prepare(instance) == nullptr) instance.distances->prepare(instance.goals);
}

Result WindowPlanner::solve(const Instance& instance, const StopCondition& stop) {
  const auto started = std::chrono::steady_clock::now();
  const std::uint64_t call = calls_++;
  const std::shared_ptr<const DistanceTable> heuristic = guided_.prepare(instance);
  rollout_.set_heuristic(heuristic);
  // A deadline of "never" leaves only rounds to end the search.
  const double left_at_start = stop.seconds_left();
  const bool timed = left_at_start < 1e6;
  const double density =
      static_cast<double>(instance.size()) / std::max(1, instance.map().free_count());
  const bool improve = options_.lns && density <= options_.lns_max_density && instance.size() > 0;
  // Without LNS the ticks past the horizon would be rolled out only to be dropped.
  int window = improve ? std::max(options_.window, instance.horizon) : instance.horizon;
  if (timed && improve) {
    // The first call does not know a tick's time yet: a short window measures it.
    const int fits = tick_seconds_ > 0.0
                         ? static_cast<int>(left_at_start * options_.rollout_share / tick_seconds_)
                         : WindowOptions::kMinWindow;
    window = std::clamp(fits, std::max(instance.horizon, WindowOptions::kMinWindow),
                        std::max(window, WindowOptions::kMinWindow));
  }
  const auto rollout_started = std::chrono::steady_clock::now();
  PriorPlan prior;
  if (options_.follow_previous && improve && !previous_.empty()) {
    prior.plan = &previous_;
    prior.offset = previous_horizon_;
    prior.goals = previous_goals_;
  }
  Result result = rollout_.solve(instance, stop, 0, window, prior);
  previous_.clear();
  tick_seconds_ = std::chrono::duration<double>(std::chrono::steady_clock::now() -
                                                rollout_started).count() /
                  window;
  if (result.status != Status::Solved) return result;
  auto& extra = result.stats.extra;
  extra.emplace_back("window", static_cast<double>(window));
  // A rollout cut short by `stop` is padded by waiting: still a valid window to improve.
  if (improve && !stop.should_stop()) {
    LnsOptions lns = options_.lns_options;
    lns.window = window;
    lns.patience = options_.patience_per_robot < 0.0
                       ? -1
                       : std::max(WindowOptions::kMinPatience,
                                  static_cast<std::int64_t>(std::ceil(
                                      options_.patience_per_robot *
                                      static_cast<double>(instance.size()))));
    const double left = stop.seconds_left();
    if (!timed && lns.max_rounds < 0) lns.max_rounds = options_.rounds_without_deadline;
    const StopCondition improve_stop =
        timed ? StopCondition::after(std::max(0.0, left * options_.time_share)) : StopCondition();
    Lns improver(instance, lns, seed_ ^ (0xD1B54A32D192ED03ULL * (call + 1)), nullptr,
                 heuristic.get());
    improver.keep(rollout_.held());  // robots held back at a queue wait where they stand
    LnsOutcome improved = improver.improve(result.plan, improve_stop);
    result.plan = std::move(improved.plan);
    extra.emplace_back("window_cost_rollout", static_cast<double>(improved.initial_cost));
    extra.emplace_back("window_cost", static_cast<double>(improved.cost));
    extra.emplace_back("lns_rounds", static_cast<double>(improved.rounds));
    extra.emplace_back("lns_improved", static_cast<double>(improved.improved));
    extra.emplace_back("lns_failed_replans", static_cast<double>(improved.failed_replans));
  }
  if (options_.follow_previous && improve) {
    previous_ = result.plan;
    previous_goals_ = instance.goals;
    previous_horizon_ = instance.horizon;
  }
  result.plan.resize(static_cast<std::size_t>(instance.horizon) + 1);
  result.stats.runtime_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return result;
}

}  // namespace fleet::planner::scalable
