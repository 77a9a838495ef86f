// Distances on a guidance graph for a lifelong planner: one table set per map, made on the
// first call and kept between calls (tables are per goal and lifelong goals recur), freed down
// to the goals robots hold whenever they outgrow a memory budget.
#pragma once

#include <fleet/planner/distance_table.hpp>
#include <fleet/planner/instance.hpp>
#include <fleet/planner/traffic_spread.hpp>

#include <cstddef>
#include <memory>
#include <string_view>
#include <vector>

namespace fleet::planner::scalable {

enum class GuidanceGraph : std::uint8_t { None, Crisscross };
/// Parses "none" or "crisscross"; throws std::invalid_argument naming the bad value.
GuidanceGraph parse_guidance_graph(std::string_view text);

class GuidedTables {
public:
  /// `wrong_way`: the cost of a move against a one-way street (1 to MoveCosts::kMaxCost);
  /// `budget_bytes`: 0 keeps every table; `spread`: the extra cost of entering a cell per
  /// robot expected to enter it each tick under the traffic of the first call's errands
  /// (0: the graph as it is; see spread_traffic).
  GuidedTables(GuidanceGraph graph, int wrong_way, std::size_t budget_bytes, int turn = 1,
               double spread = 0.0);

  /// The guided table for the instance's map and motion model, its goals' tables built (in
  /// parallel); null for GuidanceGraph::None. Between calls only: frees tables of goals the
  /// instance does not hold when over the budget.
  std::shared_ptr<const DistanceTable> prepare(const Instance& instance);

  /// The trips the traffic of `instance` is estimated from: a lifelong fleet's errands are
  /// drawn alike, so trips join the goals of robots paired at random (seeded); a one-shot
  /// fleet's trips are its own, start to goal. At most `limit` trips.
  static std::vector<Trip> sample_trips(const Instance& instance, std::size_t limit);

private:
  GuidanceGraph graph_;
  int wrong_way_;
  int turn_;
  double spread_;
  std::size_t budget_bytes_;
  std::shared_ptr<const Grid> grid_;  // keeps the map the table reads alive
  std::shared_ptr<DistanceTable> table_;
};

}  // namespace fleet::planner::scalable
