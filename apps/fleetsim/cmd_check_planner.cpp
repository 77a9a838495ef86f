// `fleetsim check-planner`: runs a planner, built-in or from a plugin, over the conformance
// battery and prints its report card (docs/plugins.md). Exit 0 when every check passes.
#include "commands.hpp"
#include "plugin_option.hpp"

#include <fleet/planner/conformance.hpp>

#include <fmt/core.h>

#include <cstdio>
#include <stdexcept>

namespace fleet::cli {
namespace {

struct CheckArgs {
  std::vector<std::string> names;
  bool all = false;
  std::vector<std::string> params;
  double time_limit_s = 2.0;
  double overrun_s = 0.5;
  std::vector<std::string> plugins;
};

ExitCode run_check(const CheckArgs& args) {
  const planner::PlannerRegistry registry = planners_with(args.plugins);
  std::vector<std::string> names = args.names;
  if (args.all)
    for (const auto* entry : registry.entries()) names.push_back(entry->name);
  if (names.empty()) throw std::invalid_argument("name a planner to check, or give --all");
  planner::ConformanceOptions options;
  options.params = parse_params(args.params);
  options.time_limit_s = args.time_limit_s;
  options.overrun_s = args.overrun_s;
  // Unknown names and parameters are reported before anything runs.
  for (const auto& name : names) (void)registry.make(name, options.params);

  bool all_passed = true;
  for (const auto& name : names) {
    const planner::ConformanceReport report = planner::check_planner(registry, name, options);
    fmt::print("{}", report.card());
    std::fflush(stdout);
    all_passed = all_passed && report.passed();
  }
#if defined(__SANITIZE_ADDRESS__)
  fmt::print("memory: built with AddressSanitizer; a leak fails this run at exit\n");
#else
  fmt::print("memory: not checked here; run check-planner from the asan preset to find leaks\n");
#endif
  return all_passed ? ExitCode::Ok : ExitCode::NotOk;
}

}  // namespace

Command add_check_planner_command(CLI::App& parent, const GlobalOptions& /*globals*/) {
  auto args = std::make_shared<CheckArgs>();
  CLI::App* cmd = parent.add_subcommand(
      "check-planner",
      "Run a planner over the conformance battery and print its report card");
  cmd->add_option("name", args->names, "Planner(s) to check (see 'planners')");
  cmd->add_flag("--all", args->all, "Check every registered planner (plugins' included)");
  cmd->add_option("--param", args->params, "Planner parameter key=value (repeatable)")
      ->check(CLI::Validator(check_key_value, "KEY=VALUE"));
  cmd->add_option("--time-limit", args->time_limit_s,
                  "Deadline of each call on the battery's small instances, in seconds")
      ->check(positive())
      ->capture_default_str();
  cmd->add_option("--overrun", args->overrun_s,
                  "How late past a deadline or a cancel an answer may come, in seconds")
      ->check(non_negative())
      ->capture_default_str();
  add_plugin_option(*cmd, args->plugins);
  cmd->footer("Exit codes: 0 every check passed, 1 a check failed, 2 error.");
  return {cmd, [args] { return run_check(*args); }};
}

}  // namespace fleet::cli
