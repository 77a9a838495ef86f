// The run trace: every tick's robot states, goals, waits and events in a compact binary file
// (docs/trace-format.md) that the visualizer, the replay and the reports read by tick.
// Keyframes every few ticks plus 4-bit actions in between keep 10,000 robots x 5,000 ticks
// in tens of megabytes; an index at the end gives random access; the reader memory-maps.
#pragma once

#include <fleet/planner/grid.hpp>
#include <fleet/planner/instance.hpp>
#include <fleet/planner/motion.hpp>
#include <fleet/sim/execution.hpp>
#include <fleet/planner/output_file.hpp>
#include <fleet/sim/state_hash.hpp>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace fleet::sim {

using planner::Cell;
using planner::RobotId;
using planner::State;

inline constexpr std::uint32_t kTraceVersion = 1;

/// What happened during the step into a tick (beyond the robots' moves).
enum class TraceEventKind : std::uint8_t {
  ErrandDone = 0,          ///< robot stood on its goal `cell`; count = the errand's number
  ViolationPrevented = 1,  ///< the planned step had a violation (detail = ViolationKind) between
                           ///< robot and other at cell; the offenders were held instead
  PlannerTimeout = 2,      ///< the call answered late or not at all; seconds = time taken so far
  PlannerFailed = 3,       ///< the call failed (detail = planner::Status) or returned a
                           ///< malformed plan (detail = 255); seconds = its runtime
  Replan = 4,              ///< a planner answer was accepted; count = its configurations
  Stalled = 5,             ///< robot at cell stopped for count ticks (a drawn stall)
  BrokenDown = 6,          ///< robot broke down at cell and blocks it for count ticks
};
std::string_view to_string(TraceEventKind kind);

struct TraceEvent {
  TraceEventKind kind = TraceEventKind::ErrandDone;
  std::uint8_t detail = 0;
  RobotId robot = -1;
  RobotId other = -1;
  Cell cell = planner::kNoCell;
  std::int32_t count = 0;
  float seconds = 0.0F;
  friend bool operator==(const TraceEvent&, const TraceEvent&) = default;
};

/// A robot's action into a tick, as stored (4 bits per robot).
enum class TraceAction : std::uint8_t {
  Wait = 0,
  MoveEast = 1,  ///< a move (or, under the rotation model, forward) to the neighbour E/S/W/N
  MoveSouth = 2,
  MoveWest = 3,
  MoveNorth = 4,
  RotateCW = 5,
  RotateCCW = 6,
  Unknown = 15,  ///< tick 0, or a jump no single action makes (stored as a keyframe)
};

/// The run a trace describes.
struct TraceMeta {
  planner::MotionKind motion = planner::MotionKind::FourConnected;
  int robots = 0;
  std::string map_file;  ///< the .map it came from, empty for a generated layout
  std::string scenario;
  std::string planner;
  std::uint64_t seed = 0;
  int keyframe_interval = 64;  ///< ticks between full snapshots (>= 1)
  /// A one-shot run (each robot one goal); traces written before the flag existed read as
  /// lifelong.
  bool one_shot = false;
};

/// One decoded tick.
struct TraceFrame {
  int tick = -1;
  std::vector<State> states;           ///< per robot
  std::vector<Cell> goals;             ///< per robot, kNoCell when it has none
  std::vector<TraceAction> actions;    ///< per robot: the action into this tick
  std::vector<std::uint8_t> held;      ///< per robot: 1 when the simulator made it wait
  std::vector<TraceEvent> events;
  /// Live runs only (empty when read from a trace): per robot, what kept it from its planned
  /// step, and under the ADG policy the robot whose move it waited for (-1: none).
  std::vector<DelayKind> delays;
  std::vector<RobotId> waiting_on;

  /// The robot did not move or turn into this tick.
  [[nodiscard]] bool waiting(RobotId r) const { return actions[r] == TraceAction::Wait; }
};

/// Streams a trace to `<path>.partial` and renames it to `path` in finish(), so a crash never
/// leaves a half trace posing as a whole one. Ticks must be written in order from 0.
class TraceWriter {
public:
  TraceWriter(const std::filesystem::path& path, std::shared_ptr<const planner::Grid> grid,
              TraceMeta meta);
  ~TraceWriter();
  TraceWriter(const TraceWriter&) = delete;
  TraceWriter& operator=(const TraceWriter&) = delete;

  /// Appends the next tick. `held` has one byte per robot (nonzero: held); it may be empty.
  void write_tick(std::span<const State> states, std::span<const Cell> goals,
                  std::span<const std::uint8_t> held, std::span<const TraceEvent> events);
  /// Writes the index and footer and renames the file into place. Throws fleet::InputError
  /// when the disk refuses.
  void finish();

  [[nodiscard]] int ticks() const { return static_cast<int>(index_.size()); }
  /// The StateHash of every tick written so far.
  [[nodiscard]] std::uint64_t state_hash() const { return hash_.value(); }

private:
  struct IndexEntry {
    std::uint64_t offset;
    std::uint32_t keyframe;
    std::uint32_t bytes;
  };
  void put(const void* data, std::size_t bytes);

  std::shared_ptr<const planner::Grid> grid_;
  planner::Motion motion_;
  TraceMeta meta_;
  OutputFile out_;  // kept as `<name>.partial` if the run ends before finish()
  std::uint64_t offset_ = 0;
  std::vector<IndexEntry> index_;
  std::vector<State> last_states_;
  std::vector<Cell> last_goals_;
  std::vector<std::uint8_t> nibbles_;
  std::vector<std::uint8_t> record_;
  StateHash hash_;
  bool finished_ = false;
};

/// Reads a finished trace through a read-only memory map. The constructor checks the header,
/// footer and index and throws fleet::InputError (file + what is wrong) on a missing,
/// truncated or corrupt file; frame reads check each record's bounds as well.
class TraceReader {
public:
  explicit TraceReader(const std::filesystem::path& path);
  ~TraceReader();
  TraceReader(const TraceReader&) = delete;
  TraceReader& operator=(const TraceReader&) = delete;

  [[nodiscard]] const TraceMeta& meta() const { return meta_; }
  [[nodiscard]] int robots() const { return meta_.robots; }
  [[nodiscard]] int tick_count() const { return static_cast<int>(index_.size()); }
  /// The floor the run was on, rebuilt from the embedded passability bitmap.
  [[nodiscard]] const std::shared_ptr<const planner::Grid>& grid() const { return grid_; }
  [[nodiscard]] const planner::Motion& motion() const { return *motion_; }
  /// The StateHash over all ticks, as the writer computed it.
  [[nodiscard]] std::uint64_t state_hash() const { return state_hash_; }

  /// Decodes tick `tick` into `frame`, reusing its buffers. Cheap when `frame` already holds
  /// an earlier tick since the same keyframe (playback), otherwise decodes from the keyframe.
  /// Throws std::out_of_range for a tick outside [0, tick_count()).
  void read(int tick, TraceFrame& frame) const;
  [[nodiscard]] TraceFrame frame(int tick) const;
  /// Only the events of a tick (no state decoding).
  [[nodiscard]] std::vector<TraceEvent> events(int tick) const;

private:
  struct IndexEntry {
    std::uint64_t offset;
    std::uint32_t keyframe;
    std::uint32_t bytes;
  };
  void apply_record(int tick, TraceFrame& frame, bool want_events) const;
  void read_events(int tick, std::vector<TraceEvent>& out) const;
  [[noreturn]] void corrupt(const std::string& what) const;

  std::string source_;
  const std::uint8_t* data_ = nullptr;
  std::size_t size_ = 0;
  TraceMeta meta_;
  std::shared_ptr<const planner::Grid> grid_;
  std::optional<planner::Motion> motion_;
  std::vector<IndexEntry> index_;
  std::uint64_t state_hash_ = 0;
};

}  // namespace fleet::sim
