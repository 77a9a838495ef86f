// Reads League of Robot Runners problems (2023 and 2024 JSON) into lifelong scenarios: the
// map, the agents' start cells (all facing east) and the tasks handed out round-robin.
#include "cell_list.hpp"
#include "splitmix.hpp"

#include <fleet/planner/graph_view.hpp>
#include <fleet/planner/input_error.hpp>
#include <fleet/planner/printable.hpp>
#include <fleet/planner/input_file.hpp>
#include <fleet/planner/number_text.hpp>
#include <fleet/sim/scenario.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <vector>

namespace fleet::sim {
namespace {

constexpr int kLorrSteps = 5000;  // the 2023 competition's step budget for the large maps

// A JSON document kept with its text, so errors can point at the line of a key.
class JsonFile {
public:
  explicit JsonFile(const std::filesystem::path& path) : path_(path), file_(path.string()) {
    text_ = read_input_file(path, "problem");
    // One set of keys per open object: a key given twice is an error, not a silent override.
    std::vector<std::vector<std::string>> open_objects;
    const auto check_keys = [&](int, nlohmann::json::parse_event_t event, nlohmann::json& parsed) {
      using Event = nlohmann::json::parse_event_t;
      if (event == Event::object_start) open_objects.emplace_back();
      if (event == Event::object_end && !open_objects.empty()) open_objects.pop_back();
      if (event == Event::key && !open_objects.empty()) {
        const std::string key = parsed.get<std::string>();
        auto& seen = open_objects.back();
        if (std::find(seen.begin(), seen.end(), key) != seen.end())
          throw InputError(file_, key_line(key, 2), "key '" + printable(key) + "' appears twice");
        seen.push_back(key);
      }
      return true;
    };
    try {
      doc_ = nlohmann::json::parse(text_, check_keys);
    } catch (const nlohmann::json::parse_error& e) {
      throw InputError(file_, line_at(e.byte), std::string("JSON syntax error: ") + e.what());
    } catch (const nlohmann::json::exception& e) {
      // A number too large for any type: the library names the number, not where it is.
      const std::string what = e.what();
      const auto open = what.find('\'');
      const auto close = open == std::string::npos ? open : what.find('\'', open + 1);
      const std::string number =
          close == std::string::npos ? std::string() : what.substr(open + 1, close - open - 1);
      const auto at = number.empty() ? std::string::npos : text_.find(number);
      throw InputError(file_, at == std::string::npos ? 0 : line_at(at),
                       "JSON number out of range" +
                           (number.empty() ? std::string() : ": " + printable(number)));
    }
    if (!doc_.is_object())
      throw InputError(file_, 1,
                       "expected a JSON object with mapFile, agentFile, teamSize, "
                       "taskFile");
  }

  [[nodiscard]] const std::string& file() const { return file_; }
  [[nodiscard]] const nlohmann::json& doc() const { return doc_; }

  /// The line of the `nth` `"key":` in the text (1: the first), or 0.
  [[nodiscard]] int key_line(const std::string& key, int nth = 1) const {
    const std::string quoted = "\"" + key + "\"";
    for (std::size_t pos = text_.find(quoted); pos != std::string::npos;
         pos = text_.find(quoted, pos + 1)) {
      std::size_t after = pos + quoted.size();
      while (after < text_.size() && std::isspace(static_cast<unsigned char>(text_[after])))
        ++after;
      if (after < text_.size() && text_[after] == ':' && --nth == 0) return line_at(pos + 1);
    }
    return 0;
  }

  [[noreturn]] void fail(const std::string& key, const std::string& message) const {
    throw InputError(file_, key_line(key), message);
  }

  [[nodiscard]] std::string path_field(const std::string& key) const {
    const auto it = doc_.find(key);
    if (it == doc_.end()) throw InputError(file_, 0, "missing '" + key + "'");
    if (!it->is_string() || it->get<std::string>().empty())
      fail(key, "'" + key + "' must be a file path (a non-empty string)");
    return it->get<std::string>();
  }

  /// A file named by `key`, relative to the JSON's folder; it must exist.
  [[nodiscard]] std::filesystem::path existing_file(const std::string& key,
                                                    const std::string& what) const {
    const std::filesystem::path resolved = path_.parent_path() / path_field(key);
    std::error_code ec;
    if (!std::filesystem::is_regular_file(resolved, ec))
      fail(key, "cannot open " + what + " file '" + resolved.string() + "'");
    return resolved;
  }

private:
  // 1-based line of the character at 1-based position `byte`.
  [[nodiscard]] int line_at(std::size_t byte) const {
    const std::size_t end = std::min(byte > 0 ? byte - 1 : 0, text_.size());
    return 1 + static_cast<int>(std::count(text_.begin(),
                                           text_.begin() + static_cast<std::ptrdiff_t>(end), '\n'));
  }

  std::filesystem::path path_;
  std::string file_;
  std::string text_;
  nlohmann::json doc_;
};

int team_size(const JsonFile& json) {
  const auto it = json.doc().find("teamSize");
  if (it == json.doc().end()) throw InputError(json.file(), 0, "missing 'teamSize'");
  const auto team = it->is_number() ? parse_integer(it->dump(), 1, kMaxLayoutRobots) : std::nullopt;
  if (!team)
    json.fail("teamSize", "'teamSize' must be " + describe_integer_range(1, kMaxLayoutRobots) +
                              ", found " + printable(it->dump()));
  return static_cast<int>(*team);
}

// Optional keys: only round-robin assignment exists here; numTasksReveal (1 in 2023, 1.5 in
// 2024) is checked but not used, since the simulator reveals one errand at a time.
void check_options(const JsonFile& json) {
  const auto& doc = json.doc();
  if (const auto it = doc.find("taskAssignmentStrategy"); it != doc.end()) {
    if (!it->is_string() || it->get<std::string>() != "roundrobin")
      json.fail("taskAssignmentStrategy",
                "taskAssignmentStrategy " + printable(it->dump()) + " is not supported (only \"roundrobin\")");
  }
  if (const auto it = doc.find("numTasksReveal"); it != doc.end()) {
    constexpr double kMostRevealed = 1e6;
    if (!it->is_number() || !parse_number(it->dump(), 0.0, kMostRevealed))
      json.fail("numTasksReveal", "'numTasksReveal' must be " +
                                      describe_number_range(0.0, kMostRevealed) + ", found " +
                                      printable(it->dump()));
  }
}

// "version": "2024 LoRR" marks the 2024 competition's problems (2023's have no version).
int problem_year(const JsonFile& json) {
  const auto it = json.doc().find("version");
  if (it == json.doc().end()) return 2023;
  if (!it->is_string())
    json.fail("version", "'version' must be a string such as \"2024 LoRR\", found " + printable(it->dump()));
  return it->get<std::string>().find("2024") != std::string::npos ? 2024 : 2023;
}

std::string at(const planner::Grid& grid, Cell c) {
  return "(" + std::to_string(grid.x(c)) + "," + std::to_string(grid.y(c)) + ")";
}

// Starts for robots beyond the agent file: free cells of the agents' connected area that no
// listed agent uses, ordered by a seeded hash of the cell (so the choice depends only on the
// map, the agent file and the seed), the first `count` of them.
std::vector<Cell> extra_starts(const planner::Grid& grid, const planner::Components& components,
                               int area, const std::unordered_map<Cell, int>& taken, int count,
                               std::uint64_t seed) {
  std::vector<std::pair<std::uint64_t, Cell>> keyed;
  for (Cell c : grid.free_cells()) {
    if (components.of_free_cell[grid.free_index(c)] != area || taken.contains(c)) continue;
    keyed.emplace_back(detail::hash3(seed, 0x5354415254ULL /* "START" */, static_cast<std::uint64_t>(c)), c);
  }
  if (static_cast<int>(keyed.size()) < count)
    throw std::invalid_argument("asked for " + std::to_string(count) +
                                " robots beyond the agent file but only " +
                                std::to_string(keyed.size()) + " free cells are left");
  std::partial_sort(keyed.begin(), keyed.begin() + count, keyed.end());
  std::vector<Cell> out;
  out.reserve(static_cast<std::size_t>(count));
  for (int i = 0; i < count; ++i) out.push_back(keyed[static_cast<std::size_t>(i)].second);
  return out;
}

}  // namespace

Scenario load_lorr_problem(const std::filesystem::path& path, const LorrFleet& fleet) {
  const JsonFile json(path);
  check_options(json);
  const int team = team_size(json);
  if (fleet.agents && *fleet.agents < 1)
    throw std::invalid_argument("agents must be at least 1, found " + std::to_string(*fleet.agents));
  if (fleet.agents && *fleet.agents > kMaxLayoutRobots)
    throw std::invalid_argument("agents must be at most " + std::to_string(kMaxLayoutRobots) +
                                ", found " + std::to_string(*fleet.agents));
  const int robots = fleet.agents.value_or(team);
  const auto map_path = json.existing_file("mapFile", "map");
  const auto agent_path = json.existing_file("agentFile", "agent");
  const auto task_path = json.existing_file("taskFile", "task");

  Scenario scenario;
  scenario.name = path.stem().string();
  scenario.source = path;
  scenario.motion = planner::MotionKind::Rotation;
  scenario.steps = kLorrSteps;
  scenario.lorr_year = problem_year(json);
  scenario.warehouse = load_warehouse_map(map_path);
  const planner::Grid& grid = *scenario.warehouse.grid;

  const TaskList agents = detail::read_cell_list(agent_path, grid, "agent", true);
  if (agents.size() < static_cast<std::size_t>(team))
    json.fail("teamSize", "teamSize " + std::to_string(team) + " but the agent file '" +
                              agent_path.string() + "' lists " + std::to_string(agents.size()) +
                              " agents");
  // Robots read from the agent file: the whole team, or more when asked for a bigger fleet.
  const int listed = std::max(team, std::min(robots, static_cast<int>(agents.size())));
  const std::string agent_file = agent_path.string();
  std::unordered_map<Cell, int> owner;
  for (int r = 0; r < listed; ++r) {
    const Cell c = agents.errands[static_cast<std::size_t>(r)];
    if (const auto [it, fresh] = owner.emplace(c, r); !fresh)
      throw InputError(agent_file, agents.lines[r],
                       "agent " + std::to_string(r) + " starts on " + at(grid, c) + ", as agent " +
                           std::to_string(it->second) + " does");
  }

  const TaskList tasks = read_task_file(task_path, grid);
  if (tasks.size() == 0) throw InputError(task_path.string(), 0, "the task file lists no tasks");

  // Round-robin may send any robot to any task cell: all must lie in one connected area.
  const planner::Components components = planner::connected_components(grid);
  auto component = [&](Cell c) { return components.of_free_cell[grid.free_index(c)]; };
  const int home = component(agents.errands.front());
  for (int r = 1; r < listed; ++r) {
    if (component(agents.errands[r]) != home)
      throw InputError(agent_file, agents.lines[r],
                       "agent " + std::to_string(r) + "'s start " + at(grid, agents.errands[r]) +
                           " is not connected to agent 0's start");
  }
  for (std::size_t t = 0; t < tasks.size(); ++t) {
    for (auto i = tasks.offsets[t]; i < tasks.offsets[t + 1]; ++i) {
      if (component(tasks.errands[i]) != home)
        throw InputError(task_path.string(), tasks.lines[t],
                         "task cell " + at(grid, tasks.errands[i]) +
                             " cannot be reached from the agents' starts");
    }
  }

  std::vector<Cell> starts(agents.errands.begin(), agents.errands.begin() + std::min(robots, listed));
  if (robots > listed) {
    const std::vector<Cell> extra =
        extra_starts(grid, components, home, owner, robots - listed, fleet.seed);
    starts.insert(starts.end(), extra.begin(), extra.end());
  }
  const planner::Motion motion(grid, scenario.motion);
  for (const Cell c : starts) {
    scenario.starts.push_back(motion.state(c, 0));  // every robot starts facing east
    scenario.warehouse.homes.push_back(c);
  }
  scenario.tasks = round_robin_tasks(tasks.padded(), tasks.max_errands(), std::max(team, robots));
  return scenario;
}

}  // namespace fleet::sim
