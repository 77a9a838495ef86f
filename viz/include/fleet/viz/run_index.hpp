// What happened over a run, indexed by tick from the sources' events: errands done so far,
// planner time so far, one-shot arrivals, and the lists of events and problems the window
// offers to jump to.
#pragma once

#include <fleet/viz/replay_source.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace fleet::viz {

struct IndexedEvent {
  int tick = 0;
  sim::TraceEvent event;
};

/// Whether an event is a problem worth jumping to (a prevented violation, a late or failed
/// planner call) rather than routine progress.
[[nodiscard]] bool is_problem(sim::TraceEventKind kind);

/// One line describing an event, e.g. "t=812 violation (vertex) r12 x r40 at (3,4)".
[[nodiscard]] std::string describe(const IndexedEvent& e, const planner::Grid& grid);

/// One-shot runs at a tick: the robots standing on their goals, and the cost of each (the tick
/// it last arrived there, 0 when it started there). At the run's last tick, with every robot
/// on its goal, these are the plan's sum of costs and makespan.
struct GoalFacts {
  int at_goal = 0;
  std::int64_t sum_of_costs = 0;  ///< of the robots on their goals
  int makespan = 0;               ///< the latest of their arrivals
};

class RunIndex {
public:
  /// Lists are capped so a pathological run cannot exhaust memory; counts stay exact.
  static constexpr std::size_t kMaxListed = 1'000'000;

  /// Indexes the ticks the source gained since the last call (all of them the first time).
  void update(const ReplaySource& source);

  [[nodiscard]] int indexed_end() const { return end_; }
  /// Errands completed in ticks up to and including `tick`.
  [[nodiscard]] std::int64_t errands_until(int tick) const;
  /// Planner seconds spent in calls recorded up to and including `tick`.
  [[nodiscard]] double planner_seconds_until(int tick) const;
  /// The duration of the latest planner call at or before `tick` (0 when none yet).
  [[nodiscard]] double last_planner_call(int tick) const;
  /// Errands completed in the `window` ticks up to and including `tick` (fewer at the start).
  [[nodiscard]] std::int64_t errands_in_window(int tick, int window) const;
  /// One-shot sources: who stands on its goal in `frame`, and at what cost.
  [[nodiscard]] GoalFacts goals_reached(const Frame& frame, const planner::Motion& motion) const;

  [[nodiscard]] const std::vector<IndexedEvent>& errands() const { return errands_; }
  [[nodiscard]] const std::vector<IndexedEvent>& problems() const { return problems_; }
  [[nodiscard]] std::int64_t errand_count() const { return errand_count_; }
  [[nodiscard]] std::int64_t problem_count() const { return problem_count_; }

private:
  int first_ = 0;
  int end_ = 0;
  std::vector<std::int64_t> errands_cum_;  // index: tick - first_
  std::vector<double> planner_cum_;
  std::vector<float> last_call_;
  std::vector<IndexedEvent> errands_;
  std::vector<IndexedEvent> problems_;
  std::int64_t errand_count_ = 0;
  std::int64_t problem_count_ = 0;
  std::vector<sim::TraceEvent> scratch_;
  std::vector<std::vector<int>> arrivals_;  // one-shot sources: per robot, ticks of arrival
};

}  // namespace fleet::viz
