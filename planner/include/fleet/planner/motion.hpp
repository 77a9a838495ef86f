// The motion models robots move under, behind one state-space abstraction:
// - FourConnected (MovingAI): a state is a cell; move to a 4-neighbour or wait.
// - Rotation (League of Robot Runners): a state is (cell, heading); forward one cell in the
//   heading, rotate clockwise, rotate counter-clockwise, or wait. One tick each.
// Planners, the validator and the simulator all speak in states, so headings are never lost.
#pragma once

#include <fleet/planner/grid.hpp>

#include <array>
#include <cstdint>
#include <string_view>

namespace fleet::planner {

using State = std::int32_t;
inline constexpr State kNoState = -1;

enum class MotionKind : std::uint8_t { FourConnected, Rotation };
std::string_view to_string(MotionKind kind);
/// Parses "4-connected"/"four_connected" or "rotation"; throws std::invalid_argument.
MotionKind parse_motion_kind(std::string_view text);

/// What a robot did between two consecutive states.
enum class Action : std::uint8_t { Wait, Move, Forward, RotateCW, RotateCCW };

class Motion {
public:
  static constexpr int kMaxSuccessors = 5;
  using Neighbours = std::array<State, kMaxSuccessors>;

  Motion(const Grid& grid, MotionKind kind) : grid_(&grid), kind_(kind) {}

  [[nodiscard]] const Grid& grid() const { return *grid_; }
  [[nodiscard]] MotionKind kind() const { return kind_; }
  [[nodiscard]] bool has_heading() const { return kind_ == MotionKind::Rotation; }
  [[nodiscard]] std::int32_t num_states() const {
    return has_heading() ? grid_->size() * kDirections : grid_->size();
  }

  [[nodiscard]] Cell cell(State s) const { return has_heading() ? s >> 2 : s; }
  /// Heading 0..3 (E, S, W, N) under the rotation model, -1 otherwise.
  [[nodiscard]] int heading(State s) const { return has_heading() ? (s & 3) : -1; }
  [[nodiscard]] State state(Cell c, int heading = 0) const {
    return has_heading() ? c * kDirections + heading : c;
  }
  [[nodiscard]] bool valid(State s) const { return s >= 0 && s < num_states(); }

  /// States reachable in one tick, waiting first; returns how many were written.
  int successors(State s, Neighbours& out) const;
  /// States from which `s` is reachable in one tick, `s` itself first.
  int predecessors(State s, Neighbours& out) const;
  /// The action taking `from` to `to`, or nothing when no single action does.
  [[nodiscard]] bool transition(State from, State to, Action* action = nullptr) const;

private:
  const Grid* grid_;
  MotionKind kind_;
};

}  // namespace fleet::planner
