// The plugin's one entry point: registers "spacetime-bfs" with its parameter.
#include "spacetime_bfs.hpp"

#include <fleet/planner/plugin.hpp>

#include <memory>
#include <stdexcept>

namespace {

void register_planners(fleet::planner::PlannerRegistry& registry) {
  registry.add({"spacetime-bfs",
                "prioritized planning by breadth-first search in space-time (incomplete: a "
                "robot without a path makes the call time out); an example plugin",
                {{"max_ticks", "256", "longest one-shot path searched for, in ticks"}},
                [](const fleet::planner::ParamValues& values, std::uint64_t /*seed*/) {
                  const auto max_ticks = values.integer("max_ticks");
                  if (max_ticks < 1 || max_ticks > 1'000'000)
                    throw std::invalid_argument("spacetime-bfs: max_ticks must be in 1..1000000");
                  return std::make_unique<example::SpacetimeBfs>(static_cast<int>(max_ticks));
                }});
}

}  // namespace

FLEETSIM_PLUGIN("fleetsim-example", register_planners)
