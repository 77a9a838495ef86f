#include <fleet/planner/traffic_spread.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <vector>

namespace fleet::planner {
namespace {

/// A* on the cell graph with the current costs (Manhattan distance is admissible: every move
/// costs at least one). Scratch arrays are reset by stamp, so a route allocates nothing once
/// the heap has grown.
class Router {
public:
  explicit Router(const Grid& grid)
      : grid_(&grid),
        g_(static_cast<std::size_t>(grid.size()), 0),
        came_from_(static_cast<std::size_t>(grid.size()), 0),
        stamp_(static_cast<std::size_t>(grid.size()), 0) {}

  /// Appends the cells entered on a cheapest route from `from` to `to` to `route` (empty when
  /// `to` cannot be reached).
  void route(Cell from, Cell to, const std::vector<std::uint32_t>& enter_cost,
             const MoveCosts& base, std::vector<Cell>& route) {
    route.clear();
    if (!grid_->passable(from) || !grid_->passable(to) || from == to) return;
    ++round_;
    heap_.clear();
    auto h = [&](Cell c) {
      return static_cast<std::uint32_t>(std::abs(grid_->x(c) - grid_->x(to)) +
                                        std::abs(grid_->y(c) - grid_->y(to)));
    };
    auto reach = [&](Cell c, std::uint32_t g, std::uint8_t dir) {
      const auto i = static_cast<std::size_t>(c);
      if (stamp_[i] == round_ && g_[i] <= g) return;
      stamp_[i] = round_;
      g_[i] = g;
      came_from_[i] = dir;
      heap_.push_back({g + h(c), g, c});
      std::push_heap(heap_.begin(), heap_.end(), later);
    };
    reach(from, 0, kNone);
    while (!heap_.empty()) {
      std::pop_heap(heap_.begin(), heap_.end(), later);
      const Entry e = heap_.back();
      heap_.pop_back();
      if (e.g != g_[static_cast<std::size_t>(e.cell)]) continue;  // stale
      if (e.cell == to) break;
      for (int d = 0; d < kDirections; ++d) {
        const Cell u = grid_->step(e.cell, static_cast<Direction>(d));
        if (u == kNoCell) continue;
        reach(u, e.g + base.cost(e.cell, d) + enter_cost[static_cast<std::size_t>(u)],
              static_cast<std::uint8_t>(d));
      }
    }
    if (stamp_[static_cast<std::size_t>(to)] != round_) return;
    for (Cell c = to; c != from;) {
      route.push_back(c);
      const int d = came_from_[static_cast<std::size_t>(c)];
      c = grid_->step(c, static_cast<Direction>((d + 2) & 3));
    }
  }

private:
  static constexpr std::uint8_t kNone = 0xFF;
  struct Entry {
    std::uint32_t f;
    std::uint32_t g;
    Cell cell;
  };
  static bool later(const Entry& a, const Entry& b) {
    return a.f != b.f ? a.f > b.f : (a.g != b.g ? a.g < b.g : a.cell > b.cell);
  }

  const Grid* grid_;
  std::vector<std::uint32_t> g_;
  std::vector<std::uint8_t> came_from_;  // direction of the move into the cell
  std::vector<std::uint32_t> stamp_;
  std::uint32_t round_ = 0;
  std::vector<Entry> heap_;
};

}  // namespace

void spread_traffic(const Grid& grid, std::span<const Trip> trips,
                    const TrafficSpreadOptions& options, MoveCosts& costs) {
  if (!(options.weight > 0.0) || trips.empty() || !(options.moving_robots > 0.0)) return;
  const auto cells = static_cast<std::size_t>(grid.size());
  const std::uint32_t headroom =
      MoveCosts::kMaxCost - *std::max_element(costs.forward.begin(), costs.forward.end());
  std::vector<std::uint32_t> enter_cost(cells, 0);
  std::vector<double> entries(cells, 0.0);  // routes entering each cell so far
  double entered = 0.0;                     // cells entered by all routes so far
  Router router(grid);
  std::vector<Cell> route;
  const int batches = std::max(1, options.batches);
  const std::size_t per_batch = (trips.size() + static_cast<std::size_t>(batches) - 1) /
                                static_cast<std::size_t>(batches);
  for (std::size_t begin = 0; begin < trips.size(); begin += per_batch) {
    const std::size_t end = std::min(trips.size(), begin + per_batch);
    for (std::size_t t = begin; t < end; ++t) {
      router.route(trips[t].from, trips[t].to, enter_cost, costs, route);
      for (Cell c : route) entries[static_cast<std::size_t>(c)] += 1.0;
      entered += static_cast<double>(route.size());
    }
    if (entered <= 0.0) continue;
    // The sampled routes stand for the fleet's moves: a cell entered by a share s of them is
    // entered by about s x moving_robots robots per tick.
    const double per_tick = options.moving_robots / entered;
    for (std::size_t c = 0; c < cells; ++c) {
      const double load = entries[c] * per_tick;
      enter_cost[c] = std::min(headroom, static_cast<std::uint32_t>(options.weight * load));
    }
  }
  for (Cell a : grid.free_cells()) {
    for (int d = 0; d < kDirections; ++d) {
      const Cell u = grid.step(a, static_cast<Direction>(d));
      if (u == kNoCell) continue;
      auto& cost = costs.forward[static_cast<std::size_t>(a) * kDirections + static_cast<std::size_t>(d)];
      cost = static_cast<std::uint8_t>(cost + enter_cost[static_cast<std::size_t>(u)]);
    }
  }
}

}  // namespace fleet::planner
