#include <fleet/planner/graph_view.hpp>
#include <fleet/planner/input_error.hpp>
#include <fleet/planner/printable.hpp>
#include <fleet/planner/input_file.hpp>
#include <fleet/planner/instance.hpp>

#include <algorithm>
#include <charconv>
#include <sstream>
#include <stdexcept>
#include <unordered_map>

namespace fleet::planner {

Instance::Instance(std::shared_ptr<const Grid> grid_in, MotionKind kind,
                   std::vector<State> starts_in, std::vector<Cell> goals_in,
                   std::shared_ptr<const DistanceTable> distances_in)
    : grid(std::move(grid_in)),
      motion(*grid, kind),
      starts(std::move(starts_in)),
      goals(std::move(goals_in)),
      distances(std::move(distances_in)) {
  if (starts.size() != goals.size())
    throw std::invalid_argument("instance has " + std::to_string(starts.size()) + " starts but " +
                                std::to_string(goals.size()) + " goals");
  if (!distances) {
    distances = std::make_shared<DistanceTable>(*grid, kind);
  } else if (&distances->motion().grid() != grid.get() || distances->motion().kind() != kind) {
    throw std::invalid_argument("distance table was made for another grid or motion model");
  }
}

namespace {
std::string at(const Grid& grid, Cell c) {
  return "(" + std::to_string(grid.x(c)) + "," + std::to_string(grid.y(c)) + ")";
}
}  // namespace

std::vector<InstanceProblem> check_instance(const Instance& instance, bool one_shot) {
  return check_instance(instance, one_shot, connected_components(instance.map()));
}

std::vector<InstanceProblem> check_instance(const Instance& instance, bool one_shot,
                                            const Components& components) {
  std::vector<InstanceProblem> problems;
  const Grid& grid = instance.map();
  std::unordered_map<Cell, RobotId> start_owner;
  std::unordered_map<Cell, RobotId> goal_owner;
  for (RobotId r = 0; r < static_cast<RobotId>(instance.size()); ++r) {
    const State s = instance.starts[r];
    const Cell goal = instance.goals[r];
    if (!instance.motion.valid(s)) {
      problems.push_back({r, "start is off the map"});
      continue;
    }
    const Cell start = instance.motion.cell(s);
    if (!grid.passable(start)) problems.push_back({r, "start " + at(grid, start) + " is an obstacle"});
    if (!grid.valid(goal)) {
      problems.push_back({r, "goal is off the map"});
      continue;
    }
    if (!grid.passable(goal)) problems.push_back({r, "goal " + at(grid, goal) + " is an obstacle"});
    if (auto [it, fresh] = start_owner.emplace(start, r); !fresh)
      problems.push_back({r, "start " + at(grid, start) + " is also robot " +
                                 std::to_string(it->second) + "'s start"});
    if (one_shot) {
      if (auto [it, fresh] = goal_owner.emplace(goal, r); !fresh)
        problems.push_back({r, "goal " + at(grid, goal) + " is also robot " +
                                   std::to_string(it->second) + "'s goal"});
    }
    if (grid.passable(start) && grid.passable(goal) &&
        components.of_free_cell[grid.free_index(start)] !=
            components.of_free_cell[grid.free_index(goal)])
      problems.push_back({r, "goal " + at(grid, goal) + " is unreachable from start " +
                                 at(grid, start)});
  }
  return problems;
}

namespace {

std::vector<std::string> split_tabs(const std::string& line) {
  std::vector<std::string> fields;
  std::string field;
  std::istringstream in(line);
  while (std::getline(in, field, '\t')) fields.push_back(field);
  return fields;
}

int parse_int(const std::string& text, const std::string& what, const std::string& source,
              int line) {
  int value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size())
    throw InputError(source, line, what + " must be an integer, found '" + printable(text) + "'");
  return value;
}

}  // namespace

Instance load_scen(const std::filesystem::path& path, std::shared_ptr<const Grid> grid,
                   int agents, MotionKind kind) {
  const std::string source = path.string();
  if (agents <= 0) throw InputError(source, 0, "the number of agents must be positive");
  std::istringstream in(read_input_file(path, "scenario"));
  std::vector<State> starts;
  std::vector<Cell> goals;
  std::vector<int> row_line;
  const Motion motion(*grid, kind);
  std::string line;
  int line_no = 0;
  while (static_cast<int>(starts.size()) < agents && std::getline(in, line)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    if (line_no == 1 && line.rfind("version", 0) == 0) {
      if (line != "version 1" && line != "version 1.0")
        throw InputError(source, line_no,
                         "unsupported scenario version '" +
                             printable(line.substr(std::min<std::size_t>(8, line.size()))) +
                             "' (this reader knows 'version 1')");
      continue;
    }
    const auto fields = split_tabs(line);
    if (fields.size() != 9)
      throw InputError(source, line_no, "expected 9 tab-separated fields (bucket map width "
                                        "height start_x start_y goal_x goal_y optimal), found " +
                                            std::to_string(fields.size()));
    const int w = parse_int(fields[2], "map width", source, line_no);
    const int h = parse_int(fields[3], "map height", source, line_no);
    if (w != grid->width() || h != grid->height())
      throw InputError(source, line_no, "row is for a " + std::to_string(w) + "x" +
                                            std::to_string(h) + " map, the map is " +
                                            std::to_string(grid->width()) + "x" +
                                            std::to_string(grid->height()));
    const int coords[4] = {parse_int(fields[4], "start_x", source, line_no),
                           parse_int(fields[5], "start_y", source, line_no),
                           parse_int(fields[6], "goal_x", source, line_no),
                           parse_int(fields[7], "goal_y", source, line_no)};
    for (int i = 0; i < 4; i += 2) {
      if (!grid->in_bounds(coords[i], coords[i + 1]))
        throw InputError(source, line_no, std::string(i == 0 ? "start" : "goal") + " (" +
                                              std::to_string(coords[i]) + "," +
                                              std::to_string(coords[i + 1]) +
                                              ") is off the map");
    }
    starts.push_back(motion.state(grid->cell(coords[0], coords[1]), 0));
    goals.push_back(grid->cell(coords[2], coords[3]));
    row_line.push_back(line_no);
  }
  if (static_cast<int>(starts.size()) < agents)
    throw InputError(source, 0, "asked for " + std::to_string(agents) + " agents but the file has " +
                                    std::to_string(starts.size()) + " rows");
  Instance instance(std::move(grid), kind, std::move(starts), std::move(goals));
  if (const auto problems = check_instance(instance); !problems.empty()) {
    const auto& first = problems.front();
    throw InputError(source, row_line[first.robot],
                     "agent " + std::to_string(first.robot) + ": " + first.message);
  }
  return instance;
}

}  // namespace fleet::planner
