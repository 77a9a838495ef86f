// Large neighbourhood search improvement of a one-shot solution (Li et al., "Anytime
// Multi-Agent Path Finding via Large Neighborhood Search", IJCAI 2021): destroy the paths of a
// few robots chosen by one of three strategies (robots delaying a delayed robot, robots
// around an intersection, random robots), replan them one by one with safe-interval search
// against everyone else's paths, and keep the new paths when the sum of costs does not rise.
// Strategy choice adapts to which strategies have paid off.
#pragma once

#include <fleet/planner/plan.hpp>
#include <fleet/planner/search/reservation_table.hpp>
#include <fleet/planner/search/space_time_astar.hpp>
#include <fleet/planner/stop_condition.hpp>

#include "scalable/goal_distances.hpp"
#include "scalable/interval_search.hpp"
#include "scalable/occupancy.hpp"
#include "scalable/random.hpp"
#include "search/sipp.hpp"

#include <array>
#include <cstdint>
#include <vector>

namespace fleet::planner::scalable {

struct LnsOptions {
  /// Robots destroyed per round; 0 adapts it: sizes 2, 4, ..., 32 are drawn with weights
  /// that follow which sizes have been paying off (dense maps favour small ones).
  int neighbourhood = 0;
  std::int64_t max_rounds = -1;    ///< stop after this many rounds (-1: only `stop` ends it)
  /// Single-robot search: IntervalSearch over the recorded visits (fast on long plans), or
  /// the shared SIPP / space-time A* over a ReservationTable.
  enum class LowLevel { Intervals, Sipp, AStar } low_level = LowLevel::Intervals;
  std::int64_t max_expansions = 200000;  ///< Intervals: give a replan up beyond this
};

struct LnsOutcome {
  Plan plan;
  std::int64_t initial_cost = 0;  ///< sum of costs of the given plan
  std::int64_t cost = 0;          ///< sum of costs of the returned plan
  std::int64_t rounds = 0;
  std::int64_t accepted = 0;      ///< rounds whose result was kept (not worse)
  std::int64_t improved = 0;      ///< rounds that lowered the cost
  std::int64_t replans = 0;       ///< single-robot searches
  std::int64_t failed_replans = 0;
  std::int64_t expanded = 0;      ///< search nodes expanded (intervals low level)
};

class Lns {
public:
  enum Strategy : int { kAgent = 0, kMap = 1, kRandom = 2, kStrategies = 3 };

  /// The instance (and `lazy`, when given: distances grown by an earlier search, reused
  /// here) must outlive the object.
  Lns(const Instance& instance, LnsOptions options, std::uint64_t seed,
      LazyDistances* lazy = nullptr);

  /// Improves `plan`, a valid one-shot solution of the instance, until `stop` fires or
  /// max_rounds rounds have run. Deterministic for a seed when stopped by the round count.
  LnsOutcome improve(const Plan& plan, const StopCondition& stop);

private:
  void load(const Plan& plan);
  [[nodiscard]] Plan assemble() const;
  [[nodiscard]] std::int64_t length(RobotId r) const {
    return static_cast<std::int64_t>(occupancy_.path(r).size()) - 1;
  }
  bool replan(RobotId r, std::int64_t max_cost, const StopCondition& stop);
  bool round(const StopCondition& stop);

  Strategy pick_strategy();
  void choose(Strategy strategy);
  void agent_based();
  void map_based();
  void random_robots();
  void add_member(RobotId r);

  const Instance* instance_;
  const Motion* motion_;
  LnsOptions options_;
  SplitMix64 rng_;
  GoalDistances distances_;
  Occupancy occupancy_;          // every robot's path, parked on its goal after arrival
  IntervalSearch intervals_;
  Sipp sipp_;
  SpaceTimeAStar astar_;
  ReservationTable reserved_;    // kept only for the shared low levels
  std::vector<std::int32_t> shortest_;  // each robot's distance from its start
  std::int64_t cost_ = 0;
  std::int64_t replans_ = 0;
  std::int64_t failed_replans_ = 0;
  std::array<double, kStrategies> weights_{1.0, 1.0, 1.0};
  static constexpr int kSizes = 5;  // adaptive sizes 2, 4, 8, 16, 32
  std::array<double, kSizes> size_weights_{1.0, 1.0, 1.0, 1.0, 1.0};
  int size_choice_ = 0;
  int size_ = 0;  // robots wanted this round
  RobotId last_seed_robot_ = -1;
  // Scratch for one round.
  std::vector<RobotId> members_;
  std::vector<std::uint8_t> member_;
  std::vector<std::vector<State>> old_paths_;
  std::vector<State> path_;
  std::vector<RobotId> found_;
  std::vector<Cell> cells_;
  std::vector<std::uint8_t> seen_cell_;
};

}  // namespace fleet::planner::scalable
