#include "cbs/vertex_cover.hpp"

#include <algorithm>
#include <numeric>
#include <unordered_map>

namespace fleet::planner::cbs {

int VertexCover::solve(const std::vector<WeightedEdge>& edges, int exact_limit) {
  if (edges.empty()) return 0;
  // Local ids and connected components (union-find).
  std::unordered_map<std::int32_t, std::int32_t> local;
  ids_.clear();
  for (const auto& e : edges) {
    for (std::int32_t v : {e.a, e.b})
      if (local.emplace(v, static_cast<std::int32_t>(ids_.size())).second) ids_.push_back(v);
  }
  const auto n = static_cast<std::int32_t>(ids_.size());
  std::vector<std::int32_t> parent(static_cast<std::size_t>(n));
  std::iota(parent.begin(), parent.end(), 0);
  const auto root = [&](std::int32_t v) {
    while (parent[static_cast<std::size_t>(v)] != v) v = parent[static_cast<std::size_t>(v)] =
        parent[static_cast<std::size_t>(parent[static_cast<std::size_t>(v)])];
    return v;
  };
  for (const auto& e : edges) parent[static_cast<std::size_t>(root(local[e.a]))] = root(local[e.b]);
  std::vector<std::vector<WeightedEdge>> components(static_cast<std::size_t>(n));
  std::vector<std::int32_t> size(static_cast<std::size_t>(n), 0);
  for (std::int32_t v = 0; v < n; ++v) ++size[static_cast<std::size_t>(root(v))];
  for (const auto& e : edges)
    components[static_cast<std::size_t>(root(local[e.a]))].push_back(
        {local[e.a], local[e.b], e.weight});

  int total = 0;
  for (std::int32_t r = 0; r < n; ++r) {
    auto& comp = components[static_cast<std::size_t>(r)];
    if (comp.empty()) continue;
    if (size[static_cast<std::size_t>(r)] <= exact_limit) {
      // Renumber the component 0..k-1 for the exact search.
      std::unordered_map<std::int32_t, std::int32_t> renumber;
      local_.clear();
      for (const auto& e : comp) {
        const auto a = renumber.emplace(e.a, static_cast<std::int32_t>(renumber.size())).first->second;
        const auto b = renumber.emplace(e.b, static_cast<std::int32_t>(renumber.size())).first->second;
        local_.push_back({a, b, e.weight});
      }
      total += exact(static_cast<int>(renumber.size()));
    } else {
      // Greedy matching, heaviest edges first: a valid lower bound.
      std::sort(comp.begin(), comp.end(),
                [](const WeightedEdge& x, const WeightedEdge& y) { return x.weight > y.weight; });
      std::vector<std::uint8_t> used(static_cast<std::size_t>(n), 0);
      for (const auto& e : comp) {
        if (used[static_cast<std::size_t>(e.a)] || used[static_cast<std::size_t>(e.b)]) continue;
        used[static_cast<std::size_t>(e.a)] = used[static_cast<std::size_t>(e.b)] = 1;
        total += e.weight;
      }
    }
  }
  return total;
}

int VertexCover::exact(int n) {
  adjacency_.assign(static_cast<std::size_t>(n), {});
  for (std::size_t i = 0; i < local_.size(); ++i) {
    adjacency_[static_cast<std::size_t>(local_[i].a)].push_back(static_cast<std::int32_t>(i));
    adjacency_[static_cast<std::size_t>(local_[i].b)].push_back(static_cast<std::int32_t>(i));
  }
  // Highest degree first: its value settles the most edges.
  order_.resize(static_cast<std::size_t>(n));
  std::iota(order_.begin(), order_.end(), 0);
  std::sort(order_.begin(), order_.end(), [&](std::int32_t x, std::int32_t y) {
    return adjacency_[static_cast<std::size_t>(x)].size() > adjacency_[static_cast<std::size_t>(y)].size();
  });
  value_.assign(static_cast<std::size_t>(n), -1);
  best_ = 0;
  for (const auto& e : local_) best_ += e.weight;  // x_a = w for every edge covers it
  branch(0, 0);
  return best_;
}

void VertexCover::branch(int k, int sum) {
  if (sum >= best_) return;
  // Bound: each unassigned vertex needs at least what its assigned neighbours leave open.
  int need = 0;
  for (std::size_t j = static_cast<std::size_t>(k); j < order_.size(); ++j) {
    const std::int32_t v = order_[j];
    int low = 0;
    for (std::int32_t ei : adjacency_[static_cast<std::size_t>(v)]) {
      const WeightedEdge& e = local_[static_cast<std::size_t>(ei)];
      const std::int32_t u = e.a == v ? e.b : e.a;
      if (value_[static_cast<std::size_t>(u)] >= 0)
        low = std::max(low, e.weight - value_[static_cast<std::size_t>(u)]);
    }
    need += low;
  }
  if (sum + need >= best_) return;
  if (k == static_cast<int>(order_.size())) {
    best_ = sum;
    return;
  }
  const std::int32_t v = order_[static_cast<std::size_t>(k)];
  // The least value that covers v's edges to assigned neighbours, and the most any edge of
  // v can ask for (higher values never help).
  int low = 0;
  int high = 0;
  for (std::int32_t ei : adjacency_[static_cast<std::size_t>(v)]) {
    const WeightedEdge& e = local_[static_cast<std::size_t>(ei)];
    const std::int32_t u = e.a == v ? e.b : e.a;
    high = std::max(high, e.weight);
    if (value_[static_cast<std::size_t>(u)] >= 0)
      low = std::max(low, e.weight - value_[static_cast<std::size_t>(u)]);
  }
  for (int x = low; x <= std::max(low, high); ++x) {
    value_[static_cast<std::size_t>(v)] = x;
    branch(k + 1, sum + x);
  }
  value_[static_cast<std::size_t>(v)] = -1;
}

}  // namespace fleet::planner::cbs
