// Runs the built fleetsim binary as a user would: help and version, the planner list, solve
// then validate, and every documented error path (exit code 2, one "file:line" message).
#include "../planner/scratch_files.hpp"
#include "../test_paths.hpp"
#include "fleetsim_process.hpp"

#include <fleet/planner/registry.hpp>

#include <catch2/catch.hpp>

#include <sys/wait.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

namespace {

using fleet::test::ScratchDir;
using namespace fleet::test::cli;

// A 4x3 map with a wall at (1,1), two robots, and result files for it.
struct TinyCase {
  ScratchDir dir;
  TinyCase() {
    dir.write("tiny.map", "type octile\nheight 3\nwidth 4\nmap\n....\n.@..\n....\n");
    dir.write("tiny.scen",
              "version 1\n0\ttiny.map\t4\t3\t0\t0\t3\t0\t3\n0\ttiny.map\t4\t3\t3\t2\t0\t2\t3\n");
  }
  Outcome validate(const std::string& result_text, const std::string& extra = "") {
    dir.write("result.txt", result_text);
    return fleetsim(dir, "validate tiny.map tiny.scen result.txt" + extra);
  }
};

}  // namespace

TEST_CASE("fleetsim --help, --version and each command's help", "[cli]") {
  const ScratchDir dir;
  const Outcome help = fleetsim(dir, "--help");
  CHECK(help.code == 0);
  for (const char* command : {"run", "solve", "validate", "planners"})
    CHECK(contains(help.out, command));
  const Outcome version = fleetsim(dir, "--version");
  CHECK(version.code == 0);
  CHECK(version.out.rfind("fleetsim ", 0) == 0);
  const Outcome solve_help = fleetsim(dir, "solve --help");
  CHECK(solve_help.code == 0);
  CHECK(contains(solve_help.out, "--time-limit"));
  CHECK(contains(solve_help.out, "Exit codes"));
  CHECK(fleetsim(dir, "validate --help").code == 0);
  CHECK(fleetsim(dir, "run --help").code == 0);
  check_error(fleetsim(dir, ""), "subcommand");
  check_error(fleetsim(dir, "frobnicate"), "frobnicate");
}

TEST_CASE("fleetsim planners lists every registered planner and its parameters", "[cli]") {
  const ScratchDir dir;
  const Outcome listed = fleetsim(dir, "planners");
  CHECK(listed.code == 0);
  const auto registry = fleet::planner::builtin_planners();
  REQUIRE_FALSE(registry.entries().empty());
  for (const auto* entry : registry.entries()) {
    CHECK(contains(listed.out, entry->name + "\n"));
    for (const auto& param : entry->params)
      CHECK(contains(listed.out, param.name + "=" + param.default_value));
  }
}

TEST_CASE("fleetsim solve writes a result that fleetsim validate accepts", "[cli]") {
  const ScratchDir dir;
  // The default planner is pp when it is registered; the reactive fallback deadlocks on this
  // map with more than one robot, so it is only asked for one.
  const bool has_pp = fleet::planner::builtin_planners().find("pp") != nullptr;
  const std::string k = has_pp ? "20" : "1";
  const std::string map = data("random-32-32-20.map");
  const std::string scen = data("random-32-32-20-random-1.scen");
  const Outcome solved = fleetsim(dir, "solve " + map + " " + scen + " -k " + k + " --seed 7");
  INFO(solved.out << solved.err);
  REQUIRE(solved.code == 0);
  CHECK(contains(solved.out, "solved"));
  CHECK(contains(solved.out, "soc/lb"));
  const std::string result = read_text(dir.path() / "result.txt");
  CHECK(contains(result, "agents=" + k + "\n"));
  CHECK(contains(result, "map_file=random-32-32-20.map\n"));
  CHECK(contains(result, std::string("solver=") + (has_pp ? "pp" : "reactive") + "\n"));
  CHECK(contains(result, "seed=7\n"));
  CHECK(contains(result, "solved=1\n"));

  const Outcome valid = fleetsim(dir, "validate " + map + " " + scen + " result.txt");
  INFO(valid.out << valid.err);
  CHECK(valid.code == 0);
  CHECK(valid.out.rfind("OK: " + k + " robots", 0) == 0);

  // Under the rotation model the result carries headings and its motion= header, which
  // validate picks up without being told.
  const Outcome rotating = fleetsim(dir, "solve " + map + " " + scen + " -k " + k +
                                             " --motion rotation -o rotation.txt");
  INFO(rotating.out << rotating.err);
  REQUIRE(rotating.code == 0);
  CHECK(contains(read_text(dir.path() / "rotation.txt"), "0:(5,16,0),"));
  const Outcome rotation_valid = fleetsim(dir, "validate " + map + " " + scen + " rotation.txt");
  CHECK(rotation_valid.code == 0);
  CHECK(contains(rotation_valid.out, "rotation motion"));

  // --out names the file; a second run replaces the first.
  const Outcome elsewhere =
      fleetsim(dir, "solve " + map + " " + scen + " -k 1 --planner reactive -o one.txt");
  CHECK(elsewhere.code == 0);
  CHECK(contains(read_text(dir.path() / "one.txt"), "agents=1\n"));
}

TEST_CASE("an unsolved instance exits 1 and replaces the result with solved=0", "[cli]") {
  const ScratchDir dir;
  dir.write("result.txt", "an old result\n");
  const Outcome unsolved = fleetsim(
      dir, "solve " + data("random-32-32-20.map") + " " + data("random-32-32-20-random-1.scen") +
               " -k 5 --planner reactive --param max_ticks=3");
  INFO(unsolved.out << unsolved.err);
  CHECK(unsolved.code == 1);
  CHECK(contains(unsolved.out, "timeout"));
  const std::string result = read_text(dir.path() / "result.txt");
  CHECK(contains(result, "solved=0\n"));
  CHECK(result.substr(result.size() - 10) == "solution=\n");
  // Validating it is an input error: the file holds no plan.
  check_error(fleetsim(dir, "validate " + data("random-32-32-20.map") + " " +
                                data("random-32-32-20-random-1.scen") + " result.txt"),
              "no ticks");
}

TEST_CASE("fleetsim solve shows progress on stderr while it plans, and not with -q", "[cli]") {
  const ScratchDir dir;
  // Far too many agents for CBS: it plans until the deadline, long past the half second after
  // which progress shows.
  const std::string args = "solve " + data("random-32-32-20.map") + " " +
                           data("random-32-32-20-random-1.scen") +
                           " -k 300 --planner cbs --time-limit 1.5";
  const Outcome shown = fleetsim(dir, args);
  INFO(shown.out << shown.err);
  CHECK(shown.code == 1);
  // stderr is a file here, so progress comes as whole lines, one per tenth of the time limit.
  CHECK(contains(shown.err, "fleetsim: progress: solving (cbs, 300 agents): "));
  CHECK(contains(shown.err, " s of the 1.5 s limit\n"));
  CHECK_FALSE(contains(shown.out, "progress"));  // results only on stdout

  const Outcome quiet = fleetsim(dir, "-q " + args);
  CHECK(quiet.code == 1);
  CHECK(quiet.err.empty());
}

TEST_CASE("bad inputs exit 2 with one file:line message and leave the result alone", "[cli]") {
  TinyCase tiny;
  tiny.dir.write("result.txt", "an old result\n");
  const std::string solve = "solve tiny.map tiny.scen ";
  SECTION("a map row shorter than the header says") {
    tiny.dir.write("short.map", "type octile\nheight 3\nwidth 4\nmap\n....\n.@.\n....\n");
    check_error(fleetsim(tiny.dir, "solve short.map tiny.scen -k 1"), "short.map:6: ");
  }
  SECTION("a missing map") { check_error(fleetsim(tiny.dir, "solve none.map tiny.scen -k 1"), "none.map"); }
  SECTION("more robots than the scenario has") {
    check_error(fleetsim(tiny.dir, solve + "-k 3"), "tiny.scen: asked for 3 agents");
  }
  SECTION("a scenario row off the map") {
    tiny.dir.write("off.scen", "version 1\n0\ttiny.map\t4\t3\t0\t0\t4\t0\t3\n");
    check_error(fleetsim(tiny.dir, "solve tiny.map off.scen -k 1"), "off.scen:2: ");
  }
  SECTION("an unknown planner") {
    check_error(fleetsim(tiny.dir, solve + "-k 1 --planner nope"), "unknown planner 'nope'");
  }
  SECTION("an unknown planner parameter") {
    check_error(fleetsim(tiny.dir, solve + "-k 1 --planner reactive --param nope=1"),
                "no parameter 'nope'");
  }
  SECTION("a parameter value of the wrong type") {
    check_error(fleetsim(tiny.dir, solve + "-k 1 --planner reactive --param max_ticks=many"),
                "max_ticks");
  }
  SECTION("a --param without '='") {
    check_error(fleetsim(tiny.dir, solve + "-k 1 --param max_ticks"), "key=value");
  }
  SECTION("option errors") {
    check_error(fleetsim(tiny.dir, solve), "--agents");
    check_error(fleetsim(tiny.dir, solve + "-k 0"), "--agents");
    check_error(fleetsim(tiny.dir, solve + "-k 1 --motion diagonal"), "--motion");
    check_error(fleetsim(tiny.dir, solve + "-k 1 --bogus"), "--bogus");
  }
  SECTION("an output folder that does not exist") {
    check_error(fleetsim(tiny.dir, solve + "-k 1 -o no/such/dir/r.txt"), "does not exist");
  }
  CHECK(read_text(tiny.dir.path() / "result.txt") == "an old result\n");
}

TEST_CASE("fleetsim validate: 0 for a valid plan, 1 for violations, 2 for bad files", "[cli]") {
  TinyCase tiny;
  // Robot 0 (0,0) -> (3,0) along the top; robot 1 (3,2) -> (0,2) along the bottom.
  const std::string valid = "agents=2\nsoc=6\nsolution=\n0:(0,0),(3,2),\n1:(1,0),(2,2),\n"
                            "2:(2,0),(1,2),\n3:(3,0),(0,2),\n";
  const Outcome ok = tiny.validate(valid);
  INFO(ok.out << ok.err);
  CHECK(ok.code == 0);
  CHECK(contains(ok.out, "OK: 2 robots, 3 ticks"));
  CHECK(contains(ok.out, "soc        6"));

  SECTION("a jump and a wrong goal are reported one per line, exit 1") {
    const Outcome bad = tiny.validate("solution=\n0:(0,0),(3,2),\n1:(2,0),(3,2),\n");
    CHECK(bad.code == 1);
    CHECK(contains(bad.out, "non-unit move at t=0, robot 0, cell (0,0)\n"));
    CHECK(contains(bad.out, "wrong goal at t=1, robot 1, cell (0,2)\n"));
    CHECK(contains(bad.out, "INVALID: 3 violations"));  // robot 0 misses its goal too
  }
  SECTION("a vertex conflict") {
    // Robot 0 walks into (3,0) where robot 1 waits.
    const Outcome bad = tiny.validate(
        "solution=\n0:(0,0),(3,2),\n1:(1,0),(3,1),\n2:(2,0),(3,0),\n3:(3,0),(3,0),\n");
    CHECK(bad.code == 1);
    CHECK(contains(bad.out, "vertex conflict at t=3, robot 0 and robot 1, cell (3,0)\n"));
  }
  SECTION("a malformed line is an input error with its line") {
    check_error(tiny.validate("agents=2\nsolution=\n0:(0,0),(3,2),\n1:(1,0),(2,2\n"),
                "result.txt:4: ");
  }
  SECTION("a robot count that disagrees with the header") {
    check_error(tiny.validate("agents=3\nsolution=\n0:(0,0),(3,2),\n"), "result.txt:3: ");
  }
  SECTION("more robots than the scenario has") {
    check_error(tiny.validate("solution=\n0:(0,0),(3,2),(1,0),\n"), "asked for 3 agents");
  }
  SECTION("a coordinate off the map") {
    check_error(tiny.validate("solution=\n0:(0,0),(4,2),\n"), "off the 4x3 map");
  }
  SECTION("the header's soc disagreeing with the plan is only a warning") {
    const Outcome warned = tiny.validate("soc=5\n" + valid.substr(valid.find("solution=")));
    CHECK(warned.code == 0);
    CHECK(contains(warned.err, "soc=5"));
  }
}

TEST_CASE("fleetsim run simulates a shipped scenario into its run folder", "[cli][run]") {
  const ScratchDir dir;
  const std::string scenario = quote((fleet::test::source_dir() / "scenarios/small.yaml").string());
  // A deadline the default planner never reaches (its LNS stops by patience first), so that
  // a slow build plans the same as a fast one and the two runs below compare.
  const Outcome ran =
      fleetsim(dir, "run " + scenario + " --steps 50 --threads 1 --time-limit 60 -o out");
  INFO(ran.out << ran.err);
  REQUIRE(ran.code == 0);
  CHECK(contains(ran.out, "ticks         50\n"));
  CHECK(contains(ran.out, "robots"));
  CHECK(std::filesystem::exists(dir.path() / "out" / "summary.json"));
  // A lifelong run prints its throughput per slice: 50 ticks make one slice of (nominally)
  // 100 ticks, whose figure is the run's throughput ("0.180" has two decimals, errands / 50).
  const auto figure = ran.out.find("throughput ");
  REQUIRE(figure != std::string::npos);
  const std::string three_decimals = ran.out.substr(figure + 11, 5);
  CHECK(contains(ran.out, "per 100 ticks " + three_decimals.substr(0, 4) + "\n"));

  // The same run with two threads reaches the same state (the hash is printed).
  const auto hash_of = [](const std::string& out) {
    const auto at = out.find("state hash");
    return at == std::string::npos ? std::string() : out.substr(at, out.find('\n', at) - at);
  };
  const Outcome again =
      fleetsim(dir, "run " + scenario + " --steps 50 --threads 2 --time-limit 60 -o out2");
  REQUIRE(again.code == 0);
  CHECK_FALSE(hash_of(ran.out).empty());
  CHECK(hash_of(again.out) == hash_of(ran.out));

  // The default folder is runs/<scenario name>, relative to the working directory.
  CHECK(fleetsim(dir, "-q run " + scenario + " --steps 5").code == 0);
  CHECK(std::filesystem::exists(dir.path() / "runs" / "small" / "summary.json"));
}

TEST_CASE("fleetsim run reports bad scenarios and overrides with exit 2", "[cli][run]") {
  const ScratchDir dir;
  check_error(fleetsim(dir, "run missing.yaml"), "missing.yaml");
  dir.write("bad.yaml", "name: bad\nfleet:\n  robots: [1, 2\n");
  check_error(fleetsim(dir, "run bad.yaml"), "bad.yaml:");
  const std::string scenario = quote((fleet::test::source_dir() / "scenarios/small.yaml").string());
  check_error(fleetsim(dir, "run " + scenario + " --planner nope -o never"), "unknown planner");
  CHECK_FALSE(std::filesystem::exists(dir.path() / "never"));
  check_error(fleetsim(dir, "run " + scenario + " --steps 0"), "--steps");
}

TEST_CASE("fleetsim run writes the Robot Runners log of the problem's year or of --lorr-log",
          "[cli][run][lorr]") {
  const ScratchDir dir;
  const std::string problem =
      quote((fleet::test::data_dir() / "lorr2023" / "warehouse_small_50.json").string());
  const std::string run = "-q run " + problem + " --planner pibt --steps 5 --no-trace ";
  REQUIRE(fleetsim(dir, run + "-o y2023").code == 0);
  CHECK(contains(read_text(dir.path() / "y2023" / "lorr_log.json"), "\"version\": \"2023 LoRR\""));
  REQUIRE(fleetsim(dir, run + "--lorr-log 2024 -o y2024").code == 0);
  const std::string log = read_text(dir.path() / "y2024" / "lorr_log.json");
  CHECK(contains(log, "\"version\": \"2024 LoRR\""));
  CHECK(contains(log, "\"actualSchedule\""));
  check_error(fleetsim(dir, "run " + problem + " --lorr-log 2025"), "--lorr-log");
}

TEST_CASE("fleetsim run --agents resizes a Robot Runners fleet", "[cli][run][lorr]") {
  const ScratchDir dir;
  const std::string problem =
      quote((fleet::test::data_dir() / "lorr2023" / "warehouse_small_50.json").string());
  const Outcome ran =
      fleetsim(dir, "-q run " + problem + " --agents 60 --planner pibt --steps 5 --no-trace -o out");
  INFO(ran.out << ran.err);
  REQUIRE(ran.code == 0);
  CHECK(contains(ran.out, "60 robots"));
  CHECK(contains(ran.out, "distances"));
  CHECK(contains(read_text(dir.path() / "out" / "summary.json"), "\"distance_tables\""));

  check_error(fleetsim(dir, "run " + problem + " --agents 0"), "--agents");
  check_error(fleetsim(dir, "run " + problem + " --agents -5"), "--agents");
  const std::string scenario = quote((fleet::test::source_dir() / "scenarios/small.yaml").string());
  check_error(fleetsim(dir, "run " + scenario + " --agents 3"), "--agents");
}

TEST_CASE("fleetsim run executes under delays on the ADG without preventing a move",
          "[cli][run]") {
  const ScratchDir dir;
  const std::string scenario = quote((fleet::test::source_dir() / "scenarios/small.yaml").string());
  const Outcome ran = fleetsim(dir, "run " + scenario + " --steps 20 --threads 1 --time-limit 60 "
                                    "--execution adg --delay-prob 0.1 --stall-prob 0.01 -o out");
  INFO(ran.out << ran.err);
  REQUIRE(ran.code == 0);
  CHECK(contains(ran.out, "execution     adg, slip 0.1, stall 0.01"));
  CHECK(contains(ran.out, "prevented     0 violations in 0 ticks"));
  CHECK(contains(ran.out, "robot-ticks delayed"));
  check_error(fleetsim(dir, "run " + scenario + " --delay-prob 1.5"), "--delay-prob");
  check_error(fleetsim(dir, "run " + scenario + " --execution smart"), "--execution");
}
