// One step of PIBT (priority inheritance with backtracking; Okumura et al., AIJ 2022) with the
// swap technique (Okumura, "Engineering LaCAM*", AAMAS 2024): the configuration generator of
// the pibt and lacam planners, under both motion models, with LaCAM's constraints.
#pragma once

#include <fleet/planner/instance.hpp>

#include "scalable/goal_distances.hpp"
#include "scalable/guidance.hpp"
#include "scalable/lazy_distances.hpp"
#include "scalable/random.hpp"

#include <cstdint>
#include <memory>
#include <span>
#include <vector>

namespace fleet::planner::scalable {

/// LaCAM's low-level constraint: `robot` must take exactly `state` next.
struct Constraint {
  RobotId robot;
  State state;
};

struct PibtOptions {
  bool swap = true;          ///< emulate swaps in corridors (pull the blocking robot back)
  int corridor_limit = 256;  ///< longest corridor the swap test walks before giving up
  /// Layout guidance added to the distance when ranking moves; null: exact distance only.
  /// Shared so that the traffic a lifelong planner has seen survives its per-call generators.
  std::shared_ptr<Guidance> guidance;
  /// Distances that rank moves, order robots and decide swaps (a guidance graph's, see
  /// GuidedTables); null: the exact distances (the lazy ones when given, else the instance's).
  std::shared_ptr<const DistanceTable> heuristic;
  /// Lifelong: ticks of waiting a robot is credited with when it gets a new goal. PIBT
  /// otherwise ranks a robot that has just finished below every robot on its way, so the
  /// robots queueing for a station box in the ones leaving it.
  float new_goal_priority = 0.0F;
  /// Lifelong: at most this many robots per goal are let within queue_radius of it, the
  /// nearest; the others wait outside, below every other robot in priority, so that a
  /// station's queue does not box in the robots leaving it (0: no limit).
  int queue_limit = 0;
  /// Lifelong: the radius (in the ranking distances' units) robots held back wait outside.
  int queue_radius = 6;
};

/// Computes the next configuration from the current one. Robots decide in priority order;
/// a robot that wants an occupied cell makes its occupant decide next (priority inheritance)
/// and backtracks when the occupant cannot move away.
///
/// Both motion models plan on cells: each robot reserves its next cell among its own and its
/// 4-neighbours, ranked by the exact ticks-to-goal through that cell (turns included under the
/// rotation model). PIBT on cells never makes a vertex or swap conflict. Under the rotation
/// model the cell plan is then turned into actions: a robot facing its next cell moves
/// forward; a robot not facing it rotates toward it and stays. A robot that stays keeps its
/// cell, so the robot that meant to enter that cell must stay too, and so on down the chain
/// (cycles included). After that cascade every moving robot enters a cell nobody else enters
/// and whose occupant leaves, and robots only lose moves, so the step is still free of
/// vertex and swap conflicts.
///
/// With guidance (PibtOptions::guidance) a robot ranks its cells by distance plus the move's
/// guidance cost; staying costs as much as the move it would rather make, so guidance can
/// send a robot round traffic but never ranks waiting above that move. Swaps, priorities and
/// to_go() still use exact distances.
///
/// Scratch arrays are indexed by cell and robot and reused, so a step allocates nothing.
/// The instance must outlive the generator.
class Pibt {
public:
  /// Distances come from `lazy` when given (it must outlive the generator), else from the
  /// instance's shared table.
  Pibt(const Instance& instance, PibtOptions options, std::uint64_t seed,
       LazyDistances* lazy = nullptr);

  /// Writes the configuration after `from` into `to`. `order` lists the robots, highest
  /// priority first (robots missing from it decide last, by id). Robots in `fixed` take
  /// exactly their given successor state. Returns false (and `to` is unspecified) when no
  /// conflict-free configuration honouring `fixed` was found.
  bool step(std::span<const State> from, std::span<const RobotId> order,
            std::span<const Constraint> fixed, std::span<State> to);

  /// Per robot, the neighbour an earlier plan has it enter next, or kNoCell. The hinted cell
  /// ranks above every other choice, so a rollout keeps what an earlier window's improvement
  /// found wherever the robots are still on that plan. An empty span (the default) hints
  /// nothing; the span must outlive the steps that use it.
  void hint(std::span<const Cell> cells) { hints_ = cells; }
  /// Per robot, 1 for a robot held outside `radius` of its goal (see GoalDistances::hold);
  /// before the first step. The span must outlive the steps that use it.
  void hold(std::span<const std::uint8_t> held, std::uint32_t radius) {
    distances_.hold(held, radius);
  }

  [[nodiscard]] const Instance& instance() const { return *instance_; }
  /// Whether steps feed the traffic guidance (on by default). A rollout planning past the
  /// ticks that will be executed turns it off there, so the flow counts only real traffic.
  void record_traffic(bool on) { record_traffic_ = on; }
  /// After a successful step: each robot's distance to its goal from its new state (known
  /// from the step's own look-ups, so callers summing them pay no cache misses).
  [[nodiscard]] std::span<const std::uint32_t> to_go() const { return to_go_; }

private:
  static constexpr int kMaxCandidates = 5;

  struct Near {
    Cell cell;
    std::uint32_t key;       // ticks to go after this tick if the robot reserves `cell`
    std::uint32_t cell_key;  // distance from `cell` in its best heading (= key, 4-connected)
  };

  bool plan(RobotId i, Cell avoid);
  void refresh_near(RobotId r, State s);
  [[nodiscard]] const Near* near(RobotId r, Cell c) const;
  [[nodiscard]] std::uint32_t near_key(RobotId r, Cell c) const;
  [[nodiscard]] Cell wanted_cell(RobotId i) const;
  void rank_candidates(RobotId i);
  [[nodiscard]] std::uint32_t guidance_cost(RobotId i, const Near* near, int k) const;
  RobotId swap_partner(RobotId i, Cell b) const;
  bool swap_required(RobotId i, RobotId j, Cell from, Cell toward) const;
  Cell cell_to_leave_free(RobotId i, Cell b, RobotId j) const;
  bool swap_possible(Cell from, Cell away_from) const;
  int corridor_exits(Cell cur, Cell prev, Cell* exit) const;
  void retreat_first(RobotId i, RobotId partner, Cell b);
  [[nodiscard]] std::uint32_t cell_distance(RobotId r, Cell c) const;
  [[nodiscard]] std::uint32_t state_distance(RobotId r, State s) const;
  bool to_actions(std::span<State> to);
  void clear_step();

  const Instance* instance_;
  const Motion* motion_;
  const Grid* grid_;
  GoalDistances distances_;
  LazyDistances* lazy_;  // for prefetching; may be null
  PibtOptions options_;
  Guidance* guidance_;  // options_.guidance, or null when it adds nothing
  SplitMix64 rng_;

  std::span<const State> from_;
  std::span<const Cell> hints_;
  std::vector<RobotId> now_;   // robot standing in each cell in `from`, or -1
  std::vector<RobotId> next_;  // robot that reserved each cell for the next tick, or -1
  std::vector<Cell> target_;   // each robot's reserved next cell, kNoCell while undecided
  std::vector<std::uint8_t> fixed_;
  std::vector<State> fixed_state_;
  // Each robot's own cell and neighbours with their keys, kept while the robot's state is
  // unchanged: looking distances up is the cost of a step (one cache miss per goal table), so
  // they are fetched in one tight loop over the robots, where the misses overlap.
  std::vector<State> near_state_;
  std::vector<Near> near_;  // kMaxCandidates per robot, own cell first
  std::vector<std::uint8_t> near_count_;
  std::vector<Cell> candidates_;  // kMaxCandidates per robot, best first
  std::vector<std::uint8_t> candidate_count_;
  std::vector<std::uint32_t> to_go_;
  std::vector<std::uint8_t> moving_;  // rotation model: still moving after the cascade
  std::vector<RobotId> stack_;
  bool broken_ = false;  // a robot had to stay on a cell a fixed robot enters
  bool record_traffic_ = true;
};

}  // namespace fleet::planner::scalable
