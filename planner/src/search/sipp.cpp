#include "search/sipp.hpp"

#include <algorithm>

namespace fleet::planner {
namespace {

constexpr std::int64_t kStopPollMask = 255;

std::uint64_t node_key(State s, std::int32_t interval, bool terminal) {
  return (static_cast<std::uint64_t>(static_cast<std::uint32_t>(interval)) << 32) |
         (static_cast<std::uint64_t>(terminal) << 31) | static_cast<std::uint32_t>(s);
}

}  // namespace

Sipp::Sipp(const Motion& motion, const DistanceTable& distances)
    : motion_(motion), distances_(&distances) {}

std::pair<std::int32_t, std::int32_t> Sipp::intervals(Cell cell) {
  const auto c = static_cast<std::size_t>(cell);
  if (cell_stamp_[c] == stamp_) return {cell_begin_[c], cell_count_[c]};
  const auto begin = static_cast<std::int32_t>(intervals_.size());
  if (hard_ == nullptr) {
    intervals_.push_back({0, kForever});
  } else {
    const std::int32_t parked = hard_->parked_since(cell);
    const std::int32_t last = hard_->last_vertex_time(cell);
    const std::int32_t scan_end = std::min(last, parked - 1);  // ticks that need a lookup
    // Ticks before the first occupant are free: start the scan there.
    const std::int32_t first = std::min(hard_->first_vertex_time(cell), scan_end + 1);
    std::int32_t run = first > 0 ? 0 : -1;  // start of the current free run
    for (std::int32_t t = std::max(first, 0); t <= scan_end; ++t) {
      const bool free = hard_->vertex_free(cell, t);
      if (free && run < 0) run = t;
      if (!free && run >= 0) {
        intervals_.push_back({run, t - 1});
        run = -1;
      }
    }
    // After the last reservation the cell is free until a robot parks there for good.
    const std::int32_t tail = std::max(scan_end + 1, 0);
    if (tail < parked) {
      intervals_.push_back({run >= 0 ? run : tail, parked == kForever ? kForever : parked - 1});
    } else if (run >= 0) {
      intervals_.push_back({run, scan_end});
    }
  }
  cell_stamp_[c] = stamp_;
  cell_begin_[c] = begin;
  cell_count_[c] = static_cast<std::int32_t>(intervals_.size()) - begin;
  return {begin, cell_count_[c]};
}

void Sipp::push(std::int32_t index) {
  open_.push_back(index);
  std::push_heap(open_.begin(), open_.end(), [this](std::int32_t a, std::int32_t b) {
    const Node& x = nodes_[static_cast<std::size_t>(a)];
    const Node& y = nodes_[static_cast<std::size_t>(b)];
    if (x.f != y.f) return x.f > y.f;
    return x.t < y.t;  // deeper first among equals
  });
}

void Sipp::build_path(std::int32_t index, int end_tick, std::vector<State>& path) {
  path.clear();
  // Walk back, then fill the waits between consecutive arrivals.
  std::vector<std::int32_t>& chain = chain_;
  chain.clear();
  for (std::int32_t i = index; i >= 0; i = nodes_[static_cast<std::size_t>(i)].parent)
    chain.push_back(i);
  std::reverse(chain.begin(), chain.end());
  for (std::size_t k = 0; k < chain.size(); ++k) {
    const Node& node = nodes_[static_cast<std::size_t>(chain[k])];
    const int until = k + 1 < chain.size()
                          ? nodes_[static_cast<std::size_t>(chain[k + 1])].t - 1
                          : end_tick;
    for (int t = node.t; t <= until; ++t) path.push_back(node.state);
  }
}

SearchResult Sipp::search(const SearchQuery& query, std::vector<State>& path,
                          const StopCondition* stop) {
  path.clear();
  SearchResult result;
  hard_ = query.hard;
  const bool windowed = query.horizon > 0;
  if (windowed && query.horizon < query.start_time) return result;
  const std::uint32_t h0 = distances_->distance(query.start, query.goal);
  if (h0 == DistanceTable::kUnreachable) return result;

  const auto cells = static_cast<std::size_t>(motion_.grid().size());
  if (cell_stamp_.size() != cells) {
    cell_stamp_.assign(cells, 0);
    cell_begin_.assign(cells, 0);
    cell_count_.assign(cells, 0);
    stamp_ = 0;
  }
  if (++stamp_ == 0) {
    std::fill(cell_stamp_.begin(), cell_stamp_.end(), 0U);
    stamp_ = 1;
  }
  intervals_.clear();
  nodes_.clear();
  open_.clear();
  best_.clear();

  // The start must lie in a safe interval of its cell.
  const Cell start_cell = motion_.cell(query.start);
  std::int32_t start_interval = -1;
  {
    const auto [begin, count] = intervals(start_cell);
    for (std::int32_t i = begin; i < begin + count; ++i)
      if (intervals_[static_cast<std::size_t>(i)].lo <= query.start_time &&
          query.start_time <= intervals_[static_cast<std::size_t>(i)].hi)
        start_interval = i;
  }
  if (start_interval < 0) return result;
  const std::int32_t start_local = start_interval - intervals(start_cell).first;
  nodes_.push_back({query.start, start_interval, start_local, query.start_time,
                    static_cast<std::int32_t>(h0), -1, false});
  best_.emplace(node_key(query.start, start_local, false)) = query.start_time;
  push(0);
  result.generated = 1;

  const auto later = [this](std::int32_t a, std::int32_t b) {
    const Node& x = nodes_[static_cast<std::size_t>(a)];
    const Node& y = nodes_[static_cast<std::size_t>(b)];
    if (x.f != y.f) return x.f > y.f;
    return x.t < y.t;
  };
  // Adds a node unless (state, interval) was already reached no later.
  const auto reach = [&](State s, std::int32_t interval, std::int32_t local, std::int32_t t,
                         std::int32_t parent, bool terminal) {
    const std::uint32_t h = distances_->distance(s, query.goal);
    if (h == DistanceTable::kUnreachable) return;
    std::int32_t& seen = best_.emplace(node_key(s, local, terminal), kForever);
    if (seen <= t) return;
    seen = t;
    const std::int32_t f = terminal ? query.horizon - query.start_time + static_cast<std::int32_t>(h)
                                    : t - query.start_time + static_cast<std::int32_t>(h);
    nodes_.push_back({s, interval, local, t, f, parent, terminal});
    push(static_cast<std::int32_t>(nodes_.size() - 1));
    ++result.generated;
  };

  Motion::Neighbours next{};
  while (!open_.empty()) {
    std::pop_heap(open_.begin(), open_.end(), later);
    const std::int32_t index = open_.back();
    open_.pop_back();
    const Node node = nodes_[static_cast<std::size_t>(index)];
    // Stale: a later copy of the same (state, interval) replaced this one.
    if (best_.get(node_key(node.state, node.local, node.terminal)) < node.t) continue;
    ++result.expanded;
    result.lower_bound = node.f;
    if ((result.expanded & kStopPollMask) == 0 && stop != nullptr && stop->should_stop()) {
      result.status = SearchStatus::Stopped;
      return result;
    }
    const Cell cell = motion_.cell(node.state);
    const Interval here = intervals_[static_cast<std::size_t>(node.interval)];
    const bool at_goal = cell == query.goal;
    const bool done = windowed ? node.t >= query.horizon || (at_goal && here.hi >= query.horizon)
                               : at_goal && here.hi == kForever;
    if (done) {
      result.status = SearchStatus::Found;
      result.cost = node.f;
      build_path(index, windowed ? query.horizon : node.t, path);
      return result;
    }
    const int last_departure = windowed ? std::min(here.hi, query.horizon - 1) : here.hi;
    if (windowed && here.hi >= query.horizon) {
      // Waiting here through the end of the window ends the search's responsibility.
      reach(node.state, node.interval, node.local, query.horizon, index, true);
    }
    const int n = motion_.successors(node.state, next);
    for (int i = 1; i < n; ++i) {  // successor 0 is waiting: implicit in the interval
      const State s1 = next[i];
      const Cell c1 = motion_.cell(s1);
      if (c1 == cell) {  // a rotation: same cell, same interval, one tick later
        if (node.t > last_departure) continue;
        reach(s1, node.interval, node.local, node.t + 1, index, false);
        continue;
      }
      const auto [begin, count] = intervals(c1);
      for (std::int32_t k = begin; k < begin + count; ++k) {
        const Interval there = intervals_[static_cast<std::size_t>(k)];
        if (there.hi != kForever && there.hi < node.t + 1) continue;
        if (there.lo - 1 > last_departure) break;
        const int first = std::max(node.t, there.lo - 1);
        const int last = std::min(last_departure, there.hi == kForever ? last_departure : there.hi - 1);
        for (int depart = first; depart <= last; ++depart) {
          if (hard_ != nullptr && !hard_->move_free(cell, c1, depart)) continue;
          reach(s1, k, k - begin, depart + 1, index, false);
          break;
        }
      }
    }
  }
  return result;
}

}  // namespace fleet::planner
