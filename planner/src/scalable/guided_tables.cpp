#include "scalable/guided_tables.hpp"

#include "scalable/random.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace fleet::planner::scalable {
namespace {

constexpr std::size_t kSpreadTrips = 4096;  // enough to see the bands; routed in well under 1 s

}  // namespace

GuidanceGraph parse_guidance_graph(std::string_view text) {
  if (text == "none") return GuidanceGraph::None;
  if (text == "crisscross") return GuidanceGraph::Crisscross;
  throw std::invalid_argument("guidance graph: unknown kind '" + std::string(text) +
                              "' (expected none or crisscross)");
}

GuidedTables::GuidedTables(GuidanceGraph graph, int wrong_way, std::size_t budget_bytes, int turn,
                           double spread)
    : graph_(graph), wrong_way_(wrong_way), turn_(turn), spread_(spread), budget_bytes_(budget_bytes) {
  if (!(spread >= 0.0) || spread > MoveCosts::kMaxCost)
    throw std::invalid_argument("traffic_spread must be between 0 and " +
                                std::to_string(MoveCosts::kMaxCost) + ", got " +
                                std::to_string(spread));
  if (turn < 1 || turn > MoveCosts::kMaxCost)
    throw std::invalid_argument("turn_cost must be between 1 and " +
                                std::to_string(MoveCosts::kMaxCost) + ", got " +
                                std::to_string(turn));
  if (wrong_way < 1 || wrong_way > MoveCosts::kMaxCost)
    throw std::invalid_argument("wrong_way_cost must be between 1 and " +
                                std::to_string(MoveCosts::kMaxCost) + ", got " +
                                std::to_string(wrong_way));
}

std::shared_ptr<const DistanceTable> GuidedTables::prepare(const Instance& instance) {
  if (graph_ == GuidanceGraph::None) return nullptr;
  if (!table_ || grid_ != instance.grid || table_->motion().kind() != instance.motion.kind()) {
    grid_ = instance.grid;
    MoveCosts costs = MoveCosts::crisscross(*grid_, wrong_way_, turn_);
    if (spread_ > 0.0) {
      // About half a dense fleet moves at any tick.
      const TrafficSpreadOptions options{spread_, 0.5 * static_cast<double>(instance.size())};
      spread_traffic(*grid_, sample_trips(instance, kSpreadTrips), options, costs);
    }
    table_ = std::make_shared<DistanceTable>(*grid_, instance.motion.kind(),
                                             std::make_shared<const MoveCosts>(std::move(costs)));
  }
  if (budget_bytes_ > 0 && table_->memory_bytes() > budget_bytes_)
    table_->release_except(instance.goals);
  table_->prepare(instance.goals);
  return table_;
}

std::vector<Trip> GuidedTables::sample_trips(const Instance& instance, std::size_t limit) {
  const std::size_t n = instance.size();
  std::vector<Trip> trips;
  if (n == 0) return trips;
  trips.reserve(std::min(n, limit));
  SplitMix64 random(0x5EED5EED5EED5EEDULL ^ n);
  const Motion& motion = instance.motion;
  const bool lifelong = instance.horizon > 0;
  for (std::size_t k = 0; k < std::min(n, limit); ++k) {
    // Every robot once while the limit allows, else robots drawn at random.
    const std::size_t r = n <= limit ? k : random.below(static_cast<std::uint32_t>(n));
    const Cell from = lifelong ? instance.goals[random.below(static_cast<std::uint32_t>(n))]
                               : motion.cell(instance.starts[r]);
    trips.push_back({from, instance.goals[r]});
  }
  return trips;
}

}  // namespace fleet::planner::scalable
