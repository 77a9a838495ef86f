// The League of Robot Runners output log in its 2023 and 2024 formats: what each writes for a
// hand-driven log, and that PlanViz's way of reading replays a simulated run to the poses the
// simulator ended with.
#include "loop_test_support.hpp"
#include "planviz_reader.hpp"

#include <fleet/planner/registry.hpp>
#include <fleet/sim/lorr_log.hpp>
#include <fleet/sim/simulator.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>
#include <stdexcept>

using fleet::planner::Grid;
using fleet::planner::Motion;
using fleet::planner::MotionKind;
using fleet::planner::State;
using fleet::sim::LorrLog;
using fleet::sim::LorrLogFormat;
using fleet::test::read_like_planviz;

namespace {

// One robot on a 3x2 floor: given the errand at (2,0) at tick 0, it moves east twice and
// finishes at tick 2, then gets the errand at (2,1).
nlohmann::json hand_driven_log(LorrLogFormat format) {
  const Grid grid = Grid::from_rows({"...", "..."});
  const Motion motion(grid, MotionKind::Rotation);
  const std::vector<State> start{motion.state(grid.cell(0, 0), 0)};
  LorrLog log(motion, start, format);
  log.assigned(0, grid.cell(2, 0), 0);
  const std::vector<State> one{motion.state(grid.cell(1, 0), 0)};
  const std::vector<State> two{motion.state(grid.cell(2, 0), 0)};
  log.step(start, one, one);
  log.planner_time(0.25);
  log.step(one, two, two);
  log.planner_time(0.5);
  log.finished(0, 2);
  log.assigned(0, grid.cell(2, 1), 2);
  std::ostringstream out;
  log.write(out, {1, 2, 2, true});
  return nlohmann::json::parse(out.str());
}

// The simulator's state of a PlanViz pose (PlanViz turns the other way round: 1 is north).
State to_state(const Motion& motion, const fleet::test::PlanVizPose& p) {
  return motion.state(motion.grid().cell(p.col, p.row), (4 - p.dir) % 4);
}

}  // namespace

TEST_CASE("the 2023 log lists events per robot and tasks by id", "[lorr][log]") {
  const auto log = hand_driven_log(LorrLogFormat::Lorr2023);
  CHECK(log["version"] == "2023 LoRR");
  CHECK(log["actualPaths"][0] == "F,F");
  CHECK(log["events"] == nlohmann::json::parse(R"([[[0,0,"assigned"],[0,2,"finished"],[1,2,"assigned"]]])"));
  CHECK(log["tasks"] == nlohmann::json::parse("[[0,0,2],[1,1,2]]"));
  CHECK_FALSE(log.contains("actualSchedule"));
}

TEST_CASE("the 2024 log has schedules, flat events and tasks with release ticks", "[lorr][log]") {
  const auto log = hand_driven_log(LorrLogFormat::Lorr2024);
  CHECK(log["version"] == "2024 LoRR");
  CHECK(log["teamSize"] == 1);
  CHECK(log["start"] == nlohmann::json::parse(R"([[0,0,"E"]])"));
  CHECK(log["numTaskFinished"] == 1);
  CHECK(log["actualPaths"][0] == "F,F");
  CHECK(log["plannerTimes"] == nlohmann::json::parse("[0.25,0.5]"));
  CHECK(log["actualSchedule"] == nlohmann::json::parse(R"(["0:0,2:1"])"));
  CHECK(log["plannerSchedule"] == log["actualSchedule"]);
  CHECK(log["scheduleErrors"].empty());
  // [tick, robot, task, errands of the task done]
  CHECK(log["events"] == nlohmann::json::parse("[[2,0,0,1]]"));
  // [id, release tick, [row, col]]
  CHECK(log["tasks"] == nlohmann::json::parse("[[0,0,[0,2]],[1,2,[1,2]]]"));
}

TEST_CASE("log formats are chosen by year", "[lorr][log]") {
  CHECK(fleet::sim::lorr_log_format(2023) == LorrLogFormat::Lorr2023);
  CHECK(fleet::sim::lorr_log_format(2024) == LorrLogFormat::Lorr2024);
  CHECK_THROWS_AS(fleet::sim::lorr_log_format(2025), std::invalid_argument);
}

TEST_CASE("PlanViz's way of reading replays a simulated run in both formats", "[lorr][log]") {
  const int year = GENERATE(2023, 2024);
  fleet::test::LoopScratch dir;
  auto scenario = fleet::test::make_scenario(fleet::test::room_rows(), {0, 9, 70, 79, 44},
                                             {79, 70, 9, 0, 45, 33}, true, MotionKind::Rotation);
  scenario.steps = 60;
  fleet::sim::SimOptions options;
  options.output_dir = dir.path() / "run";
  options.lorr_log_year = year;
  fleet::sim::Simulator sim(scenario, fleet::planner::builtin_planners(), options);
  while (sim.step()) {
  }
  sim.write_outputs();
  const auto summary = sim.summary();
  REQUIRE(summary.errands_done > 0);

  const auto data = nlohmann::json::parse(std::ifstream(dir.path() / "run" / "lorr_log.json"));
  REQUIRE(data["version"] == std::to_string(year) + " LoRR");
  const auto log = read_like_planviz(data);
  REQUIRE(log.team_size == 5);
  REQUIRE(log.makespan == 60);
  const Motion& motion = sim.motion();
  for (int r = 0; r < 5; ++r) {
    const auto& path = log.executed[static_cast<std::size_t>(r)];
    REQUIRE(path.size() == 61);
    for (const auto& pose : path) REQUIRE(motion.grid().passable(motion.grid().cell(pose.col, pose.row)));
    REQUIRE(to_state(motion, path.back()) == sim.states()[static_cast<std::size_t>(r)]);
    REQUIRE(log.planned[static_cast<std::size_t>(r)].size() == 61);
  }
  REQUIRE(static_cast<std::int64_t>(log.finished.size()) == summary.errands_done);
  REQUIRE(log.assigned.size() == log.task_stops.size());
  REQUIRE(log.errors == 0);
}

TEST_CASE("the PlanViz reader refuses what PlanViz cannot open", "[lorr][log]") {
  const auto good = hand_driven_log(LorrLogFormat::Lorr2024);
  REQUIRE_NOTHROW(read_like_planviz(good));
  for (const char* key : {"version", "teamSize", "makespan", "start", "actualPaths", "tasks"}) {
    auto broken = good;
    broken.erase(key);
    CHECK_THROWS_AS(read_like_planviz(broken), std::runtime_error);
  }
  auto letter = good;
  letter["actualPaths"][0] = "F,X";
  CHECK_THROWS_AS(read_like_planviz(letter), std::runtime_error);
  auto schedule = good;
  schedule["actualSchedule"][0] = "0:7";  // no task 7
  CHECK_THROWS_AS(read_like_planviz(schedule), std::runtime_error);
  auto old_events = good;
  old_events["version"] = "2023 LoRR";  // 2024 events read as 2023 ones
  CHECK_THROWS_AS(read_like_planviz(old_events), std::runtime_error);
}
