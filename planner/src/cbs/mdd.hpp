// Multi-valued decision diagrams: every (state, tick) on some path of a given cost from a
// robot's start to its goal under its constraints, level by level. Used to classify
// conflicts (Boyarski et al., "ICBS", IJCAI 2015) and to test whether two robots' cheapest
// paths can avoid each other (the DG / WDG heuristics of Li et al., IJCAI 2019).
// Diagrams live side by side in one MddStore (flat arrays reused across nodes and runs);
// an Mdd is a small view of offsets into it, so building one allocates nothing once warm.
#pragma once

#include <fleet/planner/distance_table.hpp>
#include <fleet/planner/motion.hpp>
#include <fleet/planner/search/packed_map.hpp>
#include <fleet/planner/search/reservation_table.hpp>

#include <cstdint>
#include <span>
#include <vector>

namespace fleet::planner::cbs {

/// Flat storage of many diagrams. Node and level indices inside a diagram are relative to
/// its own offsets, so the arrays may grow (and move) while views of them are held.
struct MddStore {
  std::vector<State> states;           // per node, level by level, sorted within a level
  std::vector<std::uint8_t> masks;     // per node: bit i, i-th successor is a child
  std::vector<std::int32_t> kid_begin; // per node plus one per diagram: range in kids
  std::vector<std::int32_t> kids;      // child node indices
  std::vector<std::int32_t> begin;     // per level plus one: first node of the level
  std::vector<Cell> single;            // per level: the one cell of the level, or kNoCell

  void clear();
  [[nodiscard]] std::size_t bytes() const;
};

/// A one-shot MDD: levels 0..cost; after `cost` the robot rests on its goal.
class Mdd {
public:
  [[nodiscard]] int cost() const { return cost_; }
  [[nodiscard]] bool empty() const { return nodes_ == 0; }
  /// Nodes of level t (t <= cost): their indices run from level_begin(t) to level_begin(t+1).
  [[nodiscard]] std::int32_t level_begin(int t) const {
    return store_->begin[static_cast<std::size_t>(level_off_ + t)];
  }
  [[nodiscard]] State state(std::int32_t node) const {
    return store_->states[static_cast<std::size_t>(state_off_ + node)];
  }
  /// Bit i: the i-th successor (Motion::successors order) of `node` is in the next level.
  [[nodiscard]] std::uint8_t children(std::int32_t node) const {
    return store_->masks[static_cast<std::size_t>(state_off_ + node)];
  }
  /// The node indices of `node`'s children in the next level.
  [[nodiscard]] std::span<const std::int32_t> child_nodes(std::int32_t node) const {
    const auto i = static_cast<std::size_t>(kid_begin_off_ + node);
    const std::int32_t* kids = store_->kids.data() + kid_off_;
    return {kids + store_->kid_begin[i], kids + store_->kid_begin[i + 1]};
  }
  /// The one cell every path of the diagram occupies at tick t, or kNoCell when there are
  /// several (past the cost: the goal).
  [[nodiscard]] Cell single_cell(int t) const {
    if (t > cost_) return goal_;
    return store_->single[static_cast<std::size_t>(single_off_ + t)];
  }
  /// The node index of `s` in level t, or -1.
  [[nodiscard]] std::int32_t find(int t, State s) const;

private:
  friend class MddBuilder;
  const MddStore* store_ = nullptr;
  std::int32_t state_off_ = 0;      // into states and masks
  std::int32_t kid_begin_off_ = 0;  // into kid_begin
  std::int32_t kid_off_ = 0;        // into kids
  std::int32_t level_off_ = 0;      // into begin
  std::int32_t single_off_ = 0;     // into single
  std::int32_t nodes_ = 0;          // 0: empty (no path of that cost)
  std::int32_t cost_ = -2;
  Cell goal_ = kNoCell;
};

/// Builds MDDs into a store with reused scratch arrays (one builder per search).
class MddBuilder {
public:
  MddBuilder(const Motion& motion, const DistanceTable& distances);

  /// The MDD of paths from `start` to `goal` costing exactly `cost` that respect `hard` and
  /// end no earlier than `earliest_end`, appended to `store`. Empty when there is none.
  Mdd build(MddStore& store, State start, Cell goal, int cost, const ReservationTable& hard,
            int earliest_end);

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
