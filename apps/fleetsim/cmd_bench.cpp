// `fleetsim bench`: runs a benchmark suite headless, each run in its own child process, and
// appends one JSON line per finished run to a results file. Rerunning resumes; --shard i/N
// runs one deterministic slice (docs/benchmarks.md).
#include "commands.hpp"
#include "plugin_option.hpp"

#include <fleet/bench/host_info.hpp>
#include <fleet/bench/results_file.hpp>
#include <fleet/bench/runner.hpp>
#include <fleet/bench/runs.hpp>
#include <fleet/bench/suite.hpp>
#include <fleet/planner/registry.hpp>

#include <fmt/core.h>
#include <spdlog/spdlog.h>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <optional>
#include <set>
#include <sstream>

namespace fleet::cli {
namespace {

namespace fs = std::filesystem;

struct BenchArgs {
  std::string suite;
  std::string out;
  std::optional<int> jobs;
  std::string shard = "0/1";
  std::vector<std::string> retry;
  std::optional<std::int64_t> memory_limit_mb;
  bool dry_run = false;
  std::vector<std::string> plugins;
};

std::string duration_text(double s) {
  if (s < 0.0 || s > 1e7) return "?";
  const auto total = static_cast<long>(s + 0.5);
  if (total < 60) return fmt::format("{}s", total);
  if (total < 3600) return fmt::format("{}m{:02}s", total / 60, total % 60);
  return fmt::format("{}h{:02}m", total / 3600, (total % 3600) / 60);
}

/// Runs done / total, failures and ETA on stderr: a bar redrawn in place on a terminal, one
/// line per finished run otherwise (batch logs stay readable).
class BenchProgress {
public:
  explicit BenchProgress(bool enabled) : enabled_(enabled), terminal_(isatty(STDERR_FILENO) != 0) {}

  void update(const bench::RunnerProgress& p) {
    if (!enabled_) return;
    const double eta =
        p.done > 0 ? p.elapsed_s / static_cast<double>(p.done) * static_cast<double>(p.total - p.done)
                   : -1.0;
    const std::string counters =
        fmt::format("{}/{} runs, {} failed, {} running, elapsed {}, ETA {}", p.done, p.total,
                    p.failures, p.running, duration_text(p.elapsed_s),
                    p.done == p.total ? "0s" : duration_text(eta));
    if (!terminal_) {
      if (p.last != nullptr)
        fmt::print(stderr, "bench: [{}] {} {}{}\n", counters, p.last->key,
                   bench::to_string(p.last->status),
                   p.last->runtime_s ? fmt::format(" {:.3f}s", *p.last->runtime_s) : "");
      return;
    }
    if (p.last == nullptr && p.elapsed_s - last_draw_s_ < 0.25) return;
    last_draw_s_ = p.elapsed_s;
    constexpr int kWidth = 28;
    const int filled =
        p.total > 0 ? static_cast<int>(kWidth * static_cast<double>(p.done) / static_cast<double>(p.total)) : kWidth;
    fmt::print(stderr, "\r\033[K[{}{}] {}", std::string(static_cast<std::size_t>(filled), '#'),
               std::string(static_cast<std::size_t>(kWidth - filled), '.'), counters);
    drawn_ = true;
  }
  void finish() {
    if (drawn_) fmt::print(stderr, "\n");
    drawn_ = false;
  }

private:
  bool enabled_;
  bool terminal_;
  bool drawn_ = false;
  double last_draw_s_ = -1.0;
};

ExitCode run_bench(const BenchArgs& args, const GlobalOptions& globals) {
  const planner::PlannerRegistry given = planners_with(args.plugins);
  const bench::Shard shard = bench::parse_shard(args.shard);
  std::set<bench::RunStatus> retry;
  for (const auto& name : args.retry) {
    std::stringstream items(name);
    std::string item;
    while (std::getline(items, item, ',')) {
      const auto status = bench::parse_run_status(item);
      if (!status) throw std::invalid_argument("--retry: unknown status '" + item + "'");
      retry.insert(*status);
    }
  }
  // Every problem of the suite is reported here, before anything runs.
  bench::Suite suite = bench::load_suite(args.suite, given);
  const planner::PlannerRegistry registry = bench::suite_planners(suite, given);
  // A batch system's allocation can be tighter than the suite's limit: a run that outgrows
  // it is then recorded as oom instead of the batch system killing the whole session.
  if (args.memory_limit_mb)
    suite.memory_limit_mb = std::min(suite.memory_limit_mb, *args.memory_limit_mb);
  const int jobs = args.jobs.value_or(suite.jobs);
  const fs::path out = args.out.empty() ? fs::path("results") / (suite.name + ".jsonl") : fs::path(args.out);

  const auto all = bench::expand_runs(suite);
  const auto mine = bench::select_shard(all, shard);
  const bench::ResultsContent previous = bench::read_results(out);
  for (const auto& problem : previous.problems) spdlog::warn("ignoring {}", problem);
  if (previous.torn_tail) spdlog::warn("{}: ignoring an incomplete last line (a killed write)", out.string());
  std::set<std::string> done;
  for (const auto& r : previous.runs)
    if (!retry.contains(r.status)) done.insert(r.key);
  std::vector<bench::RunSpec> todo;
  for (const auto& run : mine)
    if (!done.contains(run.key)) todo.push_back(run);

  const std::size_t recorded = mine.size() - todo.size();
  spdlog::info("suite {}: {} runs{}, {} already in {}, {} to run, {} at once",
               suite.name, mine.size(),
               shard.count > 1 ? fmt::format(" in shard {}/{} (of {})", shard.index, shard.count, all.size()) : "",
               recorded, out.string(), todo.size(), jobs);
  if (args.dry_run) {
    for (const auto& run : todo) fmt::print("{}\n", run.key);
    return ExitCode::Ok;
  }
  if (todo.empty()) {
    fmt::print("nothing to run: all {} runs are recorded in {}\n", mine.size(), out.string());
    return ExitCode::Ok;
  }

  bench::ResultsWriter writer(out);
  writer.append(bench::to_json_line(bench::make_header(suite, jobs, shard)));
  BenchProgress progress(!globals.quiet);
  bench::RunnerOptions options;
  options.jobs = jobs;
  options.progress = [&progress](const bench::RunnerProgress& p) { progress.update(p); };
  const auto started = std::chrono::steady_clock::now();
  const bench::RunnerResult result =
      bench::run_suite(suite, todo, registry, writer, previous.runs, options);
  progress.finish();
  if (result.interrupted) {
    fmt::print(stderr,
               "fleetsim: interrupted by signal {}: {} of {} runs recorded in {}; run the same "
               "command again to resume\n",
               result.signal, result.recorded, todo.size(), out.string());
    return ExitCode::NotOk;
  }
  fmt::print("recorded {} runs ({} not solved) in {} into {}\n", result.recorded,
             result.failures, duration_text(seconds_since(started)), out.string());
  fmt::print("summary: fleetsim report {}\n", out.string());
  return ExitCode::Ok;
}

}  // namespace

Command add_bench_command(CLI::App& parent, const GlobalOptions& globals) {
  auto args = std::make_shared<BenchArgs>();
  CLI::App* cmd = parent.add_subcommand(
      "bench", "Run a benchmark suite (YAML) headless; one JSON line per run, resumable");
  cmd->add_option("suite", args->suite, "Suite file (see docs/benchmarks.md)")->required();
  cmd->add_option("-o,--out", args->out,
                  "Results file, appended to (default: results/<suite name>.jsonl)");
  cmd->add_option("-j,--jobs", args->jobs,
                  "Runs at once, each in its own process (default: the suite's, else 1)")
      ->check(positive());
  cmd->add_option("--shard", args->shard,
                  "Run only slice i of N (0-based): whole ladders whose number mod N is i")
      ->capture_default_str();
  cmd->add_option("--retry", args->retry,
                  "Run again the recorded runs with these statuses (e.g. crash,oom)");
  cmd->add_option("--memory-limit-mb", args->memory_limit_mb,
                  "Lower the suite's per-run memory limit to this many MB (e.g. to fit a Slurm "
                  "job's --mem)")
      ->check(CLI::Range(std::int64_t{16}, std::int64_t{1} << 30));
  add_plugin_option(*cmd, args->plugins);
  cmd->add_flag("--dry-run", args->dry_run,
                "Check the suite and print the keys of the runs that would run");
  cmd->footer(
      "Exit codes: 0 every selected run is recorded (whatever its status), 1 interrupted "
      "(rerun to resume), 2 error (a bad suite lists every problem; nothing runs).");
  return {cmd, [args, &globals] { return run_bench(*args, globals); }};
}

}  // namespace fleet::cli
