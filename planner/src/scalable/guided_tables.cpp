#include "scalable/guided_tables.hpp"

#include <stdexcept>
#include <string>

namespace fleet::planner::scalable {

GuidanceGraph parse_guidance_graph(std::string_view text) {
  if (text == "none") return GuidanceGraph::None;
  if (text == "crisscross") return GuidanceGraph::Crisscross;
  throw std::invalid_argument("guidance graph: unknown kind '" + std::string(text) +
                              "' (expected none or crisscross)");
}

GuidedTables::GuidedTables(GuidanceGraph graph, int wrong_way, std::size_t budget_bytes, int turn)
    : graph_(graph), wrong_way_(wrong_way), turn_(turn), budget_bytes_(budget_bytes) {
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
    auto costs = std::make_shared<const MoveCosts>(MoveCosts::crisscross(*grid_, wrong_way_, turn_));
    table_ = std::make_shared<DistanceTable>(*grid_, instance.motion.kind(), std::move(costs));
  }
  if (budget_bytes_ > 0 && table_->memory_bytes() > budget_bytes_)
    table_->release_except(instance.goals);
  table_->prepare(instance.goals);
  return table_;
}

}  // namespace fleet::planner::scalable
