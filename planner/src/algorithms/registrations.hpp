// Each built-in algorithm registers itself through one function declared here; the list of
// built-ins lives in builtin_planners.cpp.
#pragma once

#include <fleet/planner/registry.hpp>

namespace fleet::planner {

void register_reactive(PlannerRegistry& registry);
void register_prioritized(PlannerRegistry& registry);
void register_pibt(PlannerRegistry& registry);
void register_lacam(PlannerRegistry& registry);
void register_cbs(PlannerRegistry& registry);
void register_pbs(PlannerRegistry& registry);

}  // namespace fleet::planner
