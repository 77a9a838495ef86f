// Progress of a `fleetsim solve` while the planner works: planners report nothing until they
// return, so a watcher thread shows the time spent against the time limit.
#pragma once

#include "progress.hpp"

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

namespace fleet::cli {

class SolveProgress {
public:
  /// Starts watching; `what` names the work ("cbs, 100 agents"). Prints nothing when
  /// `enabled` is false (--quiet) or the planner returns within half a second.
  SolveProgress(bool enabled, std::string what, double time_limit_s);
  ~SolveProgress();
  SolveProgress(const SolveProgress&) = delete;
  SolveProgress& operator=(const SolveProgress&) = delete;

  /// Stops the watcher and clears its line; called by the destructor too.
  void stop();

private:
  void watch();

  ProgressLine line_;
  std::string what_;
  double time_limit_s_;
  std::chrono::steady_clock::time_point started_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace fleet::cli
