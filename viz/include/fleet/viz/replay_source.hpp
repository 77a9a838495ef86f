// Where the visualizer's frames come from: a run trace, a lacam-style result.txt with its map,
// or a simulation running live. Every source answers frames by tick; a live one grows while it
// is being shown. The frame type is the trace's own, so all sources look alike to the drawing.
#pragma once

#include <fleet/planner/grid.hpp>
#include <fleet/planner/motion.hpp>
#include <fleet/sim/trace.hpp>

#include <string>
#include <vector>

namespace fleet::viz {

using planner::Cell;
using planner::RobotId;
using planner::State;
using Frame = sim::TraceFrame;

/// The warehouse's named places, when the source knows them (empty lists otherwise).
struct Places {
  std::vector<Cell> shelves;
  std::vector<Cell> stations;
  std::vector<Cell> homes;
  [[nodiscard]] bool empty() const { return shelves.empty() && stations.empty() && homes.empty(); }
};

/// What a source is, for the window title and the HUD.
struct SourceInfo {
  std::string kind;      ///< "trace", "result" or "live"
  std::string path;      ///< the file or directory it was opened from
  std::string scenario;  ///< scenario name, when known
  std::string planner;   ///< planner name, when known
  std::string places_note;  ///< where the places came from, or why there are none
  bool one_shot = false;    ///< each robot has one goal (a result file, a one-shot run)
  /// The planner's whole time when the source knows only that (a result's comp_time), else -1.
  double planner_total_s = -1.0;
};

class ReplaySource {
public:
  virtual ~ReplaySource() = default;

  [[nodiscard]] virtual const planner::Grid& grid() const = 0;
  [[nodiscard]] virtual const planner::Motion& motion() const = 0;
  [[nodiscard]] virtual int robots() const = 0;
  /// Ticks that can be read now: [first_tick(), end_tick()). A live source forgets its oldest
  /// ticks beyond a memory budget and gains new ones while it runs.
  [[nodiscard]] virtual int first_tick() const = 0;
  [[nodiscard]] virtual int end_tick() const = 0;
  /// Decodes tick `tick` into `frame`, reusing its buffers. Throws fleet::InputError for a
  /// corrupt record and std::out_of_range for a tick outside the readable range.
  virtual void read(int tick, Frame& frame) const = 0;
  /// Only the events of a tick (cheaper than read() where the source allows).
  virtual void read_events(int tick, std::vector<sim::TraceEvent>& out) const = 0;
  [[nodiscard]] virtual const Places& places() const = 0;
  [[nodiscard]] virtual const SourceInfo& info() const = 0;

  /// True while more ticks may still arrive (a live simulation that has not finished).
  [[nodiscard]] virtual bool growing() const { return false; }
  /// A live simulation's failure, empty when none.
  [[nodiscard]] virtual std::string failure() const { return {}; }
  /// Tells a live source which tick is on screen, so the simulation runs only a little ahead.
  virtual void showing(int tick) { (void)tick; }
};

/// The trace action that takes `from` to `to` under `motion` (Unknown when no single one does).
sim::TraceAction action_between(const planner::Motion& motion, State from, State to);

}  // namespace fleet::viz
