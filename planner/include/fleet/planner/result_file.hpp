// The lacam-style result.txt: `key=value` header lines, `solution=`, then one line per tick
// `t:(x,y),(x,y),...,` (robot k is the k-th tuple). Kei18's mapf-visualizer replays it.
#pragma once

#include <fleet/planner/plan.hpp>
#include <fleet/planner/planner.hpp>

#include <filesystem>
#include <iosfwd>
#include <string>
#include <utility>
#include <vector>

namespace fleet::planner {

struct ResultHeader {
  std::vector<std::pair<std::string, std::string>> fields;  // in file order
  [[nodiscard]] const std::string* find(const std::string& key) const;
};

/// Writes header (agents, map_file, solver, solved, soc, soc_lb, makespan, makespan_lb,
/// comp_time in ms, plus `extra`) and the plan. Headings are written as a third tuple field
/// `(x,y,h)` only under the rotation model.
void write_result(std::ostream& out, const Instance& instance, const Result& result,
                  const std::vector<std::pair<std::string, std::string>>& extra = {});
/// Writes to a temporary file beside `path` and renames it in place, so a failed write never
/// leaves a partial result.
void write_result_file(const std::filesystem::path& path, const Instance& instance,
                       const Result& result,
                       const std::vector<std::pair<std::string, std::string>>& extra = {});

/// Reads a result for `motion`. Every tick must list the same number of robots (and as many
/// as the `agents=` header says, when present). Throws fleet::InputError with file and line
/// for malformed lines, coordinates off the map, ticks out of order or a wrong robot count.
struct LoadedResult {
  ResultHeader header;
  Plan plan;
};
LoadedResult read_result_file(const std::filesystem::path& path, const Motion& motion);

}  // namespace fleet::planner
