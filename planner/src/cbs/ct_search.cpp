// Set-up, node selection (the three strategies) and the main loop of the constraint-tree
// search. Selection lists are binary heaps of node ids with lazy deletion: a node leaves
// every list the moment it is expanded (its `closed` flag), and stale entries are skipped
// when they surface.
#include "cbs/ct_search.hpp"

#include <algorithm>
#include <cmath>

namespace fleet::planner::cbs {

ConstraintTreeSearch::ConstraintTreeSearch(CbsOptions options) : options_(options) {
  options_.weight = std::max(1.0, options_.weight);
  if (options_.strategy != Strategy::Optimal) options_.heuristic = Heuristic::None;
}

ConstraintTreeSearch::~ConstraintTreeSearch() = default;

void ConstraintTreeSearch::reset(const Instance& instance,
                                 std::span<const Constraint> root_constraints) {
  instance_ = &instance;
  n_ = static_cast<RobotId>(instance.size());
  one_shot_ = instance.horizon <= 0;
  if (!ws_ || !ws_->fits(instance)) ws_ = std::make_unique<Workspace>(instance);
  ws_->hard.clear();
  ws_->cat.clear();
  nodes_.clear();
  conflicts_.clear();
  states_.clear();
  constraints_.assign(root_constraints.begin(), root_constraints.end());
  changes_.clear();
  paths_.clear();
  current_.assign(static_cast<std::size_t>(n_), -1);
  cat_path_.assign(static_cast<std::size_t>(n_), -1);
  seen_.assign(static_cast<std::size_t>(n_), 0);
  seen_stamp_ = 0;
  synced_ = -1;
  cleanup_.clear();
  open_.clear();
  pending_.clear();
  focal_.clear();
  threshold_ = 0.0;
  error_h_sum_ = 0.0;
  error_d_sum_ = 0.0;
  error_count_ = 0;
  mdd_index_.clear();
  mdd_list_.clear();
  mdd_store_.clear();
  pair_weights_.clear();
  counters_ = {};
}

Outcome ConstraintTreeSearch::plan_root(const StopCondition& stop) {
  Node root;
  root.cons_begin = 0;
  root.cons_count = static_cast<std::int32_t>(constraints_.size());
  root.change_begin = 0;
  root.change_count = n_;
  nodes_.push_back(std::move(root));
  // Robots are planned in order, each around the earlier ones' paths as soft obstacles.
  for (RobotId r = 0; r < n_; ++r) {
    if (stop.should_stop()) return Outcome::Timeout;
    bool stopped = false;
    const std::int32_t path = plan_path(0, r, stop, stopped);
    if (stopped) return Outcome::Timeout;
    if (path < 0) return Outcome::Infeasible;
    changes_.push_back({r, path});
    current_[static_cast<std::size_t>(r)] = path;
    if (options_.conflict_avoidance || options_.strategy != Strategy::Optimal)
      set_cat_path(r, path);
  }
  synced_ = 0;
  Node& node = nodes_[0];
  for (RobotId r = 0; r < n_; ++r) {
    const PathRecord& p = paths_[static_cast<std::size_t>(current_[static_cast<std::size_t>(r)])];
    node.cost += p.cost;
    node.lb += p.lb;
  }
  node.f = node.lb;
  node.conf_begin = 0;
  all_conflicts(conflicts_.items);
  node.conf_count = static_cast<std::int32_t>(conflicts_.items.size());
  node.pairs = count_pairs(conflicts(0));
  estimate(node);
  ++counters_.generated;
  return Outcome::Solved;
}

bool ConstraintTreeSearch::after(Order order, std::int32_t a, std::int32_t b) const {
  // std heaps keep the greatest on top, so this says "a comes after b".
  const Node& x = nodes_[static_cast<std::size_t>(a)];
  const Node& y = nodes_[static_cast<std::size_t>(b)];
  switch (order) {
    case Order::Cleanup:
      if (x.f != y.f) return x.f > y.f;
      if (x.pairs != y.pairs) return x.pairs > y.pairs;
      break;
    case Order::Open:
      if (x.f_hat != y.f_hat) return x.f_hat > y.f_hat;
      if (x.pairs != y.pairs) return x.pairs > y.pairs;
      break;
    case Order::Focal:
      if (x.d_hat != y.d_hat) return x.d_hat > y.d_hat;
      if (x.f_hat != y.f_hat) return x.f_hat > y.f_hat;
      break;
  }
  return a < b;  // among equals the newer (deeper) node first
}

void ConstraintTreeSearch::heap_push(std::vector<std::int32_t>& heap, Order order,
                                     std::int32_t id) {
  heap.push_back(id);
  std::push_heap(heap.begin(), heap.end(),
                 [this, order](std::int32_t a, std::int32_t b) { return after(order, a, b); });
}

std::int32_t ConstraintTreeSearch::heap_pop(std::vector<std::int32_t>& heap, Order order) {
  std::pop_heap(heap.begin(), heap.end(),
                [this, order](std::int32_t a, std::int32_t b) { return after(order, a, b); });
  const std::int32_t id = heap.back();
  heap.pop_back();
  return id;
}

std::int32_t ConstraintTreeSearch::heap_top(std::vector<std::int32_t>& heap, Order order) {
  while (!heap.empty() && nodes_[static_cast<std::size_t>(heap.front())].closed)
    heap_pop(heap, order);
  return heap.empty() ? -1 : heap.front();
}

void ConstraintTreeSearch::push(std::int32_t id) {
  heap_push(cleanup_, Order::Cleanup, id);
  if (options_.strategy == Strategy::Optimal) return;
  heap_push(open_, Order::Open, id);
  if (nodes_[static_cast<std::size_t>(id)].f_hat <= threshold_)
    heap_push(focal_, Order::Focal, id);
  else
    heap_push(pending_, Order::Open, id);
}

std::int64_t ConstraintTreeSearch::lowest_f() {
  const std::int32_t top = heap_top(cleanup_, Order::Cleanup);
  return top < 0 ? -1 : nodes_[static_cast<std::size_t>(top)].f;
}

void ConstraintTreeSearch::refresh_focal() {
  double base = 0.0;
  if (options_.strategy == Strategy::Focal) {
    const std::int64_t f = lowest_f();
    if (f < 0) return;
    base = static_cast<double>(f);
  } else {
    const std::int32_t top = heap_top(open_, Order::Open);
    if (top < 0) return;
    base = nodes_[static_cast<std::size_t>(top)].f_hat;
  }
  // The threshold never falls: nodes once admitted stay, and the lower-bound test in
  // select() keeps the suboptimality bound whatever focal holds.
  const double bound = options_.weight * base + 1e-9;
  if (bound <= threshold_) return;
  threshold_ = bound;
  while (true) {
    const std::int32_t top = heap_top(pending_, Order::Open);
    if (top < 0 || nodes_[static_cast<std::size_t>(top)].f_hat > threshold_) break;
    heap_pop(pending_, Order::Open);
    heap_push(focal_, Order::Focal, top);
  }
}

std::int32_t ConstraintTreeSearch::select() {
  const auto take = [&](std::vector<std::int32_t>& heap, Order order) {
    const std::int32_t id = heap_pop(heap, order);
    nodes_[static_cast<std::size_t>(id)].closed = true;
    return id;
  };
  const std::int64_t f_min = lowest_f();
  if (f_min < 0) return -1;
  if (options_.strategy == Strategy::Optimal) return take(cleanup_, Order::Cleanup);

  refresh_focal();
  const double bound = options_.weight * static_cast<double>(f_min) + 1e-9;
  // Explicit estimation search's rule: the best node by distance-to-go when its cost is
  // within the bound, else the best by estimated cost, else the best by lower bound.
  const std::int32_t best_d = heap_top(focal_, Order::Focal);
  if (best_d >= 0 && static_cast<double>(nodes_[static_cast<std::size_t>(best_d)].cost) <= bound)
    return take(focal_, Order::Focal);
  if (options_.strategy == Strategy::Explicit) {
    const std::int32_t best_f = heap_top(open_, Order::Open);
    if (best_f >= 0 && static_cast<double>(nodes_[static_cast<std::size_t>(best_f)].cost) <= bound)
      return take(open_, Order::Open);
  }
  return take(cleanup_, Order::Cleanup);
}

void ConstraintTreeSearch::finish(CbsResult& result, std::int32_t id) {
  sync(id);
  result.outcome = Outcome::Solved;
  result.cost = nodes_[static_cast<std::size_t>(id)].cost;
  const std::int64_t rest = lowest_f();
  const std::int64_t own = nodes_[static_cast<std::size_t>(id)].f;
  result.lower_bound = rest < 0 ? own : std::min(own, rest);
  if (!keep_paths_) return;
  result.paths.resize(static_cast<std::size_t>(n_));
  for (RobotId r = 0; r < n_; ++r) {
    const std::span<const State> path = states(current_[static_cast<std::size_t>(r)]);
    result.paths[static_cast<std::size_t>(r)].assign(path.begin(), path.end());
  }
}

CbsResult ConstraintTreeSearch::run(const Instance& instance, const StopCondition& stop,
                                    std::span<const Constraint> root_constraints) {
  reset(instance, root_constraints);
  CbsResult result;
  const auto done = [&](Outcome outcome) {
    result.outcome = outcome;
    if (outcome != Outcome::Solved) {
      const std::int64_t f = lowest_f();
      result.lower_bound = std::max<std::int64_t>(f, 0);
    }
    result.counters = counters_;
    return result;
  };
  if (n_ == 0) {
    result.outcome = Outcome::Solved;
    return result;
  }
  const Outcome root = plan_root(stop);
  if (root != Outcome::Solved) return done(root);
  push(0);

  const bool heuristic = options_.strategy == Strategy::Optimal &&
                         options_.heuristic != Heuristic::None && one_shot_;
  while (true) {
    if (stop.should_stop()) return done(Outcome::Timeout);
    if (options_.node_limit >= 0 && counters_.expanded >= options_.node_limit)
      return done(Outcome::NodeLimit);
    // Closed nodes are never selected again: their conflicts are garbage.
    conflicts_.compact(nodes_, [](const Node& node) { return !node.closed; });
    const std::int32_t id = select();
    if (id < 0) return done(Outcome::Infeasible);
    if (nodes_[static_cast<std::size_t>(id)].conf_count == 0) {
      finish(result, id);
      return done(Outcome::Solved);
    }
    sync(id);
    if (heuristic && !nodes_[static_cast<std::size_t>(id)].h_done) {
      if (!classify(id, stop)) return done(Outcome::Timeout);
      const std::int64_t before = nodes_[static_cast<std::size_t>(id)].f;
      if (!compute_h(id, stop)) return done(Outcome::Timeout);
      if (nodes_[static_cast<std::size_t>(id)].f > before) {
        ++counters_.h_recomputed;
        nodes_[static_cast<std::size_t>(id)].closed = false;
        push(id);
        continue;
      }
    }
    ++counters_.expanded;
    while (true) {
      if (!classify(id, stop)) return done(Outcome::Timeout);
      const Expansion e = expand(id, stop);
      if (e == Expansion::Stopped) return done(Outcome::Timeout);
      if (e == Expansion::Done) break;
      if (nodes_[static_cast<std::size_t>(id)].conf_count == 0) {  // bypassed to a solution
        finish(result, id);
        return done(Outcome::Solved);
      }
      if (stop.should_stop()) return done(Outcome::Timeout);
    }
  }
}

}  // namespace fleet::planner::cbs
