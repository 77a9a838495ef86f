// Instances for planner tests: hand-made grids with (x, y) starts and goals, the first k rows
// of a shared MovingAI scenario, violations as readable text for failure messages, and a
// planner's named statistics.
#pragma once

#include <fleet/planner/instance.hpp>
#include <fleet/planner/planner.hpp>
#include <fleet/planner/validator.hpp>

#include "../test_paths.hpp"

#include <catch2/catch.hpp>

#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace fleet::test {

inline std::string describe(const std::vector<planner::Violation>& violations,
                            const planner::Grid& grid) {
  std::string text;
  for (const auto& v : violations) text += v.describe(grid) + "\n";
  return text;
}

inline planner::Instance hand_made(
    const std::vector<std::string>& rows, const std::vector<std::pair<int, int>>& starts,
    const std::vector<std::pair<int, int>>& goals,
    planner::MotionKind kind = planner::MotionKind::FourConnected) {
  auto grid = std::make_shared<const planner::Grid>(planner::Grid::from_rows(rows));
  const planner::Motion motion(*grid, kind);
  std::vector<planner::State> s;
  std::vector<planner::Cell> g;
  for (auto [x, y] : starts) s.push_back(motion.state(grid->cell(x, y), 0));
  for (auto [x, y] : goals) g.push_back(grid->cell(x, y));
  return {grid, kind, std::move(s), std::move(g)};
}

inline planner::Instance from_scen(const std::string& map, int agents, planner::MotionKind kind) {
  auto grid = std::make_shared<const planner::Grid>(planner::load_map(movingai(map + ".map")));
  return planner::load_scen(movingai(map + "-random-1.scen"), grid, agents, kind);
}

/// The planner-specific statistic `name` of `result` (fails the test when it is missing).
inline double extra(const planner::Result& result, const std::string& name) {
  for (const auto& [key, value] : result.stats.extra) {
    if (key == name) return value;
  }
  FAIL("no stat " << name);
  return 0;
}

}  // namespace fleet::test
