// The lacam-style result file: what write_result_file writes reads back unchanged, and every
// malformed, inconsistent or off-map line is refused with file and line.
#include "scratch_files.hpp"

#include <fleet/planner/input_error.hpp>
#include <fleet/planner/result_file.hpp>

#include <catch2/catch.hpp>

#include <fstream>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>

using fleet::InputError;
using namespace fleet::planner;

namespace {

std::shared_ptr<const Grid> small_grid() {
  return std::make_shared<const Grid>(Grid::from_rows({"...", ".@.", "..."}));
}

// Two robots trading corners of the ring around the obstacle, 4-connected.
Instance ring_instance(const std::shared_ptr<const Grid>& grid) {
  return {grid, MotionKind::FourConnected, {grid->cell(0, 0), grid->cell(2, 2)},
          {grid->cell(2, 0), grid->cell(0, 2)}};
}
Plan ring_plan(const Grid& g) {
  return {{g.cell(0, 0), g.cell(2, 2)},
          {g.cell(1, 0), g.cell(1, 2)},
          {g.cell(2, 0), g.cell(0, 2)}};
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

struct ResultCase {
  fleet::test::ScratchDir dir;
  std::shared_ptr<const Grid> grid = small_grid();
  Motion motion{*grid, MotionKind::FourConnected};
};

InputError result_error(const std::string& text) {
  const ResultCase c;
  const auto file = c.dir.write("bad.txt", text);
  try {
    (void)read_result_file(file, c.motion);
  } catch (const InputError& e) {
    CHECK(e.file() == file.string());
    return e;
  }
  FAIL("no InputError for:\n" << text);
  throw std::logic_error("unreachable");
}

}  // namespace

TEST_CASE("a written result reads back with its header and plan", "[result]") {
  const ResultCase c;
  const Instance instance = ring_instance(c.grid);
  Result result;
  result.status = Status::Solved;
  result.plan = ring_plan(*c.grid);
  result.stats.runtime_s = 0.25;
  const auto file = c.dir.path() / "result.txt";
  write_result_file(file, instance, result, {{"map_file", "ring.map"}, {"solver", "hand"}});

  const std::string text = read_text(file);
  CHECK(contains(text, "agents=2\n"));
  CHECK(contains(text, "solution=\n0:(0,0),(2,2),\n1:(1,0),(1,2),\n2:(2,0),(0,2),\n"));
  // Only the finished file is left: the temporary beside it was renamed into place.
  CHECK(std::distance(std::filesystem::directory_iterator(c.dir.path()),
                      std::filesystem::directory_iterator()) == 1);

  const LoadedResult loaded = read_result_file(file, instance.motion);
  CHECK(loaded.plan == result.plan);
  REQUIRE(loaded.header.find("solver") != nullptr);
  CHECK(*loaded.header.find("solver") == "hand");
  CHECK(*loaded.header.find("map_file") == "ring.map");
  CHECK(*loaded.header.find("solved") == "1");
  CHECK(*loaded.header.find("soc") == "4");
  CHECK(*loaded.header.find("soc_lb") == "4");
  CHECK(*loaded.header.find("makespan") == "2");
  CHECK(*loaded.header.find("comp_time") == "250");
  CHECK(loaded.header.find("missing") == nullptr);
}

TEST_CASE("rotation-model results keep headings", "[result]") {
  const ResultCase c;
  const Instance instance(c.grid, MotionKind::Rotation, {Motion(*c.grid, MotionKind::Rotation).state(c.grid->cell(0, 0), 0)},
                          {c.grid->cell(1, 0)});
  const Motion& m = instance.motion;
  Result result;
  result.status = Status::Solved;
  result.plan = {{m.state(c.grid->cell(0, 0), 0)},
                 {m.state(c.grid->cell(1, 0), 0)},
                 {m.state(c.grid->cell(1, 0), 1)}};
  const auto file = c.dir.path() / "rotation.txt";
  write_result_file(file, instance, result);
  CHECK(contains(read_text(file), "2:(1,0,1),"));
  CHECK(read_result_file(file, m).plan == result.plan);
}

TEST_CASE("an unsolved result has a header and no solution lines", "[result]") {
  const ResultCase c;
  const Instance instance = ring_instance(c.grid);
  Result result;
  result.status = Status::Timeout;
  const auto file = c.dir.path() / "timeout.txt";
  write_result_file(file, instance, result);
  const std::string text = read_text(file);
  CHECK(contains(text, "solved=0\n"));
  CHECK(contains(text, "status=timeout\n"));
  CHECK(text.substr(text.size() - 10) == "solution=\n");
  const auto e = result_error(text);
  CHECK(contains(e.message(), "no ticks"));
}

TEST_CASE("a failed write leaves neither the result nor a partial file", "[result][errors]") {
  const ResultCase c;
  Result result;
  result.status = Status::Solved;
  result.plan = ring_plan(*c.grid);
  const auto file = c.dir.path() / "no-such-dir" / "result.txt";
  CHECK_THROWS_AS(write_result_file(file, ring_instance(c.grid), result), InputError);
  CHECK_FALSE(std::filesystem::exists(file));

  // A folder in the way: the rename fails and the temporary file is removed again.
  const auto folder = c.dir.path() / "taken";
  std::filesystem::create_directories(folder / "inside");
  CHECK_THROWS_AS(write_result_file(folder, ring_instance(c.grid), result), InputError);
  CHECK(std::filesystem::is_directory(folder / "inside"));
  CHECK_FALSE(std::filesystem::exists(c.dir.path() / "taken.partial"));
}

TEST_CASE("malformed result lines give file and line", "[result][errors]") {
  const std::string head = "agents=2\nsoc=4\nsolution=\n";
  SECTION("a header line without '='") {
    const auto e = result_error("agents=2\nsoc 4\nsolution=\n0:(0,0),(2,2),\n");
    CHECK(e.line() == 2);
  }
  SECTION("no solution= line") {
    CHECK(contains(result_error("agents=2\nsoc=4\n").message(), "solution="));
  }
  SECTION("a tick without its number") {
    CHECK(result_error(head + "(0,0),(2,2),\n").line() == 4);
  }
  SECTION("an unclosed tuple") {
    const auto e = result_error(head + "0:(0,0),(2,2\n");
    CHECK(e.line() == 4);
    CHECK(contains(e.message(), "')'"));
  }
  SECTION("letters for coordinates") {
    CHECK(result_error(head + "0:(0,0),(x,2),\n").line() == 4);
  }
  SECTION("ticks out of order") {
    const auto e = result_error(head + "0:(0,0),(2,2),\n2:(1,0),(1,2),\n");
    CHECK(e.line() == 5);
    CHECK(contains(e.message(), "expected tick 1"));
  }
  SECTION("a heading outside 0..3") {
    CHECK(result_error(head + "0:(0,0,4),(2,2,0),\n").line() == 4);
  }
  SECTION("a missing file") {
    const ResultCase c;
    CHECK_THROWS_AS(read_result_file(c.dir.path() / "none.txt", c.motion), InputError);
  }
}

TEST_CASE("robot counts and coordinates are checked against the header and map",
          "[result][errors]") {
  SECTION("tick 0 disagrees with agents=") {
    const auto e = result_error("agents=3\nsolution=\n0:(0,0),(2,2),\n");
    CHECK(e.line() == 3);
    CHECK(contains(e.message(), "agents=3"));
  }
  SECTION("a later tick lists fewer robots") {
    const auto e = result_error("solution=\n0:(0,0),(2,2),\n1:(1,0),\n");
    CHECK(e.line() == 3);
    CHECK(contains(e.message(), "1 robots"));
  }
  SECTION("a coordinate off the map") {
    const auto e = result_error("agents=2\nsolution=\n0:(0,0),(3,2),\n");
    CHECK(e.line() == 3);
    CHECK(contains(e.message(), "robot 1 at (3,2) is off the 3x3 map"));
  }
  SECTION("a negative coordinate") {
    CHECK(result_error("solution=\n0:(0,-1),\n").line() == 2);
  }
}
