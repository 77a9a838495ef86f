// MovingAI scenario reading and the instance checks behind it: every bad row names the file
// and its line; the shared benchmark scenarios load as published.
#include "scratch_files.hpp"
#include "../test_paths.hpp"

#include <fleet/planner/input_error.hpp>
#include <fleet/planner/instance.hpp>

#include <catch2/catch.hpp>

#include <memory>
#include <stdexcept>
#include <string>

using fleet::InputError;
using namespace fleet::planner;

namespace {

// Two components: columns 0-1 and columns 3-4, split by a wall in column 2.
std::shared_ptr<const Grid> split_grid() {
  return std::make_shared<const Grid>(Grid::from_rows({"..@..", "..@..", "..@.."}));
}

std::string row(int sx, int sy, int gx, int gy, int width = 5, int height = 3) {
  return "0\tsplit.map\t" + std::to_string(width) + "\t" + std::to_string(height) + "\t" +
         std::to_string(sx) + "\t" + std::to_string(sy) + "\t" + std::to_string(gx) + "\t" +
         std::to_string(gy) + "\t1.0\n";
}

struct ScenCase {
  fleet::test::ScratchDir dir;
  std::filesystem::path file;
  explicit ScenCase(const std::string& text) : file(dir.write("case.scen", text)) {}
};

// Loads `agents` robots from scenario text and returns the InputError (fails if none).
InputError scen_error(const std::string& text, int agents) {
  const ScenCase scen(text);
  try {
    (void)load_scen(scen.file, split_grid(), agents);
  } catch (const InputError& e) {
    CHECK(e.file() == scen.file.string());
    return e;
  }
  FAIL("no InputError for:\n" << text);
  throw std::logic_error("unreachable");
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("a scenario gives starts and goals of its first k rows", "[scen]") {
  const ScenCase scen("version 1\n" + row(0, 0, 1, 2) + row(4, 2, 3, 0) + row(0, 1, 1, 1));
  const auto grid = split_grid();
  const Instance two = load_scen(scen.file, grid, 2);
  REQUIRE(two.size() == 2);
  CHECK(two.starts[0] == grid->cell(0, 0));
  CHECK(two.goals[0] == grid->cell(1, 2));
  CHECK(two.starts[1] == grid->cell(4, 2));
  CHECK(two.goals[1] == grid->cell(3, 0));
  CHECK(two.motion.kind() == MotionKind::FourConnected);
  CHECK(check_instance(two).empty());

  // Under the rotation model every robot starts facing east.
  const Instance rotating = load_scen(scen.file, grid, 3, MotionKind::Rotation);
  REQUIRE(rotating.size() == 3);
  for (const State s : rotating.starts) CHECK(rotating.motion.heading(s) == 0);
  CHECK(rotating.motion.cell(rotating.starts[2]) == grid->cell(0, 1));
}

TEST_CASE("the version line is optional and rows past k are not read", "[scen]") {
  // The third row is garbage, but only two robots are asked for.
  const ScenCase scen(row(0, 0, 1, 2) + row(4, 2, 3, 0) + "garbage\n");
  CHECK(load_scen(scen.file, split_grid(), 2).size() == 2);
  CHECK_THROWS_AS(load_scen(scen.file, split_grid(), 3), InputError);
}

TEST_CASE("a missing scenario file names the file", "[scen][errors]") {
  const fleet::test::ScratchDir dir;
  const auto missing = dir.path() / "missing.scen";
  try {
    (void)load_scen(missing, split_grid(), 1);
    FAIL("loaded a missing file");
  } catch (const InputError& e) {
    CHECK(e.file() == missing.string());
    CHECK(e.line() == 0);
  }
}

TEST_CASE("malformed scenario rows give file and line", "[scen][errors]") {
  SECTION("a version line without a version (found by fuzz_scen)") {
    const auto e = scen_error("version\n" + row(0, 0, 1, 2), 1);
    CHECK(e.line() == 1);
    CHECK(contains(e.message(), "unsupported scenario version ''"));
  }
  SECTION("too few fields") {
    const auto e = scen_error("version 1\n" + row(0, 0, 1, 2) + "0\tsplit.map\t5\t3\t1\t1\n", 2);
    CHECK(e.line() == 3);
    CHECK(contains(e.message(), "found 6"));
  }
  SECTION("space-separated fields") {
    const auto e = scen_error("version 1\n0 split.map 5 3 0 0 1 2 1.0\n", 1);
    CHECK(e.line() == 2);
  }
  SECTION("a coordinate that is not an integer") {
    const auto e = scen_error("version 1\n0\tsplit.map\t5\t3\t0\tone\t1\t2\t1.0\n", 1);
    CHECK(e.line() == 2);
    CHECK(contains(e.message(), "start_y"));
  }
  SECTION("a row for a map of another size") {
    const auto e = scen_error("version 1\n" + row(0, 0, 1, 2, 32, 32), 1);
    CHECK(e.line() == 2);
    CHECK(contains(e.message(), "32x32"));
  }
}

TEST_CASE("coordinates off the map give file and line", "[scen][errors]") {
  const auto start = scen_error("version 1\n" + row(0, 0, 1, 2) + row(5, 0, 4, 0), 2);
  CHECK(start.line() == 3);
  CHECK(contains(start.message(), "start (5,0) is off the map"));
  const auto goal = scen_error("version 1\n" + row(0, 0, 1, -1), 1);
  CHECK(goal.line() == 2);
  CHECK(contains(goal.message(), "goal (1,-1)"));
}

TEST_CASE("asking for more robots than rows names the file", "[scen][errors]") {
  const auto e = scen_error("version 1\n" + row(0, 0, 1, 2) + row(4, 2, 3, 0), 3);
  CHECK(contains(e.message(), "3 agents"));
  CHECK(contains(e.message(), "2 rows"));
  CHECK(scen_error("version 1\n" + row(0, 0, 1, 2), 0).line() == 0);
}

TEST_CASE("unsolvable rows give the line of the offending robot", "[scen][errors]") {
  SECTION("start on an obstacle") {
    const auto e = scen_error("version 1\n" + row(0, 0, 1, 2) + row(2, 1, 3, 0), 2);
    CHECK(e.line() == 3);
    CHECK(contains(e.message(), "agent 1"));
    CHECK(contains(e.message(), "obstacle"));
  }
  SECTION("goal on an obstacle") {
    const auto e = scen_error("version 1\n" + row(0, 0, 2, 2), 1);
    CHECK(e.line() == 2);
    CHECK(contains(e.message(), "goal (2,2) is an obstacle"));
  }
  SECTION("two robots on one start") {
    const auto e =
        scen_error("version 1\n" + row(3, 0, 4, 0) + row(0, 0, 1, 0) + row(0, 0, 1, 1), 3);
    CHECK(e.line() == 4);
    CHECK(contains(e.message(), "agent 2"));
    CHECK(contains(e.message(), "robot 1's start"));
  }
  SECTION("two robots with one goal") {
    const auto e = scen_error("version 1\n" + row(0, 0, 1, 1) + row(0, 1, 1, 1), 2);
    CHECK(e.line() == 3);
  }
  SECTION("a goal in another component than its start") {
    const auto e = scen_error("version 1\n" + row(0, 0, 1, 0) + row(1, 1, 4, 1), 2);
    CHECK(e.line() == 3);
    CHECK(contains(e.message(), "unreachable"));
  }
}

TEST_CASE("check_instance lists every problem of a hand-made instance", "[scen]") {
  const auto grid = split_grid();
  const Cell a = grid->cell(0, 0);
  const Cell b = grid->cell(1, 0);
  const Cell wall = grid->cell(2, 0);
  const Cell far = grid->cell(4, 0);
  const Instance instance(grid, MotionKind::FourConnected, {a, a, wall, 99}, {b, b, far, b});
  const auto problems = check_instance(instance);
  // robot 1: shared start and shared goal; robot 2: start on the wall; robot 3: off the map.
  REQUIRE(problems.size() == 4);
  CHECK(problems[0].robot == 1);
  CHECK(problems[1].robot == 1);
  CHECK(problems[2].robot == 2);
  CHECK(problems[3].robot == 3);
  CHECK(contains(problems[3].message, "off the map"));
  // Lifelong fleets may share goals; an unreachable goal stays a problem.
  const Instance lifelong(grid, MotionKind::FourConnected, {a, far}, {b, b});
  CHECK(check_instance(lifelong, false).size() == 1);  // only the unreachable goal
  CHECK(check_instance(lifelong, true).size() == 2);
  CHECK_THROWS_AS(Instance(grid, MotionKind::FourConnected, {a}, {b, b}), std::invalid_argument);
}

TEST_CASE("the shared MovingAI scenarios load as published", "[scen][movingai]") {
  auto random = std::make_shared<const Grid>(load_map(fleet::test::movingai("random-32-32-20.map")));
  const Instance hundred =
      load_scen(fleet::test::movingai("random-32-32-20-random-1.scen"), random, 100);
  REQUIRE(hundred.size() == 100);
  // First row: 7  random-32-32-20.map  32 32  5 16  31 24  31.31...
  CHECK(hundred.starts[0] == random->cell(5, 16));
  CHECK(hundred.goals[0] == random->cell(31, 24));
  CHECK(hundred.starts[1] == random->cell(21, 29));
  CHECK(hundred.goals[1] == random->cell(24, 22));

  auto warehouse =
      std::make_shared<const Grid>(load_map(fleet::test::movingai("warehouse-10-20-10-2-1.map")));
  const Instance fleet200 =
      load_scen(fleet::test::movingai("warehouse-10-20-10-2-1-random-1.scen"), warehouse, 200);
  CHECK(fleet200.size() == 200);
  CHECK(check_instance(fleet200).empty());
  CHECK_THROWS_AS(
      load_scen(fleet::test::movingai("random-32-32-20-random-1.scen"), random, 100000),
      InputError);
}
