// The self-describing records of a results file (JSON Lines): a header per bench session
// (version, commit, host, CPU, threads) and one record per run, with its outcome and figures.
// Fields that do not apply to a run (throughput of a one-shot run) are absent (null).
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace fleet::bench {

/// How a run ended. Only `solved` counts as a success.
enum class RunStatus : std::uint8_t {
  Solved,      ///< one-shot: validated plan; simulated: ran its ticks (one-shot: all at goals)
  Timeout,     ///< the planner gave up at the limit, or was killed past it
  Infeasible,  ///< the planner proved there is no solution
  Invalid,     ///< the plan or an executed step broke the rules (executed violations > 0)
  Crash,       ///< the run died (a signal, or an exit without a record)
  Oom,         ///< it ran out of memory (allocation failed, or killed near the limit)
  Error,       ///< the run could not start or the planner refused the input
  Skipped,     ///< not run: a smaller fleet of its ladder failed (stop_after_failure)
};
std::string_view to_string(RunStatus status);
/// Parses a status name; nullopt when unknown.
std::optional<RunStatus> parse_run_status(std::string_view text);

/// One run, as written to the results file.
struct RunRecord {
  // What ran.
  std::string suite;
  std::string key;
  std::size_t index = 0;
  std::string scenario;
  std::string kind;  ///< movingai, yaml, lorr
  std::string map;
  std::string group;
  int agents = 0;
  std::string planner;
  std::string planner_label;
  std::map<std::string, std::string> params;  ///< every parameter, defaults included
  std::uint64_t seed = 0;
  bool lifelong = false;
  // Under which limits.
  double time_limit_s = 0.0;
  std::int64_t memory_limit_mb = 0;
  int threads = 1;
  // How it went.
  RunStatus status = RunStatus::Error;
  std::string message;
  std::optional<double> runtime_s;         ///< planning (one-shot) or simulation wall time
  std::optional<double> first_solution_s;  ///< anytime planners: the first solution
  std::optional<std::int64_t> soc;
  std::optional<std::int64_t> soc_lb;
  std::optional<std::int64_t> makespan;
  std::optional<std::int64_t> makespan_lb;
  std::optional<std::int64_t> ticks;        ///< simulated ticks
  std::optional<double> throughput;         ///< lifelong: errands completed per tick
  std::optional<std::int64_t> errands_done;  ///< lifelong
  /// Lifelong: errands completed per window of `window_ticks` ticks, over the whole run.
  int window_ticks = 0;
  std::vector<std::int64_t> window_errands;
  /// Lifelong: the suite's best known errands per step for this scenario, when it gives one.
  std::optional<double> best_known;
  std::vector<std::string> warnings;  ///< lifelong: the simulator's throughput warnings
  std::optional<std::int64_t> planner_calls;
  std::optional<std::int64_t> planner_late;  ///< simulated: calls past their deadline
  std::optional<double> planner_p50_s;
  std::optional<double> planner_p99_s;
  std::int64_t executed_violations = 0;     ///< must be 0
  std::optional<std::int64_t> planned_violations;  ///< simulated: caught before execution
  std::optional<std::string> execution;            ///< simulated: exact or adg
  std::optional<double> delay_prob;                ///< simulated: per-tick slip probability
  std::optional<std::int64_t> dependency_waits;    ///< simulated: robot-ticks held by the ADG
  std::optional<std::int64_t> planned_soc;         ///< simulated one-shot: the first plan's SOC
  std::optional<std::int64_t> expanded;
  std::optional<std::int64_t> generated;
  // Seen by the runner from outside the run.
  std::optional<double> peak_memory_mb;  ///< the run's peak resident memory
  double wall_s = 0.0;                   ///< the whole child process, loading included
  double cpu_s = 0.0;                    ///< user + system CPU time of the child
  std::string exit;                      ///< "exit 0", "signal 9", "not run"
  std::string log_tail;  ///< failed runs: the end of what the run wrote to stderr
  std::string finished_at;               ///< UTC, ISO 8601
};

/// The first line of a results file and of every later session appending to it.
struct HeaderRecord {
  int format = 1;
  std::string fleetsim_version;
  std::string git_commit;
  std::string host;
  std::string cpu;
  int cpus = 0;  ///< online CPUs of the host
  int threads_per_run = 1;
  int jobs = 1;
  std::string suite;
  std::string suite_file;
  std::string shard;  ///< "i/N"
  std::string started_at;
};

/// One compact JSON object, no newline.
std::string to_json_line(const RunRecord& record);
std::string to_json_line(const HeaderRecord& header);

/// What one line of a results file holds.
struct ParsedLine {
  std::optional<HeaderRecord> header;
  std::optional<RunRecord> run;
};
/// Parses a line; throws std::invalid_argument for text that is not a header or run record.
ParsedLine parse_line(std::string_view line);

/// Now, as UTC ISO 8601 with seconds ("2024-05-01T12:00:00Z").
std::string utc_now();

}  // namespace fleet::bench
