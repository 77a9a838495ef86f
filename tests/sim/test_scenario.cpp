// fleetsim YAML scenarios: every shipped scenario loads; each kind of bad input raises an
// InputError naming the right file and line.
#include "world_test_files.hpp"

#include <fleet/planner/graph_view.hpp>
#include <fleet/sim/scenario.hpp>

#include "../test_paths.hpp"

#include <catch2/catch.hpp>

#include <set>
#include <string>

using fleet::planner::kNoCell;
using fleet::sim::Cell;
using fleet::sim::load_scenario;
using fleet::sim::Scenario;
using fleet::test::require_input_error;
using fleet::test::ScratchDir;

namespace {

// 6x4: x = 4 is a wall, so column x = 5 is cut off; (1,1) is an obstacle. The left area has
// 15 free cells.
constexpr const char* kTinyMap =
    "type octile\nheight 4\nwidth 6\nmap\n"
    "....@.\n"
    ".@..@.\n"
    "....@.\n"
    "....@.\n";

struct Files {
  ScratchDir dir;
  Files() { dir.write("tiny.map", kTinyMap); }
  std::filesystem::path yaml(const std::string& text) const { return dir.write("s.yaml", text); }
};

// Loading `text` must fail at `line` of the YAML with `fragment` in the message.
void expect_error(const std::string& text, int line, const std::string& fragment) {
  const Files files;
  const auto path = files.yaml(text);
  require_input_error([&] { (void)load_scenario(path); }, path, line, fragment);
}

std::vector<Cell> start_cells(const Scenario& s) {
  const fleet::planner::Motion motion(*s.warehouse.grid, s.motion);
  std::vector<Cell> cells;
  for (auto st : s.starts) cells.push_back(motion.cell(st));
  return cells;
}

void check_runnable(const Scenario& s) {
  const auto& grid = *s.warehouse.grid;
  REQUIRE(s.tasks != nullptr);
  REQUIRE(!s.starts.empty());
  const auto cells = start_cells(s);
  CHECK(std::set<Cell>(cells.begin(), cells.end()).size() == cells.size());
  const auto components = fleet::planner::connected_components(grid);
  for (std::size_t r = 0; r < cells.size(); ++r) {
    REQUIRE(grid.passable(cells[r]));
    for (int j = 0; j < 4; ++j) {
      const Cell g = s.tasks->goal(static_cast<int>(r), j);
      if (g == kNoCell) break;
      REQUIRE(grid.passable(g));
      CHECK(components.of_free_cell[grid.free_index(g)] ==
            components.of_free_cell[grid.free_index(cells[r])]);
    }
  }
}

}  // namespace

TEST_CASE("every shipped scenario loads", "[scenario]") {
  const auto dir = fleet::test::source_dir() / "scenarios";
  int count = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".yaml") continue;
    INFO(entry.path());
    const Scenario s = load_scenario(entry.path());
    CHECK(s.source == entry.path());
    CHECK(s.name == entry.path().stem().string());
    check_runnable(s);
    ++count;
  }
  CHECK(count >= 4);
}

TEST_CASE("the fulfillment scenarios are generated, dense and lifelong", "[scenario]") {
  struct Expect {
    const char* file;
    int robots;
  };
  for (const auto& e :
       {Expect{"small.yaml", 100}, Expect{"medium.yaml", 1000}, Expect{"large.yaml", 10000}}) {
    INFO(e.file);
    const Scenario s = load_scenario(fleet::test::source_dir() / "scenarios" / e.file);
    CHECK(s.warehouse.map_file.empty());  // no dependency on shared data
    CHECK(static_cast<int>(s.starts.size()) == e.robots);
    CHECK(s.tasks->lifelong());
    CHECK(s.planner.name == "lacam");
    const double density = double(e.robots) / s.warehouse.grid->free_count();
    CHECK(density >= 0.10);
    CHECK(density <= 0.20);
    CHECK(fleet::planner::is_connected(*s.warehouse.grid));
    // Robots start on the layout's homes, in order.
    const auto cells = start_cells(s);
    CHECK(std::equal(cells.begin(), cells.end(), s.warehouse.homes.begin()));
  }
}

TEST_CASE("a full scenario reads every key", "[scenario]") {
  const Files files;
  const auto path = files.yaml(R"(name: full
seed: 7
map: tiny.map
motion: rotation
fleet:
  starts: [[0, 0], [2, 0, 3]]
tasks:
  mode: one-shot
  goals:
    - [3, 3]
    - [0, 3]
planner:
  name: prioritized
  params: {restarts: 5, ratio: 0.5, greedy: true, mode: fast}
  time_limit: 2.5
replan_period: 4
horizon: 8
steps: 300
threads: 2
)");
  const Scenario s = load_scenario(path);
  CHECK(s.name == "full");
  CHECK(s.seed == 7);
  CHECK(s.motion == fleet::planner::MotionKind::Rotation);
  CHECK(s.warehouse.map_file == (files.dir.path() / "tiny.map").string());
  const fleet::planner::Motion motion(*s.warehouse.grid, s.motion);
  REQUIRE(s.starts.size() == 2);
  CHECK(s.starts[0] == motion.state(s.warehouse.grid->cell(0, 0), 0));
  CHECK(s.starts[1] == motion.state(s.warehouse.grid->cell(2, 0), 3));
  CHECK_FALSE(s.tasks->lifelong());
  CHECK(s.tasks->goal(0, 0) == s.warehouse.grid->cell(3, 3));
  CHECK(s.tasks->goal(1, 0) == s.warehouse.grid->cell(0, 3));
  CHECK(s.tasks->goal(0, 1) == kNoCell);
  CHECK(s.planner.name == "prioritized");
  CHECK(s.planner.params.at("restarts") == "5");
  CHECK(s.planner.params.at("ratio") == "0.5");
  CHECK(s.planner.params.at("greedy") == "true");
  CHECK(s.planner.params.at("mode") == "fast");
  CHECK(s.planner.time_limit_s == 2.5);
  CHECK(s.planner.line == 12);
  CHECK(s.replan_period == 4);
  CHECK(s.horizon == 8);
  CHECK(s.steps == 300);
  CHECK(s.threads == 2);
}

TEST_CASE("defaults: errands, lacam, 1000 steps, name from the file", "[scenario]") {
  const Files files;
  const Scenario s =
      load_scenario(files.yaml("layout: {blocks_x: 2, blocks_y: 2}\nfleet: {robots: 5}\n"));
  CHECK(s.name == "s");
  CHECK(s.seed == 1);
  CHECK(s.motion == fleet::planner::MotionKind::FourConnected);
  CHECK(s.tasks->lifelong());
  CHECK(s.planner.name == "lacam");
  CHECK(s.steps == 1000);
  CHECK(s.replan_period == 1);
  CHECK(s.horizon == 0);
  CHECK(s.threads == 0);
  check_runnable(s);
}

TEST_CASE("random starts and goals on a map follow the seed", "[scenario]") {
  const Files files;
  auto load = [&](int seed) {
    return load_scenario(files.yaml("map: tiny.map\nseed: " + std::to_string(seed) +
                                    "\nfleet: {robots: 15}\ntasks: {mode: one-shot}\n"));
  };
  const Scenario a = load(3);
  const Scenario b = load(3);
  const Scenario c = load(4);
  check_runnable(a);
  CHECK(a.starts == b.starts);
  CHECK(a.starts != c.starts);
  std::set<Cell> goals;
  for (int r = 0; r < 15; ++r) {
    CHECK(a.tasks->goal(r, 0) == b.tasks->goal(r, 0));
    goals.insert(a.tasks->goal(r, 0));
    CHECK(a.warehouse.grid->x(a.starts[static_cast<std::size_t>(r)]) < 4);  // largest area only
  }
  CHECK(goals.size() == 15);  // distinct goals
  // The goals are not simply the starts again.
  int same = 0;
  for (int r = 0; r < 15; ++r) same += a.tasks->goal(r, 0) == a.starts[static_cast<std::size_t>(r)];
  CHECK(same < 15);
}

TEST_CASE("errands on a plain map use the reachable free cells", "[scenario]") {
  const Files files;
  const Scenario s = load_scenario(
      files.yaml("map: tiny.map\nfleet: {robots: 4}\ntasks: {mode: errands, seed: 9}\n"));
  check_runnable(s);
  for (int j = 0; j < 100; ++j) CHECK(s.warehouse.grid->x(s.tasks->goal(0, j)) < 4);
}

TEST_CASE("tasks from a file are handed out round-robin", "[scenario]") {
  const Files files;
  // Cells are y * 6 + x on the tiny map: 0 = (0,0), 9 = (3,1), 18 = (0,3).
  files.dir.write("jobs/t.tasks", "# three tasks\n3\n0\n9\n18\n");
  const Scenario s =
      load_scenario(files.yaml("map: tiny.map\nfleet: {starts: [[0, 2], [2, 2]]}\ntasks: {mode: "
                               "file, file: jobs/t.tasks}\n"));
  CHECK(s.tasks->lifelong());
  CHECK(s.tasks->goal(0, 0) == 0);
  CHECK(s.tasks->goal(1, 0) == 9);
  CHECK(s.tasks->goal(0, 1) == 18);  // (1 * 2 + 0) mod 3 = 2
  CHECK(s.tasks->goal(1, 1) == 0);   // (1 * 2 + 1) mod 3 = 0
}

TEST_CASE("scenario file errors: missing, syntax, shape", "[scenario]") {
  const Files files;
  const auto missing = files.dir.path() / "nope.yaml";
  require_input_error([&] { (void)load_scenario(missing); }, missing, 0, "cannot open");
  require_input_error([&] { (void)load_scenario(files.dir.path()); }, files.dir.path(), 0,
                      "not a regular file");
  expect_error("", 0, "empty");
  expect_error("# nothing but a comment\n", 0, "empty");
  expect_error("map: tiny.map\nfleet: [1, 2\n", 3, "YAML syntax error");
  expect_error("map: tiny.map\n  fleet: 3\n", 2, "YAML syntax error");
  expect_error("- 1\n- 2\n", 1, "'scenario' must be a mapping");
  expect_error("layout: [1, 2]\nfleet: {robots: 1}\n", 1, "'layout' must be a mapping");
  expect_error("map: tiny.map\nfleet: 5\n", 2, "'fleet' must be a mapping");
  expect_error("map: tiny.map\nfleet: {robots: 1}\ntasks: errands\n", 3,
               "'tasks' must be a mapping");
  expect_error("map: tiny.map\nfleet: {robots: 1}\nplanner: [reactive]\n", 3,
               "'planner' must be a mapping");
  expect_error("map: [tiny.map]\nfleet: {robots: 1}\n", 1, "'map' must be a non-empty string");
  expect_error("map: tiny.map\nfleet: {robots: [1]}\n", 2, "'fleet.robots' must be an integer");
  expect_error("map: tiny.map\nfleet: {starts: 3}\n", 2, "'fleet.starts' must be a list");
  expect_error("map: tiny.map\nfleet:\n  starts:\n    - [0, 0]\n    - {x: 1}\n", 5,
               "must be a list [x, y]");
  expect_error("map: tiny.map\nfleet: {robots: 1}\nplanner:\n  params:\n    deep: {a: 1}\n", 5,
               "'deep' must be a string, number or true/false");
}

TEST_CASE("scenario file errors: unknown and repeated keys at every level", "[scenario]") {
  expect_error("map: tiny.map\nfleet: {robots: 1}\nspeed: 3\n", 3, "unknown key 'speed'");
  expect_error("map: tiny.map\nfleet: {robots: 1}\nspeed: 3\n", 3, "valid keys: name, seed, map");
  expect_error("layout:\n  blocks_x: 2\n  shelves: 3\nfleet: {robots: 1}\n", 3,
               "unknown key 'shelves' in 'layout'");
  expect_error("map: tiny.map\nfleet:\n  robots: 1\n  speed: 2\n", 4,
               "unknown key 'speed' in 'fleet' (valid keys: robots, starts)");
  expect_error("map: tiny.map\nfleet: {robots: 1}\ntasks:\n  mode: errands\n  count: 3\n", 5,
               "unknown key 'count' in 'tasks'");
  expect_error("map: tiny.map\nfleet: {robots: 1}\nplanner:\n  name: reactive\n  timeout: 3\n", 5,
               "unknown key 'timeout' in 'planner' (valid keys: name, params, time_limit)");
  expect_error("map: tiny.map\nfleet: {robots: 1}\nsteps: 5\nsteps: 6\n", 4, "appears twice");
}

TEST_CASE("scenario file errors: out-of-range values", "[scenario]") {
  expect_error("map: tiny.map\nfleet:\n  robots: -5\n", 3,
               "'fleet.robots' must be an integer in 1..");
  expect_error("map: tiny.map\nfleet:\n  robots: 0\n", 3, "'fleet.robots'");
  // Within the old limit of 4,194,304, such a fleet was accepted and then prepared for ever.
  expect_error("map: tiny.map\nfleet:\n  robots: 4194304\n", 3,
               "'fleet.robots' must be an integer in 1..65536");
  expect_error("map: tiny.map\nfleet: {robots: 1}\nsteps: 0\n", 3,
               "'steps' must be an integer in 1..");
  expect_error("map: tiny.map\nfleet: {robots: 1}\nsteps: ten\n", 3, "found 'ten'");
  expect_error("map: tiny.map\nfleet: {robots: 1}\nreplan_period: 0\n", 3, "'replan_period'");
  expect_error("map: tiny.map\nfleet: {robots: 1}\nhorizon: -1\n", 3, "'horizon'");
  expect_error("map: tiny.map\nfleet: {robots: 1}\nreplan_period: 5\nhorizon: 3\n", 4,
               "at least 'replan_period'");
  expect_error("map: tiny.map\nfleet: {robots: 1}\nthreads: -2\n", 3, "'threads'");
  expect_error("map: tiny.map\nfleet: {robots: 1}\nseed: -1\n", 3, "'seed'");
  expect_error("map: tiny.map\nfleet: {robots: 1}\nplanner: {time_limit: 0}\n", 3,
               "'planner.time_limit' must be a number in (0, 86400]");
  expect_error("map: tiny.map\nfleet: {robots: 1}\nmotion: diagonal\n", 3, "unknown motion model");
  expect_error("map: tiny.map\nfleet:\n  robots: 16\n", 3,
               "16 robots do not fit on the 15 free cells");
  expect_error("layout:\n  blocks_x: 0\nfleet: {robots: 1}\n", 2,
               "'layout.blocks_x' must be an integer in 1..");
  expect_error("layout:\n  aisle_width: 100\nfleet: {robots: 1}\n", 2, "'layout.aisle_width'");
  expect_error("layout:\n  homes: 3\nfleet: {robots: 4}\n", 2, "fewer than the 4 robots");
  expect_error("layout:\n  stations: 500\nfleet: {robots: 4}\n", 1, "stations");
  expect_error("map: tiny.map\nfleet: {robots: 1}\ntasks: {mode: random}\n", 3,
               "unknown task mode 'random'");
}

TEST_CASE("scenario file errors: missing and conflicting sections", "[scenario]") {
  expect_error("fleet: {robots: 1}\n", 1, "missing the floor");
  expect_error("map: tiny.map\nlayout: {}\nfleet: {robots: 1}\n", 2, "either 'map' or 'layout'");
  expect_error("map: tiny.map\nsteps: 3\n", 1, "missing 'fleet'");
  expect_error("map: tiny.map\nfleet: {}\n", 2, "needs 'robots'");
  expect_error("map: tiny.map\nfleet:\n  robots: 1\n  starts: [[0, 0]]\n", 4, "not both");
  expect_error("map: tiny.map\nfleet: {robots: 1}\ntasks:\n  mode: errands\n  goals: [[0, 0]]\n", 5,
               "only valid with 'mode: one-shot'");
  expect_error("map: tiny.map\nfleet: {robots: 1}\ntasks:\n  mode: one-shot\n  file: t.tasks\n", 5,
               "only valid with 'mode: file'");
  expect_error("map: tiny.map\nfleet: {robots: 1}\ntasks:\n  mode: file\n", 3, "needs 'file:");
}

TEST_CASE("scenario file errors: starts", "[scenario]") {
  expect_error("map: tiny.map\nfleet:\n  starts:\n    - [0, 0]\n    - [9, 1]\n", 5,
               "robot 1: start (9,1) is off the 6x4 map");
  expect_error("map: tiny.map\nfleet:\n  starts:\n    - [0, -1]\n", 4, "off the 6x4 map");
  expect_error("map: tiny.map\nfleet:\n  starts:\n    - [0, 0]\n    - [1, 1]\n", 5,
               "robot 1: start (1,1) is an obstacle");
  expect_error("map: tiny.map\nfleet:\n  starts:\n    - [2, 2]\n    - [0, 0]\n    - [2, 2]\n", 6,
               "robot 2: start (2,2) is also robot 0's start");
  expect_error("map: tiny.map\nfleet:\n  starts: []\n", 3, "is empty");
  // A heading is for the rotation model only.
  expect_error("map: tiny.map\nfleet:\n  starts:\n    - [0, 0, 1]\n", 4, "must be a list [x, y]");
  expect_error("map: tiny.map\nmotion: rotation\nfleet:\n  starts:\n    - [0, 0, 4]\n", 5,
               "heading' must be an integer in 0..3");
  // Lifelong tasks need every robot in one connected area.
  expect_error("map: tiny.map\nfleet:\n  starts:\n    - [0, 0]\n    - [5, 0]\n", 5,
               "not connected to robot 0's start");
}

TEST_CASE("scenario file errors: goals", "[scenario]") {
  const std::string head =
      "map: tiny.map\nfleet: {starts: [[0, 0], [2, 0]]}\ntasks:\n  mode: one-shot\n  goals:\n";
  expect_error(head + "    - [3, 3]\n    - [6, 0]\n", 7, "robot 1: goal (6,0) is off the 6x4 map");
  expect_error(head + "    - [1, 1]\n    - [0, 3]\n", 6, "robot 0: goal (1,1) is an obstacle");
  expect_error(head + "    - [3, 3]\n    - [3, 3]\n", 7,
               "robot 1: goal (3,3) is also robot 0's goal");
  expect_error(head + "    - [3, 3]\n    - [5, 2]\n", 7,
               "robot 1: goal (5,2) cannot be reached from its start (2,0)");
  expect_error(head + "    - [3, 3]\n", 5, "1 goals for 2 robots");
  expect_error(head + "    - [3, 3]\n    - 7\n", 7, "must be a list [x, y]");
}

TEST_CASE("scenario file errors: map and task files", "[scenario]") {
  {
    const Files files;
    const auto path = files.yaml("name: x\nmap: maps/absent.map\nfleet: {robots: 1}\n");
    require_input_error([&] { (void)load_scenario(path); }, path, 2,
                        (files.dir.path() / "maps/absent.map").string());
  }
  {
    // A broken map reports the map's own file and line.
    const Files files;
    const auto map =
        files.dir.write("broken.map", "type octile\nheight 2\nwidth 3\nmap\n...\n..\n");
    const auto path = files.yaml("map: broken.map\nfleet: {robots: 1}\n");
    require_input_error([&] { (void)load_scenario(path); }, map, 6, "has 2 cells");
  }
  {
    const Files files;
    const auto path =
        files.yaml("map: tiny.map\nfleet: {robots: 1}\ntasks:\n  mode: file\n  file: none.tasks\n");
    require_input_error([&] { (void)load_scenario(path); }, path, 5, "cannot open task file");
  }
  {
    // Task cell 5 is (5,0), cut off from every start.
    const Files files;
    const auto tasks = files.dir.write("t.tasks", "2\n0\n5\n");
    const auto path =
        files.yaml("map: tiny.map\nfleet: {robots: 2}\ntasks: {mode: file, file: t.tasks}\n");
    require_input_error([&] { (void)load_scenario(path); }, tasks, 3, "cannot be reached");
  }
  {
    const Files files;
    const auto tasks = files.dir.write("t.tasks", "2\n0\n7\n");  // (1,1) is an obstacle
    const auto path =
        files.yaml("map: tiny.map\nfleet: {robots: 2}\ntasks: {mode: file, file: t.tasks}\n");
    require_input_error([&] { (void)load_scenario(path); }, tasks, 3, "obstacle");
  }
}

TEST_CASE("a scenario name must be one plain file name", "[scenario]") {
  expect_error("name: ../../../x\nmap: tiny.map\nfleet: {robots: 1}\n", 1,
               "'name' contains a path separator");
  expect_error("name: /tmp/x\nmap: tiny.map\nfleet: {robots: 1}\n", 1,
               "'name' contains a path separator");
  expect_error("map: tiny.map\nfleet: {robots: 1}\nname: '..'\n", 3, "'name' is '..'");
  expect_error("map: tiny.map\nfleet: {robots: 1}\nseed: -1\n", 3,
               "'seed' must be an integer in 0..18446744073709551615");
  expect_error("map: tiny.map\nfleet: {robots: 1}\nseed: 18446744073709551616\n", 3,
               "'seed' must be an integer in 0..18446744073709551615");
  expect_error("map: tiny.map\nfleet: {robots: 1}\nplanner: {time_limit: .inf}\n", 3,
               "'planner.time_limit' must be a number in (0, 86400]");
}
