// An up-front check that a problem's distance tables can exist on this machine: every robot
// needs the table of its goal (one per distinct goal, over every free state), so a large map
// with a large fleet can ask for terabytes before the first tick. Refusing it at once, with
// the numbers, beats being killed for memory or swapping for hours.
#pragma once

#include <fleet/planner/grid.hpp>
#include <fleet/planner/motion.hpp>

#include <cstddef>
#include <span>

namespace fleet::planner {

/// The least memory the tables of `distinct_goals` goals take on this grid and motion model:
/// 16-bit entries over every free state (32-bit ones where distances do not fit in 16).
[[nodiscard]] std::size_t least_table_bytes(const Grid& grid, MotionKind kind,
                                            std::size_t distinct_goals);

/// This machine's physical memory in bytes (0 when it cannot be told).
[[nodiscard]] std::size_t physical_memory_bytes();

/// Throws std::invalid_argument, naming the goals, states and bytes, when the tables of the
/// distinct cells among `goals` (cells off the map are skipped) take more than `available`
/// bytes (0: no limit). Callers pass physical_memory_bytes().
void require_tables_fit(const Grid& grid, MotionKind kind, std::span<const Cell> goals,
                        std::size_t available);

}  // namespace fleet::planner
