// Space-time A* / focal search. Time folding: once every reservation lies in the past
// (tick > last_time of both tables) the world is static, so (state, tick) nodes beyond that
// tick are merged per state; this bounds the one-shot search and lets it prove NoPath.
#include <fleet/planner/search/space_time_astar.hpp>

#include <algorithm>
#include <array>
#include <cmath>

namespace fleet::planner {
namespace {

std::uint64_t node_key(State s, int t) {
  return (static_cast<std::uint64_t>(static_cast<std::uint32_t>(t)) << 32) |
         static_cast<std::uint32_t>(s);
}

constexpr std::int64_t kStopPollMask = 255;  // poll the StopCondition every 256 expansions

}  // namespace

SpaceTimeAStar::SpaceTimeAStar(const Motion& motion, const DistanceTable& distances)
    : motion_(motion), distances_(&distances) {}

void SpaceTimeAStar::reset() {
  nodes_.clear();
  seen_.clear();
  focal_.clear();
  for (std::int32_t f = 0; f < f_end_; ++f) {
    buckets_[f] = -1;
    open_count_[f] = 0;
  }
  f_end_ = 0;
  f_min_ = 0;
  bound_ = 0;
}

bool SpaceTimeAStar::focal_before(std::int32_t a, std::int32_t b) const {
  // std heaps keep the greatest on top, so "a ranks below b" is the order: fewer conflicts,
  // then lower f, then larger g (deeper nodes finish sooner), then the older node.
  const Node& x = nodes_[a];
  const Node& y = nodes_[b];
  if (x.conflicts != y.conflicts) return x.conflicts > y.conflicts;
  if (x.f != y.f) return x.f > y.f;
  if (x.t != y.t) return x.t < y.t;
  return a > b;
}

void SpaceTimeAStar::push(std::int32_t index) {
  const std::int32_t f = nodes_[index].f;
  if (f >= static_cast<std::int32_t>(buckets_.size())) {
    const auto size = static_cast<std::size_t>(std::max(f + 1, 2 * f_end_ + 16));
    buckets_.resize(size, -1);
    open_count_.resize(size, 0);
  }
  f_end_ = std::max(f_end_, f + 1);
  ++open_count_[f];
  f_min_ = std::min(f_min_, f);
  if (f <= bound_) {
    focal_.push_back(index);
    std::push_heap(focal_.begin(), focal_.end(),
                   [this](std::int32_t a, std::int32_t b) { return focal_before(a, b); });
  } else {
    nodes_[index].next = buckets_[f];
    buckets_[f] = index;
  }
}

void SpaceTimeAStar::raise_bound() {
  while (f_min_ < f_end_ && open_count_[f_min_] == 0) ++f_min_;
  if (f_min_ >= f_end_) return;  // open is empty
  const auto bound = static_cast<std::int32_t>(std::floor(weight_ * f_min_ + 1e-9));
  if (bound <= bound_) return;
  const auto less = [this](std::int32_t a, std::int32_t b) { return focal_before(a, b); };
  for (std::int32_t f = bound_ + 1; f <= bound && f < f_end_; ++f) {
    for (std::int32_t index = buckets_[f]; index >= 0; index = nodes_[index].next) {
      if (nodes_[index].flag != kOpen) continue;
      focal_.push_back(index);
      std::push_heap(focal_.begin(), focal_.end(), less);
    }
    buckets_[f] = -1;
  }
  bound_ = bound;
}

std::int32_t SpaceTimeAStar::pop() {
  // Raise the bound only here, after the last expansion's children are in: f_min_ is then
  // exact, so a weight of 1 keeps focal to the least f (plain A*).
  raise_bound();
  const auto less = [this](std::int32_t a, std::int32_t b) { return focal_before(a, b); };
  while (!focal_.empty()) {
    std::pop_heap(focal_.begin(), focal_.end(), less);
    const std::int32_t index = focal_.back();
    focal_.pop_back();
    Node& node = nodes_[index];
    if (node.flag != kOpen) continue;
    node.flag = kClosed;
    --open_count_[node.f];
    return index;
  }
  return -1;
}

void SpaceTimeAStar::build_path(std::int32_t index, std::vector<State>& path) const {
  path.clear();
  for (std::int32_t i = index; i >= 0; i = nodes_[i].parent) path.push_back(nodes_[i].state);
  std::reverse(path.begin(), path.end());
}

SearchResult SpaceTimeAStar::search(const SearchQuery& query, std::vector<State>& path,
                                    const StopCondition* stop) {
  reset();
  path.clear();
  weight_ = std::max(1.0, query.focal_weight);
  SearchResult result;
  const ReservationTable* hard = query.hard;
  const ReservationTable* soft = query.soft;
  const bool windowed = query.horizon > 0;
  if (windowed && query.horizon < query.start_time) return result;
  const std::uint32_t h0 = distances_->distance(query.start, query.goal);
  if (h0 == DistanceTable::kUnreachable) return result;

  // Windowed searches end at a given tick, so time never folds there (the window bounds it).
  const int last = std::max(hard != nullptr ? hard->last_time() : -1,
                            soft != nullptr ? soft->last_time() : -1);
  // Before `earliest_end` the same state at different ticks differs (the path may not end).
  const int fold = windowed ? query.horizon : std::max(last + 1, query.earliest_end);
  const auto key = [fold](State s, int t) { return node_key(s, std::min(t, fold)); };

  // A path may not end before earliest_end, so that many ticks remain at least.
  const auto f0 = static_cast<std::int32_t>(
      std::max(static_cast<int>(h0), query.earliest_end - query.start_time));
  nodes_.push_back({query.start, query.start_time, f0, 0, -1, kOpen, -1});
  seen_.emplace(key(query.start, query.start_time)) = 0;
  f_min_ = f0;
  bound_ = static_cast<std::int32_t>(std::floor(weight_ * f_min_ + 1e-9));
  push(0);
  result.generated = 1;

  Motion::Neighbours next{};
  while (true) {
    const std::int32_t index = pop();
    result.lower_bound = f_min_;
    if (index < 0) break;  // open exhausted: NoPath
    ++result.expanded;
    if ((result.expanded & kStopPollMask) == 0 && stop != nullptr && stop->should_stop()) {
      result.status = SearchStatus::Stopped;
      return result;
    }
    const Node node = nodes_[index];  // a copy: nodes_ grows below
    const Cell cell = motion_.cell(node.state);
    const bool at_goal = cell == query.goal;
    const bool done =
        windowed ? node.t >= query.horizon ||
                       (at_goal && (hard == nullptr ||
                                    hard->free_during(cell, node.t + 1, query.horizon)))
                 : at_goal && node.t >= query.earliest_end &&
                       (hard == nullptr || hard->free_from(cell, node.t + 1));
    if (done) {
      result.status = SearchStatus::Found;
      result.cost = node.f;
      result.conflicts = node.conflicts;
      build_path(index, path);
      if (windowed) {
        for (int t = node.t; t < query.horizon; ++t) path.push_back(node.state);
        if (soft != nullptr && node.t < query.horizon) {
          for (int t = node.t + 1; t <= query.horizon; ++t)
            result.conflicts += soft->vertex_count(cell, t);
        }
      } else if (soft != nullptr) {
        result.conflicts += soft->count_from(cell, node.t + 1);
      }
      return result;
    }

    // Two passes over the successors: filter and prefetch their closed-table slots, then
    // look them up; the table is large and random access to it dominates the search.
    const int t1 = node.t + 1;
    const int n = motion_.successors(node.state, next);
    struct Candidate {
      State state;
      std::int32_t f;
      std::int32_t conflicts;
      std::uint64_t key;
    };
    std::array<Candidate, Motion::kMaxSuccessors> candidates{};
    int kept = 0;
    for (int i = 0; i < n; ++i) {
      const State s1 = next[i];
      const Cell c1 = motion_.cell(s1);
      if (hard != nullptr &&
          (!hard->vertex_free(c1, t1) || (c1 != cell && !hard->move_free(cell, c1, node.t))))
        continue;
      const std::uint32_t h = distances_->distance(s1, query.goal);
      if (h == DistanceTable::kUnreachable) continue;
      std::int32_t conflicts = node.conflicts;
      if (soft != nullptr) {
        conflicts += soft->vertex_count(c1, t1);
        if (c1 != cell) conflicts += soft->move_count(cell, c1, node.t);
      }
      const auto f = static_cast<std::int32_t>(
          t1 - query.start_time + std::max(static_cast<int>(h), query.earliest_end - t1));
      candidates[kept] = {s1, f, conflicts, key(s1, t1)};
      seen_.prefetch(candidates[kept].key);
      ++kept;
    }
    for (int i = 0; i < kept; ++i) {
      const Candidate& c = candidates[i];
      ++result.generated;
      std::int32_t& slot = seen_.emplace(c.key, -1);
      if (slot >= 0) {
        Node& old = nodes_[slot];
        const bool better = t1 < old.t || (t1 == old.t && c.conflicts < old.conflicts);
        if (old.flag != kOpen || !better) continue;
        old.flag = kStale;
        --open_count_[old.f];
      }
      slot = static_cast<std::int32_t>(nodes_.size());
      nodes_.push_back({c.state, t1, c.f, c.conflicts, index, kOpen, -1});
      push(slot);
    }
  }
  return result;
}

}  // namespace fleet::planner
