// Internal to suite loading: the problem list every check appends to, and the second pass
// that opens each scenario file the YAML names.
#pragma once

#include <fleet/bench/suite.hpp>

#include <string>
#include <vector>

namespace YAML {
class Node;
}

namespace fleet::bench::detail {

/// Collects problems instead of stopping at the first, so a user fixes a suite in one pass.
class Problems {
public:
  explicit Problems(std::string file) : file_(std::move(file)) {}
  void add(int line, std::string message) { list_.push_back({file_, line, std::move(message)}); }
  void add(SuiteProblem problem) { list_.push_back(std::move(problem)); }
  [[nodiscard]] const std::string& file() const { return file_; }
  [[nodiscard]] bool empty() const { return list_.empty(); }
  [[nodiscard]] std::vector<SuiteProblem>& list() { return list_; }

private:
  std::string file_;
  std::vector<SuiteProblem> list_;
};

/// Loads each scenario's files (maps, scen rows, YAML scenarios, LoRR problems) to check them
/// and to fill in what only the files know: map names, fleet sizes, lifelong or one-shot.
void check_scenario_files(Suite& suite, Problems& problems);

/// Checks each planner against the registry (known name, accepted parameters) and fills in
/// the merged parameters.
void check_planners(Suite& suite, const planner::PlannerRegistry& registry, Problems& problems);

/// Loads the suite's `plugins:` (recording their paths in `suite`) into a copy of `given`, the
/// registry its planners are then checked against; a plugin that fails to load is a problem.
planner::PlannerRegistry read_plugins(const YAML::Node& root, const std::filesystem::path& base,
                                      const planner::PlannerRegistry& given, Suite& suite,
                                      Problems& problems);

}  // namespace fleet::bench::detail
