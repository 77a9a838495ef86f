// The swap technique of PIBT (Okumura, "Engineering LaCAM*", AAMAS 2024): when a robot must
// pass another inside a corridor, it retreats to the nearest place to pass and pulls the
// other after it, instead of pushing it into a dead end; and a robot pushed out of a branch
// does not take the corridor its pusher must enter first.
#include "scalable/pibt.hpp"

#include <algorithm>

namespace fleet::planner::scalable {

int Pibt::corridor_exits(Cell cur, Cell prev, Cell* exit) const {
  int count = 0;
  for (Cell u : grid_->neighbours(cur)) {
    if (u == prev) continue;
    // A dead-end cell holding a robot that rests on its goal is no place to pass.
    const RobotId r = now_[u];
    if (r >= 0 && grid_->neighbours(u).size() == 1 && instance_->goals[r] == u) continue;
    *exit = u;
    ++count;
  }
  return count;
}

bool Pibt::swap_required(RobotId i, RobotId j, Cell from, Cell toward) const {
  // Follow the corridor i wants to enter (j stands at its mouth) while it leads i closer to
  // its goal. A branch on the way is a place to pass: pushing j there works. Otherwise the
  // walk ends at i's goal or at a dead end, and a swap is needed when j does not want to be
  // pushed past that point (j would have to come back through i).
  Cell prev = from;
  Cell cur = toward;
  for (int steps = 0;; ++steps) {
    if (steps == options_.corridor_limit) return false;
    if (cell_distance(i, cur) >= cell_distance(i, prev)) break;  // i's goal is prev
    Cell exit = kNoCell;
    const int n = corridor_exits(cur, prev, &exit);
    if (n >= 2) return false;
    if (n == 0) break;  // cur is a dead end
    prev = cur;
    cur = exit;
    if (cur == from) return false;  // a loop: pushing around it works
  }
  const std::uint32_t i_prev = cell_distance(i, prev);
  return cell_distance(j, prev) < cell_distance(j, cur) &&
         (i_prev == 0 || cell_distance(i, cur) < i_prev);
}

bool Pibt::swap_possible(Cell from, Cell away_from) const {
  Cell prev = away_from;
  Cell cur = from;
  for (int steps = 0; steps < options_.corridor_limit; ++steps) {
    Cell exit = kNoCell;
    const int n = corridor_exits(cur, prev, &exit);
    if (n >= 2) return true;  // a branch behind: one robot can step aside there
    if (n == 0) return false;
    prev = cur;
    cur = exit;
    if (cur == away_from) return false;
  }
  return false;
}

RobotId Pibt::swap_partner(RobotId i, Cell b) const {
  const Cell a = motion_->cell(from_[i]);
  if (b == kNoCell) return -1;
  const RobotId j = now_[b];
  if (j < 0 || target_[j] != kNoCell) return -1;
  if (!swap_required(i, j, a, b) || !swap_possible(a, b)) return -1;
  return j;
}

Cell Pibt::cell_to_leave_free(RobotId i, Cell b, RobotId j) const {
  // i is pushing j out of the branch b. If i then continues into a corridor where it would
  // need to swap with j, j must not go there first: it should step into another exit.
  if (grid_->neighbours(b).size() < 3) return kNoCell;
  const Cell a = motion_->cell(from_[i]);
  Cell c = kNoCell;
  std::uint32_t best = cell_distance(i, b);  // only a cell that brings i closer counts
  for (Cell v : grid_->neighbours(b)) {  // increasing cell order: ties go to the first
    const std::uint32_t d = cell_distance(i, v);
    if (v != a && d < best) {
      best = d;
      c = v;
    }
  }
  if (c == kNoCell || !swap_required(i, j, b, c)) return kNoCell;
  return c;
}

void Pibt::retreat_first(RobotId i, RobotId partner, Cell b) {
  // Retreat out of the partner's way: cells it does not want come first (ties by cell index,
  // independent of heading), then staying, then pushing into the partner after all.
  Cell* cand = candidates_.data() + static_cast<std::ptrdiff_t>(i) * kMaxCandidates;
  const int count = candidate_count_[i];
  const Cell a = motion_->cell(from_[i]);
  Cell retreat[kMaxCandidates];
  std::uint32_t away[kMaxCandidates];
  int n = 0;
  for (int k = 0; k < count; ++k) {
    if (cand[k] == a || cand[k] == b) continue;
    const std::uint32_t d = cell_distance(partner, cand[k]);
    int m = n++;
    for (; m > 0 && (away[m - 1] < d || (away[m - 1] == d && retreat[m - 1] > cand[k])); --m) {
      retreat[m] = retreat[m - 1];
      away[m] = away[m - 1];
    }
    retreat[m] = cand[k];
    away[m] = d;
  }
  std::copy(retreat, retreat + n, cand);
  cand[n] = a;
  cand[n + 1] = b;
}

}  // namespace fleet::planner::scalable
