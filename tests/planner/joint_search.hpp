// An exhaustive, independent optimal MAPF solver for tiny instances, the yardstick of the
// search-planner tests: A* over joint configurations with operator decomposition (robots
// move one at a time within a tick), vertex and swap checks, and the sum-of-costs objective
// with robots free to leave their goals and come back. Each robot carries a "done" flag it
// may raise, at no cost, while on its goal; a done robot never moves again and every robot
// not yet done pays one per tick. So a robot's cost is the tick of its final arrival.
#pragma once

#include <fleet/planner/instance.hpp>

#include <cstdint>
#include <deque>
#include <functional>
#include <queue>
#include <unordered_map>
#include <vector>

namespace fleet::test {

struct JointResult {
  bool solved = false;
  std::int64_t soc = -1;
  std::int64_t expanded = 0;
};

/// Optimal sum of costs for `instance` (one-shot), or solved=false when no solution exists
/// or more than `max_expansions` nodes were expanded. States must fit in 8 bits and there
/// may be at most 7 robots.
inline JointResult joint_optimal_soc(const planner::Instance& instance,
                                     std::int64_t max_expansions = 3'000'000) {
  using planner::Cell;
  using planner::State;
  const planner::Motion& motion = instance.motion;
  const planner::Grid& grid = instance.map();
  const int k = static_cast<int>(instance.size());
  JointResult result;
  if (k > 7 || motion.num_states() > 256) return result;

  // Exact single-robot distances by backward BFS over states (from every state on the goal
  // cell), written here rather than taken from DistanceTable: the heuristic of the A*.
  std::vector<std::vector<int>> dist(static_cast<std::size_t>(k));
  for (int r = 0; r < k; ++r) {
    auto& d = dist[static_cast<std::size_t>(r)];
    d.assign(static_cast<std::size_t>(motion.num_states()), -1);
    std::deque<State> queue;
    const Cell goal = instance.goals[static_cast<std::size_t>(r)];
    for (int heading = 0; heading < (motion.has_heading() ? 4 : 1); ++heading) {
      const State s = motion.state(goal, heading);
      d[static_cast<std::size_t>(s)] = 0;
      queue.push_back(s);
    }
    planner::Motion::Neighbours before{};
    while (!queue.empty()) {
      const State s = queue.front();
      queue.pop_front();
      const int n = motion.predecessors(s, before);
      for (int i = 0; i < n; ++i) {
        const State p = before[i];
        if (!grid.passable(motion.cell(p)) || d[static_cast<std::size_t>(p)] >= 0) continue;
        d[static_cast<std::size_t>(p)] = d[static_cast<std::size_t>(s)] + 1;
        queue.push_back(p);
      }
    }
  }

  struct Node {
    std::uint8_t cur[7];
    std::uint8_t next[7];
    std::uint8_t i;     // robots before i have chosen `next` this tick
    std::uint8_t done;  // bit per robot
    std::int64_t g;
  };
  struct Key {
    std::uint64_t a, b;
    bool operator==(const Key&) const = default;
  };
  struct KeyHash {
    std::size_t operator()(const Key& key) const {
      return std::hash<std::uint64_t>()(key.a * 0x9E3779B97F4A7C15ULL ^ key.b);
    }
  };
  const auto key_of = [k](const Node& n) {
    Key key{0, 0};
    for (int r = 0; r < k; ++r) {
      key.a |= static_cast<std::uint64_t>(n.cur[r]) << (8 * r);
      if (r < n.i) key.b |= static_cast<std::uint64_t>(n.next[r]) << (8 * r);
    }
    key.b |= static_cast<std::uint64_t>(n.i) << 56;
    key.a |= static_cast<std::uint64_t>(n.done) << 56;
    return key;
  };
  const auto cell = [&](std::uint8_t s) { return motion.cell(static_cast<State>(s)); };
  const auto h = [&](const Node& n) {
    std::int64_t sum = 0;
    for (int r = 0; r < k; ++r) {
      if ((n.done >> r) & 1U) continue;
      const std::uint8_t s = r < n.i ? n.next[r] : n.cur[r];
      sum += dist[static_cast<std::size_t>(r)][static_cast<std::size_t>(s)];
    }
    return sum;
  };

  std::vector<Node> nodes;
  std::unordered_map<Key, std::int64_t, KeyHash> best;
  using Entry = std::tuple<std::int64_t, std::int64_t, std::size_t>;  // f, -g, index
  std::priority_queue<Entry, std::vector<Entry>, std::greater<>> open;
  const auto push = [&](const Node& n) {
    const Key key = key_of(n);
    auto [it, fresh] = best.emplace(key, n.g);
    if (!fresh) {
      if (it->second <= n.g) return;
      it->second = n.g;
    }
    nodes.push_back(n);
    open.emplace(n.g + h(n), -n.g, nodes.size() - 1);
  };

  Node start{};
  for (int r = 0; r < k; ++r) {
    start.cur[r] = static_cast<std::uint8_t>(instance.starts[static_cast<std::size_t>(r)]);
    if (dist[static_cast<std::size_t>(r)][static_cast<std::size_t>(start.cur[r])] < 0)
      return result;
  }
  push(start);
  const std::uint8_t all = static_cast<std::uint8_t>((1U << k) - 1U);
  planner::Motion::Neighbours succ{};
  while (!open.empty()) {
    const auto [f, neg_g, index] = open.top();
    open.pop();
    const Node n = nodes[index];
    if (best[key_of(n)] < n.g) continue;  // a cheaper copy was expanded
    if (++result.expanded > max_expansions) return result;
    if (n.i == 0 && n.done == all) {
      result.solved = true;
      result.soc = n.g;
      return result;
    }
    if (n.i == 0) {
      // Raising a done flag costs nothing.
      for (int r = 0; r < k; ++r) {
        if ((n.done >> r) & 1U) continue;
        if (cell(n.cur[r]) != instance.goals[static_cast<std::size_t>(r)]) continue;
        Node m = n;
        m.done = static_cast<std::uint8_t>(m.done | (1U << r));
        push(m);
      }
    }
    const int r = n.i;
    const auto advance = [&](Node m) {
      if (++m.i == k) {  // the tick is complete
        for (int q = 0; q < k; ++q) m.cur[q] = m.next[q];
        m.i = 0;
      }
      push(m);
    };
    if ((n.done >> r) & 1U) {
      Node m = n;
      m.next[r] = n.cur[r];
      advance(m);
      continue;
    }
    const int count = motion.successors(static_cast<State>(n.cur[r]), succ);
    for (int s = 0; s < count; ++s) {
      const Cell to = motion.cell(succ[s]);
      const Cell from = cell(n.cur[r]);
      bool ok = true;
      for (int q = 0; q < k && ok; ++q) {
        if (q == r) continue;
        const bool fixed = ((n.done >> q) & 1U) != 0;
        if (q < r || fixed) {
          const Cell q_next = fixed ? cell(n.cur[q]) : cell(n.next[q]);
          if (q_next == to) ok = false;                                      // vertex
          if (to == cell(n.cur[q]) && q_next == from && to != from) ok = false;  // swap
        }
      }
      if (!ok) continue;
      Node m = n;
      m.next[r] = static_cast<std::uint8_t>(succ[s]);
      m.g += 1;
      advance(m);
    }
  }
  return result;
}

}  // namespace fleet::test
