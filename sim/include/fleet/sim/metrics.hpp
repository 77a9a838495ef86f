// What a run measured: costs, throughput (and how it changed over the run), waits, planner
// calls, prevented violations and the time spent in each named phase of the step loop,
// gathered into a RunSummary (JSON-able).
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace fleet::sim {

/// The named phases of one simulator tick, in execution order.
enum class Phase : std::uint8_t { Assign, Plan, Execute, Validate, Complete, Record };
inline constexpr int kPhaseCount = 6;
std::string_view to_string(Phase phase);

struct PhaseTimes {
  std::array<double, kPhaseCount> total_s{};
  std::int64_t ticks = 0;

  [[nodiscard]] double total(Phase p) const { return total_s[static_cast<std::size_t>(p)]; }
  [[nodiscard]] double mean(Phase p) const {
    return ticks > 0 ? total(p) / static_cast<double>(ticks) : 0.0;
  }
  /// Every phase but Plan: the cost of the step loop itself.
  [[nodiscard]] double loop_total_s() const;
};

/// Distribution of planner call durations (seconds), nearest-rank percentiles.
struct PlannerTimes {
  std::int64_t calls = 0;
  double total_s = 0.0;
  double p50_s = 0.0;
  double p99_s = 0.0;
  double max_s = 0.0;
  double first_s = 0.0;  ///< the first call (it usually builds most distance tables)
};
PlannerTimes summarize_times(std::vector<double> seconds);

/// The shared distance tables (one per goal cell): held at the end and at most during the run.
struct DistanceMemory {
  std::int64_t tables = 0;
  std::int64_t bytes = 0;
  std::int64_t peak_tables = 0;
  std::int64_t peak_bytes = 0;
  std::int64_t builds = 0;  ///< tables built, rebuilds of freed ones included
  std::int64_t trims = 0;   ///< times the simulator freed tables to stay within its budget
};

/// Lifelong runs: errands completed and robot-ticks spent waiting off the goal in each window
/// of `ticks` ticks (window w covers the steps from tick w*ticks to (w+1)*ticks; the last one
/// may be shorter). One counter pair per window; the step loop adds to the current one.
struct ThroughputWindows {
  static constexpr int kDefaultTicks = 100;
  int ticks = kDefaultTicks;
  std::vector<std::int64_t> errands;
  std::vector<std::int64_t> waits;

  /// Counts the step that starts at `tick` (ticks arrive in order; a new window costs one
  /// amortized push_back, never a per-tick allocation).
  void add(int tick, std::int64_t errands_done, std::int64_t robots_waiting) {
    const auto w = static_cast<std::size_t>(tick / ticks);
    if (w >= errands.size()) {
      errands.resize(w + 1, 0);
      waits.resize(w + 1, 0);
    }
    errands[w] += errands_done;
    waits[w] += robots_waiting;
  }
};

/// Throughput per slice of a run: slices of 1,000 ticks, or for runs shorter than 2,000 ticks
/// of ticks/5 rounded to a multiple of the window (at least one window). A last slice shorter
/// than half a slice is merged into the one before it.
struct ThroughputSlices {
  int ticks = 0;                   ///< nominal slice length
  std::vector<double> per_tick;    ///< errands per tick in each slice
  std::vector<int> slice_ticks;    ///< ticks each slice actually covers
};
/// The nominal slice length for a run of `run_ticks` ticks with windows of `window_ticks`.
int slice_length(int run_ticks, int window_ticks = ThroughputWindows::kDefaultTicks);
/// Groups the windows of a run of `run_ticks` ticks into slices.
ThroughputSlices throughput_slices(const ThroughputWindows& windows, int run_ticks);

struct RunSummary;
/// What looks wrong with a lifelong run's throughput: the last slice below half the best one,
/// or more than half the robots waiting off their goals (on average per tick) during the last
/// window. Empty for one-shot runs and healthy ones.
std::vector<std::string> throughput_warnings(const RunSummary& summary);

struct RunSummary {
  std::string scenario;
  std::string planner;
  std::string motion;
  int robots = 0;
  std::uint64_t seed = 0;
  int threads = 0;  ///< the arena's concurrency actually used
  bool lifelong = false;

  int ticks = 0;                 ///< ticks simulated
  bool all_at_goals = false;     ///< one-shot: every robot ended on its goal
  std::int64_t sum_of_costs = 0; ///< one-shot: sum of robot costs; lifelong: robot-ticks with an errand
  int makespan = 0;              ///< one-shot: last robot's cost; lifelong: ticks simulated
  std::int64_t errands_done = 0;
  double throughput = 0.0;       ///< errands completed per tick
  std::int64_t moves = 0;        ///< robot-ticks spent moving or turning
  std::int64_t waits = 0;        ///< robot-ticks spent standing still off the goal
  std::int64_t held = 0;         ///< robot-ticks the simulator held a robot its plan moved
  ThroughputWindows windows;     ///< lifelong: errands and waits per window of ticks
  std::vector<std::string> warnings;  ///< lifelong: throughput_warnings() of the run

  std::int64_t replans = 0;         ///< accepted planner answers
  std::int64_t planner_late = 0;    ///< calls answered after the deadline, or Timeout
  std::int64_t planner_failed = 0;  ///< calls that failed or returned a malformed plan
  PlannerTimes planner_times;
  DistanceMemory distance_memory;
  /// Building the distance tables of the first goals, before the first planner call.
  double preprocess_s = 0.0;

  std::int64_t invalid_steps_prevented = 0;  ///< ticks whose planned step had a violation
  std::int64_t violations_prevented = 0;     ///< violations found in planned steps

  /// Execution under delays (docs/execution.md).
  std::string execution = "exact";   ///< the policy: exact or adg
  std::string delays;                ///< the policy and delay models, described
  double slip_prob = 0.0;            ///< the per-tick slip probability
  std::int64_t delayed = 0;          ///< robot-ticks a ready action was not taken: a delay
  std::int64_t dependency_waits = 0; ///< robot-ticks an action waited on another robot (ADG)
  std::int64_t stalls = 0;           ///< stalls that began
  std::int64_t breakdowns = 0;       ///< breakdowns that began
  std::int64_t delay_replans = 0;    ///< planner calls triggered by lag or a breakdown/repair
  std::int64_t planned_sum_of_costs = -1;  ///< one-shot: of the first accepted plan (-1: none)
  int planned_makespan = -1;               ///< one-shot: of the first accepted plan (-1: none)
  double errand_latency = 0.0;  ///< lifelong: mean ticks from an errand's assignment to its end

  PhaseTimes phases;
  double wall_s = 0.0;
  std::uint64_t state_hash = 0;

  /// Robot-steps per second of the step loop alone (all phases but Plan).
  [[nodiscard]] double loop_robot_steps_per_s() const;
};

/// The summary as a JSON document (pretty-printed), as written to summary.json. Lifelong runs
/// add "throughput_windows" {ticks, errands, waits} and "throughput_slices" {ticks, per_tick}.
std::string to_json(const RunSummary& summary);

}  // namespace fleet::sim
