// A benchmark suite: scenarios (MovingAI map + scen with an agent ladder, fleetsim YAML, League
// of Robot Runners problems) x planners with parameters x seeds, under per-run limits. Read
// from YAML (docs/benchmarks.md) and checked whole before anything runs.
#pragma once

#include <fleet/planner/input_error.hpp>
#include <fleet/planner/motion.hpp>
#include <fleet/planner/registry.hpp>

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace fleet::bench {

enum class ScenarioKind : std::uint8_t {
  MovingAi,  ///< a MovingAI .map + .scen, one-shot; the first k rows for each ladder step
  Yaml,      ///< a fleetsim YAML scenario, simulated (one-shot or lifelong)
  Lorr,      ///< a League of Robot Runners problem JSON, simulated (lifelong)
};
std::string_view to_string(ScenarioKind kind);

/// One problem instance of the suite, with its fleet-size ladder.
struct ScenarioSpec {
  std::string name;   ///< unique in the suite; part of every run key
  std::string group;  ///< what the report aggregates over (the map, or the scenario)
  ScenarioKind kind = ScenarioKind::MovingAi;
  std::filesystem::path map;   ///< MovingAI only
  std::filesystem::path file;  ///< the .scen, .yaml or .json
  std::string map_name;        ///< the map's stem ("generated" for a generated layout)
  /// Fleet sizes, ascending, no repeats. Simulated scenarios keep the first k robots of their
  /// fleet; without a ladder in the suite this is the scenario's own fleet size.
  std::vector<int> agents;
  planner::MotionKind motion = planner::MotionKind::FourConnected;  ///< MovingAI only
  std::optional<int> steps;               ///< simulated: overrides the scenario's tick budget
  std::optional<double> plan_time_limit;  ///< simulated: deadline of one planner call
  bool lifelong = false;                  ///< simulated with a lifelong task stream
  /// Lifelong: the best known errands per step, which the report compares runs against.
  std::optional<double> best_known;
  /// Simulated: the execution policy ("exact" or "adg") and the per-tick slip probability,
  /// over the scenario's own (docs/execution.md).
  std::optional<std::string> execution;
  std::optional<double> delay_prob;
  int line = 0;                           ///< where the entry starts in the suite file
};

/// A planner of the suite: a registered name, parameters, and a label unique in the suite.
struct PlannerSpec {
  std::string label;  ///< the name, or name[k=v,...] when parameters are given
  std::string name;
  std::map<std::string, std::string> params;  ///< as given in the suite
  std::map<std::string, std::string> merged;  ///< over the planner's declared defaults
  int line = 0;
};

struct Suite {
  std::string name;
  std::filesystem::path file;  ///< the suite file; relative paths in it start from its folder
  std::vector<ScenarioSpec> scenarios;
  std::vector<PlannerSpec> planners;
  std::vector<std::uint64_t> seeds = {1};
  double time_limit_s = 10.0;   ///< one-shot: planning time; simulated: the whole run
  double load_limit_s = 120.0;  ///< loading the scenario before the clock starts
  double kill_grace_s = -1.0;   ///< after the limit before SIGKILL (< 0: 1 s + 10 %)
  std::int64_t memory_limit_mb = 4096;
  int threads = 1;  ///< TBB threads inside each run
  int jobs = 1;     ///< runs at once (the command line may override)
  /// Once a run fails, the same ladder's (scenario, planner, seed) larger fleets are recorded
  /// as `skipped` instead of run: they would only burn the time limit.
  bool stop_after_failure = false;
  /// Planner plugins the suite loads (`plugins:`), resolved against its folder.
  std::vector<std::filesystem::path> plugins;

  [[nodiscard]] double kill_grace() const {
    return kill_grace_s >= 0.0 ? kill_grace_s : 1.0 + 0.1 * time_limit_s;
  }
};

/// One thing wrong with a suite, with its place.
struct SuiteProblem {
  std::string file;
  int line = 0;
  std::string message;
  [[nodiscard]] std::string describe() const;
};

/// A suite that cannot run; what() lists every problem, one per line.
class SuiteError : public InputError {
public:
  explicit SuiteError(std::vector<SuiteProblem> problems);
  [[nodiscard]] const std::vector<SuiteProblem>& problems() const { return problems_; }

private:
  std::vector<SuiteProblem> problems_;
};

/// Reads a suite file and checks all of it before anything runs: the YAML's shape, unknown
/// keys, planners unknown to `registry`, parameters they reject, missing files, scenarios
/// that fail to load, ladders larger than the scenario. Throws SuiteError listing every
/// problem found (file:line each).
Suite load_suite(const std::filesystem::path& path, const planner::PlannerRegistry& registry);

/// `given` plus the suite's plugins: the registry its runs make their planners from. Throws
/// planner::PluginError.
planner::PlannerRegistry suite_planners(const Suite& suite, const planner::PlannerRegistry& given);

}  // namespace fleet::bench
