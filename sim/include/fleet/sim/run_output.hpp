// The files of a run directory that are not the trace: atomic text writes and the floor
// picture (the map, shelves and stations, and a heat overlay of where robots waited).
#pragma once

#include <fleet/planner/motion.hpp>
#include <fleet/planner/output_file.hpp>
#include <fleet/sim/warehouse.hpp>

#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>

namespace fleet::sim {

/// Writes `text` to `<path>.partial` (never following a symlink), then renames it to `path`,
/// so a crash never leaves a half-written file under the final name (output_file.hpp).
using fleet::write_file_atomically;

/// An SVG of the floor: blocked cells dark, shelf cells and stations coloured, each robot's
/// final position as a dot, and a red overlay whose opacity grows (log scale) with the ticks
/// robots spent waiting in each cell, with a title and a legend of these marks under the
/// floor. `waits_per_cell` has one entry per cell (may be empty).
std::string floor_svg(const Warehouse& warehouse, std::span<const std::int32_t> waits_per_cell,
                      const planner::Motion& motion, std::span<const planner::State> robots,
                      const std::string& title);

}  // namespace fleet::sim
