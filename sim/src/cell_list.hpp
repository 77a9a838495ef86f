// Reader shared by the Robot Runners agent and task files: '#' comment lines, a count line,
// then one record of comma-separated cell indices per line.
#pragma once

#include <fleet/sim/tasks.hpp>

#include <cstdint>
#include <filesystem>
#include <string_view>

namespace fleet::sim::detail {

/// Reads a cell-list file for `grid`; `what` names a record in messages ("task", "agent").
/// With `one_per_line` a record holds exactly one cell. Throws fleet::InputError.
TaskList read_cell_list(const std::filesystem::path& path, const planner::Grid& grid,
                        std::string_view what, bool one_per_line);

}  // namespace fleet::sim::detail
