// The one interface every multi-agent planner implements, built-in or plugin.
#pragma once

#include <fleet/planner/plan.hpp>
#include <fleet/planner/stop_condition.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace fleet::planner {

enum class Status : std::uint8_t {
  Solved,       ///< plan is a complete, valid solution (or, with a horizon, a valid prefix)
  Timeout,      ///< stopped before a solution; plan is empty
  Infeasible,   ///< proven unsolvable
  InvalidInput  ///< the instance is malformed (see Result::message)
};
std::string_view to_string(Status status);

struct Stats {
  double runtime_s = 0.0;
  double first_solution_s = -1.0;  ///< anytime planners: when the first solution was found
  std::int64_t first_solution_cost = -1;
  std::int64_t expanded = 0;    ///< search nodes expanded
  std::int64_t generated = 0;   ///< search nodes generated
  std::int64_t iterations = 0;  ///< restarts, LNS rounds, high-level nodes: per planner
  /// Planner-specific figures, by name.
  std::vector<std::pair<std::string, double>> extra;
};

struct Result {
  Status status = Status::Timeout;
  Plan plan;
  Stats stats;
  std::string message;
};

class Planner {
public:
  virtual ~Planner() = default;
  [[nodiscard]] virtual std::string_view name() const = 0;
  /// Plans for `instance` until solved or `stop` says so. Must not throw for planning
  /// outcomes; report them in Result::status. May keep state between calls (lifelong).
  ///
  /// One-shot (instance.horizon == 0): a Solved plan starts at the starts and ends with every
  /// robot on its goal. Lifelong (horizon h > 0): a Solved plan has exactly h + 1
  /// configurations, starts at the starts and is conflict-free throughout; robots need not
  /// reach their goals (a complete planner pads its plan with the final configuration).
  virtual Result solve(const Instance& instance, const StopCondition& stop) = 0;

  /// Called once before the first timed call of a run, like the League of Robot Runners'
  /// preprocessing phase: builds what the planner needs for the map and the first goals, so
  /// that the first call does not spend its deadline on it. The default builds the shared
  /// distance tables of the goals; a planner that ranks moves by other distances builds those.
  virtual void preprocess(const Instance& instance) { instance.distances->prepare(instance.goals); }
};

}  // namespace fleet::planner
