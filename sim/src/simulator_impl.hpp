// The simulator's state, shared by the step loop (simulator.cpp) and the run output
// (simulator_output.cpp). Per-robot arrays are flat and indexed by robot id.
#pragma once

#include "broken_robots.hpp"
#include "delay_model.hpp"
#include "planner_runner.hpp"

#include <fleet/sim/action_dependency_graph.hpp>

#include <fleet/planner/validator.hpp>
#include <fleet/sim/lorr_log.hpp>
#include <fleet/sim/simulator.hpp>
#include <fleet/sim/state_hash.hpp>

#include <Eigen/Core>
#include <tbb/task_arena.h>

#include <chrono>
#include <memory>
#include <vector>

namespace fleet::sim {

struct Simulator::Impl {
  using Clock = std::chrono::steady_clock;

  Impl(const Scenario& scenario, const planner::PlannerRegistry& registry, SimOptions options);

  /// One tick; with `external`, those states are proposed instead of the planner's.
  bool step(const std::span<const State>* external);
  void assign_errands();
  void plan_if_due();
  void execute();
  void draw_delays();
  void execute_exact();
  void execute_adg();
  void forget_idle_slip(RobotId r);
  void validate();
  void complete();
  void record();
  [[nodiscard]] bool replan_due() const;
  [[nodiscard]] bool delay_replan_due() const;
  void call_planner();
  void trim_distances(std::span<const Cell> keep);
  void preprocess();
  void finish_check();
  [[nodiscard]] RunSummary summary() const;
  void log_warnings() const;  ///< the summary's throughput warnings, through spdlog
  void write_outputs();
  template <typename F>
  void for_robots(F&& body);

  Scenario scenario;
  SimOptions options;
  std::shared_ptr<const planner::Grid> grid;
  planner::Motion motion;
  std::shared_ptr<planner::DistanceTable> distances;
  std::size_t distance_budget_bytes = 0;  ///< 0: tables are never freed
  std::int64_t distance_trims = 0;
  double preprocess_s = 0.0;  // building the first goals' tables, before tick 0's call
  int robots = 0;
  int threads = 1;
  bool lifelong = false;
  int steps = 0;
  int horizon = 0;  ///< handed to the planner (0: one-shot, plan to the goals)
  int grain = 1024;
  tbb::task_arena arena;
  std::unique_ptr<PlannerRunner> runner;
  planner::Validator validator;

  // Per-robot state. `previous` holds the states before the last step.
  planner::Config states;
  planner::Config previous;
  planner::Config proposed;  ///< what the plan asked for this tick
  std::vector<Cell> goals;
  std::vector<Cell> one_shot_goals;
  std::vector<std::int64_t> errand;        ///< number of the current errand
  std::vector<std::uint8_t> needs_errand;  ///< finished its errand, gets the next at assign
  std::vector<std::uint8_t> held;
  std::vector<std::uint8_t> arrived;       ///< on its goal after the last step
  std::vector<std::int32_t> cursor;        ///< the robot's position in `plan`
  planner::Plan plan;

  // Execution under delays (execution.hpp). `target` is each robot's plan position once this
  // tick's step is taken; a robot the validator holds keeps its cursor instead.
  ExecutionSettings execution;
  DelayModel delays;
  ActionDependencyGraph adg;  ///< of `plan`, under the ADG policy
  std::vector<std::int32_t> target;
  std::vector<std::uint8_t> able;        ///< no delay keeps the robot from moving this tick
  std::vector<DelayKind> delay;          ///< what kept each robot from moving this tick
  std::vector<DelayModel::Draw> draws;
  std::vector<RobotId> waiting_on;       ///< ADG: the robot each one waited for (-1: none)
  std::vector<ActionDependencyGraph::Outcome> outcome;
  std::vector<std::int32_t> lag;         ///< ticks each robot lost since the plan was made
  std::vector<std::uint8_t> broken;      ///< broken down during this tick's step
  bool broken_changed = false;           ///< a breakdown began or ended since the last call
  bool planned_around_broken = false;    ///< the current plan treats broken robots as obstacles
  BrokenRobotFloor broken_floor;
  std::vector<std::int32_t> assigned_at; ///< tick each robot's current errand was assigned
  std::int64_t latency_ticks = 0;

  int tick = 0;
  bool done = false;
  int last_call_tick = -1;
  bool held_last_tick = false;
  std::vector<TraceEvent> events;

  // Measurements.
  RunSummary totals;
  std::vector<double> planner_seconds;
  Eigen::Array<std::int32_t, Eigen::Dynamic, 1> waits_per_cell;
  StateHash hash;
  Clock::time_point started;
  int warnings_left = 20;  ///< log the first few problems loudly, the rest at debug level

  // Outputs.
  std::unique_ptr<TraceWriter> trace;
  std::unique_ptr<LorrLog> lorr;
  planner::Plan executed;  ///< one-shot runs: every tick's states, for result.txt
  bool outputs_written = false;
};

}  // namespace fleet::sim
