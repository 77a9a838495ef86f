// The plugin loader on the test plugins: a good plugin's planners join the registry and plan
// like built-ins; each broken plugin is one clear PluginError and leaves the registry as it
// was; a planner that throws is a failed call in the simulator, not a lost run.
#include "../test_paths.hpp"

#include <fleet/planner/plugin_loader.hpp>
#include <fleet/planner/validator.hpp>
#include <fleet/planner/version.hpp>
#include <fleet/sim/scenario.hpp>
#include <fleet/sim/simulator.hpp>

#include <catch2/catch.hpp>

#include <string>

using namespace fleet::planner;

namespace {

std::filesystem::path test_plugin(const std::string& name) {
  return std::filesystem::path(FLEET_TEST_PLUGINS) / (name + ".so");
}

std::string load_error(const std::filesystem::path& plugin) {
  PlannerRegistry registry = builtin_planners();
  const auto before = registry.entries().size();
  try {
    load_plugin(registry, plugin);
  } catch (const PluginError& e) {
    CHECK(registry.entries().size() == before);
    CHECK(e.file() == plugin.string());
    return e.what();
  }
  FAIL("loading " << plugin << " did not fail");
  return {};
}

Instance small_instance() {
  auto grid = std::make_shared<const Grid>(Grid::from_rows({"......", "..@@..", "......"}));
  const Motion motion(*grid, MotionKind::FourConnected);
  return Instance(grid, MotionKind::FourConnected,
                  {motion.state(grid->cell(0, 0)), motion.state(grid->cell(5, 2))},
                  {grid->cell(5, 2), grid->cell(0, 0)});
}

}  // namespace

TEST_CASE("a plugin's planners join the registry and plan like built-ins", "[plugins]") {
  PlannerRegistry registry = builtin_planners();
  load_plugin(registry, test_plugin("good_plugin"));
  const auto* entry = registry.find("plugin-pibt");
  REQUIRE(entry != nullptr);
  REQUIRE(entry->params.size() == 1);
  CHECK(entry->params.front().name == "note");

  const Instance instance = small_instance();
  auto planner = registry.make("plugin-pibt", {{"note", "hello"}}, 3);
  CHECK(planner->name() == "plugin-pibt");
  const Result result = planner->solve(instance, StopCondition::after(2.0));
  REQUIRE(result.status == Status::Solved);
  CHECK(validate(instance, result.plan).empty());
  CHECK_THROWS_AS(registry.make("plugin-pibt", {{"colour", "red"}}), std::invalid_argument);
}

TEST_CASE("planners made from a plugin outlive the registry that loaded it", "[plugins]") {
  std::unique_ptr<Planner> planner;
  {
    PlannerRegistry registry = builtin_planners();
    load_plugin(registry, test_plugin("good_plugin"));
    planner = registry.make("plugin-pibt", {}, 1);
  }
  const Instance instance = small_instance();
  CHECK(planner->solve(instance, StopCondition::after(2.0)).status == Status::Solved);
}

TEST_CASE("the same plugin named twice is loaded once", "[plugins]") {
  PlannerRegistry registry = builtin_planners();
  const auto plugin = test_plugin("good_plugin");
  load_plugins(registry, {plugin, plugin.parent_path() / "." / plugin.filename()});
  CHECK(registry.find("plugin-pibt") != nullptr);
  CHECK_THROWS_AS(load_plugin(registry, plugin), PluginError);  // but not loaded over itself
}

TEST_CASE("each broken plugin is one clear error", "[plugins]") {
  CHECK_THAT(load_error(test_plugin("no_such_plugin")),
             Catch::Contains("plugin not found (no such file)"));
  CHECK_THAT(load_error(std::filesystem::path(FLEET_SOURCE_DIR) / "README.md"),
             Catch::Contains("cannot load the plugin as a shared library"));
  CHECK_THAT(load_error(test_plugin("no_entry_point")),
             Catch::Contains("has no 'fleetsim_plugin' entry point"));
  const std::string abi = load_error(test_plugin("wrong_abi"));
  CHECK_THAT(abi, Catch::Contains("built for plugin ABI version " +
                                  std::to_string(FLEETSIM_PLUGIN_ABI_VERSION + 100)));
  CHECK_THAT(abi, Catch::Contains("rebuild the plugin"));
  CHECK_THAT(load_error(test_plugin("taken_name")),
             Catch::Contains("registers planner 'pibt', but that name is already taken"));
}

TEST_CASE("a planner that throws is a failed call; the run goes on", "[plugins]") {
  fleet::sim::Scenario scenario =
      fleet::sim::load_scenario(fleet::test::source_dir() / "scenarios" / "small.yaml");
  PlannerRegistry registry = builtin_planners();
  load_plugin(registry, test_plugin("misbehaving_plugin"));
  scenario.planner.name = "throws";
  scenario.planner.params.clear();
  fleet::sim::SimOptions options;
  options.steps = 5;
  fleet::sim::Simulator simulator(scenario, registry, options);
  const fleet::sim::RunSummary summary = simulator.run();
  CHECK(summary.ticks == 5);
  CHECK(summary.planner_failed >= 1);
  CHECK(summary.replans == 0);
  CHECK(summary.moves == 0);  // the robots waited
}
