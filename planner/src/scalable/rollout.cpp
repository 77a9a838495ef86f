#include "scalable/rollout.hpp"

#include "scalable/priorities.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <string>

namespace fleet::planner::scalable {
namespace {

/// The neighbour robot `r` enters next on `plan` after tick `t`, turning toward it first if
/// it must; kNoCell when the plan has it wait first (or stay to the plan's end). Waits are not
/// hinted: an earlier window's waits were for robots that may have moved on since (a robot
/// that reached its goal there sat on it, while in fact it got its next errand).
Cell next_move_on(const Motion& motion, const Plan& plan, std::size_t t, RobotId r) {
  const auto robot = static_cast<std::size_t>(r);
  const Cell here = motion.cell(plan[t][robot]);
  for (std::size_t u = t + 1; u < plan.size(); ++u) {
    if (plan[u][robot] == plan[u - 1][robot]) return kNoCell;
    const Cell c = motion.cell(plan[u][robot]);
    if (c != here) return c;
  }
  return kNoCell;
}

}  // namespace

void PibtRollout::hold_queues(const Instance& instance, const DistanceTable& distances) {
  const std::size_t n = instance.size();
  held_.clear();
  if (options_.queue_limit <= 0) return;
  const auto radius = static_cast<std::uint32_t>(std::max(1, options_.queue_radius));
  // Robots near their goal, by goal, then distance, then the longest waiting first.
  queue_order_.clear();
  for (std::size_t r = 0; r < n; ++r) {
    // The distance of the cell (its best heading), as GoalDistances::hold measures it.
    const std::uint32_t d = best_heading_distance(
        instance.motion, instance.starts[r],
        [&](State s) { return distances.distance(s, instance.goals[r]); });
    if (d >= 2 * radius) continue;
    const auto waited =
        static_cast<std::uint32_t>(std::min(65535.0F, std::max(0.0F, priority_[r])));
    const std::uint64_t key = (static_cast<std::uint64_t>(instance.goals[r]) << 32) |
                              (static_cast<std::uint64_t>(d) << 16) | (65535U - waited);
    queue_order_.emplace_back(key, static_cast<RobotId>(r));
  }
  std::sort(queue_order_.begin(), queue_order_.end());
  held_.assign(n, 0);
  std::size_t rank = 0;
  for (std::size_t k = 0; k < queue_order_.size(); ++k) {
    const bool same_goal =
        k > 0 && (queue_order_[k].first >> 32) == (queue_order_[k - 1].first >> 32);
    rank = same_goal ? rank + 1 : 0;
    if (rank >= static_cast<std::size_t>(options_.queue_limit))
      held_[static_cast<std::size_t>(queue_order_[k].second)] = 1;
  }
}

Result PibtRollout::solve(const Instance& instance, const StopCondition& stop, int max_ticks,
                          int window, PriorPlan prior) {
  const auto started = std::chrono::steady_clock::now();
  auto elapsed = [&] {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  };
  Result result;
  const bool lifelong = instance.horizon > 0;
  if (checked_grid_ != instance.grid) {
    components_ = connected_components(instance.map());
    checked_grid_ = instance.grid;
  }
  if (const auto problems = check_instance(instance, !lifelong, components_); !problems.empty()) {
    result.status = Status::InvalidInput;
    result.message = "robot " + std::to_string(problems.front().robot) + ": " +
                     problems.front().message;
    return result;
  }
  const Motion& motion = instance.motion;
  const auto n = instance.size();
  const DistanceTable& distances =
      options_.heuristic ? *options_.heuristic : *instance.distances;
  distances.prepare(instance.goals);
  // Lifelong calls keep each robot's priority while its goal is unchanged.
  if (!lifelong || priority_.size() != n) {
    std::vector<std::uint32_t> to_go(n);
    for (std::size_t r = 0; r < n; ++r)
      to_go[r] = distances.distance(instance.starts[r], instance.goals[r]);
    priority_ = initial_priorities(to_go);
    goal_of_ = instance.goals;
  } else {
    for (std::size_t r = 0; r < n; ++r) {
      if (goal_of_[r] != instance.goals[r])
        priority_[r] = priority_[r] - std::floor(priority_[r]) + options_.new_goal_priority;
    }
    goal_of_ = instance.goals;
  }
  // Station queues: robots held back decide after everyone else; they keep what they have
  // waited, which counts again once they are let in.
  std::vector<float> waited;
  if (lifelong) hold_queues(instance, distances);
  if (!held_.empty()) {
    waited.assign(n, 0.0F);
    for (std::size_t r = 0; r < n; ++r) {
      if (held_[r] == 0) continue;
      waited[r] = std::floor(priority_[r]);
      priority_[r] -= waited[r] + 1.0F;
    }
  }
  Pibt pibt(instance, options_, seed_ + 0x9E3779B97F4A7C15ULL * calls_++);
  if (!held_.empty())
    pibt.hold(held_, static_cast<std::uint32_t>(std::max(1, options_.queue_radius)));
  std::vector<RobotId> order;
  std::vector<RobotId> next_order(n);
  std::vector<RobotId> scratch;
  order_by_priority(priority_, order);

  auto all_home = [&](const Config& config) {
    for (std::size_t r = 0; r < n; ++r) {
      if (motion.cell(config[r]) != instance.goals[r]) return false;
    }
    return true;
  };
  const int ticks = lifelong ? std::max(instance.horizon, window) : max_ticks;
  std::vector<float> executed;  // priorities after the executed ticks, when planning beyond
  result.plan.reserve(static_cast<std::size_t>(lifelong ? ticks + 1 : 64));
  result.plan.push_back(instance.starts);
  Config next(n);
  // Robots still on the prior plan, and the cell each is hinted to enter next.
  const bool follow = lifelong && prior.plan != nullptr && prior.offset >= 0 &&
                      static_cast<std::size_t>(prior.offset) + 1 < prior.plan->size() &&
                      prior.goals.size() == n && (*prior.plan)[0].size() == n;
  std::vector<std::uint8_t> on_prior;
  std::vector<Cell> hints;
  if (follow) {
    on_prior.assign(n, 0);
    hints.assign(n, kNoCell);
    const Config& there = (*prior.plan)[static_cast<std::size_t>(prior.offset)];
    for (std::size_t r = 0; r < n; ++r)
      on_prior[r] = there[r] == instance.starts[r] && prior.goals[r] == instance.goals[r];
    pibt.hint(hints);
  }
  bool stopped = false;
  for (int t = 0; t < ticks; ++t) {
    const Config& current = result.plan.back();
    if (!lifelong && all_home(current)) break;
    if (stop.should_stop()) {
      stopped = true;
      break;
    }
    const std::size_t prior_t = static_cast<std::size_t>(prior.offset + t);
    const bool hinting = follow && prior_t + 1 < prior.plan->size();
    if (follow) {
      for (std::size_t r = 0; r < n; ++r) {
        hints[r] = hinting && on_prior[r] != 0
                       ? next_move_on(motion, *prior.plan, prior_t, static_cast<RobotId>(r))
                       : kNoCell;
      }
    }
    pibt.record_traffic(!lifelong || t < instance.horizon);
    pibt.step(current, order, {}, next);  // cannot fail without constraints
    if (hinting) {
      const Config& planned = (*prior.plan)[prior_t + 1];
      for (std::size_t r = 0; r < n; ++r) on_prior[r] = on_prior[r] != 0 && next[r] == planned[r];
    }
    update_priorities(instance, next, priority_);
    advance_order(instance, current, next, priority_, order, next_order, scratch);
    order.swap(next_order);
    result.plan.push_back(next);
    ++result.stats.iterations;
    if (lifelong && ticks > instance.horizon && t + 1 == instance.horizon) executed = priority_;
  }
  if (!executed.empty()) priority_ = std::move(executed);
  if (!waited.empty()) {
    // After the executed ticks a held robot is back at its own rank plus those ticks (one
    // that arrived meanwhile has been reset to its tie-breaker already).
    const Config& executed_last = result.plan[std::min<std::size_t>(
        static_cast<std::size_t>(instance.horizon), result.plan.size() - 1)];
    for (std::size_t r = 0; r < n; ++r) {
      if (held_[r] != 0 && instance.motion.cell(executed_last[r]) != instance.goals[r])
        priority_[r] = std::max(0.0F, priority_[r] - std::floor(priority_[r])) + waited[r] +
                       static_cast<float>(instance.horizon);
    }
  }
  result.stats.expanded = result.stats.iterations * static_cast<std::int64_t>(n);
  result.stats.runtime_s = elapsed();
  if (lifelong) {
    result.status = Status::Solved;
    if (stopped) {
      result.message = "stopped after " + std::to_string(result.plan.size() - 1) + " of " +
                       std::to_string(ticks) + " ticks; padded by waiting";
      while (result.plan.size() < static_cast<std::size_t>(ticks) + 1)
        result.plan.push_back(result.plan.back());
    }
    return result;
  }
  if (all_home(result.plan.back())) {
    result.status = Status::Solved;
    result.stats.first_solution_s = result.stats.runtime_s;
    result.stats.first_solution_cost = sum_of_costs(instance, result.plan);
    return result;
  }
  result.status = Status::Timeout;
  result.message = stopped ? "stopped before every robot reached its goal"
                           : "robots did not all reach their goals within " +
                                 std::to_string(max_ticks) + " ticks";
  result.plan.clear();
  return result;
}

}  // namespace fleet::planner::scalable
