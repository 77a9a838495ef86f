// What a dataset stores per robot and tick beyond the raw states: the action taken, the
// action proposed, and why a robot that stayed put did so. Pure functions of one TickView,
// so the recorder, the tests and any other consumer agree on the codes.
#pragma once

#include <fleet/planner/motion.hpp>
#include <fleet/sim/simulator.hpp>

#include <cstdint>
#include <span>

namespace fleet::dataset {

/// Why a robot's state did not change in the step into a tick (docs/datasets.md).
enum class WaitReason : std::uint8_t {
  Moved = 0,      ///< it moved or turned (and every robot at tick 0, where there is no step)
  Blocked = 1,    ///< the validator held it: its proposed move conflicted
  PlannerWait = 2,///< the plan (or the caller's action) kept it in place with an errand open
  NoErrand = 3,   ///< it had no errand
  AtGoal = 4,     ///< it rests on its goal (one-shot runs after arrival)
};

/// Per-tick outcome of the planner (docs/datasets.md).
enum class PlannerOutcome : std::uint8_t { NoCall = 0, Accepted = 1, Late = 2, Failed = 3 };

/// The per-robot columns of one tick, written into the given spans (one entry per robot).
/// Actions are sim::TraceAction codes; 15 (Unknown) at tick 0 and for a proposal no single
/// action reaches.
void tick_columns(const planner::Motion& motion, const sim::TickView& tick,
                  std::span<std::uint8_t> action, std::span<std::uint8_t> planned_action,
                  std::span<std::uint8_t> wait);

/// The tick's planner outcome and the seconds the call took (0 without a call).
struct PlannerTick {
  PlannerOutcome outcome = PlannerOutcome::NoCall;
  float seconds = 0.0F;
  std::int32_t errands_done = 0;
  std::int32_t violations_prevented = 0;
};
PlannerTick planner_tick(std::span<const sim::TraceEvent> events);

}  // namespace fleet::dataset
