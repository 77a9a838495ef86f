// The glue: a few lines make the start-kit-shaped GreedyPlanner a fleetsim plugin.
#include "greedy_planner.hpp"

#include <fleet/planner/plugin.hpp>

namespace {

void register_planners(fleet::planner::PlannerRegistry& registry) {
  fleet::lorr::add_start_kit_planner<example::GreedyPlanner>(
      registry, "lorr-greedy",
      "a League of Robot Runners start-kit-shaped greedy planner (incomplete: robots may block "
      "each other for good); an example plugin");
}

}  // namespace

FLEETSIM_PLUGIN("fleetsim-lorr-example", register_planners)
