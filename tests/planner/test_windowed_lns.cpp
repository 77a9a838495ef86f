// The lacam planner's lifelong mode: a PIBT rollout over a window improved by windowed LNS.
// Plans have exactly horizon + 1 valid configurations from the starts under both motion
// models, LNS never worsens the windowed objective of the rollout (and does improve it when
// robots crowd), round-limited runs repeat exactly, and lifelong simulations stay valid.
#include <fleet/planner/registry.hpp>
#include <fleet/planner/validator.hpp>
#include <fleet/sim/scenario.hpp>
#include <fleet/sim/simulator.hpp>

#include <catch2/catch.hpp>
#include <tbb/task_arena.h>

#include "../sim/loop_test_support.hpp"
#include "instance_builders.hpp"

#include <filesystem>
#include <map>
#include <string>
#include <utility>
#include <vector>

using namespace fleet::planner;
using fleet::test::describe;
using fleet::test::extra;
using fleet::test::from_scen;

namespace {

using Params = std::map<std::string, std::string>;

Result solve_once(const Instance& instance, const Params& params, std::uint64_t seed = 3,
                  double seconds = 10) {
  return builtin_planners().make("lacam", params, seed)->solve(instance,
                                                               StopCondition::after(seconds));
}

/// The windowed objective, computed here from the plan alone: per robot the first tick on
/// its goal, else the window plus the distance left at its end.
std::int64_t window_objective(const Instance& instance, const Plan& plan) {
  const auto w = static_cast<std::int64_t>(plan.size()) - 1;
  std::int64_t total = 0;
  for (std::size_t r = 0; r < instance.size(); ++r) {
    std::int64_t cost = -1;
    for (std::size_t t = 0; t < plan.size() && cost < 0; ++t) {
      if (instance.motion.cell(plan[t][r]) == instance.goals[r]) cost = static_cast<std::int64_t>(t);
    }
    if (cost < 0) cost = w + instance.distances->distance(plan.back()[r], instance.goals[r]);
    total += cost;
  }
  return total;
}

void require_valid_window(const Instance& instance, const Result& result) {
  REQUIRE(result.status == Status::Solved);
  REQUIRE(result.plan.size() == static_cast<std::size_t>(instance.horizon) + 1);
  CHECK(result.plan.front() == instance.starts);
  Validator validator(instance.motion);
  for (std::size_t t = 0; t + 1 < result.plan.size(); ++t) {
    const auto violations =
        validator.check_step(result.plan[t], result.plan[t + 1], static_cast<int>(t));
    INFO("step " << t << "\n" << describe(violations, instance.map()));
    REQUIRE(violations.empty());
  }
  ValidateOptions options;
  options.require_goals = false;
  CHECK(validate(instance, result.plan, options).empty());
}

}  // namespace

TEST_CASE("windowed lacam returns horizon + 1 valid configurations from the starts",
          "[lacam][window]") {
  const auto kind = GENERATE(MotionKind::FourConnected, MotionKind::Rotation);
  const int horizon = GENERATE(1, 4, 15, 20);  // 20: beyond the window, which then grows
  INFO(to_string(kind) << ", horizon " << horizon);
  Instance instance = from_scen("warehouse-10-20-10-2-1", 200, kind);
  instance.horizon = horizon;
  const Result rounds = solve_once(instance, {{"lns_rounds", "60"}});
  require_valid_window(instance, rounds);
  CHECK(extra(rounds, "lns_rounds") > 0);
  // Stopped by the deadline instead of a round count.
  const Result timed = solve_once(instance, {{"lifelong_time_share", "0.5"}}, 3, 0.2);
  require_valid_window(instance, timed);
  const Result plain = solve_once(instance, {{"lifelong_lns", "false"}});
  require_valid_window(instance, plain);
}

TEST_CASE("windowed LNS never worsens the rollout's windowed objective", "[lacam][window]") {
  struct Case {
    std::string map;
    int agents;
    MotionKind kind;
  };
  std::int64_t gained = 0;
  for (const Case& c : std::vector<Case>{{"random-32-32-20", 200, MotionKind::FourConnected},
                                         {"warehouse-10-20-10-2-1", 400, MotionKind::FourConnected},
                                         {"random-32-32-20", 150, MotionKind::Rotation},
                                         {"room-32-32-4", 100, MotionKind::Rotation}}) {
    for (const std::uint64_t seed : {1U, 2U}) {
      INFO(c.map << " with " << c.agents << " robots, " << to_string(c.kind) << ", seed "
                 << seed);
      Instance instance = from_scen(c.map, c.agents, c.kind);
      instance.horizon = 15;  // the whole window comes back
      // The objective recomputed here is in ticks: no guidance graph.
      const Result rollout = solve_once(
          instance, {{"lifelong_lns", "false"}, {"guidance_graph", "none"}}, seed);
      const Result improved =
          solve_once(instance, {{"lns_rounds", "200"}, {"guidance_graph", "none"}}, seed);
      require_valid_window(instance, rollout);
      require_valid_window(instance, improved);
      // On the guidance graph the planner's own objective must not worsen either.
      const Result guided = solve_once(instance, {{"lns_rounds", "200"}}, seed);
      require_valid_window(instance, guided);
      CHECK(extra(guided, "window_cost") <= extra(guided, "window_cost_rollout"));
      const std::int64_t before = window_objective(instance, rollout.plan);
      const std::int64_t after = window_objective(instance, improved.plan);
      CHECK(after <= before);
      CHECK(extra(improved, "window_cost_rollout") == static_cast<double>(before));
      CHECK(extra(improved, "window_cost") == static_cast<double>(after));
      gained += before - after;
    }
  }
  CHECK(gained > 0);  // crowded windows leave LNS something to win
}

TEST_CASE("windowed lacam repeats exactly for a seed and round budget over several calls",
          "[lacam][window]") {
  Instance instance = from_scen("random-32-32-20", 150, MotionKind::Rotation);
  instance.horizon = 2;
  const Params params{{"lns_rounds", "40"}, {"window", "10"}};
  auto a = builtin_planners().make("lacam", params, 5);
  auto b = builtin_planners().make("lacam", params, 5);
  for (int call = 0; call < 4; ++call) {
    INFO("call " << call);
    const Result ra = a->solve(instance, StopCondition());
    const Result rb = b->solve(instance, StopCondition());
    require_valid_window(instance, ra);
    REQUIRE(ra.plan == rb.plan);
    instance.starts = ra.plan.back();  // the next call starts where this one left off
  }
}

TEST_CASE("windowed LNS replans neighbourhoods in parallel: valid, improving, and the same "
          "whatever the cores",
          "[lacam][window]") {
  const auto kind = GENERATE(MotionKind::Rotation, MotionKind::FourConnected);
  INFO(to_string(kind));
  Instance instance = from_scen("random-32-32-20", 200, kind);
  instance.horizon = 2;
  const Params params{{"lns_rounds", "120"}, {"window", "10"}, {"lns_threads", "2"}};
  // Three calls, each starting where the last one ended (so following is covered too), run
  // on one core and on two: the neighbourhoods of a batch are fixed by lns_threads, so the
  // plans must match tick for tick.
  std::vector<Instance> calls;
  auto run = [&](int cores) {
    std::vector<Result> results;
    calls.clear();
    tbb::task_arena arena(cores);
    arena.execute([&] {
      auto planner = builtin_planners().make("lacam", params, 5);
      Instance now = instance;
      for (int call = 0; call < 3; ++call) {
        calls.push_back(now);
        results.push_back(planner->solve(now, StopCondition()));
        now.starts = results.back().plan.back();
      }
    });
    return results;
  };
  const std::vector<Result> one_core = run(1);
  const std::vector<Result> two_cores = run(2);
  for (std::size_t call = 0; call < one_core.size(); ++call) {
    INFO("call " << call);
    require_valid_window(calls[call], one_core[call]);
    CHECK(one_core[call].plan == two_cores[call].plan);
    CHECK(extra(one_core[call], "lns_rounds") == 120.0);
    CHECK(extra(one_core[call], "window_cost") < extra(one_core[call], "window_cost_rollout"));
  }
  // A batch of two is planned on one snapshot: another result than one neighbourhood at a
  // time, which shows the count is honoured.
  auto single = builtin_planners().make(
      "lacam", {{"lns_rounds", "120"}, {"window", "10"}, {"lns_threads", "1"}}, 5);
  CHECK(single->solve(instance, StopCondition()).plan != one_core[0].plan);
}

TEST_CASE("a lifelong lacam call continues the moves its previous window planned",
          "[lacam][window]") {
  // With no LNS rounds a window is the rollout alone. A planner handing back two ticks of its
  // first window shows what that window planned for the second tick; a planner handing back
  // one tick per call, on its second call, makes those moves again (moves, not waits: a wait
  // planned earlier may be for a robot that has moved on), while a planner that plans afresh
  // makes many of them differently.
  const auto kind = GENERATE(MotionKind::Rotation, MotionKind::FourConnected);
  INFO(to_string(kind));
  Instance instance = from_scen("random-32-32-20", 200, kind);
  instance.horizon = 2;
  const Result two_ticks = solve_once(instance, {{"lns_rounds", "0"}, {"window", "10"}}, 7);
  require_valid_window(instance, two_ticks);
  const Config& at_1 = two_ticks.plan[1];
  const Config& at_2 = two_ticks.plan[2];

  auto second_tick = [&](const std::string& follow) {
    Instance one = instance;
    one.horizon = 1;
    auto planner = builtin_planners().make(
        "lacam", {{"lns_rounds", "0"}, {"window", "10"}, {"lifelong_follow", follow}}, 7);
    const Result first = planner->solve(one, StopCondition());
    REQUIRE(first.plan[1] == at_1);
    one.starts = first.plan[1];
    const Result second = planner->solve(one, StopCondition());
    require_valid_window(one, second);
    return second.plan[1];
  };
  auto moves_kept = [&](const Config& next) {
    int planned = 0;
    int kept = 0;
    for (std::size_t r = 0; r < at_1.size(); ++r) {
      if (instance.motion.cell(at_2[r]) == instance.motion.cell(at_1[r])) continue;
      ++planned;
      kept += next[r] == at_2[r] ? 1 : 0;
    }
    return std::pair{planned, kept};
  };
  const auto [planned, followed] = moves_kept(second_tick("true"));
  const auto [same, afresh] = moves_kept(second_tick("false"));
  INFO(planned << " moves planned; kept " << followed << " when following, " << afresh
               << " when planning afresh");
  REQUIRE(planned > 50);
  CHECK(followed >= planned * 98 / 100);
  CHECK(afresh < followed);
}

TEST_CASE("windowed lacam on a guidance graph is valid and repeats for a seed and round budget",
          "[lacam][window]") {
  for (const MotionKind kind : {MotionKind::Rotation, MotionKind::FourConnected}) {
    INFO(to_string(kind));
    Instance instance = from_scen("random-32-32-20", 150, kind);
    instance.horizon = 2;
    const Params guided{{"lns_rounds", "40"}, {"window", "10"}, {"guidance_graph", "crisscross"},
                        {"wrong_way_cost", "4"}};
    auto a = builtin_planners().make("lacam", guided, 5);
    auto b = builtin_planners().make("lacam", guided, 5);
    auto plain = builtin_planners().make(
        "lacam", {{"lns_rounds", "40"}, {"window", "10"}, {"guidance_graph", "none"}}, 5);
    bool differs = false;
    for (int call = 0; call < 4; ++call) {
      INFO("call " << call);
      const Result ra = a->solve(instance, StopCondition());
      const Result rb = b->solve(instance, StopCondition());
      require_valid_window(instance, ra);
      REQUIRE(ra.plan == rb.plan);
      differs = differs || plain->solve(instance, StopCondition()).plan != ra.plan;
      instance.starts = ra.plan.back();
    }
    CHECK(differs);  // the graph changes the plans
  }
}

TEST_CASE("windowed LNS stops after lifelong_patience rounds per robot without improving",
          "[lacam][window]") {
  Instance instance = from_scen("random-32-32-20", 150, MotionKind::Rotation);
  instance.horizon = 1;
  auto rounds_with = [&](const std::string& patience) {
    const Result result = solve_once(instance, {{"lns_rounds", "3000"}, {"window", "10"},
                                                {"lifelong_patience", patience}});
    require_valid_window(instance, result);
    return extra(result, "lns_rounds");
  };
  const double patient = rounds_with("-1");
  const double impatient = rounds_with("0.1");  // 150 robots: at least 50 rounds
  CHECK(patient == 3000);
  CHECK(impatient >= 50);
  CHECK(impatient < patient);
}

TEST_CASE("windowed lacam leaves floors packed past lifelong_lns_max_density to the rollout",
          "[lacam][window]") {
  Instance instance = from_scen("random-32-32-20", 150, MotionKind::Rotation);  // 18% full
  instance.horizon = 1;
  auto has_lns = [](const Result& result) {
    for (const auto& [key, value] : result.stats.extra)
      if (key == "lns_rounds") return true;
    return false;
  };
  const Result improved = solve_once(instance, {{"lns_rounds", "30"}});
  require_valid_window(instance, improved);
  CHECK(has_lns(improved));
  const Result rollout =
      solve_once(instance, {{"lns_rounds", "30"}, {"lifelong_lns_max_density", "0.1"}});
  require_valid_window(instance, rollout);
  CHECK_FALSE(has_lns(rollout));
  const Result plain = solve_once(instance, {{"lifelong_lns", "false"}});
  CHECK(rollout.plan == plain.plan);
}

TEST_CASE("windowed lacam rejects bad window parameters", "[lacam][window]") {
  CHECK_THROWS_AS(builtin_planners().make("lacam", {{"rollout_share", "0"}}, 1),
                  std::invalid_argument);
  CHECK_THROWS_AS(builtin_planners().make("lacam", {{"guidance_graph", "maze"}}, 1),
                  std::invalid_argument);
  CHECK_THROWS_AS(builtin_planners().make("lacam", {{"wrong_way_cost", "0"}}, 1),
                  std::invalid_argument);
  CHECK_THROWS_AS(builtin_planners().make("lacam", {{"window", "0"}}, 1), std::invalid_argument);
  CHECK_THROWS_AS(builtin_planners().make("lacam", {{"lifelong_time_share", "1.5"}}, 1),
                  std::invalid_argument);
}

TEST_CASE("lifelong simulations with windowed lacam execute no violation", "[lacam][window]") {
  const auto kind = GENERATE(MotionKind::FourConnected, MotionKind::Rotation);
  auto scenario = fleet::test::make_scenario(fleet::test::room_rows(), {0, 9, 70, 79, 22, 57, 4, 75},
                                             {79, 70, 9, 0, 45, 33, 5, 74, 40, 12}, true, kind);
  scenario.steps = 120;
  scenario.planner.name = "lacam";
  scenario.planner.params = {{"lns_rounds", "30"}, {"window", "8"}};
  fleet::sim::Simulator sim(scenario, builtin_planners());
  Validator validator(sim.motion());
  Config before(sim.states().begin(), sim.states().end());
  while (sim.step()) {
    Config after(sim.states().begin(), sim.states().end());
    INFO("tick " << sim.tick());
    REQUIRE(validator.check_step(before, after, sim.tick() - 1).empty());
    before = std::move(after);
  }
  const auto s = sim.summary();
  CHECK(s.errands_done > 0);
  CHECK(s.violations_prevented == 0);
  CHECK(s.planner_failed == 0);
}

TEST_CASE("the shipped small scenario runs lifelong with windowed lacam without violations",
          "[lacam][window]") {
  const auto path = fleet::test::source_dir() / "scenarios" / "small.yaml";
  if (!std::filesystem::exists(path)) {
    WARN("scenarios/small.yaml is not there");
    return;
  }
  auto scenario = fleet::sim::load_scenario(path);
  scenario.planner.name = "lacam";
  scenario.planner.params = {{"lns_rounds", "20"}};
  fleet::sim::SimOptions options;
  options.steps = 60;
  options.threads = 1;
  fleet::sim::Simulator sim(scenario, builtin_planners(), options);
  while (sim.step()) {
  }
  const auto s = sim.summary();
  CHECK(s.errands_done > 0);
  CHECK(s.violations_prevented == 0);
  CHECK(s.planner_failed == 0);
}
