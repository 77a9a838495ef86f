// A simulation scenario: the floor, the fleet, its errands, the planner and the run settings.
// Read from fleetsim YAML (docs/scenario-format.md) or a League of Robot Runners problem.
#pragma once

#include <fleet/planner/motion.hpp>
#include <fleet/sim/tasks.hpp>
#include <fleet/sim/warehouse.hpp>

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace fleet::sim {

struct PlannerChoice {
  std::string name = "reactive";
  std::map<std::string, std::string> params;
  double time_limit_s = 1.0;  ///< deadline of one planner call
  int line = 0;  ///< line of the `planner` section in the scenario file (0: none), for errors
};

struct Scenario {
  std::string name;
  std::filesystem::path source;  ///< the file it was read from
  Warehouse warehouse;
  planner::MotionKind motion = planner::MotionKind::FourConnected;
  std::vector<planner::State> starts;  ///< one per robot
  std::shared_ptr<const TaskSource> tasks;
  PlannerChoice planner;
  std::uint64_t seed = 1;
  int replan_period = 1;  ///< ticks between planner calls
  int horizon = 0;        ///< ticks each call must plan (0: the planner's own choice)
  int steps = 1000;       ///< ticks to simulate (one-shot runs stop early when all are done)
  int threads = 0;        ///< 0: all cores
};

/// Reads a fleetsim YAML scenario. Throws fleet::InputError naming file and line for a
/// missing file, YAML of the wrong shape, unknown keys, out-of-range values, bad maps.
Scenario load_scenario(const std::filesystem::path& path);

/// Reads a League of Robot Runners problem JSON (2023 or 2024) with its map, agents and task
/// files, as a lifelong scenario under the rotation model with round-robin tasks.
Scenario load_lorr_problem(const std::filesystem::path& path);

}  // namespace fleet::sim
