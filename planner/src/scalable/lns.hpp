// Large neighbourhood search improvement of a one-shot solution (Li et al., "Anytime
// Multi-Agent Path Finding via Large Neighborhood Search", IJCAI 2021): destroy the paths of a
// few robots chosen by one of three strategies (robots delaying a delayed robot, robots
// around an intersection, random robots), replan them one by one with safe-interval search
// against everyone else's paths, and keep the new paths when the sum of costs does not rise.
// Strategy and size choices adapt to what has paid off. With several threads, a batch of
// disjoint neighbourhoods is replanned in parallel on replicas of the same snapshot and
// committed in a fixed order, each checked against the ones committed before it: the result
// depends on the seed and the thread count, not on scheduling.
//
// With a window (lifelong planning, as in the LoRR 2023 winner WPPL) the same machinery
// improves the PIBT rollout of one window instead: paths are exactly W + 1 states, the score
// is the windowed objective (windowed_cost.hpp), conflicts count only inside the window, and
// neighbourhoods are replanned by the shared space-time A* bounded by the window, one search
// and one replica of the reservations per thread.
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
#include <memory>
#include <span>
#include <vector>

namespace fleet::planner::scalable {

struct LnsOptions {
  /// Robots destroyed per round; 0 adapts it: sizes 2, 4, ..., 32 are drawn with weights
  /// that follow which sizes have been paying off (dense maps favour small ones).
  int neighbourhood = 0;
  std::int64_t max_rounds = -1;    ///< stop after this many rounds (-1: only `stop` ends it)
  /// Stop after this many rounds in a row that lowered nothing (-1: never): a converged
  /// search gives its time back.
  std::int64_t patience = -1;
  /// Single-robot search: IntervalSearch over the recorded visits (fast on long plans), or
  /// the shared SIPP / space-time A* over a ReservationTable.
  enum class LowLevel { Intervals, Sipp, AStar } low_level = LowLevel::Intervals;
  std::int64_t max_expansions = 200000;  ///< Intervals: give a replan up beyond this
  /// Neighbourhoods replanned at once (TBB), with any low level. The batch (and so the
  /// result) follows this number; how many cores really run it does not change the result.
  int threads = 1;
  /// 0: one-shot solutions, scored by the sum of costs. W > 0: lifelong windows of exactly
  /// W + 1 configurations, scored by the windowed objective; the low level is then always
  /// the shared space-time A*, which plans to tick W exactly.
  int window = 0;
};

struct LnsOutcome {
  Plan plan;
  std::int64_t initial_cost = 0;  ///< sum of costs (windowed: objective) of the given plan
  std::int64_t cost = 0;          ///< the same of the returned plan
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
  /// here; `heuristic`, when given: guided distances, read instead of the exact ones) must
  /// outlive the object.
  Lns(const Instance& instance, LnsOptions options, std::uint64_t seed,
      LazyDistances* lazy = nullptr, const DistanceTable* heuristic = nullptr);

  /// Improves `plan`, a valid one-shot solution of the instance (windowed: a conflict-free
  /// plan of exactly window + 1 configurations from the starts), until `stop` fires or
  /// max_rounds rounds have run. Deterministic for a seed when stopped by the round count.
  /// One call per object.
  LnsOutcome improve(const Plan& plan, const StopCondition& stop);
  /// Per robot, 1 for a robot whose path is never replanned (an empty span: none); before
  /// improve. The span must outlive the call.
  void keep(std::span<const std::uint8_t> kept) { kept_ = kept; }

private:
  /// One neighbourhood of a batch: chosen on the snapshot, replanned by a worker, then
  /// committed or dropped.
  struct Proposal {
    Strategy strategy = kRandom;
    int size_choice = 0;
    std::vector<RobotId> members;  // in replanning order
    std::vector<std::vector<State>> paths;  // new paths, by member
    std::vector<std::int64_t> costs;        // their costs, by member
    std::int64_t old_cost = 0;
    std::int64_t new_cost = 0;
    bool ok = false;
  };
  /// What one thread replans with: replicas of the occupancy and of the reservations
  /// (worker 0 uses the masters) and its own search scratch for each low level.
  struct Worker {
    Worker(const Motion& motion, GoalDistances distances, const DistanceTable& table,
           const Occupancy& replica, ReservationTable& reservations)
        : occupancy(&replica),
          reserved(&reservations),
          search(motion, distances, replica),
          sipp(motion, table),
          astar(motion, table) {}
    const Occupancy* occupancy;
    ReservationTable* reserved;  // the shared low levels' hard constraints
    IntervalSearch search;
    Sipp sipp;
    SpaceTimeAStar astar;
    std::vector<State> path;
    std::int64_t replans = 0;
    std::int64_t failed = 0;
  };

  void load(const Plan& plan);
  [[nodiscard]] Plan assemble() const;
  /// One-shot: the arrival tick (the path parks on the goal); windowed: windowed_cost.
  [[nodiscard]] std::int64_t path_cost(RobotId r, const std::vector<State>& path) const;
  /// Counts `path` into (count 1) or out of (count -1) the shared low levels' reservations
  /// `table`: parked for good when one-shot, held up to the window's end when windowed.
  void reserve(ReservationTable& table, const std::vector<State>& path, int count) const;
  void select(Proposal& proposal);
  void propose(Worker& worker, Occupancy& replica, Proposal& proposal, const StopCondition& stop);
  bool replan(Worker& worker, RobotId r, std::int64_t max_cost, const StopCondition& stop);
  bool commit(Proposal& proposal, bool check);
  [[nodiscard]] bool fits(const std::vector<State>& path) const;
  void learn(const Proposal& proposal, bool kept);

  Strategy pick_strategy();
  void choose(Strategy strategy);
  void agent_based();
  void map_based();
  void random_robots();
  void add_member(RobotId r);

  const Instance* instance_;
  const Motion* motion_;
  LnsOptions options_;
  std::span<const std::uint8_t> kept_;
  SplitMix64 rng_;
  GoalDistances distances_;
  bool guided_;  // distances_ are a guidance graph's costs, not ticks
  Occupancy occupancy_;  // the master: every robot's path, parked on its goal after arrival
  std::vector<std::unique_ptr<Occupancy>> replicas_;  // workers 1..: copies of the master
  std::vector<Worker> workers_;
  const DistanceTable* table_;  // what the shared low levels read (guided or exact)
  ReservationTable reserved_;  // the master, kept only for the shared low levels
  std::vector<std::unique_ptr<ReservationTable>> reserved_replicas_;  // workers 1..
  std::vector<std::int32_t> shortest_;  // each robot's distance from its start
  std::vector<std::int64_t> robot_cost_;  // path_cost of each robot's current path
  std::int64_t cost_ = 0;
  std::array<double, kStrategies> weights_{1.0, 1.0, 1.0};
  static constexpr int kSizes = 5;  // adaptive sizes 2, 4, 8, 16, 32
  std::array<double, kSizes> size_weights_{1.0, 1.0, 1.0, 1.0, 1.0};
  int size_ = 0;  // robots wanted in the neighbourhood being chosen
  RobotId last_seed_robot_ = -1;
  std::vector<Proposal> batch_;
  // Scratch for choosing neighbourhoods.
  std::vector<RobotId> members_;
  std::vector<std::uint8_t> member_;  // set for every robot in the current batch
  std::vector<RobotId> found_;
  std::vector<Cell> cells_;
  std::vector<std::uint8_t> seen_cell_;
};

}  // namespace fleet::planner::scalable
