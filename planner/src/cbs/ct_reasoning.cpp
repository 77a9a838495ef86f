// Reasoning over a node's conflicts: MDDs per robot (cached by constraint set and cost),
// cardinal / semi-cardinal classification, the CG / DG / WDG admissible heuristics, and
// rectangle symmetry reasoning with barrier constraints (Li et al., "Symmetry-breaking
// constraints for grid-based multi-agent path finding", AAAI 2019).
#include "cbs/ct_search.hpp"

#include <algorithm>
#include <cstdlib>

namespace fleet::planner::cbs {
namespace {

constexpr std::size_t kMddBudgetBytes = std::size_t{256} << 20;
constexpr std::int64_t kPairNodeLimit = 64;  // expansions per WDG two-robot search
constexpr std::int32_t kInfeasibleWeight = 1 << 20;

}  // namespace

const Mdd& ConstraintTreeSearch::mdd(std::int32_t id, RobotId robot) {
  const PathRecord& p = paths_[static_cast<std::size_t>(current_[static_cast<std::size_t>(robot)])];
  const std::array<std::int64_t, 2> key = {
      robot, (static_cast<std::int64_t>(p.version) << 24) | static_cast<std::int64_t>(p.cost)};
  if (const auto it = mdds_.find(key); it != mdds_.end()) return it->second;
  const int earliest = load_constraints(id, robot, ws_->hard);
  Mdd built = ws_->mdd_builder.build(instance_->starts[static_cast<std::size_t>(robot)],
                                     instance_->goals[static_cast<std::size_t>(robot)], p.cost,
                                     ws_->hard, earliest);
  ++counters_.mdds;
  mdd_bytes_ += built.bytes();
  return mdds_.emplace(key, std::move(built)).first->second;
}

void ConstraintTreeSearch::classify(std::int32_t id) {
  if (!one_shot_) return;  // windowed costs have no MDDs here: conflicts stay unranked
  if (!options_.prioritize && options_.heuristic == Heuristic::None) return;
  // Trim the cache between nodes only, never while a reference into it is held.
  if (mdd_bytes_ > kMddBudgetBytes) {
    mdds_.clear();
    mdd_bytes_ = 0;
  }
  for (Conflict& c : nodes_[static_cast<std::size_t>(id)].conflicts) {
    if (c.cardinality != Cardinality::Unknown) continue;
    const Mdd& m1 = mdd(id, c.a1);
    const Mdd& m2 = mdd(id, c.a2);
    bool hit1 = false;
    bool hit2 = false;
    switch (c.kind) {
      case ConflictKind::Vertex:
        hit1 = m1.single_cell(c.t) == c.cell;
        hit2 = m2.single_cell(c.t) == c.cell;
        break;
      case ConflictKind::Edge:
        hit1 = m1.single_cell(c.t) == c.cell && m1.single_cell(c.t + 1) == c.cell2;
        hit2 = m2.single_cell(c.t) == c.cell2 && m2.single_cell(c.t + 1) == c.cell;
        break;
      case ConflictKind::Target:
        // a1 rests on its goal by tick t: a longer path is forced on it.
        hit1 = true;
        hit2 = m2.single_cell(c.t) == c.cell;
        break;
    }
    c.cardinality = hit1 && hit2   ? Cardinality::Cardinal
                    : hit1 || hit2 ? Cardinality::SemiCardinal
                                   : Cardinality::NonCardinal;
  }
}

bool ConstraintTreeSearch::compute_h(std::int32_t id, const StopCondition& stop) {
  std::vector<WeightedEdge> edges;
  const std::vector<Conflict>& conflicts = nodes_[static_cast<std::size_t>(id)].conflicts;
  for (std::size_t i = 0; i < conflicts.size();) {
    const RobotId a = std::min(conflicts[i].a1, conflicts[i].a2);
    const RobotId b = std::max(conflicts[i].a1, conflicts[i].a2);
    bool cardinal = false;
    std::size_t j = i;
    for (; j < conflicts.size() && std::min(conflicts[j].a1, conflicts[j].a2) == a &&
           std::max(conflicts[j].a1, conflicts[j].a2) == b;
         ++j)
      cardinal = cardinal || conflicts[j].cardinality == Cardinality::Cardinal;
    i = j;
    int weight = cardinal ? 1 : 0;
    if (options_.heuristic != Heuristic::CG && !cardinal &&
        dependent(instance_->motion, mdd(id, a), mdd(id, b), ws_->joint))
      weight = 1;
    if (weight > 0 && options_.heuristic == Heuristic::WDG) {
      weight = pair_weight(id, a, b, stop);
      if (stop.should_stop()) return false;
    }
    if (weight > 0) edges.push_back({a, b, weight});
  }
  Node& node = nodes_[static_cast<std::size_t>(id)];
  const int h = ws_->cover.solve(edges);
  node.f = std::max(node.f, node.lb + h);
  node.h_done = true;
  return true;
}

int ConstraintTreeSearch::pair_weight(std::int32_t id, RobotId a, RobotId b,
                                      const StopCondition& stop) {
  const PathRecord& pa = paths_[static_cast<std::size_t>(current_[static_cast<std::size_t>(a)])];
  const PathRecord& pb = paths_[static_cast<std::size_t>(current_[static_cast<std::size_t>(b)])];
  const std::array<std::int64_t, 2> key = {
      (static_cast<std::int64_t>(a) << 32) | static_cast<std::uint32_t>(pa.version + 1),
      (static_cast<std::int64_t>(b) << 32) | static_cast<std::uint32_t>(pb.version + 1)};
  if (const auto it = pair_weights_.find(key); it != pair_weights_.end()) return it->second;

  // The two robots alone, under the constraints this node puts on them.
  std::vector<Constraint> constraints;
  for (std::int32_t i = id; i >= 0; i = nodes_[static_cast<std::size_t>(i)].parent) {
    const Node& node = nodes_[static_cast<std::size_t>(i)];
    for (std::int32_t k = 0; k < node.cons_count; ++k) {
      Constraint c = constraints_[static_cast<std::size_t>(node.cons_begin + k)];
      if (c.robot != a && c.robot != b) continue;
      c.robot = c.robot == a ? 0 : 1;
      constraints.push_back(c);
    }
  }
  const auto ra = static_cast<std::size_t>(a);
  const auto rb = static_cast<std::size_t>(b);
  const Instance pair(instance_->grid, instance_->motion.kind(),
                      {instance_->starts[ra], instance_->starts[rb]},
                      {instance_->goals[ra], instance_->goals[rb]}, instance_->distances);
  if (!pair_search_) {
    CbsOptions sub;
    sub.heuristic = Heuristic::None;
    sub.rectangle_reasoning = options_.rectangle_reasoning;
    sub.target_reasoning = options_.target_reasoning;
    sub.node_limit = kPairNodeLimit;
    pair_search_ = std::make_unique<ConstraintTreeSearch>(sub);
  }
  const CbsResult found = pair_search_->run(pair, stop, constraints);
  ++counters_.pair_solves;
  counters_.ll_searches += found.counters.ll_searches;
  counters_.ll_expanded += found.counters.ll_expanded;
  counters_.ll_generated += found.counters.ll_generated;
  const std::int64_t base = pa.cost + pb.cost;
  std::int64_t weight = 1;
  switch (found.outcome) {
    case Outcome::Solved:
      weight = found.cost - base;
      break;
    case Outcome::NodeLimit:
      weight = found.lower_bound - base;
      break;
    case Outcome::Infeasible:
      weight = kInfeasibleWeight;
      break;
    case Outcome::Timeout:
      return 1;  // not cached: the dependency alone is known
  }
  const auto w = static_cast<std::int32_t>(std::clamp<std::int64_t>(weight, 1, kInfeasibleWeight));
  pair_weights_.emplace(key, w);
  return w;
}

bool ConstraintTreeSearch::rectangle(const Conflict& conflict, Constraint out[2]) const {
  const Grid& grid = instance_->map();
  const Motion& motion = instance_->motion;
  const RobotId robots[2] = {conflict.a1, conflict.a2};
  int sx[2], sy[2], gx[2], gy[2];
  const int cx = grid.x(conflict.cell);
  const int cy = grid.y(conflict.cell);
  for (int i = 0; i < 2; ++i) {
    const auto r = static_cast<std::size_t>(robots[i]);
    const Cell s = motion.cell(instance_->starts[r]);
    sx[i] = grid.x(s);
    sy[i] = grid.y(s);
    gx[i] = grid.x(instance_->goals[r]);
    gy[i] = grid.y(instance_->goals[r]);
    // Both must meet on the conflict cell as early as a straight (Manhattan) walk allows.
    if (std::abs(sx[i] - cx) + std::abs(sy[i] - cy) != conflict.t) return false;
  }
  const auto sign = [](int v) { return v > 0 ? 1 : (v < 0 ? -1 : 0); };
  int dx = sign(gx[0] - sx[0]) != 0 ? sign(gx[0] - sx[0]) : sign(gx[1] - sx[1]);
  int dy = sign(gy[0] - sy[0]) != 0 ? sign(gy[0] - sy[0]) : sign(gy[1] - sy[1]);
  if (dx == 0) dx = 1;
  if (dy == 0) dy = 1;
  // Mirror so that both robots head towards larger X and Y.
  int SX[2], SY[2], GX[2], GY[2];
  for (int i = 0; i < 2; ++i) {
    SX[i] = dx * sx[i];
    SY[i] = dy * sy[i];
    GX[i] = dx * gx[i];
    GY[i] = dy * gy[i];
    if (GX[i] < SX[i] || GY[i] < SY[i]) return false;
  }
  const int rsx = std::max(SX[0], SX[1]);
  const int rsy = std::max(SY[0], SY[1]);
  const int rgx = std::min(GX[0], GX[1]);
  const int rgy = std::min(GY[0], GY[1]);
  const int CX = dx * cx;
  const int CY = dy * cy;
  if (CX < rsx || CX > rgx || CY < rsy || CY > rgy) return false;
  if (rsx == rgx && rsy == rgy) return false;  // a single cell: the plain split is the same
  // One robot enters along the rectangle's first row (it must cross to the last column),
  // the other along its first column (it must cross to the last row).
  int across = -1;
  if (SY[0] == rsy && SX[1] == rsx) across = 0;
  else if (SY[1] == rsy && SX[0] == rsx) across = 1;
  if (across < 0) return false;
  const int down = 1 - across;
  const auto cell = [&](int X, int Y) { return grid.cell(dx * X, dy * Y); };
  const auto time = [&](int i, int X, int Y) { return std::abs(X - SX[i]) + std::abs(Y - SY[i]); };
  out[0] = {robots[across], ConstraintKind::Barrier, cell(rgx, rsy), cell(rgx, rgy),
            time(across, rgx, rsy), 0};
  out[1] = {robots[down], ConstraintKind::Barrier, cell(rsx, rgy), cell(rgx, rgy),
            time(down, rsx, rgy), 0};
  // Each branch must cut off the robot's current path, or the search would not progress.
  for (int i = 0; i < 2; ++i) {
    const std::int32_t p = current_[static_cast<std::size_t>(out[i].robot)];
    if (!violates(out[i], grid, motion, paths_[static_cast<std::size_t>(p)].states, true))
      return false;
  }
  return true;
}

}  // namespace fleet::planner::cbs
