// The _fleetsim extension module; the fleetsim package (fleetsim/__init__.py) re-exports it.
#include "bindings.hpp"

#include <spdlog/spdlog.h>

PYBIND11_MODULE(_fleetsim, m) {
  m.doc() = "fleetsim: warehouse fleet simulation and multi-agent path finding";
  fleet::python::bind_errors(m);
  fleet::python::bind_world(m);
  fleet::python::bind_planning(m);
  fleet::python::bind_simulation(m);
  m.def(
      "set_log_level", [](const std::string& level) { spdlog::set_level(spdlog::level::from_str(level)); },
      pybind11::arg("level"),
      "Sets how much fleetsim logs to stderr: 'debug', 'info', 'warn', 'error' or 'off'.");
}
