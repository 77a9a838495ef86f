// Robot actions as small codes (the trace's 4-bit codes): turning two consecutive states into
// the action between them and back, and the action each robot would take to follow a
// shortest path. Shared by the trace, the datasets and the simulator stepped by actions.
#pragma once

#include <fleet/planner/distance_table.hpp>
#include <fleet/planner/motion.hpp>
#include <fleet/sim/trace.hpp>

#include <cstdint>
#include <span>

namespace fleet::sim {

/// The code of the action taking `from` to `to`, or TraceAction::Unknown when no single
/// action does.
TraceAction encode_action(const planner::Motion& motion, State from, State to);

/// The state `action` takes `from` to: a move goes to the neighbour in its direction (under
/// the rotation model keeping the heading, so only a move along the heading is a forward
/// move the validator accepts); a rotation turns. planner::kNoState when the move leaves the
/// map, enters an obstacle, or the code is not an action of this motion model.
State apply_action(const planner::Motion& motion, State from, TraceAction action);

/// Per robot, the action along a shortest path to its goal (the successor with the smallest
/// distance, the first in successor order on ties); Wait when the robot has no goal
/// (kNoCell), stands on it, or cannot reach it. `out` has one entry per robot.
void shortest_path_actions(const planner::DistanceTable& distances, std::span<const State> states,
                           std::span<const Cell> goals, std::span<std::uint8_t> out);

}  // namespace fleet::sim
