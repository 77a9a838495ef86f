// A planner written in Python, entering through the same registry as the built-in ones. The
// Python object's solve(instance, seconds_left) returns the plan as an array [T, robots] of
// states, or None when it found none in time. fleetsim may call it from a worker thread; the
// GIL is taken for each call.
#pragma once

#include <fleet/planner/planner.hpp>
#include <fleet/planner/registry.hpp>

#include <pybind11/pybind11.h>

#include <string>

namespace fleet::python {

/// A Python object whose reference count is only touched under the GIL, so C++ may copy and
/// destroy it from any thread (registries and planners outlive the calls that made them).
class GilObject {
public:
  explicit GilObject(pybind11::object object) : object_(std::move(object)) {}
  GilObject(const GilObject& other);
  GilObject& operator=(const GilObject&) = delete;
  ~GilObject();
  [[nodiscard]] const pybind11::object& get() const { return object_; }

private:
  pybind11::object object_;
};

class PythonPlanner : public planner::Planner {
public:
  PythonPlanner(std::string name, GilObject impl) : name_(std::move(name)), impl_(std::move(impl)) {}
  [[nodiscard]] std::string_view name() const override { return name_; }
  planner::Result solve(const planner::Instance& instance, const planner::StopCondition& stop) override;

private:
  std::string name_;
  GilObject impl_;
};

/// A registry entry whose factory calls `factory(params: dict, seed: int)` for the Python
/// object that plans.
planner::PlannerRegistry::Entry python_planner_entry(std::string name, pybind11::object factory,
                                                     std::string description,
                                                     std::vector<planner::ParamSpec> params);

}  // namespace fleet::python
