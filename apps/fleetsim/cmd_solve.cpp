// `fleetsim solve`: one-shot MAPF on a MovingAI map and scenario. Plans, validates the plan
// independently, prints the figures and writes a lacam-style result file.
#include "commands.hpp"
#include "plugin_option.hpp"
#include "solve_progress.hpp"

#include <fleet/planner/input_error.hpp>
#include <fleet/planner/registry.hpp>
#include <fleet/planner/result_file.hpp>
#include <fleet/planner/table_memory.hpp>
#include <fleet/planner/validator.hpp>

#include <fmt/core.h>
#include <spdlog/spdlog.h>

#include <filesystem>

namespace fleet::cli {
namespace {

namespace fs = std::filesystem;
using namespace fleet::planner;

struct SolveArgs {
  std::string map;
  std::string scen;
  int agents = 0;
  std::string planner;
  std::vector<std::string> params;
  double time_limit_s = 60.0;
  std::uint64_t seed = 0;
  std::string motion = "4-connected";
  int threads = 0;
  std::string out = "result.txt";
  std::vector<std::string> plugins;
};

std::string join_params(const std::map<std::string, std::string>& params) {
  std::string text;
  for (const auto& [key, value] : params) text += (text.empty() ? "" : ",") + key + "=" + value;
  return text;
}

ExitCode run_solve(const SolveArgs& opts, const GlobalOptions& globals) {
  const PlannerRegistry registry = planners_with(opts.plugins);
  const std::string name =
      !opts.planner.empty() ? opts.planner : (registry.find("pp") != nullptr ? "pp" : "reactive");
  const auto params = parse_params(opts.params);
  // Made first: an unknown planner or parameter is reported before any file is read.
  const auto planner = registry.make(name, params, opts.seed);

  // Fail before planning, not after, when the result could not be written anyway.
  const fs::path out = opts.out;
  std::error_code parent_ec;
  if (out.has_parent_path() && !fs::is_directory(out.parent_path(), parent_ec))
    throw InputError(opts.out, 0, "the directory " + out.parent_path().string() +
                                      " does not exist");
  if (std::error_code ec; fs::is_directory(out, ec))
    throw InputError(opts.out, 0, "is a folder; -o names the result file to write");

  const MotionKind kind = parse_motion_kind(opts.motion);
  const ThreadLimit thread_limit(opts.threads);
  auto load_started = std::chrono::steady_clock::now();
  auto grid = std::make_shared<const Grid>(load_map(opts.map));
  const Instance instance = load_scen(opts.scen, grid, opts.agents, kind);
  try {
    require_tables_fit(*grid, kind, instance.goals, physical_memory_bytes());
  } catch (const std::invalid_argument& e) {
    throw InputError(opts.scen, 0, e.what());
  }
  spdlog::debug("loaded {}x{} map and {} agents in {:.3f} s", grid->width(), grid->height(),
                instance.size(), seconds_since(load_started));

  spdlog::debug("solving with {} (seed {}, time limit {} s)", name, opts.seed, opts.time_limit_s);
  const auto started = std::chrono::steady_clock::now();
  SolveProgress progress(!globals.quiet, fmt::format("{}, {} agents", name, instance.size()),
                         opts.time_limit_s);
  Result result = planner->solve(instance, StopCondition::after(opts.time_limit_s));
  const double wall_s = seconds_since(started);
  progress.stop();
  if (result.stats.runtime_s <= 0.0) result.stats.runtime_s = wall_s;

  std::vector<std::pair<std::string, std::string>> extra = {
      {"map_file", fs::path(opts.map).filename().string()},
      {"scen_file", fs::path(opts.scen).filename().string()},
      {"solver", name},
      {"seed", std::to_string(opts.seed)},
      {"motion", std::string(to_string(kind))},
  };
  if (!params.empty()) extra.emplace_back("planner_params", join_params(params));

  // The CLI trusts no planner: a plan that fails validation is written as unsolved.
  std::size_t violations = 0;
  if (result.status == Status::Solved) {
    const auto found = validate(instance, result.plan);
    violations = found.size();
    for (std::size_t i = 0; i < found.size() && i < 10; ++i)
      spdlog::error("invalid plan: {}", found[i].describe(*grid));
    if (violations > 0) {
      extra.emplace_back("error", "the planner returned an invalid plan");
      result.plan.clear();
    }
  }
  const bool solved = result.status == Status::Solved && violations == 0;
  write_result_file(out, instance, result, extra);

  const auto soc_lb = sum_of_costs_lower_bound(instance);
  fmt::print("{:<10} {}\n", "planner", name);
  fmt::print("{:<10} {}\n", "agents", instance.size());
  fmt::print("{:<10} {}\n", "status",
             violations > 0 ? std::string("invalid plan") : std::string(to_string(result.status)));
  if (!result.message.empty()) fmt::print("{:<10} {}\n", "message", result.message);
  if (solved) {
    const auto soc = sum_of_costs(instance, result.plan);
    fmt::print("{:<10} {}\n", "soc", soc);
    fmt::print("{:<10} {}\n", "soc_lb", soc_lb);
    fmt::print("{:<10} {:.3f}\n", "soc/lb",
               soc_lb > 0 ? static_cast<double>(soc) / static_cast<double>(soc_lb) : 1.0);
    fmt::print("{:<10} {} (lb {})\n", "makespan", makespan(instance, result.plan),
               makespan_lower_bound(instance));
  } else {
    fmt::print("{:<10} {}\n", "soc_lb", soc_lb);
  }
  fmt::print("{:<10} {:.3f} s\n", "time", wall_s);
  const Stats& stats = result.stats;
  if (stats.expanded > 0 || stats.iterations > 0) {
    std::string search = fmt::format("{} expanded, {} generated, {} iterations", stats.expanded,
                                     stats.generated, stats.iterations);
    for (const auto& [key, value] : stats.extra) search += fmt::format(", {} {}", key, value);
    fmt::print("{:<10} {}\n", "search", search);
  }
  fmt::print("{:<10} {}\n", "result", out.string());
  return solved ? ExitCode::Ok : ExitCode::NotOk;
}

}  // namespace

Command add_solve_command(CLI::App& parent, const GlobalOptions& globals) {
  auto opts = std::make_shared<SolveArgs>();
  CLI::App* cmd = parent.add_subcommand(
      "solve", "One-shot MAPF on a MovingAI map and scenario; writes a lacam-style result");
  cmd->add_option("map", opts->map, "MovingAI .map file")->required();
  cmd->add_option("scen", opts->scen, "MovingAI .scen file (the first k rows are used)")
      ->required();
  cmd->add_option("-k,--agents", opts->agents, "Number of robots")
      ->required()
      ->check(positive());
  cmd->add_option("--planner", opts->planner,
                  "Planner name (default: pp if registered, else reactive; see 'planners')");
  cmd->add_option("--param", opts->params, "Planner parameter key=value (repeatable)")
      ->check(CLI::Validator(check_key_value, "KEY=VALUE"));
  cmd->add_option("--time-limit", opts->time_limit_s, "Planning time limit in seconds (at most 86400)")
      ->check(time_limit())
      ->capture_default_str();
  cmd->add_option("--seed", opts->seed, "Random seed handed to the planner")
      ->check(seed())
      ->capture_default_str();
  cmd->add_option("--motion", opts->motion, "Motion model")
      ->check(CLI::IsMember({"4-connected", "rotation"}))
      ->capture_default_str();
  cmd->add_option("--threads", opts->threads, "Worker threads (0: all cores)")
      ->check(non_negative())
      ->capture_default_str();
  cmd->add_option("-o,--out", opts->out, "Result file (replaced on exit 0 and 1)")
      ->capture_default_str();
  add_plugin_option(*cmd, opts->plugins);
  cmd->footer(
      "Exit codes: 0 solved (plan validated), 1 not solved (timeout, infeasible, invalid "
      "plan; the result file then says solved=0 and has no solution lines), 2 error (the "
      "result file is left untouched).");
  return {cmd, [opts, &globals] { return run_solve(*opts, globals); }};
}

}  // namespace fleet::cli
