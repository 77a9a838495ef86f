#include <fleet/planner/motion.hpp>

#include <stdexcept>
#include <string>

namespace fleet::planner {

std::string_view to_string(MotionKind kind) {
  return kind == MotionKind::Rotation ? "rotation" : "4-connected";
}

MotionKind parse_motion_kind(std::string_view text) {
  if (text == "4-connected" || text == "four_connected" || text == "movingai")
    return MotionKind::FourConnected;
  if (text == "rotation" || text == "lorr") return MotionKind::Rotation;
  throw std::invalid_argument("unknown motion model '" + std::string(text) +
                              "' (known: 4-connected, rotation)");
}

int Motion::successors(State s, Neighbours& out) const {
  int n = 0;
  out[n++] = s;
  if (!has_heading()) {
    for (Cell c : grid_->neighbours(s)) out[n++] = c;
    return n;
  }
  const Cell c = cell(s);
  const int h = heading(s);
  const Cell ahead = grid_->step(c, static_cast<Direction>(h));
  if (ahead != kNoCell) out[n++] = state(ahead, h);
  out[n++] = state(c, (h + 1) & 3);
  out[n++] = state(c, (h + 3) & 3);
  return n;
}

int Motion::predecessors(State s, Neighbours& out) const {
  if (!has_heading()) return successors(s, out);  // moves are symmetric
  int n = 0;
  out[n++] = s;
  const Cell c = cell(s);
  const int h = heading(s);
  const Cell behind = grid_->step(c, static_cast<Direction>((h + 2) & 3));
  if (behind != kNoCell) out[n++] = state(behind, h);
  out[n++] = state(c, (h + 3) & 3);  // rotated clockwise into h
  out[n++] = state(c, (h + 1) & 3);  // rotated counter-clockwise into h
  return n;
}

bool Motion::transition(State from, State to, Action* action) const {
  if (!valid(from) || !valid(to)) return false;
  Action found;
  if (from == to) {
    found = Action::Wait;
  } else if (!has_heading()) {
    bool adjacent = false;
    for (Cell c : grid_->neighbours(from)) adjacent = adjacent || c == to;
    if (!adjacent || !grid_->passable(from)) return false;
    found = Action::Move;
  } else {
    const Cell c = cell(from);
    const int h = heading(from);
    if (cell(to) == c && heading(to) == ((h + 1) & 3)) {
      found = Action::RotateCW;
    } else if (cell(to) == c && heading(to) == ((h + 3) & 3)) {
      found = Action::RotateCCW;
    } else if (heading(to) == h && grid_->passable(c) &&
               grid_->step(c, static_cast<Direction>(h)) == cell(to)) {
      found = Action::Forward;
    } else {
      return false;
    }
  }
  if (action != nullptr) *action = found;
  return true;
}

}  // namespace fleet::planner
