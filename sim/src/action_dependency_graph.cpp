#include <fleet/sim/action_dependency_graph.hpp>

#include <stdexcept>

namespace fleet::sim {

using planner::Cell;
using planner::RobotId;

ActionDependencyGraph::ActionDependencyGraph(const planner::Plan& plan,
                                             const planner::Motion& motion)
    : robots_(plan.empty() ? 0 : static_cast<int>(plan.front().size())),
      length_(static_cast<int>(plan.size())) {
  const auto cells = static_cast<std::size_t>(motion.grid().size());
  dependencies_.assign(static_cast<std::size_t>(length_) * static_cast<std::size_t>(robots_), {});
  acts_.assign(dependencies_.size(), 0);
  // The last stay in each cell so far, in plan time: who, and the last position it was there.
  struct Stay {
    RobotId robot = -1;
    std::int32_t last = -1;
  };
  std::vector<Stay> last_stay(cells);
  for (int t = 0; t < length_; ++t) {
    const planner::Config& config = plan[static_cast<std::size_t>(t)];
    if (static_cast<int>(config.size()) != robots_)
      throw std::invalid_argument("plan configurations differ in size");
    for (RobotId r = 0; r < robots_; ++r) {
      const Cell c = motion.cell(config[r]);
      if (c < 0 || static_cast<std::size_t>(c) >= cells)
        throw std::invalid_argument("plan has a robot off the map");
      if (t > 0) {
        const planner::State before = plan[static_cast<std::size_t>(t) - 1][r];
        acts_[index(r, t)] = before != config[r] ? 1 : 0;
        Stay& previous = last_stay[c];
        if (motion.cell(before) != c && previous.robot >= 0 && previous.robot != r) {
          dependencies_[index(r, t)] = {previous.robot, previous.last + 1};
          ++edges_;
        }
      }
      last_stay[c] = {r, t};
    }
  }
}

void ActionDependencyGraph::advance(std::span<const std::int32_t> cursor,
                                    std::span<const std::uint8_t> able,
                                    std::span<std::int32_t> next, std::span<Outcome> outcome,
                                    std::span<RobotId> waiting_on) const {
  // 1. Skip planned waits; 2. movers: able robots whose next action's dependency is met now or
  // by a robot that may move out in this tick; 3. withdraw, transitively, every mover that
  // relied on a robot which does not move.
  std::vector<RobotId> relies_on(static_cast<std::size_t>(robots_), -1);
  for (RobotId r = 0; r < robots_; ++r) {
    int c = cursor[r];
    while (c + 1 < length_ && !acts(r, c + 1)) ++c;
    next[r] = c;
    waiting_on[r] = -1;
    outcome[r] = c + 1 < length_ ? Outcome::Moves : Outcome::Finished;
  }
  for (RobotId r = 0; r < robots_; ++r) {
    if (outcome[r] != Outcome::Moves) continue;
    const Dependency d = dependency(r, next[r] + 1);
    if (d.robot >= 0 && next[d.robot] < d.step) {
      waiting_on[r] = d.robot;
      if (next[d.robot] + 1 == d.step && outcome[d.robot] == Outcome::Moves) {
        relies_on[r] = d.robot;  // met if that robot moves out now
      } else {
        outcome[r] = Outcome::Waits;
        continue;
      }
    }
    if (able[r] == 0) outcome[r] = Outcome::Delayed;
  }
  // Robots that relied on each robot, as linked lists, then withdrawal from the non-movers.
  std::vector<RobotId> first(static_cast<std::size_t>(robots_), -1);
  std::vector<RobotId> sibling(static_cast<std::size_t>(robots_), -1);
  for (RobotId r = 0; r < robots_; ++r) {
    if (relies_on[r] < 0 || outcome[r] != Outcome::Moves) continue;
    sibling[r] = first[relies_on[r]];
    first[relies_on[r]] = r;
  }
  std::vector<RobotId> stopped;
  for (RobotId r = 0; r < robots_; ++r)
    if (outcome[r] != Outcome::Moves && first[r] >= 0) stopped.push_back(r);
  while (!stopped.empty()) {
    const RobotId j = stopped.back();
    stopped.pop_back();
    for (RobotId r = first[j]; r >= 0; r = sibling[r]) {
      if (outcome[r] != Outcome::Moves) continue;
      outcome[r] = Outcome::Waits;
      if (first[r] >= 0) stopped.push_back(r);
    }
  }
  for (RobotId r = 0; r < robots_; ++r) {
    if (outcome[r] == Outcome::Moves) {
      ++next[r];
      waiting_on[r] = -1;
    } else if (outcome[r] != Outcome::Waits) {
      waiting_on[r] = -1;
    }
  }
}

}  // namespace fleet::sim
