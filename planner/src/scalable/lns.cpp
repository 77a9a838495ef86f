#include "scalable/lns.hpp"

#include "scalable/windowed_cost.hpp"

#include <tbb/info.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <limits>
#include <span>
#include <stdexcept>
#include <string>

namespace fleet::planner::scalable {
namespace {
constexpr double kReaction = 0.1;    // how fast strategy weights follow recent rewards
constexpr double kMinWeight = 0.02;  // every strategy keeps being tried now and then

int draw(SplitMix64& rng, const double* weights, int count) {
  double total = 0;
  for (int k = 0; k < count; ++k) total += weights[k];
  double x = rng.unit() * total;
  for (int k = 0; k < count; ++k) {
    if (x < weights[k]) return k;
    x -= weights[k];
  }
  return count - 1;
}
}  // namespace

Lns::Lns(const Instance& instance, LnsOptions options, std::uint64_t seed, LazyDistances* lazy,
         const DistanceTable* heuristic)
    : instance_(&instance),
      motion_(&instance.motion),
      options_(options),
      rng_(seed ^ 0xE7037ED1A0B428DBULL),
      distances_(instance, lazy, heuristic),
      guided_(heuristic != nullptr),
      occupancy_(instance.motion, instance.size()),
      table_(heuristic != nullptr ? heuristic : instance.distances.get()),
      reserved_(instance.map()),
      member_(instance.size(), 0),
      seen_cell_(static_cast<std::size_t>(instance.map().size()), 0) {
  // The interval search plans to a final rest on the goal; windows end at a fixed tick.
  options_.window = std::max(options_.window, 0);
  if (options_.window > 0) options_.low_level = LnsOptions::LowLevel::AStar;
  options_.threads = std::max(options_.threads, 1);
  // Workers read distances concurrently: grow every table to the end first.
  if (options_.threads > 1 && lazy != nullptr && heuristic == nullptr) lazy->complete();
}

std::int64_t Lns::path_cost(RobotId r, const std::vector<State>& path) const {
  if (options_.window == 0) return static_cast<std::int64_t>(path.size()) - 1;
  return windowed_cost(*motion_, std::span<const State>(path),
                       instance_->goals[static_cast<std::size_t>(r)],
                       [&](State s) { return distances_(r, s); });
}

void Lns::reserve(ReservationTable& table, const std::vector<State>& path, int count) const {
  if (options_.low_level == LnsOptions::LowLevel::Intervals) return;
  const bool windowed = options_.window > 0;
  const int until = windowed ? options_.window : ReservationTable::kNever;
  if (count > 0)
    table.add_path(*motion_, path, 0, !windowed, until);
  else
    table.remove_path(*motion_, path, 0, !windowed, until);
}

void Lns::load(const Plan& plan) {
  const std::size_t n = instance_->size();
  const bool windowed = options_.window > 0;
  if (windowed && plan.size() != static_cast<std::size_t>(options_.window) + 1)
    throw std::invalid_argument("windowed LNS: the plan has " + std::to_string(plan.size()) +
                                " configurations, the window needs " +
                                std::to_string(options_.window + 1));
  shortest_.assign(n, 0);
  robot_cost_.assign(n, 0);
  reserved_.clear();
  cost_ = 0;
  for (std::size_t r = 0; r < n; ++r) {
    const auto robot = static_cast<RobotId>(r);
    // One-shot paths end on arrival (the robot parks); windows keep every tick.
    const int last = windowed ? options_.window : robot_cost(*instance_, plan, robot);
    std::vector<State> path(static_cast<std::size_t>(last) + 1);
    for (int t = 0; t <= last; ++t)
      path[static_cast<std::size_t>(t)] = plan[static_cast<std::size_t>(t)][r];
    robot_cost_[r] = path_cost(robot, path);
    cost_ += robot_cost_[r];
    reserve(reserved_, path, 1);
    occupancy_.place(robot, std::move(path));
    shortest_[r] = static_cast<std::int32_t>(distances_(robot, instance_->starts[r]));
  }
  replicas_.clear();
  reserved_replicas_.clear();
  workers_.clear();
  workers_.reserve(static_cast<std::size_t>(options_.threads));
  workers_.emplace_back(*motion_, distances_, *table_, occupancy_, reserved_);
  const bool reserving = options_.low_level != LnsOptions::LowLevel::Intervals;
  for (int w = 1; w < options_.threads; ++w) {
    replicas_.push_back(std::make_unique<Occupancy>(occupancy_));
    reserved_replicas_.push_back(reserving ? std::make_unique<ReservationTable>(reserved_)
                                           : std::make_unique<ReservationTable>(instance_->map()));
    workers_.emplace_back(*motion_, distances_, *table_, *replicas_.back(),
                          *reserved_replicas_.back());
  }
  batch_.resize(static_cast<std::size_t>(options_.threads));
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
  return static_cast<Strategy>(draw(rng_, weights_.data(), kStrategies));
}

void Lns::add_member(RobotId r) {
  const auto i = static_cast<std::size_t>(r);
  if (member_[i] != 0 || (!kept_.empty() && kept_[i] != 0) ||
      members_.size() >= static_cast<std::size_t>(size_))
    return;
  member_[i] = 1;
  members_.push_back(r);
}

void Lns::select(Proposal& proposal) {
  proposal.size_choice =
      options_.neighbourhood > 0 ? 0 : draw(rng_, size_weights_.data(), kSizes);
  size_ = options_.neighbourhood > 0 ? options_.neighbourhood : 2 << proposal.size_choice;
  proposal.strategy = pick_strategy();
  members_.clear();
  choose(proposal.strategy);
  for (std::size_t k = members_.size(); k > 1; --k)  // replanning order: random
    std::swap(members_[k - 1], members_[rng_.below(static_cast<std::uint32_t>(k))]);
  proposal.members = members_;
}

bool Lns::replan(Worker& worker, RobotId r, std::int64_t max_cost, const StopCondition& stop) {
  const State start = instance_->starts[static_cast<std::size_t>(r)];
  const Cell goal = instance_->goals[static_cast<std::size_t>(r)];
  if (options_.low_level == LnsOptions::LowLevel::Intervals) {
    const auto bound = static_cast<std::int32_t>(
        std::min<std::int64_t>(max_cost, std::numeric_limits<std::int32_t>::max() - 1));
    return worker.search.search(r, start, goal, bound, options_.max_expansions, worker.path);
  }
  SearchQuery query;
  query.start = start;
  query.goal = goal;
  query.hard = worker.reserved;
  query.horizon = options_.window;
  const SearchResult found = options_.low_level == LnsOptions::LowLevel::Sipp
                                 ? worker.sipp.search(query, worker.path, &stop)
                                 : worker.astar.search(query, worker.path, &stop);
  return found.status == SearchStatus::Found;
}

void Lns::propose(Worker& worker, Occupancy& replica, Proposal& proposal,
                  const StopCondition& stop) {
  // Replan the members one by one on the replica, then put the replica back as it was.
  const auto& members = proposal.members;
  std::vector<std::vector<State>> old(members.size());
  proposal.old_cost = 0;
  for (std::size_t k = 0; k < members.size(); ++k) {
    old[k] = replica.take(members[k]);
    proposal.old_cost += robot_cost_[static_cast<std::size_t>(members[k])];
    reserve(*worker.reserved, old[k], -1);
  }
  // Each replan may only use what the old paths cost minus what is spent already and what
  // the robots after it need at least: a search that cannot fit is cut short.
  std::int64_t still_needed = 0;
  for (const RobotId r : members) still_needed += shortest_[static_cast<std::size_t>(r)];
  proposal.paths.resize(members.size());
  proposal.costs.resize(members.size());
  proposal.new_cost = 0;
  proposal.ok = true;
  std::size_t planned = 0;
  for (const RobotId r : members) {
    still_needed -= shortest_[static_cast<std::size_t>(r)];
    ++worker.replans;
    if (!replan(worker, r, proposal.old_cost - proposal.new_cost - still_needed, stop)) {
      ++worker.failed;
      proposal.ok = false;
      break;
    }
    const std::int64_t cost = path_cost(r, worker.path);
    proposal.new_cost += cost;
    if (proposal.new_cost > proposal.old_cost) {  // already worse: the rest can only add
      proposal.ok = false;
      break;
    }
    reserve(*worker.reserved, worker.path, 1);
    proposal.costs[planned] = cost;
    proposal.paths[planned] = worker.path;
    replica.place(r, std::move(worker.path));
    ++planned;
  }
  for (std::size_t k = 0; k < members.size(); ++k) {
    if (k < planned) {
      const std::vector<State> mine = replica.take(members[k]);
      reserve(*worker.reserved, mine, -1);
    }
    reserve(*worker.reserved, old[k], 1);
    replica.place(members[k], std::move(old[k]));
  }
}

bool Lns::fits(const std::vector<State>& path) const {
  // Against the master: vertex conflicts (parked robots included), swaps, and anyone on the
  // goal after this robot parks there.
  for (std::size_t t = 0; t < path.size(); ++t) {
    const Cell c = motion_->cell(path[t]);
    for (const Occupancy::Visit& v : occupancy_.visits(c)) {
      const bool last = t + 1 == path.size();
      if (last ? v.to >= static_cast<std::int32_t>(t)
               : v.from <= static_cast<std::int32_t>(t) && static_cast<std::int32_t>(t) <= v.to)
        return false;
    }
    if (t + 1 < path.size() && motion_->cell(path[t + 1]) != c &&
        occupancy_.swap_at(c, motion_->cell(path[t + 1]), static_cast<int>(t)))
      return false;
  }
  return true;
}

bool Lns::commit(Proposal& proposal, bool check) {
  const auto& members = proposal.members;
  std::vector<std::vector<State>> old(members.size());
  for (std::size_t k = 0; k < members.size(); ++k) old[k] = occupancy_.take(members[k]);
  std::size_t placed = 0;
  for (; placed < members.size(); ++placed) {
    if (check && !fits(proposal.paths[placed])) break;
    occupancy_.place(members[placed], std::vector<State>(proposal.paths[placed]));
  }
  if (placed < members.size()) {  // a conflict with a neighbourhood committed before
    for (std::size_t k = 0; k < members.size(); ++k) {
      if (k < placed) (void)occupancy_.take(members[k]);
      occupancy_.place(members[k], std::move(old[k]));
    }
    return false;
  }
  for (auto& replica : replicas_) {
    for (std::size_t k = 0; k < members.size(); ++k) {
      (void)replica->take(members[k]);
      replica->place(members[k], std::vector<State>(proposal.paths[k]));
    }
  }
  for (std::size_t k = 0; k < members.size(); ++k) {
    reserve(reserved_, old[k], -1);
    reserve(reserved_, proposal.paths[k], 1);
    for (auto& replica : reserved_replicas_) {
      reserve(*replica, old[k], -1);
      reserve(*replica, proposal.paths[k], 1);
    }
    robot_cost_[static_cast<std::size_t>(members[k])] = proposal.costs[k];
  }
  cost_ += proposal.new_cost - proposal.old_cost;
  return true;
}

void Lns::learn(const Proposal& proposal, bool kept) {
  const double reward = kept ? static_cast<double>(proposal.old_cost - proposal.new_cost) /
                                   static_cast<double>(proposal.members.size())
                             : 0.0;
  double& w = weights_[static_cast<std::size_t>(proposal.strategy)];
  w = std::max(kMinWeight, (1.0 - kReaction) * w + kReaction * reward);
  if (options_.neighbourhood <= 0) {
    double& ws = size_weights_[static_cast<std::size_t>(proposal.size_choice)];
    ws = std::max(kMinWeight, (1.0 - kReaction) * ws + kReaction * reward);
  }
}

LnsOutcome Lns::improve(const Plan& plan, const StopCondition& stop) {
  LnsOutcome outcome;
  load(plan);
  outcome.initial_cost = cost_;
  // The sum of distances from the starts bounds the cost from below only when distances are
  // ticks: on a guidance graph a window can end nearer (by guided cost) than a move per tick.
  std::int64_t lower_bound = guided_ ? std::numeric_limits<std::int64_t>::min() : 0;
  if (!guided_)
    for (std::int32_t d : shortest_) lower_bound += d;
  const auto threads = static_cast<std::size_t>(options_.threads);
  // The batch size (and so the result) follows the thread count asked for; the arena only
  // decides how many of them really run at once.
  tbb::task_arena arena(std::min(options_.threads, tbb::info::default_concurrency()));
  std::int64_t since_improved = 0;
  while (instance_->size() > 0 && cost_ > lower_bound && !stop.should_stop() &&
         (options_.max_rounds < 0 || outcome.rounds < options_.max_rounds) &&
         (options_.patience < 0 || since_improved < options_.patience)) {
    // A batch: disjoint neighbourhoods chosen on the same snapshot (robots stay marked until
    // the batch ends), replanned in parallel, committed in order.
    std::size_t size = threads;
    if (options_.max_rounds >= 0)
      size = std::min<std::size_t>(size, static_cast<std::size_t>(options_.max_rounds - outcome.rounds));
    for (std::size_t w = 0; w < size; ++w) select(batch_[w]);
    for (std::size_t w = 0; w < size; ++w) {
      for (RobotId r : batch_[w].members) member_[static_cast<std::size_t>(r)] = 0;
    }
    auto work = [&](std::size_t w) {
      Occupancy& replica = w == 0 ? occupancy_ : *replicas_[w - 1];
      if (!batch_[w].members.empty()) propose(workers_[w], replica, batch_[w], stop);
    };
    if (size == 1) {
      work(0);
    } else {
      arena.execute([&] { tbb::parallel_for(std::size_t{0}, size, work); });
    }
    bool committed = false;
    for (std::size_t w = 0; w < size; ++w) {
      Proposal& p = batch_[w];
      const bool kept = p.ok && !p.members.empty() && commit(p, committed);
      committed = committed || kept;
      learn(p, kept);
      outcome.accepted += kept ? 1 : 0;
      const bool lowered = kept && p.new_cost < p.old_cost;
      outcome.improved += lowered ? 1 : 0;
      since_improved = lowered ? 0 : since_improved + 1;
      ++outcome.rounds;
    }
  }
  outcome.cost = cost_;
  for (const Worker& w : workers_) {
    outcome.replans += w.replans;
    outcome.failed_replans += w.failed;
    outcome.expanded += w.search.expanded();
  }
  outcome.plan = assemble();
  return outcome;
}

}  // namespace fleet::planner::scalable
