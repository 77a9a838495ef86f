// How the fleet carries out its plans: the execution policy (every planned step as planned,
// or on an action dependency graph) and the delay models that keep robots from moving when
// their plan says so (slips, slow robots, stalls, breakdowns). Set in a scenario's
// `execution` section (docs/scenario-format.md) or on the command line.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace fleet::sim {

enum class ExecutionPolicy : std::uint8_t {
  /// Each robot takes its next planned step unless delayed; moves that would collide are
  /// prevented by the validator (and counted), and the fleet replans.
  Exact,
  /// Action dependency graph (Hoenig et al., RA-L 2019): a robot enters a cell only after the
  /// robots the plan sends through it earlier have left, so delays never cause a collision.
  Adg,
};
std::string_view to_string(ExecutionPolicy policy);
/// "exact" or "adg"; throws std::invalid_argument naming the valid ones otherwise.
ExecutionPolicy parse_execution_policy(std::string_view text);

/// Why a robot did not take its planned step this tick (None: nothing kept it).
enum class DelayKind : std::uint8_t { None, Slip, Slow, Stall, Breakdown };
std::string_view to_string(DelayKind kind);

/// A breakdown set in the scenario rather than drawn: robot `robot` breaks down at `tick`.
struct ScheduledBreakdown {
  int robot = 0;
  int tick = 0;
  int repair_ticks = 1;
};

/// The delay models. Every draw is a function of (seed, robot, tick), so runs repeat exactly
/// for a seed whatever the thread count. All zero: no delays.
struct DelaySettings {
  double slip_prob = 0.0;       ///< per robot and tick: a planned step fails
  double slow_fraction = 0.0;   ///< share of robots (drawn per robot) that are slow
  double slow_speed = 0.5;      ///< steps per tick of a slow robot (0 < speed <= 1)
  double stall_prob = 0.0;      ///< per robot and tick: a stall starts
  int stall_min = 1;            ///< stall length in ticks, drawn uniformly in [min, max]
  int stall_max = 5;
  double breakdown_prob = 0.0;  ///< per robot and tick: a breakdown starts
  int repair_ticks = 50;        ///< ticks a broken robot blocks its cell before it runs again
  std::vector<ScheduledBreakdown> scheduled;

  [[nodiscard]] bool any() const {
    return slip_prob > 0.0 || slow_fraction > 0.0 || stall_prob > 0.0 || breakdown_prob > 0.0 ||
           !scheduled.empty();
  }
};

struct ExecutionSettings {
  ExecutionPolicy policy = ExecutionPolicy::Exact;
  DelaySettings delays;
  /// Replan once some robot has fallen this many ticks behind the current plan (0: never for
  /// lag alone). A new breakdown always triggers a replan.
  int replan_after_lag = 0;
  /// Mixed into the scenario seed for the delay draws, so delays can vary with the planner's
  /// seed held fixed.
  std::uint64_t delay_seed = 0;
};

/// A one-line description ("adg, slip 0.05, breakdown 0.001 (repair 50)").
std::string describe(const ExecutionSettings& settings);

}  // namespace fleet::sim
