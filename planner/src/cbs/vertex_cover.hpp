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

  std::vector<std::int32_t> ids_;
  std::vector<std::vector<std::int32_t>> adjacency_;  // per local vertex: edge indices
  std::vector<WeightedEdge> local_;                   // edges of the component, local ids
  std::vector<std::int32_t> value_;
  std::vector<std::int32_t> order_;
  int best_ = 0;
};

}  // namespace fleet::planner::cbs
