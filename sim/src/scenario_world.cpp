// The world sections of a fleetsim YAML scenario: the floor (`map` or `layout`), the fleet
// (`robots` or `starts`) and the tasks (`one-shot`, `errands`, `file`). Every cell is checked
// against the floor here, so the simulator gets a scenario it can run.
#include "scenario_parts.hpp"
#include "splitmix.hpp"

#include <fleet/planner/graph_view.hpp>
#include <fleet/planner/input_error.hpp>

#include <algorithm>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <utility>

namespace fleet::sim::detail {
namespace {

// Streams of the counter-based generator, so starts and goals never share random numbers.
constexpr std::uint64_t kStartsStream = 1;
constexpr std::uint64_t kGoalsStream = std::uint64_t{1} << 32;  // + component id
constexpr std::int64_t kMaxCoordinate = planner::kMaxGridSide;

std::string at(const planner::Grid& grid, Cell c) {
  return "(" + std::to_string(grid.x(c)) + "," + std::to_string(grid.y(c)) + ")";
}
std::string at(int x, int y) {
  return "(" + std::to_string(x) + "," + std::to_string(y) + ")";
}

struct Point {
  int x = 0;
  int y = 0;
  int heading = 0;
  int line = 0;
};

// `[x, y]`, or `[x, y, heading]` when headings are allowed.
Point read_point(const YamlSource& source, const YAML::Node& node, const std::string& name,
                 int line, bool heading) {
  const std::string shape = heading ? "[x, y] or [x, y, heading]" : "[x, y]";
  if (!node.IsSequence() || node.size() < 2 || node.size() > (heading ? 3U : 2U))
    source.fail(line, "'" + name + "' must be a list " + shape);
  Point p;
  p.line = line;
  p.x =
      static_cast<int>(source.integer(node[0], name + " x", line, -kMaxCoordinate, kMaxCoordinate));
  p.y =
      static_cast<int>(source.integer(node[1], name + " y", line, -kMaxCoordinate, kMaxCoordinate));
  if (node.size() == 3)
    p.heading = static_cast<int>(source.integer(node[2], name + " heading", line, 0, 3));
  return p;
}

// A list of points; each element's own line when it has one.
std::vector<Point> read_points(const YamlSource& source, const YamlField& field, bool heading) {
  source.require_sequence(field.value, field.name, field.line);
  if (field.value.size() == 0) source.fail(field.line, "'" + field.name + "' is empty");
  if (field.value.size() > static_cast<std::size_t>(kMaxLayoutRobots))
    source.fail(field.line, "'" + field.name + "' has more than " +
                                std::to_string(kMaxLayoutRobots) + " entries");
  std::vector<Point> points;
  points.reserve(field.value.size());
  for (std::size_t i = 0; i < field.value.size(); ++i) {
    const YAML::Node item = field.value[i];
    points.push_back(read_point(source, item, field.name + "[" + std::to_string(i) + "]",
                                YamlSource::line_of(item, field.line), heading));
  }
  return points;
}

FleetSpec read_fleet(const WorldInput& in, bool rotation) {
  const YamlSource& source = in.source;
  if (in.fleet == nullptr)
    source.fail(in.root_line,
                "missing 'fleet' (give 'fleet: {robots: N}' or 'fleet: {starts: "
                "[[x, y], ...]}')");
  FleetSpec spec;
  spec.line = in.fleet->line;
  const auto fields = source.fields(in.fleet->value, in.fleet->line, "fleet", {"robots", "starts"});
  const auto* robots = find_field(fields, "robots");
  const auto* starts = find_field(fields, "starts");
  if (robots != nullptr && starts != nullptr)
    source.fail(starts->line, "give either 'fleet.robots' or 'fleet.starts', not both");
  if (robots == nullptr && starts == nullptr)
    source.fail(spec.line, "'fleet' needs 'robots' (a count) or 'starts' (a list of [x, y])");
  if (robots != nullptr) {
    spec.robots = static_cast<int>(source.integer(*robots, 1, kMaxLayoutRobots));
    spec.robots_line = robots->line;
    return spec;
  }
  spec.explicit_starts = true;
  spec.robots_line = starts->line;
  for (const Point& p : read_points(source, *starts, rotation)) {
    spec.x.push_back(p.x);
    spec.y.push_back(p.y);
    spec.heading.push_back(p.heading);
    spec.lines.push_back(p.line);
  }
  spec.robots = static_cast<int>(spec.x.size());
  return spec;
}

LayoutSpec read_layout(const YamlSource& source, const YamlField& field, const FleetSpec& fleet) {
  const auto fields = source.fields(
      field.value, field.line, "layout",
      {"blocks_x", "blocks_y", "block_width", "block_height", "aisle_width", "stations", "homes"});
  LayoutSpec spec;
  auto read = [&](const char* key, int& out, std::int64_t lo, std::int64_t hi) {
    if (const auto* f = find_field(fields, key)) out = static_cast<int>(source.integer(*f, lo, hi));
  };
  read("blocks_x", spec.blocks_x, 1, kMaxLayoutBlocks);
  read("blocks_y", spec.blocks_y, 1, kMaxLayoutBlocks);
  read("block_width", spec.block_width, 1, kMaxLayoutBlockSide);
  read("block_height", spec.block_height, 1, kMaxLayoutBlockSide);
  read("aisle_width", spec.aisle_width, 1, kMaxLayoutAisle);
  read("stations", spec.stations, 1, 2 * std::int64_t{planner::kMaxGridSide});
  read("homes", spec.homes, 0, kMaxLayoutRobots);
  if (const auto* f = find_field(fields, "homes");
      f != nullptr && spec.homes > 0 && spec.homes < fleet.robots)
    source.fail(f->line, "'layout.homes' (" + std::to_string(spec.homes) + ") is fewer than the " +
                             std::to_string(fleet.robots) + " robots");
  return spec;
}

Warehouse read_floor(const WorldInput& in, const FleetSpec& fleet) {
  const YamlSource& source = in.source;
  if (in.map != nullptr && in.layout != nullptr)
    source.fail(in.layout->line, "give either 'map' or 'layout', not both");
  if (in.map == nullptr && in.layout == nullptr)
    source.fail(in.root_line, "missing the floor: give 'map: file.map' or 'layout: {...}'");
  if (in.map != nullptr) {
    const std::filesystem::path path = in.dir / source.text(*in.map);
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec))
      source.fail(in.map->line, "cannot open map file '" + path.string() + "'");
    return load_warehouse_map(path);  // map errors name the map file and line
  }
  const LayoutSpec spec = read_layout(source, *in.layout, fleet);
  try {
    return generate_layout(spec, fleet.robots);
  } catch (const std::invalid_argument& e) {
    source.fail(in.layout->line, e.what());
  }
}

// Free cells grouped by connected component.
class ComponentCells {
public:
  ComponentCells(const planner::Grid& grid, const planner::Components& components)
      : grid_(grid), components_(components), groups_(static_cast<std::size_t>(components.count)) {
    for (Cell c : grid.free_cells()) groups_[component(c)].push_back(c);
  }
  [[nodiscard]] std::size_t component(Cell c) const {
    return static_cast<std::size_t>(components_.of_free_cell[grid_.free_index(c)]);
  }
  /// The largest component (the first of equals).
  [[nodiscard]] std::size_t largest() const {
    std::size_t best = 0;
    for (std::size_t i = 1; i < groups_.size(); ++i)
      if (groups_[i].size() > groups_[best].size()) best = i;
    return best;
  }
  /// The component's cells in a random order fixed by (seed, stream).
  [[nodiscard]] std::vector<Cell> shuffled(std::size_t comp, std::uint64_t seed,
                                           std::uint64_t stream) const {
    std::vector<Cell> cells = groups_[comp];
    shuffle(cells, seed, stream);
    return cells;
  }

private:
  const planner::Grid& grid_;
  const planner::Components& components_;
  std::vector<std::vector<Cell>> groups_;
};

std::vector<Cell> place_fleet(const WorldInput& in, const FleetSpec& fleet, const Warehouse& w,
                              const ComponentCells& cells) {
  const YamlSource& source = in.source;
  const planner::Grid& grid = *w.grid;
  std::vector<Cell> starts;
  starts.reserve(static_cast<std::size_t>(fleet.robots));
  if (fleet.explicit_starts) {
    std::unordered_map<Cell, int> owner;
    for (int r = 0; r < fleet.robots; ++r) {
      const int x = fleet.x[r];
      const int y = fleet.y[r];
      const std::string robot = "robot " + std::to_string(r) + ": start " + at(x, y);
      if (!grid.in_bounds(x, y))
        source.fail(fleet.lines[r], robot + " is off the " + std::to_string(grid.width()) + "x" +
                                        std::to_string(grid.height()) + " map");
      const Cell c = grid.cell(x, y);
      if (!grid.passable(c)) source.fail(fleet.lines[r], robot + " is an obstacle");
      if (const auto [it, fresh] = owner.emplace(c, r); !fresh)
        source.fail(fleet.lines[r],
                    robot + " is also robot " + std::to_string(it->second) + "'s start");
      starts.push_back(c);
    }
  } else if (in.layout != nullptr) {
    starts.assign(w.homes.begin(), w.homes.begin() + fleet.robots);
  } else {
    const std::size_t comp = cells.largest();
    const std::vector<Cell> pool = cells.shuffled(comp, in.seed, kStartsStream);
    if (pool.size() < static_cast<std::size_t>(fleet.robots))
      source.fail(fleet.robots_line, std::to_string(fleet.robots) + " robots do not fit on the " +
                                         std::to_string(pool.size()) +
                                         " free cells of the map's largest connected area");
    starts.assign(pool.begin(), pool.begin() + fleet.robots);
  }
  return starts;
}

int start_line(const FleetSpec& fleet, int robot) {
  return fleet.explicit_starts ? fleet.lines[robot] : fleet.robots_line;
}

std::shared_ptr<const TaskSource> one_shot(const WorldInput& in, const YamlField* goals_field,
                                           int tasks_line, std::uint64_t seed,
                                           const FleetSpec& fleet, const planner::Grid& grid,
                                           const std::vector<Cell>& starts,
                                           const ComponentCells& cells) {
  const YamlSource& source = in.source;
  std::vector<Cell> goals;
  goals.reserve(starts.size());
  if (goals_field == nullptr) {
    // Each component's cells, shuffled once, are dealt out in order: distinct, reachable goals.
    std::unordered_map<std::size_t, std::pair<std::vector<Cell>, std::size_t>> pools;
    for (std::size_t r = 0; r < starts.size(); ++r) {
      const std::size_t comp = cells.component(starts[r]);
      auto [it, fresh] = pools.try_emplace(comp);
      if (fresh) it->second.first = cells.shuffled(comp, seed, kGoalsStream + comp);
      const std::vector<Cell>& pool = it->second.first;
      std::size_t& next = it->second.second;
      if (next == pool.size())
        source.fail(tasks_line, "robot " + std::to_string(r) +
                                    ": no free cell left for a "
                                    "distinct goal in its connected area");
      goals.push_back(pool[next++]);
    }
    return one_shot_tasks(std::move(goals));
  }
  const std::vector<Point> points = read_points(source, *goals_field, false);
  if (points.size() != starts.size())
    source.fail(goals_field->line, std::to_string(points.size()) + " goals for " +
                                       std::to_string(starts.size()) + " robots");
  std::unordered_map<Cell, std::size_t> owner;
  for (std::size_t r = 0; r < points.size(); ++r) {
    const Point& p = points[r];
    const std::string robot = "robot " + std::to_string(r) + ": goal " + at(p.x, p.y);
    if (!grid.in_bounds(p.x, p.y))
      source.fail(p.line, robot + " is off the " + std::to_string(grid.width()) + "x" +
                              std::to_string(grid.height()) + " map");
    const Cell c = grid.cell(p.x, p.y);
    if (!grid.passable(c)) source.fail(p.line, robot + " is an obstacle");
    if (const auto [it, fresh] = owner.emplace(c, r); !fresh)
      source.fail(p.line, robot + " is also robot " + std::to_string(it->second) + "'s goal");
    if (cells.component(c) != cells.component(starts[r]))
      source.fail(p.line, robot + " cannot be reached from its start " + at(grid, starts[r]) +
                              " (line " + std::to_string(start_line(fleet, static_cast<int>(r))) +
                              ")");
    goals.push_back(c);
  }
  return one_shot_tasks(std::move(goals));
}

std::vector<Cell> in_component(const std::vector<Cell>& places, const ComponentCells& cells,
                               std::size_t comp) {
  std::vector<Cell> out;
  for (Cell c : places)
    if (cells.component(c) == comp) out.push_back(c);
  return out;
}

void read_tasks(const WorldInput& in, const FleetSpec& fleet, Scenario& scenario,
                const std::vector<Cell>& starts, const ComponentCells& cells) {
  const YamlSource& source = in.source;
  const planner::Grid& grid = *scenario.warehouse.grid;
  std::string mode = "errands";
  std::uint64_t seed = in.seed;
  int tasks_line = in.root_line;
  const YamlField* goals = nullptr;
  const YamlField* file = nullptr;
  const YamlField* mode_field = nullptr;
  const YamlField* seed_field = nullptr;
  std::vector<YamlField> fields;
  if (in.tasks != nullptr) {
    tasks_line = in.tasks->line;
    fields = source.fields(in.tasks->value, tasks_line, "tasks", {"mode", "goals", "file", "seed"});
    mode_field = find_field(fields, "mode");
    goals = find_field(fields, "goals");
    file = find_field(fields, "file");
    seed_field = find_field(fields, "seed");
    if (mode_field != nullptr) mode = source.text(*mode_field);
    if (seed_field != nullptr)
      seed = source.unsigned_integer(seed_field->value, seed_field->name, seed_field->line);
  }
  if (mode != "one-shot" && mode != "errands" && mode != "file")
    source.fail(mode_field->line,
                "unknown task mode '" + mode + "' (valid: one-shot, errands, file)");
  if (goals != nullptr && mode != "one-shot")
    source.fail(goals->line, "'tasks.goals' is only valid with 'mode: one-shot'");
  if (file != nullptr && mode != "file")
    source.fail(file->line, "'tasks.file' is only valid with 'mode: file'");
  if (seed_field != nullptr && (mode == "file" || goals != nullptr))
    source.fail(seed_field->line, "'tasks.seed' is only used for random goals or errands");

  if (mode == "one-shot") {
    scenario.tasks = one_shot(in, goals, tasks_line, seed, fleet, grid, starts, cells);
    return;
  }
  // Lifelong: any robot may be sent to any task cell, so all must share one connected area.
  const std::size_t comp = cells.component(starts.front());
  for (std::size_t r = 1; r < starts.size(); ++r) {
    if (cells.component(starts[r]) != comp)
      source.fail(start_line(fleet, static_cast<int>(r)),
                  "robot " + std::to_string(r) + "'s start " + at(grid, starts[r]) +
                      " is not connected to robot 0's start " + at(grid, starts.front()) +
                      "; lifelong tasks need every robot in one connected area");
  }
  if (mode == "errands") {
    Warehouse places{scenario.warehouse.grid,
                     in_component(scenario.warehouse.shelves, cells, comp),
                     in_component(scenario.warehouse.stations, cells, comp),
                     {},
                     {}};
    // A plain map marks no shelves or stations: any reachable free cell serves.
    const std::vector<Cell> anywhere = in_component(
        std::vector<Cell>(grid.free_cells().begin(), grid.free_cells().end()), cells, comp);
    if (places.shelves.empty()) places.shelves = anywhere;
    if (places.stations.empty()) places.stations = anywhere;
    scenario.tasks = random_errands(places, seed);
    return;
  }
  if (file == nullptr) source.fail(tasks_line, "'mode: file' needs 'file: path/to/tasks'");
  const std::filesystem::path path = in.dir / source.text(*file);
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec))
    source.fail(file->line, "cannot open task file '" + path.string() + "'");
  const TaskList list = read_task_file(path, grid);
  if (list.size() == 0) throw InputError(path.string(), 0, "the task file lists no tasks");
  for (std::size_t t = 0; t < list.size(); ++t) {
    for (auto i = list.offsets[t]; i < list.offsets[t + 1]; ++i) {
      if (cells.component(list.errands[i]) != comp)
        throw InputError(path.string(), list.lines[t],
                         "task cell " + at(grid, list.errands[i]) +
                             " cannot be reached from the robots' starts");
    }
  }
  scenario.tasks = round_robin_tasks(list.padded(), list.max_errands(), fleet.robots);
}

}  // namespace

void read_world(const WorldInput& in, Scenario& scenario) {
  const FleetSpec fleet = read_fleet(in, scenario.motion == planner::MotionKind::Rotation);
  scenario.warehouse = read_floor(in, fleet);
  const planner::Grid& grid = *scenario.warehouse.grid;
  const planner::Components components = planner::connected_components(grid);
  ComponentCells cells(grid, components);
  const std::vector<Cell> starts = place_fleet(in, fleet, scenario.warehouse, cells);
  const planner::Motion motion(grid, scenario.motion);
  scenario.starts.clear();
  for (std::size_t r = 0; r < starts.size(); ++r)
    scenario.starts.push_back(
        motion.state(starts[r], fleet.explicit_starts ? fleet.heading[r] : 0));
  read_tasks(in, fleet, scenario, starts, cells);
}

}  // namespace fleet::sim::detail
