// Action codes: encode and apply are inverses on every successor; the shortest-path action
// lowers the distance to the goal; the simulator stepped by proposed states validates them
// and hands every tick to its recorders.
#include <fleet/planner/registry.hpp>
#include <fleet/sim/actions.hpp>
#include <fleet/sim/scenario.hpp>
#include <fleet/sim/simulator.hpp>

#include <catch2/catch.hpp>

#include <memory>

using fleet::planner::Grid;
using fleet::planner::Motion;
using fleet::planner::MotionKind;
using fleet::planner::State;
using fleet::sim::TraceAction;

namespace {

std::shared_ptr<const Grid> open_room() {
  return std::make_shared<const Grid>(Grid::from_rows({"....", ".@..", "...."}));
}

}  // namespace

TEST_CASE("apply_action inverts encode_action on every successor", "[actions]") {
  const auto grid = open_room();
  for (const MotionKind kind : {MotionKind::FourConnected, MotionKind::Rotation}) {
    const Motion motion(*grid, kind);
    for (State s = 0; s < motion.num_states(); ++s) {
      if (!grid->passable(motion.cell(s))) continue;
      Motion::Neighbours next{};
      const int n = motion.successors(s, next);
      for (int i = 0; i < n; ++i) {
        const TraceAction a = fleet::sim::encode_action(motion, s, next[i]);
        REQUIRE(a != TraceAction::Unknown);
        REQUIRE(fleet::sim::apply_action(motion, s, a) == next[i]);
      }
    }
  }
  const Motion flat(*grid, MotionKind::FourConnected);
  CHECK(fleet::sim::apply_action(flat, grid->cell(0, 0), TraceAction::MoveWest) == fleet::planner::kNoState);
  CHECK(fleet::sim::apply_action(flat, grid->cell(1, 0), TraceAction::MoveSouth) == fleet::planner::kNoState);
  CHECK(fleet::sim::apply_action(flat, grid->cell(0, 0), TraceAction::RotateCW) == fleet::planner::kNoState);
  CHECK(fleet::sim::encode_action(flat, grid->cell(0, 0), grid->cell(2, 0)) == TraceAction::Unknown);
}

TEST_CASE("shortest_path_actions step each robot closer to its goal", "[actions]") {
  const auto grid = open_room();
  const fleet::planner::DistanceTable table(*grid, MotionKind::FourConnected);
  const std::vector<State> states{grid->cell(0, 0), grid->cell(3, 2), grid->cell(2, 2)};
  const std::vector<fleet::planner::Cell> goals{grid->cell(2, 1), grid->cell(3, 2), fleet::planner::kNoCell};
  std::vector<std::uint8_t> actions(3, 99);
  fleet::sim::shortest_path_actions(table, states, goals, actions);
  const State next = fleet::sim::apply_action(table.motion(), states[0], static_cast<TraceAction>(actions[0]));
  CHECK(table.distance(next, goals[0]) + 1 == table.distance(states[0], goals[0]));
  CHECK(actions[1] == 0);  // on its goal
  CHECK(actions[2] == 0);  // no errand
}

namespace {

struct CountingRecorder : fleet::sim::TickRecorder {
  std::vector<int> ticks;
  std::vector<std::vector<std::uint8_t>> held;
  int finished = 0;
  void record(const fleet::sim::TickView& tick) override {
    ticks.push_back(tick.tick);
    held.emplace_back(tick.held.begin(), tick.held.end());
  }
  void finish(const fleet::sim::RunSummary&) override { ++finished; }
};

}  // namespace

TEST_CASE("a simulator stepped by proposed states validates them and records every tick", "[actions]") {
  fleet::sim::Scenario scenario;
  scenario.name = "room";
  scenario.warehouse.grid = open_room();
  scenario.starts = {0, 1};
  scenario.tasks = fleet::sim::one_shot_tasks({3, 2});
  scenario.planner.name = "reactive";
  scenario.steps = 10;
  auto recorder = std::make_shared<CountingRecorder>();
  fleet::sim::SimOptions options;
  options.threads = 1;
  options.recorders.push_back(recorder);
  const auto registry = fleet::planner::builtin_planners();
  fleet::sim::Simulator sim(scenario, registry, options);

  REQUIRE_THROWS_AS(sim.step(std::vector<State>{0}), std::invalid_argument);
  REQUIRE(sim.step(std::vector<State>{1, 1}));  // robot 0 into robot 1: both held
  CHECK(std::vector<State>(sim.states().begin(), sim.states().end()) == std::vector<State>{0, 1});
  CHECK(sim.summary().violations_prevented == 1);
  REQUIRE(sim.step(std::vector<State>{0, 2}));
  CHECK(std::vector<State>(sim.states().begin(), sim.states().end()) == std::vector<State>{0, 2});
  sim.step();  // the planner takes over
  sim.write_outputs();
  CHECK(recorder->ticks == std::vector<int>{0, 1, 2, 3});
  CHECK(recorder->held[1] == std::vector<std::uint8_t>{1, 1});
  CHECK(recorder->held[2] == std::vector<std::uint8_t>{0, 0});
  CHECK(recorder->finished == 1);
}
