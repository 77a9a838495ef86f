// The League of Robot Runners start-kit adapter: actions become states under both motion
// models, a colliding tick is executed as everyone waiting, and the environment the planner
// reads follows the robots.
#include <fleet/planner/start_kit_adapter.hpp>
#include <fleet/planner/validator.hpp>

#include <catch2/catch.hpp>

#include <memory>
#include <string>
#include <vector>

using namespace fleet::planner;
using LorrAction = fleet::lorr::Action;

namespace {

/// Gives every robot the same scripted action each tick and records what it saw.
struct ScriptedPlanner {
  fleet::lorr::Environment* env = nullptr;
  std::vector<LorrAction> script;  // one per tick, repeated for every robot; Wait past the end
  std::vector<int> seen_locations;  // robot 0's location at each plan() call
  int initialized_with = -1;
  std::size_t tick = 0;

  void initialize(int limit_ms) { initialized_with = limit_ms; }
  void plan(int /*limit_ms*/, std::vector<LorrAction>& actions) {
    seen_locations.push_back(env->curr_states[0].location);
    const LorrAction a = tick < script.size() ? script[tick] : LorrAction::Wait;
    ++tick;
    actions.assign(static_cast<std::size_t>(env->num_of_agents), a);
  }
};

Instance row_instance(MotionKind kind, std::vector<std::pair<int, int>> starts,
                      std::vector<std::pair<int, int>> goals, int horizon) {
  auto grid = std::make_shared<const Grid>(Grid::from_rows({".....", "....."}));
  const Motion motion(*grid, kind);
  std::vector<State> s;
  std::vector<Cell> g;
  for (auto [x, y] : starts) s.push_back(motion.state(grid->cell(x, y), 0));  // facing east
  for (auto [x, y] : goals) g.push_back(grid->cell(x, y));
  Instance instance(grid, kind, std::move(s), std::move(g));
  instance.horizon = horizon;
  return instance;
}

}  // namespace

TEST_CASE("start-kit actions become a valid plan under the rotation model", "[plugins][lorr]") {
  auto inner = std::make_unique<ScriptedPlanner>();
  inner->script = {LorrAction::Forward, LorrAction::Forward, LorrAction::RotateCW,
                   LorrAction::Forward};
  ScriptedPlanner* scripted = inner.get();
  fleet::lorr::StartKitAdapter<ScriptedPlanner> adapter("scripted", std::move(inner), 250);
  const Instance instance = row_instance(MotionKind::Rotation, {{0, 0}}, {{2, 1}}, 0);
  const Result result = adapter.solve(instance, StopCondition::after(2.0));
  REQUIRE(result.status == Status::Solved);
  CHECK(scripted->initialized_with == 250);
  CHECK(validate(instance, result.plan).empty());
  REQUIRE(result.plan.size() == 5);  // east, east, turn to face south, south: on the goal
  CHECK(instance.motion.cell(result.plan.back()[0]) == instance.map().cell(2, 1));
  CHECK(scripted->seen_locations == std::vector<int>{0, 1, 2, 2});
}

TEST_CASE("a colliding tick is executed as everyone waiting", "[plugins][lorr]") {
  auto inner = std::make_unique<ScriptedPlanner>();
  inner->script = {LorrAction::Forward, LorrAction::Forward, LorrAction::Forward};
  fleet::lorr::StartKitAdapter<ScriptedPlanner> adapter("scripted", std::move(inner), 100);
  // Both face east, one behind the other at the end of the row: the front one would leave
  // the map, so every tick is invalid.
  const Instance instance =
      row_instance(MotionKind::Rotation, {{3, 0}, {4, 0}}, {{0, 0}, {1, 0}}, 3);
  const Result result = adapter.solve(instance, StopCondition::after(2.0));
  REQUIRE(result.status == Status::Solved);
  REQUIRE(result.plan.size() == 4);
  for (const Config& config : result.plan) CHECK(config == instance.starts);
  REQUIRE(result.stats.extra.size() == 1);
  CHECK(result.stats.extra.front() == std::pair<std::string, double>{"invalid_ticks", 3.0});
}

TEST_CASE("under the 4-connected model a turn costs a waiting tick", "[plugins][lorr]") {
  auto inner = std::make_unique<ScriptedPlanner>();
  inner->script = {LorrAction::RotateCW, LorrAction::Forward};
  fleet::lorr::StartKitAdapter<ScriptedPlanner> adapter("scripted", std::move(inner), 100);
  const Instance instance = row_instance(MotionKind::FourConnected, {{1, 0}}, {{1, 1}}, 0);
  const Result result = adapter.solve(instance, StopCondition::after(2.0));
  REQUIRE(result.status == Status::Solved);
  CHECK(validate(instance, result.plan).empty());
  REQUIRE(result.plan.size() == 3);
  CHECK(result.plan[1] == instance.starts);
  CHECK(result.plan[2][0] == instance.map().cell(1, 1));
}

TEST_CASE("a one-shot call that never arrives times out", "[plugins][lorr]") {
  fleet::lorr::StartKitAdapter<ScriptedPlanner> adapter(
      "scripted", std::make_unique<ScriptedPlanner>(), 100);
  const Instance instance = row_instance(MotionKind::Rotation, {{0, 0}}, {{4, 1}}, 0);
  CHECK(adapter.solve(instance, StopCondition::after(0.05)).status == Status::Timeout);
}
