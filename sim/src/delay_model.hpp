// The delay models of a run: which robots cannot take their planned step at a tick, and the
// stalls and breakdowns in progress. Every draw is counter-based randomness over (seed, robot,
// tick), so a robot's delays never depend on the order or the thread that asks.
#pragma once

#include <fleet/planner/plan.hpp>
#include <fleet/sim/execution.hpp>

#include <cstdint>
#include <vector>

namespace fleet::sim {

class DelayModel {
public:
  struct Draw {
    DelayKind kind = DelayKind::None;
    bool started = false;  ///< a stall or breakdown began at this tick
    int length = 0;        ///< its ticks, when it began
  };

  /// Throws std::invalid_argument for probabilities outside [0, 1], a speed outside (0, 1] or
  /// lengths below 1.
  DelayModel(const DelaySettings& settings, std::uint64_t seed, int robots);

  /// What keeps robot `r` from moving during the step that starts at `tick`. Called once per
  /// robot and tick, ticks in order; it touches only robot `r`'s state, so robots may be drawn
  /// in parallel.
  Draw draw(planner::RobotId r, int tick);

  [[nodiscard]] bool enabled() const { return settings_.any(); }
  /// Broken down (blocking its cell) during the step that starts at `tick`.
  [[nodiscard]] bool broken(planner::RobotId r, int tick) const { return broken_until_[r] > tick; }
  [[nodiscard]] bool slow(planner::RobotId r) const { return slow_[r] != 0; }

private:
  [[nodiscard]] double uniform(std::uint64_t stream, planner::RobotId r, int tick) const;

  DelaySettings settings_;
  std::uint64_t seed_;
  std::vector<std::uint8_t> slow_;
  std::vector<std::int32_t> stalled_until_;  ///< first tick the robot may move again
  std::vector<std::int32_t> broken_until_;
};

}  // namespace fleet::sim
