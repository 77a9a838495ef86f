#include <fleet/viz/frame_pair.hpp>

#include <algorithm>
#include <cmath>
#include <utility>

namespace fleet::viz {

void FramePair::invalidate() {
  current_.tick = -1;
  next_.tick = -1;
  has_next_ = false;
}

void FramePair::load(const ReplaySource& source, double position) {
  const int first = source.first_tick();
  const int end = source.end_tick();
  if (end <= first) {
    invalidate();
    return;
  }
  position = std::clamp(position, static_cast<double>(first), static_cast<double>(end - 1));
  const int t = static_cast<int>(std::floor(position));
  fraction_ = position - t;
  if (current_.tick != t) {
    if (has_next_ && next_.tick == t) {
      // Playing forward: the old "next" is the new current, and the old current (one tick
      // earlier) is the cheapest starting point for decoding the new next.
      std::swap(current_, next_);
    } else {
      try {
        source.read(t, current_);
      } catch (...) {
        invalidate();
        throw;
      }
    }
    has_next_ = false;
  }
  if (t + 1 < end) {
    if (!has_next_ || next_.tick != t + 1) {
      try {
        source.read(t + 1, next_);
      } catch (...) {
        invalidate();
        throw;
      }
      has_next_ = true;
    }
  } else {
    has_next_ = false;
  }
  if (!has_next_) fraction_ = 0.0;
}

Vec2 FramePair::position(const planner::Motion& motion, RobotId r) const {
  const planner::Grid& grid = motion.grid();
  const Cell a = motion.cell(current_.states[static_cast<std::size_t>(r)]);
  Vec2 p{grid.x(a) + 0.5, grid.y(a) + 0.5};
  if (has_next_ && fraction_ > 0.0) {
    const Cell b = motion.cell(next_.states[static_cast<std::size_t>(r)]);
    p.x += (grid.x(b) - grid.x(a)) * fraction_;
    p.y += (grid.y(b) - grid.y(a)) * fraction_;
  }
  return p;
}

double FramePair::angle(const planner::Motion& motion, RobotId r) const {
  if (!motion.has_heading()) return 0.0;
  const int ha = motion.heading(current_.states[static_cast<std::size_t>(r)]);
  double turn = 0.0;
  if (has_next_ && fraction_ > 0.0) {
    const int hb = motion.heading(next_.states[static_cast<std::size_t>(r)]);
    const int d = (hb - ha + 4) & 3;  // 1 clockwise, 3 counter-clockwise, 2 a half turn
    turn = (d == 3 ? -1.0 : static_cast<double>(d)) * fraction_;
  }
  return (ha + turn) * 90.0;
}

RobotLook FramePair::look(const planner::Motion& motion, RobotId r) const {
  const auto i = static_cast<std::size_t>(r);
  const Frame& f = has_next_ && fraction_ > 0.0 ? next_ : current_;
  if (f.held[i] != 0) return RobotLook::Held;
  if (i < f.delays.size()) {
    switch (f.delays[i]) {
      case sim::DelayKind::Breakdown: return RobotLook::Broken;
      case sim::DelayKind::Stall: return RobotLook::Stalled;
      case sim::DelayKind::Slip:
      case sim::DelayKind::Slow: return RobotLook::Delayed;
      case sim::DelayKind::None: break;
    }
  }
  const sim::TraceAction a = f.actions[i];
  if (a != sim::TraceAction::Wait && a != sim::TraceAction::Unknown) return RobotLook::Moving;
  const Cell goal = f.goals[i];
  if (goal == planner::kNoCell || motion.cell(f.states[i]) == goal) return RobotLook::Idle;
  return a == sim::TraceAction::Wait ? RobotLook::Waiting : RobotLook::Idle;
}

void future_states(const ReplaySource& source, RobotId robot, int from, int count, Frame& scratch,
                   std::vector<State>& out) {
  out.clear();
  const int end = std::min(source.end_tick(), from + count + 1);
  for (int t = std::max(from + 1, source.first_tick()); t < end; ++t) {
    source.read(t, scratch);
    out.push_back(scratch.states[static_cast<std::size_t>(robot)]);
  }
}

}  // namespace fleet::viz
