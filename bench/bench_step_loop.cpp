// bench_step_loop: robot-steps per second of the simulator's step loop alone (every phase but
// the planner's), on the large scenario with the reactive policy, at several thread counts;
// the median of several runs, with each phase's mean time per tick.
#include <fleet/planner/registry.hpp>
#include <fleet/sim/scenario.hpp>
#include <fleet/sim/simulator.hpp>

#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

namespace {

template <typename T, typename Key>
T median_by(std::vector<T> values, Key key) {
  std::sort(values.begin(), values.end(), [&](const T& a, const T& b) { return key(a) < key(b); });
  return values[values.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Measures the simulator's step loop (planner phase excluded)"};
  std::string scenario_path = std::string(FLEET_SOURCE_DIR) + "/scenarios/large.yaml";
  int ticks = 100;
  int runs = 3;
  std::vector<int> thread_counts{1, 2};
  std::string planner = "reactive";
  std::string output;
  app.add_option("--scenario", scenario_path, "fleetsim YAML scenario")->check(CLI::ExistingFile);
  app.add_option("--ticks", ticks, "ticks per run")->check(CLI::PositiveNumber);
  app.add_option("--runs", runs, "runs per thread count (the median is reported)")
      ->check(CLI::PositiveNumber);
  app.add_option("--threads", thread_counts, "thread counts to measure");
  app.add_option("--planner", planner, "planner (its time is excluded)");
  app.add_option("--output", output,
                 "also write each run's directory (trace, svg, summary) under this folder, so "
                 "the record phase includes the trace");
  CLI11_PARSE(app, argc, argv);
  spdlog::set_level(spdlog::level::err);

  fleet::sim::Scenario scenario = fleet::sim::load_scenario(scenario_path);
  scenario.planner.name = planner;
  scenario.planner.params.clear();
  scenario.planner.time_limit_s = 600.0;  // the planner's speed is not what is measured here
  const auto registry = fleet::planner::builtin_planners();
  // One distance table for every run: tables are planner work, built once.
  auto distances = std::make_shared<fleet::planner::DistanceTable>(*scenario.warehouse.grid,
                                                                   scenario.motion);

  std::printf("scenario %s: %zu robots, %dx%d floor, %s, planner %s, %d ticks x %d runs\n",
              scenario.name.c_str(), scenario.starts.size(), scenario.warehouse.grid->width(),
              scenario.warehouse.grid->height(),
              std::string(fleet::planner::to_string(scenario.motion)).c_str(), planner.c_str(),
              ticks, runs);
  std::printf("%7s %16s %9s %9s %9s %9s %9s %9s | %10s %8s\n", "threads", "robot-steps/s",
              "loop ms", "assign", "execute", "validate", "complete", "record", "plan ms", "hash");
  std::printf("%7s %16s %9s %9s %9s %9s %9s %9s | %10s %8s\n", "", "(median)", "/tick",
              "ms/tick", "ms/tick", "ms/tick", "ms/tick", "ms/tick", "/tick", "");
  for (const int threads : thread_counts) {
    std::vector<fleet::sim::RunSummary> results;
    for (int run = 0; run < runs; ++run) {
      fleet::sim::SimOptions options;
      options.threads = threads;
      options.steps = ticks;
      options.distances = distances;
      options.write_svg = false;
      if (!output.empty())
        options.output_dir = std::filesystem::path(output) /
                             ("t" + std::to_string(threads) + "-run" + std::to_string(run));
      fleet::sim::Simulator sim(scenario, registry, options);
      results.push_back(sim.run());
    }
    const auto m = median_by(results, [](const fleet::sim::RunSummary& s) {
      return s.loop_robot_steps_per_s();
    });
    auto ms = [&](fleet::sim::Phase p) { return 1000.0 * m.phases.mean(p); };
    std::printf("%7d %16.0f %9.3f %9.3f %9.3f %9.3f %9.3f %9.3f | %10.2f %08llx\n", threads,
                m.loop_robot_steps_per_s(), 1000.0 * m.phases.loop_total_s() / m.phases.ticks,
                ms(fleet::sim::Phase::Assign), ms(fleet::sim::Phase::Execute),
                ms(fleet::sim::Phase::Validate), ms(fleet::sim::Phase::Complete),
                ms(fleet::sim::Phase::Record), ms(fleet::sim::Phase::Plan),
                static_cast<unsigned long long>(m.state_hash & 0xFFFFFFFFULL));
  }
  return 0;
}
