#include "cbs/conflict.hpp"

#include <algorithm>

namespace fleet::planner::cbs {
namespace {

Cell cell_at(const Motion& motion, const PathView& p, int t) {
  const int n = static_cast<int>(p.states.size());
  return motion.cell(p.states[static_cast<std::size_t>(std::min(t, n - 1))]);
}

int kind_rank(ConflictKind k) {
  switch (k) {
    case ConflictKind::Target:
      return 0;
    case ConflictKind::Edge:
      return 1;
    case ConflictKind::Vertex:
      return 2;
  }
  return 3;
}

}  // namespace

int find_conflicts(const Motion& motion, RobotId a, PathView pa, RobotId b, PathView pb,
                   bool targets, std::vector<Conflict>& out) {
  const int na = static_cast<int>(pa.states.size());
  const int nb = static_cast<int>(pb.states.size());
  if (na == 0 || nb == 0) return 0;
  // Windowed paths do not rest: compare only the ticks both cover.
  const int end = (pa.rests && pb.rests) ? std::max(na, nb) : std::min(na, nb);
  const std::size_t before = out.size();
  bool target_a = false;  // a Target conflict with a resting on its goal is recorded
  bool target_b = false;
  Cell prev_a = cell_at(motion, pa, 0);
  Cell prev_b = cell_at(motion, pb, 0);
  for (int t = 0; t < end; ++t) {
    const Cell ca = cell_at(motion, pa, t);
    const Cell cb = cell_at(motion, pb, t);
    if (ca == cb) {
      const bool a_rests = pa.rests && t >= na - 1;
      const bool b_rests = pb.rests && t >= nb - 1;
      if (targets && a_rests) {
        if (!target_a) out.push_back({a, b, ca, kNoCell, t, ConflictKind::Target});
        target_a = true;
      } else if (targets && b_rests) {
        if (!target_b) out.push_back({b, a, cb, kNoCell, t, ConflictKind::Target});
        target_b = true;
      } else {
        out.push_back({a, b, ca, kNoCell, t, ConflictKind::Vertex});
      }
    } else if (t > 0 && ca == prev_b && cb == prev_a) {
      out.push_back({a, b, prev_a, ca, t - 1, ConflictKind::Edge});
    }
    prev_a = ca;
    prev_b = cb;
  }
  return static_cast<int>(out.size() - before);
}

bool paths_conflict(const Motion& motion, PathView pa, PathView pb) {
  const int na = static_cast<int>(pa.states.size());
  const int nb = static_cast<int>(pb.states.size());
  if (na == 0 || nb == 0) return false;
  const int end = (pa.rests && pb.rests) ? std::max(na, nb) : std::min(na, nb);
  Cell prev_a = cell_at(motion, pa, 0);
  Cell prev_b = cell_at(motion, pb, 0);
  for (int t = 0; t < end; ++t) {
    const Cell ca = cell_at(motion, pa, t);
    const Cell cb = cell_at(motion, pb, t);
    if (ca == cb || (t > 0 && ca == prev_b && cb == prev_a)) return true;
    prev_a = ca;
    prev_b = cb;
  }
  return false;
}

bool more_urgent(const Conflict& x, const Conflict& y) {
  if (x.cardinality != y.cardinality) return x.cardinality < y.cardinality;
  if (kind_rank(x.kind) != kind_rank(y.kind)) return kind_rank(x.kind) < kind_rank(y.kind);
  if (x.t != y.t) return x.t < y.t;
  if (x.a1 != y.a1) return x.a1 < y.a1;
  return x.a2 < y.a2;
}

}  // namespace fleet::planner::cbs
