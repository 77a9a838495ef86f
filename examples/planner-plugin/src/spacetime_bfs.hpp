// "spacetime-bfs": prioritized planning in its plainest form. Robots plan one after another,
// each by a breadth-first search over (state, tick) that avoids the cells and swaps of the
// robots planned before it. Incomplete: a robot that finds no path makes the call time out.
#pragma once

#include <fleet/planner/planner.hpp>

#include <cstdint>

namespace example {

class SpacetimeBfs final : public fleet::planner::Planner {
public:
  /// `max_ticks`: the longest one-shot path searched for.
  explicit SpacetimeBfs(int max_ticks) : max_ticks_(max_ticks) {}
  [[nodiscard]] std::string_view name() const override { return "spacetime-bfs"; }
  fleet::planner::Result solve(const fleet::planner::Instance& instance,
                               const fleet::planner::StopCondition& stop) override;

private:
  int max_ticks_;
};

}  // namespace example
