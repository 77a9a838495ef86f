// Every planner in builtin_planners(), found through the registry (so planners added later are
// covered without editing this file), must keep the Planner contract on the shared MovingAI
// maps, one-shot and lifelong, judged by the conformance battery's own checks. The battery's
// generated instances, deadline, cancel and seed checks run as `fleetsim check-planner --all`
// (the check_planner_builtins test).
#include <fleet/planner/conformance.hpp>
#include <fleet/planner/registry.hpp>

#include <catch2/catch.hpp>

#include "../test_paths.hpp"

#include <memory>
#include <string>

using namespace fleet::planner;

namespace {

std::shared_ptr<const Grid> shared_map(const std::string& name) {
  return std::make_shared<const Grid>(load_map(fleet::test::movingai(name + ".map")));
}

ConformanceCase from_scen(const std::string& map, int scen, int agents, MotionKind kind,
                          int horizon = 0) {
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

std::vector<ConformanceCase> one_shot_cases() {
  std::vector<ConformanceCase> cases;
  // Small fleets: optimal planners must finish well inside the limit in Debug and ASan builds.
  cases.push_back(from_scen("empty-32-32", 1, 10, MotionKind::FourConnected));
  cases.push_back(from_scen("random-32-32-20", 1, 8, MotionKind::FourConnected));
  cases.push_back(from_scen("random-32-32-20", 3, 8, MotionKind::FourConnected));
  cases.push_back(from_scen("maze-32-32-4", 1, 6, MotionKind::FourConnected));
  cases.push_back(from_scen("warehouse-10-20-10-2-1", 1, 8, MotionKind::FourConnected));
  cases.push_back(from_scen("empty-32-32", 2, 8, MotionKind::Rotation));
  cases.push_back(from_scen("warehouse-10-20-10-2-1", 2, 8, MotionKind::Rotation));
  return cases;
}

std::vector<ConformanceCase> lifelong_cases() {
  std::vector<ConformanceCase> cases;
  cases.push_back(from_scen("warehouse-10-20-10-2-1", 1, 20, MotionKind::Rotation, 5));
  cases.push_back(from_scen("random-32-32-20", 2, 15, MotionKind::Rotation, 10));
  cases.push_back(from_scen("maze-32-32-4", 2, 6, MotionKind::Rotation, 1));
  ConformanceCase shared = from_scen("empty-32-32", 3, 10, MotionKind::Rotation, 8);
  shared.instance.goals[1] = shared.instance.goals[0];  // lifelong goals may coincide
  shared.instance.goals[2] = shared.instance.goals[0];
  shared.label += " shared goals";
  cases.push_back(std::move(shared));
  return cases;
}

void check_every_planner(const std::vector<ConformanceCase>& cases, const std::string& group,
                         const ConformanceOptions& options) {
  const PlannerRegistry registry = builtin_planners();
  REQUIRE_FALSE(registry.entries().empty());
  for (const auto* entry : registry.entries()) {
    for (const auto& check : check_cases(registry, entry->name, cases, group, options)) {
      INFO("planner " << entry->name << ", " << check.label << ": " << check.detail);
      // CHECK, not REQUIRE: one run shows every planner's every failure.
      CHECK(check.passed);
    }
  }
}

}  // namespace

TEST_CASE("every built-in planner solves one-shot MovingAI instances with valid plans",
          "[conformance]") {
  check_every_planner(one_shot_cases(), "movingai one-shot", {});
}

TEST_CASE("every built-in planner plans exactly horizon + 1 ticks on lifelong MovingAI instances",
          "[conformance]") {
  ConformanceOptions options;
  options.seeds = {3};
  check_every_planner(lifelong_cases(), "movingai lifelong", options);
}

TEST_CASE("the report card counts each group and lists every failure", "[conformance]") {
  ConformanceReport report;
  report.planner = "example";
  report.checks.push_back({"plans", "case a", true, {}, 0.1});
  report.checks.push_back({"plans", "case b", false, "2 violations", 0.2});
  report.checks.push_back({"cancel", "busy", true, {}, 0.1});
  const std::string card = report.card();
  CHECK_FALSE(report.passed());
  CHECK_THAT(card, Catch::Contains("FAIL  plans      1/2"));
  CHECK_THAT(card, Catch::Contains("PASS  cancel     1/1"));
  CHECK_THAT(card, Catch::Contains("failed: [plans] case b: 2 violations"));
  CHECK_THAT(card, Catch::EndsWith("result: FAIL\n"));
  report.checks.pop_back();
  report.checks[1].passed = true;
  CHECK(report.passed());
}

namespace {

/// Jumps every robot from its start to its goal in one tick, ignoring the map.
class Teleporter final : public Planner {
public:
  [[nodiscard]] std::string_view name() const override { return "teleporter"; }
  Result solve(const Instance& instance, const StopCondition& /*stop*/) override {
    Result result;
    result.status = Status::Solved;
    result.plan.push_back(instance.starts);
    Config goals;
    for (std::size_t r = 0; r < instance.size(); ++r)
      goals.push_back(instance.motion.state(instance.goals[r], 0));
    result.plan.push_back(goals);
    return result;
  }
};

}  // namespace

TEST_CASE("the battery fails a planner whose plans break the rules", "[conformance]") {
  PlannerRegistry registry;
  registry.add({"teleporter", "moves robots straight to their goals", {},
                [](const ParamValues&, std::uint64_t) { return std::make_unique<Teleporter>(); }});
  const ConformanceReport report = check_planner(registry, "teleporter");
  CHECK_FALSE(report.passed());
  const std::string card = report.card();
  CHECK_THAT(card, Catch::Contains("FAIL  plans"));
  CHECK_THAT(card, Catch::Contains("violations, first:"));
  CHECK_THAT(card, Catch::Contains("returned a plan for an unsolvable instance"));
  CHECK_THAT(card, Catch::Contains("windowed plan must have horizon + 1"));
}
