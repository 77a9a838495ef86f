// Suites: reading, checking everything before a run (every problem listed with its line),
// expansion into runs with stable keys, and deterministic shards.
#include "../planner/scratch_files.hpp"
#include "../test_paths.hpp"

#include <fleet/bench/execute.hpp>
#include <fleet/bench/runs.hpp>
#include <fleet/bench/suite.hpp>
#include <fleet/planner/registry.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

namespace {

using namespace fleet::bench;
using fleet::test::ScratchDir;

std::filesystem::path bench_data(const std::string& file) {
  return fleet::test::source_dir() / "tests" / "data" / "bench" / file;
}

bool has_problem(const SuiteError& e, int line, const std::string& part) {
  return std::any_of(e.problems().begin(), e.problems().end(), [&](const SuiteProblem& p) {
    return p.line == line && p.message.find(part) != std::string::npos;
  });
}

}  // namespace

TEST_CASE("a suite mixing MovingAI and a simulated floor is read whole", "[bench][suite]") {
  const auto registry = fleet::planner::builtin_planners();
  const Suite suite = load_suite(bench_data("mixed.yaml"), registry);
  CHECK(suite.name == "mixed");
  CHECK(suite.time_limit_s == 5.0);
  CHECK(suite.seeds == std::vector<std::uint64_t>{1, 2});
  REQUIRE(suite.scenarios.size() == 2);
  const ScenarioSpec& grid = suite.scenarios[0];
  CHECK(grid.kind == ScenarioKind::MovingAi);
  CHECK(grid.name == "grid-8x8");
  CHECK(grid.group == "grid-8x8");
  CHECK(grid.agents == std::vector<int>{2, 4, 6});
  CHECK_FALSE(grid.lifelong);
  const ScenarioSpec& floor = suite.scenarios[1];
  CHECK(floor.kind == ScenarioKind::Yaml);
  CHECK(floor.lifelong);
  CHECK(floor.map_name == "generated");
  CHECK(floor.agents == std::vector<int>{4, 8});
  CHECK(floor.steps == 30);
  REQUIRE(suite.planners.size() == 3);
  CHECK(suite.planners[0].label == "pp");
  CHECK(suite.planners[1].label == "pp-random");
  CHECK(suite.planners[1].merged.at("order") == "random");
  CHECK(suite.planners[1].merged.contains("restarts"));  // defaults are recorded too
}

TEST_CASE("a bad suite is rejected with every problem and its line", "[bench][suite]") {
  const auto registry = fleet::planner::builtin_planners();
  try {
    (void)load_suite(bench_data("bad-suite.yaml"), registry);
    FAIL("the bad suite was accepted");
  } catch (const SuiteError& e) {
    INFO(e.what());
    CHECK(e.problems().size() == 8);
    CHECK(has_problem(e, 3, "unknown key 'time_limt'"));
    CHECK(has_problem(e, 4, "seed twice"));
    CHECK(has_problem(e, 6, "no such file"));
    CHECK(has_problem(e, 9, "100 agents"));
    CHECK(has_problem(e, 17, "motion must be"));
    CHECK(has_problem(e, 20, "unknown planner 'astar-magic'"));
    CHECK(has_problem(e, 21, "sideways"));
    CHECK(has_problem(e, 24, "no parameter 'restart'"));
    // The message a user sees lists them all, as file:line.
    CHECK(std::string(e.what()).find("bad-suite.yaml:24:") != std::string::npos);
  }
}

TEST_CASE("suite shape errors: missing sections, YAML syntax, duplicates", "[bench][suite]") {
  const auto registry = fleet::planner::builtin_planners();
  ScratchDir dir;
  const auto map = bench_data("grid-8x8.map").string();
  const auto scen = bench_data("grid-8x8.scen").string();

  SECTION("no scenarios and no planners") {
    const auto file = dir.write("s.yaml", "name: x\n");
    try {
      (void)load_suite(file, registry);
      FAIL("accepted");
    } catch (const SuiteError& e) {
      CHECK(e.problems().size() == 2);
    }
  }
  SECTION("YAML syntax") {
    const auto file = dir.write("s.yaml", "name: [unclosed\n");
    CHECK_THROWS_AS(load_suite(file, registry), SuiteError);
  }
  SECTION("two scenarios with one name, two planners with one label") {
    const auto file = dir.write(
        "s.yaml", "scenarios:\n  - {map: " + map + ", scen: " + scen + ", agents: 2}\n" +
                      "  - {map: " + map + ", scen: " + scen + ", agents: 3}\nplanners: [pp, pp]\n");
    try {
      (void)load_suite(file, registry);
      FAIL("accepted");
    } catch (const SuiteError& e) {
      INFO(e.what());
      CHECK(has_problem(e, 3, "scenario name 'grid-8x8' appears twice"));
      CHECK(has_problem(e, 4, "planner label 'pp' appears twice"));
    }
  }
  SECTION("a file name the system refuses (longer than a name may be)") {
    // Found by fuzz_suite: the check threw filesystem_error ("File name too long") instead
    // of reporting the line.
    const std::string too_long(300, 'a');
    const auto file = dir.write(
        "s.yaml", "scenarios:\n  - {map: " + map + ", scen: " + too_long + ".scen, agents: 2}\n" +
                      "  - {map: " + map + ", scen: " + too_long + "-*.scen, agents: 2}\n" +
                      "planners: [pp]\n");
    try {
      (void)load_suite(file, registry);
      FAIL("accepted");
    } catch (const SuiteError& e) {
      INFO(e.what());
      CHECK(has_problem(e, 2, "no such file"));
      CHECK(has_problem(e, 3, "no file matches"));
    }
  }
  SECTION("a glob naming no file, and 'planners: all'") {
    const auto file = dir.write(
        "s.yaml", "scenarios:\n  - {map: " + map + ", scen: nothing-*.scen, agents: 2}\n"
                  "planners: all\n");
    try {
      (void)load_suite(file, registry);
      FAIL("accepted");
    } catch (const SuiteError& e) {
      CHECK(e.problems().size() == 1);
      CHECK(has_problem(e, 2, "no file matches"));
    }
  }
}

TEST_CASE("best_known: a positive number on a lifelong scenario, else file and line",
          "[bench][suite]") {
  const auto registry = fleet::planner::builtin_planners();
  ScratchDir dir;
  const auto floor = bench_data("tiny-floor.yaml").string();
  const auto map = bench_data("grid-8x8.map").string();
  const auto scen = bench_data("grid-8x8.scen").string();
  SECTION("accepted, and carried into each run's record") {
    const auto file = dir.write("ok.yaml", "scenarios:\n  - scenario: " + floor +
                                               "\n    best_known: 7.43\nplanners: [reactive]\n");
    const Suite suite = load_suite(file, registry);
    REQUIRE(suite.scenarios.size() == 1);
    CHECK(suite.scenarios[0].best_known == 7.43);
    const auto runs = expand_runs(suite);
    REQUIRE_FALSE(runs.empty());
    CHECK(blank_record(suite, runs.front()).best_known == 7.43);
  }
  SECTION("bad values name the file and the line") {
    const auto file = dir.write(
        "bad.yaml", "scenarios:\n"                                     // 1
                    "  - scenario: " + floor + "\n"                    // 2
                    "    name: a\n"                                    // 3
                    "    best_known: fast\n"                           // 4
                    "  - scenario: " + floor + "\n"                    // 5
                    "    name: b\n"                                    // 6
                    "    best_known: -2\n"                             // 7
                    "  - scenario: " + floor + "\n"                    // 8
                    "    name: c\n"                                    // 9
                    "    best_known: [7]\n"                            // 10
                    "  - {map: " + map + ", scen: " + scen + ", agents: 2, best_known: 3}\n"  // 11
                    "planners: [reactive]\n");
    try {
      (void)load_suite(file, registry);
      FAIL("accepted");
    } catch (const SuiteError& e) {
      INFO(e.what());
      CHECK(e.problems().size() == 4);
      CHECK(has_problem(e, 4, "best_known must be a finite number > 0 (errands per step), got 'fast'"));
      CHECK(has_problem(e, 7, "got '-2'"));
      CHECK(has_problem(e, 10, "got a list"));
      CHECK(has_problem(e, 11, "'best_known' belongs to lifelong simulated scenarios"));
      CHECK(std::string(e.what()).find("bad.yaml:4: best_known must be") != std::string::npos);
    }
  }
}

TEST_CASE("paths are relative to the suite file, globs expand sorted", "[bench][suite]") {
  const auto registry = fleet::planner::builtin_planners();
  ScratchDir dir;
  std::filesystem::create_directories(dir.path() / "data");
  std::filesystem::copy_file(bench_data("grid-8x8.map"), dir.path() / "data" / "grid-8x8.map");
  for (const char* name : {"b.scen", "a.scen"})
    std::filesystem::copy_file(bench_data("grid-8x8.scen"), dir.path() / "data" / name);
  std::filesystem::create_directories(dir.path() / "suites");
  const auto file = dir.write("suites/s.yaml",
                              "scenarios:\n  - map: ../data/grid-8x8.map\n    scen: ../data/*.scen\n"
                              "    agents: [3, 1]\nplanners: all\n");
  const Suite suite = load_suite(file, registry);
  REQUIRE(suite.scenarios.size() == 2);
  CHECK(suite.scenarios[0].name == "a");
  CHECK(suite.scenarios[1].name == "b");
  CHECK(suite.scenarios[0].group == "grid-8x8");     // grouped by map for the report
  CHECK(suite.scenarios[0].agents == std::vector<int>{1, 3});  // a ladder is sorted
  CHECK(suite.planners.size() == registry.entries().size());
}

TEST_CASE("expansion: order, stable keys, ladders", "[bench][runs]") {
  const auto registry = fleet::planner::builtin_planners();
  const Suite suite = load_suite(bench_data("mixed.yaml"), registry);
  const auto runs = expand_runs(suite);
  // 2 scenarios x (3 | 2 fleet sizes) x 3 planners x 2 seeds.
  REQUIRE(runs.size() == (3 + 2) * 3 * 2);
  CHECK(runs[0].key == "mixed/grid-8x8/2/pp/1");
  CHECK(runs[1].key == "mixed/grid-8x8/2/pp/2");
  CHECK(runs[2].key == "mixed/grid-8x8/2/pp-random/1");
  CHECK(runs[6].key == "mixed/grid-8x8/4/pp/1");
  CHECK(runs.back().key == "mixed/tiny-floor/8/reactive/2");
  std::set<std::string> keys;
  for (std::size_t i = 0; i < runs.size(); ++i) {
    CHECK(runs[i].index == i);
    keys.insert(runs[i].key);
  }
  CHECK(keys.size() == runs.size());
  // A ladder holds one (scenario, planner, seed) over every fleet size.
  CHECK(runs[0].ladder == runs[6].ladder);
  CHECK(runs[0].ladder != runs[1].ladder);
  CHECK(expand_runs(suite)[17].key == runs[17].key);  // same suite, same list
}

TEST_CASE("shards split a suite deterministically, whole ladders each", "[bench][runs]") {
  const auto registry = fleet::planner::builtin_planners();
  const Suite suite = load_suite(bench_data("mixed.yaml"), registry);
  const auto runs = expand_runs(suite);
  for (const int n : {1, 2, 3, 7}) {
    std::multiset<std::string> seen;
    for (int i = 0; i < n; ++i) {
      const auto part = select_shard(runs, parse_shard(std::to_string(i) + "/" + std::to_string(n)));
      const auto again = select_shard(runs, Shard{i, n});
      REQUIRE(part.size() == again.size());
      for (std::size_t k = 0; k < part.size(); ++k) CHECK(part[k].key == again[k].key);
      for (const auto& r : part) {
        seen.insert(r.key);
        for (const auto& other : runs)  // every run of its ladder is in the same shard
          if (other.ladder == r.ladder) CHECK(Shard{i, n}.contains(other));
      }
    }
    CHECK(seen.size() == runs.size());
    for (const auto& r : runs) CHECK(seen.count(r.key) == 1);
  }
  CHECK_THROWS_AS(parse_shard("2/2"), std::invalid_argument);
  CHECK_THROWS_AS(parse_shard("-1/2"), std::invalid_argument);
  CHECK_THROWS_AS(parse_shard("1"), std::invalid_argument);
  CHECK_THROWS_AS(parse_shard("a/b"), std::invalid_argument);
}

TEST_CASE("a suite's name, seeds and time limits are checked like every input", "[bench][suite]") {
  const auto registry = fleet::planner::builtin_planners();
  const ScratchDir dir;
  const auto file = dir.write("hostile.yaml",
                              "name: ../../escaped\n"                         // 1
                              "time_limit: inf\n"                             // 2
                              "seeds: [1, -1, 18446744073709551616]\n"        // 3
                              "scenarios:\n"                                  // 4
                              "  - scenario: " + bench_data("tiny-floor.yaml").string() + "\n"
                              "planners: [reactive]\n");
  try {
    (void)load_suite(file, registry);
    FAIL("accepted");
  } catch (const SuiteError& e) {
    INFO(e.what());
    CHECK(has_problem(e, 1, "name contains a path separator"));
    CHECK(has_problem(e, 2, "time_limit must be a number in (0, 86400] (seconds), got 'inf'"));
    CHECK(has_problem(e, 3, "seeds must be an integer in 0..18446744073709551615, got '-1'"));
    CHECK(has_problem(e, 3, "got '18446744073709551616'"));
  }
  const auto dev = std::filesystem::path("/dev/zero");
  try {
    (void)load_suite(dev, registry);
    FAIL("accepted /dev/zero");
  } catch (const SuiteError& e) {
    CHECK(std::string(e.what()).find("not a regular file") != std::string::npos);
  }
}
