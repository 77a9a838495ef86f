// `fleetsim validate`: checks a lacam-style result file against its map and scenario with the
// independent validator; prints OK with the plan's figures, or every violation found.
#include "commands.hpp"

#include <fleet/planner/input_error.hpp>
#include <fleet/planner/result_file.hpp>
#include <fleet/planner/validator.hpp>

#include <fmt/core.h>
#include <spdlog/spdlog.h>

namespace fleet::cli {
namespace {

using namespace fleet::planner;

struct ValidateArgs {
  std::string map;
  std::string scen;
  std::string result;
  std::string motion;  // empty: the result's `motion=` header, else 4-connected
};

void compare_header(const ResultHeader& header, const std::string& key, std::int64_t actual) {
  if (const std::string* claimed = header.find(key);
      claimed != nullptr && *claimed != std::to_string(actual))
    spdlog::warn("the result's header says {}={} but the plan gives {}", key, *claimed, actual);
}

ExitCode run_validate(const ValidateArgs& opts) {
  auto grid = std::make_shared<const Grid>(load_map(opts.map));
  // Headings are only kept when the file is read under the rotation model, so the model is
  // settled (option, else header) before the plan is taken from the file.
  MotionKind kind = opts.motion.empty() ? MotionKind::FourConnected : parse_motion_kind(opts.motion);
  LoadedResult loaded = read_result_file(opts.result, Motion(*grid, kind));
  if (const std::string* claimed = loaded.header.find("motion");
      opts.motion.empty() && claimed != nullptr) {
    kind = parse_motion_kind(*claimed);
    if (kind != MotionKind::FourConnected)
      loaded = read_result_file(opts.result, Motion(*grid, kind));
  }
  const auto robots = static_cast<int>(loaded.plan.front().size());
  if (robots == 0) throw InputError(opts.result, 0, "the solution lists no robots");
  const Instance instance = load_scen(opts.scen, grid, robots, kind);

  const auto violations = validate(instance, loaded.plan);
  if (!violations.empty()) {
    for (const auto& v : violations) fmt::print("{}\n", v.describe(*grid));
    fmt::print("INVALID: {}{} violation{} in {} ticks of {} robots\n",
               violations.size() >= planner::ValidateOptions{}.max_violations ? "at least " : "",
               violations.size(), violations.size() == 1 ? "" : "s", loaded.plan.size() - 1,
               robots);
    return ExitCode::NotOk;
  }
  const auto soc = sum_of_costs(instance, loaded.plan);
  const int span = makespan(instance, loaded.plan);
  compare_header(loaded.header, "soc", soc);
  compare_header(loaded.header, "makespan", span);
  const auto soc_lb = sum_of_costs_lower_bound(instance);
  fmt::print("OK: {} robots, {} ticks, {} motion\n", robots, loaded.plan.size() - 1,
             to_string(kind));
  fmt::print("{:<10} {}\n", "soc", soc);
  fmt::print("{:<10} {}\n", "soc_lb", soc_lb);
  fmt::print("{:<10} {:.3f}\n", "soc/lb",
             soc_lb > 0 ? static_cast<double>(soc) / static_cast<double>(soc_lb) : 1.0);
  fmt::print("{:<10} {} (lb {})\n", "makespan", span, makespan_lower_bound(instance));
  return ExitCode::Ok;
}

}  // namespace

Command add_validate_command(CLI::App& parent, const GlobalOptions& /*globals*/) {
  auto opts = std::make_shared<ValidateArgs>();
  CLI::App* cmd = parent.add_subcommand(
      "validate", "Check a lacam-style result file against its map and scenario");
  cmd->add_option("map", opts->map, "MovingAI .map file")->required();
  cmd->add_option("scen", opts->scen, "MovingAI .scen file (k = the result's robot count)")
      ->required();
  cmd->add_option("result", opts->result, "Result file (t:(x,y),... lines)")->required();
  cmd->add_option("--motion", opts->motion,
                  "Motion model (default: the result's motion= header, else 4-connected)")
      ->check(CLI::IsMember({"4-connected", "rotation"}));
  cmd->footer(
      "Exit codes: 0 valid, 1 violations found (each printed on stdout), 2 error (unreadable "
      "or malformed files, e.g. a result with no solution lines).");
  return {cmd, [opts] { return run_validate(*opts); }};
}

}  // namespace fleet::cli
