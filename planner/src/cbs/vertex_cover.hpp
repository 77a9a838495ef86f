// Minimum weighted vertex cover of a small conflict graph: give each robot a non-negative
// integer x so that x_a + x_b >= w_ab for every edge, minimising the sum. This is the
// admissible CG / DG / WDG heuristic of CBS (Felner et al. ICAPS 2018; Li et al. IJCAI 2019).
#pragma once

#include <cstdint>
#include <vector>

namespace fleet::planner::cbs {

struct WeightedEdge {
  std::int32_t a;
  std::int32_t b;
  std::int32_t weight;
};

/// Solves each connected component exactly by branch and bound when it has at most
/// `exact_limit` vertices, and bounds larger ones from below by a greedy matching (so the
/// result is always a lower bound on the true minimum). Vertices are any int32 ids.
class VertexCover {
public:
  int solve(const std::vector<WeightedEdge>& edges, int exact_limit = 12);

private:
  int exact(int n);
  void branch(int k, int sum);
  [[nodiscard]] std::int32_t local_id(std::int32_t v) const;
  [[nodiscard]] std::int32_t root(std::int32_t v);

  // Flat scratch reused across calls: solving allocates nothing once warm.
  std::vector<std::int32_t> ids_;        // distinct vertex ids, sorted
  std::vector<WeightedEdge> edges_;      // the input with local ids, grouped by component
  std::vector<std::int32_t> parent_;     // union-find over local ids
  std::vector<std::int32_t> size_;       // per root: vertices in its component
  std::vector<std::int32_t> renumber_;   // per local id: its id inside one component, or -1
  std::vector<std::uint8_t> used_;       // greedy matching marks
  std::vector<WeightedEdge> local_;      // edges of the component, component ids
  std::vector<std::int32_t> adj_begin_;  // per component vertex: its range in adj_
  std::vector<std::int32_t> adj_;        // edge indices into local_
  std::vector<std::int32_t> value_;
  std::vector<std::int32_t> order_;
  int best_ = 0;
};

}  // namespace fleet::planner::cbs
