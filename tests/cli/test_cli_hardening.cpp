// fleetsim against hostile input, as a user would meet it: names that try to leave the output
// folder, planted symlinks, a second run into the same folder, devices and folders given as
// files, numbers out of range, and binary files whose bytes must not reach the terminal.
#include "fleetsim_process.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

namespace {

namespace fs = std::filesystem;
using fleet::test::ScratchDir;
using namespace fleet::test::cli;

// A lifelong floor small enough to simulate in a moment; `name_line` replaces its name.
std::string tiny_floor(const std::string& name_line = "name: tiny") {
  return name_line +
         "\nlayout: {blocks_x: 2, blocks_y: 1, block_width: 3, block_height: 1, aisle_width: 1, "
         "stations: 1}\nfleet: {robots: 2}\nplanner:\n  name: reactive\n  time_limit: 0.5\n"
         "steps: 5\n";
}

}  // namespace

TEST_CASE("a scenario's name never leads outside runs/", "[cli][run][hardening]") {
  const ScratchDir dir;
  dir.write("up.yaml", tiny_floor("name: ../../../escaped"));
  check_error(fleetsim(dir, "run up.yaml"), "up.yaml:1: 'name' contains a path separator");
  dir.write("abs.yaml", tiny_floor("name: " + (dir.path() / "abs-run").string()));
  check_error(fleetsim(dir, "run abs.yaml"), "abs.yaml:1: 'name' contains a path separator");
  dir.write("dots.yaml", tiny_floor("name: .."));
  check_error(fleetsim(dir, "run dots.yaml"), "'name' is '..'");
  CHECK_FALSE(fs::exists(dir.path().parent_path().parent_path() / "escaped"));
  CHECK_FALSE(fs::exists(dir.path() / "abs-run"));
  CHECK_FALSE(fs::exists(dir.path() / "runs"));
}

TEST_CASE("a second run into the same folder is refused unless --overwrite",
          "[cli][run][hardening]") {
  const ScratchDir dir;
  dir.write("tiny.yaml", tiny_floor());
  REQUIRE(fleetsim(dir, "-q run tiny.yaml -o out").code == 0);
  const std::string first = read_text(dir.path() / "out" / "summary.json");
  REQUIRE_FALSE(first.empty());
  check_error(fleetsim(dir, "-q run tiny.yaml --seed 7 -o out"), "already holds files");
  CHECK(read_text(dir.path() / "out" / "summary.json") == first);
  // Without -o the default folder runs/<name> is protected the same way.
  REQUIRE(fleetsim(dir, "-q run tiny.yaml").code == 0);
  check_error(fleetsim(dir, "-q run tiny.yaml"), "runs/tiny: the output folder already holds");
  REQUIRE(fleetsim(dir, "-q run tiny.yaml --seed 7 -o out --overwrite").code == 0);
  CHECK(read_text(dir.path() / "out" / "summary.json") != first);
}

TEST_CASE("-o naming a file is a clear error", "[cli][run][hardening]") {
  const ScratchDir dir;
  dir.write("tiny.yaml", tiny_floor());
  dir.write("taken", "a file");
  const Outcome outcome = fleetsim(dir, "-q run tiny.yaml -o taken");
  check_error(outcome, "taken: exists and is not a folder");
  CHECK_FALSE(contains(outcome.err, "filesystem error"));
  CHECK(read_text(dir.path() / "taken") == "a file");
}

TEST_CASE("a planted .partial symlink is never written through", "[cli][hardening]") {
  const ScratchDir dir;
  dir.write("victim.txt", "precious");
  dir.write("tiny.yaml", tiny_floor());
  fs::create_directories(dir.path() / "out");
  fs::create_symlink(dir.path() / "victim.txt", dir.path() / "out" / "summary.json.partial");
  fs::create_symlink(dir.path() / "victim.txt", dir.path() / "out" / "trace.fltrace.partial");
  REQUIRE(fleetsim(dir, "-q run tiny.yaml -o out --overwrite").code == 0);
  CHECK(read_text(dir.path() / "victim.txt") == "precious");
  CHECK(fs::is_regular_file(fs::symlink_status(dir.path() / "out" / "summary.json")));

  dir.write("tiny.map", "type octile\nheight 3\nwidth 4\nmap\n....\n.@..\n....\n");
  dir.write("tiny.scen", "version 1\n0\ttiny.map\t4\t3\t0\t0\t3\t0\t3\n");
  fs::create_symlink(dir.path() / "victim.txt", dir.path() / "r.txt.partial");
  REQUIRE(fleetsim(dir, "-q solve tiny.map tiny.scen -k 1 --planner reactive -o r.txt").code == 0);
  CHECK(read_text(dir.path() / "victim.txt") == "precious");
  CHECK(contains(read_text(dir.path() / "r.txt"), "solution="));
}

TEST_CASE("devices, folders and pipes are refused before reading", "[cli][hardening]") {
  const ScratchDir dir;
  dir.write("tiny.scen", "version 1\n0\ttiny.map\t4\t3\t0\t0\t3\t0\t3\n");
  check_error(fleetsim(dir, "solve /dev/zero tiny.scen -k 1"),
              "/dev/zero: not a regular file (it is a device); expected a map file");
  fs::create_directories(dir.path() / "folder.map");
  check_error(fleetsim(dir, "solve folder.map tiny.scen -k 1"), "it is a directory");
  check_error(fleetsim(dir, "run /dev/zero"), "not a regular file");
}

TEST_CASE("numbers are range-checked on the command line", "[cli][hardening]") {
  const ScratchDir dir;
  dir.write("tiny.map", "type octile\nheight 3\nwidth 4\nmap\n....\n.@..\n....\n");
  dir.write("tiny.scen", "version 1\n0\ttiny.map\t4\t3\t0\t0\t3\t0\t3\n");
  const std::string solve = "-q solve tiny.map tiny.scen -k 1 --planner reactive ";
  for (const char* limit : {"inf", "1e308", "nan", "86401"})
    check_error(fleetsim(dir, solve + "--time-limit " + limit), "must be a number in (0, 86400]");
  for (const char* seed : {"-1", "18446744073709551616", "1e3"})
    check_error(fleetsim(dir, solve + "--seed " + seed),
                "must be an integer in 0..18446744073709551615");
  CHECK(fleetsim(dir, solve + "--seed 18446744073709551615 --time-limit 86400").code == 0);
  CHECK(contains(read_text(dir.path() / "result.txt"), "seed=18446744073709551615"));

  dir.write("tiny.yaml", tiny_floor());
  check_error(fleetsim(dir, "run tiny.yaml --time-limit inf"), "must be a number in (0, 86400]");
  check_error(fleetsim(dir, "run tiny.yaml --seed -1"), "must be an integer in 0..");
}

TEST_CASE("an unknown planner in a scenario names the file and line", "[cli][run][hardening]") {
  const ScratchDir dir;
  dir.write("nope.yaml", "name: nope\nlayout: {blocks_x: 2, blocks_y: 1, block_width: 3, "
                         "block_height: 1, aisle_width: 1, stations: 1}\nfleet: {robots: 2}\n"
                         "planner:\n  name: teleport\n");
  check_error(fleetsim(dir, "run nope.yaml"), "nope.yaml:4: unknown planner 'teleport'");
  CHECK_FALSE(fs::exists(dir.path() / "runs"));
}

TEST_CASE("binary input is never echoed raw to the terminal", "[cli][hardening]") {
  const ScratchDir dir;
  dir.write("evil.map", std::string("\x1B]0;owned\x07\x1B[2J\n", 14));
  dir.write("tiny.scen", "version 1\n0\ttiny.map\t4\t3\t0\t0\t3\t0\t3\n");
  const Outcome outcome = fleetsim(dir, "solve evil.map tiny.scen -k 1");
  check_error(outcome, "\\x1B]0;owned\\x07\\x1B[2J");
  for (const char ch : outcome.err) CHECK((static_cast<unsigned char>(ch) >= 0x20 || ch == '\n'));
}
