// What the fleetsim commands share: exit codes, the global options, the hook each command
// file registers itself through, and small helpers (key=value parameters, TBB threads).
#pragma once

#include <CLI/CLI.hpp>

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace fleet::cli {

/// Exit codes (docs/cli.md): 0 success, 1 a well-formed "no" (not solved, plan invalid),
/// 2 an error (bad input, bad option, unreadable or unwritable file).
enum class ExitCode : int { Ok = 0, NotOk = 1, Error = 2 };

struct GlobalOptions {
  int verbosity = 0;  ///< -v count
  bool quiet = false;
};

/// A registered subcommand: its CLI11 app (parsed or not) and what to do when it was chosen.
struct Command {
  CLI::App* app = nullptr;
  std::function<ExitCode()> run;
};

Command add_run_command(CLI::App& parent, const GlobalOptions& globals);
Command add_solve_command(CLI::App& parent, const GlobalOptions& globals);
Command add_validate_command(CLI::App& parent, const GlobalOptions& globals);
Command add_planners_command(CLI::App& parent, const GlobalOptions& globals);
Command add_bench_command(CLI::App& parent, const GlobalOptions& globals);
Command add_report_command(CLI::App& parent, const GlobalOptions& globals);
Command add_check_planner_command(CLI::App& parent, const GlobalOptions& globals);
Command add_planner_worker_command(CLI::App& parent, const GlobalOptions& globals);

/// CLI11 check for `--param key=value`: a non-empty key and an '='.
std::string check_key_value(const std::string& text);
/// CLI11 checks with short messages ("must be greater than 0, got '-1'"); CLI11's own range
/// checks print the full range of a double.
CLI::Validator positive();
CLI::Validator non_negative();
/// A planner time limit in seconds: (0, kMaxTimeLimitS], finite.
CLI::Validator time_limit();
/// A seed: 0..2^64-1, never wrapped.
CLI::Validator seed();

/// Turns `key=value` strings into a map; a later key overrides an earlier one.
std::map<std::string, std::string> parse_params(const std::vector<std::string>& items);

/// Limits TBB to `threads` workers while alive (0 or less: no limit).
class ThreadLimit {
public:
  explicit ThreadLimit(int threads);
  ~ThreadLimit();
  ThreadLimit(const ThreadLimit&) = delete;
  ThreadLimit& operator=(const ThreadLimit&) = delete;

private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// Seconds since `start`, for timings printed to the user.
double seconds_since(std::chrono::steady_clock::time_point start);

}  // namespace fleet::cli
