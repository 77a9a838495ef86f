#include "scalable/pibt.hpp"

#include <algorithm>

namespace fleet::planner::scalable {
namespace {

std::uint32_t saturating_add(std::uint32_t a, std::uint32_t b) {
  const std::uint32_t sum = a + b;
  return sum < a ? DistanceTable::kUnreachable : sum;
}

/// Quarter turns from heading `from` to heading `to` (0, 1 or 2).
int turns(int from, int to) {
  const int d = (to - from) & 3;
  return d == 3 ? 1 : d;
}

}  // namespace

Pibt::Pibt(const Instance& instance, PibtOptions options, std::uint64_t seed,
           LazyDistances* lazy)
    : instance_(&instance),
      motion_(&instance.motion),
      grid_(&instance.map()),
      distances_(instance, lazy, options.heuristic.get()),
      lazy_(options.heuristic ? nullptr : lazy),
      options_(options),
      guidance_(options_.guidance != nullptr && options_.guidance->kind() != GuidanceKind::None
                    ? options_.guidance.get()
                    : nullptr),
      rng_(seed),
      now_(static_cast<std::size_t>(instance.map().size()), -1),
      next_(now_.size(), -1),
      target_(instance.size(), kNoCell),
      fixed_(instance.size(), 0),
      fixed_state_(instance.size(), kNoState),
      near_state_(instance.size(), kNoState),
      near_(instance.size() * kMaxCandidates),
      near_count_(instance.size(), 0),
      candidates_(instance.size() * kMaxCandidates, kNoCell),
      candidate_count_(instance.size(), 0),
      to_go_(instance.size(), 0),
      moving_(instance.size(), 0) {
  stack_.reserve(instance.size());
  if (guidance_ != nullptr) guidance_->bind(*grid_);
}

std::uint32_t Pibt::state_distance(RobotId r, State s) const { return distances_(r, s); }

std::uint32_t Pibt::cell_distance(RobotId r, Cell c) const {
  if (!motion_->has_heading()) return state_distance(r, c);
  std::uint32_t best = DistanceTable::kUnreachable;
  for (int h = 0; h < kDirections; ++h) best = std::min(best, state_distance(r, motion_->state(c, h)));
  return best;
}

void Pibt::refresh_near(RobotId r, State s) {
  Near* out = near_.data() + static_cast<std::ptrdiff_t>(r) * kMaxCandidates;
  const Cell a = motion_->cell(s);
  int n = 0;
  if (!motion_->has_heading()) {
    // A robot that moved one cell already knows two of these five distances.
    Near known[kMaxCandidates];
    const int had = near_state_[r] == kNoState ? 0 : near_count_[r];
    std::copy(out, out + had, known);
    auto lookup = [&](Cell c) {
      for (int k = 0; k < had; ++k) {
        if (known[k].cell == c) return known[k].key;
      }
      return state_distance(r, c);
    };
    for (Cell c : {a}) {
      const std::uint32_t d = lookup(c);
      out[n++] = {c, d, d};
    }
    for (Cell u : grid_->neighbours(a)) {
      const std::uint32_t d = lookup(u);
      out[n++] = {u, d, d};
    }
  } else {
    // The four headings of a cell share a cache line, so reading all of them is cheap.
    auto headings = [&](Cell c, std::uint32_t (&d)[kDirections]) {
      for (int h = 0; h < kDirections; ++h) d[h] = state_distance(r, motion_->state(c, h));
      return std::min({d[0], d[1], d[2], d[3]});
    };
    const int h = motion_->heading(s);
    std::uint32_t d[kDirections];
    const std::uint32_t best = headings(a, d);
    // Staying still allows one rotation this tick.
    out[n++] = {a, std::min({d[h], d[(h + 1) & 3], d[(h + 3) & 3]}), best};
    for (int dir = 0; dir < kDirections; ++dir) {
      const Cell u = grid_->step(a, static_cast<Direction>(dir));
      if (u == kNoCell) continue;
      const std::uint32_t there = headings(u, d);
      out[n++] = {u, saturating_add(static_cast<std::uint32_t>(turns(h, dir)), d[dir]), there};
    }
  }
  near_count_[r] = static_cast<std::uint8_t>(n);
  near_state_[r] = s;
}

const Pibt::Near* Pibt::near(RobotId r, Cell c) const {
  const Near* entries = near_.data() + static_cast<std::ptrdiff_t>(r) * kMaxCandidates;
  for (int k = 0; k < near_count_[r]; ++k) {
    if (entries[k].cell == c) return entries + k;
  }
  return nullptr;
}

std::uint32_t Pibt::near_key(RobotId r, Cell c) const {
  const Near* found = near(r, c);
  return found == nullptr ? DistanceTable::kUnreachable : found->key;
}

Cell Pibt::wanted_cell(RobotId i) const {
  // The neighbour nearest the goal whatever the heading, so that under the rotation model the
  // swap decision does not flip while the robot turns (ties by cell index for the same reason).
  const Near* entries = near_.data() + static_cast<std::ptrdiff_t>(i) * kMaxCandidates;
  const Near* best = nullptr;
  for (int k = 1; k < near_count_[i]; ++k) {
    const Near& e = entries[k];
    if (best == nullptr || e.cell_key < best->cell_key ||
        (e.cell_key == best->cell_key && e.cell < best->cell))
      best = &e;
  }
  return best != nullptr && best->cell_key < entries[0].cell_key ? best->cell : kNoCell;
}

std::uint32_t Pibt::guidance_cost(RobotId i, const Near* near, int k) const {
  const Cell a = near[0].cell;
  // Staying costs what the move the robot would rather make costs: waiting does not avoid it.
  const Cell u = k == 0 ? wanted_cell(i) : near[k].cell;
  if (u == kNoCell) return 0;
  int dir = 0;
  while (grid_->step(a, static_cast<Direction>(dir)) != u) ++dir;
  return guidance_->cost(a, dir);
}

void Pibt::rank_candidates(RobotId i) {
  const Near* near = near_.data() + static_cast<std::ptrdiff_t>(i) * kMaxCandidates;
  const int n = near_count_[i];
  std::uint64_t keys[kMaxCandidates];
  Cell cells[kMaxCandidates];
  // Key: ticks to go after this tick (plus the guidance cost, in fixed point); then prefer
  // cells nobody stands on, then (rotation model) reserving a neighbour over staying, then a
  // seeded random tie-break.
  for (int k = 0; k < n; ++k) {
    const RobotId occupant = now_[near[k].cell];
    const std::uint64_t tie = (occupant >= 0 && occupant != i ? std::uint64_t{1} << 31 : 0) |
                              (k == 0 ? std::uint64_t{1} << 30 : 0) |
                              (rng_.next() & 0x3FFFFFFFU);
    std::uint64_t key = near[k].key;
    if (guidance_ != nullptr && key != DistanceTable::kUnreachable) {
      key = std::min<std::uint64_t>(key * Guidance::kScale + guidance_cost(i, near, k),
                                    DistanceTable::kUnreachable - 1);
    }
    keys[k] = (key << 32) | tie;
    cells[k] = near[k].cell;
  }
  for (int k = 1; k < n; ++k) {  // insertion sort: at most five entries
    for (int m = k; m > 0 && keys[m] < keys[m - 1]; --m) {
      std::swap(keys[m], keys[m - 1]);
      std::swap(cells[m], cells[m - 1]);
    }
  }
  if (!hints_.empty() && hints_[i] != kNoCell) {
    Cell* hinted = std::find(cells, cells + n, hints_[i]);
    if (hinted != cells + n) std::rotate(cells, hinted, hinted + 1);
  }
  std::copy(cells, cells + n, candidates_.begin() + static_cast<std::ptrdiff_t>(i) * kMaxCandidates);
  candidate_count_[i] = static_cast<std::uint8_t>(n);
}

bool Pibt::plan(RobotId i, Cell avoid) {
  const Cell a = motion_->cell(from_[i]);
  rank_candidates(i);
  RobotId partner = -1;
  const Cell wanted = options_.swap ? wanted_cell(i) : kNoCell;
  if (options_.swap) {
    partner = swap_partner(i, wanted);
    if (partner >= 0) retreat_first(i, partner, wanted);
  }
  Cell* cand = candidates_.data() + static_cast<std::ptrdiff_t>(i) * kMaxCandidates;
  const int count = candidate_count_[i];
  if (avoid != kNoCell) {  // try it last
    Cell* found = std::find(cand, cand + count, avoid);
    if (found != cand + count) std::rotate(found, found + 1, cand + count);
  }
  for (int k = 0; k < count; ++k) {
    const Cell u = cand[k];
    if (next_[u] >= 0) continue;
    const RobotId j = now_[u];
    if (j >= 0 && j != i && target_[j] == a) continue;  // would swap with j
    next_[u] = i;
    target_[i] = u;
    // Priority inheritance: the occupant must move away, or this choice is undone (a failed
    // occupant reserved its own cell, overwriting ours).
    if (j >= 0 && j != i && target_[j] == kNoCell &&
        !plan(j, options_.swap ? cell_to_leave_free(i, u, j) : kNoCell))
      continue;
    if (partner >= 0 && u != a && u != wanted && target_[partner] == kNoCell && next_[a] < 0) {
      target_[partner] = a;  // pull the partner after us, toward the place to pass
      next_[a] = partner;
    }
    return true;
  }
  const RobotId holder = next_[a];
  if (holder >= 0 && holder != i && fixed_[holder] != 0) broken_ = true;
  next_[a] = i;
  target_[i] = a;
  return false;
}

bool Pibt::to_actions(std::span<State> to) {
  const auto n = static_cast<RobotId>(from_.size());
  stack_.clear();
  for (RobotId r = 0; r < n; ++r) {
    const State s = from_[r];
    const Cell a = motion_->cell(s);
    moving_[r] = target_[r] != a &&
                 grid_->step(a, static_cast<Direction>(motion_->heading(s))) == target_[r];
    if (moving_[r] == 0) stack_.push_back(r);
  }
  // A robot that stays keeps its cell: whoever meant to enter it stays as well.
  while (!stack_.empty()) {
    const RobotId r = stack_.back();
    stack_.pop_back();
    const RobotId m = next_[motion_->cell(from_[r])];
    if (m >= 0 && m != r && moving_[m] != 0) {
      moving_[m] = 0;
      stack_.push_back(m);
    }
  }
  for (RobotId r = 0; r < n; ++r) {
    const State s = from_[r];
    const Cell a = motion_->cell(s);
    const int h = motion_->heading(s);
    const State cw = motion_->state(a, (h + 1) & 3);
    const State ccw = motion_->state(a, (h + 3) & 3);
    State next = s;
    if (moving_[r] != 0) {
      next = motion_->state(target_[r], h);
    } else if (fixed_[r] != 0) {
      // A fixed move stopped by the cascade cannot be honoured.
      if (motion_->cell(fixed_state_[r]) != a) return false;
      next = fixed_state_[r];
    } else if (target_[r] != a) {
      int d = 0;
      while (grid_->step(a, static_cast<Direction>(d)) != target_[r]) ++d;
      const int diff = (d - h) & 3;
      if (diff == 1) next = cw;
      if (diff == 3) next = ccw;
      if (diff == 2) next = state_distance(r, ccw) < state_distance(r, cw) ? ccw : cw;
    } else {
      std::uint32_t best = state_distance(r, s);
      for (State option : {cw, ccw}) {
        const std::uint32_t d = state_distance(r, option);
        if (d < best) {
          best = d;
          next = option;
        }
      }
    }
    if (fixed_[r] != 0 && next != fixed_state_[r]) return false;
    to[r] = next;
    to_go_[r] = moving_[r] != 0 ? near_key(r, target_[r]) : state_distance(r, next);
  }
  return true;
}

void Pibt::clear_step() {
  for (RobotId r = 0; r < static_cast<RobotId>(from_.size()); ++r) {
    now_[motion_->cell(from_[r])] = -1;
    if (target_[r] != kNoCell) next_[target_[r]] = -1;
    target_[r] = kNoCell;
    fixed_[r] = 0;
  }
}

bool Pibt::step(std::span<const State> from, std::span<const RobotId> order,
                std::span<const Constraint> fixed, std::span<State> to) {
  from_ = from;
  broken_ = false;
  const auto n = static_cast<RobotId>(from.size());
  constexpr RobotId kAhead = 8;  // robots whose distances are fetched ahead of use
  for (RobotId r = 0; r < n; ++r) {
    now_[motion_->cell(from[r])] = r;
    if (lazy_ != nullptr && r + kAhead < n && near_state_[r + kAhead] != from[r + kAhead])
      lazy_->prefetch(r + kAhead, from[r + kAhead]);
    if (near_state_[r] != from[r]) refresh_near(r, from[r]);
  }
  bool ok = true;
  for (const Constraint& c : fixed) {
    const Cell u = motion_->cell(c.state);
    const RobotId occupant = now_[u];
    const bool swaps = occupant >= 0 && occupant != c.robot && fixed_[occupant] != 0 &&
                       target_[occupant] == motion_->cell(from[c.robot]);
    if (next_[u] >= 0 || fixed_[c.robot] != 0 || swaps) {
      ok = false;
      break;
    }
    next_[u] = c.robot;
    target_[c.robot] = u;
    fixed_[c.robot] = 1;
    fixed_state_[c.robot] = c.state;
  }
  if (ok) {
    for (RobotId i : order) {
      if (target_[i] == kNoCell) plan(i, kNoCell);
    }
    for (RobotId i = 0; i < n && order.size() < from.size(); ++i) {
      if (target_[i] == kNoCell) plan(i, kNoCell);
    }
    ok = !broken_;
  }
  if (ok) {
    if (motion_->has_heading()) {
      ok = to_actions(to);
    } else {
      std::copy(target_.begin(), target_.begin() + n, to.begin());
      for (RobotId r = 0; r < n; ++r) to_go_[r] = near_key(r, target_[r]);
    }
  }
  if (ok && guidance_ != nullptr && record_traffic_) guidance_->record(*motion_, from, to);
  clear_step();
  return ok;
}

}  // namespace fleet::planner::scalable
