// A 4-connected grid of cells: the map every planner and the simulator work on.
// Cells are int32 indices y * width + x; (0,0) is the top-left corner, x is the column.
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <vector>

namespace fleet::planner {

using Cell = std::int32_t;
inline constexpr Cell kNoCell = -1;

/// Directions in the League of Robot Runners heading order: 0 east, 1 south, 2 west, 3 north.
enum class Direction : std::uint8_t { East = 0, South = 1, West = 2, North = 3 };
inline constexpr int kDirections = 4;

/// Largest accepted map: each side at most 32,768 cells and at most 2^26 cells in all, so a
/// corrupt header never makes us allocate blindly.
inline constexpr int kMaxGridSide = 1 << 15;
inline constexpr std::int64_t kMaxGridCells = std::int64_t{1} << 26;

class Grid {
public:
  /// `passable` has width*height entries, row-major. Throws std::invalid_argument when the
  /// dimensions are out of range or do not match.
  Grid(int width, int height, std::vector<std::uint8_t> passable);

  /// A grid from text rows ('.' free, '@' blocked), for tests and examples.
  static Grid from_rows(const std::vector<std::string>& rows);

  [[nodiscard]] int width() const { return width_; }
  [[nodiscard]] int height() const { return height_; }
  [[nodiscard]] Cell size() const { return static_cast<Cell>(passable_.size()); }
  [[nodiscard]] bool in_bounds(int x, int y) const {
    return x >= 0 && y >= 0 && x < width_ && y < height_;
  }
  [[nodiscard]] Cell cell(int x, int y) const { return y * width_ + x; }
  [[nodiscard]] int x(Cell c) const { return c % width_; }
  [[nodiscard]] int y(Cell c) const { return c / width_; }
  [[nodiscard]] bool valid(Cell c) const { return c >= 0 && c < size(); }
  [[nodiscard]] bool passable(Cell c) const { return valid(c) && passable_[c] != 0; }

  /// The passable neighbour of `c` in direction `d`, or kNoCell.
  [[nodiscard]] Cell step(Cell c, Direction d) const {
    return steps_[static_cast<std::size_t>(c) * kDirections + static_cast<std::size_t>(d)];
  }
  /// Passable 4-neighbours of a passable cell, in direction order (E, S, W, N).
  [[nodiscard]] std::span<const Cell> neighbours(Cell c) const {
    return {targets_.data() + offsets_[c], targets_.data() + offsets_[c + 1]};
  }

  /// Passable cells in increasing index order, and each cell's position in that list (-1 if
  /// blocked): lets per-cell tables skip obstacles.
  [[nodiscard]] std::span<const Cell> free_cells() const { return free_cells_; }
  [[nodiscard]] std::int32_t free_index(Cell c) const { return free_index_[c]; }
  [[nodiscard]] std::int32_t free_count() const {
    return static_cast<std::int32_t>(free_cells_.size());
  }

  /// CSR arrays (row offsets per cell, then targets) for graph views.
  [[nodiscard]] std::span<const std::int32_t> csr_offsets() const { return offsets_; }
  [[nodiscard]] std::span<const Cell> csr_targets() const { return targets_; }

private:
  int width_;
  int height_;
  std::vector<std::uint8_t> passable_;
  std::vector<Cell> steps_;  // kDirections per cell
  std::vector<std::int32_t> offsets_;
  std::vector<Cell> targets_;
  std::vector<Cell> free_cells_;
  std::vector<std::int32_t> free_index_;
};

/// Reads a MovingAI `.map` file. Throws fleet::InputError naming the file and line.
Grid load_map(const std::filesystem::path& path);

/// Parses MovingAI map text; `source` names it in errors.
Grid parse_map(std::istream& in, const std::string& source);

}  // namespace fleet::planner
