// How LNS picks the robots to replan each round.
#include "scalable/lns.hpp"

namespace fleet::planner::scalable {

void Lns::choose(Strategy strategy) {
  switch (strategy) {
    case kAgent: agent_based(); break;
    case kMap: map_based(); break;
    default: random_robots(); break;
  }
  if (members_.size() < 2) random_robots();  // too few found: make up the numbers
}

void Lns::random_robots() {
  const auto n = static_cast<std::uint32_t>(instance_->size());
  const std::size_t want = std::min<std::size_t>(static_cast<std::size_t>(size_), n);
  // Bounded: robots already in this batch's other neighbourhoods are not available.
  for (std::size_t tries = 0; members_.size() < want && tries < 8 * want; ++tries)
    add_member(static_cast<RobotId>(rng_.below(n)));
}

void Lns::agent_based() {
  // The seed: the most delayed of a few robots drawn at random (a tournament keeps the choice
  // cheap and varied), never the previous round's seed.
  const auto n = static_cast<std::uint32_t>(instance_->size());
  RobotId seed = -1;
  std::int64_t worst = 0;
  for (int k = 0; k < 16; ++k) {
    const auto r = static_cast<RobotId>(rng_.below(n));
    const auto i = static_cast<std::size_t>(r);
    const std::int64_t delay = robot_cost_[i] - shortest_[i];
    if (r != last_seed_robot_ && delay > worst) {
      worst = delay;
      seed = r;
    }
  }
  if (seed < 0) return;
  last_seed_robot_ = seed;
  add_member(seed);
  // Robots crossing the seed's goal after it could have arrived keep it waiting: half the
  // places go to the latest of them.
  const Cell goal = instance_->goals[static_cast<std::size_t>(seed)];
  const std::int32_t could_arrive = shortest_[static_cast<std::size_t>(seed)];
  found_.clear();
  for (const Occupancy::Visit& v : occupancy_.visits(goal)) {
    if (v.robot != seed && v.to >= could_arrive) found_.push_back(v.robot);
  }
  for (std::size_t k = 0; k < found_.size() && members_.size() < static_cast<std::size_t>(size_ / 2 + 1); ++k)
    add_member(found_[k]);
  // Whoever stands on the seed's shortest route when it would pass delays it too: follow one
  // shortest route (random among equals) and collect those robots.
  State s = instance_->starts[static_cast<std::size_t>(seed)];
  Motion::Neighbours next{};
  for (int t = 0; members_.size() < static_cast<std::size_t>(size_); ++t) {
    const std::uint32_t here = distances_(seed, s);
    if (here == 0 || here == DistanceTable::kUnreachable) break;
    const int count = motion_->successors(s, next);
    State step = kNoState;
    std::uint32_t ties = 0;
    for (int i = 1; i < count; ++i) {
      if (distances_(seed, next[i]) + 1 != here) continue;
      if (rng_.below(++ties) == 0) step = next[i];  // reservoir: uniform among the ties
    }
    if (step == kNoState) break;
    s = step;
    found_.clear();
    occupancy_.occupants(motion_->cell(s), t + 1, found_);
    occupancy_.occupants(motion_->cell(s), t, found_);
    for (RobotId r : found_) add_member(r);
  }
}

void Lns::map_based() {
  // Robots that pass through the area around an intersection, nearest cells first.
  const Grid& grid = instance_->map();
  const auto free = grid.free_cells();
  if (free.empty()) return;
  Cell centre = free[rng_.below(static_cast<std::uint32_t>(free.size()))];
  for (int tries = 0; tries < 64 && grid.neighbours(centre).size() < 3; ++tries)
    centre = free[rng_.below(static_cast<std::uint32_t>(free.size()))];
  cells_.clear();
  cells_.push_back(centre);
  seen_cell_[static_cast<std::size_t>(centre)] = 1;
  constexpr std::size_t kMaxCells = 4096;
  for (std::size_t head = 0; head < cells_.size() && head < kMaxCells &&
                             members_.size() < static_cast<std::size_t>(size_);
       ++head) {
    const Cell c = cells_[head];
    for (const Occupancy::Visit& v : occupancy_.visits(c)) add_member(v.robot);
    for (Cell u : grid.neighbours(c)) {
      if (seen_cell_[static_cast<std::size_t>(u)] != 0) continue;
      seen_cell_[static_cast<std::size_t>(u)] = 1;
      cells_.push_back(u);
    }
  }
  for (Cell c : cells_) seen_cell_[static_cast<std::size_t>(c)] = 0;
}

}  // namespace fleet::planner::scalable
