// The pibt planner: valid one-shot plans, the corridor case that needs the swap technique,
// lifelong windows of exactly horizon + 1 ticks under both motion models that bring robots
// to their goals, and determinism for a seed.
#include <fleet/planner/registry.hpp>
#include <fleet/planner/validator.hpp>

#include <catch2/catch.hpp>

#include "instance_builders.hpp"

#include <algorithm>
#include <map>
#include <memory>
#include <string>

using namespace fleet::planner;
using fleet::test::describe;
using fleet::test::from_scen;
using fleet::test::hand_made;

namespace {

Result solve(const std::string& planner, const Instance& instance,
             const std::map<std::string, std::string>& params = {}, std::uint64_t seed = 0) {
  return builtin_planners().make(planner, params, seed)->solve(instance, StopCondition::after(10));
}

std::int64_t distance_to_go(const Instance& instance, const Config& config) {
  std::int64_t total = 0;
  for (std::size_t r = 0; r < instance.size(); ++r)
    total += instance.distances->distance(config[r], instance.goals[r]);
  return total;
}

}  // namespace

TEST_CASE("pibt solves open instances with valid plans", "[pibt]") {
  for (const auto& [map, agents] :
       std::vector<std::pair<std::string, int>>{{"empty-32-32", 100}, {"warehouse-10-20-10-2-1", 50}}) {
    INFO(map << " with " << agents << " robots");
    const Instance instance = from_scen(map, agents, MotionKind::FourConnected);
    const Result result = solve("pibt", instance);
    REQUIRE(result.status == Status::Solved);
    const auto violations = validate(instance, result.plan);
    INFO(describe(violations, instance.map()));
    CHECK(violations.empty());
    CHECK(sum_of_costs(instance, result.plan) >= sum_of_costs_lower_bound(instance));
    CHECK(result.stats.first_solution_cost == sum_of_costs(instance, result.plan));
  }
}

TEST_CASE("pibt needs the swap technique to pass a robot in a corridor", "[pibt]") {
  // Two robots must trade ends of a corridor whose only passing place is the bay at (2,1):
  // pushing alone drives one robot into the dead end and stalls; the swap technique pulls
  // the other back to the bay, where they pass.
  //   x: 0123456
  // y=0  .......
  // y=1  @@.@@@@
  const Instance instance = hand_made({".......", "@@.@@@@"}, {{0, 0}, {6, 0}}, {{6, 0}, {0, 0}});
  for (std::uint64_t seed : {0U, 1U, 2U}) {
    INFO("seed " << seed);
    // Exact distances: guidance would break the symmetry this case is about.
    const Result plain = solve("pibt", instance,
                               {{"swap", "false"}, {"max_ticks", "200"}, {"guidance", "none"},
                                {"guidance_graph", "none"}},
                               seed);
    CHECK(plain.status == Status::Timeout);
    CHECK(plain.plan.empty());
    const Result swapped = solve("pibt", instance, {{"max_ticks", "200"}}, seed);
    REQUIRE(swapped.status == Status::Solved);
    const auto violations = validate(instance, swapped.plan);
    INFO(describe(violations, instance.map()));
    CHECK(violations.empty());
    CHECK(makespan(instance, swapped.plan) <= 16);
  }
}

TEST_CASE("pibt passes in a corridor under the rotation model too", "[pibt]") {
  const Instance instance = hand_made({".......", "@@.@@@@"}, {{0, 0}, {6, 0}}, {{6, 0}, {0, 0}},
                                      MotionKind::Rotation);
  const Result result = solve("pibt", instance, {{"max_ticks", "300"}});
  REQUIRE(result.status == Status::Solved);
  const auto violations = validate(instance, result.plan);
  INFO(describe(violations, instance.map()));
  CHECK(violations.empty());
}

namespace {

/// The first `robots` rows of warehouse-10-20-10-2-1 with assorted headings, planned in
/// lifelong windows of 4 ticks.
Instance lifelong_warehouse(int robots, MotionKind kind) {
  Instance instance = from_scen("warehouse-10-20-10-2-1", robots, kind);
  for (std::size_t r = 0; r < instance.size(); ++r)
    instance.starts[r] = instance.motion.state(instance.motion.cell(instance.starts[r]),
                                               static_cast<int>(r % 4));
  instance.horizon = 4;
  return instance;
}

/// Plans `calls` consecutive windows, each starting where the last one ended; every window
/// must be solved, horizon + 1 ticks long and valid. `seen(plan)` gets each window.
template <class Seen>
void plan_windows(Instance& instance, Planner& planner, int calls, Seen&& seen) {
  ValidateOptions options;
  options.require_goals = false;
  for (int call = 0; call < calls; ++call) {
    const Result result = planner.solve(instance, StopCondition::after(5));
    REQUIRE(result.status == Status::Solved);
    REQUIRE(result.plan.size() == static_cast<std::size_t>(instance.horizon) + 1);
    const auto violations = validate(instance, result.plan, options);
    INFO("call " << call << "\n" << describe(violations, instance.map()));
    REQUIRE(violations.empty());
    seen(result.plan);
    instance.starts = result.plan.back();
  }
}

}  // namespace

TEST_CASE("pibt lifelong windows are valid, exactly horizon + 1 ticks, and make progress",
          "[pibt]") {
  for (MotionKind kind : {MotionKind::Rotation, MotionKind::FourConnected}) {
    INFO(to_string(kind));
    Instance instance = lifelong_warehouse(150, kind);
    auto planner = builtin_planners().make("pibt", {}, 7);
    const std::int64_t before = distance_to_go(instance, instance.starts);
    int arrived = 0;
    plan_windows(instance, *planner, 15, [&](const Plan& plan) {
      for (std::size_t r = 0; r < instance.size(); ++r)
        arrived += instance.motion.cell(plan.back()[r]) == instance.goals[r] ? 1 : 0;
    });
    // 60 ticks on a 161x63 map: most robots have not arrived, but the fleet moved closer.
    CHECK(distance_to_go(instance, instance.starts) < before * 3 / 4);
    CHECK(arrived > 0);
  }
}

TEST_CASE("pibt lets a robot with a new goal go first by new_goal_priority ticks", "[pibt]") {
  // Robot 0 rests on its goal west of a junction while robot 1 comes up from the south,
  // heading east. When robot 0 gets a goal north of the junction both want its centre:
  // PIBT's own rule gives it to robot 1, on its way for a tick already; a credit of 10 ticks
  // gives it to robot 0, which has just finished.
  //   x: 01234
  // y=0  @@.@@
  // y=1  .....   centre (2,1)
  // y=2  @@.@@
  // y=3  @@.@@
  const std::vector<std::string> rows{"@@.@@", ".....", "@@.@@", "@@.@@"};
  for (const char* credit : {"0", "10"}) {
    INFO("new_goal_priority " << credit);
    Instance instance = hand_made(rows, {{1, 1}, {2, 3}}, {{1, 1}, {4, 1}});
    instance.horizon = 1;
    auto planner = builtin_planners().make(
        "pibt", {{"guidance", "none"}, {"guidance_graph", "none"}, {"new_goal_priority", credit}},
        0);
    plan_windows(instance, *planner, 1, [](const Plan&) {});
    REQUIRE(instance.starts[1] == instance.motion.state(instance.map().cell(2, 2), 0));
    instance.goals[0] = instance.map().cell(2, 0);
    const Cell centre = instance.map().cell(2, 1);
    RobotId first = -1;
    plan_windows(instance, *planner, 1, [&](const Plan& plan) {
      for (std::size_t r = 0; r < instance.size(); ++r)
        if (instance.motion.cell(plan.back()[r]) == centre) first = static_cast<RobotId>(r);
    });
    CHECK(first == (std::string(credit) == "0" ? 1 : 0));
  }
}

TEST_CASE("pibt lets at most queue_limit robots near a shared goal; the rest wait outside",
          "[pibt]") {
  // Eight robots on the rim of an open 11 x 11 floor all head for its centre, which the
  // first to arrive keeps. With a limit of 2 and a radius of 3, at most two of them come
  // within 3 ticks of the centre, however long the others wait; without a limit they crowd
  // round it. Under both motion models.
  const auto kind = GENERATE(MotionKind::FourConnected, MotionKind::Rotation);
  const std::vector<std::string> rows(11, std::string(11, '.'));
  const std::vector<std::pair<int, int>> rim{{0, 0}, {5, 0}, {10, 0}, {0, 5},
                                             {10, 5}, {0, 10}, {5, 10}, {10, 10}};
  for (const char* limit : {"0", "2"}) {
    INFO(to_string(kind) << ", queue_limit " << limit);
    Instance instance = hand_made(rows, rim, std::vector<std::pair<int, int>>(8, {5, 5}), kind);
    instance.horizon = 1;
    auto planner = builtin_planners().make("pibt",
                                           {{"guidance", "none"},
                                            {"guidance_graph", "none"},
                                            {"queue_limit", limit},
                                            {"queue_radius", "3"}},
                                           0);
    const Cell centre = instance.map().cell(5, 5);
    int most_near = 0;
    plan_windows(instance, *planner, 40, [&](const Plan& plan) {
      int near = 0;
      for (const State s : plan.back()) {
        // Within 3 ticks of the centre in the cell's best heading (turns count).
        const Cell c = instance.motion.cell(s);
        std::uint32_t best = instance.distances->distance(s, centre);
        for (int h = 0; h < kDirections; ++h)
          best = std::min(best, instance.distances->distance(instance.motion.state(c, h), centre));
        near += best < 3 ? 1 : 0;
      }
      most_near = std::max(most_near, near);
    });
    bool taken = false;
    for (const State s : instance.starts) taken = taken || instance.motion.cell(s) == centre;
    CHECK(taken);
    if (std::string(limit) == "2") {
      CHECK(most_near == 2);
    } else {
      CHECK(most_near >= 6);
    }
  }
}

TEST_CASE("pibt is deterministic for a seed", "[pibt]") {
  const Instance instance = from_scen("random-32-32-20", 60, MotionKind::Rotation);
  Instance windowed = instance;
  windowed.horizon = 30;
  const Result a = solve("pibt", windowed, {}, 5);
  const Result b = solve("pibt", windowed, {}, 5);
  REQUIRE(a.status == Status::Solved);
  CHECK(a.plan == b.plan);
}

TEST_CASE("pibt rejects malformed instances", "[pibt]") {
  const Instance shared_goal = hand_made({"...."}, {{0, 0}, {3, 0}}, {{1, 0}, {1, 0}});
  const Result result = solve("pibt", shared_goal);
  CHECK(result.status == Status::InvalidInput);
  CHECK_FALSE(result.message.empty());
}

namespace {

/// Plans `calls` lifelong windows of pibt with `params` and hashes every configuration (FNV-1a
/// over the states), checking each window with the validator on the way.
std::uint64_t lifelong_plan_hash(MotionKind kind, const std::map<std::string, std::string>& params,
                                 std::uint64_t seed, int calls = 12) {
  Instance instance = lifelong_warehouse(200, kind);
  auto planner = builtin_planners().make("pibt", params, seed);
  std::uint64_t hash = 1469598103934665603ULL;
  plan_windows(instance, *planner, calls, [&](const Plan& plan) {
    for (const Config& config : plan) {
      for (State s : config) hash = (hash ^ static_cast<std::uint64_t>(s)) * 1099511628211ULL;
    }
  });
  return hash;
}

}  // namespace

TEST_CASE("pibt without guidance plans exactly as before guidance existed", "[pibt]") {
  // Hashes of the plans made by the code before guidance was added (same instance, seed and
  // windows). A deliberate change to PIBT's choices must update them.
  for (const auto& params : std::vector<std::map<std::string, std::string>>{
           {{"guidance", "none"}, {"guidance_graph", "none"}},
           {{"guidance", "none"}, {"guidance_weight", "5"}, {"guidance_graph", "none"}}}) {
    CHECK(lifelong_plan_hash(MotionKind::Rotation, params, 3) == 1812167297178818848ULL);
    CHECK(lifelong_plan_hash(MotionKind::FourConnected, params, 3) == 8761588023324293432ULL);
  }
}

TEST_CASE("pibt with guidance keeps lifelong windows valid and deterministic", "[pibt]") {
  for (const char* kind : {"flow", "oneway"}) {
    for (MotionKind motion : {MotionKind::Rotation, MotionKind::FourConnected}) {
      INFO(kind << " under " << to_string(motion));
      const std::map<std::string, std::string> params{{"guidance", kind},
                                                      {"guidance_weight", "3"}};
      const std::uint64_t first = lifelong_plan_hash(motion, params, 3);
      CHECK(first == lifelong_plan_hash(motion, params, 3));
      if (std::string(kind) == "flow")  // junctions everywhere: traffic must change choices
        CHECK(first != lifelong_plan_hash(motion, {{"guidance", "none"}}, 3));
    }
  }
}

TEST_CASE("pibt on a crisscross guidance graph keeps lifelong windows valid and deterministic",
          "[pibt]") {
  for (MotionKind motion : {MotionKind::Rotation, MotionKind::FourConnected}) {
    INFO(to_string(motion));
    const std::map<std::string, std::string> guided{
        {"guidance", "none"}, {"guidance_graph", "crisscross"}, {"wrong_way_cost", "4"}};
    const std::map<std::string, std::string> plain{{"guidance", "none"},
                                                   {"guidance_graph", "none"}};
    const std::uint64_t first = lifelong_plan_hash(motion, guided, 3);
    CHECK(first == lifelong_plan_hash(motion, guided, 3));
    CHECK(first != lifelong_plan_hash(motion, plain, 3));
    // A wrong-way cost of 1 is the plain grid: the same plans as no guidance graph.
    CHECK(lifelong_plan_hash(motion, {{"guidance", "none"}, {"guidance_graph", "crisscross"},
                                      {"wrong_way_cost", "1"}, {"traffic_spread", "0"}},
                             3) == lifelong_plan_hash(motion, plain, 3));
    // Spreading the sampled traffic changes the graph, and so the plans, deterministically.
    const std::map<std::string, std::string> spread{
        {"guidance", "none"}, {"guidance_graph", "crisscross"}, {"traffic_spread", "16"}};
    const std::uint64_t spread_hash = lifelong_plan_hash(motion, spread, 3);
    CHECK(spread_hash == lifelong_plan_hash(motion, spread, 3));
    CHECK(spread_hash != lifelong_plan_hash(motion, {{"guidance", "none"},
                                                     {"guidance_graph", "crisscross"},
                                                     {"traffic_spread", "0"}},
                                            3));
    // The defaults combine the graph with the flow guidance: valid and deterministic too.
    CHECK(lifelong_plan_hash(motion, {}, 3) == lifelong_plan_hash(motion, {}, 3));
  }
}

TEST_CASE("pibt on a crisscross graph takes the street that runs its way", "[pibt]") {
  // From (6, 0) to (0, 0). Row 0 runs east, so the straight way costs 6 wrong-way moves
  // (6 x 3); round by row 1, which runs west, costs 1 + 6 + 3 (column 0 runs south). The
  // guided robot goes round; unguided, the straight way is shorter and it never leaves row 0.
  //   x: 0123456
  // y=0  .......
  // y=1  .......
  const Instance instance = hand_made({".......", "......."}, {{6, 0}}, {{0, 0}});
  const Cell lower = instance.map().cell(3, 1);
  auto uses_lower = [&](const Result& result) {
    for (const Config& config : result.plan) {
      if (config[0] == lower) return true;
    }
    return false;
  };
  for (std::uint64_t seed = 0; seed < 4; ++seed) {
    INFO("seed " << seed);
    const Result guided = solve("pibt", instance,
                                {{"guidance", "none"}, {"guidance_graph", "crisscross"},
                                 {"wrong_way_cost", "3"}},
                                seed);
    REQUIRE(guided.status == Status::Solved);
    CHECK(uses_lower(guided));
    const Result plain =
        solve("pibt", instance, {{"guidance", "none"}, {"guidance_graph", "none"}}, seed);
    REQUIRE(plain.status == Status::Solved);
    CHECK_FALSE(uses_lower(plain));
  }
}

TEST_CASE("pibt oneway guidance keeps robots out of aisles against their direction", "[pibt]") {
  // Two one-wide aisles join the junction column x=1 to the goal column x=7; both routes are
  // eight moves. The upper aisle (the first aisle row) runs east, the lower one west, so a
  // guided robot bound east takes the upper one; unguided, the seed picks.
  //   x: 01234567
  // y=0  ........
  // y=1  ..@@@@@.
  // y=2  ........
  const Instance instance = hand_made({"........", "..@@@@@.", "........"}, {{1, 1}}, {{7, 1}});
  const Cell lower = instance.map().cell(4, 2);
  auto uses_lower = [&](const Result& result) {
    for (const Config& config : result.plan) {
      if (config[0] == lower) return true;
    }
    return false;
  };
  int unguided_lower = 0;
  for (std::uint64_t seed = 0; seed < 8; ++seed) {
    INFO("seed " << seed);
    const Result guided =
        solve("pibt", instance, {{"guidance", "oneway"}, {"guidance_weight", "3"},
                                 {"guidance_graph", "none"}}, seed);
    REQUIRE(guided.status == Status::Solved);
    CHECK_FALSE(uses_lower(guided));
    const Result plain =
        solve("pibt", instance, {{"guidance", "none"}, {"guidance_graph", "none"}}, seed);
    REQUIRE(plain.status == Status::Solved);
    unguided_lower += uses_lower(plain) ? 1 : 0;
  }
  CHECK(unguided_lower > 0);
}

TEST_CASE("pibt rejects unknown guidance, bad weights and bad priority credits", "[pibt]") {
  CHECK_THROWS_WITH(builtin_planners().make("pibt", {{"guidance_graph", "maze"}}, 0),
                    Catch::Contains("maze"));
  CHECK_THROWS_WITH(builtin_planners().make("pibt", {{"wrong_way_cost", "0"}}, 0),
                    Catch::Contains("wrong_way_cost"));
  CHECK_THROWS_WITH(builtin_planners().make("pibt", {{"wrong_way_cost", "65"}}, 0),
                    Catch::Contains("wrong_way_cost"));
  CHECK_THROWS_WITH(builtin_planners().make("pibt", {{"traffic_spread", "-1"}}, 0),
                    Catch::Contains("traffic_spread"));
  CHECK_THROWS_WITH(builtin_planners().make("lacam", {{"traffic_spread", "65"}}, 0),
                    Catch::Contains("traffic_spread"));
  CHECK_THROWS_WITH(builtin_planners().make("pibt", {{"guidance", "sideways"}}, 0),
                    Catch::Contains("sideways"));
  CHECK_THROWS_WITH(builtin_planners().make("pibt", {{"guidance", "flow"},
                                                     {"guidance_weight", "-1"}}, 0),
                    Catch::Contains("guidance_weight"));
  CHECK_THROWS_WITH(builtin_planners().make("pibt", {{"new_goal_priority", "-1"}}, 0),
                    Catch::Contains("new_goal_priority"));
  CHECK_THROWS_WITH(builtin_planners().make("lacam", {{"new_goal_priority", "nan"}}, 0),
                    Catch::Contains("new_goal_priority"));
  CHECK_THROWS_WITH(builtin_planners().make("pibt", {{"queue_limit", "-1"}}, 0),
                    Catch::Contains("queue_limit"));
  CHECK_THROWS_WITH(builtin_planners().make("lacam", {{"queue_radius", "0"}}, 0),
                    Catch::Contains("queue_radius"));
}

TEST_CASE("a pibt planner outlives the map of the instance it solved", "[pibt][lifetime]") {
  // Found under ASan: the planner kept the last reference to the map, and its heuristic
  // table read the map while being freed after it. Destroying the planner last must be safe.
  auto planner = builtin_planners().make("pibt", {}, 1);
  {
    auto grid = std::make_shared<const Grid>(Grid::from_rows({".....", ".@.@.", "....."}));
    const Instance instance(grid, MotionKind::FourConnected, {State{0}, State{4}}, {4, 0});
    CHECK(planner->solve(instance, StopCondition::after(10)).status == Status::Solved);
  }
  planner.reset();  // ASan reports a use after free here if the order is wrong
  CHECK(planner == nullptr);
}
