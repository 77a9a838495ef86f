#include <fleet/planner/table_memory.hpp>

#include <algorithm>
#include <iomanip>
#include <sstream>
#include <stdexcept>
#include <vector>

#include <unistd.h>

namespace fleet::planner {

std::size_t least_table_bytes(const Grid& grid, MotionKind kind, std::size_t distinct_goals) {
  const std::size_t headings = kind == MotionKind::Rotation ? kDirections : 1;
  const std::size_t states = static_cast<std::size_t>(grid.free_count()) * headings;
  return distinct_goals * states * sizeof(std::uint16_t);
}

std::size_t physical_memory_bytes() {
  const long pages = sysconf(_SC_PHYS_PAGES);
  const long page = sysconf(_SC_PAGE_SIZE);
  if (pages <= 0 || page <= 0) return 0;
  return static_cast<std::size_t>(pages) * static_cast<std::size_t>(page);
}

void require_tables_fit(const Grid& grid, MotionKind kind, std::span<const Cell> goals,
                        std::size_t available) {
  if (available == 0) return;
  std::vector<Cell> distinct;
  distinct.reserve(goals.size());
  for (const Cell g : goals)
    if (grid.passable(g)) distinct.push_back(g);
  std::sort(distinct.begin(), distinct.end());
  distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
  const std::size_t needed = least_table_bytes(grid, kind, distinct.size());
  if (needed <= available) return;
  constexpr double kGiB = 1024.0 * 1024.0 * 1024.0;
  std::ostringstream text;
  text << std::fixed << std::setprecision(1) << goals.size() << " robots with "
       << distinct.size() << " distinct goals on a " << grid.width() << "x" << grid.height()
       << " map need at least " << static_cast<double>(needed) / kGiB
       << " GiB of distance tables before the first tick (one table of "
       << least_table_bytes(grid, kind, 1) / sizeof(std::uint16_t)
       << " states per goal), more than the " << static_cast<double>(available) / kGiB
       << " GiB of memory here; use fewer robots or a smaller map";
  throw std::invalid_argument(text.str());
}

}  // namespace fleet::planner
