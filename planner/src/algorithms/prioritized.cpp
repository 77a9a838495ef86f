// Prioritized planning (PP): robots are planned one at a time, in a priority order, each by
// space-time A* around the reserved paths of the robots before it (Silver, "Cooperative
// Pathfinding", AIIDE 2005; Erdmann & Lozano-Perez 1987). When a robot finds no path the
// planner restarts with a fresh random order (randomized restarts as in Bennewitz et al.
// 2002), until an order works or the StopCondition fires. Incomplete: some solvable
// instances have no working order. Windowed (lifelong) mode reserves only up to the horizon.
#include "algorithms/planner_support.hpp"
#include "algorithms/registrations.hpp"

#include <fleet/planner/search/reservation_table.hpp>
#include <fleet/planner/search/space_time_astar.hpp>

#include <algorithm>
#include <chrono>
#include <numeric>
#include <random>

namespace fleet::planner {
namespace {

enum class InitialOrder : std::uint8_t { Distance, Random };

struct PrioritizedOptions {
  InitialOrder order = InitialOrder::Distance;
  std::int64_t restarts = -1;  // -1: until the StopCondition fires
  bool failed_first = true;    // a restart puts the robot that failed first
  bool avoid_goals = true;     // among equally short paths, prefer not to cross waiting goals
};

class PrioritizedPlanner final : public Planner {
public:
  PrioritizedPlanner(PrioritizedOptions options, std::uint64_t seed)
      : options_(options), seed_(seed) {}
  [[nodiscard]] std::string_view name() const override { return "pp"; }
  Result solve(const Instance& instance, const StopCondition& stop) override;

private:
  PrioritizedOptions options_;
  std::uint64_t seed_;
};

// Farthest from its goal first, then by id: long trips have the fewest ways around others.
std::vector<RobotId> distance_order(const Instance& instance) {
  std::vector<RobotId> order(instance.size());
  std::iota(order.begin(), order.end(), 0);
  std::vector<std::uint32_t> d(instance.size());
  for (std::size_t r = 0; r < instance.size(); ++r)
    d[r] = instance.distances->distance(instance.starts[r], instance.goals[r]);
  std::stable_sort(order.begin(), order.end(), [&](RobotId a, RobotId b) { return d[a] > d[b]; });
  return order;
}

Result PrioritizedPlanner::solve(const Instance& instance, const StopCondition& stop) {
  const auto started = std::chrono::steady_clock::now();
  Result result;
  const bool one_shot = instance.horizon <= 0;
  if (reject_invalid(instance, one_shot, result, started)) return result;
  const auto n = static_cast<RobotId>(instance.size());
  const Motion& motion = instance.motion;
  instance.distances->prepare(instance.goals);

  std::mt19937_64 rng(seed_);
  std::vector<RobotId> order;
  if (options_.order == InitialOrder::Distance) {
    order = distance_order(instance);
  } else {
    order.resize(static_cast<std::size_t>(n));
    std::iota(order.begin(), order.end(), 0);
    std::shuffle(order.begin(), order.end(), rng);
  }

  ReservationTable table(instance.map());
  // Goals of robots not yet planned, as soft parked cells: a higher-priority path that crosses
  // one late forces that robot to wait for it, so ties between shortest paths avoid them.
  ReservationTable goals_ahead(instance.map());
  const bool avoid_goals = options_.avoid_goals && one_shot;
  SpaceTimeAStar astar(motion, *instance.distances);
  std::vector<std::vector<State>> paths(static_cast<std::size_t>(n));
  const int until = one_shot ? ReservationTable::kNever : instance.horizon;
  std::int64_t restarts = 0;

  const auto give_up = [&](std::string message) {
    result.status = Status::Timeout;
    result.plan.clear();
    result.message = std::move(message);
    result.stats.iterations = restarts;
    result.stats.runtime_s = seconds_since(started);
    return result;
  };

  while (true) {
    table.clear();
    if (avoid_goals) {
      goals_ahead.clear();
      for (RobotId r : order) goals_ahead.add_parked(instance.goals[r], 0);
    }
    RobotId failed = -1;
    for (RobotId r : order) {
      if (avoid_goals) goals_ahead.add_parked(instance.goals[r], 0, -1);
      SearchQuery query = robot_query(instance, r, &table);
      query.soft = avoid_goals ? &goals_ahead : nullptr;
      const SearchResult found = astar.search(query, paths[r], &stop);
      result.stats.expanded += found.expanded;
      result.stats.generated += found.generated;
      if (found.status == SearchStatus::Stopped || stop.should_stop())
        return give_up("stopped after " + std::to_string(restarts) + " restarts");
      if (found.status == SearchStatus::NoPath) {
        failed = r;
        break;
      }
      table.add_path(motion, paths[r], 0, one_shot, until);
    }
    if (failed < 0) break;
    if (options_.restarts >= 0 && restarts >= options_.restarts)
      return give_up("robot " + std::to_string(failed) + " found no path; no order worked in " +
                     std::to_string(restarts + 1) + " tries");
    ++restarts;
    std::shuffle(order.begin(), order.end(), rng);
    if (options_.failed_first) {
      const auto it = std::find(order.begin(), order.end(), failed);
      std::rotate(order.begin(), it, it + 1);
    }
  }

  result.plan = assemble_plan(paths.size(), one_shot ? 0 : instance.horizon,
                              [&](std::size_t r) { return std::span<const State>(paths[r]); });
  result.status = Status::Solved;
  result.stats.iterations = restarts;
  result.stats.first_solution_s = seconds_since(started);
  result.stats.first_solution_cost = one_shot ? sum_of_costs(instance, result.plan) : -1;
  result.stats.runtime_s = seconds_since(started);
  return result;
}

}  // namespace

void register_prioritized(PlannerRegistry& registry) {
  registry.add(
      {"pp",
       "prioritized planning: space-time A* per robot around higher-priority paths, random "
       "restarts when a robot fails (incomplete)",
       {{"order", "distance", "first priority order: distance (farthest first) or random"},
        {"restarts", "-1", "give up after this many restarts (-1: until the time limit)"},
        {"failed_first", "true", "on restart, give the robot that failed the top priority"},
        {"avoid_goals", "true",
         "one-shot: among equally short paths, prefer those that avoid the goals of robots "
         "planned later"}},
       [](const ParamValues& p, std::uint64_t seed) {
         PrioritizedOptions options;
         options.order = parse_choice("pp", "order", p.text("order"), {"distance", "random"}) == 0
                             ? InitialOrder::Distance
                             : InitialOrder::Random;
         options.restarts = p.integer("restarts");
         options.failed_first = p.flag("failed_first");
         options.avoid_goals = p.flag("avoid_goals");
         return std::make_unique<PrioritizedPlanner>(options, seed);
       }});
}

}  // namespace fleet::planner
