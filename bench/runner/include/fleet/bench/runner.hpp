// Runs a list of runs, each in its own forked child process, up to `jobs` at once, and appends
// one record per finished run to the results file as soon as it ends. A child that crashes,
// hangs past its time limit or outgrows its memory limit is recorded as crash, timeout or oom
// and the suite goes on.
//
// The calling process must have no threads (no TBB use before this call): it forks without
// exec, and the children use TBB themselves.
#pragma once

#include <fleet/bench/record.hpp>
#include <fleet/bench/results_file.hpp>
#include <fleet/bench/runs.hpp>
#include <fleet/bench/suite.hpp>
#include <fleet/planner/registry.hpp>

#include <cstddef>
#include <functional>
#include <vector>

namespace fleet::bench {

struct RunnerProgress {
  std::size_t total = 0;     ///< runs this session tries
  std::size_t done = 0;      ///< of them, recorded
  std::size_t failures = 0;  ///< of them, not solved (skipped included)
  std::size_t running = 0;
  double elapsed_s = 0.0;
  const RunRecord* last = nullptr;  ///< the run just recorded; nullptr on a periodic call
};

struct RunnerOptions {
  int jobs = 1;
  /// Called after each recorded run and about every `poll_interval_s` in between.
  std::function<void(const RunnerProgress&)> progress;
  /// SIGINT, SIGTERM and SIGHUP stop the session: running children are killed and not
  /// recorded (a rerun runs them again). Off: signals keep their usual effect.
  bool handle_signals = true;
  double poll_interval_s = 0.1;
};

struct RunnerResult {
  std::size_t recorded = 0;
  std::size_t failures = 0;
  bool interrupted = false;  ///< a signal stopped the session early
  int signal = 0;            ///< which one
};

/// Runs `runs` in order (with stop_after_failure, a ladder's runs one after another) and
/// appends their records to `out`. `previous` are records already in the results file: with
/// stop_after_failure, a failure there skips the same ladder's larger fleets here too.
RunnerResult run_suite(const Suite& suite, const std::vector<RunSpec>& runs,
                       const planner::PlannerRegistry& registry, ResultsWriter& out,
                       const std::vector<RunRecord>& previous, const RunnerOptions& options);

}  // namespace fleet::bench
