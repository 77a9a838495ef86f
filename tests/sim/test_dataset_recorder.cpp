// The dataset recorder: a run spanning several blocks of ticks (so the writer thread works
// while the loop records) finishes into dataset.h5; a recorder dropped before the run
// finished leaves nothing; the per-robot columns name each wait's reason.
#include "loop_test_support.hpp"

#include <fleet/dataset/dataset_recorder.hpp>
#include <fleet/dataset/tick_columns.hpp>
#include <fleet/planner/registry.hpp>
#include <fleet/sim/simulator.hpp>

#include <catch2/catch.hpp>

using fleet::dataset::DatasetRecorder;
using fleet::dataset::WaitReason;

namespace {

fleet::sim::Scenario lifelong_floor() {
  fleet::sim::Scenario s = fleet::test::make_scenario({"......", "......", "......"}, {0, 2, 4},
                                                      {17, 12, 5, 0, 9}, true);
  s.planner.name = "pibt";
  s.steps = 50;
  return s;
}

}  // namespace

TEST_CASE("a recorded run finishes into its dataset file", "[dataset]") {
  fleet::test::LoopScratch scratch;
  const fleet::sim::Scenario scenario = lifelong_floor();
  fleet::dataset::DatasetOptions options;
  options.ticks_per_chunk = 4;  // 51 ticks: many blocks through the writer
  options.buffered_chunks = 1;
  auto recorder = std::make_shared<DatasetRecorder>(scratch.path() / "data", scenario, options);
  fleet::sim::SimOptions sim_options;
  sim_options.threads = 1;
  sim_options.recorders.push_back(recorder);
  const auto registry = fleet::planner::builtin_planners();
  fleet::sim::Simulator sim(scenario, registry, sim_options);
  REQUIRE_FALSE(std::filesystem::exists(recorder->path()));
  sim.run();
  CHECK(std::filesystem::exists(recorder->path()));
  CHECK_FALSE(std::filesystem::exists(scratch.path() / "data" / "dataset.h5.partial"));
  CHECK(recorder->bytes() > 1000);
}

TEST_CASE("a recorder dropped before the run finished leaves no dataset", "[dataset]") {
  fleet::test::LoopScratch scratch;
  const fleet::sim::Scenario scenario = lifelong_floor();
  {
    fleet::dataset::DatasetOptions options;
    options.ticks_per_chunk = 2;
    auto recorder = std::make_shared<DatasetRecorder>(scratch.path() / "data", scenario, options);
    fleet::sim::SimOptions sim_options;
    sim_options.recorders.push_back(recorder);
    const auto registry = fleet::planner::builtin_planners();
    fleet::sim::Simulator sim(scenario, registry, sim_options);
    for (int i = 0; i < 9; ++i) sim.step();
  }
  CHECK(std::filesystem::is_empty(scratch.path() / "data"));
}

TEST_CASE("tick columns give each robot's action and why it waited", "[dataset]") {
  const auto grid = std::make_shared<const fleet::planner::Grid>(fleet::planner::Grid::from_rows({"...."}));
  const fleet::planner::Motion motion(*grid, fleet::planner::MotionKind::FourConnected);
  const std::vector<fleet::planner::State> before{0, 2, 3, 1};
  const std::vector<fleet::planner::State> after{0, 2, 3, 1};
  const std::vector<fleet::planner::State> proposed{1, 2, 3, 1};
  const std::vector<fleet::planner::Cell> goals{3, 0, fleet::planner::kNoCell, 1};
  const std::vector<std::uint8_t> held{1, 0, 0, 0};
  const fleet::sim::TickView view{1, after, before, proposed, goals, held, {}};
  std::vector<std::uint8_t> action(4), planned(4), wait(4);
  fleet::dataset::tick_columns(motion, view, action, planned, wait);
  CHECK(action == std::vector<std::uint8_t>{0, 0, 0, 0});
  CHECK(planned == std::vector<std::uint8_t>{1, 0, 0, 0});  // robot 0 was asked to go east
  CHECK(wait == std::vector<std::uint8_t>{static_cast<std::uint8_t>(WaitReason::Blocked),
                                          static_cast<std::uint8_t>(WaitReason::PlannerWait),
                                          static_cast<std::uint8_t>(WaitReason::NoErrand),
                                          static_cast<std::uint8_t>(WaitReason::AtGoal)});
}
