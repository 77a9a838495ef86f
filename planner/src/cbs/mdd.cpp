#include "cbs/mdd.hpp"

#include <algorithm>

namespace fleet::planner::cbs {

void MddStore::clear() {
  states.clear();
  masks.clear();
  kid_begin.clear();
  kids.clear();
  begin.clear();
  single.clear();
}

std::size_t MddStore::bytes() const {
  return states.size() * (sizeof(State) + 1 + sizeof(std::int32_t)) +
         kids.size() * sizeof(std::int32_t) + begin.size() * sizeof(std::int32_t) +
         single.size() * sizeof(Cell);
}

std::int32_t Mdd::find(int t, State s) const {
  const auto base = store_->states.begin() + state_off_;
  const auto first = base + level_begin(t);
  const auto last = base + level_begin(t + 1);
  const auto it = std::lower_bound(first, last, s);
  return (it != last && *it == s) ? static_cast<std::int32_t>(it - base) : -1;
}

MddBuilder::MddBuilder(const Motion& motion, const DistanceTable& distances)
    : motion_(motion), distances_(&distances) {}

Mdd MddBuilder::build(MddStore& store, State start, Cell goal, int cost,
                      const ReservationTable& hard, int earliest_end) {
  Mdd out;
  out.store_ = &store;
  out.goal_ = goal;
  if (cost < 0 || cost < earliest_end || !hard.free_from(goal, cost + 1)) return out;
  const std::uint32_t h0 = distances_->distance(start, goal);
  if (h0 == DistanceTable::kUnreachable || static_cast<int>(h0) > cost) return out;
  if (stamp_.size() != static_cast<std::size_t>(motion_.num_states()))
    stamp_.assign(static_cast<std::size_t>(motion_.num_states()), 0);

  // Forward: states reachable at each tick that can still reach the goal by `cost`.
  forward_.clear();
  forward_begin_.clear();
  forward_begin_.push_back(0);
  forward_.push_back(start);
  forward_begin_.push_back(1);
  Motion::Neighbours next{};
  for (int t = 0; t < cost; ++t) {
    if (++next_stamp_ == 0) {
      std::fill(stamp_.begin(), stamp_.end(), 0U);
      next_stamp_ = 1;
    }
    const std::int32_t from = forward_begin_[static_cast<std::size_t>(t)];
    const std::int32_t to = forward_begin_[static_cast<std::size_t>(t) + 1];
    for (std::int32_t i = from; i < to; ++i) {
      const State s = forward_[static_cast<std::size_t>(i)];
      const Cell c = motion_.cell(s);
      const int n = motion_.successors(s, next);
      for (int k = 0; k < n; ++k) {
        const State s1 = next[k];
        const Cell c1 = motion_.cell(s1);
        if (!hard.vertex_free(c1, t + 1) || (c1 != c && !hard.move_free(c, c1, t))) continue;
        const std::uint32_t d = distances_->distance(s1, goal);
        if (d == DistanceTable::kUnreachable || t + 1 + static_cast<int>(d) > cost) continue;
        if (stamp_[static_cast<std::size_t>(s1)] == next_stamp_) continue;
        stamp_[static_cast<std::size_t>(s1)] = next_stamp_;
        forward_.push_back(s1);
      }
    }
    std::sort(forward_.begin() + to, forward_.end());
    forward_begin_.push_back(static_cast<std::int32_t>(forward_.size()));
    if (forward_begin_.back() == to) return out;  // nothing reaches this tick
  }

  // Backward: keep the states from which the goal is reached exactly at `cost`.
  keep_mask_.assign(forward_.size(), 0);
  const auto level = [&](int t) {
    return std::pair{forward_begin_[static_cast<std::size_t>(t)],
                     forward_begin_[static_cast<std::size_t>(t) + 1]};
  };
  bool any = false;
  {
    const auto [from, to] = level(cost);
    for (std::int32_t i = from; i < to; ++i) {
      if (motion_.cell(forward_[static_cast<std::size_t>(i)]) != goal) continue;
      keep_mask_[static_cast<std::size_t>(i)] = 0x80;  // kept, no children
      any = true;
    }
  }
  if (!any) return out;
  for (int t = cost - 1; t >= 0; --t) {
    const auto [from, to] = level(t);
    const auto [nfrom, nto] = level(t + 1);
    for (std::int32_t i = from; i < to; ++i) {
      const State s = forward_[static_cast<std::size_t>(i)];
      const Cell c = motion_.cell(s);
      const int n = motion_.successors(s, next);
      std::uint8_t mask = 0;
      for (int k = 0; k < n; ++k) {
        const State s1 = next[k];
        const Cell c1 = motion_.cell(s1);
        if (c1 != c && !hard.move_free(c, c1, t)) continue;
        const auto first = forward_.begin() + nfrom;
        const auto last = forward_.begin() + nto;
        const auto it = std::lower_bound(first, last, s1);
        if (it == last || *it != s1) continue;
        if (keep_mask_[static_cast<std::size_t>(it - forward_.begin())] == 0) continue;
        mask = static_cast<std::uint8_t>(mask | (1U << k));
      }
      keep_mask_[static_cast<std::size_t>(i)] = mask;
    }
  }
  if (keep_mask_[0] == 0) return out;

  // Compact the kept nodes into the store; levels stay sorted.
  out.state_off_ = static_cast<std::int32_t>(store.states.size());
  out.level_off_ = static_cast<std::int32_t>(store.begin.size());
  out.single_off_ = static_cast<std::int32_t>(store.single.size());
  out.kid_begin_off_ = static_cast<std::int32_t>(store.kid_begin.size());
  out.kid_off_ = static_cast<std::int32_t>(store.kids.size());
  out.cost_ = cost;
  const auto state_off = static_cast<std::size_t>(out.state_off_);
  for (int t = 0; t <= cost; ++t) {
    const auto [from, to] = level(t);
    store.begin.push_back(static_cast<std::int32_t>(store.states.size() - state_off));
    Cell single = kNoCell;
    bool several = false;
    for (std::int32_t i = from; i < to; ++i) {
      const std::uint8_t mask = keep_mask_[static_cast<std::size_t>(i)];
      if (mask == 0) continue;
      const State s = forward_[static_cast<std::size_t>(i)];
      store.states.push_back(s);
      store.masks.push_back(t == cost ? std::uint8_t{0} : mask);
      const Cell c = motion_.cell(s);
      if (single == kNoCell) single = c;
      else if (single != c) several = true;
    }
    store.single.push_back(several ? kNoCell : single);
  }
  store.begin.push_back(static_cast<std::int32_t>(store.states.size() - state_off));
  out.nodes_ = static_cast<std::int32_t>(store.states.size() - state_off);
  // Child lists by index, so joint searches need no lookups.
  const auto kid_off = static_cast<std::size_t>(out.kid_off_);
  for (int t = 0; t <= cost; ++t) {
    for (std::int32_t i = out.level_begin(t); i < out.level_begin(t + 1); ++i) {
      store.kid_begin.push_back(static_cast<std::int32_t>(store.kids.size() - kid_off));
      const std::uint8_t mask = store.masks[state_off + static_cast<std::size_t>(i)];
      if (mask == 0) continue;
      const int n = motion_.successors(store.states[state_off + static_cast<std::size_t>(i)], next);
      for (int k = 0; k < n; ++k)
        if ((mask >> k) & 1U) store.kids.push_back(out.find(t + 1, next[k]));
    }
  }
  store.kid_begin.push_back(static_cast<std::int32_t>(store.kids.size() - kid_off));
  return out;
}

bool dependent(const Motion& motion, const Mdd& a, const Mdd& b, JointScratch& scratch,
               std::size_t max_pairs) {
  if (a.empty() || b.empty()) return false;
  const int ca = a.cost();
  const int cb = b.cost();
  const int end = std::max(ca, cb);
  auto& current = scratch.current;
  auto& next = scratch.next;
  current.assign(1, 0);  // both level-0 nodes have index 0
  const auto children = [](const Mdd& m, int cost, int t, const std::int32_t& node) {
    // Resting on the goal past the cost: the node is its own only child.
    return t >= cost ? std::span<const std::int32_t>(&node, 1) : m.child_nodes(node);
  };
  for (int t = 0; t < end; ++t) {
    next.clear();
    scratch.seen.clear();
    for (const std::uint64_t pair : current) {
      const auto i = static_cast<std::int32_t>(pair >> 32);
      const auto j = static_cast<std::int32_t>(pair & 0xffffffffU);
      const Cell cell_a = motion.cell(a.state(i));
      const Cell cell_b = motion.cell(b.state(j));
      for (const std::int32_t x : children(a, ca, t, i)) {
        const Cell a1 = motion.cell(a.state(x));
        for (const std::int32_t y : children(b, cb, t, j)) {
          const Cell b1 = motion.cell(b.state(y));
          if (a1 == b1 || (a1 == cell_b && b1 == cell_a && a1 != cell_a)) continue;
          const std::uint64_t key =
              (static_cast<std::uint64_t>(x) << 32) | static_cast<std::uint32_t>(y);
          std::int32_t& mark = scratch.seen.emplace(key, 0);
          if (mark != 0) continue;
          mark = 1;
          next.push_back(key);
        }
      }
    }
    if (next.empty()) return true;
    if (next.size() > max_pairs) return false;
    current.swap(next);
  }
  return false;
}

}  // namespace fleet::planner::cbs
