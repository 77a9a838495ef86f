// Safe interval path planning (Phillips & Likhachev, "SIPP: Safe Interval Path Planning for
// Dynamic Environments", ICRA 2011) over the same ReservationTable as space-time A*: a node
// is (state, maximal run of free ticks of its cell), reached as early as possible, so long
// waits cost one node instead of one per tick. Hard reservations only (no soft conflicts,
// no focal weight, no earliest end): the low level of PP and PBS when chosen.
#pragma once

#include <fleet/planner/distance_table.hpp>
#include <fleet/planner/motion.hpp>
#include <fleet/planner/search/packed_map.hpp>
#include <fleet/planner/search/reservation_table.hpp>
#include <fleet/planner/search/space_time_astar.hpp>
#include <fleet/planner/stop_condition.hpp>

#include <cstdint>
#include <vector>

namespace fleet::planner {

class Sipp {
public:
  /// Both must outlive the search object.
  Sipp(const Motion& motion, const DistanceTable& distances);

  /// The same contract and result as SpaceTimeAStar::search for a query whose soft table is
  /// null, focal weight 1 and earliest end 0 (those fields are ignored).
  SearchResult search(const SearchQuery& query, std::vector<State>& path,
                      const StopCondition* stop = nullptr);

private:
  static constexpr std::int32_t kForever = ReservationTable::kNever;
  struct Interval {
    std::int32_t lo;
    std::int32_t hi;  // inclusive; kForever when the cell stays free
  };
  struct Node {
    State state;
    std::int32_t interval;  // index into intervals_
    std::int32_t local;     // the interval's rank among its cell's intervals
    std::int32_t t;         // arrival tick (absolute)
    std::int32_t f;
    std::int32_t parent;
    bool terminal;          // windowed: waits here through the horizon
  };

  /// The safe intervals of `cell` (computed on first use in a search).
  std::pair<std::int32_t, std::int32_t> intervals(Cell cell);
  void push(std::int32_t index);
  void build_path(std::int32_t index, int end_tick, std::vector<State>& path);

  Motion motion_;
  const DistanceTable* distances_;
  const ReservationTable* hard_ = nullptr;
  std::vector<Interval> intervals_;
  std::vector<std::int32_t> cell_begin_;  // per cell: first interval, valid when stamped
  std::vector<std::int32_t> cell_count_;
  std::vector<std::uint32_t> cell_stamp_;
  std::uint32_t stamp_ = 0;
  std::vector<Node> nodes_;
  std::vector<std::int32_t> open_;  // binary heap of node indices
  PackedMap best_;                  // (state, interval) -> earliest arrival seen
  std::vector<std::int32_t> chain_;  // build_path scratch
};

}  // namespace fleet::planner
