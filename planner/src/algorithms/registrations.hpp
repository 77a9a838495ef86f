// Each built-in algorithm registers itself through one function; the declarations and the
// list of built-ins are generated from the fleet_builtin_planner lines of planner/CMakeLists.txt.
#pragma once

#include <fleet/planner/builtin_registrations.hpp>
