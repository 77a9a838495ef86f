// The step loop: assign, plan, execute, validate, complete, record; each phase timed.
#include "simulator_impl.hpp"

#include <fleet/planner/input_error.hpp>
#include <fleet/planner/output_file.hpp>
#include <fleet/planner/table_memory.hpp>

#include <spdlog/spdlog.h>
#include <tbb/blocked_range.h>
#include <tbb/info.h>
#include <tbb/parallel_for.h>
#include <tbb/parallel_reduce.h>

#include <algorithm>
#include <stdexcept>
#include <unordered_set>

namespace fleet::sim {

namespace {

/// The seed of the delay draws: the scenario's, varied by the execution's own delay seed.
std::uint64_t delay_seed(const Scenario& scenario) {
  return scenario.seed ^ (scenario.execution.delay_seed * 0x9E3779B97F4A7C15ULL);
}

int arena_threads(const Scenario& scenario, const SimOptions& options) {
  const int wanted = options.threads.value_or(scenario.threads);
  if (wanted < 0) throw std::invalid_argument("threads must be >= 0 (0: all cores)");
  return wanted == 0 ? tbb::info::default_concurrency() : wanted;
}

// The planner the scenario names: an unknown name or parameter is an error of the scenario
// file, reported at the line of its `planner` section.
std::unique_ptr<planner::Planner> make_planner(const Scenario& scenario,
                                               const planner::PlannerRegistry& registry) {
  try {
    return registry.make(scenario.planner.name, scenario.planner.params, scenario.seed);
  } catch (const std::invalid_argument& e) {
    if (scenario.planner.line <= 0) throw;
    throw InputError(scenario.source.string(), scenario.planner.line, e.what());
  }
}

}  // namespace

Simulator::Impl::Impl(const Scenario& scenario_in, const planner::PlannerRegistry& registry,
                      SimOptions options_in)
    : scenario(scenario_in),
      options(std::move(options_in)),
      grid(scenario.warehouse.grid),
      motion(grid ? *grid : throw std::invalid_argument("scenario has no map"), scenario.motion),
      distances(options.distances
                    ? options.distances
                    : std::make_shared<planner::DistanceTable>(*grid, scenario.motion)),
      robots(static_cast<int>(scenario.starts.size())),
      threads(arena_threads(scenario, options)),
      lifelong(scenario.tasks && scenario.tasks->lifelong()),
      steps(options.steps.value_or(scenario.steps)),
      grain(std::max(1, options.grain)),
      arena(threads),
      validator(motion),
      execution(scenario.execution),
      delays(scenario.execution.delays, delay_seed(scenario), robots) {
  if (steps < 0) throw std::invalid_argument("steps must be >= 0");
  const int budget_mb = options.distance_memory_mb.value_or(scenario.distance_memory_mb);
  if (budget_mb < 0) throw std::invalid_argument("distance_memory_mb must be >= 0 (0: unbounded)");
  distance_budget_bytes = static_cast<std::size_t>(budget_mb) << 20;
  if (&distances->motion().grid() != grid.get() || distances->motion().kind() != scenario.motion)
    throw std::invalid_argument("the shared distance table was made for another grid or motion model");
  if (scenario.replan_period < 1) throw std::invalid_argument("replan_period must be >= 1");
  if (scenario.planner.time_limit_s <= 0.0)
    throw std::invalid_argument("the planner's time limit must be positive");
  std::unordered_set<Cell> taken;
  for (RobotId r = 0; r < robots; ++r) {
    const State s = scenario.starts[r];
    if (!motion.valid(s) || !grid->passable(motion.cell(s)))
      throw std::invalid_argument("robot " + std::to_string(r) + " starts off the map or on an obstacle");
    if (!taken.insert(motion.cell(s)).second)
      throw std::invalid_argument("robot " + std::to_string(r) + " starts on another robot's cell");
  }
  if (scenario.tasks) {
    std::vector<Cell> first_goals(static_cast<std::size_t>(robots));
    for (RobotId r = 0; r < robots; ++r) first_goals[r] = scenario.tasks->goal(r, 0);
    planner::require_tables_fit(*grid, scenario.motion, first_goals,
                                options.table_memory_bytes > 0
                                    ? options.table_memory_bytes
                                    : planner::physical_memory_bytes());
  }
  horizon = lifelong ? (scenario.horizon > 0 ? scenario.horizon : scenario.replan_period)
                     : scenario.horizon;
  runner = std::make_unique<PlannerRunner>(
      make_planner(scenario, registry), &arena);

  const auto n = static_cast<std::size_t>(robots);
  states = scenario.starts;
  previous = states;
  proposed = states;
  goals.assign(n, planner::kNoCell);
  errand.assign(n, 0);
  needs_errand.assign(n, 0);
  held.assign(n, 0);
  arrived.assign(n, 0);
  cursor.assign(n, 0);
  target.assign(n, 0);
  able.assign(n, 1);
  delay.assign(n, DelayKind::None);
  draws.assign(n, {});
  waiting_on.assign(n, -1);
  outcome.assign(n, ActionDependencyGraph::Outcome::Finished);
  lag.assign(n, 0);
  broken.assign(n, 0);
  assigned_at.assign(n, 0);
  waits_per_cell = decltype(waits_per_cell)::Zero(grid->size());
  if (!lifelong) {
    one_shot_goals.resize(n);
    for (RobotId r = 0; r < robots; ++r) {
      const Cell g = scenario.tasks ? scenario.tasks->goal(r, 0) : planner::kNoCell;
      one_shot_goals[r] = grid->passable(g) ? g : motion.cell(states[r]);
    }
  }

  if (!options.output_dir.empty()) {
    prepare_output_folder(options.output_dir, options.replace_output);
    if (options.write_trace) {
      TraceMeta meta;
      meta.motion = scenario.motion;
      meta.robots = robots;
      meta.map_file = scenario.warehouse.map_file;
      meta.scenario = scenario.name;
      meta.planner = scenario.planner.name;
      meta.seed = scenario.seed;
      meta.keyframe_interval = options.keyframe_interval;
      meta.one_shot = !lifelong;
      trace = std::make_unique<TraceWriter>(options.output_dir / "trace.fltrace", grid, meta);
    }
    if (options.write_lorr_log && motion.has_heading())
      lorr = std::make_unique<LorrLog>(
          motion, states, lorr_log_format(options.lorr_log_year.value_or(scenario.lorr_year)));
  }

  started = Clock::now();
  // Tick 0: every robot gets its first errand and the starting configuration is recorded.
  if (lifelong) std::fill(needs_errand.begin(), needs_errand.end(), 1);
  errand.assign(n, -1);
  if (!lifelong) {
    goals = one_shot_goals;
    errand.assign(n, 0);
    if (lorr)
      for (RobotId r = 0; r < robots; ++r) lorr->assigned(r, goals[r], 0);
  }
  assign_errands();
  preprocess();
  record();
  finish_check();
}

void Simulator::Impl::preprocess() {
  // As in the League of Robot Runners, the planner prepares (distance tables of the first
  // goals, mostly) before the clock of the first planner call starts: otherwise a large
  // fleet's first call spends its whole deadline building tables and is discarded as late.
  const auto begin = Clock::now();
  std::vector<Cell> targets(goals);
  for (RobotId r = 0; r < robots; ++r)
    if (targets[r] == planner::kNoCell) targets[r] = motion.cell(states[r]);
  planner::Instance instance(grid, motion.kind(), states, std::move(targets), distances);
  instance.horizon = horizon;
  runner->preprocess(instance);
  preprocess_s = std::chrono::duration<double>(Clock::now() - begin).count();
}

template <typename F>
void Simulator::Impl::for_robots(F&& body) {
  arena.execute([&] {
    tbb::parallel_for(tbb::blocked_range<RobotId>(0, robots, grain),
                      [&](const tbb::blocked_range<RobotId>& range) {
                        for (RobotId r = range.begin(); r != range.end(); ++r) body(r);
                      });
  });
}

bool Simulator::Impl::step(const std::span<const State>* external) {
  if (done) return false;
  events.clear();
  auto mark = Clock::now();
  auto lap = [&](Phase phase) {
    const auto now = Clock::now();
    totals.phases.total_s[static_cast<std::size_t>(phase)] +=
        std::chrono::duration<double>(now - mark).count();
    mark = now;
  };
  assign_errands();
  lap(Phase::Assign);
  if (external != nullptr) {
    plan.clear();  // the plan no longer matches the fleet; a planner step replans
    std::copy(external->begin(), external->end(), proposed.begin());
    std::fill(held.begin(), held.end(), 0);
  } else {
    plan_if_due();
    lap(Phase::Plan);
    execute();
  }
  lap(Phase::Execute);
  validate();
  lap(Phase::Validate);
  complete();
  lap(Phase::Complete);
  ++tick;
  record();
  lap(Phase::Record);
  ++totals.phases.ticks;
  finish_check();
  return true;
}

void Simulator::Impl::assign_errands() {
  if (!lifelong) return;
  for_robots([&](RobotId r) {
    if (needs_errand[r] == 0) return;
    ++errand[r];
    assigned_at[r] = tick;
    const Cell g = scenario.tasks->goal(r, errand[r]);
    goals[r] = grid->passable(g) ? g : planner::kNoCell;
  });
  for (RobotId r = 0; r < robots; ++r) {
    if (needs_errand[r] == 0) continue;
    needs_errand[r] = 0;
    if (lorr && goals[r] != planner::kNoCell) lorr->assigned(r, goals[r], tick);
  }
}

bool Simulator::Impl::replan_due() const {
  if (plan.empty() || held_last_tick) return true;
  const bool periodic = lifelong || horizon > 0;
  if (periodic && tick - last_call_tick >= scenario.replan_period) return true;
  // A one-shot plan made around broken-down robots leaves some robots short of their goals
  // on purpose; the repair (a change of the broken set) is what triggers the next call.
  if (!lifelong && planned_around_broken && !broken_changed) return false;
  // On the ADG robots skip their planned waits and may reach the end of a window early; the
  // window is replaced when its time is up, not as soon as the first robot is through.
  if (execution.policy == ExecutionPolicy::Adg &&
      tick - last_call_tick < static_cast<int>(plan.size()) - 1)
    return false;
  for (RobotId r = 0; r < robots; ++r) {
    const bool has_next = static_cast<std::size_t>(cursor[r]) + 1 < plan.size();
    if (has_next) continue;
    if (lifelong ? goals[r] != planner::kNoCell : motion.cell(states[r]) != goals[r]) return true;
  }
  return false;
}

bool Simulator::Impl::delay_replan_due() const {
  if (broken_changed) return true;
  if (execution.replan_after_lag <= 0) return false;
  return std::any_of(lag.begin(), lag.end(),
                     [&](std::int32_t l) { return l >= execution.replan_after_lag; });
}

void Simulator::Impl::plan_if_due() {
  if (replan_due()) {
    call_planner();
  } else if (delay_replan_due()) {
    ++totals.delay_replans;
    call_planner();
  }
}

void Simulator::Impl::call_planner() {
  std::vector<Cell> targets(goals);
  for (RobotId r = 0; r < robots; ++r)
    if (targets[r] == planner::kNoCell) targets[r] = motion.cell(states[r]);
  trim_distances(targets);
  // Broken-down robots are obstacles to the planner; the rest of the fleet is planned alone.
  const bool any_broken = std::any_of(broken.begin(), broken.end(), [](auto b) { return b != 0; });
  std::vector<RobotId> kept;
  auto instance = any_broken ? broken_floor.instance(grid, motion.kind(), states, targets, broken, kept)
                             : std::make_shared<planner::Instance>(grid, motion.kind(), states,
                                                                   std::move(targets), distances);
  instance->horizon = horizon;
  PlannerRunner::Answer answer = runner->call(instance, scenario.planner.time_limit_s);
  last_call_tick = tick;
  planner_seconds.push_back(answer.seconds);
  if (lorr) lorr->planner_time(answer.seconds);
  planner::Result& result = answer.result;
  const auto seconds = static_cast<float>(answer.seconds);
  auto complain = [&](const std::string& what) {
    if (warnings_left > 0) {
      --warnings_left;
      spdlog::warn("tick {}: planner '{}' {}", tick, runner->name(), what);
    } else {
      spdlog::debug("tick {}: planner '{}' {}", tick, runner->name(), what);
    }
  };

  if (answer.outcome == PlannerRunner::Outcome::Late || result.status == planner::Status::Timeout) {
    ++totals.planner_late;
    events.push_back({TraceEventKind::PlannerTimeout, static_cast<std::uint8_t>(result.status), -1,
                      -1, planner::kNoCell, 0, seconds});
    complain(answer.outcome == PlannerRunner::Outcome::Late
                 ? "missed its deadline (" + std::to_string(answer.seconds) + " s)"
                 : "gave up without a plan after " + std::to_string(answer.seconds) + " s (" +
                       result.message + ")");
    return;
  }
  if (result.status != planner::Status::Solved) {
    ++totals.planner_failed;
    events.push_back({TraceEventKind::PlannerFailed, static_cast<std::uint8_t>(result.status), -1,
                      -1, planner::kNoCell, 0, seconds});
    complain("failed: " + std::string(planner::to_string(result.status)) + " " + result.message);
    return;
  }
  const std::size_t n = instance->size();
  const bool malformed =
      result.plan.empty() ||
      std::any_of(result.plan.begin(), result.plan.end(),
                  [&](const planner::Config& c) { return c.size() != n; }) ||
      result.plan.front() != instance->starts;
  if (malformed) {
    ++totals.planner_failed;
    events.push_back({TraceEventKind::PlannerFailed, 255, -1, -1, planner::kNoCell, 0, seconds});
    complain("returned a malformed plan (empty, wrong robot count or not starting at the "
             "current states); it is discarded");
    return;
  }
  ++totals.replans;
  events.push_back({TraceEventKind::Replan, 0, -1, -1, planner::kNoCell,
                    static_cast<std::int32_t>(result.plan.size()), seconds});
  plan = any_broken ? BrokenRobotFloor::expand(result.plan, kept, states) : std::move(result.plan);
  std::fill(cursor.begin(), cursor.end(), 0);
  std::fill(lag.begin(), lag.end(), 0);
  broken_changed = false;
  planned_around_broken = any_broken;
  if (!lifelong && totals.planned_sum_of_costs < 0) {
    const planner::Instance goals_instance(grid, motion.kind(), states, one_shot_goals, distances);
    totals.planned_sum_of_costs = planner::sum_of_costs(goals_instance, plan);
    totals.planned_makespan = planner::makespan(goals_instance, plan);
  }
  if (execution.policy == ExecutionPolicy::Adg) adg = ActionDependencyGraph(plan, motion);
}

void Simulator::Impl::trim_distances(std::span<const Cell> keep) {
  if (distance_budget_bytes == 0 || distances->memory_bytes() <= distance_budget_bytes) return;
  // The planner is the only other reader of the tables, and it keeps no pointer into them
  // between calls (planners look distances up through the instance on every call).
  runner->when_idle([&] {
    const std::size_t freed = distances->release_except(keep);
    ++distance_trims;
    spdlog::debug("tick {}: freed {:.1f} MiB of distance tables, {} tables kept", tick,
                  static_cast<double>(freed) / (1 << 20), distances->table_count());
  });
}

void Simulator::Impl::execute() {
  draw_delays();
  if (execution.policy == ExecutionPolicy::Adg && !plan.empty()) {
    execute_adg();
  } else {
    execute_exact();
  }
}

void Simulator::Impl::draw_delays() {
  if (!delays.enabled()) return;
  for_robots([&](RobotId r) {
    draws[r] = delays.draw(r, tick);
    delay[r] = draws[r].kind;
    able[r] = draws[r].kind == DelayKind::None ? 1 : 0;
  });
  // Events and counts in robot order, so the trace is the same whatever the thread count.
  for (RobotId r = 0; r < robots; ++r) {
    const std::uint8_t now_broken = delay[r] == DelayKind::Breakdown ? 1 : 0;
    if (now_broken != broken[r]) broken_changed = true;
    broken[r] = now_broken;
    if (!draws[r].started) continue;
    const bool stall = draws[r].kind == DelayKind::Stall;
    ++(stall ? totals.stalls : totals.breakdowns);
    events.push_back({stall ? TraceEventKind::Stalled : TraceEventKind::BrokenDown, 0, r, -1,
                      motion.cell(states[r]), draws[r].length, 0.0F});
  }
}

void Simulator::Impl::execute_exact() {
  // A delayed robot keeps its place in the plan while the others go on: the validator then
  // prevents the moves that would collide with it, and the fleet replans.
  for_robots([&](RobotId r) {
    held[r] = 0;
    waiting_on[r] = -1;
    const auto next = static_cast<std::size_t>(cursor[r]) + 1;
    if (next >= plan.size()) {
      proposed[r] = states[r];
      target[r] = cursor[r];
      outcome[r] = ActionDependencyGraph::Outcome::Finished;
      return;
    }
    const bool delayed = able[r] == 0 && plan[next][r] != states[r];
    proposed[r] = delayed ? states[r] : plan[next][r];
    target[r] = delayed ? cursor[r] : static_cast<std::int32_t>(next);
    outcome[r] = delayed ? ActionDependencyGraph::Outcome::Delayed
                         : ActionDependencyGraph::Outcome::Moves;
  });
  if (!delays.enabled()) return;
  for (RobotId r = 0; r < robots; ++r) {
    if (outcome[r] != ActionDependencyGraph::Outcome::Delayed) {
      forget_idle_slip(r);
      continue;
    }
    ++totals.delayed;
    ++lag[r];
  }
}

void Simulator::Impl::forget_idle_slip(RobotId r) {
  // A slip or a slow tick only shows where it cost the robot a step.
  if (delay[r] == DelayKind::Slip || delay[r] == DelayKind::Slow) delay[r] = DelayKind::None;
}

void Simulator::Impl::execute_adg() {
  adg.advance(cursor, able, target, outcome, waiting_on);
  for_robots([&](RobotId r) {
    held[r] = 0;
    proposed[r] = plan[static_cast<std::size_t>(target[r])][r];
  });
  for (RobotId r = 0; r < robots; ++r) {
    if (outcome[r] != ActionDependencyGraph::Outcome::Delayed) forget_idle_slip(r);
    if (outcome[r] == ActionDependencyGraph::Outcome::Delayed) {
      ++totals.delayed;
      ++lag[r];
    } else if (outcome[r] == ActionDependencyGraph::Outcome::Waits) {
      ++totals.dependency_waits;
      ++lag[r];
    }
  }
}

void Simulator::Impl::validate() {
  // `previous` becomes the step's target configuration, then the two are swapped.
  std::copy(proposed.begin(), proposed.end(), previous.begin());
  planner::Config& next = previous;
  const auto all = static_cast<std::size_t>(robots) * 2 + 8;
  for (int round = 0;; ++round) {
    const std::vector<planner::Violation> found = validator.check_step(states, next, tick, all);
    if (found.empty()) break;
    if (round == 0) {
      ++totals.invalid_steps_prevented;
      totals.violations_prevented += static_cast<std::int64_t>(found.size());
      for (const planner::Violation& v : found) {
        events.push_back({TraceEventKind::ViolationPrevented, static_cast<std::uint8_t>(v.kind),
                          v.robot, v.other, v.cell, 0, 0.0F});
        const std::string text = v.describe(*grid);
        if (lorr) lorr->error(v.robot, v.other, tick, text);
        if (warnings_left > 0) {
          --warnings_left;
          spdlog::warn("prevented {}; the robots involved wait", text);
        } else {
          spdlog::debug("prevented {}; the robots involved wait", text);
        }
      }
    }
    bool progress = false;
    for (const planner::Violation& v : found) {
      for (const RobotId r : {v.robot, v.other}) {
        if (r < 0 || r >= robots || held[r] != 0) continue;
        held[r] = 1;
        next[r] = states[r];
        progress = true;
      }
    }
    if (!progress || round > robots) {
      // Cannot happen while `states` is valid; waiting everyone is always safe.
      std::copy(states.begin(), states.end(), next.begin());
      break;
    }
  }
  states.swap(previous);  // states: after the step; previous: before it
  held_last_tick = false;
  for (RobotId r = 0; r < robots; ++r) {
    if (held[r] != 0) {
      held_last_tick = true;
      ++totals.held;
    } else {
      cursor[r] = target[r];
    }
  }
}

void Simulator::Impl::complete() {
  struct Counts {
    std::int64_t moves = 0;
    std::int64_t waits = 0;
    std::int64_t busy = 0;
  };
  // Per-robot bookkeeping in parallel; each robot writes only its own entries and its own
  // cell's wait counter (no two robots share a cell), so the result is thread-independent.
  const Counts counts = arena.execute([&] {
    return tbb::parallel_reduce(
        tbb::blocked_range<RobotId>(0, robots, grain), Counts{},
        [&](const tbb::blocked_range<RobotId>& range, Counts c) {
          for (RobotId r = range.begin(); r != range.end(); ++r) {
            const Cell before = motion.cell(previous[r]);
            const bool errand_open = goals[r] != planner::kNoCell && before != goals[r];
            if (previous[r] != states[r]) {
              ++c.moves;
            } else if (errand_open) {
              ++c.waits;
              ++waits_per_cell[before];
            }
            if (goals[r] != planner::kNoCell && (lifelong || errand_open)) ++c.busy;
            arrived[r] = goals[r] != planner::kNoCell && motion.cell(states[r]) == goals[r] ? 1 : 0;
          }
          return c;
        },
        [](Counts a, const Counts& b) {
          a.moves += b.moves;
          a.waits += b.waits;
          a.busy += b.busy;
          return a;
        });
  });
  totals.moves += counts.moves;
  totals.waits += counts.waits;
  if (lifelong) totals.sum_of_costs += counts.busy;

  // Events in robot order, so the trace is the same whatever the thread count.
  std::int64_t errands_now = 0;
  for (RobotId r = 0; r < robots; ++r) {
    if (arrived[r] == 0) continue;
    if (lifelong) {
      events.push_back({TraceEventKind::ErrandDone, 0, r, -1, goals[r],
                        static_cast<std::int32_t>(errand[r]), 0.0F});
      ++errands_now;
      latency_ticks += tick + 1 - assigned_at[r];
      needs_errand[r] = 1;
      if (lorr) lorr->finished(r, tick + 1);
    } else if (motion.cell(previous[r]) != goals[r]) {
      events.push_back({TraceEventKind::ErrandDone, 0, r, -1, goals[r], 0, 0.0F});
      if (lorr) lorr->finished(r, tick + 1);
    }
  }
  if (lifelong) {
    totals.errands_done += errands_now;
    totals.windows.add(tick, errands_now, counts.waits);
  }
}

void Simulator::Impl::record() {
  hash.add(states);
  if (!options.recorders.empty()) {
    const TickView view{tick, states, tick > 0 ? previous : states, tick > 0 ? proposed : states,
                        goals, held, events};
    for (const auto& recorder : options.recorders) recorder->record(view);
  }
  if (trace) trace->write_tick(states, goals, held, events);
  if (tick > 0 && lorr) lorr->step(previous, proposed, states);
  if (!lifelong) executed.push_back(states);
  if (options.progress && options.progress_every > 0 && tick % options.progress_every == 0) {
    options.progress({tick, steps, totals.errands_done,
                      std::chrono::duration<double>(Clock::now() - started).count()});
  }
}

void Simulator::Impl::finish_check() {
  if (tick >= steps) done = true;
  if (!lifelong) {
    bool all_home = true;
    for (RobotId r = 0; r < robots && all_home; ++r)
      all_home = motion.cell(states[r]) == one_shot_goals[r];
    totals.all_at_goals = all_home;
    if (all_home) done = true;
  }
}

// --- the public face -------------------------------------------------------------------

Simulator::Simulator(const Scenario& scenario, const planner::PlannerRegistry& registry,
                     SimOptions options)
    : impl_(std::make_unique<Impl>(scenario, registry, std::move(options))) {}

Simulator::~Simulator() = default;

bool Simulator::step() { return impl_->step(nullptr); }

bool Simulator::step(std::span<const State> next) {
  if (next.size() != impl_->states.size())
    throw std::invalid_argument("a step needs one state per robot: got " +
                                std::to_string(next.size()) + " for " +
                                std::to_string(impl_->states.size()) + " robots");
  return impl_->step(&next);
}

RunSummary Simulator::run() {
  while (impl_->step(nullptr)) {
  }
  impl_->log_warnings();
  if (impl_->options.progress)
    impl_->options.progress({impl_->tick, impl_->steps, impl_->totals.errands_done,
                             std::chrono::duration<double>(Impl::Clock::now() - impl_->started)
                                 .count()});
  write_outputs();
  return summary();
}

void Simulator::write_outputs() { impl_->write_outputs(); }
bool Simulator::finished() const { return impl_->done; }
int Simulator::tick() const { return impl_->tick; }
int Simulator::steps() const { return impl_->steps; }
RunSummary Simulator::summary() const { return impl_->summary(); }
std::uint64_t Simulator::state_hash() const { return impl_->hash.value(); }
const Scenario& Simulator::scenario() const { return impl_->scenario; }
const planner::Motion& Simulator::motion() const { return impl_->motion; }
std::span<const State> Simulator::states() const { return impl_->states; }
std::span<const Cell> Simulator::goals() const { return impl_->goals; }
std::span<const std::uint8_t> Simulator::held() const { return impl_->held; }
std::span<const TraceEvent> Simulator::events() const { return impl_->events; }
std::span<const DelayKind> Simulator::delays() const { return impl_->delay; }
std::span<const RobotId> Simulator::waiting_on() const { return impl_->waiting_on; }
std::span<const std::int32_t> Simulator::waits_per_cell() const {
  return {impl_->waits_per_cell.data(), static_cast<std::size_t>(impl_->waits_per_cell.size())};
}
std::shared_ptr<const planner::DistanceTable> Simulator::distances() const {
  return impl_->distances;
}

}  // namespace fleet::sim
