// The per-robot action and wait-reason columns of a dataset tick.
#include <fleet/dataset/tick_columns.hpp>
#include <fleet/sim/actions.hpp>

namespace fleet::dataset {

void tick_columns(const planner::Motion& motion, const sim::TickView& tick,
                  std::span<std::uint8_t> action, std::span<std::uint8_t> planned_action,
                  std::span<std::uint8_t> wait) {
  const std::size_t robots = tick.states.size();
  constexpr auto kUnknown = static_cast<std::uint8_t>(sim::TraceAction::Unknown);
  if (tick.tick == 0) {
    std::fill_n(action.begin(), robots, kUnknown);
    std::fill_n(planned_action.begin(), robots, kUnknown);
    std::fill_n(wait.begin(), robots, static_cast<std::uint8_t>(WaitReason::Moved));
    return;
  }
  for (std::size_t r = 0; r < robots; ++r) {
    const planner::State before = tick.previous[r];
    const planner::State after = tick.states[r];
    action[r] = static_cast<std::uint8_t>(sim::encode_action(motion, before, after));
    planned_action[r] = static_cast<std::uint8_t>(sim::encode_action(motion, before, tick.proposed[r]));
    WaitReason why = WaitReason::Moved;
    if (before == after) {
      const planner::Cell goal = tick.goals[r];
      if (!tick.held.empty() && tick.held[r] != 0) why = WaitReason::Blocked;
      else if (goal == planner::kNoCell) why = WaitReason::NoErrand;
      else if (motion.cell(after) == goal) why = WaitReason::AtGoal;
      else why = WaitReason::PlannerWait;
    }
    wait[r] = static_cast<std::uint8_t>(why);
  }
}

PlannerTick planner_tick(std::span<const sim::TraceEvent> events) {
  PlannerTick out;
  for (const sim::TraceEvent& e : events) {
    switch (e.kind) {
      case sim::TraceEventKind::ErrandDone: ++out.errands_done; break;
      case sim::TraceEventKind::ViolationPrevented: ++out.violations_prevented; break;
      case sim::TraceEventKind::Replan:
        out.outcome = PlannerOutcome::Accepted;
        out.seconds = e.seconds;
        break;
      case sim::TraceEventKind::PlannerTimeout:
        out.outcome = PlannerOutcome::Late;
        out.seconds = e.seconds;
        break;
      case sim::TraceEventKind::PlannerFailed:
        out.outcome = PlannerOutcome::Failed;
        out.seconds = e.seconds;
        break;
    }
  }
  return out;
}

}  // namespace fleet::dataset
