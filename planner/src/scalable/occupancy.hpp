// Who stands on each cell when, for a set of one-shot paths (each robot parks on its last
// state for good): per cell, the runs of ticks each robot spends there. LNS reads it to find
// the robots in someone's way, and its interval search plans around it.
#pragma once

#include <fleet/planner/motion.hpp>

#include <cstdint>
#include <limits>
#include <span>
#include <vector>

namespace fleet::planner::scalable {

using RobotIndex = std::int32_t;

class Occupancy {
public:
  static constexpr std::int32_t kForever = std::numeric_limits<std::int32_t>::max();
  struct Visit {
    std::int32_t from;
    std::int32_t to;  // inclusive; kForever once parked
    RobotIndex robot;
  };

  Occupancy(const Motion& motion, std::size_t robots)
      : motion_(&motion),
        paths_(robots),
        visits_(static_cast<std::size_t>(motion.grid().size())) {}

  /// Gives robot `r` this path (path[t] is its state at tick t; it parks on the last one)
  /// and records its visits. The robot must hold no path.
  void place(RobotIndex r, std::vector<State>&& path) {
    paths_[static_cast<std::size_t>(r)] = std::move(path);
    const auto& p = paths_[static_cast<std::size_t>(r)];
    std::size_t from = 0;
    for (std::size_t t = 1; t <= p.size(); ++t) {
      if (t < p.size() && motion_->cell(p[t]) == motion_->cell(p[from])) continue;
      const auto to = t == p.size() ? kForever : static_cast<std::int32_t>(t - 1);
      visits_[static_cast<std::size_t>(motion_->cell(p[from]))].push_back(
          {static_cast<std::int32_t>(from), to, r});
      from = t;
    }
  }
  /// Takes robot `r`'s path away (returned) together with its visits.
  std::vector<State> take(RobotIndex r) {
    auto& p = paths_[static_cast<std::size_t>(r)];
    Cell last = kNoCell;
    for (State s : p) {
      const Cell c = motion_->cell(s);
      if (c == last) continue;  // a wait: same run
      last = c;
      std::erase_if(visits_[static_cast<std::size_t>(c)],
                    [r](const Visit& v) { return v.robot == r; });
    }
    return std::move(p);
  }

  [[nodiscard]] const std::vector<State>& path(RobotIndex r) const {
    return paths_[static_cast<std::size_t>(r)];
  }
  [[nodiscard]] std::span<const Visit> visits(Cell c) const {
    return visits_[static_cast<std::size_t>(c)];
  }
  /// Robots on `c` at tick `t`.
  void occupants(Cell c, int t, std::vector<RobotIndex>& out) const {
    for (const Visit& v : visits(c)) {
      if (v.from <= t && t <= v.to) out.push_back(v.robot);
    }
  }
  /// True when some robot moves from `to` into `from` between ticks t and t + 1, so moving
  /// `from` -> `to` then would swap with it.
  [[nodiscard]] bool swap_at(Cell from, Cell to, int t) const {
    for (const Visit& v : visits(from)) {
      if (v.from != t + 1) continue;
      const auto& p = paths_[static_cast<std::size_t>(v.robot)];
      if (static_cast<std::size_t>(t) < p.size() && motion_->cell(p[static_cast<std::size_t>(t)]) == to)
        return true;
    }
    return false;
  }

private:
  const Motion* motion_;
  std::vector<std::vector<State>> paths_;
  std::vector<std::vector<Visit>> visits_;
};

}  // namespace fleet::planner::scalable
