// fleetsim-viz on bad input: a clear message and exit code 2, never a crash; and --help lists
// the controls. None of these needs a display: the input is checked before a window opens.
#include "viz_test_support.hpp"

#include <fleet/viz/trace_source.hpp>

#include <catch2/catch.hpp>

#include <fstream>

namespace {

std::string quoted(const std::filesystem::path& p) { return "'" + p.string() + "'"; }

}  // namespace

TEST_CASE("fleetsim-viz --help lists keyboard and mouse controls", "[viz][cli]") {
  fleet::test::VizScratch scratch;
  const auto ran = fleet::test::run_viz("--help", scratch.path());
  CHECK(ran.code == 0);
  for (const char* needle : {"Space", "play / pause", "wheel", "find a robot", "--snapshot", "heatmap"})
    CHECK(ran.output.find(needle) != std::string::npos);
}

TEST_CASE("fleetsim-viz exits with 2 and a message on bad input", "[viz][cli]") {
  fleet::test::VizScratch scratch;
  const auto dir = scratch.path();
  auto expect_error = [&](const std::string& args, const std::string& says) {
    const auto ran = fleet::test::run_viz(args + " --snapshot " + quoted(dir / "x.png"), dir);
    INFO(args << "\n" << ran.output);
    CHECK(ran.code == 2);
    CHECK(ran.output.find("fleetsim-viz: error:") != std::string::npos);
    CHECK(ran.output.find(says) != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(dir / "x.png"));
  };

  SECTION("a missing run directory") { expect_error(quoted(dir / "nope"), "no such run"); }

  SECTION("a truncated trace") {
    fleet::test::simulate_room(dir / "run", 20);
    const auto trace = dir / "run" / fleet::viz::kTraceFileName;
    std::filesystem::resize_file(trace, std::filesystem::file_size(trace) - 40);
    expect_error(quoted(dir / "run"), "trace.fltrace");
  }

  SECTION("a result file that does not match its map") {
    std::ofstream(dir / "m.map") << "type octile\nheight 3\nwidth 4\nmap\n....\n.@@.\n....\n";
    std::ofstream(dir / "wall.txt") << "agents=2\nsolution=\n0:(0,0),(3,2),\n1:(1,1),(3,1),\n";
    expect_error("--map " + quoted(dir / "m.map") + " --result " + quoted(dir / "wall.txt"),
                 "does not match this map");
    std::ofstream(dir / "wide.txt") << "agents=1\nsolution=\n0:(9,0),\n";
    expect_error("--map " + quoted(dir / "m.map") + " --result " + quoted(dir / "wide.txt"), "off the");
  }

  SECTION("no source, or two") {
    expect_error("", "give exactly one of");
    expect_error(quoted(dir) + " --live " + quoted(dir / "s.yaml"), "give exactly one of");
  }

  SECTION("a bad option value") {
    fleet::test::simulate_room(dir / "run", 5);
    expect_error(quoted(dir / "run") + " --heatmap lava", "--heatmap");
    expect_error(quoted(dir / "run") + " --size 10by10", "--size");
  }
}

TEST_CASE("fleetsim-viz range-checks its numbers", "[viz][cli]") {
  fleet::test::VizScratch scratch;
  const auto dir = scratch.path();
  fleet::test::simulate_room(dir / "run", 5);
  const std::string run = quoted(dir / "run") + " --snapshot " + quoted(dir / "x.png") + " ";
  auto expect_refused = [&](const std::string& args, const std::string& says) {
    const auto ran = fleet::test::run_viz(run + args, dir);
    INFO(args << "\n" << ran.output);
    CHECK(ran.code == 2);
    CHECK(ran.output.find(says) != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(dir / "x.png"));
  };
  for (const char* args : {"--speed nan", "--speed inf", "--speed -1", "--speed 0"})
    expect_refused(args, "must be a number in (0, 1e+06]");
  for (const char* args : {"--select -5", "--tick -1", "--window -3", "--frames -1"})
    expect_refused(args, "must be an integer in 0..2147483647");
}
