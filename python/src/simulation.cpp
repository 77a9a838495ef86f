// The simulator from Python: stepped by its planner or by one action per robot (a NumPy
// array of the motion model's action codes, turned into states in C++ so no Python runs per
// robot), with the run folder and a dataset recorded as the CLI does.
#include "arrays.hpp"
#include "bindings.hpp"

#include <fleet/dataset/dataset_recorder.hpp>
#include <fleet/planner/validator.hpp>
#include <fleet/sim/actions.hpp>
#include <fleet/sim/metrics.hpp>
#include <fleet/sim/simulator.hpp>

#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <optional>

namespace fleet::python {

namespace {

using sim::Simulator;

/// What one step did.
struct StepResult {
  int tick = 0;
  bool stepped = false;                        ///< false once the run was already finished
  py::array_t<planner::State> states;          ///< after the step (a view)
  py::array_t<std::uint8_t> held;              ///< 1: the validator held the robot (a view)
  std::vector<planner::Violation> prevented;   ///< what the validator prevented
  std::int64_t errands_done = 0;               ///< errands completed in this step
};

/// A simulator with what the bindings keep beside it: its dataset and scratch for actions.
class Simulation {
public:
  Simulation(sim::Scenario scenario, const planner::PlannerRegistry& registry, sim::SimOptions options,
             std::optional<std::filesystem::path> dataset)
      : scenario_(std::move(scenario)) {
    if (dataset) {
      recorder_ = std::make_shared<dataset::DatasetRecorder>(*dataset, scenario_);
      options.recorders.push_back(recorder_);
    }
    const py::gil_scoped_release released;  // a Python planner's factory takes the GIL itself
    sim_ = std::make_unique<Simulator>(scenario_, registry, std::move(options));
  }
  ~Simulation() {
    // The planner's worker thread may be inside a Python planner waiting for the GIL.
    const py::gil_scoped_release released;
    sim_.reset();
  }
  Simulation(const Simulation&) = delete;
  Simulation& operator=(const Simulation&) = delete;

  Simulator& sim() { return *sim_; }
  [[nodiscard]] const Simulator& sim() const { return *sim_; }
  [[nodiscard]] const std::shared_ptr<dataset::DatasetRecorder>& recorder() const { return recorder_; }

  /// The states `actions` lead to; throws for a wrong length or a code the model lacks.
  std::span<const planner::State> targets(const py::handle& actions) {
    const auto codes = py::array_t<std::uint8_t, py::array::c_style | py::array::forcecast>::ensure(actions);
    const std::span<const planner::State> states = sim_->states();
    if (!codes || codes.ndim() != 1 || static_cast<std::size_t>(codes.shape(0)) != states.size())
      throw std::invalid_argument("actions must be a 1-D integer array with one action per robot (" +
                                  std::to_string(states.size()) + ")");
    const planner::Motion& motion = sim_->motion();
    const int largest = motion.has_heading() ? 6 : 4;
    next_.resize(states.size());
    const std::uint8_t* code = codes.data();
    for (std::size_t r = 0; r < states.size(); ++r) {
      if (code[r] > largest)
        throw std::invalid_argument("robot " + std::to_string(r) + " has action " + std::to_string(code[r]) +
                                    ", which the " + std::string(planner::to_string(motion.kind())) +
                                    " model lacks (0.." + std::to_string(largest) + ")");
      next_[r] = sim::apply_action(motion, states[r], static_cast<sim::TraceAction>(code[r]));
    }
    return next_;
  }

private:
  sim::Scenario scenario_;
  std::shared_ptr<dataset::DatasetRecorder> recorder_;
  std::unique_ptr<Simulator> sim_;
  std::vector<planner::State> next_;
};

StepResult step_result(py::object self, bool stepped) {
  const Simulation& s = self.cast<const Simulation&>();
  StepResult out;
  out.tick = s.sim().tick();
  out.stepped = stepped;
  out.states = view(s.sim().states(), self);
  out.held = view(s.sim().held(), self);
  for (const sim::TraceEvent& e : s.sim().events()) {
    if (e.kind == sim::TraceEventKind::ErrandDone) ++out.errands_done;
    if (e.kind == sim::TraceEventKind::ViolationPrevented && stepped)
    {
      // Vertex and obstacle violations are about the configuration after the step.
      const auto kind = static_cast<planner::ViolationKind>(e.detail);
      const bool after = kind == planner::ViolationKind::Vertex || kind == planner::ViolationKind::Obstacle;
      out.prevented.push_back({kind, after ? out.tick : out.tick - 1, e.robot, e.other, e.cell});
    }
  }
  return out;
}

py::object summary_dict(const sim::RunSummary& summary) {
  return py::module_::import("json").attr("loads")(sim::to_json(summary));
}

py::list event_list(const Simulator& sim) {
  py::list out;
  for (const sim::TraceEvent& e : sim.events()) {
    py::dict d;
    d["kind"] = std::string(sim::to_string(e.kind));
    d["detail"] = e.detail;
    d["robot"] = e.robot;
    d["other"] = e.other;
    d["cell"] = e.cell;
    d["count"] = e.count;
    d["seconds"] = e.seconds;
    out.append(d);
  }
  return out;
}

std::unique_ptr<Simulation> make_simulation(sim::Scenario scenario, std::optional<std::string> planner,
                                            std::optional<std::map<std::string, std::string>> params,
                                            std::optional<std::uint64_t> seed, std::optional<int> steps,
                                            std::optional<int> threads, std::optional<double> time_limit,
                                            std::optional<std::filesystem::path> output_dir, bool write_trace,
                                            std::optional<std::filesystem::path> dataset,
                                            const planner::PlannerRegistry* registry) {
  if (planner && *planner != scenario.planner.name) {
    scenario.planner.name = *planner;
    scenario.planner.params.clear();
  }
  if (params)
    for (const auto& [k, v] : *params) scenario.planner.params[k] = v;
  if (seed) scenario.seed = *seed;
  if (time_limit) scenario.planner.time_limit_s = *time_limit;
  sim::SimOptions options;
  options.threads = threads;
  options.steps = steps;
  if (output_dir) options.output_dir = *output_dir;
  options.write_trace = write_trace;
  const planner::PlannerRegistry builtins = registry == nullptr ? planner::builtin_planners() : planner::PlannerRegistry{};
  return std::make_unique<Simulation>(std::move(scenario), registry == nullptr ? builtins : *registry,
                                      std::move(options), std::move(dataset));
}

}  // namespace

void bind_simulation(py::module_& m) {
  py::class_<StepResult>(m, "StepResult", "What one step did.")
      .def_readonly("tick", &StepResult::tick)
      .def_readonly("stepped", &StepResult::stepped)
      .def_readonly("states", &StepResult::states)
      .def_readonly("held", &StepResult::held)
      .def_readonly("prevented", &StepResult::prevented)
      .def_readonly("errands_done", &StepResult::errands_done);

  py::class_<Simulation>(m, "Simulator",
                         "The warehouse simulator. Arrays it returns are read-only views of its "
                         "state, valid until the next step (copy them to keep them).")
      .def(py::init(&make_simulation), py::arg("scenario"), py::kw_only(), py::arg("planner") = py::none(),
           py::arg("params") = py::none(), py::arg("seed") = py::none(), py::arg("steps") = py::none(),
           py::arg("threads") = py::none(), py::arg("time_limit") = py::none(),
           py::arg("output_dir") = py::none(), py::arg("write_trace") = true, py::arg("dataset") = py::none(),
           py::arg("registry") = nullptr,
           "Places the fleet at the scenario's starts. Overrides as in `fleetsim run`; "
           "output_dir gets the run folder (summary.json, trace, ...) at finish(); dataset "
           "records a fleet-state dataset into that folder.")
      .def(
          "step",
          [](py::object self, const py::object& actions) {
            Simulation& s = self.cast<Simulation&>();
            bool stepped = false;
            if (actions.is_none()) {
              const py::gil_scoped_release released;
              stepped = s.sim().step();
            } else {
              const std::span<const planner::State> next = s.targets(actions);
              const py::gil_scoped_release released;
              stepped = s.sim().step(next);
            }
            return step_result(self, stepped);
          },
          py::arg("actions") = py::none(),
          "One tick, by the planner, or by `actions` (one code per robot: 0 wait, 1..4 move "
          "east/south/west/north, and under the rotation model 5 turn clockwise, 6 "
          "counter-clockwise; a move must follow the heading there). The validator holds "
          "offenders; the result says whom and why.")
      .def(
          "run",
          [](Simulation& s) {
            sim::RunSummary summary;
            {
              const py::gil_scoped_release released;
              summary = s.sim().run();
            }
            return summary_dict(summary);
          },
          "Steps by the planner until finished, writes the outputs, returns the summary.")
      .def(
          "finish",
          [](Simulation& s) {
            {
              const py::gil_scoped_release released;
              s.sim().write_outputs();
            }
            return summary_dict(s.sim().summary());
          },
          "Writes the run folder and finishes the dataset (once); returns the summary.")
      .def("summary", [](const Simulation& s) { return summary_dict(s.sim().summary()); })
      .def(
          "shortest_path_actions",
          [](const Simulation& s) {
            const auto states = s.sim().states();
            py::array_t<std::uint8_t> out(static_cast<py::ssize_t>(states.size()));
            sim::shortest_path_actions(*s.sim().distances(), states, s.sim().goals(),
                                       {out.mutable_data(), states.size()});
            return out;
          },
          "Each robot's action along a shortest path to its goal (ignoring other robots).")
      .def_property_readonly("tick", [](const Simulation& s) { return s.sim().tick(); })
      .def_property_readonly("steps", [](const Simulation& s) { return s.sim().steps(); })
      .def_property_readonly("finished", [](const Simulation& s) { return s.sim().finished(); })
      .def_property_readonly("robots", [](const Simulation& s) { return s.sim().states().size(); })
      .def_property_readonly("motion", [](const Simulation& s) { return std::string(planner::to_string(s.sim().motion().kind())); })
      .def_property_readonly("grid", [](const Simulation& s) { return std::const_pointer_cast<planner::Grid>(s.sim().scenario().warehouse.grid); })
      .def_property_readonly("scenario", [](const Simulation& s) { return s.sim().scenario(); })
      .def_property_readonly("states", [](py::object self) { return view(self.cast<const Simulation&>().sim().states(), self); })
      .def_property_readonly("goals", [](py::object self) { return view(self.cast<const Simulation&>().sim().goals(), self); })
      .def_property_readonly("held", [](py::object self) { return view(self.cast<const Simulation&>().sim().held(), self); })
      .def_property_readonly("waits_per_cell", [](py::object self) { return view(self.cast<const Simulation&>().sim().waits_per_cell(), self); })
      .def_property_readonly("events", [](const Simulation& s) { return event_list(s.sim()); }, "The last tick's events")
      .def_property_readonly("state_hash", [](const Simulation& s) { return s.sim().state_hash(); })
      .def_property_readonly("dataset_path", [](const Simulation& s) -> std::optional<std::string> {
        if (!s.recorder()) return std::nullopt;
        return s.recorder()->path().string();
      });

  m.def(
      "record_dataset",
      [](sim::Scenario scenario, const std::filesystem::path& directory, std::optional<std::string> planner,
         std::optional<std::uint64_t> seed, std::optional<int> steps, std::optional<int> threads) {
        auto s = make_simulation(std::move(scenario), std::move(planner), std::nullopt, seed, steps, threads,
                                 std::nullopt, std::nullopt, true, directory, nullptr);
        sim::RunSummary summary;
        {
          const py::gil_scoped_release released;
          summary = s->sim().run();
        }
        return py::make_tuple(s->recorder()->path().string(), summary_dict(summary));
      },
      py::arg("scenario"), py::arg("directory"), py::kw_only(), py::arg("planner") = py::none(),
      py::arg("seed") = py::none(), py::arg("steps") = py::none(), py::arg("threads") = py::none(),
      "Runs a scenario to the end recording a dataset; returns (file, summary).");
}

}  // namespace fleet::python
