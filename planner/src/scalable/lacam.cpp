#include "scalable/lacam.hpp"

#include "scalable/priorities.hpp"

#include <algorithm>
#include <functional>

namespace fleet::planner::scalable {

LacamSearch::LacamSearch(const Instance& instance, LacamOptions options, std::uint64_t seed)
    : instance_(&instance),
      options_(options),
      robots_(instance.size()),
      rng_(seed ^ 0xA0761D6478BD642FULL),
      lazy_(options.lazy_distances ? std::make_unique<LazyDistances>(instance) : nullptr),
      pibt_(instance, options.pibt, seed, lazy_.get()),
      configs_(robots_),
      priorities_(robots_),
      orders_(robots_),
      scratch_(robots_) {
  low_nodes_.push_back({-1, -1, kNoState, 0});  // the root every node starts from
}

std::int64_t LacamSearch::edge_cost(const State* from, const State* to) const {
  const Motion& motion = instance_->motion;
  std::int64_t cost = 0;
  for (std::size_t r = 0; r < robots_; ++r) {
    const Cell goal = instance_->goals[r];
    cost += static_cast<std::int64_t>(motion.cell(from[r]) != goal || motion.cell(to[r]) != goal);
  }
  return cost;
}

LacamSearch::Node* LacamSearch::make_node(std::span<const State> config, Node* parent,
                                          std::span<const std::uint32_t> to_go) {
  Node& node = nodes_.emplace_back();
  State* stored = configs_.allocate();
  std::copy(config.begin(), config.end(), stored);
  node.config = stored;
  node.hash = hash_config(config);
  float* priority = priorities_.allocate();
  RobotId* order = orders_.allocate();
  const std::span<float> p(priority, robots_);
  if (parent == nullptr) {
    std::vector<std::uint32_t> start_to_go(robots_);
    for (std::size_t r = 0; r < robots_; ++r)
      start_to_go[r] = distance(static_cast<RobotId>(r), config[r]);
    const std::vector<float> initial = initial_priorities(start_to_go);
    std::copy(initial.begin(), initial.end(), priority);
    order_by_priority(p, order_scratch_);
    std::copy(order_scratch_.begin(), order_scratch_.end(), order);
  } else {
    std::copy(parent->priority, parent->priority + robots_, priority);
    update_priorities(*instance_, config, p);
    advance_order(*instance_, {parent->config, robots_}, config, p, {parent->order, robots_},
                  {order, robots_}, order_scratch_);
  }
  node.priority = priority;
  node.order = order;
  const Motion& motion = instance_->motion;
  bool goal = true;
  for (std::size_t r = 0; r < robots_; ++r) {
    node.h += to_go.empty() ? distance(static_cast<RobotId>(r), config[r]) : to_go[r];
    goal = goal && motion.cell(config[r]) == instance_->goals[r];
  }
  node.goal = goal;
  node.parent = parent;
  node.low.push_back(0);
  if (parent != nullptr) {
    const std::int64_t cost = edge_cost(parent->config, stored);
    node.g = parent->g + cost;
    parent->edges.emplace_back(&node, static_cast<std::int32_t>(cost));
  }
  table_.insert(&node);
  return &node;
}

void LacamSearch::expand_low(Node& node, std::int32_t low) {
  const LowNode at = low_nodes_[static_cast<std::size_t>(low)];
  if (static_cast<std::size_t>(at.depth) >= robots_) return;
  // Constrain the next robot in priority order to each of its successors, in random order.
  const RobotId r = node.order[at.depth];
  Motion::Neighbours next{};
  const int n = instance_->motion.successors(node.config[r], next);
  for (int k = n - 1; k > 0; --k) std::swap(next[k], next[rng_.below(static_cast<std::uint32_t>(k + 1))]);
  for (int k = 0; k < n; ++k) {
    node.low.push_back(static_cast<std::int32_t>(low_nodes_.size()));
    low_nodes_.push_back({low, r, next[k], at.depth + 1});
  }
}

void LacamSearch::collect_constraints(std::int32_t low) {
  constraints_.clear();
  for (; low > 0; low = low_nodes_[static_cast<std::size_t>(low)].parent) {
    const LowNode& at = low_nodes_[static_cast<std::size_t>(low)];
    constraints_.push_back({at.robot, at.state});
  }
}

void LacamSearch::connect(Node* from, Node* to) {
  const std::int64_t cost = edge_cost(from->config, to->config);
  from->edges.emplace_back(to, static_cast<std::int32_t>(cost));
  if (from->g + cost >= to->g) return;
  // A cheaper way into `to`: push the improvement through everything reachable from it.
  heap_.clear();
  heap_.emplace_back(from->g, from);
  const auto later = std::greater<>();
  while (!heap_.empty()) {
    std::pop_heap(heap_.begin(), heap_.end(), later);
    const auto [g, node] = heap_.back();
    heap_.pop_back();
    if (g != node->g) continue;  // stale entry
    for (const auto& [next, c] : node->edges) {
      if (node->g + c >= next->g) continue;
      next->g = node->g + c;
      next->parent = node;
      heap_.emplace_back(next->g, next);
      std::push_heap(heap_.begin(), heap_.end(), later);
      if (next->goal && (goal_ == nullptr || next->g < goal_->g)) goal_ = next;
    }
  }
}

Plan LacamSearch::extract(const Node* goal) const {
  Plan plan;
  for (const Node* n = goal; n != nullptr; n = n->parent)
    plan.emplace_back(n->config, n->config + robots_);
  std::reverse(plan.begin(), plan.end());
  return plan;
}

std::size_t LacamSearch::memory_bytes() const {
  return configs_.bytes() + priorities_.bytes() + orders_.bytes() +
         low_nodes_.capacity() * sizeof(LowNode) + nodes_.size() * sizeof(Node) +
         table_.bytes() + open_.capacity() * sizeof(Node*);
}

std::uint32_t LacamSearch::distance(RobotId r, State s) {
  return lazy_ != nullptr ? lazy_->get(r, s) : instance_->distances->distance(s, instance_->goals[r]);
}

std::int64_t LacamSearch::prepare() {
  if (lower_bound_ >= 0) return lower_bound_;
  if (lazy_ != nullptr) {
    lazy_->prepare(instance_->starts);
  } else {
    instance_->distances->prepare(instance_->goals);
  }
  lower_bound_ = 0;
  for (std::size_t r = 0; r < robots_; ++r)
    lower_bound_ += distance(static_cast<RobotId>(r), instance_->starts[r]);
  return lower_bound_;
}

LacamOutcome LacamSearch::run(const StopCondition& stop) {
  prepare();
  using Clock = std::chrono::steady_clock;
  const auto started = Clock::now();
  LacamOutcome outcome;
  auto found = [&](Node* node) {
    if (goal_ == nullptr || node->g < goal_->g) goal_ = node;
    if (outcome.first_solution_s < 0) {
      outcome.first_solution_s = std::chrono::duration<double>(Clock::now() - started).count();
      outcome.first_cost = node->g;
      outcome.first_soc = sum_of_costs(*instance_, extract(node));
    }
  };
  Node* start = make_node(instance_->starts, nullptr, {});
  open_.push_back(start);
  if (start->goal) found(start);
  bool out_of_memory = false;
  while (!open_.empty()) {
    if (goal_ != nullptr && !options_.anytime) break;
    if (stop.should_stop()) break;
    if ((outcome.iterations & 255) == 0 && memory_bytes() > options_.memory_limit_bytes) {
      out_of_memory = true;
      break;
    }
    ++outcome.iterations;
    Node* node = open_.back();
    if (goal_ != nullptr && node->g + node->h >= goal_->g) {  // cannot lead anywhere cheaper
      open_.pop_back();
      continue;
    }
    if (node->next_low == node->low.size()) {
      open_.pop_back();
      continue;
    }
    const std::int32_t low = node->low[node->next_low++];
    expand_low(*node, low);
    collect_constraints(low);
    ++outcome.generator_calls;
    if (!pibt_.step({node->config, robots_}, {node->order, robots_}, constraints_, scratch_))
      continue;
    const std::uint64_t hash = hash_config(scratch_);
    if (Node* known = table_.find(scratch_, hash); known != nullptr) {
      if (known != node) {
        connect(node, known);
        open_.push_back(known);  // continue from there (LaCAM*'s re-insertion)
      }
      if (rng_.unit() < options_.restart_probability) open_.push_back(start);
      continue;
    }
    Node* child = make_node(scratch_, node, pibt_.to_go());
    open_.push_back(child);
    if (child->goal) found(child);
  }
  outcome.exhausted = open_.empty() && !out_of_memory;
  outcome.nodes = static_cast<std::int64_t>(nodes_.size());
  outcome.memory_bytes = memory_bytes();
  outcome.distance_bytes = lazy_ != nullptr ? lazy_->memory_bytes() : 0;
  if (goal_ != nullptr) {
    outcome.status = Status::Solved;
    outcome.plan = extract(goal_);
    outcome.cost = goal_->g;
  } else {
    outcome.status = outcome.exhausted ? Status::Infeasible : Status::Timeout;
  }
  return outcome;
}

}  // namespace fleet::planner::scalable
