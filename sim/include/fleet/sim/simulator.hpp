// The discrete-time warehouse simulator: each tick assigns errands, replans when due (the
// planner runs on a worker thread under a deadline), executes one configuration, validates it
// (a violating move is never executed: the offenders wait), completes errands and records the
// tick. Per-robot phases run on a TBB arena; results do not depend on the thread count.
#pragma once

#include <fleet/planner/distance_table.hpp>
#include <fleet/planner/registry.hpp>
#include <fleet/sim/metrics.hpp>
#include <fleet/sim/scenario.hpp>
#include <fleet/sim/trace.hpp>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <vector>

namespace fleet::sim {

struct SimProgress {
  int tick = 0;
  int steps = 0;
  std::int64_t errands_done = 0;
  double elapsed_s = 0.0;
};

/// One recorded tick, as the step loop hands it to its recorders: the fleet after the step
/// into `tick`, before it (`previous`), what was proposed for it (the planner's next states, or
/// the states the caller's actions lead to) and which robots the simulator held instead. At
/// tick 0 all three configurations are the starts. Valid only during the call.
struct TickView {
  int tick = 0;
  std::span<const State> states;
  std::span<const State> previous;
  std::span<const State> proposed;
  std::span<const Cell> goals;  ///< the goals the robots had during the step (kNoCell: none)
  std::span<const std::uint8_t> held;
  std::span<const TraceEvent> events;
};

struct RunSummary;

/// Something that records every tick beside the trace and the metrics (a dataset, say). It
/// only reads what it is handed; nothing it does reaches back into the step loop.
class TickRecorder {
public:
  virtual ~TickRecorder() = default;
  /// Called from the simulating thread after every tick, tick 0 included.
  virtual void record(const TickView& tick) = 0;
  /// Called once, when the simulator writes its outputs (the end of run()).
  virtual void finish(const RunSummary& summary) = 0;
};

struct SimOptions {
  std::optional<int> threads;  ///< overrides the scenario's (0: all cores)
  std::optional<int> steps;    ///< overrides the scenario's tick budget
  std::optional<int> distance_memory_mb;  ///< overrides the scenario's (0: never free tables)
  /// Memory the distance tables of the robots' first goals may need; a scenario needing more
  /// is refused before anything is prepared or written. 0: this machine's physical memory.
  std::size_t table_memory_bytes = 0;
  /// Where run() writes summary.json, trace.fltrace, floor.svg and, as they apply, result.txt
  /// (one-shot) and lorr_log.json (rotation model). Empty: nothing is written.
  std::filesystem::path output_dir;
  /// false: refuse an output_dir that already holds files (fleet::prepare_output_folder).
  bool replace_output = true;
  bool write_trace = true;
  bool write_lorr_log = true;  ///< rotation-model runs only; keeps every action in memory
  std::optional<int> lorr_log_year;  ///< overrides the scenario's log format (2023 or 2024)
  bool write_svg = true;
  int keyframe_interval = 64;
  /// Robots per parallel task in the per-robot phases (their work per robot is tiny, so
  /// small chunks cost more in scheduling than they gain). Results do not depend on it.
  int grain = 1024;
  /// A distance table to use instead of a fresh one, so repeated runs on one map share
  /// tables. It must be made for the scenario's grid object and motion model. The simulator
  /// may free tables of it between planner calls (see distance_memory_mb), so no other
  /// thread may use it while a simulation runs.
  std::shared_ptr<planner::DistanceTable> distances;
  /// Called from the simulating thread every `progress_every` ticks and at the end.
  std::function<void(const SimProgress&)> progress;
  int progress_every = 100;
  /// Recorders handed every tick (see TickRecorder).
  std::vector<std::shared_ptr<TickRecorder>> recorders;
};

class Simulator {
public:
  /// Makes the planner named by the scenario through `registry` (throws std::invalid_argument
  /// for an unknown planner or parameter) and places the fleet at its starts. Throws
  /// std::invalid_argument when starts are off the map, on obstacles or shared.
  Simulator(const Scenario& scenario, const planner::PlannerRegistry& registry,
            SimOptions options = {});
  ~Simulator();
  Simulator(const Simulator&) = delete;
  Simulator& operator=(const Simulator&) = delete;

  /// Advances one tick; false (and nothing done) once the run is finished.
  bool step();
  /// Advances one tick with the caller's proposal instead of the planner's: `next` holds one
  /// state per robot (planner::kNoState or any other invalid state is allowed and counts as
  /// an obstacle violation). The validator checks it as it checks a plan: offenders wait. The
  /// planner's current plan is dropped, so a later step() replans. Throws
  /// std::invalid_argument when `next` does not have one state per robot.
  bool step(std::span<const State> next);
  /// Steps until finished, writes the outputs (when an output directory was given) and
  /// returns the summary.
  RunSummary run();
  /// Writes the run directory for the ticks simulated so far. Each file goes through a
  /// temporary name and a rename.
  void write_outputs();

  [[nodiscard]] bool finished() const;
  [[nodiscard]] int tick() const;
  [[nodiscard]] int steps() const;
  [[nodiscard]] RunSummary summary() const;
  /// FNV-1a over every tick's states so far (fleet::sim::StateHash).
  [[nodiscard]] std::uint64_t state_hash() const;

  [[nodiscard]] const Scenario& scenario() const;
  [[nodiscard]] const planner::Motion& motion() const;
  [[nodiscard]] std::span<const State> states() const;
  [[nodiscard]] std::span<const Cell> goals() const;
  /// Per robot, 1 when the simulator held it during the last tick.
  [[nodiscard]] std::span<const std::uint8_t> held() const;
  /// Per robot, what kept it from taking its planned step during the last tick (a stall or
  /// breakdown also when it had no step to take).
  [[nodiscard]] std::span<const DelayKind> delays() const;
  /// Per robot, under the ADG policy: the robot whose move it waited for during the last tick
  /// (-1: none).
  [[nodiscard]] std::span<const RobotId> waiting_on() const;
  /// Events of the last tick.
  [[nodiscard]] std::span<const TraceEvent> events() const;
  /// Ticks robots spent waiting off their goal, per cell (index = cell).
  [[nodiscard]] std::span<const std::int32_t> waits_per_cell() const;
  /// The simulator's distance table, shared with every planner call.
  [[nodiscard]] std::shared_ptr<const planner::DistanceTable> distances() const;

private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace fleet::sim
