// Exact shortest-path distances from every state to a goal cell, one table per distinct goal,
// computed by backward BFS over the motion model (so headings and rotations are counted).
// Tables are made lazily on first use (thread-safe) or in parallel for a batch of goals, and
// shared by every planner and robot that has that goal: memory grows with distinct goals,
// not with robots.
#pragma once

#include <fleet/planner/motion.hpp>

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

  /// The grid must outlive the table.
  DistanceTable(const Grid& grid, MotionKind kind);
  ~DistanceTable();
  DistanceTable(const DistanceTable&) = delete;
  DistanceTable& operator=(const DistanceTable&) = delete;

  [[nodiscard]] const Motion& motion() const { return motion_; }

  /// Ticks from `from` until standing on `goal` (any heading); kUnreachable if never.
  [[nodiscard]] std::uint32_t distance(State from, Cell goal) const;

  /// Builds the tables of these goals in parallel (TBB); later lookups are free.
  void prepare(std::span<const Cell> goals) const;

  /// Tables built so far and the bytes they hold.
  [[nodiscard]] std::size_t table_count() const { return built_.load(); }
  [[nodiscard]] std::size_t memory_bytes() const;

private:
  struct Table;
  const Table& table(Cell goal) const;
  void build(Cell goal, Table& table) const;

  Motion motion_;
  mutable std::vector<std::once_flag> once_;
  mutable std::vector<std::unique_ptr<Table>> tables_;
  mutable std::atomic<std::size_t> built_{0};
  mutable std::atomic<std::size_t> built_bytes_{0};
};

}  // namespace fleet::planner
