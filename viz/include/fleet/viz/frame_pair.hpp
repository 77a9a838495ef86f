// The two ticks around the playback position, for motion drawn between ticks: robot centres
// and headings interpolated from tick t to t + 1. Buffers are reused so that playing forward
// decodes one trace record per tick.
#pragma once

#include <fleet/viz/camera.hpp>
#include <fleet/viz/replay_source.hpp>

#include <vector>

namespace fleet::viz {

/// How a robot is drawn: what it is doing in the motion shown.
enum class RobotLook : std::uint8_t { Moving, Waiting, Idle, Held, Delayed, Stalled, Broken };

class FramePair {
public:
  /// Loads the ticks around `position` (clamped to the source's range).
  void load(const ReplaySource& source, double position);
  /// Forgets the loaded ticks (after an error, or when the source changed).
  void invalidate();

  [[nodiscard]] bool loaded() const { return current_.tick >= 0; }
  [[nodiscard]] int tick() const { return current_.tick; }
  [[nodiscard]] double fraction() const { return fraction_; }
  [[nodiscard]] const Frame& current() const { return current_; }
  /// The tick after, or nullptr at the last tick.
  [[nodiscard]] const Frame* next() const { return has_next_ ? &next_ : nullptr; }

  /// The robot's centre in world units, between its cells at t and t + 1.
  [[nodiscard]] Vec2 position(const planner::Motion& motion, RobotId r) const;
  /// Heading in degrees (0 east, 90 south), interpolated; 0 without headings.
  [[nodiscard]] double angle(const planner::Motion& motion, RobotId r) const;
  /// What the robot is doing: during a transition, its action into t + 1; at a whole tick,
  /// the action that brought it there.
  [[nodiscard]] RobotLook look(const planner::Motion& motion, RobotId r) const;

private:
  Frame current_;
  Frame next_;
  bool has_next_ = false;
  double fraction_ = 0.0;
};

/// The states robot `robot` passes through over ticks (from, from + count], read from the
/// source's future ticks (as far as it has them), into `out`. `scratch` is a reusable buffer.
void future_states(const ReplaySource& source, RobotId robot, int from, int count,
                   Frame& scratch, std::vector<State>& out);

}  // namespace fleet::viz
