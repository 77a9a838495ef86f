// `fleetsim planner-worker` (hidden): serves one planner over stdin and stdout for
// `fleetsim run --isolate-planner`, which starts it; see fleet/planner/process_planner.hpp.
#include "commands.hpp"
#include "plugin_option.hpp"

#include <fleet/planner/process_planner.hpp>

#include <unistd.h>

namespace fleet::cli {
namespace {

struct WorkerArgs {
  std::string planner;
  std::vector<std::string> params;
  std::uint64_t seed = 0;
  std::vector<std::string> plugins;
};

ExitCode run_worker(const WorkerArgs& args) {
  const planner::PlannerRegistry registry = planners_with(args.plugins);
  const auto planner = registry.make(args.planner, parse_params(args.params), args.seed);
  return planner::serve_planner(*planner, STDIN_FILENO, STDOUT_FILENO) == 0 ? ExitCode::Ok
                                                                            : ExitCode::Error;
}

}  // namespace

std::vector<std::string> planner_worker_command(const std::string& name,
                                                const std::map<std::string, std::string>& params,
                                                std::uint64_t seed,
                                                const std::vector<std::string>& plugins) {
  std::vector<std::string> command = {std::filesystem::read_symlink("/proc/self/exe").string(),
                                      "planner-worker", name, "--seed", std::to_string(seed),
                                      "-q"};
  for (const auto& [key, value] : params) {
    command.emplace_back("--param");
    command.push_back(key + "=" + value);
  }
  for (const auto& plugin : plugins) {
    command.emplace_back("--plugin");
    command.push_back(plugin);
  }
  return command;
}

Command add_planner_worker_command(CLI::App& parent, const GlobalOptions& /*globals*/) {
  auto args = std::make_shared<WorkerArgs>();
  CLI::App* cmd = parent.add_subcommand("planner-worker", "Serve one planner over stdin/stdout");
  cmd->group("");  // internal: started by run --isolate-planner
  cmd->add_option("planner", args->planner, "Planner name")->required();
  cmd->add_option("--param", args->params, "Planner parameter key=value (repeatable)");
  cmd->add_option("--seed", args->seed, "Random seed");
  add_plugin_option(*cmd, args->plugins);
  return {cmd, [args] { return run_worker(*args); }};
}

}  // namespace fleet::cli
