// Distances to each robot's goal, grown on demand: one backward breadth-first search per
// distinct goal, advanced layer by layer only as far as the states asked about. A one-shot
// search mostly asks about states near shortest paths, so about half of each map is
// explored, and the start-up cost of thousands of goals falls accordingly.
#pragma once

#include <fleet/planner/instance.hpp>

#include <cstdint>
#include <span>
#include <vector>

namespace fleet::planner::scalable {

class LazyDistances {
public:
  /// The instance must outlive this object.
  explicit LazyDistances(const Instance& instance);

  /// Ticks from `s` to robot `r`'s goal (DistanceTable::kUnreachable if never). Grows the
  /// goal's search as needed; not thread-safe.
  std::uint32_t get(RobotId r, State s);

  /// Grows every goal's search (in parallel, TBB) until it covers each robot's state in
  /// `config`; afterwards get() for those states costs a look-up.
  void prepare(std::span<const State> config);

  /// Grows every search to the end (in parallel, TBB). Afterwards get() only reads, so
  /// several threads may call it at once.
  void complete();

  /// Hints the cache that get(r, s) and get(r, neighbour of s) come soon: a step asks about
  /// thousands of robots, each in its own table, so overlapping the misses pays.
  void prefetch(RobotId r, State s) const;

  /// Bytes held by the searches.
  [[nodiscard]] std::size_t memory_bytes() const;

private:
  struct Search {
    Cell goal = kNoCell;
    std::vector<std::uint16_t> dist;  // per free state; kUnknown until reached
    std::vector<State> frontier;      // the states at distance `radius`
    std::vector<State> next;
    std::uint32_t radius = 0;
    bool started = false;
  };

  void grow(Search& search, std::size_t key) const;
  void start(Search& search) const;
  void advance(Search& search) const;  // one more layer
  [[nodiscard]] std::size_t key(State s) const;

  const Instance* instance_;
  const Motion* motion_;
  int headings_;
  std::vector<std::int32_t> search_of_;  // per robot
  std::vector<Search> searches_;
  // 4-connected: the grid's neighbour lists over free indices, so the searches never look up
  // a cell's free index (frontiers then hold free indices, not cells).
  std::vector<std::int32_t> free_offsets_;
  std::vector<std::int32_t> free_targets_;
};

}  // namespace fleet::planner::scalable
