// The pieces of a fleetsim YAML scenario, read one section at a time (docs/scenario-format.md).
// scenario_yaml.cpp reads the file and the run settings; scenario_world.cpp the floor, the
// fleet and the tasks.
#pragma once

#include "yaml_fields.hpp"

#include <fleet/sim/scenario.hpp>

#include <filesystem>
#include <optional>
#include <vector>

namespace fleet::sim::detail {

/// The `fleet` section before the floor is known: a count, or explicit start cells.
struct FleetSpec {
  int line = 0;  ///< the `fleet` key
  int robots = 0;
  int robots_line = 0;  ///< the `robots` key (or `starts`)
  bool explicit_starts = false;
  std::vector<int> x, y, heading;  ///< explicit starts
  std::vector<int> lines;          ///< explicit starts: one line per start
};

/// Everything the world sections need from the rest of the file.
struct WorldInput {
  const YamlSource& source;
  std::filesystem::path dir;  ///< the scenario's folder; file paths are relative to it
  const YamlField* map = nullptr;
  const YamlField* layout = nullptr;
  const YamlField* fleet = nullptr;
  const YamlField* tasks = nullptr;
  int root_line = 1;
  std::uint64_t seed = 1;
};

/// Reads the floor, the fleet and the tasks into `scenario` (whose motion is already set).
void read_world(const WorldInput& input, Scenario& scenario);

/// Reads the `execution` section (policy, delay models, replanning trigger).
ExecutionSettings read_execution(const YamlSource& source, const YamlField& field);

}  // namespace fleet::sim::detail
