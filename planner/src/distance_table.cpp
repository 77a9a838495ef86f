#include <fleet/planner/distance_table.hpp>

#include <tbb/parallel_for_each.h>

#include <algorithm>

namespace fleet::planner {

// Distances are stored over free states only (free index * headings + heading), in 16 bits
// whenever every finite distance of that table fits (on every benchmark map, rotation
// included), else in 32 bits.
struct DistanceTable::Table {
  std::vector<std::uint16_t> narrow;
  std::vector<std::uint32_t> wide;
};

namespace {
constexpr std::uint16_t kNarrowUnreachable = 0xFFFF;
}

DistanceTable::DistanceTable(const Grid& grid, MotionKind kind)
    : motion_(grid, kind),
      once_(static_cast<std::size_t>(grid.size())),
      tables_(static_cast<std::size_t>(grid.size())) {}

DistanceTable::~DistanceTable() = default;

void DistanceTable::build(Cell goal, Table& table) const {
  const Grid& grid = motion_.grid();
  const int headings = motion_.has_heading() ? kDirections : 1;
  const std::size_t states = static_cast<std::size_t>(grid.free_count()) * headings;
  std::vector<std::uint32_t> dist(states, kUnreachable);
  std::vector<State> queue;
  queue.reserve(states);
  auto compact = [&](State s) {
    return static_cast<std::size_t>(grid.free_index(motion_.cell(s))) * headings +
           (headings > 1 ? motion_.heading(s) : 0);
  };
  for (int h = 0; h < headings; ++h) {
    const State s = motion_.state(goal, h);
    dist[compact(s)] = 0;
    queue.push_back(s);
  }
  Motion::Neighbours around{};
  for (std::size_t head = 0; head < queue.size(); ++head) {
    const State s = queue[head];
    const std::uint32_t next = dist[compact(s)] + 1;
    const int n = motion_.predecessors(s, around);
    for (int i = 1; i < n; ++i) {  // [0] is waiting in place
      const std::size_t k = compact(around[i]);
      if (dist[k] != kUnreachable) continue;
      dist[k] = next;
      queue.push_back(around[i]);
    }
  }
  std::uint32_t farthest = 0;
  for (std::uint32_t d : dist)
    if (d != kUnreachable) farthest = std::max(farthest, d);
  if (farthest < kNarrowUnreachable) {
    table.narrow.resize(states);
    std::transform(dist.begin(), dist.end(), table.narrow.begin(), [](std::uint32_t d) {
      return d == kUnreachable ? kNarrowUnreachable : static_cast<std::uint16_t>(d);
    });
  } else {
    table.wide = std::move(dist);
  }
  built_bytes_.fetch_add(table.narrow.size() * sizeof(std::uint16_t) +
                            table.wide.size() * sizeof(std::uint32_t),
                        std::memory_order_relaxed);
  built_.fetch_add(1, std::memory_order_relaxed);
}

const DistanceTable::Table& DistanceTable::table(Cell goal) const {
  std::call_once(once_[goal], [&] {
    auto made = std::make_unique<Table>();
    build(goal, *made);
    tables_[goal] = std::move(made);
  });
  return *tables_[goal];
}

std::uint32_t DistanceTable::distance(State from, Cell goal) const {
  const Grid& grid = motion_.grid();
  if (!grid.passable(goal) || !motion_.valid(from)) return kUnreachable;
  const std::int32_t free = grid.free_index(motion_.cell(from));
  if (free < 0) return kUnreachable;
  const Table& t = table(goal);
  const std::size_t k = motion_.has_heading()
                            ? static_cast<std::size_t>(free) * kDirections + motion_.heading(from)
                            : static_cast<std::size_t>(free);
  if (!t.narrow.empty()) return t.narrow[k] == kNarrowUnreachable ? kUnreachable : t.narrow[k];
  return t.wide[k];
}

void DistanceTable::prepare(std::span<const Cell> goals) const {
  std::vector<Cell> distinct(goals.begin(), goals.end());
  std::sort(distinct.begin(), distinct.end());
  distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
  const Grid& grid = motion_.grid();
  std::erase_if(distinct, [&](Cell g) { return !grid.passable(g); });
  tbb::parallel_for_each(distinct.begin(), distinct.end(), [&](Cell g) { (void)table(g); });
}

std::size_t DistanceTable::memory_bytes() const {
  std::size_t bytes = tables_.size() * (sizeof(std::once_flag) + sizeof(void*));
  bytes += built_bytes_.load(std::memory_order_relaxed);
  return bytes;
}

}  // namespace fleet::planner
