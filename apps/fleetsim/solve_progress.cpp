#include "solve_progress.hpp"

#include <fmt/core.h>

#include <algorithm>

namespace fleet::cli {

SolveProgress::SolveProgress(bool enabled, std::string what, double time_limit_s)
    : line_(enabled),
      what_(std::move(what)),
      time_limit_s_(time_limit_s),
      started_(std::chrono::steady_clock::now()) {
  if (enabled) thread_ = std::thread([this] { watch(); });
}

SolveProgress::~SolveProgress() { stop(); }

void SolveProgress::stop() {
  {
    const std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
  line_.finish();
}

void SolveProgress::watch() {
  constexpr auto kTick = std::chrono::milliseconds(100);
  std::unique_lock lock(mutex_);
  while (!wake_.wait_for(lock, kTick, [this] { return stopping_; })) {
    const double elapsed =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
    const double fraction = time_limit_s_ > 0.0 ? std::min(elapsed / time_limit_s_, 1.0) : 0.0;
    line_.update(elapsed, fraction,
                 fmt::format("solving ({}): {:.1f} s of the {:g} s limit", what_, elapsed,
                             time_limit_s_));
  }
}

}  // namespace fleet::cli
