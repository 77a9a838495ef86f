// Expanding a constraint-tree node: materialising its paths, the low-level searches of the
// two children, their conflicts (inherited plus those of the new path), bypassing, and the
// online error learning of the Explicit strategy.
#include "cbs/ct_search.hpp"

#include <algorithm>
#include <cmath>

namespace fleet::planner::cbs {

void ConstraintTreeSearch::set_cat_path(RobotId robot, std::int32_t path) {
  const auto r = static_cast<std::size_t>(robot);
  if (cat_path_[r] == path) return;
  const int until = one_shot_ ? ReservationTable::kNever : instance_->horizon;
  const Motion& motion = instance_->motion;
  if (cat_path_[r] >= 0)
    ws_->cat.remove_path(motion, states(cat_path_[r]), 0, one_shot_, until);
  if (path >= 0) ws_->cat.add_path(motion, states(path), 0, one_shot_, until);
  cat_path_[r] = path;
}

void ConstraintTreeSearch::sync(std::int32_t id) {
  if (synced_ == id) return;
  if (++seen_stamp_ == 0) {
    std::fill(seen_.begin(), seen_.end(), 0U);
    seen_stamp_ = 1;
  }
  for (std::int32_t i = id; i >= 0; i = nodes_[static_cast<std::size_t>(i)].parent) {
    const Node& node = nodes_[static_cast<std::size_t>(i)];
    // Newest change first: a bypass appends a second path for a robot.
    for (std::int32_t k = node.change_count - 1; k >= 0; --k) {
      const Change& c = changes_[static_cast<std::size_t>(node.change_begin + k)];
      const auto r = static_cast<std::size_t>(c.robot);
      if (seen_[r] == seen_stamp_) continue;
      seen_[r] = seen_stamp_;
      current_[r] = c.path;
    }
  }
  if (options_.conflict_avoidance || options_.strategy != Strategy::Optimal) {
    for (RobotId r = 0; r < n_; ++r) set_cat_path(r, current_[static_cast<std::size_t>(r)]);
  }
  synced_ = id;
}

int ConstraintTreeSearch::load_constraints(std::int32_t id, RobotId robot,
                                           ReservationTable& table) const {
  table.clear();
  int earliest_end = 0;
  const Grid& grid = instance_->map();
  for (std::int32_t i = id; i >= 0; i = nodes_[static_cast<std::size_t>(i)].parent) {
    const Node& node = nodes_[static_cast<std::size_t>(i)];
    for (std::int32_t k = 0; k < node.cons_count; ++k) {
      const Constraint& c = constraints_[static_cast<std::size_t>(node.cons_begin + k)];
      if (c.robot == robot) apply(c, grid, table, earliest_end);
    }
  }
  return earliest_end;
}

void ConstraintTreeSearch::add_record_box(PathRecord& record) const {
  const Grid& grid = instance_->map();
  const Motion& motion = instance_->motion;
  int min_x = grid.width();
  int min_y = grid.height();
  int max_x = -1;
  int max_y = -1;
  const std::span<const State> path(states_.data() + record.state_begin,
                                    static_cast<std::size_t>(record.length));
  for (const State s : path) {
    const Cell c = motion.cell(s);
    min_x = std::min(min_x, grid.x(c));
    max_x = std::max(max_x, grid.x(c));
    min_y = std::min(min_y, grid.y(c));
    max_y = std::max(max_y, grid.y(c));
  }
  record.min_x = static_cast<std::int16_t>(min_x);
  record.min_y = static_cast<std::int16_t>(min_y);
  record.max_x = static_cast<std::int16_t>(max_x);
  record.max_y = static_cast<std::int16_t>(max_y);
}

std::int32_t ConstraintTreeSearch::plan_path(std::int32_t node, RobotId robot,
                                             const StopCondition& stop, bool& stopped) {
  Workspace& ws = *ws_;
  const auto r = static_cast<std::size_t>(robot);
  SearchQuery query;
  query.start = instance_->starts[r];
  query.goal = instance_->goals[r];
  query.horizon = one_shot_ ? 0 : instance_->horizon;
  query.earliest_end = load_constraints(node, robot, ws.hard);
  query.hard = &ws.hard;
  const bool avoid = options_.conflict_avoidance || options_.strategy != Strategy::Optimal;
  query.soft = avoid ? &ws.cat : nullptr;
  query.focal_weight = options_.strategy == Strategy::Optimal ? 1.0 : options_.weight;
  // The robot's own path must not count as a conflict with itself.
  const std::int32_t own = cat_path_[r];
  if (avoid && own >= 0) set_cat_path(robot, -1);
  const SearchResult found = ws.astar.search(query, ws.path, &stop);
  if (avoid && own >= 0) set_cat_path(robot, own);
  ++counters_.ll_searches;
  counters_.ll_expanded += found.expanded;
  counters_.ll_generated += found.generated;
  if (found.status == SearchStatus::Stopped) {
    stopped = true;
    return -1;
  }
  if (found.status != SearchStatus::Found) return -1;
  PathRecord record;
  record.state_begin = static_cast<std::int64_t>(states_.size());
  record.length = static_cast<std::int32_t>(ws.path.size());
  states_.insert(states_.end(), ws.path.begin(), ws.path.end());
  record.cost = found.cost;
  record.lb = options_.strategy == Strategy::Optimal ? found.cost
                                                     : std::min(found.lower_bound, found.cost);
  record.version = node;
  add_record_box(record);
  paths_.push_back(std::move(record));
  return static_cast<std::int32_t>(paths_.size() - 1);
}

std::span<const State> ConstraintTreeSearch::states(std::int32_t path) const {
  const PathRecord& p = paths_[static_cast<std::size_t>(path)];
  return {states_.data() + p.state_begin, static_cast<std::size_t>(p.length)};
}

PathView ConstraintTreeSearch::view(std::int32_t path) const { return {states(path), one_shot_}; }

std::span<Conflict> ConstraintTreeSearch::conflicts(std::int32_t id) {
  const Node& node = nodes_[static_cast<std::size_t>(id)];
  return {conflicts_.items.data() + node.conf_begin, static_cast<std::size_t>(node.conf_count)};
}

void ConstraintTreeSearch::release_conflicts(std::int32_t id) {
  Node& node = nodes_[static_cast<std::size_t>(id)];
  conflicts_.dead += node.conf_count;
  node.conf_count = 0;
}

void ConstraintTreeSearch::conflicts_of(RobotId robot, std::int32_t path,
                                        std::vector<Conflict>& out) const {
  const PathRecord& p = paths_[static_cast<std::size_t>(path)];
  const bool targets = one_shot_ && options_.target_reasoning;
  for (RobotId b = 0; b < n_; ++b) {
    if (b == robot) continue;
    const std::int32_t other = current_[static_cast<std::size_t>(b)];
    const PathRecord& q = paths_[static_cast<std::size_t>(other)];
    // Disjoint bounding boxes cannot share a cell or swap.
    if (p.max_x < q.min_x || q.max_x < p.min_x || p.max_y < q.min_y || q.max_y < p.min_y)
      continue;
    find_conflicts(instance_->motion, robot, view(path), b, view(other), targets, out);
  }
}

void ConstraintTreeSearch::all_conflicts(std::vector<Conflict>& out) const {
  const bool targets = one_shot_ && options_.target_reasoning;
  for (RobotId a = 0; a < n_; ++a) {
    const std::int32_t pa = current_[static_cast<std::size_t>(a)];
    const PathRecord& p = paths_[static_cast<std::size_t>(pa)];
    for (RobotId b = a + 1; b < n_; ++b) {
      const std::int32_t pb = current_[static_cast<std::size_t>(b)];
      const PathRecord& q = paths_[static_cast<std::size_t>(pb)];
      if (p.max_x < q.min_x || q.max_x < p.min_x || p.max_y < q.min_y || q.max_y < p.min_y)
        continue;
      find_conflicts(instance_->motion, a, view(pa), b, view(pb), targets, out);
    }
  }
}

std::int32_t ConstraintTreeSearch::count_pairs(std::span<const Conflict> conflicts) {
  // The conflicts of one pair are always adjacent (found pair by pair, filtered in order).
  std::int32_t pairs = 0;
  RobotId last_lo = -1;
  RobotId last_hi = -1;
  for (const Conflict& c : conflicts) {
    const RobotId lo = std::min(c.a1, c.a2);
    const RobotId hi = std::max(c.a1, c.a2);
    if (lo != last_lo || hi != last_hi) ++pairs;
    last_lo = lo;
    last_hi = hi;
  }
  return pairs;
}

void ConstraintTreeSearch::estimate(Node& node) const {
  node.d_hat = static_cast<double>(node.pairs);
  node.f_hat = static_cast<double>(node.cost);
  if (options_.strategy != Strategy::Explicit || error_count_ == 0) return;
  const double n = static_cast<double>(error_count_);
  const double error_d = std::min(error_d_sum_ / n, 0.99);
  const double error_h = std::max(error_h_sum_ / n, 0.0);
  // d^ = d / (1 - e_d) and h^ = e_h * d^ (Thayer & Ruml's one-step error model).
  node.d_hat = static_cast<double>(node.pairs) / (1.0 - error_d);
  node.f_hat = static_cast<double>(node.cost) + error_h * node.d_hat;
}

void ConstraintTreeSearch::learn(std::int32_t id, std::int32_t best_child) {
  const Node& parent = nodes_[static_cast<std::size_t>(id)];
  const Node& child = nodes_[static_cast<std::size_t>(best_child)];
  error_h_sum_ += static_cast<double>(child.cost - parent.cost);
  error_d_sum_ += static_cast<double>(child.pairs - (parent.pairs - 1));
  ++error_count_;
}

void ConstraintTreeSearch::split(const Conflict& conflict, Constraint out[2]) {
  // Corridor and rectangle splits stay sound in a window: a violation of both branches
  // forces a conflict no later than the violations themselves.
  if (options_.corridor_reasoning && conflict.kind != ConflictKind::Target &&
      corridor(conflict, out)) {
    ++counters_.corridor_splits;
    return;
  }
  switch (conflict.kind) {
    case ConflictKind::Vertex:
      if (options_.rectangle_reasoning && !instance_->motion.has_heading() &&
          rectangle(conflict, out)) {
        ++counters_.rectangle_splits;
        return;
      }
      out[0] = {conflict.a1, ConstraintKind::Vertex, conflict.cell, kNoCell, conflict.t, 0};
      out[1] = {conflict.a2, ConstraintKind::Vertex, conflict.cell, kNoCell, conflict.t, 0};
      return;
    case ConflictKind::Edge:
      out[0] = {conflict.a1, ConstraintKind::Edge, conflict.cell, conflict.cell2, conflict.t, 0};
      out[1] = {conflict.a2, ConstraintKind::Edge, conflict.cell2, conflict.cell, conflict.t, 0};
      return;
    case ConflictKind::Target:
      ++counters_.target_splits;
      out[0] = {conflict.a1, ConstraintKind::Length, conflict.cell, kNoCell, conflict.t, 0};
      out[1] = {conflict.a2, ConstraintKind::Hold, conflict.cell, kNoCell, conflict.t, 0};
      return;
  }
}

void ConstraintTreeSearch::adopt(std::int32_t id, std::int32_t child) {
  Node& node = nodes_[static_cast<std::size_t>(id)];
  Node& c = nodes_[static_cast<std::size_t>(child)];
  const Change change = changes_[static_cast<std::size_t>(c.change_begin)];
  // Keep the node's changes contiguous: move them to the end of the list first.
  if (static_cast<std::size_t>(node.change_begin + node.change_count) != changes_.size()) {
    const auto begin = static_cast<std::int32_t>(changes_.size());
    for (std::int32_t k = 0; k < node.change_count; ++k)
      changes_.push_back(changes_[static_cast<std::size_t>(node.change_begin + k)]);
    node.change_begin = begin;
  }
  changes_.push_back(change);
  ++node.change_count;
  node.cost = c.cost;
  release_conflicts(id);
  node.conf_begin = c.conf_begin;  // the child's conflicts become the node's
  node.conf_count = c.conf_count;
  c.conf_count = 0;
  node.pairs = c.pairs;
  c.closed = true;
  current_[static_cast<std::size_t>(change.robot)] = change.path;
  if (options_.conflict_avoidance || options_.strategy != Strategy::Optimal)
    set_cat_path(change.robot, change.path);
}

ConstraintTreeSearch::Expansion ConstraintTreeSearch::expand(std::int32_t id,
                                                             const StopCondition& stop) {
  const std::span<const Conflict> own = conflicts(id);
  const Conflict chosen = *std::min_element(
      own.begin(), own.end(), [](const Conflict& x, const Conflict& y) { return more_urgent(x, y); });
  if (chosen.cardinality == Cardinality::Cardinal) ++counters_.cardinal;
  if (chosen.cardinality == Cardinality::SemiCardinal) ++counters_.semi_cardinal;
  Constraint branches[2];
  split(chosen, branches);

  std::int32_t children[2] = {-1, -1};
  for (int k = 0; k < 2; ++k) {
    const RobotId robot = branches[k].robot;
    const auto r = static_cast<std::size_t>(robot);
    const auto child_id = static_cast<std::int32_t>(nodes_.size());
    {
      Node child;
      child.parent = id;
      child.depth = nodes_[static_cast<std::size_t>(id)].depth + 1;
      child.cons_begin = static_cast<std::int32_t>(constraints_.size());
      child.cons_count = 1;
      child.closed = true;  // until it is pushed
      constraints_.push_back(branches[k]);
      nodes_.push_back(std::move(child));
    }
    bool stopped = false;
    const std::int32_t path = plan_path(child_id, robot, stop, stopped);
    if (stopped) return Expansion::Stopped;
    if (path < 0) continue;  // no path under this constraint: the branch is empty
    const Node& parent = nodes_[static_cast<std::size_t>(id)];
    Node& child = nodes_[static_cast<std::size_t>(child_id)];
    const PathRecord& old = paths_[static_cast<std::size_t>(current_[r])];
    PathRecord& fresh = paths_[static_cast<std::size_t>(path)];
    fresh.lb = std::max(fresh.lb, old.lb);  // more constraints never make a robot cheaper
    child.change_begin = static_cast<std::int32_t>(changes_.size());
    child.change_count = 1;
    changes_.push_back({robot, path});
    child.cost = parent.cost - old.cost + fresh.cost;
    child.lb = parent.lb - old.lb + fresh.lb;
    child.f = std::max(child.lb, parent.f);  // the parent's bound holds for its subtree
    // The child's conflicts: the parent's that do not involve the robot, then the new path's,
    // appended to the arena. Capacity first, so copying from the arena does not move it.
    std::vector<Conflict>& arena = conflicts_.items;
    conflicts_.make_room(static_cast<std::size_t>(parent.conf_count));
    child.conf_begin = static_cast<std::int64_t>(arena.size());
    for (std::int64_t i = parent.conf_begin; i < parent.conf_begin + parent.conf_count; ++i)
      if (!arena[static_cast<std::size_t>(i)].involves(robot))
        arena.push_back(arena[static_cast<std::size_t>(i)]);
    conflicts_of(robot, path, arena);
    child.conf_count = static_cast<std::int32_t>(static_cast<std::int64_t>(arena.size()) -
                                                 child.conf_begin);
    child.pairs = count_pairs(conflicts(child_id));
    ++counters_.generated;

    const bool cheap = options_.strategy == Strategy::Optimal
                           ? child.cost == parent.cost
                           : child.cost <= parent.cost &&
                                 static_cast<double>(fresh.cost) <=
                                     options_.weight * static_cast<double>(old.lb) + 1e-9;
    if (options_.bypass && cheap && child.pairs < parent.pairs) {
      // The new path is as good and conflicts less, and it keeps the parent's constraints:
      // take it into the parent instead of branching (Boyarski et al., IJCAI 2015).
      fresh.version = old.version;
      fresh.lb = old.lb;
      adopt(id, child_id);
      if (children[0] >= 0) release_conflicts(children[0]);  // generated, never pushed
      ++counters_.bypasses;
      return Expansion::Bypassed;
    }
    estimate(child);
    children[k] = child_id;
  }

  std::int32_t best = -1;
  for (const std::int32_t c : children) {
    if (c < 0) continue;
    nodes_[static_cast<std::size_t>(c)].closed = false;
    if (best < 0 || nodes_[static_cast<std::size_t>(c)].f_hat <
                        nodes_[static_cast<std::size_t>(best)].f_hat)
      best = c;
  }
  if (options_.strategy == Strategy::Explicit && best >= 0) learn(id, best);
  for (const std::int32_t c : children)
    if (c >= 0) push(c);
  release_conflicts(id);
  return Expansion::Done;
}

}  // namespace fleet::planner::cbs
