#include "algorithms/registrations.hpp"

namespace fleet::planner {

PlannerRegistry builtin_planners() {
  PlannerRegistry registry;
  register_reactive(registry);
  return registry;
}

}  // namespace fleet::planner
