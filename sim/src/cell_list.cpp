// Reads Robot Runners agent and task files (see cell_list.hpp and tasks.hpp).
#include "cell_list.hpp"

#include <fleet/planner/input_error.hpp>
#include <fleet/planner/input_file.hpp>

#include <charconv>
#include <sstream>
#include <string>

namespace fleet::sim {
namespace detail {
namespace {

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r'))
    text.remove_suffix(1);
  return text;
}

std::int64_t parse_count(std::string_view text, const std::string& file, int line,
                         std::string_view what) {
  std::int64_t value = -1;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size() || value < 0)
    throw InputError(
        file, line,
        "expected the number of " + std::string(what) + "s, found '" + std::string(text) + "'");
  if (value > kMaxTaskFileTasks)
    throw InputError(file, line,
                     std::to_string(value) + " " + std::string(what) + "s exceed the limit of " +
                         std::to_string(kMaxTaskFileTasks));
  return value;
}

Cell parse_cell(std::string_view text, const planner::Grid& grid, const std::string& file, int line,
                std::string_view what) {
  text = trim(text);
  std::int64_t value = -1;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || ptr != text.data() + text.size())
    throw InputError(file, line,
                     std::string(what) + " cell must be an integer index " + "y*width+x, found '" +
                         std::string(text) + "'");
  if (value < 0 || value >= grid.size())
    throw InputError(file, line,
                     std::string(what) + " cell " + std::to_string(value) + " is off the " +
                         std::to_string(grid.width()) + "x" + std::to_string(grid.height()) +
                         " map");
  const auto c = static_cast<Cell>(value);
  if (!grid.passable(c))
    throw InputError(file, line,
                     std::string(what) + " cell " + std::to_string(value) + " (" +
                         std::to_string(grid.x(c)) + "," + std::to_string(grid.y(c)) +
                         ") is an obstacle");
  return c;
}

}  // namespace

TaskList read_cell_list(const std::filesystem::path& path, const planner::Grid& grid,
                        std::string_view what, bool one_per_line) {
  const std::string file = path.string();
  std::istringstream in(read_input_file(path, what));

  TaskList list;
  list.offsets.push_back(0);
  std::int64_t count = -1;
  std::string raw;
  int line = 0;
  while (std::getline(in, raw)) {
    ++line;
    const std::string_view text = trim(raw);
    if (text.empty() || text.front() == '#') continue;
    if (count < 0) {
      count = parse_count(text, file, line, what);
      list.lines.reserve(static_cast<std::size_t>(count));
      list.errands.reserve(static_cast<std::size_t>(count));
      list.offsets.reserve(static_cast<std::size_t>(count) + 1);
      continue;
    }
    if (static_cast<std::int64_t>(list.size()) == count)
      throw InputError(file, line,
                       "more " + std::string(what) + " lines than the count " +
                           std::to_string(count) + " on the first line");
    std::size_t begin = 0;
    while (true) {
      const std::size_t comma = text.find(',', begin);
      if (one_per_line && comma != std::string_view::npos)
        throw InputError(file, line, "expected one cell per " + std::string(what) + " line");
      list.errands.push_back(parse_cell(text.substr(begin, comma - begin), grid, file, line, what));
      if (comma == std::string_view::npos) break;
      begin = comma + 1;
    }
    if (list.errands.size() > static_cast<std::size_t>(4 * kMaxTaskFileTasks))
      throw InputError(file, line,
                       "more than " + std::to_string(4 * kMaxTaskFileTasks) + " cells in all");
    list.offsets.push_back(static_cast<std::int32_t>(list.errands.size()));
    list.lines.push_back(line);
  }
  if (count < 0) throw InputError(file, line, "empty " + std::string(what) + " file");
  if (static_cast<std::int64_t>(list.size()) < count)
    throw InputError(file, line,
                     "the first line says " + std::to_string(count) + " " + std::string(what) +
                         "s but the file lists " + std::to_string(list.size()));
  return list;
}

}  // namespace detail

TaskList read_task_file(const std::filesystem::path& path, const planner::Grid& grid) {
  return detail::read_cell_list(path, grid, "task", false);
}

}  // namespace fleet::sim
