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

namespace fleet::sim {

struct SimProgress {
  int tick = 0;
  int steps = 0;
  std::int64_t errands_done = 0;
  double elapsed_s = 0.0;
};

struct SimOptions {
  std::optional<int> threads;  ///< overrides the scenario's (0: all cores)
  std::optional<int> steps;    ///< overrides the scenario's tick budget
  std::optional<int> distance_memory_mb;  ///< overrides the scenario's (0: never free tables)
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
