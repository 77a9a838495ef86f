// League of Robot Runners problems: the 2023 and 2024 example sets load with the right counts,
// starts, headings and round-robin tasks; malformed problems name the file and line.
#include "world_test_files.hpp"

#include <fleet/sim/scenario.hpp>

#include "../test_paths.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

using fleet::sim::Cell;
using fleet::sim::load_lorr_problem;
using fleet::sim::Scenario;
using fleet::test::require_input_error;
using fleet::test::ScratchDir;

namespace {

// The `index`-th record (0-based) of a Robot Runners agent or task file, as text.
std::string record(const std::filesystem::path& file, int index) {
  std::ifstream in(file);
  std::string line;
  bool counted = false;
  int seen = 0;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    if (!counted) {
      counted = true;
      continue;
    }
    if (seen++ == index) return line;
  }
  return {};
}

std::filesystem::path lorr(const std::string& year, const std::string& file) {
  return fleet::test::data_dir() / ("lorr" + year) / file;
}

void check_common(const Scenario& s, int robots) {
  const fleet::planner::Motion motion(*s.warehouse.grid, s.motion);
  CHECK(s.motion == fleet::planner::MotionKind::Rotation);
  CHECK(s.steps == 5000);
  REQUIRE(static_cast<int>(s.starts.size()) == robots);
  CHECK(s.tasks->lifelong());
  std::set<Cell> cells;
  for (auto st : s.starts) {
    CHECK(motion.heading(st) == 0);  // every robot faces east
    CHECK(s.warehouse.grid->passable(motion.cell(st)));
    cells.insert(motion.cell(st));
  }
  CHECK(static_cast<int>(cells.size()) == robots);
}

}  // namespace

TEST_CASE("a 2023 warehouse problem loads with its agents and round-robin tasks", "[lorr]") {
  const auto path = lorr("2023", "warehouse_large_200.json");
  const Scenario s = load_lorr_problem(path);
  check_common(s, 200);
  CHECK(s.name == "warehouse_large_200");
  CHECK(s.source == path);
  const auto& grid = *s.warehouse.grid;
  CHECK(grid.width() == 500);
  CHECK(grid.height() == 140);
  CHECK(grid.free_count() == 38586);
  CHECK(s.warehouse.shelves.size() == 25250);
  CHECK(s.warehouse.stations.size() == 352);

  const fleet::planner::Motion motion(grid, s.motion);
  const auto agents = lorr("2023", "agents/warehouse_large_200.agents");
  CHECK(motion.cell(s.starts[0]) == 47735);
  CHECK(motion.cell(s.starts[199]) == std::stoi(record(agents, 199)));

  const auto tasks = lorr("2023", "tasks/warehouse_large.tasks");
  CHECK(s.tasks->goal(0, 0) == 5998);
  CHECK(s.tasks->goal(1, 0) == 69135);
  CHECK(s.tasks->goal(3, 0) == 46327);
  // Robot k's j-th task is tasks[j * teamSize + k].
  CHECK(s.tasks->goal(0, 1) == std::stoi(record(tasks, 200)));
  CHECK(s.tasks->goal(7, 3) == std::stoi(record(tasks, 3 * 200 + 7)));
}

TEST_CASE("the small 2023 warehouse loads", "[lorr]") {
  const Scenario s = load_lorr_problem(lorr("2023", "warehouse_small_50.json"));
  check_common(s, 50);
  CHECK(s.lorr_year == 2023);  // 2023 problems have no "version"
  CHECK(s.warehouse.grid->width() == 57);
  CHECK(s.warehouse.grid->height() == 33);
}

TEST_CASE("a 2024 problem hands out pick-up and drop-off pairs", "[lorr]") {
  const Scenario s = load_lorr_problem(lorr("2024", "sortation_large_2000.json"));
  check_common(s, 2000);
  CHECK(s.lorr_year == 2024);  // "version": "2024 LoRR"
  CHECK(s.warehouse.grid->free_count() == 54320);
  const auto tasks = lorr("2024", "tasks/sortation_large.tasks");
  CHECK(s.tasks->goal(0, 0) == 11768);
  CHECK(s.tasks->goal(0, 1) == 69967);
  CHECK(s.tasks->goal(1, 0) == 27365);
  CHECK(s.tasks->goal(1, 1) == 43854);
  // Robot 0's second task is task 2000: both of its errands, in order.
  const std::string second = record(tasks, 2000);
  const auto comma = second.find(',');
  CHECK(s.tasks->goal(0, 2) == std::stoi(second.substr(0, comma)));
  CHECK(s.tasks->goal(0, 3) == std::stoi(second.substr(comma + 1)));
}

TEST_CASE("the 2024 warehouse problem loads with the sortation agents it names", "[lorr]") {
  const Scenario s = load_lorr_problem(lorr("2024", "warehouse_large_5000.json"));
  check_common(s, 5000);
  CHECK(s.warehouse.grid->free_count() == 38586);
}

namespace {

struct Problem {
  ScratchDir dir;
  Problem() {
    dir.write("m.map", "type octile\nheight 3\nwidth 4\nmap\n....\n.@..\n....\n");
    dir.write("a.agents", "2\n0\n3\n");
    dir.write("t.tasks", "3\n2\n8\n11\n");
  }
  std::filesystem::path json(const std::string& text) const { return dir.write("p.json", text); }
};

// A problem whose lines are, in order: {, mapFile, agentFile, teamSize, taskFile, extra..., }.
std::string problem(const std::string& team = "2", const std::string& extra = "",
                    const std::string& agents = "a.agents", const std::string& map = "m.map",
                    const std::string& tasks = "t.tasks") {
  return "{\n  \"mapFile\": \"" + map + "\",\n  \"agentFile\": \"" + agents +
         "\",\n  \"teamSize\": " + team + ",\n  \"taskFile\": \"" + tasks + "\"" + extra + "\n}\n";
}

}  // namespace

TEST_CASE("a hand-written problem loads", "[lorr]") {
  const Problem p;
  const Scenario s = load_lorr_problem(p.json(
      problem("2", ",\n  \"numTasksReveal\": 1,\n  \"taskAssignmentStrategy\": \"roundrobin\"")));
  check_common(s, 2);
  CHECK(s.tasks->goal(0, 0) == 2);
  CHECK(s.tasks->goal(1, 0) == 8);
  CHECK(s.tasks->goal(0, 1) == 11);
  CHECK(s.tasks->goal(1, 1) == 2);
  CHECK(s.warehouse.homes == std::vector<Cell>{0, 3});
  CHECK(s.lorr_year == 2023);
  CHECK(load_lorr_problem(p.json(problem("2", ",\n  \"version\": \"2024 LoRR\""))).lorr_year == 2024);
}

TEST_CASE("problem errors name the file and line", "[lorr]") {
  const Problem p;
  auto expect = [&](const std::string& text, int line, const std::string& fragment) {
    const auto path = p.json(text);
    require_input_error([&] { (void)load_lorr_problem(path); }, path, line, fragment);
  };
  expect("{\n  \"mapFile\": \"m.map\",\n  \"teamSize\": ,\n}\n", 3, "JSON syntax error");
  expect("[1, 2]\n", 1, "expected a JSON object");
  expect("{\n  \"agentFile\": \"a.agents\",\n  \"teamSize\": 2,\n  \"taskFile\": \"t.tasks\"\n}\n",
         0, "missing 'mapFile'");
  expect(problem("\"two\""), 4, "'teamSize' must be an integer");
  expect(problem("0"), 4, "'teamSize' must be an integer");
  expect(problem("3"), 4, "teamSize 3 but the agent file");
  expect(problem("2", "", "none.agents"), 3, "cannot open agent file");
  expect(problem("2", "", "a.agents", "none.map"), 2, "cannot open map file");
  expect(problem("2", "", "a.agents", "m.map", "none.tasks"), 5, "cannot open task file");
  expect(problem("2", ",\n  \"taskAssignmentStrategy\": \"greedy\""), 6, "only \"roundrobin\"");
  expect(problem("2", ",\n  \"numTasksReveal\": \"many\""), 6, "'numTasksReveal'");
  expect(problem("2", ",\n  \"version\": 2024"), 6, "'version' must be a string");

  const auto missing = p.dir.path() / "none.json";
  require_input_error([&] { (void)load_lorr_problem(missing); }, missing, 0, "cannot open");

  auto expect_in = [&](const std::string& name, const std::string& content, int line,
                       const std::string& fragment) {
    const auto file = p.dir.write(name, content);
    const auto path = p.json(problem("2", "", name == "bad.agents" ? name : "a.agents", "m.map",
                                     name == "bad.tasks" ? name : "t.tasks"));
    require_input_error([&] { (void)load_lorr_problem(path); }, file, line, fragment);
  };
  expect_in("bad.agents", "2\n0\n5\n", 3, "obstacle");
  expect_in("bad.agents", "2\n0\n0\n", 3, "as agent 0 does");
  expect_in("bad.agents", "2\n0\n1,2\n", 3, "one cell per agent line");
  expect_in("bad.agents", "# 2024\n2\n0\n99\n", 4, "off the 4x3 map");
  expect_in("bad.tasks", "2\n2\nx\n", 3, "integer");
  expect_in("bad.tasks", "0\n", 0, "no tasks");
  {
    // A broken map names the map file.
    const auto map = p.dir.write("broken.map", "type octile\nheight 3\nwidth 4\nmap\n....\n");
    const auto path = p.json(problem("2", "", "a.agents", "broken.map"));
    require_input_error([&] { (void)load_lorr_problem(path); }, map, 5, "rows");
  }
  {
    // A task cell cut off from the agents: (3,0) is walled in on this map.
    p.dir.write("cut.map", "type octile\nheight 3\nwidth 4\nmap\n..@.\n..@@\n....\n");
    const auto tasks = p.dir.write("cut.tasks", "2\n0\n3\n");
    const auto path = p.json(problem("2", "", "a2.agents", "cut.map", "cut.tasks"));
    p.dir.write("a2.agents", "2\n0\n1\n");
    require_input_error([&] { (void)load_lorr_problem(path); }, tasks, 3, "cannot be reached");
  }
}

TEST_CASE("a smaller fleet keeps the first robots and their errands", "[lorr][agents]") {
  const auto path = lorr("2023", "warehouse_large_200.json");
  const Scenario full = load_lorr_problem(path);
  const Scenario part = load_lorr_problem(path, {50, 9});
  check_common(part, 50);
  for (int r = 0; r < 50; ++r) {
    CHECK(part.starts[r] == full.starts[r]);
    for (int j = 0; j < 4; ++j) CHECK(part.tasks->goal(r, j) == full.tasks->goal(r, j));
  }
}

TEST_CASE("a fleet beyond the agent file starts the extra robots on seeded free cells",
          "[lorr][agents]") {
  const auto path = lorr("2023", "warehouse_small_50.json");
  const Scenario listed = load_lorr_problem(path);
  const Scenario big = load_lorr_problem(path, {80, 1});
  check_common(big, 80);  // distinct, passable, facing east
  for (int r = 0; r < 50; ++r) CHECK(big.starts[r] == listed.starts[r]);
  CHECK(load_lorr_problem(path, {80, 1}).starts == big.starts);
  const Scenario other = load_lorr_problem(path, {80, 2});
  CHECK(std::vector(other.starts.begin(), other.starts.begin() + 50) ==
        std::vector(big.starts.begin(), big.starts.begin() + 50));
  CHECK(other.starts != big.starts);
  // Tasks are handed out round-robin over the larger team: robot k's j-th task is
  // task j * 80 + k.
  const auto tasks = lorr("2023", "tasks/warehouse_small.tasks");
  CHECK(big.tasks->goal(79, 0) == std::stoi(record(tasks, 79)));
  CHECK(big.tasks->goal(3, 1) == std::stoi(record(tasks, 83)));
}

TEST_CASE("fleet sizes of zero, below zero or beyond the free cells are refused",
          "[lorr][agents]") {
  const Problem p;
  const auto path = p.json(problem());
  CHECK_THROWS_AS(load_lorr_problem(path, {0, 1}), std::invalid_argument);
  CHECK_THROWS_AS(load_lorr_problem(path, {-3, 1}), std::invalid_argument);
  // 11 free cells in all.
  CHECK(load_lorr_problem(path, {11, 1}).starts.size() == 11);
  CHECK_THROWS_WITH(load_lorr_problem(path, {12, 1}),
                    Catch::Contains("only 9 free cells are left"));
}

TEST_CASE("a problem with a key twice or a number beyond any type names the line", "[lorr]") {
  const Problem p;
  auto expect = [&](const std::string& text, int line, const std::string& fragment) {
    const auto path = p.json(text);
    require_input_error([&] { (void)load_lorr_problem(path); }, path, line, fragment);
  };
  expect(problem("2", ",\n  \"teamSize\": 1"), 6, "key 'teamSize' appears twice");
  expect(problem("2", ",\n  \"mapFile\": \"other.map\""), 6, "key 'mapFile' appears twice");
  expect(problem("1e400"), 4, "JSON number out of range: 1e400");
  expect(problem("18446744073709551616"), 4, "'teamSize' must be an integer in 1..");
  expect(problem("2.0"), 4, "'teamSize' must be an integer in 1..");
  expect(problem("2", ",\n  \"numTasksReveal\": 1e308"), 6, "'numTasksReveal' must be a number");
}
