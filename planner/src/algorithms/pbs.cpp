// Priority-based search (Ma, Harabor, Stuckey, Li & Koenig, "Searching with Consistent
// Prioritization for Multi-Agent Path Finding", AAAI 2019): depth-first search over partial
// priority orders. Each node adds one ordered pair "i before j" for a conflict; robots below
// j are replanned, in topological order, around the paths of every robot above them. The low
// level is space-time A* or SIPP over one ReservationTable. Incomplete (a priority order may
// not exist), fast; with a horizon it resolves conflicts inside the window only, as RHCR's
// windowed PBS does (Li et al., AAAI 2021).
//
// Data layout: nodes, conflicts and path states live in flat arenas (offsets, no per-node
// vectors), and the reservation table is updated by difference between consecutive replans
// (robots leaving or entering the higher-priority set, or with a new path) instead of being
// rebuilt from every higher robot's path each time.
#include "algorithms/planner_support.hpp"
#include "algorithms/registrations.hpp"
#include "cbs/conflict.hpp"
#include "search/sipp.hpp"

#include <fleet/planner/search/reservation_table.hpp>
#include <fleet/planner/search/space_time_astar.hpp>

#include <algorithm>
#include <chrono>

namespace fleet::planner {
namespace {

using cbs::Conflict;
using cbs::PathView;

enum class LowLevel : std::uint8_t { AStar, Sipp };

class PbsPlanner final : public Planner {
public:
  PbsPlanner(LowLevel low_level, std::int64_t node_limit)
      : low_level_(low_level), node_limit_(node_limit) {}
  [[nodiscard]] std::string_view name() const override { return "pbs"; }
  Result solve(const Instance& instance, const StopCondition& stop) override;

private:
  LowLevel low_level_;
  std::int64_t node_limit_;
};

struct PNode {
  std::int32_t parent = -1;
  RobotId high = -1;  // the pair this node adds: `high` before `low`
  RobotId low = -1;
  std::int32_t change_begin = 0;
  std::int32_t change_count = 0;
  std::int64_t cost = 0;
  std::int64_t conf_begin = 0;  // its conflicts in the arena
  std::int32_t conf_count = 0;
  bool open = false;  // on the depth-first stack: its conflicts are still needed
};

struct PathSpan {
  std::int64_t begin = 0;  // in the state arena
  std::int32_t length = 0;
};

// The search state of one solve: nodes, paths, and the priority graph of the current node.
class PriorityTreeSearch {
public:
  PriorityTreeSearch(const Instance& instance, LowLevel low_level)
      : instance_(instance),
        n_(static_cast<RobotId>(instance.size())),
        one_shot_(instance.horizon <= 0),
        table_(instance.map()),
        astar_(instance.motion, *instance.distances),
        sipp_(instance.motion, *instance.distances),
        low_level_(low_level),
        current_(static_cast<std::size_t>(n_), -1),
        reserved_(static_cast<std::size_t>(n_), -1),
        higher_(static_cast<std::size_t>(n_)),
        lower_(static_cast<std::size_t>(n_)),
        mark_(static_cast<std::size_t>(n_), 0),
        want_(static_cast<std::size_t>(n_), 0) {}

  Status run(const StopCondition& stop, std::int64_t node_limit, Plan& plan, Stats& stats,
             std::string& message);

private:
  void sync(std::int32_t id);
  void build_priorities(std::int32_t id);
  std::uint32_t next_stamp(std::vector<std::uint32_t>& marks, std::uint32_t& stamp);
  [[nodiscard]] bool reaches(RobotId from, RobotId to);  // `from` above `to`, transitively
  void above(RobotId robot, std::vector<RobotId>& out);
  void reserve_exactly(const std::vector<RobotId>& robots);
  bool replan(RobotId robot, const StopCondition& stop, bool& stopped);
  [[nodiscard]] bool needs_replan(RobotId robot);
  std::int32_t make_child(std::int32_t id, RobotId high, RobotId low, const StopCondition& stop,
                          bool& stopped);
  [[nodiscard]] std::span<const State> path(std::int32_t p) const {
    const PathSpan& s = paths_[static_cast<std::size_t>(p)];
    return {states_.data() + s.begin, static_cast<std::size_t>(s.length)};
  }
  [[nodiscard]] std::span<const State> path_of(RobotId r) const {
    return path(current_[static_cast<std::size_t>(r)]);
  }
  [[nodiscard]] PathView view(RobotId r) const { return {path_of(r), one_shot_}; }
  [[nodiscard]] int path_cost(std::span<const State> path, RobotId r) const;

  const Instance& instance_;
  RobotId n_;
  bool one_shot_;
  ReservationTable table_;
  SpaceTimeAStar astar_;
  Sipp sipp_;
  LowLevel low_level_;
  std::vector<PNode> nodes_;
  cbs::ConflictArena conflicts_;  // each node's conflicts, contiguous
  std::vector<std::pair<RobotId, std::int32_t>> changes_;
  std::vector<PathSpan> paths_;
  std::vector<State> states_;        // arena: every path's states
  std::vector<std::int32_t> current_;
  std::vector<std::int32_t> reserved_;   // per robot: its path in table_, or -1
  std::vector<RobotId> reserved_list_;   // the robots with reserved_ >= 0
  std::int64_t table_removals_ = 0;      // paths taken out since table_ was last cleared
  std::vector<std::vector<RobotId>> higher_;  // direct priority edges of the current node
  std::vector<std::vector<RobotId>> lower_;
  std::vector<std::uint32_t> mark_;
  std::uint32_t stamp_ = 0;
  std::vector<std::uint32_t> want_;  // reserve_exactly's membership marks
  std::uint32_t want_stamp_ = 0;
  std::vector<RobotId> scratch_;  // reusable scratch: no allocation per node once warm
  std::vector<RobotId> order_;
  std::vector<RobotId> replanned_;
  std::vector<RobotId> ups_;
  std::vector<std::uint8_t> state_;
  std::vector<std::pair<RobotId, std::size_t>> dfs_;
  std::vector<std::int32_t> partner_begin_;  // parent's conflict partners, per robot
  std::vector<RobotId> partners_;
  std::vector<State> path_;
  std::int64_t expanded_ = 0;
  std::int64_t generated_ = 0;
  std::int64_t ll_expanded_ = 0;
  std::int64_t ll_generated_ = 0;
};

int PriorityTreeSearch::path_cost(std::span<const State> path, RobotId r) const {
  if (!one_shot_) {
    // Windowed: the arrival tick if the goal is held to the end, else past the window.
    const Cell goal = instance_.goals[static_cast<std::size_t>(r)];
    int t = static_cast<int>(path.size()) - 1;
    while (t > 0 && instance_.motion.cell(path[static_cast<std::size_t>(t - 1)]) == goal) --t;
    if (instance_.motion.cell(path.back()) == goal) return t;
    return static_cast<int>(path.size()) - 1 +
           static_cast<int>(instance_.distances->distance(path.back(), goal));
  }
  return static_cast<int>(path.size()) - 1;
}

std::uint32_t PriorityTreeSearch::next_stamp(std::vector<std::uint32_t>& marks,
                                             std::uint32_t& stamp) {
  if (++stamp == 0) {
    std::fill(marks.begin(), marks.end(), 0U);
    stamp = 1;
  }
  return stamp;
}

void PriorityTreeSearch::sync(std::int32_t id) {
  next_stamp(mark_, stamp_);
  for (std::int32_t i = id; i >= 0; i = nodes_[static_cast<std::size_t>(i)].parent) {
    const PNode& node = nodes_[static_cast<std::size_t>(i)];
    for (std::int32_t k = node.change_count - 1; k >= 0; --k) {
      const auto [robot, p] = changes_[static_cast<std::size_t>(node.change_begin + k)];
      if (mark_[static_cast<std::size_t>(robot)] == stamp_) continue;
      mark_[static_cast<std::size_t>(robot)] = stamp_;
      current_[static_cast<std::size_t>(robot)] = p;
    }
  }
}

void PriorityTreeSearch::build_priorities(std::int32_t id) {
  for (auto& v : higher_) v.clear();
  for (auto& v : lower_) v.clear();
  for (std::int32_t i = id; i >= 0; i = nodes_[static_cast<std::size_t>(i)].parent) {
    const PNode& node = nodes_[static_cast<std::size_t>(i)];
    if (node.high < 0) continue;
    higher_[static_cast<std::size_t>(node.low)].push_back(node.high);
    lower_[static_cast<std::size_t>(node.high)].push_back(node.low);
  }
}

bool PriorityTreeSearch::reaches(RobotId from, RobotId to) {
  next_stamp(mark_, stamp_);
  scratch_.assign(1, from);
  mark_[static_cast<std::size_t>(from)] = stamp_;
  while (!scratch_.empty()) {
    const RobotId r = scratch_.back();
    scratch_.pop_back();
    if (r == to) return true;
    for (RobotId next : lower_[static_cast<std::size_t>(r)]) {
      if (mark_[static_cast<std::size_t>(next)] == stamp_) continue;
      mark_[static_cast<std::size_t>(next)] = stamp_;
      scratch_.push_back(next);
    }
  }
  return false;
}

// Leaves mark_[x] == stamp_ exactly for `robot` and the robots in `out`.
void PriorityTreeSearch::above(RobotId robot, std::vector<RobotId>& out) {
  out.clear();
  next_stamp(mark_, stamp_);
  scratch_.assign(1, robot);
  mark_[static_cast<std::size_t>(robot)] = stamp_;
  while (!scratch_.empty()) {
    const RobotId r = scratch_.back();
    scratch_.pop_back();
    for (RobotId up : higher_[static_cast<std::size_t>(r)]) {
      if (mark_[static_cast<std::size_t>(up)] == stamp_) continue;
      mark_[static_cast<std::size_t>(up)] = stamp_;
      out.push_back(up);
      scratch_.push_back(up);
    }
  }
}

void PriorityTreeSearch::reserve_exactly(const std::vector<RobotId>& robots) {
  const int until = one_shot_ ? ReservationTable::kNever : instance_.horizon;
  const Motion& motion = instance_.motion;
  // Removed paths leave zero-count entries behind; start afresh once they pile up.
  if (table_removals_ > 4 * static_cast<std::int64_t>(n_) + 64) {
    table_.clear();
    for (RobotId r : reserved_list_) reserved_[static_cast<std::size_t>(r)] = -1;
    reserved_list_.clear();
    table_removals_ = 0;
  }
  const std::uint32_t want = next_stamp(want_, want_stamp_);
  for (RobotId r : robots) want_[static_cast<std::size_t>(r)] = want;
  // When the difference costs more than a rebuild (a removal walks cells back to their
  // previous occupant, so it weighs double), rebuild.
  std::int64_t stale = 0;
  for (RobotId r : reserved_list_) {
    const auto i = static_cast<std::size_t>(r);
    if (want_[i] != want || reserved_[i] != current_[i]) ++stale;
  }
  const std::int64_t fresh = static_cast<std::int64_t>(robots.size()) -
                             (static_cast<std::int64_t>(reserved_list_.size()) - stale);
  if (2 * stale + fresh >= static_cast<std::int64_t>(robots.size())) {
    table_.clear();
    for (RobotId r : reserved_list_) reserved_[static_cast<std::size_t>(r)] = -1;
    reserved_list_.clear();
    table_removals_ = 0;
  }
  std::size_t kept = 0;
  for (RobotId r : reserved_list_) {
    const auto i = static_cast<std::size_t>(r);
    if (want_[i] == want && reserved_[i] == current_[i]) {
      reserved_list_[kept++] = r;
      continue;
    }
    table_.remove_path(motion, path(reserved_[i]), 0, one_shot_, until);
    reserved_[i] = -1;
    ++table_removals_;
  }
  reserved_list_.resize(kept);
  for (RobotId r : robots) {
    const auto i = static_cast<std::size_t>(r);
    if (reserved_[i] >= 0) continue;
    table_.add_path(motion, path(current_[i]), 0, one_shot_, until);
    reserved_[i] = current_[i];
    reserved_list_.push_back(r);
  }
}

bool PriorityTreeSearch::replan(RobotId robot, const StopCondition& stop, bool& stopped) {
  above(robot, ups_);
  reserve_exactly(ups_);
  const SearchQuery query = robot_query(instance_, robot, &table_);
  const SearchResult found = low_level_ == LowLevel::Sipp ? sipp_.search(query, path_, &stop)
                                                          : astar_.search(query, path_, &stop);
  ll_expanded_ += found.expanded;
  ll_generated_ += found.generated;
  if (found.status == SearchStatus::Stopped) stopped = true;
  if (found.status != SearchStatus::Found) return false;
  paths_.push_back({static_cast<std::int64_t>(states_.size()),
                    static_cast<std::int32_t>(path_.size())});
  states_.insert(states_.end(), path_.begin(), path_.end());
  current_[static_cast<std::size_t>(robot)] = static_cast<std::int32_t>(paths_.size() - 1);
  return true;
}

// Whether `robot` (not replanned in this child) collides with a robot above it. The parent's
// conflict list covers every pair of unchanged paths, so only robots replanned in this child
// (state_ == 1) need a path comparison.
bool PriorityTreeSearch::needs_replan(RobotId robot) {
  above(robot, ups_);  // marks the robots above with stamp_
  const auto r = static_cast<std::size_t>(robot);
  for (std::int32_t k = partner_begin_[r]; k < partner_begin_[r + 1]; ++k) {
    const auto other = static_cast<std::size_t>(partners_[static_cast<std::size_t>(k)]);
    if (mark_[other] == stamp_ && state_[other] != 1) return true;
  }
  for (RobotId up : ups_)
    if (state_[static_cast<std::size_t>(up)] == 1 &&
        cbs::paths_conflict(instance_.motion, view(robot), view(up)))
      return true;
  return false;
}

std::int32_t PriorityTreeSearch::make_child(std::int32_t id, RobotId high, RobotId low,
                                            const StopCondition& stop, bool& stopped) {
  sync(id);
  build_priorities(id);
  if (reaches(low, high)) return -1;  // the opposite order is already implied
  const auto child_id = static_cast<std::int32_t>(nodes_.size());
  {
    PNode child;
    child.parent = id;
    child.high = high;
    child.low = low;
    nodes_.push_back(child);
  }
  higher_[static_cast<std::size_t>(low)].push_back(high);
  lower_[static_cast<std::size_t>(high)].push_back(low);

  // `low` and everything below it, in a topological order (depth-first post-order, reversed).
  std::vector<RobotId>& order = order_;
  order.clear();
  std::vector<std::uint8_t>& state = state_;
  state.assign(static_cast<std::size_t>(n_), 0);
  std::vector<std::pair<RobotId, std::size_t>>& stack = dfs_;
  stack.assign(1, {low, 0});
  state[static_cast<std::size_t>(low)] = 2;
  while (!stack.empty()) {
    auto& [r, k] = stack.back();
    const auto& below = lower_[static_cast<std::size_t>(r)];
    if (k < below.size()) {
      const RobotId next = below[k++];
      if (state[static_cast<std::size_t>(next)] == 0) {
        state[static_cast<std::size_t>(next)] = 2;
        stack.emplace_back(next, 0);
      }
      continue;
    }
    order.push_back(r);
    stack.pop_back();
  }
  std::reverse(order.begin(), order.end());

  // The parent's conflict partners per robot (compressed rows).
  {
    const PNode& parent = nodes_[static_cast<std::size_t>(id)];
    partner_begin_.assign(static_cast<std::size_t>(n_) + 1, 0);
    const std::span<const Conflict> own(conflicts_.items.data() + parent.conf_begin,
                                        static_cast<std::size_t>(parent.conf_count));
    for (const Conflict& c : own) {
      ++partner_begin_[static_cast<std::size_t>(c.a1) + 1];
      ++partner_begin_[static_cast<std::size_t>(c.a2) + 1];
    }
    for (RobotId r = 0; r < n_; ++r)
      partner_begin_[static_cast<std::size_t>(r) + 1] += partner_begin_[static_cast<std::size_t>(r)];
    partners_.resize(2 * own.size());
    scratch_.assign(partner_begin_.begin(), partner_begin_.end() - 1);  // fill cursors
    for (const Conflict& c : own) {
      partners_[static_cast<std::size_t>(scratch_[static_cast<std::size_t>(c.a1)]++)] = c.a2;
      partners_[static_cast<std::size_t>(scratch_[static_cast<std::size_t>(c.a2)]++)] = c.a1;
    }
  }

  // state_: 2 below `low`, not (yet) replanned; 1 replanned here; 0 elsewhere.
  std::vector<RobotId>& replanned = replanned_;
  replanned.clear();
  for (RobotId r : order) {
    if (stop.should_stop()) {  // a child may check and replan many robots: poll per robot
      stopped = true;
      return -1;
    }
    if (r != low && !needs_replan(r)) continue;
    if (!replan(r, stop, stopped)) return -1;
    state[static_cast<std::size_t>(r)] = 1;
    replanned.push_back(r);
  }

  PNode& child = nodes_[static_cast<std::size_t>(child_id)];
  const PNode& parent = nodes_[static_cast<std::size_t>(id)];
  child.change_begin = static_cast<std::int32_t>(changes_.size());
  child.change_count = static_cast<std::int32_t>(replanned.size());
  child.cost = 0;
  for (RobotId r = 0; r < n_; ++r) child.cost += path_cost(path_of(r), r);
  for (RobotId r : replanned) changes_.emplace_back(r, current_[static_cast<std::size_t>(r)]);
  // Conflicts: the parent's between unchanged robots, then every replanned robot's.
  std::vector<Conflict>& arena = conflicts_.items;
  conflicts_.make_room(static_cast<std::size_t>(parent.conf_count));
  child.conf_begin = static_cast<std::int64_t>(arena.size());
  for (std::int64_t i = parent.conf_begin; i < parent.conf_begin + parent.conf_count; ++i) {
    const Conflict& c = arena[static_cast<std::size_t>(i)];
    if (state[static_cast<std::size_t>(c.a1)] != 1 && state[static_cast<std::size_t>(c.a2)] != 1)
      arena.push_back(c);
  }
  for (RobotId r : replanned) {
    for (RobotId b = 0; b < n_; ++b) {
      if (b == r || (state[static_cast<std::size_t>(b)] == 1 && b < r)) continue;
      cbs::find_conflicts(instance_.motion, r, view(r), b, view(b), false, arena);
    }
  }
  child.conf_count =
      static_cast<std::int32_t>(static_cast<std::int64_t>(arena.size()) - child.conf_begin);
  ++generated_;
  return child_id;
}

Status PriorityTreeSearch::run(const StopCondition& stop, std::int64_t node_limit, Plan& plan,
                               Stats& stats, std::string& message) {
  const auto finish_stats = [&] {
    stats.iterations = expanded_;
    stats.expanded = ll_expanded_;
    stats.generated = ll_generated_;
    stats.extra = {{"hl_generated", static_cast<double>(generated_)}};
  };
  nodes_.emplace_back();
  bool stopped = false;
  for (RobotId r = 0; r < n_; ++r) {
    if (stop.should_stop() || !replan(r, stop, stopped)) {
      stopped = stopped || stop.should_stop();
      finish_stats();
      message = stopped ? "stopped while planning the root" : "a robot has no path at all";
      return stopped ? Status::Timeout : Status::Infeasible;
    }
    changes_.emplace_back(r, current_[static_cast<std::size_t>(r)]);
  }
  nodes_[0].change_count = n_;
  for (RobotId r = 0; r < n_; ++r) {
    nodes_[0].cost += path_cost(path_of(r), r);
    for (RobotId b = r + 1; b < n_; ++b)
      cbs::find_conflicts(instance_.motion, r, view(r), b, view(b), false, conflicts_.items);
  }
  nodes_[0].conf_count = static_cast<std::int32_t>(conflicts_.items.size());
  nodes_[0].open = true;

  std::vector<std::int32_t> stack{0};
  while (!stack.empty()) {
    if (stop.should_stop() || (node_limit >= 0 && expanded_ >= node_limit)) {
      finish_stats();
      message = "stopped after " + std::to_string(expanded_) + " expansions";
      return Status::Timeout;
    }
    conflicts_.compact(nodes_, [](const PNode& node) { return node.open; });
    const std::int32_t id = stack.back();
    stack.pop_back();
    if (nodes_[static_cast<std::size_t>(id)].conf_count == 0) {
      sync(id);
      plan = assemble_plan(static_cast<std::size_t>(n_), one_shot_ ? 0 : instance_.horizon,
                           [this](std::size_t r) { return path_of(static_cast<RobotId>(r)); });
      finish_stats();
      return Status::Solved;
    }
    ++expanded_;
    // The earliest conflict: the one a robot meets first.
    const PNode& node = nodes_[static_cast<std::size_t>(id)];
    const std::span<const Conflict> own(conflicts_.items.data() + node.conf_begin,
                                        static_cast<std::size_t>(node.conf_count));
    const Conflict chosen = *std::min_element(
        own.begin(), own.end(), [](const Conflict& x, const Conflict& y) { return x.t < y.t; });
    std::int32_t children[2] = {-1, -1};
    for (int k = 0; k < 2; ++k) {
      const RobotId high = k == 0 ? chosen.a1 : chosen.a2;
      const RobotId low = k == 0 ? chosen.a2 : chosen.a1;
      children[k] = make_child(id, high, low, stop, stopped);
      if (stopped) {
        finish_stats();
        message = "stopped after " + std::to_string(expanded_) + " expansions";
        return Status::Timeout;
      }
    }
    PNode& expanded = nodes_[static_cast<std::size_t>(id)];
    expanded.open = false;
    conflicts_.dead += expanded.conf_count;
    // Depth first, the cheaper child (fewer conflicts on ties) on top of the stack.
    const auto better = [&](std::int32_t a, std::int32_t b) {
      const PNode& x = nodes_[static_cast<std::size_t>(a)];
      const PNode& y = nodes_[static_cast<std::size_t>(b)];
      if (x.cost != y.cost) return x.cost < y.cost;
      return x.conf_count < y.conf_count;
    };
    if (children[0] >= 0 && children[1] >= 0 && better(children[0], children[1]))
      std::swap(children[0], children[1]);
    for (std::int32_t c : children) {
      if (c < 0) continue;
      nodes_[static_cast<std::size_t>(c)].open = true;
      stack.push_back(c);
    }
  }
  finish_stats();
  message = "no priority order found (PBS is incomplete)";
  return Status::Timeout;
}

Result PbsPlanner::solve(const Instance& instance, const StopCondition& stop) {
  const auto started = std::chrono::steady_clock::now();
  Result result;
  const bool one_shot = instance.horizon <= 0;
  if (reject_invalid(instance, one_shot, result, started)) return result;
  instance.distances->prepare(instance.goals);
  PriorityTreeSearch search(instance, low_level_);
  result.status = search.run(stop, node_limit_, result.plan, result.stats, result.message);
  if (result.status != Status::Solved) result.plan.clear();
  if (result.status == Status::Solved) {
    result.stats.first_solution_s = seconds_since(started);
    if (one_shot) result.stats.first_solution_cost = sum_of_costs(instance, result.plan);
  }
  result.stats.runtime_s = seconds_since(started);
  return result;
}

}  // namespace

void register_pbs(PlannerRegistry& registry) {
  registry.add({"pbs",
                "priority-based search: depth-first search over priority orders, robots "
                "replanned around higher-priority paths (incomplete)",
                {{"low_level", "sipp", "single-robot search: sipp or astar (space-time A*)"},
                 {"node_limit", "-1", "give up after this many expansions (-1: none)"}},
                [](const ParamValues& p, std::uint64_t /*seed*/) {
                  const auto low = parse_choice("pbs", "low_level", p.text("low_level"),
                                                {"astar", "sipp"}) == 0
                                       ? LowLevel::AStar
                                       : LowLevel::Sipp;
                  return std::make_unique<PbsPlanner>(low, p.integer("node_limit"));
                }});
}

}  // namespace fleet::planner
