// Small random MAPF instances for the search-planner tests: random grids with obstacles,
// distinct starts and distinct goals in one connected region, from a fixed seed.
#pragma once

#include <fleet/planner/instance.hpp>

#include <deque>
#include <memory>
#include <random>
#include <string>
#include <vector>

namespace fleet::test {

struct SmallCase {
  std::string label;
  planner::Instance instance;
};

/// A width x height grid with about `obstacle_percent` % blocked cells and `robots` robots
/// whose starts and goals all lie in the largest connected region.
inline SmallCase random_small_case(int width, int height, int obstacle_percent, int robots,
                                   std::uint32_t seed,
                                   planner::MotionKind kind = planner::MotionKind::FourConnected) {
  std::mt19937 rng(seed);
  std::vector<std::string> rows(static_cast<std::size_t>(height), std::string(static_cast<std::size_t>(width), '.'));
  std::uniform_int_distribution<int> percent(0, 99);
  for (auto& row : rows)
    for (char& c : row)
      if (percent(rng) < obstacle_percent) c = '@';
  auto grid = std::make_shared<const planner::Grid>(planner::Grid::from_rows(rows));
  // The largest 4-connected region.
  std::vector<int> region(static_cast<std::size_t>(grid->size()), -1);
  std::vector<std::vector<planner::Cell>> regions;
  for (planner::Cell c : grid->free_cells()) {
    if (region[static_cast<std::size_t>(c)] >= 0) continue;
    regions.emplace_back();
    std::deque<planner::Cell> queue{c};
    region[static_cast<std::size_t>(c)] = static_cast<int>(regions.size()) - 1;
    while (!queue.empty()) {
      const planner::Cell x = queue.front();
      queue.pop_front();
      regions.back().push_back(x);
      for (planner::Cell n : grid->neighbours(x)) {
        if (region[static_cast<std::size_t>(n)] >= 0) continue;
        region[static_cast<std::size_t>(n)] = region[static_cast<std::size_t>(c)];
        queue.push_back(n);
      }
    }
  }
  std::vector<planner::Cell> cells;
  for (const auto& r : regions)
    if (r.size() > cells.size()) cells = r;
  std::vector<planner::Cell> starts = cells;
  std::vector<planner::Cell> goals = cells;
  std::shuffle(starts.begin(), starts.end(), rng);
  std::shuffle(goals.begin(), goals.end(), rng);
  const auto k = static_cast<std::size_t>(std::min<int>(robots, static_cast<int>(cells.size())));
  const planner::Motion motion(*grid, kind);
  std::vector<planner::State> s;
  std::vector<planner::Cell> g(goals.begin(), goals.begin() + static_cast<std::ptrdiff_t>(k));
  std::uniform_int_distribution<int> heading(0, 3);
  for (std::size_t r = 0; r < k; ++r)
    s.push_back(motion.state(starts[r], kind == planner::MotionKind::Rotation ? heading(rng) : 0));
  std::string label = std::to_string(width) + "x" + std::to_string(height) + " " +
                      std::to_string(obstacle_percent) + "% k=" + std::to_string(k) + " seed " +
                      std::to_string(seed) + " " + std::string(planner::to_string(kind));
  return {label, planner::Instance(grid, kind, std::move(s), std::move(g))};
}

}  // namespace fleet::test
