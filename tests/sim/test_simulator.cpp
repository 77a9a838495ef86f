// The step loop: lifelong runs complete errands without executing a violation; broken, slow
// and malformed planners are caught and counted; one-shot runs stop at the goals and write a
// valid result.txt; the run directory holds the trace, the LoRR log, the picture, the summary.
#include "loop_test_support.hpp"
#include "../test_paths.hpp"

#include <fleet/planner/registry.hpp>
#include <fleet/planner/result_file.hpp>
#include <fleet/planner/validator.hpp>
#include <fleet/sim/scenario.hpp>
#include <fleet/sim/simulator.hpp>
#include <fleet/sim/trace.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <optional>
#include <set>
#include <sstream>
#include <thread>

using fleet::planner::Cell;
using fleet::planner::Config;
using fleet::planner::Instance;
using fleet::planner::MotionKind;
using fleet::planner::Planner;
using fleet::planner::PlannerRegistry;
using fleet::planner::Result;
using fleet::planner::State;
using fleet::planner::Status;
using fleet::planner::StopCondition;
using fleet::sim::Simulator;
using fleet::sim::TraceEventKind;

namespace {

/// A planner made of a function, for broken behaviours that only tests want.
class FnPlanner final : public Planner {
public:
  using Fn = std::function<Result(const Instance&, const StopCondition&)>;
  explicit FnPlanner(Fn fn) : fn_(std::move(fn)) {}
  [[nodiscard]] std::string_view name() const override { return "test"; }
  Result solve(const Instance& instance, const StopCondition& stop) override {
    return fn_(instance, stop);
  }

private:
  Fn fn_;
};

PlannerRegistry registry_with(const std::string& name, FnPlanner::Fn fn) {
  PlannerRegistry registry = fleet::planner::builtin_planners();
  registry.add({name, "test planner", {}, [fn](const fleet::planner::ParamValues&, std::uint64_t) {
                  return std::make_unique<FnPlanner>(fn);
                }});
  return registry;
}

/// A plan of horizon + 1 configurations that keeps everyone still except `change`, applied to
/// the configuration after the start.
Result plan_with(const Instance& instance, const std::function<void(Config&)>& change) {
  Result result;
  result.status = Status::Solved;
  result.plan.push_back(instance.starts);
  Config next = instance.starts;
  change(next);
  result.plan.push_back(next);
  for (int t = 1; t < std::max(1, instance.horizon); ++t) result.plan.push_back(next);
  return result;
}

/// Steps the simulator to the end, checking that every executed step is valid.
std::vector<Config> run_checked(Simulator& sim) {
  fleet::planner::Validator validator(sim.motion());
  std::vector<Config> seen{Config(sim.states().begin(), sim.states().end())};
  while (sim.step()) {
    seen.emplace_back(sim.states().begin(), sim.states().end());
    const auto violations = validator.check_step(seen[seen.size() - 2], seen.back(), sim.tick() - 1);
    INFO("tick " << sim.tick());
    REQUIRE(violations.empty());
  }
  return seen;
}

std::size_t count_events(const Simulator& sim, TraceEventKind kind) {
  std::size_t n = 0;
  for (const auto& e : sim.events()) n += e.kind == kind ? 1 : 0;
  return n;
}

}  // namespace

TEST_CASE("a lifelong run completes errands and never executes a violation", "[simulator]") {
  const auto kind = GENERATE(MotionKind::FourConnected, MotionKind::Rotation);
  auto scenario = fleet::test::make_scenario(fleet::test::room_rows(), {0, 9, 70, 79, 22, 57},
                                             {79, 70, 9, 0, 45, 33, 5, 74, 40}, true, kind);
  scenario.steps = 150;
  Simulator sim(scenario, fleet::planner::builtin_planners());
  run_checked(sim);
  const auto s = sim.summary();
  REQUIRE(s.ticks == 150);
  REQUIRE(s.errands_done >= 6);
  REQUIRE(s.planner_late == 0);
  REQUIRE(s.planner_failed == 0);
  REQUIRE(s.violations_prevented == 0);
  REQUIRE(s.replans == 150);
  REQUIRE(s.throughput == Approx(static_cast<double>(s.errands_done) / 150));
  REQUIRE(s.planner_times.calls == 150);
  REQUIRE(s.planner_times.p50_s <= s.planner_times.p99_s);
  REQUIRE(s.planner_times.p99_s <= s.planner_times.max_s);
  REQUIRE(s.phases.ticks == 150);
  REQUIRE(s.phases.total(fleet::sim::Phase::Validate) > 0.0);
  // Each robot-tick is a move, a wait off the goal, or a tick standing on a goal.
  REQUIRE(s.moves + s.waits <= 150 * 6);
  REQUIRE(s.moves > 0);
}

TEST_CASE("a planner that drives two robots into one cell is caught", "[simulator]") {
  // Robot 1 is told to move onto robot 0, which stays put: a vertex conflict.
  auto registry = registry_with("collide", [](const Instance& in, const StopCondition&) {
    return plan_with(in, [&](Config& next) { next[1] = in.starts[0]; });
  });
  auto scenario = fleet::test::make_scenario({"....", "...."}, {0, 1}, {3, 7}, false);
  scenario.planner.name = "collide";
  scenario.steps = 3;
  Simulator sim(scenario, registry);
  REQUIRE(sim.step());
  REQUIRE(sim.states()[0] == 0);
  REQUIRE(sim.states()[1] == 1);  // the offender waited
  REQUIRE(sim.held()[1] == 1);
  REQUIRE(count_events(sim, TraceEventKind::ViolationPrevented) == 1);
  const auto& e = sim.events().back();
  REQUIRE(e.detail == static_cast<std::uint8_t>(fleet::planner::ViolationKind::Vertex));
  REQUIRE(e.cell == 0);
  run_checked(sim);
  REQUIRE(sim.summary().invalid_steps_prevented == 3);
  REQUIRE(sim.summary().held >= 3);
}

TEST_CASE("teleports and swaps are held back, and knock-on moves wait too", "[simulator]") {
  SECTION("teleport") {
    auto registry = registry_with("teleport", [](const Instance& in, const StopCondition&) {
      return plan_with(in, [&](Config& next) { next[0] = 3; });
    });
    auto scenario = fleet::test::make_scenario({"....."}, {0, 4}, {3, 4}, false);
    scenario.planner.name = "teleport";
    scenario.steps = 2;
    Simulator sim(scenario, registry);
    REQUIRE(sim.step());
    REQUIRE(sim.states()[0] == 0);
    REQUIRE(sim.events().back().detail ==
            static_cast<std::uint8_t>(fleet::planner::ViolationKind::NonUnitMove));
  }
  SECTION("swap") {
    auto registry = registry_with("swap", [](const Instance& in, const StopCondition&) {
      return plan_with(in, [&](Config& next) { std::swap(next[0], next[1]); });
    });
    auto scenario = fleet::test::make_scenario({"....."}, {1, 2}, {3, 0}, false);
    scenario.planner.name = "swap";
    scenario.steps = 2;
    Simulator sim(scenario, registry);
    REQUIRE(sim.step());
    REQUIRE(std::vector<State>(sim.states().begin(), sim.states().end()) == std::vector<State>{1, 2});
    REQUIRE(sim.events().back().detail ==
            static_cast<std::uint8_t>(fleet::planner::ViolationKind::Swap));
  }
  SECTION("a follower of a held robot waits too") {
    // Robot 0 teleports (a violation); robot 1 follows it into the cell it would have left.
    // Holding 0 turns 1's move into a vertex conflict, so 1 waits too, though its own move
    // was fine; only the teleport is reported as a prevented violation.
    auto registry = registry_with("follow", [](const Instance& in, const StopCondition&) {
      return plan_with(in, [&](Config& next) {
        next[0] = 4;
        next[1] = in.starts[0];
      });
    });
    auto scenario = fleet::test::make_scenario({"......"}, {1, 0}, {4, 1}, false);
    scenario.planner.name = "follow";
    scenario.steps = 2;
    Simulator sim(scenario, registry);
    REQUIRE(sim.step());
    REQUIRE(std::vector<State>(sim.states().begin(), sim.states().end()) == std::vector<State>{1, 0});
    REQUIRE(sim.held()[1] == 1);
    REQUIRE(count_events(sim, TraceEventKind::ViolationPrevented) == 1);
  }
}

TEST_CASE("a planner that sleeps past its deadline is discarded and counted", "[simulator]") {
  auto registry = registry_with("sleepy", [](const Instance& in, const StopCondition&) {
    std::this_thread::sleep_for(std::chrono::milliseconds(150));  // ignores the stop condition
    return plan_with(in, [&](Config& next) { next[0] = 1; });
  });
  auto scenario = fleet::test::make_scenario({"...."}, {0}, {3}, false);
  scenario.planner.name = "sleepy";
  scenario.planner.time_limit_s = 0.02;
  scenario.steps = 3;
  Simulator sim(scenario, registry);
  REQUIRE(sim.step());
  REQUIRE(count_events(sim, TraceEventKind::PlannerTimeout) == 1);
  REQUIRE(sim.states()[0] == 0);  // no plan: the robot waits
  run_checked(sim);
  const auto s = sim.summary();
  REQUIRE(s.planner_late == 3);
  REQUIRE(s.replans == 0);
  REQUIRE(s.planner_times.max_s < 0.12);  // the simulator did not wait for the answer
  REQUIRE(s.waits == 3);
}

TEST_CASE("failed and malformed planner answers are discarded", "[simulator]") {
  SECTION("infeasible") {
    auto registry = registry_with("fails", [](const Instance&, const StopCondition&) {
      Result r;
      r.status = Status::Infeasible;
      return r;
    });
    auto scenario = fleet::test::make_scenario({"...."}, {0}, {3}, false);
    scenario.planner.name = "fails";
    scenario.steps = 2;
    Simulator sim(scenario, registry);
    run_checked(sim);
    REQUIRE(sim.summary().planner_failed == 2);
    REQUIRE(sim.states()[0] == 0);
  }
  SECTION("wrong robot count") {
    auto registry = registry_with("short", [](const Instance& in, const StopCondition&) {
      return plan_with(in, [&](Config& next) { next.pop_back(); });
    });
    auto scenario = fleet::test::make_scenario({"...."}, {0, 3}, {2, 1}, false);
    scenario.planner.name = "short";
    scenario.steps = 2;
    Simulator sim(scenario, registry);
    REQUIRE(sim.step());
    REQUIRE(count_events(sim, TraceEventKind::PlannerFailed) == 1);
    REQUIRE(sim.events().front().detail == 255);
  }
}

TEST_CASE("a one-shot run stops with every robot on its goal and writes a valid result",
          "[simulator]") {
  fleet::test::LoopScratch dir;
  // Lanes that do not cross: the reactive policy (which can deadlock head-on) gets through.
  auto scenario = fleet::test::make_scenario(fleet::test::room_rows(), {0, 20, 40, 79},
                                             {9, 29, 49, 70}, false);
  scenario.steps = 500;
  fleet::sim::SimOptions options;
  options.output_dir = dir.path() / "run";
  Simulator sim(scenario, fleet::planner::builtin_planners(), options);
  const auto summary = sim.run();
  REQUIRE(summary.all_at_goals);
  REQUIRE(summary.ticks < 500);
  REQUIRE(sim.finished());
  REQUIRE_FALSE(sim.step());
  REQUIRE(summary.errands_done == 4);
  REQUIRE(summary.makespan == summary.ticks);

  const auto grid = scenario.warehouse.grid;
  const Instance instance(grid, MotionKind::FourConnected, scenario.starts, {9, 29, 49, 70});
  const auto loaded = fleet::planner::read_result_file(dir.path() / "run" / "result.txt", instance.motion);
  REQUIRE(loaded.plan.size() == static_cast<std::size_t>(summary.ticks) + 1);
  REQUIRE(fleet::planner::validate(instance, loaded.plan).empty());
  REQUIRE(fleet::planner::sum_of_costs(instance, loaded.plan) == summary.sum_of_costs);
}

TEST_CASE("a run directory holds the summary, the trace, the picture and the LoRR log",
          "[simulator]") {
  fleet::test::LoopScratch dir;
  auto scenario = fleet::test::make_scenario(fleet::test::room_rows(), {0, 9, 70, 79, 44},
                                             {79, 70, 9, 0, 45, 33}, true, MotionKind::Rotation);
  scenario.steps = 60;
  fleet::sim::SimOptions options;
  options.output_dir = dir.path() / "run";
  options.keyframe_interval = 16;
  int progress_calls = 0;
  options.progress = [&](const fleet::sim::SimProgress&) { ++progress_calls; };
  options.progress_every = 20;
  Simulator sim(scenario, fleet::planner::builtin_planners(), options);
  std::vector<Config> seen{Config(sim.states().begin(), sim.states().end())};
  while (sim.step()) seen.emplace_back(sim.states().begin(), sim.states().end());
  sim.write_outputs();
  const auto summary = sim.summary();
  REQUIRE(progress_calls == 4);  // ticks 0, 20, 40, 60

  const auto run = dir.path() / "run";
  for (const char* name : {"summary.json", "trace.fltrace", "floor.svg", "lorr_log.json"})
    REQUIRE(std::filesystem::exists(run / name));
  for (const auto& entry : std::filesystem::directory_iterator(run))
    REQUIRE(entry.path().extension() != ".partial");

  std::ifstream svg_in(run / "floor.svg");
  const std::string svg((std::istreambuf_iterator<char>(svg_in)), std::istreambuf_iterator<char>());
  REQUIRE(svg.rfind("<svg", 0) == 0);
  REQUIRE(svg.find("</svg>") != std::string::npos);
  // The robots are the small dots, one each; the legend names every mark and lies inside the
  // picture (on this 10-cell-wide room it wraps over several rows).
  std::size_t dots = 0;
  for (auto at = svg.find(R"(r="0.35")"); at != std::string::npos; at = svg.find(R"(r="0.35")", at + 1))
    ++dots;
  REQUIRE(dots == 5);
  for (const char* label : {"blocked", "shelf", "station", "home", "robots waited here", "robot at the end"})
    REQUIRE(svg.find(std::string(">") + label) != std::string::npos);
  const auto view = svg.find("viewBox=\"0 0 ");
  REQUIRE(view != std::string::npos);
  std::istringstream box(svg.substr(view + 13));
  double box_width = 0.0;
  double box_height = 0.0;
  box >> box_width >> box_height;
  double lowest_text = 0.0;
  for (auto at = svg.find("<text x="); at != std::string::npos; at = svg.find("<text x=", at + 1)) {
    const auto y = svg.find(" y=\"", at) + 4;
    lowest_text = std::max(lowest_text, std::stod(svg.substr(y)));
  }
  REQUIRE(lowest_text > 8 + 3);  // below the title, under the 8-row floor
  REQUIRE(lowest_text < box_height);

  const auto json = nlohmann::json::parse(std::ifstream(run / "summary.json"));
  REQUIRE(json["errands_done"] == summary.errands_done);
  REQUIRE(json["phases"].contains("validate"));

  const fleet::sim::TraceReader trace(run / "trace.fltrace");
  REQUIRE(trace.tick_count() == 61);
  REQUIRE(trace.state_hash() == sim.state_hash());
  for (int t = 0; t <= 60; ++t) REQUIRE(trace.frame(t).states == seen[t]);
  std::int64_t done = 0;
  for (int t = 0; t <= 60; ++t)
    for (const auto& e : trace.events(t)) done += e.kind == TraceEventKind::ErrandDone ? 1 : 0;
  REQUIRE(done == summary.errands_done);

  // The LoRR log replays: applying each robot's actual actions to its start gives its end.
  const auto log = nlohmann::json::parse(std::ifstream(run / "lorr_log.json"));
  REQUIRE(log["actionModel"] == "MAPF_T");
  REQUIRE(log["AllValid"] == "Yes");
  REQUIRE(log["teamSize"] == 5);
  REQUIRE(log["numTaskFinished"] == summary.errands_done);
  REQUIRE(log["plannerTimes"].size() == 60);
  const auto& motion = sim.motion();
  const auto& grid = motion.grid();
  for (int r = 0; r < 5; ++r) {
    const std::string path = log["actualPaths"][r];
    REQUIRE(path.size() == 60 * 2 - 1);
    int y = log["start"][r][0];
    int x = log["start"][r][1];
    REQUIRE(log["start"][r][2] == "E");
    int h = 0;
    for (std::size_t i = 0; i < path.size(); i += 2) {
      if (path[i] == 'R') h = (h + 1) % 4;
      if (path[i] == 'C') h = (h + 3) % 4;
      if (path[i] == 'F') {
        const Cell next = grid.step(grid.cell(x, y), static_cast<fleet::planner::Direction>(h));
        REQUIRE(next != fleet::planner::kNoCell);
        x = grid.x(next);
        y = grid.y(next);
      }
    }
    REQUIRE(motion.state(grid.cell(x, y), h) == sim.states()[r]);
  }
  std::int64_t finished = 0;
  for (const auto& robot : log["events"])
    for (const auto& e : robot) finished += e[2] == "finished" ? 1 : 0;
  REQUIRE(finished == summary.errands_done);
  std::size_t assigned = 0;
  for (const auto& robot : log["events"])
    for (const auto& e : robot) assigned += e[2] == "assigned" ? 1 : 0;
  REQUIRE(log["tasks"].size() == assigned);
  REQUIRE(assigned >= static_cast<std::size_t>(summary.errands_done));
}

TEST_CASE("the simulator refuses starts that overlap or sit on obstacles", "[simulator]") {
  auto scenario = fleet::test::make_scenario({"..@."}, {0, 0}, {1, 3}, false);
  REQUIRE_THROWS_AS(Simulator(scenario, fleet::planner::builtin_planners()), std::invalid_argument);
  scenario = fleet::test::make_scenario({"..@."}, {2}, {1}, false);
  REQUIRE_THROWS_AS(Simulator(scenario, fleet::planner::builtin_planners()), std::invalid_argument);
  scenario = fleet::test::make_scenario({"...."}, {0}, {1}, false);
  scenario.planner.name = "no-such-planner";
  REQUIRE_THROWS_AS(Simulator(scenario, fleet::planner::builtin_planners()), std::invalid_argument);
}

TEST_CASE("the shipped small scenario runs lifelong without violations", "[simulator][yaml]") {
  const auto path = fleet::test::source_dir() / "scenarios" / "small.yaml";
  if (!std::filesystem::exists(path)) {
    WARN("scenarios/small.yaml is not there yet");
    return;
  }
  auto scenario = fleet::sim::load_scenario(path);
  fleet::sim::SimOptions options;
  options.steps = 200;
  options.threads = 2;
  Simulator sim(scenario, fleet::planner::builtin_planners(), options);
  run_checked(sim);
  const auto s = sim.summary();
  REQUIRE(s.errands_done > 0);
  REQUIRE(s.violations_prevented == 0);
  REQUIRE(s.planner_late == 0);
}

TEST_CASE("a League of Robot Runners problem runs under the rotation model and logs for PlanViz",
          "[simulator][lorr]") {
  const auto problem = fleet::test::data_dir() / "lorr2023" / "warehouse_small_50.json";
  if (!std::filesystem::exists(problem)) {
    WARN("benchmark data not found at " << problem);
    return;
  }
  auto scenario = fleet::sim::load_lorr_problem(problem);
  REQUIRE(scenario.motion == MotionKind::Rotation);
  fleet::test::LoopScratch dir;
  fleet::sim::SimOptions options;
  options.steps = 100;
  options.threads = 2;
  options.output_dir = dir.path() / "run";
  Simulator sim(scenario, fleet::planner::builtin_planners(), options);
  run_checked(sim);
  sim.write_outputs();
  const auto s = sim.summary();
  REQUIRE(s.errands_done > 0);
  REQUIRE(s.violations_prevented == 0);
  const auto log = nlohmann::json::parse(std::ifstream(dir.path() / "run" / "lorr_log.json"));
  REQUIRE(log["teamSize"] == 50);
  REQUIRE(log["numTaskFinished"] == s.errands_done);
  REQUIRE(log["sumOfCost"] == s.sum_of_costs);
  REQUIRE(log["makespan"] == 100);
  REQUIRE(log["actualPaths"].size() == 50);
  // Round-robin: robot k's first task is task file line k.
  REQUIRE(log["tasks"].size() >= 50);
}

// The League of Robot Runners warehouse_small_50 problem with pibt; nullopt (and a warning)
// when the benchmark data is not there.
namespace {
std::optional<fleet::sim::Scenario> small_lorr_pibt() {
  const auto problem = fleet::test::data_dir() / "lorr2023" / "warehouse_small_50.json";
  if (!std::filesystem::exists(problem)) {
    WARN("benchmark data not found at " << problem);
    return std::nullopt;
  }
  auto scenario = fleet::sim::load_lorr_problem(problem);
  // On exact distances, so that the planner reads the simulator's shared tables.
  scenario.planner.name = "pibt";
  scenario.planner.params = {{"guidance", "none"}, {"guidance_graph", "none"}};
  return scenario;
}
}  // namespace

TEST_CASE("a scenario whose first goals' distance tables cannot fit is refused before it starts",
          "[simulator][distances]") {
  auto loaded = small_lorr_pibt();
  REQUIRE(loaded);
  fleet::test::LoopScratch dir;
  fleet::sim::SimOptions options;
  options.output_dir = dir.path() / "refused";
  options.table_memory_bytes = 1024;  // far below one table of this map
  try {
    Simulator sim(*loaded, fleet::planner::builtin_planners(), options);
    FAIL("the scenario was accepted");
  } catch (const std::invalid_argument& e) {
    CHECK_THAT(std::string(e.what()), Catch::Contains("GiB of distance tables"));
  }
  CHECK_FALSE(std::filesystem::exists(options.output_dir));  // nothing written
  options.table_memory_bytes = 0;  // this machine's memory: the same scenario runs
  options.steps = 2;
  options.write_trace = false;
  Simulator sim(*loaded, fleet::planner::builtin_planners(), options);
  CHECK(sim.run().ticks == 2);
}

TEST_CASE("freeing distance tables over the budget leaves a lifelong run unchanged",
          "[simulator][lorr][distances]") {
  auto loaded = small_lorr_pibt();
  if (!loaded) return;
  auto& scenario = *loaded;
  scenario.planner.time_limit_s = 60.0;  // a late answer would make the runs differ
  auto run = [&](int budget_mb, const std::filesystem::path& out) {
    fleet::sim::SimOptions options;
    options.steps = 150;
    options.threads = 2;
    options.distance_memory_mb = budget_mb;
    options.output_dir = out;
    options.write_trace = false;
    options.write_svg = false;
    Simulator sim(scenario, fleet::planner::builtin_planners(), options);
    return sim.run();
  };
  fleet::test::LoopScratch dir;
  const auto unbounded = run(0, dir.path() / "unbounded");
  const auto bounded = run(1, dir.path() / "bounded");
  REQUIRE(unbounded.errands_done > 0);
  CHECK(unbounded.distance_memory.trims == 0);
  CHECK(unbounded.distance_memory.tables == unbounded.distance_memory.builds);
  CHECK(unbounded.distance_memory.peak_bytes > (std::int64_t{1} << 20));  // else nothing to test
  CHECK(bounded.distance_memory.trims > 0);
  CHECK(bounded.distance_memory.builds > bounded.distance_memory.tables);
  CHECK(bounded.distance_memory.tables < unbounded.distance_memory.tables);
  CHECK(bounded.state_hash == unbounded.state_hash);
  CHECK(bounded.errands_done == unbounded.errands_done);

  // The run summary reports the tables.
  const auto json =
      nlohmann::json::parse(std::ifstream(dir.path() / "bounded" / "summary.json"));
  CHECK(json["distance_tables"]["tables"] == bounded.distance_memory.tables);
  CHECK(json["distance_tables"]["peak_bytes"] == bounded.distance_memory.peak_bytes);
  CHECK(json["distance_tables"]["trims"] == bounded.distance_memory.trims);
  CHECK(json["planner_time"]["first_s"] == bounded.planner_times.first_s);
}

TEST_CASE("the first goals' distance tables are built before the first planner call",
          "[simulator][distances]") {
  auto loaded = small_lorr_pibt();
  if (!loaded) return;
  auto& scenario = *loaded;
  fleet::sim::SimOptions options;
  options.steps = 1;
  options.threads = 1;
  options.write_trace = false;
  Simulator sim(scenario, fleet::planner::builtin_planners(), options);
  std::set<fleet::planner::Cell> first_goals(sim.goals().begin(), sim.goals().end());
  first_goals.erase(fleet::planner::kNoCell);
  REQUIRE_FALSE(first_goals.empty());
  CHECK(sim.distances()->table_count() == first_goals.size());  // before any planner call
  CHECK(sim.summary().preprocess_s > 0.0);
  CHECK(nlohmann::json::parse(fleet::sim::to_json(sim.summary()))["preprocess_s"] ==
        sim.summary().preprocess_s);
}

TEST_CASE("a planner on a guidance graph prepares its own tables before the first call",
          "[simulator][distances]") {
  const auto problem = fleet::test::data_dir() / "lorr2023" / "warehouse_small_50.json";
  if (!std::filesystem::exists(problem)) {
    WARN("benchmark data not found at " << problem);
    return;
  }
  auto scenario = fleet::sim::load_lorr_problem(problem);
  REQUIRE(scenario.planner.name == "lacam");  // the default
  for (const char* planner : {"pibt", "lacam"}) {
    INFO(planner);
    scenario.planner.name = planner;
    fleet::sim::SimOptions options;
    options.steps = 20;
    options.threads = 1;
    options.write_trace = false;
    Simulator sim(scenario, fleet::planner::builtin_planners(), options);
    const auto s = sim.run();
    // The guided tables are the planner's: the simulator's exact ones are never built, and
    // the first call did not have to build any (it is not late).
    CHECK(sim.distances()->table_count() == 0);
    CHECK(s.preprocess_s > 0.0);
    CHECK(s.planner_late == 0);
    CHECK(s.errands_done > 0);
    CHECK(s.violations_prevented == 0);
  }
}
