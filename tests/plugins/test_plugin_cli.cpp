// Plugins through the fleetsim commands, as a user runs them: --plugin on planners, solve,
// run and bench, `plugins:` in scenario and suite files (relative to the file), exit 2 with one
// clear message for each broken plugin, and the status each misbehaving planner gets.
#include "../bench/process.hpp"
#include "../planner/scratch_files.hpp"
#include "../test_paths.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;
using fleet::test::ScratchDir;

std::string test_plugin(const std::string& name) {
  return (fs::path(FLEET_TEST_PLUGINS) / (name + ".so")).string();
}

struct Ran {
  int code = -1;
  std::string out;
  std::string err;
};

/// Runs fleetsim with `args` (paths as strings); its output files land in `dir`.
Ran fleetsim(const ScratchDir& dir, const std::vector<fs::path>& args) {
  std::vector<std::string> argv = {FLEETSIM_EXE};
  for (const auto& arg : args) argv.push_back(arg.string());
  auto spawned = fleet::test::spawn(argv, dir.path(), "fleetsim");
  Ran ran;
  ran.code = spawned.wait();
  ran.out = spawned.stdout_text();
  ran.err = spawned.stderr_text();
  return ran;
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

/// A lifelong scenario of a small floor that loads `plugin` (a path relative to the scenario's
/// folder) and runs `planner`.
std::string scenario_text(const std::string& plugin, const std::string& planner) {
  return "name: plugin-floor\nlayout: {blocks_x: 2, blocks_y: 2, block_width: 4, "
         "block_height: 2, aisle_width: 1, stations: 2}\nfleet: {robots: 6}\n"
         "tasks: {mode: errands}\nplanner: {name: " +
         planner + ", time_limit: 0.5}\nhorizon: 1\nsteps: 10\nplugins: [" + plugin + "]\n";
}

}  // namespace

TEST_CASE("planners lists a plugin's planners with their parameters", "[plugins][cli]") {
  const ScratchDir dir;
  const Ran ran = fleetsim(dir, {"planners", "--plugin", test_plugin("good_plugin")});
  CHECK(ran.code == 0);
  CHECK(contains(ran.out, "plugin-pibt\n    the built-in pibt, loaded from a test plugin"));
  CHECK(contains(ran.out, "--param note=unused"));
  CHECK(contains(ran.out, "lacam"));
}

TEST_CASE("each broken plugin stops the command with exit 2 and one clear line",
          "[plugins][cli]") {
  const ScratchDir dir;
  const std::vector<std::pair<std::string, std::string>> cases = {
      {test_plugin("missing"), "plugin not found"},
      {test_plugin("no_entry_point"), "no 'fleetsim_plugin' entry point"},
      {test_plugin("wrong_abi"), "built for plugin ABI version"},
      {test_plugin("taken_name"), "that name is already taken"},
  };
  for (const auto& [plugin, message] : cases) {
    INFO(plugin);
    const Ran ran = fleetsim(dir, {"planners", "--plugin", plugin});
    CHECK(ran.code == 2);
    CHECK(contains(ran.err, "fleetsim: error: " + plugin));
    CHECK(contains(ran.err, message));
    CHECK(ran.out.empty());
  }
}

TEST_CASE("solve and run plan with a plugin's planner", "[plugins][cli]") {
  const ScratchDir dir;
  const Ran solved = fleetsim(
      dir, {"solve", fleet::test::movingai("empty-32-32.map").string(),
            fleet::test::movingai("empty-32-32-random-1.scen").string(), "-k", "8", "--planner",
            "plugin-pibt", "--plugin", test_plugin("good_plugin"), "-o", dir.path() / "result.txt",
            "-q"});
  CHECK(solved.code == 0);
  CHECK(contains(solved.out, "planner    plugin-pibt"));

  // plugins: in the scenario, relative to the scenario's folder.
  const fs::path relative = fs::relative(test_plugin("good_plugin"), dir.path());
  const auto scenario = dir.write("floor.yaml", scenario_text(relative.string(), "plugin-pibt"));
  const Ran ran = fleetsim(dir, {"run", scenario, "-o", dir.path() / "out", "--no-trace", "-q"});
  INFO(ran.err);
  CHECK(ran.code == 0);
  CHECK(contains(ran.out, "planner       plugin-pibt"));
  CHECK(contains(ran.out, "10 calls accepted, 0 late, 0 failed"));

  const auto missing = dir.write("missing.yaml", scenario_text("nowhere.so", "plugin-pibt"));
  const Ran refused = fleetsim(dir, {"run", missing.string(), "-q"});
  CHECK(refused.code == 2);
  CHECK(contains(refused.err, "missing.yaml:"));
  CHECK(contains(refused.err, "plugin file not found"));
}

namespace {

/// `fleetsim run` of a small floor with `planner` from `plugin`, into `dir`/`out`.
Ran run_floor(const ScratchDir& dir, const std::string& plugin, const std::string& planner,
              const std::string& out, bool isolated = false) {
  const auto scenario = dir.write(out + ".yaml", scenario_text(test_plugin(plugin), planner));
  std::vector<fs::path> args = {"run", scenario, "-o", dir.path() / out, "--no-trace"};
  if (isolated) args.emplace_back("--isolate-planner");
  return fleetsim(dir, args);
}

}  // namespace

TEST_CASE("a throwing planner's calls fail and the run completes", "[plugins][cli]") {
  const ScratchDir dir;
  const Ran ran = run_floor(dir, "misbehaving_plugin", "throws", "out");
  CHECK(ran.code == 0);
  CHECK(contains(ran.out, "0 calls accepted, 0 late, 10 failed"));
  CHECK(contains(ran.err, "planner threw: this planner always throws"));
}

TEST_CASE("run --isolate-planner: a segfault fails one call, not the run", "[plugins][cli]") {
  const ScratchDir dir;
  const Ran ran = run_floor(dir, "misbehaving_plugin", "crashes", "out", true);
  CHECK(ran.code == 0);
  CHECK(contains(ran.out, "0 calls accepted, 0 late, 10 failed"));
  CHECK(contains(ran.err, "planner process died: was killed by signal 11"));
}

TEST_CASE("run --isolate-planner plans what the planner plans in process", "[plugins][cli]") {
  const ScratchDir dir;
  const auto hash = [](const std::string& out) {
    const auto at = out.find("state hash");
    return at == std::string::npos ? std::string() : out.substr(at, out.find('\n', at) - at);
  };
  const Ran in_process = run_floor(dir, "good_plugin", "plugin-pibt", "a");
  const Ran isolated = run_floor(dir, "good_plugin", "plugin-pibt", "b", true);
  CHECK(isolated.code == 0);
  CHECK(contains(isolated.out, "10 calls accepted, 0 late, 0 failed"));
  CHECK_FALSE(hash(in_process.out).empty());
  CHECK(hash(isolated.out) == hash(in_process.out));
}

TEST_CASE("bench records a segfaulting plugin planner as a crash beside the others",
          "[plugins][cli][bench]") {
  const ScratchDir dir;
  const fs::path relative = fs::relative(test_plugin("misbehaving_plugin"), dir.path());
  const auto suite = dir.write(
      "suite.yaml",
      "name: plugins\ntime_limit: 5\nkill_grace: 1\nplugins: [" + relative.string() +
          "]\nscenarios:\n  - map: " + fleet::test::movingai("empty-32-32.map").string() +
          "\n    scen: " + fleet::test::movingai("empty-32-32-random-1.scen").string() +
          "\n    agents: [4]\nplanners: [crashes, throws, pibt]\n");
  const Ran ran =
      fleetsim(dir, {"bench", suite, "-o", dir.path() / "results.jsonl", "-q"});
  INFO(ran.err);
  CHECK(ran.code == 0);
  const std::string results = fleet::test::read_file(dir.path() / "results.jsonl");
  const auto line_of = [&](const std::string& planner) {
    const auto at = results.find("\"planner\":\"" + planner + "\"");
    if (at == std::string::npos) return std::string();
    const auto begin = results.rfind('\n', at) + 1;
    return results.substr(begin, results.find('\n', at) - begin);
  };
  CHECK(contains(line_of("crashes"), "\"status\":\"crash\""));
  CHECK_FALSE(contains(line_of("throws"), "\"status\":\"solved\""));
  CHECK(contains(line_of("pibt"), "\"status\":\"solved\""));
}

#ifdef FLEETSIM_VIZ_EXE
TEST_CASE("fleetsim-viz --live loads plugins too", "[plugins][cli][viz]") {
  const ScratchDir dir;
  const auto scenario = dir.write("floor.yaml", scenario_text(test_plugin("good_plugin"),
                                                              "plugin-pibt"));
  // The plugin is loaded (and refused) before any window opens, so no display is needed.
  auto spawned = fleet::test::spawn({FLEETSIM_VIZ_EXE, "--live", scenario.string(), "--plugin",
                                     test_plugin("taken_name")},
                                    dir.path(), "viz");
  CHECK(spawned.wait() == 2);
  CHECK(contains(spawned.stderr_text(), "that name is already taken"));
}
#endif
