// Runs a planner on one persistent worker thread under a deadline. The caller waits until the
// answer or the deadline, whichever comes first; a late answer is marked so and its plan is
// dropped. A planner still busy with a cancelled call is waited for before the next call,
// because planners may keep state between calls and are not required to be reentrant.
#pragma once

#include <fleet/planner/instance.hpp>
#include <fleet/planner/planner.hpp>

#include <tbb/task_arena.h>

#include <atomic>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

namespace fleet::sim {

class PlannerRunner {
public:
  enum class Outcome : std::uint8_t { Answered, Late };
  struct Answer {
    Outcome outcome = Outcome::Late;
    planner::Result result;  ///< empty plan when late
    double seconds = 0.0;    ///< from the call until the answer (or the deadline)
  };

  /// `arena` (may be null) is where the planner's own parallel work runs.
  PlannerRunner(std::unique_ptr<planner::Planner> planner, tbb::task_arena* arena);
  ~PlannerRunner();
  PlannerRunner(const PlannerRunner&) = delete;
  PlannerRunner& operator=(const PlannerRunner&) = delete;

  [[nodiscard]] std::string_view name() const { return planner_->name(); }
  Answer call(std::shared_ptr<const planner::Instance> instance, double time_limit_s);
  /// Runs `task` once the planner has finished any call (a late one included), with no call
  /// starting until it returns: the moment to change what the planner reads between calls.
  void when_idle(const std::function<void()>& task);
  /// The planner's preprocessing (Planner::preprocess), run on the calling thread inside the
  /// arena while no call is in progress.
  void preprocess(const planner::Instance& instance);

private:
  void work(const std::stop_token& stop);

  std::unique_ptr<planner::Planner> planner_;
  tbb::task_arena* arena_;
  std::mutex mutex_;
  std::condition_variable_any wake_;
  std::shared_ptr<const planner::Instance> job_;
  planner::StopCondition::Clock::time_point deadline_{};
  bool has_job_ = false;
  bool busy_ = false;
  bool done_ = false;
  planner::Result result_;
  planner::StopCondition::Clock::time_point finished_at_{};
  std::atomic<bool> cancel_{false};
  std::jthread thread_;  // last: starts after, and is joined before, everything above
};

}  // namespace fleet::sim
