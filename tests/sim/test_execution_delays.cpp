// Execution under delays in the simulator: exact execution prevents the collisions delays
// cause, ADG execution never needs to; delays repeat from the seed at any thread count; a
// breakdown in a corridor makes the fleet replan around the broken robot.
#include "loop_test_support.hpp"

#include <fleet/planner/input_error.hpp>
#include <fleet/planner/registry.hpp>
#include <fleet/sim/scenario.hpp>
#include <fleet/sim/simulator.hpp>

#include <catch2/catch.hpp>

#include <fstream>

using fleet::sim::ExecutionPolicy;
using fleet::sim::RunSummary;
using fleet::sim::Scenario;
using fleet::sim::Simulator;

namespace {

RunSummary run(const Scenario& scenario, int threads = 1) {
  fleet::sim::SimOptions options;
  options.threads = threads;
  options.grain = 3;  // small chunks: the per-robot phases really run in parallel
  Simulator sim(scenario, fleet::planner::builtin_planners(), options);
  return sim.run();
}

/// A one-shot lacam run of 12 robots across the room, with delays.
Scenario delayed_room(ExecutionPolicy policy, double slip) {
  Scenario s = fleet::test::make_scenario(fleet::test::room_rows(),
                                          {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 19},
                                          {79, 78, 77, 76, 75, 74, 73, 72, 71, 70, 69, 60}, false);
  s.planner.name = "lacam";
  s.planner.time_limit_s = 30.0;
  s.execution.policy = policy;
  s.execution.delays.slip_prob = slip;
  s.execution.delays.stall_prob = 0.02;
  s.steps = 400;
  return s;
}

}  // namespace

TEST_CASE("without delays exact execution follows the plan and the ADG never does worse",
          "[execution]") {
  Scenario plain = delayed_room(ExecutionPolicy::Exact, 0.0);
  plain.execution.delays.stall_prob = 0.0;
  const RunSummary exact = run(plain);
  REQUIRE(exact.all_at_goals);
  CHECK(exact.sum_of_costs == exact.planned_sum_of_costs);
  CHECK(exact.makespan == exact.planned_makespan);
  CHECK(exact.replans == 1);
  // The ADG drops planned waits, so robots may arrive earlier than planned, never later.
  plain.execution.policy = ExecutionPolicy::Adg;
  const RunSummary adg = run(plain);
  REQUIRE(adg.all_at_goals);
  CHECK(adg.sum_of_costs <= adg.planned_sum_of_costs);
  CHECK(adg.makespan <= adg.planned_makespan);
  CHECK(adg.delayed == 0);
  CHECK(adg.violations_prevented == 0);
  CHECK(adg.replans == 1);
}

TEST_CASE("a delayed fleet on the ADG never needs the validator, exact execution does",
          "[execution]") {
  std::int64_t exact_prevented = 0;
  for (const double slip : {0.05, 0.1, 0.2}) {
    INFO("slip " << slip);
    const RunSummary adg = run(delayed_room(ExecutionPolicy::Adg, slip));
    REQUIRE(adg.all_at_goals);
    CHECK(adg.violations_prevented == 0);
    CHECK(adg.held == 0);
    CHECK(adg.delayed > 0);
    CHECK(adg.sum_of_costs >= adg.planned_sum_of_costs);
    const RunSummary exact = run(delayed_room(ExecutionPolicy::Exact, slip));
    CHECK(exact.all_at_goals);
    exact_prevented += exact.violations_prevented;
  }
  CHECK(exact_prevented > 0);
}

TEST_CASE("delays repeat from the seed at 1, 2 and 4 threads and change with it",
          "[execution][determinism]") {
  Scenario s = fleet::test::make_scenario(fleet::test::room_rows(), {0, 9, 70, 79, 22, 57, 13, 66},
                                          {79, 70, 9, 0, 45, 33, 5, 74, 40, 12, 27}, true);
  s.planner.name = "pibt";
  s.steps = 150;
  s.execution.policy = ExecutionPolicy::Adg;
  s.execution.delays.slip_prob = 0.1;
  s.execution.delays.slow_fraction = 0.25;
  s.execution.delays.stall_prob = 0.01;
  s.execution.delays.breakdown_prob = 0.003;
  s.execution.delays.repair_ticks = 10;
  const RunSummary one = run(s, 1);
  REQUIRE(one.delayed > 0);
  for (const int threads : {2, 4}) {
    INFO(threads << " threads");
    const RunSummary many = run(s, threads);
    CHECK(many.state_hash == one.state_hash);
    CHECK(many.delayed == one.delayed);
    CHECK(many.dependency_waits == one.dependency_waits);
    CHECK(many.stalls == one.stalls);
    CHECK(many.breakdowns == one.breakdowns);
    CHECK(many.errands_done == one.errands_done);
  }
  s.execution.delay_seed = 7;
  const RunSummary other = run(s, 1);
  CHECK(other.state_hash != one.state_hash);
}

TEST_CASE("a breakdown blocking a corridor leads to a replan around it, not a deadlock",
          "[execution]") {
  // A one-cell corridor along the top row with a bypass along the bottom row. Robot 0 breaks
  // down at tick 1 in the corridor, ahead of robot 1, for 100 ticks.
  const std::vector<std::string> rows = {"........",
                                         ".@@@@@@.",
                                         "........"};
  for (const ExecutionPolicy policy : {ExecutionPolicy::Adg, ExecutionPolicy::Exact}) {
    INFO("policy " << to_string(policy));
    Scenario s = fleet::test::make_scenario(rows, {2, 1}, {7, 6}, false);
    s.planner.name = "lacam";
    s.planner.time_limit_s = 30.0;
    s.steps = 400;
    s.execution.policy = policy;
    s.execution.delays.scheduled.push_back({0, 1, 100});
    Simulator sim(s, fleet::planner::builtin_planners());
    bool replanned = false;
    while (sim.tick() < 60 && sim.step())
      for (const auto& e : sim.events()) replanned |= e.kind == fleet::sim::TraceEventKind::Replan && sim.tick() > 1;
    CHECK(replanned);
    // Long before the repair, robot 1 went round by the bypass.
    CHECK(sim.motion().cell(sim.states()[1]) == 6);
    const RunSummary done = sim.run();
    CHECK(done.all_at_goals);
    CHECK(done.breakdowns == 1);
    if (policy == ExecutionPolicy::Adg) {
      CHECK(done.delay_replans >= 1);  // exact execution replans for the prevented move first
      CHECK(done.violations_prevented == 0);
    }
  }
}

TEST_CASE("the execution section of a scenario file is read and checked", "[execution]") {
  const fleet::test::LoopScratch dir;
  const auto write = [&](const std::string& execution) {
    const auto path = dir.path() / "s.yaml";
    std::ofstream(path) << "layout: {blocks_x: 2, blocks_y: 2}\nfleet: {robots: 4}\n"
                           "tasks: {mode: errands}\nexecution:\n" << execution;
    return path;
  };
  const Scenario s = fleet::sim::load_scenario(
      write("  policy: adg\n  slip_prob: 0.05\n  stall_ticks: [2, 4]\n"
            "  breakdowns: [[1, 10, 30]]\n  replan_after_lag: 5\n"));
  CHECK(s.execution.policy == ExecutionPolicy::Adg);
  CHECK(s.execution.delays.slip_prob == 0.05);
  CHECK(s.execution.delays.stall_min == 2);
  CHECK(s.execution.delays.stall_max == 4);
  REQUIRE(s.execution.delays.scheduled.size() == 1);
  CHECK(s.execution.delays.scheduled[0].tick == 10);
  CHECK(s.execution.replan_after_lag == 5);
  CHECK_THROWS_AS(fleet::sim::load_scenario(write("  policy: smart\n")), fleet::InputError);
  CHECK_THROWS_AS(fleet::sim::load_scenario(write("  slip_prob: 1.5\n")), fleet::InputError);
  CHECK_THROWS_WITH(fleet::sim::load_scenario(write("  slip_prob: -0.1\n")),
                    Catch::Contains("s.yaml:5:"));
}
