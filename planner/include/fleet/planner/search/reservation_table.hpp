// Who holds which cell when: counted reservations over (cell, time), forbidden moves over
// (edge, time), and cells held from some time on forever (robots parked at their goals).
// One type serves as hard constraints (any count > 0 forbids: PP, CBS, PBS) and as soft
// conflict counts (focal searches of ECBS / EECBS count what they would collide with).
#pragma once

#include <fleet/planner/motion.hpp>
#include <fleet/planner/search/packed_map.hpp>

#include <cstdint>
#include <limits>
#include <span>
#include <vector>

namespace fleet::planner {

class ReservationTable {
public:
  /// "Never" for parked_since(); also "no upper limit" for add_path's `until`.
  static constexpr int kNever = std::numeric_limits<int>::max();

  /// The grid must outlive the table.
  explicit ReservationTable(const Grid& grid);

  /// Removes every entry; keeps the memory for the next round.
  void clear();
  [[nodiscard]] bool empty() const { return entries_ == 0; }

  /// Counts one more (or, with a negative count, one fewer) occupant of `cell` at tick `t`.
  void add_vertex(Cell cell, int t, int count = 1);
  /// Forbids (counts) the move `from` -> `to` between ticks t and t + 1. The cells must be
  /// 4-neighbours. A path moving a -> b reserves the reverse move b -> a: the swap.
  void add_move(Cell from, Cell to, int t, int count = 1);
  /// Counts an occupant of `cell` from tick `since` on, forever (a robot at rest at its goal).
  void add_parked(Cell cell, int since, int count = 1);

  /// Reserves a path: path[i] is the state at tick start_time + i. Every cell it holds and
  /// every swap against it are counted up to tick `until`; with `park`, its last cell is held
  /// forever from its last tick on. remove_path undoes exactly what add_path did.
  void add_path(const Motion& motion, std::span<const State> path, int start_time = 0,
                bool park = false, int until = kNever);
  void remove_path(const Motion& motion, std::span<const State> path, int start_time = 0,
                   bool park = false, int until = kNever);

  /// Occupants of `cell` at tick `t`, parked ones included.
  [[nodiscard]] int vertex_count(Cell cell, int t) const {
    int n = parked_since_[cell] <= t ? parked_at(cell, t) : 0;
    if (last_vertex_[cell] >= t) n += vertices_.get(vertex_key(cell, t));
    return n;
  }
  [[nodiscard]] bool vertex_free(Cell cell, int t) const {
    return parked_since_[cell] > t &&
           (last_vertex_[cell] < t || vertices_.get(vertex_key(cell, t)) <= 0);
  }
  /// Entries forbidding the move `from` -> `to` between ticks t and t + 1 (0 when the cells
  /// are equal: waiting is a vertex matter).
  [[nodiscard]] int move_count(Cell from, Cell to, int t) const {
    if (last_move_[from] < t) return 0;
    const int d = direction(from, to);
    return d < 0 ? 0 : moves_.get(move_key(from, d, t));
  }
  [[nodiscard]] bool move_free(Cell from, Cell to, int t) const {
    return move_count(from, to, t) <= 0;
  }

  /// The last tick with an unparked occupant of `cell`, or -1.
  [[nodiscard]] int last_vertex_time(Cell cell) const { return last_vertex_[cell]; }
  /// A lower bound on the first tick with an unparked occupant of `cell` (kNever when there
  /// never was one since clear()): scans of a cell's ticks may start here.
  [[nodiscard]] int first_vertex_time(Cell cell) const { return first_vertex_[cell]; }
  /// The first tick from which `cell` is held forever, or kNever.
  [[nodiscard]] int parked_since(Cell cell) const { return parked_since_[cell]; }
  /// True when nobody occupies `cell` at any tick >= t (a robot may rest there for good).
  [[nodiscard]] bool free_from(Cell cell, int t) const {
    return last_vertex_[cell] < t && parked_since_[cell] == kNever;
  }
  /// True when nobody occupies `cell` at ticks first..last (inclusive).
  [[nodiscard]] bool free_during(Cell cell, int first, int last) const;
  /// Occupants of `cell` summed over ticks >= t, parked robots excluded (soft conflicts a
  /// robot resting at its goal from tick t would still meet).
  [[nodiscard]] int count_from(Cell cell, int t) const;

  /// An upper bound on the tick of every time-dependent entry (-1 when there is none): from
  /// last_time() + 1 on the table no longer changes with time, so searches may fold time.
  [[nodiscard]] int last_time() const { return last_time_; }

private:
  struct Park {
    int since;
    int count;
  };

  static std::uint64_t vertex_key(Cell cell, int t) {
    return (static_cast<std::uint64_t>(static_cast<std::uint32_t>(t)) << 32) |
           static_cast<std::uint32_t>(cell);
  }
  static std::uint64_t move_key(Cell from, int direction, int t) {
    return vertex_key(from * kDirections + direction, t);
  }
  /// 0 east, 1 south, 2 west, 3 north; -1 when `to` is not a 4-neighbour index of `from`.
  [[nodiscard]] int direction(Cell from, Cell to) const {
    if (to == from + width_) return 1;
    if (to == from - width_) return 3;
    if (to == from + 1) return 0;
    if (to == from - 1) return 2;
    return -1;
  }
  [[nodiscard]] int parked_at(Cell cell, int t) const;
  void touch(Cell cell);
  void recompute_parked(Cell cell);

  int width_;
  PackedMap vertices_;  // (cell, t) -> occupants
  PackedMap moves_;     // (cell * 4 + direction, t) -> forbidden moves
  std::vector<int> last_vertex_;   // per cell: exact last tick with a positive count, or -1
  std::vector<int> first_vertex_;  // per cell: a lower bound on the first such tick, or kNever
  std::vector<int> last_move_;     // per cell: an upper bound on forbidden departures, or -1
  std::vector<int> parked_since_;  // per cell: earliest parked tick, or kNever
  std::vector<int> parked_total_;  // per cell: parked robots (any tick)
  std::vector<std::uint8_t> touched_flag_;
  std::vector<Cell> touched_;
  std::vector<std::vector<Park>> parks_;  // per cell; almost always empty or one entry
  std::int64_t entries_ = 0;
  int last_time_ = -1;
};

}  // namespace fleet::planner
