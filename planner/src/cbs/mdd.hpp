// Multi-valued decision diagrams: every (state, tick) on some path of a given cost from a
// robot's start to its goal under its constraints, level by level. Used to classify
// conflicts (Boyarski et al., "ICBS", IJCAI 2015) and to test whether two robots' cheapest
// paths can avoid each other (the DG / WDG heuristics of Li et al., IJCAI 2019).
#pragma once

#include <fleet/planner/distance_table.hpp>
#include <fleet/planner/motion.hpp>
#include <fleet/planner/search/packed_map.hpp>
#include <fleet/planner/search/reservation_table.hpp>

#include <cstdint>
#include <span>
#include <vector>

namespace fleet::planner::cbs {

/// A one-shot MDD: levels 0..cost; after `cost` the robot rests on its goal.
class Mdd {
public:
  [[nodiscard]] int cost() const { return static_cast<int>(begin_.size()) - 2; }
  [[nodiscard]] bool empty() const { return states_.empty(); }
  /// Nodes of level t (t <= cost): their indices run from level_begin(t) to level_begin(t+1).
  [[nodiscard]] std::int32_t level_begin(int t) const { return begin_[static_cast<std::size_t>(t)]; }
  [[nodiscard]] State state(std::int32_t node) const { return states_[static_cast<std::size_t>(node)]; }
  /// Bit i: the i-th successor (Motion::successors order) of `node` is in the next level.
  [[nodiscard]] std::uint8_t children(std::int32_t node) const {
    return masks_[static_cast<std::size_t>(node)];
  }
  /// The node indices of `node`'s children in the next level.
  [[nodiscard]] std::span<const std::int32_t> child_nodes(std::int32_t node) const {
    const auto i = static_cast<std::size_t>(node);
    return {kids_.data() + kid_begin_[i], kids_.data() + kid_begin_[i + 1]};
  }
  /// The one cell every path of the diagram occupies at tick t, or kNoCell when there are
  /// several (past the cost: the goal).
  [[nodiscard]] Cell single_cell(int t) const;
  /// The node index of `s` in level t, or -1.
  [[nodiscard]] std::int32_t find(int t, State s) const;
  [[nodiscard]] std::size_t bytes() const {
    return states_.size() * (sizeof(State) + 1 + sizeof(std::int32_t)) +
           kids_.size() * sizeof(std::int32_t) + begin_.size() * sizeof(std::int32_t) +
           single_.size() * sizeof(Cell);
  }

private:
  friend class MddBuilder;
  std::vector<State> states_;          // level by level, sorted within a level
  std::vector<std::uint8_t> masks_;
  std::vector<std::int32_t> kid_begin_;  // per node (plus one): its range in kids_
  std::vector<std::int32_t> kids_;
  std::vector<std::int32_t> begin_;    // cost + 2 entries
  std::vector<Cell> single_;           // cost + 1 entries
  Cell goal_ = kNoCell;
};

/// Builds MDDs with reused scratch arrays (one builder per search).
class MddBuilder {
public:
  MddBuilder(const Motion& motion, const DistanceTable& distances);

  /// The MDD of paths from `start` to `goal` costing exactly `cost` that respect `hard` and
  /// end no earlier than `earliest_end`. Empty when there is none.
  Mdd build(State start, Cell goal, int cost, const ReservationTable& hard, int earliest_end);

private:
  Motion motion_;
  const DistanceTable* distances_;
  std::vector<std::uint32_t> stamp_;  // per state: the level stamp it was last added under
  std::uint32_t next_stamp_ = 1;
  std::vector<State> forward_;        // forward-reachable states, level by level
  std::vector<std::int32_t> forward_begin_;
  std::vector<std::uint8_t> keep_mask_;
};

/// Scratch memory of `dependent`, kept between calls.
struct JointScratch {
  std::vector<std::uint64_t> current;
  std::vector<std::uint64_t> next;
  PackedMap seen;
};

/// True when no pair of paths, one from each MDD, avoids every vertex and swap conflict
/// (the robots are "dependent": together they cost at least one more). Gives up and
/// answers false (the safe side for an admissible heuristic) when a level holds more than
/// `max_pairs` joint nodes.
[[nodiscard]] bool dependent(const Motion& motion, const Mdd& a, const Mdd& b,
                             JointScratch& scratch, std::size_t max_pairs = 1U << 15);

}  // namespace fleet::planner::cbs
