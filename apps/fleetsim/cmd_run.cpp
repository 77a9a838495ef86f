// `fleetsim run`: simulates a scenario (fleetsim YAML or a League of Robot Runners problem
// JSON) with optional overrides, shows progress on long runs, prints a summary (lifelong runs:
// throughput per slice of the run, and warnings when it collapsed) and writes the run folder
// (summary.json, trace, floor picture, result or LoRR log).
#include "commands.hpp"
#include "plugin_option.hpp"
#include "progress.hpp"

#include <fleet/dataset/dataset_recorder.hpp>
#include <fleet/planner/input_error.hpp>
#include <fleet/planner/registry.hpp>
#include <fleet/sim/scenario.hpp>
#include <fleet/sim/simulator.hpp>

#include <fmt/core.h>
#include <spdlog/spdlog.h>

#include <filesystem>
#include <optional>
#include <stdexcept>

namespace fleet::cli {
namespace {

namespace fs = std::filesystem;

struct RunArgs {
  std::string scenario;
  std::string planner;
  std::vector<std::string> params;
  std::optional<std::uint64_t> seed;
  std::optional<int> threads;
  std::optional<int> steps;
  std::optional<double> time_limit_s;
  std::optional<int> agents;
  std::optional<int> distance_memory_mb;
  std::optional<int> lorr_log_year;
  std::string out;
  bool no_trace = false;
  std::string dataset;
  std::vector<std::string> plugins;
  bool isolate_planner = false;
  std::string execution;
  std::optional<double> delay_prob;
  std::optional<double> stall_prob;
  std::optional<double> breakdown_prob;
  std::optional<int> repair_ticks;
  std::optional<int> replan_after_lag;
  bool overwrite = false;
};

sim::Scenario load(const fs::path& path, const RunArgs& args) {
  std::string ext = path.extension().string();
  for (char& ch : ext) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  if (ext == ".json") return sim::load_lorr_problem(path, {args.agents, args.seed.value_or(1)});
  if (args.agents)
    throw std::invalid_argument("--agents applies to League of Robot Runners problems (.json) "
                                "only; a YAML scenario sets its fleet in 'fleet'");
  return sim::load_scenario(path);
}

void apply_overrides(const RunArgs& args, sim::Scenario& scenario) {
  if (!args.planner.empty() && args.planner != scenario.planner.name) {
    // The scenario's parameters belong to its own planner.
    scenario.planner.name = args.planner;
    scenario.planner.params.clear();
    scenario.planner.line = 0;  // the planner is no longer the file's

  }
  for (const auto& [key, value] : parse_params(args.params)) scenario.planner.params[key] = value;
  if (args.seed) scenario.seed = *args.seed;
  if (args.time_limit_s) scenario.planner.time_limit_s = *args.time_limit_s;
  sim::ExecutionSettings& execution = scenario.execution;
  if (!args.execution.empty()) execution.policy = sim::parse_execution_policy(args.execution);
  if (args.delay_prob) execution.delays.slip_prob = *args.delay_prob;
  if (args.stall_prob) execution.delays.stall_prob = *args.stall_prob;
  if (args.breakdown_prob) execution.delays.breakdown_prob = *args.breakdown_prob;
  if (args.repair_ticks) execution.delays.repair_ticks = *args.repair_ticks;
  if (args.replan_after_lag) execution.replan_after_lag = *args.replan_after_lag;
}

void print_summary(const sim::RunSummary& s, const sim::Scenario& scenario,
                   const fs::path& out_dir) {
  const auto row = [](const char* key, const std::string& value) {
    fmt::print("{:<13} {}\n", key, value);
  };
  row("scenario", fmt::format("{} ({})", s.scenario, scenario.source.string()));
  row("planner", s.planner);
  row("fleet", fmt::format("{} robots, {} motion, {}, seed {}, {} threads", s.robots, s.motion,
                           s.lifelong ? "lifelong" : "one-shot", s.seed, s.threads));
  row("ticks", std::to_string(s.ticks));
  if (s.lifelong) {
    row("errands", fmt::format("{} done, throughput {:.3f} per tick", s.errands_done,
                               s.throughput));
    const sim::ThroughputSlices slices = sim::throughput_slices(s.windows, s.ticks);
    std::string per_slice;
    for (const double v : slices.per_tick)
      per_slice += fmt::format("{}{:.2f}", per_slice.empty() ? "" : " ", v);
    const std::string key = fmt::format("per {} ticks", slices.ticks);
    row(key.c_str(), per_slice);
  } else {
    row("at goals", s.all_at_goals ? "all" : "NOT all");
    row("soc", std::to_string(s.sum_of_costs));
    row("makespan", std::to_string(s.makespan));
  }
  row("robot-ticks", fmt::format("{} moving, {} waiting, {} held", s.moves, s.waits, s.held));
  row("planner",
      fmt::format("{} calls accepted, {} late, {} failed; p50 {:.2f} ms, p99 {:.2f} ms, "
                  "max {:.2f} ms",
                  s.replans, s.planner_late, s.planner_failed, s.planner_times.p50_s * 1e3,
                  s.planner_times.p99_s * 1e3, s.planner_times.max_s * 1e3));
  if (s.planner_times.calls > 0)
    row("first call", fmt::format("{:.2f} ms", s.planner_times.first_s * 1e3));
  const sim::DistanceMemory& dm = s.distance_memory;
  constexpr double kMiB = 1024.0 * 1024.0;
  row("distances",
      fmt::format("{} tables, {:.1f} MiB at the end; peak {} tables, {:.1f} MiB; {} built, "
                  "{} trims",
                  dm.tables, static_cast<double>(dm.bytes) / kMiB, dm.peak_tables,
                  static_cast<double>(dm.peak_bytes) / kMiB, dm.builds, dm.trims));
  row("preprocess", fmt::format("{:.2f} s (distance tables of the first goals)", s.preprocess_s));
  row("prevented", fmt::format("{} violations in {} ticks", s.violations_prevented,
                               s.invalid_steps_prevented));
  row("execution", s.delays);
  row("delays", fmt::format("{} robot-ticks delayed, {} waiting on dependencies; {} stalls, "
                            "{} breakdowns; {} replans for delays",
                            s.delayed, s.dependency_waits, s.stalls, s.breakdowns,
                            s.delay_replans));
  if (s.lifelong) {
    row("latency", fmt::format("{:.1f} ticks per errand", s.errand_latency));
  } else if (s.planned_sum_of_costs >= 0) {
    row("planned", fmt::format("soc {}, makespan {} (executed: soc {}, makespan {})",
                               s.planned_sum_of_costs, s.planned_makespan, s.sum_of_costs,
                               s.makespan));
  }
  std::string phases;
  for (int p = 0; p < sim::kPhaseCount; ++p) {
    const auto phase = static_cast<sim::Phase>(p);
    phases += fmt::format("{}{} {:.3f}", phases.empty() ? "" : ", ", sim::to_string(phase),
                          s.phases.total(phase));
  }
  row("phases (s)", phases);
  row("step loop", fmt::format("{:.3g} robot-steps/s", s.loop_robot_steps_per_s()));
  row("wall", fmt::format("{:.3f} s", s.wall_s));
  row("state hash", fmt::format("{:016x}", s.state_hash));
  for (const std::string& w : s.warnings) row("WARNING", w);
  if (!out_dir.empty()) row("output", out_dir.string());
}

ExitCode run_run(const RunArgs& args, const GlobalOptions& globals) {
  const fs::path path = args.scenario;
  sim::Scenario scenario = load(path, args);
  apply_overrides(args, scenario);

  sim::SimOptions options;
  options.threads = args.threads;
  options.steps = args.steps;
  options.distance_memory_mb = args.distance_memory_mb;
  const std::string name = scenario.name.empty() ? path.stem().string() : scenario.name;
  options.output_dir = args.out.empty() ? fs::path("runs") / name : fs::path(args.out);
  options.write_trace = !args.no_trace;
  options.replace_output = args.overwrite;  // an earlier run's folder is refused without it
  options.lorr_log_year = args.lorr_log_year;
  const int steps = args.steps.value_or(scenario.steps);
  ProgressLine progress(!globals.quiet);
  options.progress = [&progress](const sim::SimProgress& p) { progress.update(p); };
  options.progress_every = std::max(1, steps / 200);

  std::shared_ptr<dataset::DatasetRecorder> recorder;
  if (!args.dataset.empty()) {
    recorder = std::make_shared<dataset::DatasetRecorder>(args.dataset, scenario);
    options.recorders.push_back(recorder);
  }

  planner::PlannerRegistry registry = planners_with(args.plugins, scenario.plugins);
  if (args.isolate_planner)
    registry = in_worker_processes(registry, args.plugins, scenario.plugins);
  // A large fleet spends a long time preparing before the first tick: say so up front.
  constexpr std::size_t kLargeFleet = 20'000;
  if (scenario.starts.size() >= kLargeFleet && scenario.warehouse.grid)
    spdlog::info("preparing {} robots on a {}x{} floor (the planner and the distance tables of "
                 "their first goals) before the first tick",
                 scenario.starts.size(), scenario.warehouse.grid->width(),
                 scenario.warehouse.grid->height());
  // What the simulator refuses up front (robots on one cell, tables that cannot fit in
  // memory) is a problem of the scenario file.
  std::optional<sim::Simulator> simulator;
  try {
    simulator.emplace(scenario, registry, options);
  } catch (const std::invalid_argument& e) {
    throw InputError(path.string(), 0, e.what());
  }
  spdlog::debug("running {} for {} ticks into {}", name, steps, options.output_dir.string());
  const sim::RunSummary summary = simulator->run();
  progress.finish();
  print_summary(summary, scenario, options.output_dir);
  if (recorder)
    fmt::print("{:<13} {} ({:.1f} MiB)\n", "dataset", recorder->path().string(),
               static_cast<double>(recorder->bytes()) / (1024.0 * 1024.0));
  return summary.lifelong || summary.all_at_goals ? ExitCode::Ok : ExitCode::NotOk;
}

}  // namespace

Command add_run_command(CLI::App& parent, const GlobalOptions& globals) {
  auto args = std::make_shared<RunArgs>();
  CLI::App* cmd = parent.add_subcommand(
      "run", "Simulate a scenario (fleetsim YAML, or a League of Robot Runners problem .json)");
  cmd->add_option("scenario", args->scenario, "Scenario .yaml or LoRR problem .json")
      ->required();
  cmd->add_option("--planner", args->planner,
                  "Planner name, overriding the scenario's (its parameters are then dropped)");
  cmd->add_option("--param", args->params,
                  "Planner parameter key=value, over the scenario's (repeatable)")
      ->check(CLI::Validator(check_key_value, "KEY=VALUE"));
  cmd->add_option("--seed", args->seed, "Random seed, overriding the scenario's")
      ->check(seed());
  cmd->add_option("--threads", args->threads, "Worker threads (0: all cores)")
      ->check(non_negative());
  cmd->add_option("--steps", args->steps, "Ticks to simulate, overriding the scenario's")
      ->check(positive());
  cmd->add_option("--time-limit", args->time_limit_s,
                  "Deadline of one planner call in seconds, overriding the scenario's")
      ->check(time_limit());
  cmd->add_option("--agents", args->agents,
                  "Robots of a Robot Runners problem (.json): the first N of its team, or more "
                  "than its team with the extra ones at seeded free cells")
      ->check(positive());
  cmd->add_option("--distance-memory-mb", args->distance_memory_mb,
                  "MiB the distance tables may hold before those of goals no robot has are "
                  "freed (0: never), overriding the scenario's (default 2048)")
      ->check(non_negative());
  cmd->add_option("--lorr-log", args->lorr_log_year,
                  "Format year of lorr_log.json (rotation model): 2023 or 2024 (default: the "
                  "problem's year; 2023 for YAML scenarios)")
      ->check(CLI::IsMember({2023, 2024}));
  cmd->add_option("-o,--out", args->out, "Run folder (default: runs/<scenario name>)");
  cmd->add_flag("--no-trace", args->no_trace, "Do not write trace.fltrace");
  cmd->add_option("--dataset", args->dataset,
                  "Also record a fleet-state dataset (docs/datasets.md) into this folder");
  add_plugin_option(*cmd, args->plugins);
  cmd->add_flag("--isolate-planner", args->isolate_planner,
                "Run the planner in a child process: a crash fails one call, a hang is stopped "
                "after its deadline (the planner then starts afresh, losing its state)");
  cmd->add_option("--execution", args->execution,
                  "Execution policy, overriding the scenario's: exact (planned steps as planned, "
                  "collisions prevented) or adg (action dependency graph)")
      ->check(CLI::IsMember({"exact", "adg"}));
  cmd->add_option("--delay-prob", args->delay_prob,
                  "Per robot and tick, the probability that a planned step slips")
      ->check(CLI::Range(0.0, 1.0));
  cmd->add_option("--stall-prob", args->stall_prob,
                  "Per robot and tick, the probability that a stall begins")
      ->check(CLI::Range(0.0, 1.0));
  cmd->add_option("--breakdown-prob", args->breakdown_prob,
                  "Per robot and tick, the probability of a breakdown (the robot blocks its cell)")
      ->check(CLI::Range(0.0, 1.0));
  cmd->add_option("--repair-ticks", args->repair_ticks, "Ticks a broken-down robot needs to be repaired")
      ->check(positive());
  cmd->add_option("--replan-after-lag", args->replan_after_lag,
                  "Replan once a robot is this many ticks behind its plan (0: never for lag)")
      ->check(non_negative());
  cmd->add_flag("--overwrite", args->overwrite,
                "Write into a run folder that already holds files (an earlier run's files are "
                "replaced); without it such a folder is refused");
  cmd->footer(
      "Exit codes: 0 the run completed (one-shot scenarios: every robot reached its goal), "
      "1 a one-shot run ended with robots off their goals, 2 error.");
  return {cmd, [args, &globals] { return run_run(*args, globals); }};
}

}  // namespace fleet::cli
