// The planners `cbs`, `ecbs` and `eecbs`: one constraint-tree search (cbs/ct_search.hpp)
// with three selection strategies, behind the Planner interface and the registry.
#include "algorithms/planner_support.hpp"
#include "algorithms/registrations.hpp"
#include "cbs/ct_search.hpp"

#include <chrono>
#include <stdexcept>

namespace fleet::planner {
namespace {

using cbs::CbsOptions;
using cbs::ConstraintTreeSearch;
using cbs::Heuristic;
using cbs::Outcome;
using cbs::Strategy;

class CbsPlanner final : public Planner {
public:
  CbsPlanner(std::string name, CbsOptions options)
      : name_(std::move(name)), options_(options) {}
  [[nodiscard]] std::string_view name() const override { return name_; }
  Result solve(const Instance& instance, const StopCondition& stop) override;

private:
  std::string name_;
  CbsOptions options_;
  std::unique_ptr<ConstraintTreeSearch> search_;  // kept: its workspace serves the next call
};

Result CbsPlanner::solve(const Instance& instance, const StopCondition& stop) {
  const auto started = std::chrono::steady_clock::now();
  Result result;
  const bool one_shot = instance.horizon <= 0;
  if (reject_invalid(instance, one_shot, result, started)) return result;
  instance.distances->prepare(instance.goals);
  if (!search_) search_ = std::make_unique<ConstraintTreeSearch>(options_);
  cbs::CbsResult found = search_->run(instance, stop);

  const cbs::CbsCounters& c = found.counters;
  result.stats.iterations = c.expanded;
  result.stats.expanded = c.ll_expanded;
  result.stats.generated = c.ll_generated;
  result.stats.extra = {{"hl_generated", static_cast<double>(c.generated)},
                        {"ll_searches", static_cast<double>(c.ll_searches)},
                        {"lower_bound", static_cast<double>(found.lower_bound)},
                        {"mdds", static_cast<double>(c.mdds)},
                        {"bypasses", static_cast<double>(c.bypasses)},
                        {"cardinal_splits", static_cast<double>(c.cardinal)},
                        {"semi_cardinal_splits", static_cast<double>(c.semi_cardinal)},
                        {"target_splits", static_cast<double>(c.target_splits)},
                        {"rectangle_splits", static_cast<double>(c.rectangle_splits)},
                        {"corridor_splits", static_cast<double>(c.corridor_splits)},
                        {"pair_solves", static_cast<double>(c.pair_solves)}};
  switch (found.outcome) {
    case Outcome::Solved: {
      result.plan = assemble_plan(found.paths.size(), one_shot ? 0 : instance.horizon,
                                  [&](std::size_t r) { return std::span<const State>(found.paths[r]); });
      result.status = Status::Solved;
      result.stats.first_solution_s = seconds_since(started);
      result.stats.first_solution_cost = found.cost;
      break;
    }
    case Outcome::Infeasible:
      result.status = Status::Infeasible;
      result.message = "the constraint tree ran out of nodes: no solution exists";
      break;
    case Outcome::Timeout:
    case Outcome::NodeLimit:
      result.status = Status::Timeout;
      result.message = "stopped after " + std::to_string(c.expanded) +
                       " high-level expansions; lower bound " +
                       std::to_string(found.lower_bound);
      break;
  }
  result.stats.runtime_s = seconds_since(started);
  return result;
}

Heuristic parse_heuristic(const std::string& text) {
  constexpr Heuristic kByIndex[] = {Heuristic::WDG, Heuristic::DG, Heuristic::CG, Heuristic::None};
  return kByIndex[parse_choice("cbs", "heuristic", text, {"wdg", "dg", "cg", "none"})];
}

std::vector<ParamSpec> shared_params() {
  return {{"prioritize", "true", "split cardinal, then semi-cardinal conflicts first (MDDs)"},
          {"bypass", "true", "adopt a child's path when it costs no more and conflicts less"},
          {"target", "true", "target reasoning: length / hold constraints at goals"},
          {"rectangle", "true", "rectangle reasoning with barrier constraints (4-connected)"},
          {"corridor", "true", "corridor reasoning with range constraints"},
          {"node_limit", "-1", "give up after this many high-level expansions (-1: none)"}};
}

CbsOptions shared_options(const ParamValues& p) {
  CbsOptions options;
  options.prioritize = p.flag("prioritize");
  options.bypass = p.flag("bypass");
  options.target_reasoning = p.flag("target");
  options.rectangle_reasoning = p.flag("rectangle");
  options.corridor_reasoning = p.flag("corridor");
  options.node_limit = p.integer("node_limit");
  return options;
}

double parse_weight(const ParamValues& p, const std::string& planner) {
  const double w = p.number("w");
  if (!(w >= 1.0))
    throw std::invalid_argument("planner '" + planner + "': parameter 'w' must be >= 1, got '" +
                                p.text("w") + "'");
  return w;
}

}  // namespace

void register_cbs(PlannerRegistry& registry) {
  {
    auto params = shared_params();
    params.push_back({"heuristic", "wdg", "admissible high-level heuristic: wdg, dg, cg or none"});
    params.push_back({"cat", "true", "break low-level ties by fewest conflicts with other paths"});
    registry.add({"cbs",
                  "conflict-based search, optimal sum of costs (prioritised conflicts, bypassing, "
                  "WDG heuristic, target, rectangle and corridor reasoning)",
                  std::move(params), [](const ParamValues& p, std::uint64_t /*seed*/) {
                    CbsOptions options = shared_options(p);
                    options.strategy = Strategy::Optimal;
                    options.heuristic = parse_heuristic(p.text("heuristic"));
                    options.conflict_avoidance = p.flag("cat");
                    return std::make_unique<CbsPlanner>("cbs", options);
                  }});
  }
  {
    auto params = shared_params();
    params.push_back({"w", "1.2", "suboptimality bound: cost <= w x optimal"});
    registry.add({"ecbs",
                  "enhanced CBS: focal search at both levels, sum of costs within w of optimal",
                  std::move(params), [](const ParamValues& p, std::uint64_t /*seed*/) {
                    CbsOptions options = shared_options(p);
                    options.strategy = Strategy::Focal;
                    options.weight = parse_weight(p, "ecbs");
                    return std::make_unique<CbsPlanner>("ecbs", options);
                  }});
  }
  {
    auto params = shared_params();
    params.push_back({"w", "1.2", "suboptimality bound: cost <= w x optimal"});
    registry.add({"eecbs",
                  "explicit estimation CBS: online-learned estimates at the high level, focal "
                  "low level, sum of costs within w of optimal",
                  std::move(params), [](const ParamValues& p, std::uint64_t /*seed*/) {
                    CbsOptions options = shared_options(p);
                    options.strategy = Strategy::Explicit;
                    options.weight = parse_weight(p, "eecbs");
                    return std::make_unique<CbsPlanner>("eecbs", options);
                  }});
  }
}

}  // namespace fleet::planner
