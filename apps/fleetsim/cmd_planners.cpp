// `fleetsim planners`: the registered planners, what each does, and its parameters with
// their defaults (the names `--param key=value` accepts).
#include "commands.hpp"
#include "plugin_option.hpp"

#include <fleet/planner/registry.hpp>

#include <fmt/core.h>

namespace fleet::cli {
namespace {

ExitCode run_planners(const std::vector<std::string>& plugins) {
  const planner::PlannerRegistry registry = planners_with(plugins);
  for (const auto* entry : registry.entries()) {
    fmt::print("{}\n    {}\n", entry->name, entry->description);
    for (const auto& param : entry->params)
      fmt::print("    --param {}={}  {}\n", param.name, param.default_value, param.description);
  }
  return ExitCode::Ok;
}

}  // namespace

Command add_planners_command(CLI::App& parent, const GlobalOptions& /*globals*/) {
  CLI::App* cmd = parent.add_subcommand(
      "planners", "List the registered planners, their parameters and defaults");
  auto plugins = std::make_shared<std::vector<std::string>>();
  add_plugin_option(*cmd, *plugins);
  return {cmd, [plugins] { return run_planners(*plugins); }};
}

}  // namespace fleet::cli
