// A simulation scenario: the floor, the fleet, its errands, the planner and the run settings.
// Read from fleetsim YAML (docs/scenario-format.md) or a League of Robot Runners problem.
#pragma once

#include <fleet/planner/motion.hpp>
#include <fleet/sim/execution.hpp>
#include <fleet/sim/tasks.hpp>
#include <fleet/sim/warehouse.hpp>

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace fleet::sim {

struct PlannerChoice {
  std::string name = "lacam";  ///< the best lifelong configuration (and complete one-shot)
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
  /// Distance tables may hold this much before the simulator frees those of goals no robot
  /// has (between planner calls); 0: never free them.
  int distance_memory_mb = 2048;
  /// Year of the League of Robot Runners log format that rotation-model runs write: 2024 for
  /// a problem whose "version" names 2024, else 2023.
  int lorr_year = 2023;
  /// Planner plugins the scenario needs (`plugins:`), resolved against the scenario's folder.
  std::vector<std::filesystem::path> plugins;
  /// How plans are carried out, and the delays the fleet suffers.
  ExecutionSettings execution;
};

/// Reads a fleetsim YAML scenario. Throws fleet::InputError naming file and line for a
/// missing file, YAML of the wrong shape, unknown keys, out-of-range values, bad maps.
Scenario load_scenario(const std::filesystem::path& path);

/// How many robots of a League of Robot Runners problem to simulate.
struct LorrFleet {
  /// Robots (default: the problem's teamSize). At most teamSize: the first N robots, with the
  /// errands they have in the full team (tasks stay round-robin over teamSize, so a ladder of
  /// fleets shares its first robots' work). Above teamSize: the problem as if its teamSize
  /// were N, round-robin over N; robots beyond the agent file start at distinct free cells
  /// of the agents' connected area that no other robot starts on, drawn by `seed`.
  std::optional<int> agents;
  std::uint64_t seed = 1;  ///< only picks the starts of robots beyond the agent file
};

/// Reads a League of Robot Runners problem JSON (2023 or 2024) with its map, agents and task
/// files, as a lifelong scenario under the rotation model with round-robin tasks. Throws
/// std::invalid_argument for fleet.agents < 1 or more robots than the area has free cells.
Scenario load_lorr_problem(const std::filesystem::path& path, const LorrFleet& fleet = {});

}  // namespace fleet::sim
