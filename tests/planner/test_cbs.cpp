// CBS, ECBS and EECBS against the exhaustive joint-space solver on small random instances:
// CBS (with every improvement on or off) finds the optimal sum of costs, the bounded
// variants stay within w of it, every plan passes the validator; plus prompt timeouts and
// windowed plans.
#include <fleet/planner/registry.hpp>
#include <fleet/planner/validator.hpp>

#include <catch2/catch.hpp>

#include "../test_paths.hpp"
#include "joint_search.hpp"
#include "search_instances.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <map>
#include <thread>

using namespace fleet::planner;
using fleet::test::SmallCase;

namespace {

constexpr double kLimitS = 10.0;  // generous: Debug + sanitizers; the instances take ms

struct Reference {
  SmallCase small;
  std::int64_t optimum;
};

// Small solvable instances and their optimal sum of costs; unsolvable draws are skipped.
std::vector<Reference> make_references(MotionKind kind) {
  struct Shape {
    int w, h, obstacles, robots;
  };
  const std::vector<Shape> shapes =
      kind == MotionKind::FourConnected
          ? std::vector<Shape>{{4, 4, 10, 4}, {5, 4, 15, 5}, {5, 5, 20, 6}, {6, 3, 10, 5},
                               {6, 6, 25, 4}}
          : std::vector<Shape>{{4, 3, 10, 3}, {4, 4, 15, 3}, {5, 3, 0, 4}};
  std::vector<Reference> out;
  for (const Shape& shape : shapes) {
    for (std::uint32_t seed = 1; seed <= 4; ++seed) {
      SmallCase c = fleet::test::random_small_case(shape.w, shape.h, shape.obstacles,
                                                   shape.robots, seed, kind);
      const auto found = fleet::test::joint_optimal_soc(c.instance, 200'000);
      if (!found.solved) continue;
      out.push_back({std::move(c), found.soc});
    }
  }
  return out;
}

// The exhaustive searches take most of this suite's time: run them once per process.
const std::vector<Reference>& references(MotionKind kind) {
  static const std::vector<Reference> four = make_references(MotionKind::FourConnected);
  static const std::vector<Reference> rotation = make_references(MotionKind::Rotation);
  return kind == MotionKind::FourConnected ? four : rotation;
}

Result solve(const std::string& planner, const std::map<std::string, std::string>& params,
             const Instance& instance, double limit_s = kLimitS) {
  return builtin_planners().make(planner, params, 7)->solve(instance, StopCondition::after(limit_s));
}

void require_valid(const Instance& instance, const Result& result, bool require_goals = true) {
  ValidateOptions options;
  options.require_goals = require_goals;
  const auto violations = validate(instance, result.plan, options);
  for (const auto& v : violations) INFO(v.describe(instance.map()));
  REQUIRE(violations.empty());
}

}  // namespace

TEST_CASE("cbs finds the optimal sum of costs of small instances", "[cbs]") {
  const std::vector<std::map<std::string, std::string>> variants = {
      {},
      {{"heuristic", "none"}},
      {{"heuristic", "cg"}},
      {{"heuristic", "dg"}},
      {{"prioritize", "false"}, {"heuristic", "none"}},
      {{"bypass", "false"}},
      {{"target", "false"}},
      {{"rectangle", "false"}},
      {{"corridor", "false"}},
      {{"cat", "false"}},
  };
  for (MotionKind kind : {MotionKind::FourConnected, MotionKind::Rotation}) {
    const auto& cases = references(kind);
    REQUIRE(cases.size() >= 10);
    for (const auto& ref : cases) {
      for (const auto& params : variants) {
        std::string label;
        for (const auto& [k, v] : params) label += k + "=" + v + " ";
        INFO(ref.small.label << ", optimum " << ref.optimum << ", cbs " << label);
        const Result result = solve("cbs", params, ref.small.instance);
        REQUIRE(result.status == Status::Solved);
        require_valid(ref.small.instance, result);
        CHECK(sum_of_costs(ref.small.instance, result.plan) == ref.optimum);
      }
    }
  }
}

TEST_CASE("one cbs planner object stays optimal across many instances", "[cbs]") {
  // The search keeps its arenas, MDD store and caches between solves: nothing of one
  // instance may leak into the next (a stale MDD or pair weight would misrank conflicts or
  // overestimate the heuristic). Largest instances first, so later ones reuse bigger arenas.
  for (MotionKind kind : {MotionKind::FourConnected, MotionKind::Rotation}) {
    std::vector<const Reference*> cases;
    for (const auto& ref : references(kind)) cases.push_back(&ref);
    std::reverse(cases.begin(), cases.end());
    for (const std::string heuristic : {"wdg", "dg"}) {
      auto planner = builtin_planners().make("cbs", {{"heuristic", heuristic}}, 7);
      for (int round = 0; round < 2; ++round) {
        for (const Reference* ref : cases) {
          INFO(ref->small.label << ", optimum " << ref->optimum << ", heuristic " << heuristic
                                << ", round " << round);
          const Result result = planner->solve(ref->small.instance, StopCondition::after(kLimitS));
          REQUIRE(result.status == Status::Solved);
          require_valid(ref->small.instance, result);
          CHECK(sum_of_costs(ref->small.instance, result.plan) == ref->optimum);
        }
      }
    }
  }
}

TEST_CASE("ecbs and eecbs stay within w of the optimum", "[cbs][ecbs]") {
  for (MotionKind kind : {MotionKind::FourConnected, MotionKind::Rotation}) {
    for (const auto& ref : references(kind)) {
      for (const std::string planner : {"ecbs", "eecbs"}) {
        for (const double w : {1.0, 1.1, 1.5}) {
          INFO(ref.small.label << ", optimum " << ref.optimum << ", " << planner << " w=" << w);
          const Result result = solve(planner, {{"w", std::to_string(w)}}, ref.small.instance);
          REQUIRE(result.status == Status::Solved);
          require_valid(ref.small.instance, result);
          const auto soc = sum_of_costs(ref.small.instance, result.plan);
          CHECK(soc >= ref.optimum);
          CHECK(static_cast<double>(soc) <= w * static_cast<double>(ref.optimum) + 1e-9);
        }
      }
    }
  }
}

TEST_CASE("search planners report Timeout promptly with no plan", "[cbs][timeout]") {
  auto grid = std::make_shared<const Grid>(load_map(fleet::test::movingai("random-32-32-20.map")));
  const Instance hard =
      load_scen(fleet::test::movingai("random-32-32-20-random-1.scen"), grid, 150);
  hard.distances->prepare(hard.goals);
  for (const std::string planner : {"cbs", "ecbs", "eecbs"}) {
    INFO(planner);
    const std::map<std::string, std::string> params =
        planner == "cbs" ? std::map<std::string, std::string>{}
                         : std::map<std::string, std::string>{{"w", "1.01"}};
    const double limit = 0.2;
    // A loaded machine can only delay a call, never hurry it: the best of three attempts
    // separates a planner that ignores its deadline from one that was descheduled.
    double best_wall = 1e9;
    for (int attempt = 0; attempt < 3 && best_wall >= limit + 0.05; ++attempt) {
      const auto started = std::chrono::steady_clock::now();
      const Result result = solve(planner, params, hard, limit);
      const double wall =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
      CHECK(result.status == Status::Timeout);
      CHECK(result.plan.empty());
      best_wall = std::min(best_wall, wall);
    }
    CHECK(best_wall < limit + 0.05);
  }
}

TEST_CASE("search planners stop when the cancel flag is raised", "[cbs][timeout]") {
  auto grid = std::make_shared<const Grid>(load_map(fleet::test::movingai("random-32-32-20.map")));
  const Instance hard =
      load_scen(fleet::test::movingai("random-32-32-20-random-1.scen"), grid, 150);
  std::atomic<bool> cancel{false};
  std::thread raiser([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    cancel = true;
  });
  const auto planner = builtin_planners().make("cbs");
  const auto started = std::chrono::steady_clock::now();
  const Result result = planner->solve(hard, StopCondition::after(30.0, &cancel));
  const double wall =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  raiser.join();
  CHECK(result.status == Status::Timeout);
  CHECK(result.plan.empty());
  CHECK(wall < 1.0);
}

TEST_CASE("windowed search planners resolve conflicts up to the horizon only", "[cbs][window]") {
  auto grid = std::make_shared<const Grid>(load_map(fleet::test::movingai("random-32-32-20.map")));
  for (const std::string planner : {"cbs", "ecbs", "eecbs"}) {
    for (const int horizon : {1, 5, 12}) {
      Instance instance =
          load_scen(fleet::test::movingai("random-32-32-20-random-2.scen"), grid, 40);
      instance.horizon = horizon;
      INFO(planner << " horizon " << horizon);
      const Result result = solve(planner, {}, instance);
      REQUIRE(result.status == Status::Solved);
      REQUIRE(result.plan.size() == static_cast<std::size_t>(horizon) + 1);
      require_valid(instance, result, false);
    }
  }
}

TEST_CASE("cbs rejects malformed instances and solves trivial ones", "[cbs]") {
  auto grid = std::make_shared<const Grid>(Grid::from_rows({"...", ".@."}));
  const Instance clash(grid, MotionKind::FourConnected, {0, 2}, {1, 1});
  CHECK(solve("cbs", {}, clash).status == Status::InvalidInput);
  const Instance empty(grid, MotionKind::FourConnected, {}, {});
  const Result none = solve("cbs", {}, empty);
  REQUIRE(none.status == Status::Solved);
  CHECK(none.plan.size() == 1);
  CHECK_THROWS_AS(builtin_planners().make("eecbs", {{"w", "0.5"}}), std::invalid_argument);
  CHECK_THROWS_AS(builtin_planners().make("cbs", {{"heuristic", "magic"}}), std::invalid_argument);
}

TEST_CASE("rectangle reasoning resolves a crossing in one split", "[cbs][rectangle]") {
  // Robot 0 heads down, robot 1 right, across an open 8x8 room: every pair of shortest paths
  // meets inside the rectangle (2,2)-(5,5), so the optimum is one tick above the lower bound.
  auto grid = std::make_shared<const Grid>(Grid::from_rows(std::vector<std::string>(8, "........")));
  const Instance crossing(grid, MotionKind::FourConnected, {grid->cell(2, 0), grid->cell(0, 2)},
                          {grid->cell(5, 7), grid->cell(7, 5)});
  const auto extra = [](const Result& r, const std::string& name) {
    for (const auto& [key, value] : r.stats.extra)
      if (key == name) return value;
    return -1.0;
  };
  const Result with = solve("cbs", {{"heuristic", "none"}}, crossing);
  REQUIRE(with.status == Status::Solved);
  require_valid(crossing, with);
  CHECK(sum_of_costs(crossing, with.plan) == 21);
  CHECK(extra(with, "rectangle_splits") >= 1);
  const Result without = solve("cbs", {{"heuristic", "none"}, {"rectangle", "false"}}, crossing);
  REQUIRE(without.status == Status::Solved);
  CHECK(sum_of_costs(crossing, without.plan) == 21);
  CHECK(extra(without, "rectangle_splits") == 0);
  CHECK(with.stats.iterations < without.stats.iterations);
}

TEST_CASE("corridor reasoning resolves a head-on meeting in one split", "[cbs][corridor]") {
  // Two rooms joined by a corridor five cells long; the robots cross it in opposite ways.
  auto grid = std::make_shared<const Grid>(
      Grid::from_rows({"...@@@@@...", "...........", "...@@@@@..."}));
  const Instance head_on(grid, MotionKind::FourConnected, {grid->cell(1, 1), grid->cell(9, 1)},
                         {grid->cell(10, 1), grid->cell(0, 1)});
  const auto optimum = fleet::test::joint_optimal_soc(head_on);
  REQUIRE(optimum.solved);
  const auto extra = [](const Result& r, const std::string& name) {
    for (const auto& [key, value] : r.stats.extra)
      if (key == name) return value;
    return -1.0;
  };
  const Result with = solve("cbs", {{"heuristic", "none"}}, head_on);
  REQUIRE(with.status == Status::Solved);
  require_valid(head_on, with);
  CHECK(sum_of_costs(head_on, with.plan) == optimum.soc);
  CHECK(extra(with, "corridor_splits") >= 1);
  const Result without = solve("cbs", {{"heuristic", "none"}, {"corridor", "false"}}, head_on);
  REQUIRE(without.status == Status::Solved);
  CHECK(sum_of_costs(head_on, without.plan) == optimum.soc);
  CHECK(with.stats.iterations < without.stats.iterations);
}
