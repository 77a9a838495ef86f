// The reactive policy: every tick each robot takes the successor state closest to its goal if
// that cell is free now and unclaimed for the next tick, and waits otherwise. Robots decide
// in a fixed order (farthest from goal first, ties by id), so the result is deterministic.
// Incomplete (it can deadlock) but linear per tick: the baseline for fleets of 10,000.
#include "algorithms/registrations.hpp"

#include <algorithm>
#include <chrono>
#include <numeric>

namespace fleet::planner {
namespace {

class ReactivePlanner final : public Planner {
public:
  explicit ReactivePlanner(int max_ticks) : max_ticks_(max_ticks) {}
  [[nodiscard]] std::string_view name() const override { return "reactive"; }

  Result solve(const Instance& instance, const StopCondition& stop) override {
    const auto started = std::chrono::steady_clock::now();
    const Motion& motion = instance.motion;
    const DistanceTable& dist = *instance.distances;
    dist.prepare(instance.goals);
    const auto n = static_cast<RobotId>(instance.size());
    std::vector<std::int32_t> now(static_cast<std::size_t>(instance.map().size()), -1);
    std::vector<std::uint8_t> claimed(now.size(), 0);
    std::vector<RobotId> order(static_cast<std::size_t>(n));
    Result result;
    result.plan.push_back(instance.starts);
    const int ticks = instance.horizon > 0 ? instance.horizon : max_ticks_;
    Motion::Neighbours next{};
    for (int t = 0; t < ticks; ++t) {
      const Config& current = result.plan.back();
      bool all_home = true;
      for (RobotId r = 0; r < n; ++r) {
        now[motion.cell(current[r])] = r;
        all_home = all_home && motion.cell(current[r]) == instance.goals[r];
      }
      if (all_home && instance.horizon == 0) break;
      if (stop.should_stop()) {
        result.status = Status::Timeout;
        result.plan.clear();
        result.stats.runtime_s = seconds_since(started);
        return result;
      }
      std::iota(order.begin(), order.end(), 0);
      std::stable_sort(order.begin(), order.end(), [&](RobotId a, RobotId b) {
        return dist.distance(current[a], instance.goals[a]) >
               dist.distance(current[b], instance.goals[b]);
      });
      Config upcoming = current;
      for (RobotId r : order) {
        const State s = current[r];
        State best = s;
        std::uint32_t best_d = dist.distance(s, instance.goals[r]);
        const int k = motion.successors(s, next);
        for (int i = 1; i < k; ++i) {
          const Cell c = motion.cell(next[i]);
          const bool free = c == motion.cell(s) || (now[c] < 0 && claimed[c] == 0);
          const std::uint32_t d = dist.distance(next[i], instance.goals[r]);
          if (free && d < best_d) {
            best = next[i];
            best_d = d;
          }
        }
        upcoming[r] = best;
        claimed[motion.cell(best)] = 1;
        ++result.stats.expanded;
      }
      for (RobotId r = 0; r < n; ++r) {
        now[motion.cell(current[r])] = -1;
        claimed[motion.cell(upcoming[r])] = 0;
      }
      result.plan.push_back(std::move(upcoming));
    }
    const Config& last = result.plan.back();
    bool done = instance.horizon > 0;
    if (!done) {
      done = true;
      for (RobotId r = 0; r < n; ++r) done = done && motion.cell(last[r]) == instance.goals[r];
    }
    result.status = done ? Status::Solved : Status::Timeout;
    if (!done) {
      result.plan.clear();
      result.message = "robots did not all reach their goals within " +
                       std::to_string(max_ticks_) + " ticks";
    }
    result.stats.runtime_s = seconds_since(started);
    return result;
  }

private:
  static double seconds_since(std::chrono::steady_clock::time_point t) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
  }
  int max_ticks_;
};

}  // namespace

void register_reactive(PlannerRegistry& registry) {
  registry.add({"reactive",
                "each robot steps along its shortest path when the next cell is free, else "
                "waits (incomplete; linear per tick)",
                {{"max_ticks", "10000", "one-shot: give up after this many ticks"}},
                [](const ParamValues& p, std::uint64_t) {
                  return std::make_unique<ReactivePlanner>(static_cast<int>(p.integer("max_ticks")));
                }});
}

}  // namespace fleet::planner
