#include "scalable/lns.hpp"

#include <algorithm>
#include <limits>

namespace fleet::planner::scalable {
namespace {
constexpr double kReaction = 0.1;    // how fast strategy weights follow recent rewards
constexpr double kMinWeight = 0.02;  // every strategy keeps being tried now and then
}  // namespace

Lns::Lns(const Instance& instance, LnsOptions options, std::uint64_t seed, LazyDistances* lazy)
    : instance_(&instance),
      motion_(&instance.motion),
      options_(options),
      rng_(seed ^ 0xE7037ED1A0B428DBULL),
      distances_(instance, lazy),
      occupancy_(instance.motion, instance.size()),
      intervals_(instance.motion, distances_, occupancy_),
      sipp_(instance.motion, *instance.distances),
      astar_(instance.motion, *instance.distances),
      reserved_(instance.map()),
      member_(instance.size(), 0),
      seen_cell_(static_cast<std::size_t>(instance.map().size()), 0) {}

void Lns::load(const Plan& plan) {
  const std::size_t n = instance_->size();
  shortest_.assign(n, 0);
  old_paths_.resize(static_cast<std::size_t>(std::max(options_.neighbourhood, 2 << kSizes)));
  reserved_.clear();
  cost_ = 0;
  const bool shared = options_.low_level != LnsOptions::LowLevel::Intervals;
  for (std::size_t r = 0; r < n; ++r) {
    const auto robot = static_cast<RobotId>(r);
    const int arrival = robot_cost(*instance_, plan, robot);
    std::vector<State> path(static_cast<std::size_t>(arrival) + 1);
    for (int t = 0; t <= arrival; ++t)
      path[static_cast<std::size_t>(t)] = plan[static_cast<std::size_t>(t)][r];
    cost_ += arrival;
    if (shared) reserved_.add_path(*motion_, path, 0, true);
    occupancy_.place(robot, std::move(path));
    shortest_[r] = static_cast<std::int32_t>(distances_(robot, instance_->starts[r]));
  }
}

Plan Lns::assemble() const {
  std::size_t length = 1;
  for (std::size_t r = 0; r < instance_->size(); ++r)
    length = std::max(length, occupancy_.path(static_cast<RobotId>(r)).size());
  Plan plan(length, Config(instance_->size()));
  for (std::size_t r = 0; r < instance_->size(); ++r) {
    const auto& p = occupancy_.path(static_cast<RobotId>(r));
    for (std::size_t t = 0; t < length; ++t) plan[t][r] = p[std::min(t, p.size() - 1)];
  }
  return plan;
}

Lns::Strategy Lns::pick_strategy() {
  double total = 0;
  for (double w : weights_) total += w;
  double x = rng_.unit() * total;
  for (int s = 0; s < kStrategies; ++s) {
    if (x < weights_[static_cast<std::size_t>(s)]) return static_cast<Strategy>(s);
    x -= weights_[static_cast<std::size_t>(s)];
  }
  return kRandom;
}

void Lns::add_member(RobotId r) {
  if (member_[static_cast<std::size_t>(r)] != 0 ||
      members_.size() >= static_cast<std::size_t>(size_))
    return;
  member_[static_cast<std::size_t>(r)] = 1;
  members_.push_back(r);
}

bool Lns::replan(RobotId r, std::int64_t max_cost, const StopCondition& stop) {
  const State start = instance_->starts[static_cast<std::size_t>(r)];
  const Cell goal = instance_->goals[static_cast<std::size_t>(r)];
  if (options_.low_level == LnsOptions::LowLevel::Intervals) {
    const auto bound = static_cast<std::int32_t>(
        std::min<std::int64_t>(max_cost, std::numeric_limits<std::int32_t>::max() - 1));
    return intervals_.search(r, start, goal, bound, options_.max_expansions, path_);
  }
  SearchQuery query;
  query.start = start;
  query.goal = goal;
  query.hard = &reserved_;
  const SearchResult found = options_.low_level == LnsOptions::LowLevel::Sipp
                                 ? sipp_.search(query, path_, &stop)
                                 : astar_.search(query, path_, &stop);
  return found.status == SearchStatus::Found;
}

bool Lns::round(const StopCondition& stop) {
  members_.clear();
  if (options_.neighbourhood > 0) {
    size_ = options_.neighbourhood;
  } else {
    double total = 0;
    for (double w : size_weights_) total += w;
    double x = rng_.unit() * total;
    size_choice_ = kSizes - 1;
    for (int k = 0; k < kSizes; ++k) {
      if (x < size_weights_[static_cast<std::size_t>(k)]) {
        size_choice_ = k;
        break;
      }
      x -= size_weights_[static_cast<std::size_t>(k)];
    }
    size_ = 2 << size_choice_;
  }
  const Strategy strategy = pick_strategy();
  choose(strategy);
  if (members_.empty()) return false;
  for (std::size_t k = members_.size(); k > 1; --k)  // replanning order: random
    std::swap(members_[k - 1], members_[rng_.below(static_cast<std::uint32_t>(k))]);

  const bool shared = options_.low_level != LnsOptions::LowLevel::Intervals;
  std::int64_t old_cost = 0;
  for (std::size_t k = 0; k < members_.size(); ++k) {
    const RobotId r = members_[k];
    old_cost += length(r);
    old_paths_[k] = occupancy_.take(r);
    if (shared) reserved_.remove_path(*motion_, old_paths_[k], 0, true);
  }
  // Each replan may only use what the old paths cost minus what is spent already and what
  // the robots after it need at least: a search that cannot fit is cut short.
  std::int64_t still_needed = 0;
  for (const RobotId r : members_) still_needed += shortest_[static_cast<std::size_t>(r)];
  std::int64_t new_cost = 0;
  std::size_t planned = 0;
  bool ok = true;
  for (const RobotId r : members_) {
    still_needed -= shortest_[static_cast<std::size_t>(r)];
    ++replans_;
    if (!replan(r, old_cost - new_cost - still_needed, stop)) {
      ++failed_replans_;
      ok = false;
      break;
    }
    new_cost += static_cast<std::int64_t>(path_.size()) - 1;
    if (new_cost > old_cost) {  // already worse: the rest can only add
      ok = false;
      break;
    }
    if (shared) reserved_.add_path(*motion_, path_, 0, true);
    occupancy_.place(r, std::vector<State>(path_));
    ++planned;
  }
  for (std::size_t k = 0; k < members_.size(); ++k) {
    const RobotId r = members_[k];
    if (!ok) {
      if (k < planned) {
        const std::vector<State> dropped = occupancy_.take(r);
        if (shared) reserved_.remove_path(*motion_, dropped, 0, true);
      }
      if (shared) reserved_.add_path(*motion_, old_paths_[k], 0, true);
      occupancy_.place(r, std::move(old_paths_[k]));
    }
    member_[static_cast<std::size_t>(r)] = 0;
  }
  const double reward =
      ok ? static_cast<double>(old_cost - new_cost) / static_cast<double>(members_.size()) : 0.0;
  double& w = weights_[static_cast<std::size_t>(strategy)];
  w = std::max(kMinWeight, (1.0 - kReaction) * w + kReaction * reward);
  if (options_.neighbourhood <= 0) {
    double& ws = size_weights_[static_cast<std::size_t>(size_choice_)];
    ws = std::max(kMinWeight, (1.0 - kReaction) * ws + kReaction * reward);
  }
  if (ok) cost_ += new_cost - old_cost;
  return ok;
}

LnsOutcome Lns::improve(const Plan& plan, const StopCondition& stop) {
  LnsOutcome outcome;
  load(plan);
  outcome.initial_cost = cost_;
  std::int64_t lower_bound = 0;
  for (std::int32_t d : shortest_) lower_bound += d;
  if (instance_->size() > 0) {
    while (cost_ > lower_bound && !stop.should_stop() &&
           (options_.max_rounds < 0 || outcome.rounds < options_.max_rounds)) {
      const std::int64_t before = cost_;
      if (round(stop)) {
        ++outcome.accepted;
        if (cost_ < before) ++outcome.improved;
      }
      ++outcome.rounds;
    }
  }
  outcome.cost = cost_;
  outcome.replans = replans_;
  outcome.failed_replans = failed_replans_;
  outcome.expanded = intervals_.expanded();
  outcome.plan = assemble();
  return outcome;
}

}  // namespace fleet::planner::scalable
