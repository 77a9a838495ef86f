#include "planner_runner.hpp"

#include <exception>

namespace fleet::sim {

using Clock = planner::StopCondition::Clock;

PlannerRunner::PlannerRunner(std::unique_ptr<planner::Planner> planner, tbb::task_arena* arena)
    : planner_(std::move(planner)), arena_(arena),
      thread_([this](const std::stop_token& stop) { work(stop); }) {}

PlannerRunner::~PlannerRunner() {
  cancel_.store(true);
  thread_.request_stop();  // wakes the worker through the stop-aware wait; joined by ~jthread
}

void PlannerRunner::work(const std::stop_token& stop) {
  for (;;) {
    std::unique_lock lock(mutex_);
    if (!wake_.wait(lock, stop, [this] { return has_job_; })) return;
    has_job_ = false;
    const std::shared_ptr<const planner::Instance> job = job_;
    const planner::StopCondition condition(deadline_, &cancel_);
    lock.unlock();

    planner::Result result;
    auto solve = [&] {
      try {
        result = planner_->solve(*job, condition);
      } catch (const std::exception& e) {
        // Planners must report outcomes as statuses; one that throws is treated as failing.
        result = {};
        result.status = planner::Status::InvalidInput;
        result.message = std::string("planner threw: ") + e.what();
      } catch (...) {
        result = {};
        result.status = planner::Status::InvalidInput;
        result.message = "planner threw an exception of unknown type";
      }
    };
    if (arena_ != nullptr) {
      arena_->execute(solve);
    } else {
      solve();
    }
    const auto at = Clock::now();

    lock.lock();
    result_ = std::move(result);
    finished_at_ = at;
    done_ = true;
    busy_ = false;
    lock.unlock();
    wake_.notify_all();
  }
}

void PlannerRunner::when_idle(const std::function<void()>& task) {
  std::unique_lock lock(mutex_);
  wake_.wait(lock, [this] { return !busy_; });
  task();
}

void PlannerRunner::preprocess(const planner::Instance& instance) {
  when_idle([&] {
    if (arena_ != nullptr) {
      arena_->execute([&] { planner_->preprocess(instance); });
    } else {
      planner_->preprocess(instance);
    }
  });
}

PlannerRunner::Answer PlannerRunner::call(std::shared_ptr<const planner::Instance> instance,
                                          double time_limit_s) {
  std::unique_lock lock(mutex_);
  wake_.wait(lock, [this] { return !busy_; });  // a cancelled call still winding down
  cancel_.store(false);
  const auto started = Clock::now();
  deadline_ = started + std::chrono::duration_cast<Clock::duration>(
                            std::chrono::duration<double>(time_limit_s));
  job_ = std::move(instance);
  has_job_ = true;
  busy_ = true;
  done_ = false;
  wake_.notify_all();

  Answer answer;
  const bool ready = wake_.wait_until(lock, deadline_, [this] { return done_; });
  if (!ready) {
    cancel_.store(true);
    answer.outcome = Outcome::Late;
    answer.seconds = std::chrono::duration<double>(Clock::now() - started).count();
    return answer;
  }
  done_ = false;
  job_.reset();
  answer.seconds = std::chrono::duration<double>(finished_at_ - started).count();
  answer.outcome = finished_at_ > deadline_ ? Outcome::Late : Outcome::Answered;
  answer.result = std::move(result_);
  if (answer.outcome == Outcome::Late) answer.result.plan.clear();
  return answer;
}

}  // namespace fleet::sim
