// The parts of the _fleetsim module, each binding one area; module.cpp calls them in order.
#pragma once

#include <pybind11/pybind11.h>

namespace fleet::python {

void bind_errors(pybind11::module_& m);
void bind_world(pybind11::module_& m);       // grids, instances, scenarios and their readers
void bind_planning(pybind11::module_& m);    // registry, Python planners, solve, validate
void bind_simulation(pybind11::module_& m);  // the simulator, actions, datasets

}  // namespace fleet::python
