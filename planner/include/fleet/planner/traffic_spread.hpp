// Spreading expected traffic over a guidance graph (a static traffic assignment): trips drawn
// from the robots' errands are routed one batch after another, each batch on the costs left by
// the ones before, and cells many routes cross cost more to enter. Distances on the result
// send through-traffic round the busy bands a layout funnels it into (the emitter rows of a
// fulfilment floor, the middle of a random map) instead of along them.
#pragma once

#include <fleet/planner/grid.hpp>
#include <fleet/planner/move_costs.hpp>

#include <span>

namespace fleet::planner {

struct Trip {
  Cell from;
  Cell to;
};

struct TrafficSpreadOptions {
  /// Extra cost of entering a cell per robot expected to enter it each tick (0: no change).
  double weight = 0.0;
  /// Robots moving at a time, which scales the sampled routes to traffic per tick.
  double moving_robots = 0.0;
  /// Batches the trips are routed in; later batches see the load of earlier ones.
  int batches = 4;
};

/// Adds to `costs.forward` the cost of entering each cell under the traffic of `trips`
/// (routed on the cell graph, headings aside). Deterministic for the same trips; entries stay
/// within [1, MoveCosts::kMaxCost]. Trips between cells that are blocked or not connected are
/// skipped.
void spread_traffic(const Grid& grid, std::span<const Trip> trips,
                    const TrafficSpreadOptions& options, MoveCosts& costs);

}  // namespace fleet::planner
