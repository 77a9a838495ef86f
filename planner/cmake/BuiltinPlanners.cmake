# Writes the declarations of the built-in planners' registration functions
# (fleet/planner/builtin_registrations.hpp) and builtin_planners(), which calls each, from the
# fleet_builtin_planner lines of planner/CMakeLists.txt.
set(fleet_declarations "")
set(fleet_calls "")
foreach(fn IN LISTS FLEET_BUILTIN_REGISTRATIONS)
  string(APPEND fleet_declarations "void ${fn}(PlannerRegistry& registry);\n")
  string(APPEND fleet_calls "  ${fn}(registry);\n")
endforeach()
set(fleet_generated ${PROJECT_BINARY_DIR}/generated)
file(CONFIGURE OUTPUT ${fleet_generated}/include/fleet/planner/builtin_registrations.hpp
  CONTENT "// Generated from planner/CMakeLists.txt: one registration function per built-in planner.
#pragma once

#include <fleet/planner/registry.hpp>

namespace fleet::planner {

${fleet_declarations}
}  // namespace fleet::planner
")
file(CONFIGURE OUTPUT ${fleet_generated}/builtin_planners.cpp
  CONTENT "// Generated from planner/CMakeLists.txt: every built-in planner, registered.
#include <fleet/planner/builtin_registrations.hpp>

namespace fleet::planner {

PlannerRegistry builtin_planners() {
  PlannerRegistry registry;
${fleet_calls}  return registry;
}

}  // namespace fleet::planner
")
target_sources(fleet_planner PRIVATE ${fleet_generated}/builtin_planners.cpp)
