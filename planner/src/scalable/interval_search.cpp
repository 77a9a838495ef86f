#include "scalable/interval_search.hpp"

#include <algorithm>

namespace fleet::planner::scalable {
namespace {

constexpr std::int32_t kForever = Occupancy::kForever;

/// Heap order: lowest f first; among equals nearest the goal, then latest (when the goal is
/// only free late, many nodes share f and the distance left is what tells them apart).
struct Later {
  template <class Node>
  bool operator()(const Node& x, const Node& y) const {
    if (x.f != y.f) return x.f > y.f;
    if (x.h != y.h) return x.h > y.h;
    return x.t < y.t;
  }
};
constexpr Later later{};

std::uint64_t key(State s, std::int32_t local) {
  return (static_cast<std::uint64_t>(static_cast<std::uint32_t>(local)) << 32) |
         static_cast<std::uint32_t>(s);
}

}  // namespace

IntervalSearch::IntervalSearch(const Motion& motion, GoalDistances distances,
                               const Occupancy& others)
    : motion_(&motion),
      distances_(distances),
      others_(&others),
      cell_begin_(static_cast<std::size_t>(motion.grid().size()), 0),
      cell_count_(cell_begin_.size(), 0),
      cell_stamp_(cell_begin_.size(), 0) {}

std::pair<std::int32_t, std::int32_t> IntervalSearch::intervals(Cell cell) {
  const auto c = static_cast<std::size_t>(cell);
  if (cell_stamp_[c] == stamp_) return {cell_begin_[c], cell_count_[c]};
  const auto begin = static_cast<std::int32_t>(intervals_.size());
  const auto visits = others_->visits(cell);
  sorted_.assign(visits.begin(), visits.end());
  std::sort(sorted_.begin(), sorted_.end(),
            [](const Occupancy::Visit& a, const Occupancy::Visit& b) { return a.from < b.from; });
  std::int32_t free_from = 0;  // first tick not yet known to be taken
  for (const auto& v : sorted_) {
    if (v.from > free_from) intervals_.push_back({free_from, v.from - 1});
    if (v.to == kForever) {
      free_from = kForever;
      break;
    }
    free_from = std::max(free_from, v.to + 1);
  }
  if (free_from != kForever) intervals_.push_back({free_from, kForever});
  cell_stamp_[c] = stamp_;
  cell_begin_[c] = begin;
  cell_count_[c] = static_cast<std::int32_t>(intervals_.size()) - begin;
  return {begin, cell_count_[c]};
}

void IntervalSearch::push(std::int32_t node) {
  open_.push_back(node);
  std::push_heap(open_.begin(), open_.end(), [this](std::int32_t a, std::int32_t b) {
    const Node& x = nodes_[static_cast<std::size_t>(a)];
    const Node& y = nodes_[static_cast<std::size_t>(b)];
    return later(x, y);
  });
}

void IntervalSearch::reach(State s, std::int32_t interval, std::int32_t local, std::int32_t t,
                           std::int32_t parent) {
  const std::uint32_t h = distances_(robot_, s);
  if (h == DistanceTable::kUnreachable) return;
  std::int32_t& seen = best_.emplace(key(s, local), kForever);
  if (seen <= t) return;
  seen = t;
  // Nobody reaches the goal for good before it is free for good: a sharper bound than the
  // distance when others pass over the goal late.
  const auto to_go = static_cast<std::int32_t>(h);
  if (std::max(t + to_go, goal_free_) > max_cost_) return;  // cannot arrive in time
  const std::int32_t f = std::max(t + to_go, goal_free_);
  nodes_.push_back({s, interval, local, t, f, to_go, parent});
  push(static_cast<std::int32_t>(nodes_.size() - 1));
}

bool IntervalSearch::search(RobotId robot, State start, Cell goal, std::int32_t max_cost,
                            std::int64_t max_expansions, std::vector<State>& path) {
  path.clear();
  robot_ = robot;
  max_cost_ = std::min(max_cost, kForever / 2);  // keeps t + h in range
  if (++stamp_ == 0) {
    std::fill(cell_stamp_.begin(), cell_stamp_.end(), 0U);
    stamp_ = 1;
  }
  intervals_.clear();
  nodes_.clear();
  open_.clear();
  best_.clear();
  {
    const auto [g_begin, g_count] = intervals(goal);
    if (g_count == 0 || intervals_[static_cast<std::size_t>(g_begin + g_count - 1)].hi != kForever)
      return false;  // someone parks on the goal
    goal_free_ = intervals_[static_cast<std::size_t>(g_begin + g_count - 1)].lo;
    if (goal_free_ > max_cost_) return false;
  }
  const Cell start_cell = motion_->cell(start);
  const auto [begin, count] = intervals(start_cell);
  if (count == 0 || intervals_[static_cast<std::size_t>(begin)].lo > 0) return false;
  reach(start, begin, 0, 0, -1);
  const auto pop_order = [this](std::int32_t a, std::int32_t b) {
    return later(nodes_[static_cast<std::size_t>(a)], nodes_[static_cast<std::size_t>(b)]);
  };
  Motion::Neighbours next{};
  std::int64_t expansions = 0;
  while (!open_.empty()) {
    std::pop_heap(open_.begin(), open_.end(), pop_order);
    const std::int32_t index = open_.back();
    open_.pop_back();
    const Node node = nodes_[static_cast<std::size_t>(index)];
    if (best_.get(key(node.state, node.local)) < node.t) continue;  // superseded
    if (++expansions > max_expansions) break;
    ++expanded_;
    const Cell cell = motion_->cell(node.state);
    const Interval here = intervals_[static_cast<std::size_t>(node.interval)];
    if (cell == goal && here.hi == kForever) {
      // Walk back, filling the waits between consecutive arrivals.
      std::vector<std::int32_t>& chain = open_;  // no longer needed
      chain.clear();
      for (std::int32_t i = index; i >= 0; i = nodes_[static_cast<std::size_t>(i)].parent)
        chain.push_back(i);
      std::reverse(chain.begin(), chain.end());
      for (std::size_t k = 0; k < chain.size(); ++k) {
        const Node& n = nodes_[static_cast<std::size_t>(chain[k])];
        const std::int32_t until =
            k + 1 < chain.size() ? nodes_[static_cast<std::size_t>(chain[k + 1])].t - 1 : n.t;
        for (std::int32_t t = n.t; t <= until; ++t) path.push_back(n.state);
      }
      return true;
    }
    const int n = motion_->successors(node.state, next);
    for (int i = 1; i < n; ++i) {  // successor 0 is waiting: implicit in the interval
      const State s1 = next[i];
      const Cell c1 = motion_->cell(s1);
      if (c1 == cell) {  // a rotation: same cell and interval, one tick later
        if (node.t + 1 <= here.hi) reach(s1, node.interval, node.local, node.t + 1, index);
        continue;
      }
      const auto [b1, n1] = intervals(c1);
      // Leave no later than the last tick of our interval; arrive inside one of theirs.
      const std::int64_t last_arrival = here.hi == kForever ? kForever : std::int64_t{here.hi} + 1;
      for (std::int32_t k = b1; k < b1 + n1; ++k) {
        const Interval there = intervals_[static_cast<std::size_t>(k)];
        if (there.hi < node.t + 1) continue;
        std::int64_t arrive = std::max<std::int64_t>(node.t + 1, there.lo);
        if (arrive > last_arrival) break;
        const std::int64_t latest = std::min<std::int64_t>(last_arrival, there.hi);
        while (arrive <= latest && others_->swap_at(cell, c1, static_cast<int>(arrive - 1)))
          ++arrive;
        if (arrive <= latest)
          reach(s1, k, k - b1, static_cast<std::int32_t>(arrive), index);
      }
    }
  }
  return false;
}

}  // namespace fleet::planner::scalable
