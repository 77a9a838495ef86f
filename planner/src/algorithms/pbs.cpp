// Priority-based search (Ma, Harabor, Stuckey, Li & Koenig, "Searching with Consistent
// Prioritization for Multi-Agent Path Finding", AAAI 2019): depth-first search over partial
// priority orders. Each node adds one ordered pair "i before j" for a conflict; robots below
// j are replanned, in topological order, around the paths of every robot above them. The low
// level is space-time A* or SIPP over one ReservationTable. Incomplete (a priority order may
// not exist), fast; with a horizon it resolves conflicts inside the window only, as RHCR's
// windowed PBS does (Li et al., AAAI 2021).
#include "algorithms/registrations.hpp"
#include "cbs/conflict.hpp"
#include "search/sipp.hpp"

#include <fleet/planner/search/reservation_table.hpp>
#include <fleet/planner/search/space_time_astar.hpp>

#include <algorithm>
#include <chrono>
#include <stdexcept>

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
  std::vector<Conflict> conflicts;
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
        higher_(static_cast<std::size_t>(n_)),
        lower_(static_cast<std::size_t>(n_)),
        mark_(static_cast<std::size_t>(n_), 0) {}

  Status run(const StopCondition& stop, std::int64_t node_limit, Plan& plan, Stats& stats,
             std::string& message);

private:
  void sync(std::int32_t id);
  void build_priorities(std::int32_t id);
  [[nodiscard]] bool reaches(RobotId from, RobotId to);  // `from` above `to`, transitively
  void above(RobotId robot, std::vector<RobotId>& out);
  bool replan(RobotId robot, const StopCondition& stop, bool& stopped);
  [[nodiscard]] bool collides(RobotId a, RobotId b) const;
  std::int32_t make_child(std::int32_t id, RobotId high, RobotId low, const StopCondition& stop,
                          bool& stopped);
  [[nodiscard]] PathView view(RobotId r) const {
    return {paths_[static_cast<std::size_t>(current_[static_cast<std::size_t>(r)])], one_shot_};
  }
  [[nodiscard]] int path_cost(const std::vector<State>& path, RobotId r) const;

  const Instance& instance_;
  RobotId n_;
  bool one_shot_;
  ReservationTable table_;
  SpaceTimeAStar astar_;
  Sipp sipp_;
  LowLevel low_level_;
  std::vector<PNode> nodes_;
  std::vector<std::pair<RobotId, std::int32_t>> changes_;
  std::vector<std::vector<State>> paths_;
  std::vector<std::int32_t> current_;
  std::vector<std::vector<RobotId>> higher_;  // direct priority edges of the current node
  std::vector<std::vector<RobotId>> lower_;
  std::vector<std::uint32_t> mark_;
  std::uint32_t stamp_ = 0;
  std::vector<RobotId> scratch_;  // reusable scratch: no allocation per node once warm
  std::vector<RobotId> order_;
  std::vector<RobotId> replanned_;
  std::vector<RobotId> ups_;
  std::vector<RobotId> replan_ups_;
  std::vector<std::uint8_t> state_;
  std::vector<std::pair<RobotId, std::size_t>> dfs_;
  std::vector<State> path_;
  std::int64_t expanded_ = 0;
  std::int64_t generated_ = 0;
  std::int64_t ll_expanded_ = 0;
  std::int64_t ll_generated_ = 0;
};

int PriorityTreeSearch::path_cost(const std::vector<State>& path, RobotId r) const {
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

void PriorityTreeSearch::sync(std::int32_t id) {
  if (++stamp_ == 0) {
    std::fill(mark_.begin(), mark_.end(), 0U);
    stamp_ = 1;
  }
  for (std::int32_t i = id; i >= 0; i = nodes_[static_cast<std::size_t>(i)].parent) {
    const PNode& node = nodes_[static_cast<std::size_t>(i)];
    for (std::int32_t k = node.change_count - 1; k >= 0; --k) {
      const auto [robot, path] = changes_[static_cast<std::size_t>(node.change_begin + k)];
      if (mark_[static_cast<std::size_t>(robot)] == stamp_) continue;
      mark_[static_cast<std::size_t>(robot)] = stamp_;
      current_[static_cast<std::size_t>(robot)] = path;
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
  if (++stamp_ == 0) {
    std::fill(mark_.begin(), mark_.end(), 0U);
    stamp_ = 1;
  }
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

void PriorityTreeSearch::above(RobotId robot, std::vector<RobotId>& out) {
  out.clear();
  if (++stamp_ == 0) {
    std::fill(mark_.begin(), mark_.end(), 0U);
    stamp_ = 1;
  }
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

bool PriorityTreeSearch::replan(RobotId robot, const StopCondition& stop, bool& stopped) {
  std::vector<RobotId>& ups = replan_ups_;
  above(robot, ups);
  table_.clear();
  const int until = one_shot_ ? ReservationTable::kNever : instance_.horizon;
  for (RobotId up : ups)
    table_.add_path(instance_.motion, paths_[static_cast<std::size_t>(current_[static_cast<std::size_t>(up)])],
                    0, one_shot_, until);
  SearchQuery query;
  query.start = instance_.starts[static_cast<std::size_t>(robot)];
  query.goal = instance_.goals[static_cast<std::size_t>(robot)];
  query.horizon = one_shot_ ? 0 : instance_.horizon;
  query.hard = &table_;
  const SearchResult found = low_level_ == LowLevel::Sipp ? sipp_.search(query, path_, &stop)
                                                          : astar_.search(query, path_, &stop);
  ll_expanded_ += found.expanded;
  ll_generated_ += found.generated;
  if (found.status == SearchStatus::Stopped) stopped = true;
  if (found.status != SearchStatus::Found) return false;
  paths_.push_back(path_);
  current_[static_cast<std::size_t>(robot)] = static_cast<std::int32_t>(paths_.size() - 1);
  return true;
}

bool PriorityTreeSearch::collides(RobotId a, RobotId b) const {
  return cbs::paths_conflict(instance_.motion, view(a), view(b));
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
    nodes_.push_back(std::move(child));
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
  state[static_cast<std::size_t>(low)] = 1;
  while (!stack.empty()) {
    auto& [r, k] = stack.back();
    const auto& below = lower_[static_cast<std::size_t>(r)];
    if (k < below.size()) {
      const RobotId next = below[k++];
      if (state[static_cast<std::size_t>(next)] == 0) {
        state[static_cast<std::size_t>(next)] = 1;
        stack.emplace_back(next, 0);
      }
      continue;
    }
    order.push_back(r);
    stack.pop_back();
  }
  std::reverse(order.begin(), order.end());

  std::vector<RobotId>& replanned = replanned_;
  replanned.clear();
  std::vector<RobotId>& ups = ups_;
  for (RobotId r : order) {
    if (stop.should_stop()) {  // a child may check and replan many robots: poll per robot
      stopped = true;
      return -1;
    }
    bool needed = r == low;
    if (!needed) {
      above(r, ups);
      for (RobotId up : ups)
        if (collides(r, up)) {
          needed = true;
          break;
        }
    }
    if (!needed) continue;
    if (!replan(r, stop, stopped)) return -1;
    replanned.push_back(r);
  }

  PNode& child = nodes_[static_cast<std::size_t>(child_id)];
  const PNode& parent = nodes_[static_cast<std::size_t>(id)];
  child.change_begin = static_cast<std::int32_t>(changes_.size());
  child.change_count = static_cast<std::int32_t>(replanned.size());
  child.cost = 0;
  for (RobotId r = 0; r < n_; ++r)
    child.cost += path_cost(paths_[static_cast<std::size_t>(current_[static_cast<std::size_t>(r)])], r);
  for (RobotId r : replanned) changes_.emplace_back(r, current_[static_cast<std::size_t>(r)]);
  std::fill(state.begin(), state.end(), 0);
  for (RobotId r : replanned) state[static_cast<std::size_t>(r)] = 1;
  for (const Conflict& c : parent.conflicts)
    if (state[static_cast<std::size_t>(c.a1)] == 0 && state[static_cast<std::size_t>(c.a2)] == 0)
      child.conflicts.push_back(c);
  for (RobotId r : replanned) {
    for (RobotId b = 0; b < n_; ++b) {
      if (b == r || (state[static_cast<std::size_t>(b)] == 1 && b < r)) continue;
      cbs::find_conflicts(instance_.motion, r, view(r), b, view(b), false, child.conflicts);
    }
  }
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
    nodes_[0].cost += path_cost(paths_[static_cast<std::size_t>(current_[static_cast<std::size_t>(r)])], r);
    for (RobotId b = r + 1; b < n_; ++b)
      cbs::find_conflicts(instance_.motion, r, view(r), b, view(b), false, nodes_[0].conflicts);
  }

  std::vector<std::int32_t> stack{0};
  while (!stack.empty()) {
    if (stop.should_stop() || (node_limit >= 0 && expanded_ >= node_limit)) {
      finish_stats();
      message = "stopped after " + std::to_string(expanded_) + " expansions";
      return Status::Timeout;
    }
    const std::int32_t id = stack.back();
    stack.pop_back();
    if (nodes_[static_cast<std::size_t>(id)].conflicts.empty()) {
      sync(id);
      std::size_t length = 1;
      for (RobotId r = 0; r < n_; ++r)
        length = std::max(length, paths_[static_cast<std::size_t>(current_[static_cast<std::size_t>(r)])].size());
      if (!one_shot_) length = static_cast<std::size_t>(instance_.horizon) + 1;
      plan.assign(length, Config(static_cast<std::size_t>(n_)));
      for (RobotId r = 0; r < n_; ++r) {
        const auto& path = paths_[static_cast<std::size_t>(current_[static_cast<std::size_t>(r)])];
        for (std::size_t t = 0; t < length; ++t)
          plan[t][static_cast<std::size_t>(r)] = path[std::min(t, path.size() - 1)];
      }
      finish_stats();
      return Status::Solved;
    }
    ++expanded_;
    // The earliest conflict: the one a robot meets first.
    const auto& conflicts = nodes_[static_cast<std::size_t>(id)].conflicts;
    const Conflict chosen = *std::min_element(
        conflicts.begin(), conflicts.end(),
        [](const Conflict& x, const Conflict& y) { return x.t < y.t; });
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
    std::vector<Conflict>().swap(nodes_[static_cast<std::size_t>(id)].conflicts);
    // Depth first, the cheaper child (fewer conflicts on ties) on top of the stack.
    const auto better = [&](std::int32_t a, std::int32_t b) {
      const PNode& x = nodes_[static_cast<std::size_t>(a)];
      const PNode& y = nodes_[static_cast<std::size_t>(b)];
      if (x.cost != y.cost) return x.cost < y.cost;
      return x.conflicts.size() < y.conflicts.size();
    };
    if (children[0] >= 0 && children[1] >= 0 && better(children[0], children[1]))
      std::swap(children[0], children[1]);
    for (std::int32_t c : children)
      if (c >= 0) stack.push_back(c);
  }
  finish_stats();
  message = "no priority order found (PBS is incomplete)";
  return Status::Timeout;
}

double seconds_since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

Result PbsPlanner::solve(const Instance& instance, const StopCondition& stop) {
  const auto started = std::chrono::steady_clock::now();
  Result result;
  const bool one_shot = instance.horizon <= 0;
  if (const auto problems = check_instance(instance, one_shot); !problems.empty()) {
    result.status = Status::InvalidInput;
    result.message = "robot " + std::to_string(problems.front().robot) + ": " +
                     problems.front().message;
    result.stats.runtime_s = seconds_since(started);
    return result;
  }
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

LowLevel parse_low_level(const std::string& text) {
  if (text == "astar") return LowLevel::AStar;
  if (text == "sipp") return LowLevel::Sipp;
  throw std::invalid_argument("planner 'pbs': parameter 'low_level' must be astar or sipp, got '" +
                              text + "'");
}

}  // namespace

void register_pbs(PlannerRegistry& registry) {
  registry.add({"pbs",
                "priority-based search: depth-first search over priority orders, robots "
                "replanned around higher-priority paths (incomplete)",
                {{"low_level", "sipp", "single-robot search: sipp or astar (space-time A*)"},
                 {"node_limit", "-1", "give up after this many expansions (-1: none)"}},
                [](const ParamValues& p, std::uint64_t /*seed*/) {
                  return std::make_unique<PbsPlanner>(parse_low_level(p.text("low_level")),
                                                      p.integer("node_limit"));
                }});
}

}  // namespace fleet::planner
