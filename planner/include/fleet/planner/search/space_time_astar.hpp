// Single-robot search over (state, tick) under either motion model, around reservations:
// A* with the exact distance table as heuristic, or focal search (bounded suboptimal, fewest
// soft conflicts first) when a focal weight above 1 is given. The low level of PP, CBS,
// ECBS, EECBS and PBS. One object is reused across calls: its node pool, open and focal lists
// and closed table keep their memory, so a search allocates nothing once warm.
#pragma once

#include <fleet/planner/distance_table.hpp>
#include <fleet/planner/motion.hpp>
#include <fleet/planner/search/packed_map.hpp>
#include <fleet/planner/search/reservation_table.hpp>
#include <fleet/planner/stop_condition.hpp>

#include <cstdint>
#include <vector>

namespace fleet::planner {

struct SearchQuery {
  State start = kNoState;
  Cell goal = kNoCell;
  /// The tick of `start`; reservations are looked up at absolute ticks.
  int start_time = 0;
  /// 0: one-shot, the path ends on the goal at a tick from which nobody in `hard` ever
  /// occupies it again. h > 0: windowed, the path ends at tick h exactly (it may end away
  /// from the goal; arriving early and holding the goal until h is preferred).
  int horizon = 0;
  /// Forbidden: any positive count blocks the cell, move or parked cell. May be null.
  const ReservationTable* hard = nullptr;
  /// Counted: fewer soft conflicts win ties (A*) or rank the focal list. May be null.
  const ReservationTable* soft = nullptr;
  /// >= 1. Above 1: focal search, returning a path of cost <= weight * lower_bound. Past
  /// the last reserved tick nodes merge per state (time folding), so of two arrivals at one
  /// state there the earlier is kept even if the later met fewer soft conflicts.
  double focal_weight = 1.0;
  /// One-shot: the earliest tick at which the path may end (come to rest on the goal); the
  /// robot may pass its goal before. CBS's length constraints (target reasoning). 0: none.
  int earliest_end = 0;
};

enum class SearchStatus : std::uint8_t {
  Found,   ///< `path` holds the answer
  NoPath,  ///< proven: no path satisfies the hard reservations
  Stopped  ///< the StopCondition fired first
};

struct SearchResult {
  SearchStatus status = SearchStatus::NoPath;
  /// Found: one-shot, ticks from start to the final arrival on the goal; windowed, the
  /// arrival tick if the goal is reached and held until the horizon, else the horizon plus
  /// the remaining distance to the goal (both relative to start_time).
  int cost = -1;
  /// The least f over open nodes when the search ended: a lower bound on the optimal cost.
  int lower_bound = 0;
  /// Soft conflicts along the returned path (one-shot: also those met after parking).
  int conflicts = 0;
  std::int64_t expanded = 0;
  std::int64_t generated = 0;
};

class SpaceTimeAStar {
public:
  /// Both must outlive the search object.
  SpaceTimeAStar(const Motion& motion, const DistanceTable& distances);

  /// Fills `path` (path[i] is the state at tick start_time + i) when a path is found; leaves
  /// it empty otherwise. Polls `stop` every few hundred expansions.
  SearchResult search(const SearchQuery& query, std::vector<State>& path,
                      const StopCondition* stop = nullptr);

private:
  struct Node {
    State state;
    std::int32_t t;       // absolute tick
    std::int32_t f;       // g + h, g = t - start_time
    std::int32_t conflicts;
    std::int32_t parent;  // index into nodes_, -1 for the root
    std::uint8_t flag;    // kOpen, kClosed or kStale
    std::int32_t next = -1;  // the next node waiting in the same f bucket, or -1
  };
  static constexpr std::uint8_t kOpen = 0;
  static constexpr std::uint8_t kClosed = 1;
  static constexpr std::uint8_t kStale = 2;  // replaced by a better copy of its (state, tick)

  void reset();
  void push(std::int32_t index);
  std::int32_t pop();
  void raise_bound();
  [[nodiscard]] bool focal_before(std::int32_t a, std::int32_t b) const;
  void build_path(std::int32_t index, std::vector<State>& path) const;

  Motion motion_;
  const DistanceTable* distances_;
  std::vector<Node> nodes_;
  PackedMap seen_;  // (state, folded tick) -> newest node index
  // Open nodes bucketed by f (integral under unit costs): nodes with f <= bound_ sit in the
  // focal heap, the others wait in their bucket (a list threaded through the nodes, so a
  // push allocates nothing) until the bound reaches them.
  std::vector<std::int32_t> buckets_;  // per f: the first waiting node, or -1
  std::vector<std::int32_t> open_count_;  // live open nodes per f
  std::vector<std::int32_t> focal_;       // heap ordered by focal_before
  std::int32_t f_min_ = 0;
  std::int32_t bound_ = 0;
  std::int32_t f_end_ = 0;  // buckets_ entries in use this search
  double weight_ = 1.0;
};

}  // namespace fleet::planner
