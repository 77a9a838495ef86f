// One benchmark run in-process. One-shot MovingAI runs call Planner::solve once and validate
// the plan; simulated runs drive the Simulator tick by tick and validate every executed step
// themselves, so "executed violations" never rests on the simulator's own bookkeeping.
#include <fleet/bench/execute.hpp>

#include <fleet/planner/grid.hpp>
#include <fleet/planner/input_error.hpp>
#include <fleet/planner/instance.hpp>
#include <fleet/planner/plan.hpp>
#include <fleet/planner/validator.hpp>
#include <fleet/sim/scenario.hpp>
#include <fleet/sim/simulator.hpp>

#include <tbb/global_control.h>

#include <algorithm>
#include <chrono>
#include <memory>
#include <new>

namespace fleet::bench {

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

void solve_one_shot(const Suite& suite, const RunSpec& run, const planner::PlannerRegistry& registry,
                    const std::function<void()>& loaded, RunRecord& record) {
  const ScenarioSpec& spec = suite.scenarios[run.scenario];
  const PlannerSpec& ps = suite.planners[run.planner];
  auto grid = std::make_shared<const planner::Grid>(planner::load_map(spec.map));
  const planner::Instance instance = planner::load_scen(spec.file, grid, run.agents, spec.motion);
  auto planner = registry.make(ps.name, ps.params, run.seed);
  if (loaded) loaded();

  const auto started = Clock::now();
  planner::Result result =
      planner->solve(instance, planner::StopCondition::after(suite.time_limit_s));
  record.runtime_s = seconds_since(started);

  record.expanded = result.stats.expanded;
  record.generated = result.stats.generated;
  record.message = result.message;
  record.soc_lb = planner::sum_of_costs_lower_bound(instance);
  record.makespan_lb = planner::makespan_lower_bound(instance);
  switch (result.status) {
    case planner::Status::Solved: {
      const auto violations = planner::validate(instance, result.plan);
      record.executed_violations = static_cast<std::int64_t>(violations.size());
      if (!violations.empty()) {
        record.status = RunStatus::Invalid;
        record.message = "plan fails validation: " + violations.front().describe(*grid);
        break;
      }
      record.status = RunStatus::Solved;
      record.soc = planner::sum_of_costs(instance, result.plan);
      record.makespan = planner::makespan(instance, result.plan);
      record.first_solution_s = result.stats.first_solution_s >= 0.0
                                    ? result.stats.first_solution_s
                                    : *record.runtime_s;
      break;
    }
    case planner::Status::Timeout: record.status = RunStatus::Timeout; break;
    case planner::Status::Infeasible: record.status = RunStatus::Infeasible; break;
    case planner::Status::InvalidInput: record.status = RunStatus::Error; break;
  }
}

sim::Scenario load_simulated(const Suite& suite, const RunSpec& run) {
  const ScenarioSpec& spec = suite.scenarios[run.scenario];
  const PlannerSpec& ps = suite.planners[run.planner];
  // A Robot Runners problem sizes its own fleet (above teamSize it places more robots).
  sim::Scenario scenario = spec.kind == ScenarioKind::Lorr
                               ? sim::load_lorr_problem(spec.file, {run.agents, run.seed})
                               : sim::load_scenario(spec.file);
  if (run.agents > static_cast<int>(scenario.starts.size()))
    throw std::invalid_argument("the scenario has only " + std::to_string(scenario.starts.size()) +
                                " robots");
  // The first k robots keep the starts and errands they have in the full fleet.
  scenario.starts.resize(static_cast<std::size_t>(run.agents));
  scenario.planner.name = ps.name;
  scenario.planner.params = ps.params;
  if (spec.plan_time_limit) scenario.planner.time_limit_s = *spec.plan_time_limit;
  if (spec.steps) scenario.steps = *spec.steps;
  if (spec.execution) scenario.execution.policy = sim::parse_execution_policy(*spec.execution);
  if (spec.delay_prob) scenario.execution.delays.slip_prob = *spec.delay_prob;
  scenario.seed = run.seed;
  scenario.threads = suite.threads;
  return scenario;
}

void simulate(const Suite& suite, const RunSpec& run, const planner::PlannerRegistry& registry,
              const std::function<void()>& loaded, RunRecord& record) {
  const sim::Scenario scenario = load_simulated(suite, run);
  sim::SimOptions options;
  options.threads = suite.threads;
  options.write_trace = false;
  options.write_lorr_log = false;
  options.write_svg = false;
  sim::Simulator simulator(scenario, registry, options);
  planner::Validator validator(simulator.motion());
  planner::Config before(simulator.states().begin(), simulator.states().end());
  planner::Config after;
  if (loaded) loaded();

  const auto started = Clock::now();
  bool out_of_time = false;
  std::int64_t violations = 0;
  while (simulator.step()) {
    after.assign(simulator.states().begin(), simulator.states().end());
    violations += static_cast<std::int64_t>(
        validator.check_step(before, after, simulator.tick() - 1).size());
    before.swap(after);
    if (seconds_since(started) > suite.time_limit_s) {
      out_of_time = !simulator.finished();
      break;
    }
  }
  record.runtime_s = seconds_since(started);
  const sim::RunSummary s = simulator.summary();
  record.lifelong = s.lifelong;
  record.ticks = s.ticks;
  record.executed_violations = violations;
  record.planned_violations = s.violations_prevented;
  record.execution = s.execution;
  record.delay_prob = s.slip_prob;
  record.dependency_waits = s.dependency_waits;
  if (!s.lifelong && s.planned_sum_of_costs >= 0) record.planned_soc = s.planned_sum_of_costs;
  record.planner_calls = s.planner_times.calls;
  record.planner_late = s.planner_late;
  if (s.planner_times.calls > 0) {
    record.planner_p50_s = s.planner_times.p50_s;
    record.planner_p99_s = s.planner_times.p99_s;
  }
  if (s.lifelong) {
    record.throughput = s.throughput;
    record.errands_done = s.errands_done;
    record.window_ticks = s.windows.ticks;
    record.window_errands = s.windows.errands;
    record.warnings = s.warnings;
  } else {
    // The lower bound of the one-shot problem the simulator was given: first errands.
    std::vector<planner::Cell> goals;
    for (std::size_t r = 0; r < scenario.starts.size(); ++r)
      goals.push_back(scenario.tasks->goal(static_cast<planner::RobotId>(r), 0));
    if (std::find(goals.begin(), goals.end(), planner::kNoCell) == goals.end()) {
      const planner::Instance instance(scenario.warehouse.grid, scenario.motion, scenario.starts,
                                       std::move(goals), simulator.distances());
      record.soc_lb = planner::sum_of_costs_lower_bound(instance);
      record.makespan_lb = planner::makespan_lower_bound(instance);
    }
    if (s.all_at_goals) {
      record.soc = s.sum_of_costs;
      record.makespan = s.makespan;
    }
  }
  if (violations > 0) {
    record.status = RunStatus::Invalid;
    record.message = std::to_string(violations) + " violations in executed steps";
  } else if (out_of_time) {
    record.status = RunStatus::Timeout;
    record.message = "time limit reached after " + std::to_string(s.ticks) + " ticks";
  } else if (!s.lifelong && !s.all_at_goals) {
    record.status = RunStatus::Timeout;
    record.message = "the tick budget ran out with robots off their goals";
  } else {
    record.status = RunStatus::Solved;
    if (!s.lifelong) record.first_solution_s = record.runtime_s;
  }
  if (s.planner_failed > 0 || s.planner_late > 0) {
    if (!record.message.empty()) record.message += "; ";
    record.message += std::to_string(s.planner_late) + " planner calls late, " +
                      std::to_string(s.planner_failed) + " failed";
  }
}

}  // namespace

RunRecord blank_record(const Suite& suite, const RunSpec& run) {
  const ScenarioSpec& spec = suite.scenarios[run.scenario];
  const PlannerSpec& ps = suite.planners[run.planner];
  RunRecord r;
  r.suite = suite.name;
  r.key = run.key;
  r.index = run.index;
  r.scenario = spec.name;
  r.kind = std::string(to_string(spec.kind));
  r.map = spec.map_name;
  r.group = spec.group;
  r.agents = run.agents;
  r.planner = ps.name;
  r.planner_label = ps.label;
  r.params = ps.merged.empty() ? ps.params : ps.merged;
  r.seed = run.seed;
  r.lifelong = spec.lifelong;
  r.best_known = spec.best_known;
  r.time_limit_s = suite.time_limit_s;
  r.memory_limit_mb = suite.memory_limit_mb;
  r.threads = suite.threads;
  return r;
}

RunRecord execute_run(const Suite& suite, const RunSpec& run,
                      const planner::PlannerRegistry& registry,
                      const std::function<void()>& loaded) {
  RunRecord record = blank_record(suite, run);
  const tbb::global_control threads(tbb::global_control::max_allowed_parallelism,
                                    static_cast<std::size_t>(std::max(1, suite.threads)));
  try {
    if (suite.scenarios[run.scenario].kind == ScenarioKind::MovingAi)
      solve_one_shot(suite, run, registry, loaded, record);
    else
      simulate(suite, run, registry, loaded, record);
  } catch (const std::bad_alloc&) {
    record.status = RunStatus::Oom;
    record.message = "an allocation failed";
  } catch (const InputError& e) {
    record.status = RunStatus::Error;
    record.message = e.what();
  } catch (const std::invalid_argument& e) {
    record.status = RunStatus::Error;
    record.message = e.what();
  } catch (const std::exception& e) {
    // Planners must report outcomes as statuses; an escaping exception is a defect.
    record.status = RunStatus::Crash;
    record.message = std::string("exception: ") + e.what();
  }
  return record;
}

}  // namespace fleet::bench
