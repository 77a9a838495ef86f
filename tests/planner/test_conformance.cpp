// Every planner in builtin_planners(), found through the registry (so planners added later are
// covered without editing this file), must keep the Planner contract on shared maps and small
// hand-made grids, one-shot and lifelong. A planner may time out on these solvable instances
// only if its registry description says it is "incomplete".
#include <fleet/planner/registry.hpp>
#include <fleet/planner/validator.hpp>

#include <catch2/catch.hpp>

#include "../test_paths.hpp"

#include <chrono>
#include <memory>
#include <string>

using namespace fleet::planner;

namespace {

struct Case {
  std::string label;
  Instance instance;
};

constexpr double kLimitS = 2.0;     // per solve; the instances are small
constexpr double kOverrunS = 0.5;  // how late past the limit a planner may answer

std::shared_ptr<const Grid> shared_map(const std::string& name) {
  return std::make_shared<const Grid>(load_map(fleet::test::movingai(name + ".map")));
}

Case from_scen(const std::string& map, int scen, int agents, MotionKind kind, int horizon = 0) {
  auto grid = shared_map(map);
  Instance instance = load_scen(
      fleet::test::movingai(map + "-random-" + std::to_string(scen) + ".scen"), grid, agents, kind);
  instance.horizon = horizon;
  if (kind == MotionKind::Rotation) {  // assorted start headings, not only east
    for (std::size_t r = 0; r < instance.size(); ++r)
      instance.starts[r] = instance.motion.state(instance.motion.cell(instance.starts[r]),
                                                 static_cast<int>((r * 3) % 4));
  }
  return {map + " random-" + std::to_string(scen) + " k=" + std::to_string(agents) + " " +
              std::string(to_string(kind)) + " horizon=" + std::to_string(horizon),
          std::move(instance)};
}

Case hand_made(const std::string& label, const std::vector<std::string>& rows,
               const std::vector<std::pair<int, int>>& starts,
               const std::vector<std::pair<int, int>>& goals, MotionKind kind, int horizon = 0) {
  auto grid = std::make_shared<const Grid>(Grid::from_rows(rows));
  const Motion motion(*grid, kind);
  std::vector<State> s;
  std::vector<Cell> g;
  for (auto [x, y] : starts) s.push_back(motion.state(grid->cell(x, y), 0));
  for (auto [x, y] : goals) g.push_back(grid->cell(x, y));
  Instance instance(grid, kind, std::move(s), std::move(g));
  instance.horizon = horizon;
  return {label + " " + std::string(to_string(kind)) + " horizon=" + std::to_string(horizon),
          std::move(instance)};
}

std::vector<Case> one_shot_cases() {
  std::vector<Case> cases;
  // Small fleets: optimal planners must finish well inside the limit in Debug and ASan builds.
  cases.push_back(from_scen("empty-32-32", 1, 10, MotionKind::FourConnected));
  cases.push_back(from_scen("random-32-32-20", 1, 8, MotionKind::FourConnected));
  cases.push_back(from_scen("random-32-32-20", 3, 8, MotionKind::FourConnected));
  cases.push_back(from_scen("maze-32-32-4", 1, 6, MotionKind::FourConnected));
  cases.push_back(from_scen("warehouse-10-20-10-2-1", 1, 8, MotionKind::FourConnected));
  cases.push_back(from_scen("empty-32-32", 2, 8, MotionKind::Rotation));
  cases.push_back(from_scen("warehouse-10-20-10-2-1", 2, 8, MotionKind::Rotation));
  for (MotionKind kind : {MotionKind::FourConnected, MotionKind::Rotation}) {
    cases.push_back(hand_made("no robots", {"..."}, {}, {}, kind));
    cases.push_back(hand_made("at goal already", {"...", ".@."}, {{0, 0}}, {{0, 0}}, kind));
    // Robot 1 stands in robot 0's way and must slip into the bay at (1,1).
    cases.push_back(hand_made("bay", {".....", "@.@@@"}, {{0, 0}, {2, 0}}, {{4, 0}, {1, 1}}, kind));
    // Four robots cross a small room corner to corner, round a pillar.
    cases.push_back(hand_made("room", {"....", ".@..", "...."},
                              {{0, 0}, {3, 2}, {3, 0}, {0, 2}}, {{3, 2}, {0, 0}, {0, 2}, {3, 0}},
                              kind));
  }
  return cases;
}

std::vector<Case> lifelong_cases() {
  std::vector<Case> cases;
  cases.push_back(from_scen("warehouse-10-20-10-2-1", 1, 20, MotionKind::Rotation, 5));
  cases.push_back(from_scen("random-32-32-20", 2, 15, MotionKind::Rotation, 10));
  cases.push_back(from_scen("maze-32-32-4", 2, 6, MotionKind::Rotation, 1));
  Case shared = from_scen("empty-32-32", 3, 10, MotionKind::Rotation, 8);
  shared.instance.goals[1] = shared.instance.goals[0];  // lifelong goals may coincide
  shared.instance.goals[2] = shared.instance.goals[0];
  shared.label += " shared goals";
  cases.push_back(std::move(shared));
  cases.push_back(hand_made("bay", {".....", "@.@@@"}, {{0, 0}, {2, 0}}, {{4, 0}, {1, 1}},
                            MotionKind::Rotation, 6));
  cases.push_back(hand_made("swap in a corridor", {"....."}, {{0, 0}, {4, 0}}, {{4, 0}, {0, 0}},
                            MotionKind::Rotation, 3));
  return cases;
}

struct Outcome {
  Result result;
  double wall_s;
};

Outcome run(const PlannerRegistry::Entry& entry, const PlannerRegistry& registry,
            const Instance& instance, std::uint64_t seed) {
  const auto planner = registry.make(entry.name, {}, seed);
  const auto started = std::chrono::steady_clock::now();
  Result result = planner->solve(instance, StopCondition::after(kLimitS));
  return {std::move(result),
          std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count()};
}

std::string describe(const std::vector<Violation>& violations, const Grid& grid) {
  std::string text;
  for (const auto& v : violations) text += v.describe(grid) + "\n";
  return text;
}

bool incomplete(const PlannerRegistry::Entry& entry) {
  return entry.description.find("incomplete") != std::string::npos;
}

}  // namespace

TEST_CASE("every built-in planner solves one-shot instances with valid plans", "[conformance]") {
  const PlannerRegistry registry = builtin_planners();
  REQUIRE_FALSE(registry.entries().empty());
  const auto cases = one_shot_cases();
  for (const auto* entry : registry.entries()) {
    for (const Case& c : cases) {
      for (std::uint64_t seed : {0U, 42U}) {
        INFO("planner " << entry->name << ", " << c.label << ", seed " << seed);
        const auto [result, wall_s] = run(*entry, registry, c.instance, seed);
        CHECK(wall_s < kLimitS + kOverrunS);
        if (result.status == Status::Timeout && incomplete(*entry)) {
          CHECK(result.plan.empty());
          continue;
        }
        // CHECK, not REQUIRE: one run shows every planner's every failure.
        CHECK(result.status == Status::Solved);
        if (result.status != Status::Solved) continue;
        const auto violations = validate(c.instance, result.plan);
        INFO(describe(violations, c.instance.map()));
        CHECK(violations.empty());
        CHECK(sum_of_costs(c.instance, result.plan) >= sum_of_costs_lower_bound(c.instance));
        CHECK(result.stats.runtime_s >= 0.0);
      }
    }
  }
}

TEST_CASE("every built-in planner plans exactly horizon + 1 ticks in lifelong mode",
          "[conformance]") {
  const PlannerRegistry registry = builtin_planners();
  const auto cases = lifelong_cases();
  ValidateOptions options;
  options.require_goals = false;
  for (const auto* entry : registry.entries()) {
    for (const Case& c : cases) {
      INFO("planner " << entry->name << ", " << c.label);
      const auto [result, wall_s] = run(*entry, registry, c.instance, 3);
      CHECK(wall_s < kLimitS + kOverrunS);
      if (result.status == Status::Timeout && incomplete(*entry)) {
        CHECK(result.plan.empty());
        continue;
      }
      CHECK(result.status == Status::Solved);
      if (result.status != Status::Solved) continue;
      CHECK(result.plan.size() == static_cast<std::size_t>(c.instance.horizon) + 1);
      const auto violations = validate(c.instance, result.plan, options);
      INFO(describe(violations, c.instance.map()));
      CHECK(violations.empty());
    }
  }
}

TEST_CASE("every built-in planner declares usable defaults", "[conformance]") {
  const PlannerRegistry registry = builtin_planners();
  for (const auto* entry : registry.entries()) {
    INFO("planner " << entry->name);
    CHECK_FALSE(entry->description.empty());
    const auto planner = registry.make(entry->name);
    REQUIRE(planner != nullptr);
    CHECK(planner->name() == entry->name);
    for (const auto& spec : entry->params) CHECK_FALSE(spec.description.empty());
  }
}
