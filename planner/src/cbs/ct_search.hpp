// The one constraint-tree search behind CBS, ECBS and EECBS. The strategies differ only in
// how the next node is selected and in the low-level focal weight:
// - Optimal (CBS, Sharon et al. AIJ 2015): best-first on lower bound + admissible heuristic.
// - Focal (ECBS, Barer et al. SoCS 2014): focal list of nodes within w x the least lower
//   bound, fewest conflicting pairs first; focal low level.
// - Explicit (EECBS, Li, Ruml & Koenig AAAI 2021): explicit estimation search with online
//   learned cost and distance-to-go estimates; focal low level.
// Shared by all: conflict prioritisation by MDDs, bypassing, CG/DG/WDG heuristics (Optimal),
// target, rectangle and corridor reasoning, and a conflict-avoidance table for tie-breaking.
#pragma once

#include "cbs/conflict.hpp"
#include "cbs/constraint.hpp"
#include "cbs/key_map.hpp"
#include "cbs/mdd.hpp"
#include "cbs/vertex_cover.hpp"

#include <fleet/planner/instance.hpp>
#include <fleet/planner/search/reservation_table.hpp>
#include <fleet/planner/search/space_time_astar.hpp>
#include <fleet/planner/stop_condition.hpp>

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <vector>

namespace fleet::planner::cbs {

enum class Strategy : std::uint8_t { Optimal, Focal, Explicit };
enum class Heuristic : std::uint8_t { None, CG, DG, WDG };

struct CbsOptions {
  Strategy strategy = Strategy::Optimal;
  double weight = 1.0;                  ///< suboptimality bound of Focal / Explicit
  Heuristic heuristic = Heuristic::WDG;  ///< admissible high-level heuristic (Optimal only)
  bool prioritize = true;                ///< classify conflicts (cardinal first) by MDDs
  bool bypass = true;                    ///< adopt a child's path when it costs no more
  bool target_reasoning = true;          ///< length / hold constraints for goal conflicts
  bool rectangle_reasoning = true;       ///< barrier constraints (4-connected)
  bool corridor_reasoning = true;        ///< range constraints in corridors
  bool conflict_avoidance = true;        ///< low-level ties broken by fewest conflicts
  std::int64_t node_limit = -1;          ///< high-level expansions (-1: none)
};

enum class Outcome : std::uint8_t { Solved, Timeout, Infeasible, NodeLimit };

struct CbsCounters {
  std::int64_t expanded = 0;      // high-level nodes
  std::int64_t generated = 0;
  std::int64_t ll_searches = 0;
  std::int64_t ll_expanded = 0;
  std::int64_t ll_generated = 0;
  std::int64_t mdds = 0;
  std::int64_t bypasses = 0;
  std::int64_t cardinal = 0;      // conflicts split, by class
  std::int64_t semi_cardinal = 0;
  std::int64_t target_splits = 0;
  std::int64_t rectangle_splits = 0;
  std::int64_t corridor_splits = 0;
  std::int64_t pair_solves = 0;   // WDG sub-searches
  std::int64_t h_recomputed = 0;  // nodes put back after their heuristic raised f
};

struct CbsResult {
  Outcome outcome = Outcome::Timeout;
  std::vector<std::vector<State>> paths;  ///< Solved: one per robot
  std::int64_t cost = 0;                  ///< Solved: sum of path costs
  std::int64_t lower_bound = 0;           ///< least f over the open nodes at the end
  CbsCounters counters;
};

class ConstraintTreeSearch {
public:
  explicit ConstraintTreeSearch(CbsOptions options);
  ~ConstraintTreeSearch();
  ConstraintTreeSearch(const ConstraintTreeSearch&) = delete;
  ConstraintTreeSearch& operator=(const ConstraintTreeSearch&) = delete;

  /// Searches for `instance` (one-shot, or windowed when instance.horizon > 0) starting from
  /// `root_constraints`. The instance must be well-formed (check_instance).
  CbsResult run(const Instance& instance, const StopCondition& stop,
                std::span<const Constraint> root_constraints = {});

private:
  // Nodes, conflicts and path states live in flat arenas (indices, never pointers): a node
  // costs no allocation of its own once the arenas are warm.
  struct Node {
    std::int64_t conf_begin = 0;      // its conflicts in conflicts_, released once expanded
    std::int32_t conf_count = 0;
    std::int64_t cost = 0;            // sum of path costs
    std::int64_t lb = 0;              // sum of per-robot lower bounds
    std::int64_t f = 0;               // lb + admissible h (with pathmax)
    double f_hat = 0.0;               // Explicit: learned cost estimate
    double d_hat = 0.0;               // Explicit: learned distance-to-go
    std::int32_t parent = -1;
    std::int32_t depth = 0;
    std::int32_t cons_begin = 0;
    std::int32_t cons_count = 0;
    std::int32_t change_begin = 0;
    std::int32_t change_count = 0;
    std::int32_t pairs = 0;  // conflicting robot pairs
    bool closed = false;
    bool h_done = false;
  };
  struct PathRecord {
    std::int64_t state_begin = 0;  // its states in states_
    std::int32_t length = 0;
    std::int32_t cost = 0;
    std::int32_t lb = 0;
    std::int32_t version = -1;  // node that set the robot's constraints (-1: root)
    std::int16_t min_x = 0, min_y = 0, max_x = 0, max_y = 0;
  };
  struct Change {
    RobotId robot;
    std::int32_t path;
  };
  struct Workspace;
  enum class Expansion : std::uint8_t { Done, Bypassed, Stopped };

  // ct_search.cpp: set-up, selection and the main loop.
  void reset(const Instance& instance, std::span<const Constraint> root_constraints);
  Outcome plan_root(const StopCondition& stop);
  enum class Order : std::uint8_t { Cleanup, Open, Focal };
  [[nodiscard]] bool after(Order order, std::int32_t a, std::int32_t b) const;
  void heap_push(std::vector<std::int32_t>& heap, Order order, std::int32_t id);
  std::int32_t heap_pop(std::vector<std::int32_t>& heap, Order order);
  std::int32_t heap_top(std::vector<std::int32_t>& heap, Order order);
  std::int32_t select();
  void push(std::int32_t id);
  void refresh_focal();
  [[nodiscard]] std::int64_t lowest_f();
  void finish(CbsResult& result, std::int32_t id);

  // ct_expand.cpp: low level, conflicts, children and bypassing.
  void sync(std::int32_t id);
  int load_constraints(std::int32_t id, RobotId robot, ReservationTable& table) const;
  std::int32_t plan_path(std::int32_t node, RobotId robot, const StopCondition& stop,
                         bool& stopped);
  void add_record_box(PathRecord& record) const;
  [[nodiscard]] std::span<const State> states(std::int32_t path) const;
  [[nodiscard]] PathView view(std::int32_t path) const;
  [[nodiscard]] std::span<Conflict> conflicts(std::int32_t id);
  void conflicts_of(RobotId robot, std::int32_t path, std::vector<Conflict>& out) const;
  void all_conflicts(std::vector<Conflict>& out) const;
  [[nodiscard]] static std::int32_t count_pairs(std::span<const Conflict> conflicts);
  void release_conflicts(std::int32_t id);
  Expansion expand(std::int32_t id, const StopCondition& stop);
  void split(const Conflict& conflict, Constraint out[2]);
  void adopt(std::int32_t id, std::int32_t child);
  void set_cat_path(RobotId robot, std::int32_t path);
  void learn(std::int32_t id, std::int32_t best_child);
  void estimate(Node& node) const;

  // ct_reasoning.cpp: MDDs, classification, heuristics.
  Mdd mdd(std::int32_t id, RobotId robot);
  /// Ranks the node's unranked conflicts; false when `stop` fired first.
  bool classify(std::int32_t id, const StopCondition& stop);
  bool compute_h(std::int32_t id, const StopCondition& stop);
  /// The cost two dependent robots add together (WDG); sets `cache` false when unsure.
  int pair_weight(std::int32_t id, RobotId a, RobotId b, const StopCondition& stop, bool& cache);

  // ct_symmetry.cpp: rectangle and corridor reasoning.
  bool rectangle(const Conflict& conflict, Constraint out[2]) const;
  bool corridor(const Conflict& conflict, Constraint out[2]);

  CbsOptions options_;
  const Instance* instance_ = nullptr;
  RobotId n_ = 0;
  bool one_shot_ = true;
  std::unique_ptr<Workspace> ws_;

  std::vector<Node> nodes_;
  ConflictArena conflicts_;  // each node's conflicts, contiguous
  std::vector<State> states_;              // arena: every path's states
  std::vector<Constraint> constraints_;
  std::vector<Change> changes_;
  std::vector<PathRecord> paths_;
  std::vector<std::int32_t> current_;    // path per robot of the synced node
  std::int32_t synced_ = -1;
  std::vector<std::int32_t> cat_path_;   // path per robot in the conflict-avoidance table
  std::vector<std::uint32_t> seen_;      // per robot, for sync
  std::uint32_t seen_stamp_ = 0;

  // Selection: cleanup by f; open and pending by f_hat; focal by d_hat (lazy deletion).
  std::vector<std::int32_t> cleanup_;
  std::vector<std::int32_t> open_;
  std::vector<std::int32_t> pending_;
  std::vector<std::int32_t> focal_;
  double threshold_ = 0.0;

  // Online learning (Explicit): running sums of one-step errors.
  double error_h_sum_ = 0.0;
  double error_d_sum_ = 0.0;
  std::int64_t error_count_ = 0;

  // MDD cache: (robot, version and cost) -> index into mdd_list_, diagrams in mdd_store_.
  KeyMap mdd_index_;
  std::vector<Mdd> mdd_list_;
  MddStore mdd_store_;
  KeyMap pair_weights_;  // (robot a and version, robot b and version) -> WDG edge weight
  std::unique_ptr<ConstraintTreeSearch> pair_search_;  // WDG: two-robot sub-problems
  bool keep_paths_ = true;  // false for WDG sub-searches: only the cost is read

  CbsCounters counters_;
};

/// Scratch objects tied to one grid, motion model and distance table, kept across runs.
struct ConstraintTreeSearch::Workspace {
  explicit Workspace(const Instance& instance)
      : grid(instance.grid.get()),
        distances(instance.distances.get()),
        kind(instance.motion.kind()),
        hard(*grid),
        cat(*grid),
        astar(instance.motion, *distances),
        mdd_builder(instance.motion, *distances) {}
  [[nodiscard]] bool fits(const Instance& instance) const {
    return grid == instance.grid.get() && distances == instance.distances.get() &&
           kind == instance.motion.kind();
  }

  const Grid* grid;
  const DistanceTable* distances;
  MotionKind kind;
  ReservationTable hard;  // the constraints of the robot being planned or diagrammed
  ReservationTable cat;   // every path of the synced node: soft conflicts
  SpaceTimeAStar astar;
  MddBuilder mdd_builder;
  JointScratch joint;
  VertexCover cover;
  std::vector<State> path;
  std::vector<WeightedEdge> edges;         // compute_h scratch
  std::vector<Constraint> pair_constraints;  // pair_weight scratch
  std::optional<Instance> pair;            // pair_weight: the two robots alone
  std::vector<std::uint8_t> corridor_mark;  // corridor reasoning scratch
  std::vector<std::uint8_t> corridor_none;
  std::vector<std::int32_t> corridor_dist;
  std::vector<Cell> corridor_queue;
};

}  // namespace fleet::planner::cbs
