#include <fleet/planner/distance_table.hpp>

#include <tbb/parallel_for_each.h>

#include <algorithm>
#include <bit>
#include <limits>
#include <stdexcept>
#include <utility>

namespace fleet::planner {

namespace {

constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();

// Shortest distances from the goal's states over backward edges (`predecessors(k, visit)`
// calls visit(p, cost) for each state p one action before k, the action costing 1 to
// MoveCosts::kMaxCost), writing distances of type T (every entry starts as `unknown`).
// Unit costs: a breadth-first search with buckets[0] as its queue. Otherwise a bucket queue
// (Dial's algorithm) over the ring of buckets. False when some distance does not fit below
// `unknown`; the caller then searches again, wider.
template <bool Weighted, typename T, typename Predecessors>
bool search(std::uint32_t first, int headings, T unknown, std::vector<T>& dist,
            std::vector<std::vector<std::uint32_t>>& buckets, const Predecessors& predecessors) {
  for (auto& bucket : buckets) bucket.clear();
  for (int h = 0; h < headings; ++h) {
    dist[first + static_cast<std::uint32_t>(h)] = 0;
    buckets[0].push_back(first + static_cast<std::uint32_t>(h));
  }
  if constexpr (!Weighted) {
    std::vector<std::uint32_t>& queue = buckets[0];
    for (std::size_t head = 0; head < queue.size(); ++head) {
      const std::uint32_t k = queue[head];
      const std::uint32_t next = static_cast<std::uint32_t>(dist[k]) + 1;
      if (next >= static_cast<std::uint32_t>(unknown)) return false;
      const T d = static_cast<T>(next);
      predecessors(k, [&](std::uint32_t p, std::uint32_t) {
        if (dist[p] != unknown) return;
        dist[p] = d;
        queue.push_back(p);
      });
    }
    return true;
  } else {
    const auto mask = static_cast<std::uint32_t>(buckets.size()) - 1;  // a power of two
    bool fits = true;
    std::size_t pending = static_cast<std::size_t>(headings);
    for (std::uint32_t d = 0; pending > 0; ++d) {
      std::vector<std::uint32_t>& bucket = buckets[d & mask];
      // Every cost is at least 1 and below the ring's size, so nothing lands in this bucket
      // while it is read.
      for (std::size_t i = 0; i < bucket.size(); ++i) {
        --pending;
        const std::uint32_t k = bucket[i];
        if (static_cast<std::uint32_t>(dist[k]) != d) continue;  // reached cheaper since
        predecessors(k, [&](std::uint32_t p, std::uint32_t cost) {
          const std::uint32_t next = d + cost;
          if (next >= static_cast<std::uint32_t>(unknown)) {
            fits = false;
            return;
          }
          if (next >= static_cast<std::uint32_t>(dist[p])) return;
          dist[p] = static_cast<T>(next);
          buckets[next & mask].push_back(p);
          ++pending;
        });
        if (!fits) return false;
      }
      bucket.clear();
    }
    return true;
  }
}

}  // namespace

DistanceTable::DistanceTable(const Grid& grid, MotionKind kind,
                             std::shared_ptr<const MoveCosts> costs)
    : motion_(grid, kind),
      costs_(std::move(costs)),
      table_count_(static_cast<std::size_t>(grid.size())),
      tables_(std::make_unique<std::atomic<const Table*>[]>(table_count_)) {
  // The motion model is asked once per state here, so that every search afterwards walks
  // flat arrays of compact indices.
  const int headings = motion_.has_heading() ? kDirections : 1;
  auto compact = [&](State s) {
    return static_cast<std::uint32_t>(grid.free_index(motion_.cell(s))) *
               static_cast<std::uint32_t>(headings) +
           static_cast<std::uint32_t>(headings > 1 ? motion_.heading(s) : 0);
  };
  const std::size_t states = static_cast<std::size_t>(grid.free_count()) * headings;
  if (costs_ && costs_->forward.size() != static_cast<std::size_t>(grid.size()) * kDirections)
    throw std::invalid_argument("move costs were made for another grid");
  // The cost of moving from cell `from` into cell `to`, its 4-neighbour.
  auto move_cost = [&](Cell from, Cell to) -> std::uint8_t {
    if (!costs_) return 1;
    int d = 0;
    while (grid.step(from, static_cast<Direction>(d)) != to) ++d;
    return static_cast<std::uint8_t>(std::clamp<std::uint32_t>(costs_->cost(from, d), 1, MoveCosts::kMaxCost));
  };
  Motion::Neighbours around{};
  if (motion_.has_heading()) {
    // The two rotations into a state start from its own cell; only the forward move comes
    // from elsewhere, so that one predecessor is all there is to store.
    behind_.assign(states, kNone);
    behind_cost_.assign(states, 1);
    for (Cell c : grid.free_cells()) {
      for (int h = 0; h < kDirections; ++h) {
        const State s = motion_.state(c, h);
        const int n = motion_.predecessors(s, around);
        for (int i = 1; i < n; ++i) {  // [0] is waiting in place
          if (motion_.cell(around[i]) == c) continue;
          behind_[compact(s)] = compact(around[i]);
          behind_cost_[compact(s)] = move_cost(motion_.cell(around[i]), c);
        }
      }
    }
    return;
  }
  offsets_.reserve(states + 1);
  sources_.reserve(states * kDirections);
  offsets_.push_back(0);
  for (Cell c : grid.free_cells()) {
    const int n = motion_.predecessors(c, around);
    for (int i = 1; i < n; ++i) {  // [0]: waiting
      sources_.push_back(compact(around[i]));
      source_costs_.push_back(move_cost(around[i], c));
    }
    offsets_.push_back(static_cast<std::uint32_t>(sources_.size()));
  }
  sources_.shrink_to_fit();
  source_costs_.shrink_to_fit();
}

DistanceTable::~DistanceTable() {
  for (std::size_t c = 0; c < table_count_; ++c) delete tables_[c].load(std::memory_order_relaxed);
}

void DistanceTable::build(Cell goal, Table& table) const {
  const Grid& grid = motion_.grid();
  const int headings = motion_.has_heading() ? kDirections : 1;
  const std::size_t states = static_cast<std::size_t>(grid.free_count()) * headings;
  const auto first = static_cast<std::uint32_t>(grid.free_index(goal)) * static_cast<std::uint32_t>(headings);
  // Weighted: a ring of buckets, a power of two above the largest cost.
  std::vector<std::vector<std::uint32_t>> buckets(costs_ ? std::bit_ceil(MoveCosts::kMaxCost + 1U) : 1);
  buckets[0].reserve(costs_ ? states / 4 : states);
  auto run_with = [&]<bool Weighted>(auto unknown, auto& dist) {
    if (motion_.has_heading()) {
      const std::uint32_t turn = Weighted ? costs_->turn : 1U;
      return search<Weighted>(first, headings, unknown, dist, buckets,
                              [this, turn](std::uint32_t k, auto&& visit) {
                                const std::uint32_t cell = k & ~3U;
                                visit(cell | ((k + 1) & 3U), turn);  // rotated into k from either side
                                visit(cell | ((k + 3) & 3U), turn);
                                if (const std::uint32_t from = behind_[k]; from != kNone)
                                  visit(from, Weighted ? behind_cost_[k] : 1U);
                              });
    }
    return search<Weighted>(first, headings, unknown, dist, buckets,
                            [this](std::uint32_t k, auto&& visit) {
                              for (std::uint32_t e = offsets_[k], end = offsets_[k + 1]; e < end; ++e)
                                visit(sources_[e], Weighted ? source_costs_[e] : 1U);
                            });
  };
  auto run = [&](auto unknown, auto& dist) {
    return costs_ ? run_with.template operator()<true>(unknown, dist)
                  : run_with.template operator()<false>(unknown, dist);
  };
  table.narrow.assign(states, 0xFFFF);
  if (run(std::uint16_t{0xFFFF}, table.narrow)) return;
  table.narrow = {};
  table.wide.assign(states, kUnreachable);
  (void)run(kUnreachable, table.wide);
}

const DistanceTable::Table& DistanceTable::build_table(Cell goal) const {
  std::lock_guard lock(building_[static_cast<std::size_t>(goal) % kStripes]);
  std::atomic<const Table*>& slot = tables_[static_cast<std::size_t>(goal)];
  if (const Table* t = slot.load(std::memory_order_acquire)) return *t;  // built meanwhile
  auto made = std::make_unique<Table>();
  build(goal, *made);
  note_held(1, static_cast<std::ptrdiff_t>(made->bytes()));
  const Table* t = made.release();
  slot.store(t, std::memory_order_release);
  return *t;
}

void DistanceTable::note_held(std::ptrdiff_t tables, std::ptrdiff_t bytes) const {
  std::lock_guard lock(counting_);
  usage_.tables = static_cast<std::size_t>(static_cast<std::ptrdiff_t>(usage_.tables) + tables);
  usage_.bytes = static_cast<std::size_t>(static_cast<std::ptrdiff_t>(usage_.bytes) + bytes);
  if (tables > 0) usage_.builds += static_cast<std::size_t>(tables);
  usage_.peak_tables = std::max(usage_.peak_tables, usage_.tables);
  usage_.peak_bytes = std::max(usage_.peak_bytes, usage_.bytes);
}

void DistanceTable::prepare(std::span<const Cell> goals) const {
  std::vector<Cell> distinct(goals.begin(), goals.end());
  std::sort(distinct.begin(), distinct.end());
  distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
  const Grid& grid = motion_.grid();
  std::erase_if(distinct, [&](Cell g) {
    return !grid.passable(g) ||
           tables_[static_cast<std::size_t>(g)].load(std::memory_order_acquire) != nullptr;
  });
  tbb::parallel_for_each(distinct.begin(), distinct.end(), [&](Cell g) { (void)build_table(g); });
}

std::size_t DistanceTable::release_except(std::span<const Cell> keep) {
  const auto cells = static_cast<std::size_t>(motion_.grid().size());
  std::vector<std::uint8_t> kept(cells, 0);
  for (Cell c : keep)
    if (c >= 0 && static_cast<std::size_t>(c) < cells) kept[static_cast<std::size_t>(c)] = 1;
  std::ptrdiff_t tables = 0;
  std::ptrdiff_t bytes = 0;
  for (std::size_t c = 0; c < cells; ++c) {
    if (kept[c] != 0) continue;
    const Table* t = tables_[c].load(std::memory_order_relaxed);
    if (t == nullptr) continue;
    tables_[c].store(nullptr, std::memory_order_relaxed);
    --tables;
    bytes -= static_cast<std::ptrdiff_t>(t->bytes());
    delete t;
  }
  note_held(tables, bytes);
  return static_cast<std::size_t>(-bytes);
}

std::size_t DistanceTable::bookkeeping_bytes() const {
  return static_cast<std::size_t>(motion_.grid().size()) * sizeof(std::atomic<const Table*>) +
         (offsets_.capacity() + sources_.capacity() + behind_.capacity()) * sizeof(std::uint32_t) +
         source_costs_.capacity() + behind_cost_.capacity();
}

DistanceTable::Usage DistanceTable::usage() const {
  Usage u;
  {
    std::lock_guard lock(counting_);
    u = usage_;
  }
  u.bytes += bookkeeping_bytes();
  u.peak_bytes += bookkeeping_bytes();
  return u;
}

}  // namespace fleet::planner
