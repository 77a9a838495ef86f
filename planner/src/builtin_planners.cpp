#include "algorithms/registrations.hpp"

namespace fleet::planner {

PlannerRegistry builtin_planners() {
  PlannerRegistry registry;
  register_reactive(registry);
  register_prioritized(registry);
  register_pibt(registry);
  register_lacam(registry);
  register_cbs(registry);
  register_pbs(registry);
  return registry;
}

}  // namespace fleet::planner
