// MovingAI map reading (every malformed input names file and line), the grid it builds, and
// the motion models' successor / predecessor / transition consistency.
#include "scratch_files.hpp"
#include "../test_paths.hpp"

#include <fleet/planner/grid.hpp>
#include <fleet/planner/input_error.hpp>
#include <fleet/planner/motion.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <sstream>
#include <stdexcept>
#include <string>

using fleet::InputError;
using namespace fleet::planner;

namespace {

const std::string kHeader = "type octile\nheight 3\nwidth 4\nmap\n";

// Parses map text and returns the InputError it raises (fails the test if none).
InputError map_error(const std::string& text) {
  std::istringstream in(text);
  try {
    (void)parse_map(in, "bad.map");
  } catch (const InputError& e) {
    return e;
  }
  FAIL("no InputError for:\n" << text);
  throw std::logic_error("unreachable");
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("a well-formed map text parses into the grid it describes", "[map]") {
  std::istringstream in(kHeader + "....\n.@T.\nGSEW\n");
  const Grid grid = parse_map(in, "ok.map");
  CHECK(grid.width() == 4);
  CHECK(grid.height() == 3);
  CHECK(grid.size() == 12);
  CHECK(grid.passable(grid.cell(0, 0)));
  CHECK_FALSE(grid.passable(grid.cell(1, 1)));  // '@'
  CHECK_FALSE(grid.passable(grid.cell(2, 1)));  // 'T'
  CHECK(grid.passable(grid.cell(0, 2)));        // 'G'
  CHECK(grid.passable(grid.cell(1, 2)));        // 'S'
  CHECK(grid.passable(grid.cell(2, 2)));        // 'E' (League of Robot Runners emitter)
  CHECK_FALSE(grid.passable(grid.cell(3, 2)));  // 'W'
  CHECK(grid.free_count() == 9);
  CHECK(grid.x(grid.cell(3, 2)) == 3);
  CHECK(grid.y(grid.cell(3, 2)) == 2);
}

TEST_CASE("Windows line endings and trailing blank lines are accepted", "[map]") {
  std::istringstream in("type octile\r\nheight 1\r\nwidth 2\r\nmap\r\n.@\r\n\r\n\n");
  const Grid grid = parse_map(in, "crlf.map");
  CHECK(grid.width() == 2);
  CHECK(grid.free_count() == 1);
}

TEST_CASE("a missing or unreadable map file names the file", "[map][errors]") {
  const fleet::test::ScratchDir dir;
  const auto missing = dir.path() / "no-such.map";
  try {
    (void)load_map(missing);
    FAIL("loaded a missing file");
  } catch (const InputError& e) {
    CHECK(e.file() == missing.string());
    CHECK(e.line() == 0);
    CHECK(contains(e.what(), missing.string()));
  }
  // A folder opens but cannot be read as a map.
  CHECK_THROWS_AS(load_map(dir.path()), InputError);
}

TEST_CASE("map rows that disagree with the header give file and line", "[map][errors]") {
  SECTION("fewer rows than the height") {
    const auto e = map_error(kHeader + "....\n....\n");
    CHECK(e.file() == "bad.map");
    CHECK(e.line() == 6);  // the last line read
    CHECK(contains(e.message(), "3 rows"));
  }
  SECTION("a short row") {
    const auto e = map_error(kHeader + "....\n...\n....\n");
    CHECK(e.line() == 6);
    CHECK(contains(e.message(), "width 4"));
    CHECK(contains(e.what(), "bad.map:6:"));
  }
  SECTION("a long row") {
    const auto e = map_error(kHeader + "....\n....\n.....\n");
    CHECK(e.line() == 7);
  }
  SECTION("extra rows") {
    const auto e = map_error(kHeader + "....\n....\n....\n....\n");
    CHECK(e.line() == 8);
    CHECK(contains(e.message(), "more rows"));
  }
  SECTION("an unknown character") {
    const auto e = map_error(kHeader + "....\n..x.\n....\n");
    CHECK(e.line() == 6);
    CHECK(contains(e.message(), "'x'"));
    CHECK(contains(e.message(), "column 2"));
  }
}

TEST_CASE("a malformed map header gives file and line", "[map][errors]") {
  CHECK(map_error("").line() == 0);
  CHECK(map_error("octile\nheight 3\nwidth 4\nmap\n").line() == 1);
  CHECK(map_error("type octile\nheight three\nwidth 4\nmap\n").line() == 2);
  CHECK(map_error("type octile\nheight 0\nwidth 4\nmap\n").line() == 2);
  CHECK(map_error("type octile\nheight -3\nwidth 4\nmap\n").line() == 2);
  CHECK(map_error("type octile\nwidth 4\nheight 3\nmap\n").line() == 2);
  CHECK(map_error("type octile\nheight 3\nwidth 4x\nmap\n").line() == 3);
  CHECK(map_error("type octile\nheight 3\nwidth 4\nmop\n....\n").line() == 4);
  CHECK(map_error("type octile\nheight 3\nwidth 4\n").line() == 3);
}

TEST_CASE("huge dimensions are refused from the header, before any row is read",
          "[map][errors]") {
  SECTION("one side above kMaxGridSide") {
    const auto e = map_error("type octile\nheight " + std::to_string(kMaxGridSide + 1) +
                             "\nwidth 4\nmap\n");
    CHECK(e.line() == 2);
    CHECK(contains(e.message(), "limit"));
  }
  SECTION("a number too large for any integer type") {
    const auto e = map_error("type octile\nheight 3\nwidth 99999999999999999999999\nmap\n");
    CHECK(e.line() == 3);
  }
  SECTION("both sides allowed but the cell count above kMaxGridCells") {
    // 32768 x 32768 = 2^30 cells (4 GiB of neighbour table): refused at the width line.
    const auto e = map_error("type octile\nheight " + std::to_string(kMaxGridSide) +
                             "\nwidth " + std::to_string(kMaxGridSide) + "\nmap\n");
    CHECK(e.line() == 3);
    CHECK(contains(e.message(), std::to_string(kMaxGridCells)));
  }
  SECTION("exactly kMaxGridCells passes the header (and then lacks rows)") {
    const int width = static_cast<int>(kMaxGridCells / kMaxGridSide);
    const auto e = map_error("type octile\nheight " + std::to_string(kMaxGridSide) +
                             "\nwidth " + std::to_string(width) + "\nmap\n");
    CHECK(e.line() == 4);
    CHECK(contains(e.message(), "rows"));
  }
}

TEST_CASE("the Grid constructor refuses inconsistent dimensions", "[map][errors]") {
  CHECK_THROWS_AS(Grid(0, 3, {}), std::invalid_argument);
  CHECK_THROWS_AS(Grid(2, 2, std::vector<std::uint8_t>(3, 1)), std::invalid_argument);
  CHECK_THROWS_AS(Grid(kMaxGridSide + 1, 1, {}), std::invalid_argument);
  CHECK_THROWS_AS(Grid::from_rows({"..", "."}), std::invalid_argument);
}

TEST_CASE("the shared MovingAI maps load with their sizes and free cells", "[map][movingai]") {
  const Grid random = load_map(fleet::test::movingai("random-32-32-20.map"));
  CHECK(random.width() == 32);
  CHECK(random.height() == 32);
  CHECK(random.free_count() == 819);
  const Grid warehouse = load_map(fleet::test::movingai("warehouse-10-20-10-2-1.map"));
  CHECK(warehouse.width() == 161);
  CHECK(warehouse.height() == 63);
  CHECK(warehouse.free_count() == 5699);

  // Neighbour lists: free, 4-adjacent, symmetric, in E S W N order, matching step().
  for (const Cell c : random.free_cells()) {
    CHECK(random.free_cells()[random.free_index(c)] == c);
    int previous_direction = -1;
    for (const Cell n : random.neighbours(c)) {
      REQUIRE(random.passable(n));
      CHECK(std::abs(random.x(n) - random.x(c)) + std::abs(random.y(n) - random.y(c)) == 1);
      const auto back = random.neighbours(n);
      CHECK(std::find(back.begin(), back.end(), c) != back.end());
      int direction = 0;
      while (random.step(c, static_cast<Direction>(direction)) != n) ++direction;
      CHECK(direction > previous_direction);
      previous_direction = direction;
    }
  }
}

TEST_CASE("motion model names parse", "[motion]") {
  CHECK(parse_motion_kind("4-connected") == MotionKind::FourConnected);
  CHECK(parse_motion_kind("rotation") == MotionKind::Rotation);
  CHECK(to_string(MotionKind::Rotation) == "rotation");
  CHECK_THROWS_AS(parse_motion_kind("diagonal"), std::invalid_argument);
}

TEST_CASE("successors and predecessors agree with transition under both models", "[motion]") {
  const Grid grid = Grid::from_rows({"....", ".@..", "...."});
  for (const MotionKind kind : {MotionKind::FourConnected, MotionKind::Rotation}) {
    const Motion motion(grid, kind);
    CAPTURE(to_string(kind));
    for (State s = 0; s < motion.num_states(); ++s) {
      if (!grid.passable(motion.cell(s))) continue;
      Motion::Neighbours succ{};
      const int ns = motion.successors(s, succ);
      REQUIRE(ns >= 1);
      CHECK(succ[0] == s);  // waiting comes first
      for (int i = 0; i < ns; ++i) {
        CHECK(motion.transition(s, succ[i]));
        Motion::Neighbours pred{};
        const int np = motion.predecessors(succ[i], pred);
        CHECK(std::find(pred.begin(), pred.begin() + np, s) != pred.begin() + np);
      }
      Motion::Neighbours pred{};
      const int np = motion.predecessors(s, pred);
      CHECK(pred[0] == s);
      for (int i = 0; i < np; ++i) CHECK(motion.transition(pred[i], s));
      // Every state reachable by transition() is listed: no hidden moves.
      int reachable = 0;
      for (State t = 0; t < motion.num_states(); ++t)
        reachable += motion.transition(s, t) ? 1 : 0;
      CHECK(reachable == ns);
    }
  }
}

TEST_CASE("rotation model: forward follows the heading, turns keep the cell", "[motion]") {
  const Grid grid = Grid::from_rows({"...", ".@.", "..."});
  const Motion motion(grid, MotionKind::Rotation);
  const Cell centre_left = grid.cell(0, 1);
  const State facing_east = motion.state(centre_left, 0);
  Action action{};
  // East of (0,1) is the obstacle: no forward, only wait and the two turns.
  Motion::Neighbours succ{};
  CHECK(motion.successors(facing_east, succ) == 3);
  CHECK_FALSE(motion.transition(facing_east, motion.state(grid.cell(1, 1), 0)));
  REQUIRE(motion.transition(facing_east, motion.state(centre_left, 1), &action));
  CHECK(action == Action::RotateCW);
  REQUIRE(motion.transition(facing_east, motion.state(centre_left, 3), &action));
  CHECK(action == Action::RotateCCW);
  CHECK_FALSE(motion.transition(facing_east, motion.state(centre_left, 2)));  // U-turn
  const State facing_north = motion.state(centre_left, 3);
  REQUIRE(motion.transition(facing_north, motion.state(grid.cell(0, 0), 3), &action));
  CHECK(action == Action::Forward);
  // Moving sideways (south while facing north) or moving and turning at once is illegal.
  CHECK_FALSE(motion.transition(facing_north, motion.state(grid.cell(0, 2), 3)));
  CHECK_FALSE(motion.transition(facing_north, motion.state(grid.cell(0, 0), 0)));
  CHECK(motion.heading(facing_north) == 3);
  CHECK(motion.cell(facing_north) == centre_left);
}
