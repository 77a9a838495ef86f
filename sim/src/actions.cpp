// Action codes between states, their inverse, and the shortest-path action of each robot.
#include <fleet/sim/actions.hpp>

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

namespace fleet::sim {

TraceAction encode_action(const planner::Motion& motion, State from, State to) {
  if (from == to) return TraceAction::Wait;
  const planner::Grid& grid = motion.grid();
  if (!motion.valid(from) || !motion.valid(to)) return TraceAction::Unknown;
  const Cell a = motion.cell(from);
  const Cell b = motion.cell(to);
  if (a == b) {
    const int h = motion.heading(from);
    const int g = motion.heading(to);
    if (g == ((h + 1) & 3)) return TraceAction::RotateCW;
    if (g == ((h + 3) & 3)) return TraceAction::RotateCCW;
    return TraceAction::Unknown;
  }
  if (motion.heading(from) != motion.heading(to) || !grid.passable(a)) return TraceAction::Unknown;
  for (int d = 0; d < planner::kDirections; ++d) {
    if (grid.step(a, static_cast<planner::Direction>(d)) == b)
      return static_cast<TraceAction>(1 + d);
  }
  return TraceAction::Unknown;
}

State apply_action(const planner::Motion& motion, State from, TraceAction action) {
  if (!motion.valid(from)) return planner::kNoState;
  const Cell c = motion.cell(from);
  const int h = motion.has_heading() ? motion.heading(from) : 0;
  const auto code = static_cast<int>(action);
  if (code == 0) return from;
  if (code >= 1 && code <= 4) {
    if (!motion.grid().passable(c)) return planner::kNoState;
    const Cell next = motion.grid().step(c, static_cast<planner::Direction>(code - 1));
    return next == planner::kNoCell ? planner::kNoState : motion.state(next, h);
  }
  if (motion.has_heading() && (action == TraceAction::RotateCW || action == TraceAction::RotateCCW))
    return motion.state(c, action == TraceAction::RotateCW ? (h + 1) & 3 : (h + 3) & 3);
  return planner::kNoState;
}

void shortest_path_actions(const planner::DistanceTable& distances, std::span<const State> states,
                           std::span<const Cell> goals, std::span<std::uint8_t> out) {
  const planner::Motion& motion = distances.motion();
  // Each robot writes only its own entry; lookups are random reads into large tables, so
  // spreading them over the cores pays even for a few thousand robots.
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, states.size(), 512),
                    [&](const tbb::blocked_range<std::size_t>& range) {
    for (std::size_t r = range.begin(); r != range.end(); ++r) {
      const State s = states[r];
      const Cell goal = goals[r];
      out[r] = static_cast<std::uint8_t>(TraceAction::Wait);
      if (goal == planner::kNoCell || !motion.valid(s) || motion.cell(s) == goal) continue;
      std::uint32_t best = distances.distance(s, goal);
      if (best == planner::DistanceTable::kUnreachable) continue;
      planner::Motion::Neighbours next{};
      const int n = motion.successors(s, next);
      for (int i = 0; i < n; ++i) {
        const std::uint32_t d = distances.distance(next[i], goal);
        if (d < best) {
          best = d;
          out[r] = static_cast<std::uint8_t>(encode_action(motion, s, next[i]));
        }
      }
    }
  });
}

}  // namespace fleet::sim
