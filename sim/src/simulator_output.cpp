// The simulator's summary and run directory: summary.json, trace.fltrace, floor.svg, and
// result.txt (one-shot) or lorr_log.json (rotation model).
#include "simulator_impl.hpp"

#include <fleet/planner/result_file.hpp>
#include <fleet/sim/run_output.hpp>

#include <spdlog/spdlog.h>

namespace fleet::sim {

RunSummary Simulator::Impl::summary() const {
  RunSummary s = totals;
  s.scenario = scenario.name;
  s.planner = scenario.planner.name;
  s.motion = std::string(planner::to_string(motion.kind()));
  s.robots = robots;
  s.seed = scenario.seed;
  s.threads = threads;
  s.lifelong = lifelong;
  s.ticks = tick;
  if (!lifelong) {
    std::int64_t at_goal = 0;
    for (RobotId r = 0; r < robots; ++r) at_goal += motion.cell(states[r]) == one_shot_goals[r] ? 1 : 0;
    s.errands_done = at_goal;
    const planner::Instance instance(grid, motion.kind(), scenario.starts, one_shot_goals, distances);
    s.sum_of_costs = planner::sum_of_costs(instance, executed);
    s.makespan = planner::makespan(instance, executed);
  } else {
    s.makespan = tick;
  }
  s.execution = std::string(to_string(execution.policy));
  s.delays = describe(execution);
  s.slip_prob = execution.delays.slip_prob;
  if (lifelong && s.errands_done > 0)
    s.errand_latency = static_cast<double>(latency_ticks) / static_cast<double>(s.errands_done);
  s.throughput = tick > 0 ? static_cast<double>(s.errands_done) / tick : 0.0;
  s.planner_times = summarize_times(planner_seconds);
  const planner::DistanceTable::Usage used = distances->usage();
  s.distance_memory.tables = static_cast<std::int64_t>(used.tables);
  s.distance_memory.bytes = static_cast<std::int64_t>(used.bytes);
  s.distance_memory.peak_tables = static_cast<std::int64_t>(used.peak_tables);
  s.distance_memory.peak_bytes = static_cast<std::int64_t>(used.peak_bytes);
  s.distance_memory.builds = static_cast<std::int64_t>(used.builds);
  s.distance_memory.trims = distance_trims;
  s.preprocess_s = preprocess_s;
  s.wall_s = std::chrono::duration<double>(Clock::now() - started).count();
  s.state_hash = hash.value();
  s.warnings = throughput_warnings(s);
  return s;
}

void Simulator::Impl::log_warnings() const {
  if (!lifelong) return;
  for (const std::string& w : summary().warnings)
    spdlog::warn("{} / {}: {}", scenario.name, scenario.planner.name, w);
}

void Simulator::Impl::write_outputs() {
  if (outputs_written) return;
  outputs_written = true;
  const RunSummary s = summary();
  for (const auto& recorder : options.recorders) recorder->finish(s);
  if (options.output_dir.empty()) return;
  const std::filesystem::path& dir = options.output_dir;
  if (trace) {
    trace->finish();
    trace.reset();  // later ticks (if the caller keeps stepping) are not recorded
  }
  if (!lifelong) {
    const planner::Instance instance(grid, motion.kind(), scenario.starts, one_shot_goals, distances);
    planner::Result result;
    result.status = s.all_at_goals ? planner::Status::Solved : planner::Status::Timeout;
    result.plan = executed;
    result.stats.runtime_s = s.planner_times.total_s;
    planner::write_result_file(dir / "result.txt", instance, result,
                               {{"map_file", scenario.warehouse.map_file},
                                {"solver", scenario.planner.name},
                                {"seed", std::to_string(scenario.seed)}});
  }
  if (lorr) {
    LorrLog::Totals t;
    t.tasks_finished = s.errands_done;
    t.sum_of_cost = s.sum_of_costs;
    t.makespan = s.makespan;
    t.all_valid = true;  // a violating step is never executed
    lorr->write_file(dir / "lorr_log.json", t);
  }
  if (options.write_svg) {
    write_file_atomically(dir / "floor.svg",
                          floor_svg(scenario.warehouse,
                                    {waits_per_cell.data(), static_cast<std::size_t>(waits_per_cell.size())},
                                    motion, states,
                                    scenario.name + " / " + scenario.planner.name + " / " +
                                        std::to_string(tick) + " ticks"));
  }
  // Last, so a summary.json always describes a complete run directory.
  write_file_atomically(dir / "summary.json", to_json(s));
  spdlog::info("run written to {}", dir.string());
}

}  // namespace fleet::sim
