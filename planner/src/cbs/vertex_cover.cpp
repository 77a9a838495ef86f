#include "cbs/vertex_cover.hpp"

#include <algorithm>
#include <numeric>

namespace fleet::planner::cbs {

std::int32_t VertexCover::local_id(std::int32_t v) const {
  return static_cast<std::int32_t>(std::lower_bound(ids_.begin(), ids_.end(), v) - ids_.begin());
}

std::int32_t VertexCover::root(std::int32_t v) {
  while (parent_[static_cast<std::size_t>(v)] != v)
    v = parent_[static_cast<std::size_t>(v)] =
        parent_[static_cast<std::size_t>(parent_[static_cast<std::size_t>(v)])];
  return v;
}

int VertexCover::solve(const std::vector<WeightedEdge>& edges, int exact_limit) {
  if (edges.empty()) return 0;
  // Local ids and connected components (union-find).
  ids_.clear();
  for (const auto& e : edges) {
    ids_.push_back(e.a);
    ids_.push_back(e.b);
  }
  std::sort(ids_.begin(), ids_.end());
  ids_.erase(std::unique(ids_.begin(), ids_.end()), ids_.end());
  const auto n = static_cast<std::int32_t>(ids_.size());
  parent_.resize(static_cast<std::size_t>(n));
  std::iota(parent_.begin(), parent_.end(), 0);
  edges_.clear();
  for (const auto& e : edges) {
    edges_.push_back({local_id(e.a), local_id(e.b), e.weight});
    parent_[static_cast<std::size_t>(root(edges_.back().a))] = root(edges_.back().b);
  }
  size_.assign(static_cast<std::size_t>(n), 0);
  for (std::int32_t v = 0; v < n; ++v) {
    parent_[static_cast<std::size_t>(v)] = root(v);
    ++size_[static_cast<std::size_t>(parent_[static_cast<std::size_t>(v)])];
  }
  // Components side by side; within one, heaviest edges first (the greedy order).
  const auto comp = [this](const WeightedEdge& e) { return parent_[static_cast<std::size_t>(e.a)]; };
  std::sort(edges_.begin(), edges_.end(), [&](const WeightedEdge& x, const WeightedEdge& y) {
    if (comp(x) != comp(y)) return comp(x) < comp(y);
    if (x.weight != y.weight) return x.weight > y.weight;
    if (x.a != y.a) return x.a < y.a;
    return x.b < y.b;
  });
  renumber_.assign(static_cast<std::size_t>(n), -1);
  used_.assign(static_cast<std::size_t>(n), 0);

  int total = 0;
  for (std::size_t i = 0; i < edges_.size();) {
    const std::int32_t r = comp(edges_[i]);
    std::size_t j = i;
    while (j < edges_.size() && comp(edges_[j]) == r) ++j;
    if (size_[static_cast<std::size_t>(r)] <= exact_limit) {
      // Renumber the component 0..k-1 for the exact search.
      local_.clear();
      std::int32_t k = 0;
      const auto number = [&](std::int32_t v) {
        std::int32_t& id = renumber_[static_cast<std::size_t>(v)];
        if (id < 0) id = k++;
        return id;
      };
      for (std::size_t e = i; e < j; ++e) {
        const std::int32_t a = number(edges_[e].a);
        const std::int32_t b = number(edges_[e].b);
        local_.push_back({a, b, edges_[e].weight});
      }
      total += exact(k);
    } else {
      // Greedy matching, heaviest edges first: a valid lower bound.
      for (std::size_t e = i; e < j; ++e) {
        const auto a = static_cast<std::size_t>(edges_[e].a);
        const auto b = static_cast<std::size_t>(edges_[e].b);
        if (used_[a] || used_[b]) continue;
        used_[a] = used_[b] = 1;
        total += edges_[e].weight;
      }
    }
    i = j;
  }
  return total;
}

int VertexCover::exact(int n) {
  // Adjacency in compressed rows: per vertex the indices of its edges in local_.
  adj_begin_.assign(static_cast<std::size_t>(n) + 1, 0);
  for (const auto& e : local_) {
    ++adj_begin_[static_cast<std::size_t>(e.a) + 1];
    ++adj_begin_[static_cast<std::size_t>(e.b) + 1];
  }
  for (int v = 0; v < n; ++v)
    adj_begin_[static_cast<std::size_t>(v) + 1] += adj_begin_[static_cast<std::size_t>(v)];
  adj_.resize(2 * local_.size());
  order_.assign(adj_begin_.begin(), adj_begin_.end() - 1);  // fill cursors, reused below
  for (std::size_t i = 0; i < local_.size(); ++i) {
    adj_[static_cast<std::size_t>(order_[static_cast<std::size_t>(local_[i].a)]++)] =
        static_cast<std::int32_t>(i);
    adj_[static_cast<std::size_t>(order_[static_cast<std::size_t>(local_[i].b)]++)] =
        static_cast<std::int32_t>(i);
  }
  const auto degree = [this](std::int32_t v) {
    return adj_begin_[static_cast<std::size_t>(v) + 1] - adj_begin_[static_cast<std::size_t>(v)];
  };
  // Highest degree first: its value settles the most edges.
  order_.resize(static_cast<std::size_t>(n));
  std::iota(order_.begin(), order_.end(), 0);
  std::sort(order_.begin(), order_.end(), [&](std::int32_t x, std::int32_t y) {
    if (degree(x) != degree(y)) return degree(x) > degree(y);
    return x < y;
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
    for (std::int32_t a = adj_begin_[static_cast<std::size_t>(v)];
         a < adj_begin_[static_cast<std::size_t>(v) + 1]; ++a) {
      const std::int32_t ei = adj_[static_cast<std::size_t>(a)];
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
  for (std::int32_t a = adj_begin_[static_cast<std::size_t>(v)];
       a < adj_begin_[static_cast<std::size_t>(v) + 1]; ++a) {
    const std::int32_t ei = adj_[static_cast<std::size_t>(a)];
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
