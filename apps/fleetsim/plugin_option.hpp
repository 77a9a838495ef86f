// `--plugin PATH` (repeatable), shared by every command that makes planners, and the registry
// of the built-in planners plus those plugins (and a scenario's or suite's own).
#pragma once

#include <fleet/planner/registry.hpp>

#include <CLI/CLI.hpp>

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace fleet::cli {

void add_plugin_option(CLI::App& command, std::vector<std::string>& plugins);

/// The built-in planners, then the plugins given with --plugin, then `more` (a file's own
/// `plugins:`); a plugin named twice is loaded once. Throws planner::PluginError.
planner::PlannerRegistry planners_with(const std::vector<std::string>& plugins,
                                       const std::vector<std::filesystem::path>& more = {});

/// `registry`'s planners, each run in a `fleetsim planner-worker` process that loads the same
/// plugins (run --isolate-planner).
planner::PlannerRegistry in_worker_processes(const planner::PlannerRegistry& registry,
                                             const std::vector<std::string>& plugins,
                                             const std::vector<std::filesystem::path>& more);

/// The command line of `fleetsim planner-worker` serving planner `name` (this same program).
std::vector<std::string> planner_worker_command(const std::string& name,
                                                const std::map<std::string, std::string>& params,
                                                std::uint64_t seed,
                                                const std::vector<std::string>& plugins);

}  // namespace fleet::cli
