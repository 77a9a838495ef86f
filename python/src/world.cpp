// Grids, problem instances and scenarios: MovingAI maps and scenarios, League of Robot
// Runners problems and fleetsim YAML. Arrays fleetsim holds are returned as read-only views.
#include "arrays.hpp"
#include "bindings.hpp"

#include <fleet/planner/instance.hpp>
#include <fleet/sim/scenario.hpp>

#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

namespace fleet::python {

namespace {

using planner::Grid;
using planner::Instance;

std::shared_ptr<const Grid> grid_from_array(const py::array& passable) {
  const auto cells = py::array_t<std::uint8_t, py::array::c_style | py::array::forcecast>::ensure(passable);
  if (!cells || cells.ndim() != 2)
    throw std::invalid_argument("passable must be a 2-D array (height x width), nonzero = free");
  std::vector<std::uint8_t> values(cells.data(), cells.data() + cells.size());
  for (auto& v : values) v = v != 0 ? 1 : 0;
  return std::make_shared<const Grid>(static_cast<int>(cells.shape(1)),
                                      static_cast<int>(cells.shape(0)), std::move(values));
}

py::array_t<std::uint8_t> passable_array(const Grid& grid) {
  py::array_t<std::uint8_t> out({grid.height(), grid.width()});
  std::uint8_t* data = out.mutable_data();
  for (planner::Cell c = 0; c < grid.size(); ++c) data[c] = grid.passable(c) ? 1 : 0;
  return out;
}

void bind_grid(py::module_& m) {
  py::class_<Grid, std::shared_ptr<Grid>>(m, "Grid",
                                         "A 4-connected grid; cells are y * width + x.")
      .def(py::init([](const py::array& passable) {
             return std::const_pointer_cast<Grid>(grid_from_array(passable));
           }),
           py::arg("passable"), "From a (height, width) array, nonzero = free.")
      .def_static("from_rows", [](const std::vector<std::string>& rows) {
            return std::make_shared<Grid>(Grid::from_rows(rows));
          },
          py::arg("rows"), "From text rows ('.' free, '@' blocked).")
      .def_property_readonly("width", &Grid::width)
      .def_property_readonly("height", &Grid::height)
      .def_property_readonly("size", &Grid::size)
      .def_property_readonly("passable", &passable_array, "(height, width) uint8, 1 = free")
      .def_property_readonly(
          "free_cells", [](py::object self) { return view(self.cast<const Grid&>().free_cells(), self); },
          "Free cells in increasing order (a view)")
      .def("cell", &Grid::cell, py::arg("x"), py::arg("y"))
      .def("__repr__", [](const Grid& g) {
        return "<fleetsim.Grid " + std::to_string(g.width()) + "x" + std::to_string(g.height()) + ">";
      });
  m.def("load_map", [](const std::filesystem::path& path) {
          return std::make_shared<Grid>(planner::load_map(path));
        },
        py::arg("path"), "Reads a MovingAI .map file.");
}

std::shared_ptr<Instance> make_instance(const std::shared_ptr<Grid>& grid, const py::handle& starts,
                                        const py::handle& goals, const std::string& motion) {
  if (!grid) throw std::invalid_argument("an instance needs a grid");
  std::vector<planner::State> s = read_vector<planner::State>(starts, "starts");
  std::vector<planner::Cell> g =
      read_vector<planner::Cell>(goals, "goals", static_cast<std::ptrdiff_t>(s.size()));
  return std::make_shared<Instance>(grid, planner::parse_motion_kind(motion), std::move(s), std::move(g));
}

void bind_instance(py::module_& m) {
  py::class_<Instance, std::shared_ptr<Instance>>(
      m, "Instance",
      "A MAPF problem: a grid, a motion model, start states and goal cells. Under the rotation "
      "model a state is cell * 4 + heading (0 east, 1 south, 2 west, 3 north).")
      .def(py::init(&make_instance), py::arg("grid"), py::arg("starts"), py::arg("goals"),
           py::arg("motion") = "4-connected")
      .def_property_readonly("grid", [](const Instance& i) { return std::const_pointer_cast<Grid>(i.grid); })
      .def_property_readonly("motion", [](const Instance& i) { return std::string(planner::to_string(i.motion.kind())); })
      .def_property_readonly("starts", [](py::object self) { return view<planner::State>(self.cast<const Instance&>().starts, self); })
      .def_property_readonly("goals", [](py::object self) { return view<planner::Cell>(self.cast<const Instance&>().goals, self); })
      .def_readwrite("horizon", &Instance::horizon,
                     "Ticks executed before the next call (0: one-shot, plan to the goals)")
      .def("__len__", &Instance::size)
      .def("problems", [](const Instance& i, bool one_shot) {
            std::vector<std::pair<int, std::string>> out;
            for (const auto& p : planner::check_instance(i, one_shot)) out.emplace_back(p.robot, p.message);
            return out;
          },
          py::arg("one_shot") = true, "What makes it unsolvable on its face: [(robot, message)]");
  m.def("load_scen", [](const std::filesystem::path& path, const std::shared_ptr<Grid>& grid, int agents,
                        const std::string& motion) {
          return std::make_shared<Instance>(planner::load_scen(path, grid, agents, planner::parse_motion_kind(motion)));
        },
        py::arg("path"), py::arg("grid"), py::arg("agents"), py::arg("motion") = "4-connected",
        "Reads the first `agents` rows of a MovingAI .scen for `grid`.");
}

void bind_scenario(py::module_& m) {
  using sim::Scenario;
  py::class_<Scenario>(m, "Scenario",
                       "A simulation scenario: floor, fleet, errands, planner and run settings.")
      .def_readwrite("name", &Scenario::name)
      .def_property_readonly("source", [](const Scenario& s) { return s.source.string(); })
      .def_property_readonly("grid", [](const Scenario& s) { return std::const_pointer_cast<Grid>(s.warehouse.grid); })
      .def_property_readonly("motion", [](const Scenario& s) { return std::string(planner::to_string(s.motion)); })
      .def_property_readonly("robots", [](const Scenario& s) { return s.starts.size(); })
      .def_property_readonly("lifelong", [](const Scenario& s) { return s.tasks && s.tasks->lifelong(); })
      .def_property(
          "starts", [](py::object self) { return view<planner::State>(self.cast<const Scenario&>().starts, self); },
          [](Scenario& s, const py::handle& starts) {
            s.starts = read_vector<planner::State>(starts, "starts", static_cast<std::ptrdiff_t>(s.starts.size()));
          })
      .def_property_readonly("shelves", [](py::object self) { return view<planner::Cell>(self.cast<const Scenario&>().warehouse.shelves, self); })
      .def_property_readonly("stations", [](py::object self) { return view<planner::Cell>(self.cast<const Scenario&>().warehouse.stations, self); })
      .def_property(
          "planner", [](const Scenario& s) { return s.planner.name; },
          [](Scenario& s, const std::string& name) {
            if (name != s.planner.name) s.planner.params.clear();  // they belonged to the old one
            s.planner.name = name;
          },
          "The planner's name; setting another drops the parameters")
      .def_property(
          "planner_params", [](const Scenario& s) { return s.planner.params; },
          [](Scenario& s, std::map<std::string, std::string> p) { s.planner.params = std::move(p); })
      .def_property(
          "time_limit", [](const Scenario& s) { return s.planner.time_limit_s; },
          [](Scenario& s, double t) { s.planner.time_limit_s = t; }, "Seconds per planner call")
      .def_readwrite("seed", &Scenario::seed)
      .def_readwrite("steps", &Scenario::steps)
      .def_readwrite("threads", &Scenario::threads)
      .def_readwrite("replan_period", &Scenario::replan_period)
      .def_readwrite("horizon", &Scenario::horizon)
      .def("goal", [](const Scenario& s, int robot, std::int64_t errand) {
            if (!s.tasks) return planner::kNoCell;
            if (robot < 0 || static_cast<std::size_t>(robot) >= s.starts.size())
              throw std::invalid_argument("no robot " + std::to_string(robot));
            return s.tasks->goal(robot, errand);
          },
          py::arg("robot"), py::arg("errand") = 0, "Goal cell of a robot's errand (-1: none)")
      .def("__repr__", [](const Scenario& s) {
        return "<fleetsim.Scenario '" + s.name + "': " + std::to_string(s.starts.size()) + " robots, " +
               s.planner.name + ">";
      });
  m.def("load_scenario", &sim::load_scenario, py::arg("path"), "Reads a fleetsim YAML scenario.");
  m.def("load_lorr_problem", [](const std::filesystem::path& path, std::optional<int> agents, std::uint64_t seed) {
          return sim::load_lorr_problem(path, {agents, seed});
        },
        py::arg("path"), py::arg("agents") = py::none(), py::arg("seed") = 1,
        "Reads a League of Robot Runners problem (.json) as a lifelong scenario.");
}

}  // namespace

void bind_world(py::module_& m) {
  bind_grid(m);
  bind_instance(m);
  bind_scenario(m);
}

}  // namespace fleet::python
