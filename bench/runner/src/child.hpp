// Internal to the runner: starting one run in a forked child, and reading what it reports.
#pragma once

#include <fleet/bench/record.hpp>
#include <fleet/bench/runs.hpp>
#include <fleet/bench/suite.hpp>
#include <fleet/planner/registry.hpp>

#include <signal.h>
#include <sys/types.h>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace fleet::bench::detail {

using Clock = std::chrono::steady_clock;

/// What the parent knows of a running child.
struct Child {
  pid_t pid = -1;
  int fd = -1;      ///< read end of the child's report pipe
  int log_fd = -1;  ///< read end of the child's stderr
  const RunSpec* run = nullptr;
  Clock::time_point started;
  std::optional<Clock::time_point> loaded;  ///< when the child said "ready"
  std::string buffer;                       ///< bytes read, not yet whole lines
  std::optional<std::string> record_line;   ///< the record, once whole
  std::string log_tail;                     ///< the last bytes the child wrote to stderr
  enum class Kill : std::uint8_t { None, Time, Load, Memory, Stop } killed = Kill::None;
};

/// Forks a child that runs `run` and reports on a pipe: "ready\n" when loaded, then its
/// record as one JSON line, then exits. Its stderr goes to a second pipe (kept as a tail for
/// the record of a failed run, instead of interleaving with the progress display). The child restores `child_mask`, closes every
/// descriptor in `close_in_child`, limits its address space (not under sanitizers, which
/// reserve huge virtual ranges) and dies with the parent. Throws std::runtime_error when
/// fork or pipe fails.
Child start_child(const Suite& suite, const RunSpec& run, const planner::PlannerRegistry& registry,
                  const sigset_t& child_mask, const std::vector<int>& close_in_child);

/// Reads what is available on the child's pipe; false once it reached end of file.
bool read_child(Child& child);
/// Reads what is available of the child's stderr into its bounded tail.
void read_child_log(Child& child);
/// Closes both read ends.
void close_child(Child& child);

/// The child's resident memory now, in MiB (0 when unknown).
double resident_mb(pid_t pid);

}  // namespace fleet::bench::detail
