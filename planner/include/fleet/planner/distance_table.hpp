// Shortest-path distances from every state to a goal cell, one table per distinct goal,
// computed backward over the motion model (so headings and rotations are counted). Exact
// ticks by default; with MoveCosts, costs on a guidance graph (each action one unit, moves
// between cells what the graph says), for planners that follow the graph.
// Tables are made lazily on first use (thread-safe) or in parallel for a batch of goals, and
// shared by every planner and robot that has that goal: memory grows with distinct goals,
// not with robots. Long lifelong runs visit ever more goals, so tables can be released
// (release_except) at points where nobody reads them; a released goal is rebuilt on demand.
#pragma once

#include <fleet/planner/motion.hpp>
#include <fleet/planner/move_costs.hpp>

#include <array>
#include <atomic>
#include <cstdint>
#include <limits>
#include <memory>
#include <mutex>
#include <span>
#include <vector>

namespace fleet::planner {

class DistanceTable {
public:
  static constexpr std::uint32_t kUnreachable = std::numeric_limits<std::uint32_t>::max();

  /// Counts of tables held now, at most so far, and built in all (rebuilds included).
  struct Usage {
    std::size_t tables = 0;
    std::size_t bytes = 0;
    std::size_t peak_tables = 0;
    std::size_t peak_bytes = 0;
    std::size_t builds = 0;
  };

  /// The grid must outlive the table. Without `costs` distances are ticks; with them, costs
  /// on that guidance graph (throws std::invalid_argument when made for another grid).
  DistanceTable(const Grid& grid, MotionKind kind, std::shared_ptr<const MoveCosts> costs = nullptr);
  ~DistanceTable();
  DistanceTable(const DistanceTable&) = delete;
  DistanceTable& operator=(const DistanceTable&) = delete;

  [[nodiscard]] const Motion& motion() const { return motion_; }
  /// The guidance graph's costs, or null for exact ticks.
  [[nodiscard]] const MoveCosts* costs() const { return costs_.get(); }

  /// Ticks (or guided cost) from `from` until standing on `goal` (any heading); kUnreachable
  /// if never.
  /// Lock-free once the goal's table exists; may be called from many threads at once.
  [[nodiscard]] std::uint32_t distance(State from, Cell goal) const {
    const Grid& grid = motion_.grid();
    if (!grid.passable(goal) || !motion_.valid(from)) return kUnreachable;
    const std::int32_t free = grid.free_index(motion_.cell(from));
    if (free < 0) return kUnreachable;
    const Table* t = tables_[static_cast<std::size_t>(goal)].load(std::memory_order_acquire);
    if (t == nullptr) t = &build_table(goal);
    const std::size_t k = motion_.has_heading()
                              ? static_cast<std::size_t>(free) * kDirections +
                                    static_cast<std::size_t>(motion_.heading(from))
                              : static_cast<std::size_t>(free);
    return t->at(k);
  }

  /// Builds the tables of these goals in parallel (TBB); later lookups are free.
  void prepare(std::span<const Cell> goals) const;

  /// Frees every table except those of `keep`; returns the bytes freed. Contract: no other
  /// thread may use this object (distance, prepare) during the call, and nobody may hold
  /// a pointer or reference into a table across it (this class hands none out).
  std::size_t release_except(std::span<const Cell> keep);

  /// Tables held now and the bytes they hold (tables plus the per-cell bookkeeping).
  [[nodiscard]] std::size_t table_count() const { return usage().tables; }
  [[nodiscard]] std::size_t memory_bytes() const { return usage().bytes; }
  [[nodiscard]] Usage usage() const;

private:
  // Distances over free states only (free index * headings + heading), in 16 bits whenever
  // every finite distance fits (on every benchmark map, rotation included), else 32 bits.
  struct Table {
    std::vector<std::uint16_t> narrow;
    std::vector<std::uint32_t> wide;
    [[nodiscard]] std::uint32_t at(std::size_t k) const {
      if (!narrow.empty()) return narrow[k] == 0xFFFF ? kUnreachable : narrow[k];
      return wide[k];
    }
    [[nodiscard]] std::size_t bytes() const {
      return narrow.size() * sizeof(std::uint16_t) + wide.size() * sizeof(std::uint32_t);
    }
  };
  static constexpr std::size_t kStripes = 64;  // builders of different goals rarely wait

  const Table& build_table(Cell goal) const;
  void build(Cell goal, Table& table) const;
  [[nodiscard]] std::size_t bookkeeping_bytes() const;
  void note_held(std::ptrdiff_t tables, std::ptrdiff_t bytes) const;

  Motion motion_;
  std::shared_ptr<const MoveCosts> costs_;
  // Backward edges over compact states (free index * headings + heading), waiting excluded.
  // 4-connected: the predecessors of k are sources_[offsets_[k] .. offsets_[k + 1]).
  // Rotation: the two rotations within k's cell, and behind_[k] (the state a forward move
  // into k starts from, or none).
  std::vector<std::uint32_t> offsets_;
  std::vector<std::uint32_t> sources_;
  std::vector<std::uint32_t> behind_;
  // The cost of each backward edge above (all 1 without move costs).
  std::vector<std::uint8_t> source_costs_;
  std::vector<std::uint8_t> behind_cost_;
  // Per cell: its table once built (published with release, read with acquire). The count
  // is kept apart from the grid so that a table may outlive the grid it was made for.
  std::size_t table_count_;
  std::unique_ptr<std::atomic<const Table*>[]> tables_;
  mutable std::array<std::mutex, kStripes> building_;
  mutable std::mutex counting_;  // guards the counts below (only touched when building/freeing)
  mutable Usage usage_;
};

}  // namespace fleet::planner
