// The parent side of the runner: a single-threaded poll loop over the children's report pipes
// and a signalfd. It starts runs while slots are free, enforces each run's load and time
// limits (SIGKILL past the grace), watches resident memory, and classifies every ending.
#include <fleet/bench/runner.hpp>

#include "child.hpp"

#include <fleet/bench/execute.hpp>

#include <poll.h>
#include <sys/resource.h>
#include <sys/signalfd.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <map>
#include <set>
#include <stdexcept>

namespace fleet::bench {

namespace {

using detail::Child;
using detail::Clock;

double seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }

Clock::duration to_duration(double s) {
  return std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(s));
}

/// The ladder a record or run belongs to: everything of its key but the fleet size.
std::string ladder_of(const std::string& suite, const std::string& scenario,
                      const std::string& planner_label, std::uint64_t seed) {
  return suite + '\n' + scenario + '\n' + planner_label + '\n' + std::to_string(seed);
}

std::string signal_name(int sig) {
  const char* text = strsignal(sig);
  return "signal " + std::to_string(sig) + (text != nullptr ? std::string(" (") + text + ")" : "");
}

/// Blocks the stop signals for the session and reads them from a signalfd instead; restores
/// the mask on the way out.
class StopSignals {
public:
  explicit StopSignals(bool enabled) {
    sigemptyset(&old_);
    sigprocmask(SIG_BLOCK, nullptr, &old_);
    if (!enabled) return;
    sigset_t set;
    sigemptyset(&set);
    for (const int sig : {SIGINT, SIGTERM, SIGHUP}) sigaddset(&set, sig);
    sigprocmask(SIG_BLOCK, &set, nullptr);
    fd_ = signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
  }
  ~StopSignals() {
    if (fd_ >= 0) ::close(fd_);
    sigprocmask(SIG_SETMASK, &old_, nullptr);
  }
  StopSignals(const StopSignals&) = delete;
  StopSignals& operator=(const StopSignals&) = delete;

  [[nodiscard]] int fd() const { return fd_; }
  [[nodiscard]] const sigset_t& old_mask() const { return old_; }
  /// The signal received, or 0.
  [[nodiscard]] int take() const {
    signalfd_siginfo info{};
    if (fd_ >= 0 && ::read(fd_, &info, sizeof info) == static_cast<ssize_t>(sizeof info))
      return static_cast<int>(info.ssi_signo);
    return 0;
  }

private:
  sigset_t old_{};
  int fd_ = -1;
};

class Session {
public:
  Session(const Suite& suite, const planner::PlannerRegistry& registry, ResultsWriter& out,
          const RunnerOptions& options)
      : suite_(suite), registry_(registry), out_(out), options_(options),
        signals_(options.handle_signals), started_(Clock::now()) {}

  RunnerResult run(const std::vector<RunSpec>& runs, const std::vector<RunRecord>& previous) {
    for (const auto& r : previous)
      if (r.status != RunStatus::Solved) note_failure(ladder_of(r.suite, r.scenario, r.planner_label, r.seed), r.agents);
    for (const auto& r : runs) pending_.push_back(&r);
    progress_.total = runs.size();
    report(nullptr);
    auto last_tick = Clock::now();
    while (true) {
      if (!result_.interrupted) start_runs();
      if (running_.empty() && (pending_.empty() || result_.interrupted)) break;
      wait_for_events();
      enforce_limits();
      if (seconds(Clock::now() - last_tick) >= options_.poll_interval_s) {
        last_tick = Clock::now();
        report(nullptr);
      }
    }
    return result_;
  }

private:
  std::string ladder(const RunSpec& run) const {
    return ladder_of(suite_.name, suite_.scenarios[run.scenario].name,
                     suite_.planners[run.planner].label, run.seed);
  }

  void note_failure(const std::string& lad, int agents) {
    auto [it, fresh] = failed_at_.emplace(lad, agents);
    if (!fresh) it->second = std::min(it->second, agents);
  }

  void start_runs() {
    const int jobs = std::max(1, options_.jobs);
    for (auto it = pending_.begin(); it != pending_.end() && static_cast<int>(running_.size()) < jobs;) {
      const RunSpec& run = **it;
      if (suite_.stop_after_failure) {
        const std::string lad = ladder(run);
        if (busy_.contains(lad)) {  // wait for the smaller fleet's outcome
          ++it;
          continue;
        }
        if (const auto f = failed_at_.find(lad); f != failed_at_.end() && f->second < run.agents) {
          RunRecord record = blank_record(suite_, run);
          record.status = RunStatus::Skipped;
          record.message = "not run: " + std::to_string(f->second) +
                           " agents already failed on this ladder";
          record.exit = "not run";
          finish(run, std::move(record));
          it = pending_.erase(it);
          continue;
        }
        busy_.insert(lad);
      }
      std::vector<int> close_in_child = {out_.fd()};
      if (signals_.fd() >= 0) close_in_child.push_back(signals_.fd());
      for (const auto& c : running_) {
        close_in_child.push_back(c.fd);
        close_in_child.push_back(c.log_fd);
      }
      running_.push_back(detail::start_child(suite_, run, registry_, signals_.old_mask(), close_in_child));
      it = pending_.erase(it);
    }
  }

  void wait_for_events() {
    std::vector<pollfd> fds;
    for (const auto& c : running_) {
      fds.push_back({c.fd, POLLIN, 0});
      fds.push_back({c.log_fd, POLLIN, 0});
    }
    if (signals_.fd() >= 0) fds.push_back({signals_.fd(), POLLIN, 0});
    double timeout_s = options_.poll_interval_s;
    const auto now = Clock::now();
    for (const auto& c : running_)
      timeout_s = std::min(timeout_s, seconds(deadline(c) - now));
    const int timeout_ms = static_cast<int>(std::ceil(std::max(0.0, timeout_s) * 1000.0));
    if (::poll(fds.data(), fds.size(), timeout_ms) < 0 && errno != EINTR)
      throw std::runtime_error(std::string("poll: ") + std::strerror(errno));
    if (signals_.fd() >= 0 && (fds.back().revents & POLLIN) != 0) {
      if (const int sig = signals_.take(); sig != 0) stop(sig);
    }
    for (std::size_t i = 0; i < running_.size();) {
      Child& c = running_[i];
      detail::read_child_log(c);
      if (detail::read_child(c)) {
        ++i;
        continue;
      }
      reap(c);
      running_.erase(running_.begin() + static_cast<std::ptrdiff_t>(i));
    }
  }

  Clock::time_point deadline(const Child& c) const {
    if (!c.loaded) return c.started + to_duration(suite_.load_limit_s);
    return *c.loaded + to_duration(suite_.time_limit_s + suite_.kill_grace());
  }

  void enforce_limits() {
    const auto now = Clock::now();
    for (auto& c : running_) {
      if (c.killed != Child::Kill::None) continue;
      if (now >= deadline(c)) {
        c.killed = c.loaded ? Child::Kill::Time : Child::Kill::Load;
        ::kill(c.pid, SIGKILL);
      } else if (detail::resident_mb(c.pid) > static_cast<double>(suite_.memory_limit_mb)) {
        c.killed = Child::Kill::Memory;
        ::kill(c.pid, SIGKILL);
      }
    }
  }

  void stop(int sig) {
    result_.interrupted = true;
    result_.signal = sig;
    for (auto& c : running_) {
      if (c.pid <= 0) continue;
      if (c.killed == Child::Kill::None) c.killed = Child::Kill::Stop;
      ::kill(c.pid, SIGKILL);
    }
  }

  void reap(Child& c) {
    int status = 0;
    rusage usage{};
    while (::wait4(c.pid, &status, 0, &usage) < 0 && errno == EINTR) {
    }
    detail::read_child_log(c);
    detail::close_child(c);
    c.pid = -1;  // reaped: no longer counted as running, never signalled again
    const RunSpec& run = *c.run;
    if (suite_.stop_after_failure) busy_.erase(ladder(run));
    const bool by_user = WIFSIGNALED(status) && c.killed == Child::Kill::None &&
                         (WTERMSIG(status) == SIGINT || WTERMSIG(status) == SIGTERM ||
                          WTERMSIG(status) == SIGHUP);
    if (c.killed == Child::Kill::Stop || by_user) {
      // Interrupted, not finished: left for the rerun.
      if (by_user && !result_.interrupted) stop(WTERMSIG(status));
      return;
    }
    const double peak_mb = static_cast<double>(usage.ru_maxrss) / 1024.0;
    RunRecord record;
    bool have_record = false;
    if (c.record_line) {
      try {
        if (auto parsed = parse_line(*c.record_line); parsed.run) {
          record = std::move(*parsed.run);
          have_record = true;
        }
      } catch (const std::invalid_argument&) {
      }
    }
    if (!have_record) {
      record = blank_record(suite_, run);
      const double limit_mb = static_cast<double>(suite_.memory_limit_mb);
      if (c.killed == Child::Kill::Time) {
        record.status = RunStatus::Timeout;
        record.message = "killed " + std::to_string(suite_.kill_grace()) +
                         " s after the time limit";
        record.runtime_s = seconds(Clock::now() - *c.loaded);
      } else if (c.killed == Child::Kill::Load) {
        record.status = RunStatus::Error;
        record.message = "loading took longer than load_time_limit";
      } else if (c.killed == Child::Kill::Memory) {
        record.status = RunStatus::Oom;
        record.message = "killed at the memory limit";
      } else if (WIFEXITED(status) && WEXITSTATUS(status) == 3) {
        record.status = RunStatus::Oom;
        record.message = "an allocation failed";
      } else if (WIFSIGNALED(status)) {
        // An abort from a failed allocation near the limit is a memory failure, not a bug.
        record.status = peak_mb >= 0.9 * limit_mb ? RunStatus::Oom : RunStatus::Crash;
        record.message = "died of " + signal_name(WTERMSIG(status));
      } else {
        record.status = RunStatus::Crash;
        record.message = "exited with code " + std::to_string(WEXITSTATUS(status)) +
                         " without a record";
      }
    }
    if (record.status != RunStatus::Solved && record.status != RunStatus::Timeout) {
      constexpr std::size_t kKeep = 1000;
      record.log_tail = c.log_tail.size() > kKeep ? c.log_tail.substr(c.log_tail.size() - kKeep)
                                                  : c.log_tail;
    }
    record.peak_memory_mb = peak_mb;
    record.wall_s = seconds(Clock::now() - c.started);
    record.cpu_s = static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
                   static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) * 1e-6;
    record.exit = WIFSIGNALED(status) ? signal_name(WTERMSIG(status))
                                      : "exit " + std::to_string(WEXITSTATUS(status));
    finish(run, std::move(record));
  }

  void finish(const RunSpec& run, RunRecord record) {
    record.finished_at = utc_now();
    if (record.status != RunStatus::Solved) {
      note_failure(ladder(run), run.agents);
      ++result_.failures;
      ++progress_.failures;
    }
    out_.append(to_json_line(record));
    ++result_.recorded;
    ++progress_.done;
    report(&record);
  }

  void report(const RunRecord* last) {
    if (!options_.progress) return;
    progress_.running = static_cast<std::size_t>(
        std::count_if(running_.begin(), running_.end(), [](const Child& c) { return c.pid > 0; }));
    progress_.elapsed_s = seconds(Clock::now() - started_);
    progress_.last = last;
    options_.progress(progress_);
  }

  const Suite& suite_;
  const planner::PlannerRegistry& registry_;
  ResultsWriter& out_;
  const RunnerOptions& options_;
  StopSignals signals_;
  Clock::time_point started_;
  std::vector<const RunSpec*> pending_;
  std::vector<Child> running_;
  std::map<std::string, int> failed_at_;  // ladder -> smallest failed fleet
  std::set<std::string> busy_;            // ladders with a run in flight
  RunnerProgress progress_;
  RunnerResult result_;
};

}  // namespace

RunnerResult run_suite(const Suite& suite, const std::vector<RunSpec>& runs,
                       const planner::PlannerRegistry& registry, ResultsWriter& out,
                       const std::vector<RunRecord>& previous, const RunnerOptions& options) {
  Session session(suite, registry, out, options);
  return session.run(runs, previous);
}

}  // namespace fleet::bench
