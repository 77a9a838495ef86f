// The conformance battery behind `fleetsim check-planner` and the conformance tests: it runs
// one planner from a registry, built-in or plugin alike, over fixed instances (several maps,
// both motion models, one-shot and windowed calls, degenerate cases), validates every answer,
// and checks that the planner honours its deadline and a cancel and that a seed fixes its plan.
#pragma once

#include <fleet/planner/instance.hpp>
#include <fleet/planner/registry.hpp>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace fleet::planner {

struct ConformanceCase {
  std::string label;
  Instance instance;
  /// False for an instance no plan solves: a conforming answer is then anything but Solved.
  bool solvable = true;
};

struct ConformanceOptions {
  double time_limit_s = 2.0;  ///< per call on the battery's (small) instances
  double overrun_s = 0.5;     ///< how late past its deadline or a cancel a planner may answer
  std::vector<std::uint64_t> seeds = {0, 42};
  std::map<std::string, std::string> params;  ///< given to every planner made
};

/// One line of the report card.
struct ConformanceCheck {
  std::string group;  ///< "contract", "plans", "degenerate", "deadline", "cancel", "seed"
  std::string label;
  bool passed = false;
  std::string detail;  ///< why it failed (or a note when it passed)
  double seconds = 0.0;
};

struct ConformanceReport {
  std::string planner;
  std::vector<ConformanceCheck> checks;
  [[nodiscard]] bool passed() const;
  /// The report card: a line per group with its passed/total, then each failure in full.
  [[nodiscard]] std::string card() const;
};

/// The battery's solvable instances (maps x motion models x one-shot and windowed) and its
/// degenerate ones (no robots, robots on their goals, an unreachable goal, a one-cell corridor).
std::vector<ConformanceCase> plan_cases();
std::vector<ConformanceCase> degenerate_cases();
/// A larger one-shot instance (a 48x48 floor, 150 robots) for the deadline and cancel checks.
ConformanceCase busy_case();

/// Runs the planner `name` on each case with each seed and checks every answer: in time,
/// Solved (a planner whose description says "incomplete" may time out) with a valid plan of
/// the right length for solvable cases, anything but Solved for unsolvable ones.
std::vector<ConformanceCheck> check_cases(const PlannerRegistry& registry, const std::string& name,
                                          const std::vector<ConformanceCase>& cases,
                                          const std::string& group,
                                          const ConformanceOptions& options = {});

/// The whole battery. Throws std::invalid_argument for an unknown planner or parameter.
ConformanceReport check_planner(const PlannerRegistry& registry, const std::string& name,
                                const ConformanceOptions& options = {});

}  // namespace fleet::planner
