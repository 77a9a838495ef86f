// When a planner must give up: a deadline plus an external cancel flag, cheap to poll.
#pragma once

#include <atomic>
#include <chrono>

namespace fleet::planner {

class StopCondition {
public:
  using Clock = std::chrono::steady_clock;

  /// Never stops on its own.
  StopCondition() = default;
  explicit StopCondition(Clock::time_point deadline, const std::atomic<bool>* cancel = nullptr)
      : deadline_(deadline), cancel_(cancel) {}

  /// Stops `seconds` from now (fractions allowed).
  static StopCondition after(double seconds, const std::atomic<bool>* cancel = nullptr) {
    return StopCondition(Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                            std::chrono::duration<double>(seconds)),
                         cancel);
  }

  [[nodiscard]] bool should_stop() const {
    return (cancel_ != nullptr && cancel_->load(std::memory_order_relaxed)) ||
           Clock::now() >= deadline_;
  }
  [[nodiscard]] Clock::time_point deadline() const { return deadline_; }
  [[nodiscard]] double seconds_left() const {
    return std::chrono::duration<double>(deadline_ - Clock::now()).count();
  }

private:
  Clock::time_point deadline_ = Clock::time_point::max();
  const std::atomic<bool>* cancel_ = nullptr;
};

}  // namespace fleet::planner
