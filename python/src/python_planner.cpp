// Calls into a Python planner under the GIL and turns its answer into a planner::Result.
#include "python_planner.hpp"

#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <chrono>

namespace fleet::python {

namespace py = pybind11;

GilObject::GilObject(const GilObject& other) {
  const py::gil_scoped_acquire gil;
  object_ = other.object_;
}

GilObject::~GilObject() {
  const py::gil_scoped_acquire gil;
  object_ = py::object();
}

planner::Result PythonPlanner::solve(const planner::Instance& instance, const planner::StopCondition& stop) {
  const auto begin = std::chrono::steady_clock::now();
  planner::Result result;
  const py::gil_scoped_acquire gil;
  try {
    // The instance outlives the call; the Python side must not keep it.
    const py::object view = py::cast(&instance, py::return_value_policy::reference);
    const py::object answer = impl_.get().attr("solve")(view, stop.seconds_left());
    if (answer.is_none()) {
      result.status = planner::Status::Timeout;
      result.message = "the Python planner returned None";
    } else {
      const auto plan = py::array_t<planner::State, py::array::c_style | py::array::forcecast>::ensure(answer);
      if (!plan || plan.ndim() != 2)
        throw std::invalid_argument("a Python planner must return an array [T, robots] of states or None");
      const auto ticks = static_cast<std::size_t>(plan.shape(0));
      const auto robots = static_cast<std::size_t>(plan.shape(1));
      result.plan.resize(ticks);
      for (std::size_t t = 0; t < ticks; ++t)
        result.plan[t].assign(plan.data() + t * robots, plan.data() + (t + 1) * robots);
      result.status = planner::Status::Solved;
    }
  } catch (const std::exception& e) {
    // A planning outcome, not an exception (the Planner contract): the caller sees the message.
    result.status = planner::Status::InvalidInput;
    result.plan.clear();
    result.message = std::string("the Python planner raised: ") + e.what();
  }
  result.stats.runtime_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();
  return result;
}

planner::PlannerRegistry::Entry python_planner_entry(std::string name, py::object factory,
                                                     std::string description,
                                                     std::vector<planner::ParamSpec> params) {
  auto shared = std::make_shared<GilObject>(std::move(factory));
  planner::PlannerRegistry::Entry entry;
  entry.name = name;
  entry.description = std::move(description);
  entry.params = std::move(params);
  entry.make = [shared, name](const planner::ParamValues& values, std::uint64_t seed) {
    const py::gil_scoped_acquire gil;
    py::object made = shared->get()(values.all(), seed);
    return std::make_unique<PythonPlanner>(name, GilObject(std::move(made)));
  };
  return entry;
}

}  // namespace fleet::python
