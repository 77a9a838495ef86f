// The planner registry (built-in and Python planners), solve() on an instance, and the
// validator.
#include "arrays.hpp"
#include "bindings.hpp"
#include "python_planner.hpp"

#include <fleet/planner/plugin_loader.hpp>
#include <fleet/planner/registry.hpp>
#include <fleet/planner/validator.hpp>

#include <pybind11/stl.h>

namespace fleet::python {

namespace {

using planner::PlannerRegistry;

/// A plan as a fresh [T, robots] array.
py::array_t<planner::State> plan_array(const planner::Plan& plan, std::size_t robots) {
  py::array_t<planner::State> out({static_cast<py::ssize_t>(plan.size()), static_cast<py::ssize_t>(robots)});
  planner::State* data = out.mutable_data();
  for (const planner::Config& config : plan) data = std::copy(config.begin(), config.end(), data);
  return out;
}

planner::Plan read_plan(const py::handle& values, std::size_t robots) {
  const auto plan = py::array_t<planner::State, py::array::c_style | py::array::forcecast>::ensure(values);
  if (!plan || plan.ndim() != 2) throw std::invalid_argument("a plan must be a 2-D array [T, robots] of states");
  if (static_cast<std::size_t>(plan.shape(1)) != robots)
    throw std::invalid_argument("the plan has " + std::to_string(plan.shape(1)) + " robots, the instance " +
                                std::to_string(robots));
  planner::Plan out(static_cast<std::size_t>(plan.shape(0)));
  for (std::size_t t = 0; t < out.size(); ++t) out[t].assign(plan.data() + t * robots, plan.data() + (t + 1) * robots);
  return out;
}

py::dict stats_dict(const planner::Stats& s) {
  py::dict d;
  d["runtime_s"] = s.runtime_s;
  d["first_solution_s"] = s.first_solution_s;
  d["first_solution_cost"] = s.first_solution_cost;
  d["expanded"] = s.expanded;
  d["generated"] = s.generated;
  d["iterations"] = s.iterations;
  for (const auto& [name, value] : s.extra) d[py::str(name)] = value;
  return d;
}

struct SolveResult {
  std::string status;
  py::array_t<planner::State> plan;
  py::dict stats;
  std::string message;
  std::int64_t sum_of_costs = 0;
  int makespan = 0;
};

void bind_registry(py::module_& m) {
  py::class_<PlannerRegistry>(m, "PlannerRegistry",
                              "Planners by name: the built-in ones, plus any added here.")
      .def(py::init(&planner::builtin_planners), "A registry of every built-in planner.")
      .def("names", [](const PlannerRegistry& r) {
        std::vector<std::string> names;
        for (const auto* e : r.entries()) names.push_back(e->name);
        return names;
      })
      .def("describe", [](const PlannerRegistry& r, const std::string& name) {
            const auto* e = r.find(name);
            if (e == nullptr) throw std::invalid_argument("unknown planner '" + name + "'");
            py::dict params;
            for (const auto& p : e->params) params[py::str(p.name)] = py::make_tuple(p.default_value, p.description);
            return py::make_tuple(e->description, params);
          },
          py::arg("name"), "(description, {parameter: (default, description)})")
      .def("add_python",
           [](PlannerRegistry& r, const std::string& name, py::object factory, const std::string& description,
              const std::map<std::string, std::string>& params) {
             std::vector<planner::ParamSpec> specs;
             for (const auto& [key, value] : params) specs.push_back({key, value, ""});
             r.add(python_planner_entry(name, std::move(factory), description, std::move(specs)));
           },
           py::arg("name"), py::arg("factory"), py::arg("description") = "",
           py::arg("params") = std::map<std::string, std::string>{},
           "Registers a planner written in Python: factory(params: dict, seed: int) returns an "
           "object whose solve(instance, seconds_left) returns an array [T, robots] of states "
           "(or None). `params` maps each parameter to its default.")
      .def("load_plugin",
           [](PlannerRegistry& r, const std::string& path) { planner::load_plugin(r, path); },
           py::arg("path"),
           "Adds the planners of a plugin (a shared library, docs/plugins.md); raises InputError "
           "for a missing file, a wrong ABI version or a planner name already taken.");
}

void bind_solve(py::module_& m) {
  py::class_<SolveResult>(m, "SolveResult")
      .def_readonly("status", &SolveResult::status, "solved, timeout, infeasible or invalid_input")
      .def_readonly("plan", &SolveResult::plan, "[T, robots] states; empty unless solved")
      .def_readonly("stats", &SolveResult::stats)
      .def_readonly("message", &SolveResult::message)
      .def_readonly("sum_of_costs", &SolveResult::sum_of_costs)
      .def_readonly("makespan", &SolveResult::makespan)
      .def("__repr__", [](const SolveResult& r) { return "<fleetsim.SolveResult " + r.status + ">"; });
  m.def(
      "solve",
      [](const planner::Instance& instance, const std::string& name,
         const std::map<std::string, std::string>& params, std::uint64_t seed, double time_limit,
         const PlannerRegistry* registry) {
        const PlannerRegistry builtins = registry == nullptr ? planner::builtin_planners() : PlannerRegistry{};
        const PlannerRegistry& use = registry == nullptr ? builtins : *registry;
        planner::Result result;
        {
          const py::gil_scoped_release released;
          std::unique_ptr<planner::Planner> planner = use.make(name, params, seed);
          planner->preprocess(instance);
          result = planner->solve(instance, planner::StopCondition::after(time_limit));
          const py::gil_scoped_acquire gil;  // a Python planner's object dies under the GIL
          planner.reset();
        }
        SolveResult out;
        out.status = std::string(planner::to_string(result.status));
        out.plan = plan_array(result.plan, instance.size());
        out.stats = stats_dict(result.stats);
        out.message = result.message;
        if (result.status == planner::Status::Solved && !result.plan.empty()) {
          out.sum_of_costs = planner::sum_of_costs(instance, result.plan);
          out.makespan = planner::makespan(instance, result.plan);
        }
        return out;
      },
      py::arg("instance"), py::arg("planner") = "lacam",
      py::arg("params") = std::map<std::string, std::string>{}, py::arg("seed") = 0,
      py::arg("time_limit") = 10.0, py::arg("registry") = nullptr,
      "Plans for `instance` with a registered planner (built-in unless `registry` is given).");
}

void bind_validator(py::module_& m) {
  using planner::Violation;
  py::class_<Violation>(m, "Violation")
      .def_property_readonly("kind", [](const Violation& v) { return std::string(planner::to_string(v.kind)); })
      .def_readonly("time", &Violation::time)
      .def_readonly("robot", &Violation::robot)
      .def_readonly("other", &Violation::other)
      .def_readonly("cell", &Violation::cell)
      .def("__repr__", [](const Violation& v) {
        return "<fleetsim.Violation " + std::string(planner::to_string(v.kind)) + " t=" + std::to_string(v.time) +
               " robot " + std::to_string(v.robot) + ">";
      });
  m.def(
      "validate",
      [](const planner::Instance& instance, const py::handle& plan, bool require_goals, std::size_t max_violations) {
        const planner::Plan p = read_plan(plan, instance.size());
        const py::gil_scoped_release released;
        return planner::validate(instance, p, {require_goals, max_violations});
      },
      py::arg("instance"), py::arg("plan"), py::arg("require_goals") = true, py::arg("max_violations") = 64,
      "Every violation of a plan [T, robots] for an instance (empty: valid).");
  m.def(
      "describe",
      [](const Violation& v, const planner::Grid& grid) { return v.describe(grid); }, py::arg("violation"),
      py::arg("grid"), "A one-line description with (x,y) coordinates.");
}

}  // namespace

void bind_planning(py::module_& m) {
  bind_registry(m);
  bind_solve(m);
  bind_validator(m);
}

}  // namespace fleet::python
