#include <fleet/planner/validator.hpp>

#include <string>

namespace fleet::planner {

std::string_view to_string(ViolationKind kind) {
  switch (kind) {
    case ViolationKind::Vertex: return "vertex conflict";
    case ViolationKind::Swap: return "swap conflict";
    case ViolationKind::Obstacle: return "obstacle";
    case ViolationKind::NonUnitMove: return "non-unit move";
    case ViolationKind::WrongStart: return "wrong start";
    case ViolationKind::WrongGoal: return "wrong goal";
    case ViolationKind::Malformed: return "malformed plan";
  }
  return "unknown";
}

std::string Violation::describe(const Grid& grid) const {
  std::string text = std::string(to_string(kind)) + " at t=" + std::to_string(time);
  if (robot >= 0) text += ", robot " + std::to_string(robot);
  if (other >= 0) text += " and robot " + std::to_string(other);
  if (grid.valid(cell))
    text += ", cell (" + std::to_string(grid.x(cell)) + "," + std::to_string(grid.y(cell)) + ")";
  return text;
}

Validator::Validator(const Motion& motion)
    : motion_(motion), occupant_(static_cast<std::size_t>(motion.grid().size()), -1) {}

void Validator::check_config(const Config& config, int time, std::vector<Violation>& out,
                             std::size_t max_violations) {
  const Grid& grid = motion_.grid();
  for (RobotId r = 0; r < static_cast<RobotId>(config.size()) && out.size() < max_violations;
       ++r) {
    const State s = config[r];
    if (!motion_.valid(s) || !grid.passable(motion_.cell(s))) {
      out.push_back({ViolationKind::Obstacle, time, r, -1,
                     motion_.valid(s) ? motion_.cell(s) : kNoCell});
      continue;
    }
    const Cell c = motion_.cell(s);
    if (occupant_[c] >= 0) {
      out.push_back({ViolationKind::Vertex, time, occupant_[c], r, c});
      continue;
    }
    occupant_[c] = r;
    touched_.push_back(c);
  }
}

std::vector<Violation> Validator::check_step(const Config& from, const Config& to, int time,
                                             std::size_t max_violations) {
  std::vector<Violation> out;
  if (from.size() != to.size()) {
    out.push_back({ViolationKind::Malformed, time + 1, -1, -1, kNoCell});
    return out;
  }
  // Swap test: index `from` by cell; a robot moving a -> b swaps with the robot that stood
  // in b and now stands in a. Each pair is reported once, by its lower robot id.
  const Grid& grid = motion_.grid();
  for (RobotId r = 0; r < static_cast<RobotId>(from.size()); ++r) {
    if (!motion_.valid(from[r])) continue;
    const Cell c = motion_.cell(from[r]);
    if (grid.valid(c) && occupant_[c] < 0) {
      occupant_[c] = r;
      touched_.push_back(c);
    }
  }
  for (RobotId r = 0; r < static_cast<RobotId>(from.size()) && out.size() < max_violations;
       ++r) {
    if (!motion_.valid(from[r]) || !motion_.valid(to[r])) continue;
    const Cell a = motion_.cell(from[r]);
    const Cell b = motion_.cell(to[r]);
    if (!motion_.transition(from[r], to[r])) {
      out.push_back({ViolationKind::NonUnitMove, time, r, -1, a});
      continue;
    }
    if (a == b || !grid.valid(b)) continue;
    const RobotId o = occupant_[b];
    if (o > r && motion_.valid(to[o]) && motion_.cell(to[o]) == a)
      out.push_back({ViolationKind::Swap, time, r, o, a});
  }
  for (Cell c : touched_) occupant_[c] = -1;
  touched_.clear();
  check_config(to, time + 1, out, max_violations);
  for (Cell c : touched_) occupant_[c] = -1;
  touched_.clear();
  return out;
}

std::vector<Violation> Validator::check_plan(const Instance& instance, const Plan& plan,
                                             const ValidateOptions& options) {
  std::vector<Violation> out;
  const std::size_t robots = instance.size();
  if (plan.empty()) {
    out.push_back({ViolationKind::Malformed, 0, -1, -1, kNoCell});
    return out;
  }
  for (std::size_t t = 0; t < plan.size(); ++t) {
    if (plan[t].size() != robots) {
      out.push_back({ViolationKind::Malformed, static_cast<int>(t), -1, -1, kNoCell});
      return out;
    }
  }
  for (RobotId r = 0; r < static_cast<RobotId>(robots); ++r) {
    if (plan[0][r] != instance.starts[r] && out.size() < options.max_violations)
      out.push_back({ViolationKind::WrongStart, 0, r, -1,
                     instance.motion.valid(plan[0][r]) ? instance.motion.cell(plan[0][r])
                                                       : kNoCell});
  }
  check_config(plan[0], 0, out, options.max_violations);
  for (Cell c : touched_) occupant_[c] = -1;
  touched_.clear();
  for (std::size_t t = 0; t + 1 < plan.size() && out.size() < options.max_violations; ++t) {
    auto step = check_step(plan[t], plan[t + 1], static_cast<int>(t),
                           options.max_violations - out.size());
    out.insert(out.end(), step.begin(), step.end());
  }
  if (options.require_goals) {
    const int last = static_cast<int>(plan.size()) - 1;
    for (RobotId r = 0; r < static_cast<RobotId>(robots) && out.size() < options.max_violations;
         ++r) {
      if (!instance.motion.valid(plan.back()[r]) ||
          instance.motion.cell(plan.back()[r]) != instance.goals[r])
        out.push_back({ViolationKind::WrongGoal, last, r, -1, instance.goals[r]});
    }
  }
  return out;
}

std::vector<Violation> validate(const Instance& instance, const Plan& plan,
                                const ValidateOptions& options) {
  return Validator(instance.motion).check_plan(instance, plan, options);
}

}  // namespace fleet::planner
