// Reasoning over a node's conflicts: MDDs per robot (cached by constraint set and cost),
// cardinal / semi-cardinal classification, and the CG / DG / WDG admissible heuristics
// (Felner et al. ICAPS 2018; Li et al. IJCAI 2019).
#include "cbs/ct_search.hpp"

#include <algorithm>

namespace fleet::planner::cbs {
namespace {

constexpr std::size_t kMddBudgetBytes = std::size_t{128} << 20;
constexpr std::int64_t kPairNodeLimit = 64;  // expansions per WDG two-robot search
constexpr std::int32_t kInfeasibleWeight = 1 << 20;

}  // namespace

Mdd ConstraintTreeSearch::mdd(std::int32_t id, RobotId robot) {
  const PathRecord& p = paths_[static_cast<std::size_t>(current_[static_cast<std::size_t>(robot)])];
  const std::int64_t k1 =
      (static_cast<std::int64_t>(p.version) << 24) | static_cast<std::int64_t>(p.cost);
  if (const std::int32_t* i = mdd_index_.find({robot, k1}))
    return mdd_list_[static_cast<std::size_t>(*i)];
  const int earliest = load_constraints(id, robot, ws_->hard);
  const Mdd built = ws_->mdd_builder.build(
      mdd_store_, instance_->starts[static_cast<std::size_t>(robot)],
      instance_->goals[static_cast<std::size_t>(robot)], p.cost, ws_->hard, earliest);
  ++counters_.mdds;
  mdd_index_.emplace({robot, k1}) = static_cast<std::int32_t>(mdd_list_.size());
  mdd_list_.push_back(built);
  return built;
}

bool ConstraintTreeSearch::classify(std::int32_t id, const StopCondition& stop) {
  if (!one_shot_) return true;  // windowed costs have no MDDs here: conflicts stay unranked
  if (!options_.prioritize && options_.heuristic == Heuristic::None) return true;
  // Trim the cache between nodes only, never while a reference into it is held.
  if (mdd_store_.bytes() > kMddBudgetBytes) {
    mdd_index_.clear();
    mdd_list_.clear();
    mdd_store_.clear();
  }
  std::int64_t built = counters_.mdds;
  for (Conflict& c : conflicts(id)) {
    if (c.cardinality != Cardinality::Unknown) continue;
    // A node with hundreds of new conflicts builds as many diagrams: poll between them.
    if (counters_.mdds - built >= 8) {
      built = counters_.mdds;
      if (stop.should_stop()) return false;
    }
    const Mdd m1 = mdd(id, c.a1);
    const Mdd m2 = mdd(id, c.a2);
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
  return true;
}

bool ConstraintTreeSearch::compute_h(std::int32_t id, const StopCondition& stop) {
  std::vector<WeightedEdge>& edges = ws_->edges;
  edges.clear();
  const std::span<const Conflict> conflicts = this->conflicts(id);
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
    // A pair's weight depends only on the two robots' constraint sets: cache it by them.
    const PathRecord& pa = paths_[static_cast<std::size_t>(current_[static_cast<std::size_t>(a)])];
    const PathRecord& pb = paths_[static_cast<std::size_t>(current_[static_cast<std::size_t>(b)])];
    const std::int64_t ka =
        (static_cast<std::int64_t>(a) << 32) | static_cast<std::uint32_t>(pa.version + 1);
    const std::int64_t kb =
        (static_cast<std::int64_t>(b) << 32) | static_cast<std::uint32_t>(pb.version + 1);
    int weight = 0;
    if (const std::int32_t* known = pair_weights_.find({ka, kb})) {
      weight = *known;
    } else {
      if (stop.should_stop()) return false;
      bool cache = true;
      weight = cardinal ? 1 : 0;
      if (options_.heuristic != Heuristic::CG && !cardinal &&
          dependent(instance_->motion, mdd(id, a), mdd(id, b), ws_->joint))
        weight = 1;
      if (weight > 0 && options_.heuristic == Heuristic::WDG) {
        weight = pair_weight(id, a, b, stop, cache);
        if (stop.should_stop()) return false;
      }
      if (cache) pair_weights_.emplace({ka, kb}) = weight;
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
                                      const StopCondition& stop, bool& cache) {
  const PathRecord& pa = paths_[static_cast<std::size_t>(current_[static_cast<std::size_t>(a)])];
  const PathRecord& pb = paths_[static_cast<std::size_t>(current_[static_cast<std::size_t>(b)])];
  // The two robots alone, under the constraints this node puts on them.
  std::vector<Constraint>& constraints = ws_->pair_constraints;
  constraints.clear();
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
  // One two-robot instance per workspace, its robots overwritten per pair.
  std::optional<Instance>& pair = ws_->pair;
  if (!pair) {
    pair.emplace(instance_->grid, instance_->motion.kind(),
                 std::vector<State>{instance_->starts[ra], instance_->starts[rb]},
                 std::vector<Cell>{instance_->goals[ra], instance_->goals[rb]},
                 instance_->distances);
  }
  pair->starts[0] = instance_->starts[ra];
  pair->starts[1] = instance_->starts[rb];
  pair->goals[0] = instance_->goals[ra];
  pair->goals[1] = instance_->goals[rb];
  if (!pair_search_) {
    CbsOptions sub;
    sub.heuristic = Heuristic::None;
    sub.rectangle_reasoning = options_.rectangle_reasoning;
    sub.corridor_reasoning = options_.corridor_reasoning;
    sub.target_reasoning = options_.target_reasoning;
    sub.node_limit = kPairNodeLimit;
    pair_search_ = std::make_unique<ConstraintTreeSearch>(sub);
    pair_search_->keep_paths_ = false;
  }
  const CbsResult found = pair_search_->run(*pair, stop, constraints);
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
      cache = false;  // the dependency alone is known
      return 1;
  }
  return static_cast<std::int32_t>(std::clamp<std::int64_t>(weight, 1, kInfeasibleWeight));
}

}  // namespace fleet::planner::cbs
