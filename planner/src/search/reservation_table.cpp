#include <fleet/planner/search/reservation_table.hpp>

#include <algorithm>
#include <cassert>

namespace fleet::planner {

ReservationTable::ReservationTable(const Grid& grid)
    : width_(grid.width()),
      last_vertex_(static_cast<std::size_t>(grid.size()), -1),
      first_vertex_(last_vertex_.size(), kNever),
      last_move_(last_vertex_.size(), -1),
      parked_since_(last_vertex_.size(), kNever),
      parked_total_(last_vertex_.size(), 0),
      touched_flag_(last_vertex_.size(), 0),
      parks_(last_vertex_.size()) {}

void ReservationTable::touch(Cell cell) {
  if (touched_flag_[cell] != 0) return;
  touched_flag_[cell] = 1;
  touched_.push_back(cell);
}

void ReservationTable::clear() {
  for (Cell c : touched_) {
    last_vertex_[c] = -1;
    first_vertex_[c] = kNever;
    last_move_[c] = -1;
    parked_since_[c] = kNever;
    parked_total_[c] = 0;
    touched_flag_[c] = 0;
    parks_[c].clear();
  }
  touched_.clear();
  vertices_.clear();
  moves_.clear();
  entries_ = 0;
  last_time_ = -1;
}

void ReservationTable::add_vertex(Cell cell, int t, int count) {
  assert(t >= 0);
  if (count == 0) return;
  std::int32_t& n = vertices_.emplace(vertex_key(cell, t));
  n += count;
  entries_ += count;
  touch(cell);
  if (n > 0) {
    last_vertex_[cell] = std::max(last_vertex_[cell], t);
    first_vertex_[cell] = std::min(first_vertex_[cell], t);
    last_time_ = std::max(last_time_, t);
  } else if (t == last_vertex_[cell]) {
    // The last entry went away: walk back to the previous one so goal tests stay exact.
    int prev = t - 1;
    const int first = first_vertex_[cell];
    while (prev >= first && vertices_.get(vertex_key(cell, prev)) <= 0) --prev;
    if (prev < first) prev = -1;
    last_vertex_[cell] = prev;
  }
}

void ReservationTable::add_move(Cell from, Cell to, int t, int count) {
  assert(t >= 0);
  const int d = direction(from, to);
  assert(d >= 0 && "add_move needs 4-neighbour cells");
  if (d < 0 || count == 0) return;
  moves_.emplace(move_key(from, d, t)) += count;
  entries_ += count;
  touch(from);
  if (count > 0) {
    last_move_[from] = std::max(last_move_[from], t);
    last_time_ = std::max(last_time_, t);
  }
}

void ReservationTable::add_parked(Cell cell, int since, int count) {
  assert(since >= 0);
  if (count == 0) return;
  touch(cell);
  entries_ += count;
  auto& list = parks_[cell];
  const auto it =
      std::find_if(list.begin(), list.end(), [&](const Park& p) { return p.since == since; });
  if (it != list.end()) {
    it->count += count;
    if (it->count <= 0) {
      *it = list.back();
      list.pop_back();
    }
  } else if (count > 0) {
    list.push_back({since, count});
  }
  if (count > 0) last_time_ = std::max(last_time_, since);
  recompute_parked(cell);
}

void ReservationTable::recompute_parked(Cell cell) {
  parked_since_[cell] = kNever;
  parked_total_[cell] = 0;
  for (const Park& p : parks_[cell]) {
    parked_since_[cell] = std::min(parked_since_[cell], p.since);
    parked_total_[cell] += p.count;
  }
}

int ReservationTable::parked_at(Cell cell, int t) const {
  if (parked_since_[cell] > t) return 0;
  if (parked_total_[cell] == 1) return 1;  // the common case: one robot rests here
  int n = 0;
  for (const Park& p : parks_[cell])
    if (p.since <= t) n += p.count;
  return n;
}

bool ReservationTable::free_during(Cell cell, int first, int last) const {
  if (parked_since_[cell] <= last) return false;
  last = std::min(last, last_vertex_[cell]);
  for (int t = std::max(first, 0); t <= last; ++t)
    if (vertices_.get(vertex_key(cell, t)) > 0) return false;
  return true;
}

int ReservationTable::count_from(Cell cell, int t) const {
  int n = 0;
  for (int u = std::max(t, 0); u <= last_vertex_[cell]; ++u) {
    const int v = vertices_.get(vertex_key(cell, u));
    if (v > 0) n += v;
  }
  return n;
}

namespace {

// Walks a path's reservations once for add_path and remove_path, so the two never disagree.
template <typename Vertex, typename Move, typename Parked>
void for_each_reservation(const Motion& motion, std::span<const State> path, int start_time,
                          bool park, int until, Vertex&& vertex, Move&& move, Parked&& parked) {
  const int n = static_cast<int>(path.size());
  for (int i = 0; i < n; ++i) {
    const int t = start_time + i;
    if (t > until) break;
    const Cell c = motion.cell(path[i]);
    if (park && i == n - 1) {
      parked(c, t);  // the parked entry stands for the last tick too
      break;
    }
    vertex(c, t);
    if (i + 1 < n && t + 1 <= until) {
      const Cell next = motion.cell(path[i + 1]);
      if (next != c) move(next, c, t);  // whoever tries next -> c at t would swap with us
    }
  }
}

}  // namespace

void ReservationTable::add_path(const Motion& motion, std::span<const State> path,
                                int start_time, bool park, int until) {
  for_each_reservation(
      motion, path, start_time, park, until, [&](Cell c, int t) { add_vertex(c, t, 1); },
      [&](Cell a, Cell b, int t) { add_move(a, b, t, 1); },
      [&](Cell c, int t) { add_parked(c, t, 1); });
}

void ReservationTable::remove_path(const Motion& motion, std::span<const State> path,
                                   int start_time, bool park, int until) {
  for_each_reservation(
      motion, path, start_time, park, until, [&](Cell c, int t) { add_vertex(c, t, -1); },
      [&](Cell a, Cell b, int t) { add_move(a, b, t, -1); },
      [&](Cell c, int t) { add_parked(c, t, -1); });
}

}  // namespace fleet::planner
