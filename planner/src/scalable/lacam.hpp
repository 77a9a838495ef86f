// LaCAM* (Okumura, "LaCAM: Search-Based Algorithm for Quick Multi-Agent Pathfinding", AAAI
// 2023, and "Improving LaCAM for Scalable Eventually Optimal MAPF", IJCAI 2023): a complete
// depth-first search over configurations that uses PIBT to generate each successor and adds
// constraints lazily, one robot at a time, when PIBT's choice leads nowhere new. After the
// first solution it can keep searching, rewiring known configurations with Dijkstra-like cost
// updates, toward the optimal sum of loss.
#pragma once

#include <fleet/planner/planner.hpp>
#include <fleet/planner/stop_condition.hpp>

#include "scalable/array_pool.hpp"
#include "scalable/config_table.hpp"
#include "scalable/pibt.hpp"

#include <chrono>
#include <cstdint>
#include <deque>
#include <memory>
#include <vector>

namespace fleet::planner::scalable {

struct LacamOptions {
  PibtOptions pibt;
  bool anytime = false;  ///< keep searching for cheaper solutions until stopped
  /// Grow each goal's distances on demand (LazyDistances) instead of reading the instance's
  /// shared tables: a one-shot search needs only about half of each table.
  bool lazy_distances = true;
  /// On meeting a known configuration, restart from the start with this probability (breaks
  /// out of regions the depth-first search keeps circling in).
  double restart_probability = 0.001;
  /// Stop growing the search (keeping the best solution) once its nodes hold this much.
  std::size_t memory_limit_bytes = std::size_t{4} << 30;
};

struct LacamOutcome {
  Status status = Status::Timeout;
  Plan plan;                      ///< the best solution found, empty if none
  std::int64_t cost = -1;         ///< its sum of loss (ticks robots spend off their goals)
  double first_solution_s = -1;   ///< since the search began
  std::int64_t first_cost = -1;   ///< sum of loss of the first solution
  std::int64_t first_soc = -1;    ///< sum of costs of the first solution
  std::int64_t nodes = 0;         ///< configurations met
  std::int64_t generator_calls = 0;
  std::int64_t iterations = 0;
  std::size_t memory_bytes = 0;    ///< search nodes
  std::size_t distance_bytes = 0;  ///< the search's own distances (lazy_distances)
  bool exhausted = false;         ///< the search space was exhausted (optimal or infeasible)
};

class LacamSearch {
public:
  LacamSearch(const Instance& instance, LacamOptions options, std::uint64_t seed);
  LacamSearch(const LacamSearch&) = delete;
  LacamSearch& operator=(const LacamSearch&) = delete;

  /// Makes the distances from every start cheap to read (in parallel), and returns the sum
  /// of them: the lower bound on the sum of costs. Called by run() if not before.
  std::int64_t prepare();

  /// Searches until the first solution (or, anytime, until `stop` or exhaustion).
  LacamOutcome run(const StopCondition& stop);

  /// Robot `r`'s distance from `s` to its goal, from the search's own distances.
  std::uint32_t distance(RobotId r, State s);

  /// Hands over the distances grown so far (null without lazy_distances); the search must
  /// not run again afterwards.
  std::unique_ptr<LazyDistances> release_distances() { return std::move(lazy_); }

private:
  struct Node {
    const State* config = nullptr;
    const float* priority = nullptr;
    const RobotId* order = nullptr;
    std::uint64_t hash = 0;
    Node* parent = nullptr;
    std::int64_t g = 0;  // sum of loss from the start along the best known path
    std::int64_t h = 0;  // sum of distances to go: admissible for the sum of loss
    bool goal = false;
    std::uint32_t next_low = 0;         // next entry of `low` to try
    std::vector<std::int32_t> low;      // low-level constraint nodes, breadth-first
    std::vector<std::pair<Node*, std::int32_t>> edges;  // successors met, with edge cost
  };
  struct LowNode {
    std::int32_t parent;  // -1 for the shared root (no constraint)
    RobotId robot;
    State state;
    std::int32_t depth;
  };

  Node* make_node(std::span<const State> config, Node* parent,
                  std::span<const std::uint32_t> to_go);
  void expand_low(Node& node, std::int32_t low);
  void collect_constraints(std::int32_t low);
  [[nodiscard]] std::int64_t edge_cost(const State* from, const State* to) const;
  void connect(Node* from, Node* to);
  [[nodiscard]] Plan extract(const Node* goal) const;
  [[nodiscard]] std::size_t memory_bytes() const;

  const Instance* instance_;
  LacamOptions options_;
  std::size_t robots_;
  SplitMix64 rng_;
  std::unique_ptr<LazyDistances> lazy_;  // before pibt_, which reads it
  Pibt pibt_;
  std::int64_t lower_bound_ = -1;
  ArrayPool<State> configs_;
  ArrayPool<float> priorities_;
  ArrayPool<RobotId> orders_;
  std::deque<Node> nodes_;
  std::vector<LowNode> low_nodes_;
  ConfigTable<Node> table_;
  std::vector<Node*> open_;
  Node* goal_ = nullptr;
  // Scratch reused every iteration.
  std::vector<Constraint> constraints_;
  Config scratch_;
  std::vector<RobotId> order_scratch_;
  std::vector<std::pair<std::int64_t, Node*>> heap_;
};

}  // namespace fleet::planner::scalable
