// The second pass of suite loading: opens every file a suite names (maps, scen rows, YAML
// scenarios, Robot Runners problems) and makes every planner once, so a suite that would fail
// later fails now, with all of its problems. Runs in the runner's parent process, which must
// stay free of TBB threads (it forks the runs): nothing here plans or simulates.
#include "suite_parts.hpp"

#include <fleet/planner/grid.hpp>
#include <fleet/planner/instance.hpp>
#include <fleet/sim/scenario.hpp>

#include <algorithm>
#include <memory>
#include <optional>

namespace fleet::bench::detail {

namespace {

std::string scenario_prefix(const ScenarioSpec& spec) { return "scenario '" + spec.name + "': "; }

void check_movingai(ScenarioSpec& spec, Problems& problems) {
  if (spec.group.empty()) spec.group = spec.map.stem().string();
  spec.map_name = spec.map.stem().string();
  if (spec.map.empty() || spec.agents.empty()) return;  // already reported
  try {
    auto grid = std::make_shared<const planner::Grid>(planner::load_map(spec.map));
    // The largest fleet reads every row the ladder needs and checks each start and goal.
    (void)planner::load_scen(spec.file, grid, spec.agents.back(), spec.motion);
  } catch (const InputError& e) {
    problems.add(spec.line, scenario_prefix(spec) + e.what());
  } catch (const std::invalid_argument& e) {
    problems.add(spec.line, scenario_prefix(spec) + e.what());
  }
}

void check_simulated(ScenarioSpec& spec, Problems& problems) {
  try {
    // A Robot Runners problem is loaded at the ladder's largest fleet, which may exceed its
    // teamSize (the loader then places the extra robots).
    const bool lorr = spec.kind == ScenarioKind::Lorr;
    const sim::Scenario scenario =
        lorr ? sim::load_lorr_problem(spec.file, {spec.agents.empty()
                                                      ? std::nullopt
                                                      : std::optional<int>(spec.agents.back())})
             : sim::load_scenario(spec.file);
    const auto& map_file = scenario.warehouse.map_file;
    spec.map_name = map_file.empty() ? "generated" : std::filesystem::path(map_file).stem().string();
    if (spec.group.empty())
      spec.group = spec.kind == ScenarioKind::Lorr ? spec.map_name : spec.name;
    spec.lifelong = scenario.tasks != nullptr && scenario.tasks->lifelong();
    if (spec.best_known && !spec.lifelong)
      problems.add(spec.line, scenario_prefix(spec) + "best_known applies to lifelong "
                                                      "scenarios; this one is one-shot");
    const int robots = static_cast<int>(scenario.starts.size());
    if (spec.agents.empty()) {
      spec.agents.push_back(robots);
    } else if (spec.agents.back() > robots) {
      problems.add(spec.line, scenario_prefix(spec) + "agents " +
                                  std::to_string(spec.agents.back()) + " exceeds the " +
                                  std::to_string(robots) + " robots of " + spec.file.string());
    }
  } catch (const InputError& e) {
    problems.add(spec.line, scenario_prefix(spec) + e.what());
  } catch (const std::invalid_argument& e) {
    problems.add(spec.line, scenario_prefix(spec) + e.what());
  }
}

}  // namespace

void check_scenario_files(Suite& suite, Problems& problems) {
  for (auto& spec : suite.scenarios) {
    if (spec.file.empty()) continue;
    if (spec.kind == ScenarioKind::MovingAi)
      check_movingai(spec, problems);
    else
      check_simulated(spec, problems);
  }
}

void check_planners(Suite& suite, const planner::PlannerRegistry& registry, Problems& problems) {
  for (auto& spec : suite.planners) {
    const auto* entry = registry.find(spec.name);
    if (entry == nullptr) {
      std::string known;
      for (const auto* e : registry.entries()) known += (known.empty() ? "" : ", ") + e->name;
      problems.add(spec.line, "unknown planner '" + spec.name + "' (known: " + known + ")");
      continue;
    }
    try {
      // Making it runs the planner's own checks of every parameter value.
      (void)registry.make(spec.name, spec.params, suite.seeds.empty() ? 0 : suite.seeds.front());
    } catch (const std::exception& e) {
      problems.add(spec.line, e.what());
      continue;
    }
    spec.merged.clear();
    for (const auto& p : entry->params) spec.merged[p.name] = p.default_value;
    for (const auto& [k, v] : spec.params) spec.merged[k] = v;
  }
}

}  // namespace fleet::bench::detail
