#include "scalable/lazy_distances.hpp"

#include <tbb/parallel_for.h>

#include <unordered_map>

namespace fleet::planner::scalable {
namespace {
constexpr std::uint16_t kUnknown = 0xFFFF;
constexpr std::uint32_t kLongest = 0xFFFE;  // beyond this, fall back to the shared table
}  // namespace

LazyDistances::LazyDistances(const Instance& instance)
    : instance_(&instance),
      motion_(&instance.motion),
      headings_(instance.motion.has_heading() ? kDirections : 1),
      search_of_(instance.size(), -1) {
  std::unordered_map<Cell, std::int32_t> index;
  index.reserve(instance.size());
  for (std::size_t r = 0; r < instance.size(); ++r) {
    const auto [it, fresh] =
        index.emplace(instance.goals[r], static_cast<std::int32_t>(searches_.size()));
    if (fresh) searches_.emplace_back().goal = instance.goals[r];
    search_of_[r] = it->second;
  }
  if (headings_ == 1) {
    const Grid& grid = instance.map();
    free_offsets_.reserve(static_cast<std::size_t>(grid.free_count()) + 1);
    free_offsets_.push_back(0);
    for (Cell c : grid.free_cells()) {
      for (Cell u : grid.neighbours(c)) free_targets_.push_back(grid.free_index(u));
      free_offsets_.push_back(static_cast<std::int32_t>(free_targets_.size()));
    }
  }
}

std::size_t LazyDistances::key(State s) const {
  const std::int32_t free = motion_->grid().free_index(motion_->cell(s));
  return static_cast<std::size_t>(free) * static_cast<std::size_t>(headings_) +
         (headings_ > 1 ? static_cast<std::size_t>(motion_->heading(s)) : 0);
}

void LazyDistances::start(Search& search) const {
  const Grid& grid = motion_->grid();
  search.started = true;
  if (!grid.passable(search.goal)) return;
  search.dist.assign(static_cast<std::size_t>(grid.free_count()) * static_cast<std::size_t>(headings_),
                     kUnknown);
  for (int h = 0; h < headings_; ++h) {
    const State s = motion_->state(search.goal, h);
    search.dist[key(s)] = 0;
    search.frontier.push_back(headings_ == 1 ? grid.free_index(search.goal) : s);
  }
}

void LazyDistances::advance(Search& search) const {
  const auto d = static_cast<std::uint16_t>(search.radius + 1);
  search.next.clear();
  if (headings_ == 1) {  // 4-connected: moves are symmetric; work on free indices
    for (const std::int32_t f : search.frontier) {
      const auto end = free_offsets_[static_cast<std::size_t>(f) + 1];
      for (auto k = free_offsets_[static_cast<std::size_t>(f)]; k < end; ++k) {
        const std::int32_t u = free_targets_[static_cast<std::size_t>(k)];
        std::uint16_t& slot = search.dist[static_cast<std::size_t>(u)];
        if (slot != kUnknown) continue;
        slot = d;
        search.next.push_back(u);
      }
    }
  } else {
    Motion::Neighbours around{};
    for (State s : search.frontier) {
      const int n = motion_->predecessors(s, around);
      for (int i = 1; i < n; ++i) {  // [0] is waiting in place
        std::uint16_t& slot = search.dist[key(around[i])];
        if (slot != kUnknown) continue;
        slot = d;
        search.next.push_back(around[i]);
      }
    }
  }
  search.frontier.swap(search.next);
  search.radius = d;
}

void LazyDistances::grow(Search& search, std::size_t k) const {
  if (!search.started) start(search);
  while (!search.frontier.empty() && search.dist[k] == kUnknown && search.radius < kLongest)
    advance(search);
}

std::uint32_t LazyDistances::get(RobotId r, State s) {
  if (!motion_->valid(s) || motion_->grid().free_index(motion_->cell(s)) < 0)
    return DistanceTable::kUnreachable;
  Search& search = searches_[static_cast<std::size_t>(search_of_[r])];
  const std::size_t k = key(s);
  if (search.started && !search.dist.empty() && search.dist[k] != kUnknown) return search.dist[k];
  grow(search, k);
  if (search.dist.empty()) return DistanceTable::kUnreachable;
  if (search.dist[k] != kUnknown) return search.dist[k];
  if (search.frontier.empty()) return DistanceTable::kUnreachable;
  return instance_->distances->distance(s, search.goal);  // farther than 16 bits can say
}

void LazyDistances::prepare(std::span<const State> config) {
  // Group robots by search so that each search is grown by one task only.
  std::vector<std::int32_t> offsets(searches_.size() + 1, 0);
  for (std::int32_t s : search_of_) ++offsets[static_cast<std::size_t>(s) + 1];
  for (std::size_t k = 1; k < offsets.size(); ++k) offsets[k] += offsets[k - 1];
  std::vector<RobotId> robots(search_of_.size());
  std::vector<std::int32_t> fill(offsets.begin(), offsets.end() - 1);
  for (std::size_t r = 0; r < search_of_.size(); ++r)
    robots[static_cast<std::size_t>(fill[static_cast<std::size_t>(search_of_[r])]++)] =
        static_cast<RobotId>(r);
  tbb::parallel_for(std::size_t{0}, searches_.size(), [&](std::size_t i) {
    for (std::int32_t k = offsets[i]; k < offsets[i + 1]; ++k) {
      const State s = config[static_cast<std::size_t>(robots[static_cast<std::size_t>(k)])];
      if (motion_->valid(s) && motion_->grid().free_index(motion_->cell(s)) >= 0)
        grow(searches_[i], key(s));
    }
    // One layer more: the first steps ask about the neighbours too.
    if (searches_[i].started && !searches_[i].frontier.empty() && searches_[i].radius < kLongest)
      advance(searches_[i]);
  });
}

void LazyDistances::complete() {
  tbb::parallel_for(std::size_t{0}, searches_.size(), [&](std::size_t i) {
    Search& search = searches_[i];
    if (!search.started) start(search);
    while (!search.frontier.empty() && search.radius < kLongest) advance(search);
    search.next = {};  // release the scratch of finished searches
  });
}

void LazyDistances::prefetch(RobotId r, State s) const {
  const Search& search = searches_[static_cast<std::size_t>(search_of_[r])];
  if (search.dist.empty()) return;
  const Grid& grid = motion_->grid();
  const Cell c = motion_->cell(s);
  __builtin_prefetch(search.dist.data() + key(s));
  // Vertical neighbours sit a row away in the table; horizontal ones share the line.
  for (Direction d : {Direction::South, Direction::North}) {
    const Cell u = grid.step(c, d);
    if (u != kNoCell) __builtin_prefetch(search.dist.data() + key(motion_->state(u, 0)));
  }
}

std::size_t LazyDistances::memory_bytes() const {
  std::size_t bytes = searches_.size() * sizeof(Search);
  for (const Search& s : searches_)
    bytes += s.dist.capacity() * sizeof(std::uint16_t) +
             (s.frontier.capacity() + s.next.capacity()) * sizeof(State);
  return bytes;
}

}  // namespace fleet::planner::scalable
