// Safe interval path planning (Phillips & Likhachev, ICRA 2011) for one robot around the
// robots of an Occupancy: a node is a state together with a maximal run of ticks in which its
// cell is free, reached as early as possible. The free runs come straight from the cell's
// recorded visits, so a busy map with long paths costs no per-tick look-ups.
#pragma once

#include <fleet/planner/search/packed_map.hpp>

#include "scalable/goal_distances.hpp"
#include "scalable/occupancy.hpp"

#include <cstdint>
#include <vector>

namespace fleet::planner::scalable {

class IntervalSearch {
public:
  /// All three must outlive the search object.
  IntervalSearch(const Motion& motion, GoalDistances distances, const Occupancy& others);

  /// Writes into `path` (path[t] is the state at tick t, from `start` at tick 0) the earliest
  /// path for `robot` that ends on `goal` at a tick from which nobody in the occupancy ever
  /// stands there again, with no vertex or swap conflict with anyone. Returns false when there
  /// is none arriving by tick `max_cost`, or when more than `max_expansions` nodes would be
  /// needed.
  bool search(RobotId robot, State start, Cell goal, std::int32_t max_cost,
              std::int64_t max_expansions, std::vector<State>& path);

  [[nodiscard]] std::int64_t expanded() const { return expanded_; }

private:
  struct Interval {
    std::int32_t lo;
    std::int32_t hi;  // inclusive; Occupancy::kForever when open-ended
  };
  struct Node {
    State state;
    std::int32_t interval;  // index into intervals_
    std::int32_t local;     // its rank among its cell's intervals
    std::int32_t t;         // arrival tick
    std::int32_t f;
    std::int32_t h;         // distance left
    std::int32_t parent;
  };

  std::pair<std::int32_t, std::int32_t> intervals(Cell cell);
  void push(std::int32_t node);
  void reach(State s, std::int32_t interval, std::int32_t local, std::int32_t t,
             std::int32_t parent);

  const Motion* motion_;
  GoalDistances distances_;
  RobotId robot_ = -1;  // the robot being planned
  const Occupancy* others_;
  std::vector<Interval> intervals_;
  std::vector<std::int32_t> cell_begin_;
  std::vector<std::int32_t> cell_count_;
  std::vector<std::uint32_t> cell_stamp_;
  std::uint32_t stamp_ = 0;
  std::vector<Occupancy::Visit> sorted_;
  std::vector<Node> nodes_;
  std::vector<std::int32_t> open_;  // binary heap of node indices
  PackedMap best_;                  // (state, interval rank) -> earliest arrival
  std::int64_t expanded_ = 0;
  std::int32_t goal_free_ = 0;  // first tick from which the goal stays free
  std::int32_t max_cost_ = 0;
};

}  // namespace fleet::planner::scalable
