#include "plugin_option.hpp"

#include <fleet/planner/plugin_loader.hpp>
#include <fleet/planner/process_planner.hpp>

namespace fleet::cli {

void add_plugin_option(CLI::App& command, std::vector<std::string>& plugins) {
  command.add_option("--plugin", plugins,
                     "Planner plugin (shared library) to load, adding its planners "
                     "(repeatable; see docs/plugins.md)");
}

planner::PlannerRegistry planners_with(const std::vector<std::string>& plugins,
                                       const std::vector<std::filesystem::path>& more) {
  std::vector<std::filesystem::path> all(plugins.begin(), plugins.end());
  all.insert(all.end(), more.begin(), more.end());
  return planner::planners_with_plugins(all);
}

planner::PlannerRegistry in_worker_processes(const planner::PlannerRegistry& registry,
                                             const std::vector<std::string>& plugins,
                                             const std::vector<std::filesystem::path>& more) {
  std::vector<std::string> all = plugins;
  for (const auto& path : more) all.push_back(std::filesystem::absolute(path).string());
  return planner::process_planners(
      registry, [all](const std::string& name, const std::map<std::string, std::string>& params,
                      std::uint64_t seed) {
        return planner_worker_command(name, params, seed, all);
      });
}

}  // namespace fleet::cli
