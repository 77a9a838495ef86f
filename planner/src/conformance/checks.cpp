// Runs the conformance battery: each answer is timed and validated; the deadline, cancel and
// seed checks; and the report card.
#include <fleet/planner/conformance.hpp>
#include <fleet/planner/validator.hpp>

#include <atomic>
#include <chrono>
#include <exception>
#include <map>
#include <thread>

namespace fleet::planner {
namespace {

using Clock = std::chrono::steady_clock;

constexpr double kCancelAfterS = 0.1;  // the cancel check cancels this long into a call
constexpr double kDeadlineS = 60.0;    // ... whose deadline is far away

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

struct Answer {
  Result result;
  double seconds = 0.0;
  std::string thrown;  ///< what the planner threw, if it did
};

Answer solve(Planner& planner, const Instance& instance, const StopCondition& stop) {
  Answer answer;
  const auto started = Clock::now();
  try {
    answer.result = planner.solve(instance, stop);
  } catch (const std::exception& e) {
    answer.thrown = e.what();
  } catch (...) {
    answer.thrown = "an exception of unknown type";
  }
  answer.seconds = seconds_since(started);
  return answer;
}

bool incomplete(const PlannerRegistry::Entry& entry) {
  return entry.description.find("incomplete") != std::string::npos;
}

/// Empty when `answer` is a conforming answer to `c`, else why not.
std::string judge(const PlannerRegistry::Entry& entry, const ConformanceCase& c,
                  const Answer& answer, double limit_s, double overrun_s) {
  if (!answer.thrown.empty()) return "threw: " + answer.thrown;
  if (answer.seconds > limit_s + overrun_s)
    return "answered after " + std::to_string(answer.seconds) + " s, past its " +
           std::to_string(limit_s) + " s deadline";
  const Result& result = answer.result;
  if (!c.solvable) {
    if (result.status == Status::Solved) return "returned a plan for an unsolvable instance";
    return {};
  }
  if (result.status == Status::Timeout && incomplete(entry)) return {};
  if (result.status != Status::Solved)
    return "status " + std::string(to_string(result.status)) +
           (result.message.empty() ? "" : " (" + result.message + ")") +
           " on a solvable instance";
  if (c.instance.horizon > 0 &&
      result.plan.size() != static_cast<std::size_t>(c.instance.horizon) + 1)
    return "a windowed plan must have horizon + 1 = " + std::to_string(c.instance.horizon + 1) +
           " configurations, got " + std::to_string(result.plan.size());
  ValidateOptions validation;
  validation.require_goals = c.instance.horizon == 0;
  const auto violations = validate(c.instance, result.plan, validation);
  if (!violations.empty())
    return std::to_string(violations.size()) + " violations, first: " +
           violations.front().describe(c.instance.map());
  if (c.instance.horizon == 0 &&
      sum_of_costs(c.instance, result.plan) < sum_of_costs_lower_bound(c.instance))
    return "sum of costs below its lower bound";
  if (result.stats.runtime_s < 0.0) return "negative runtime in its stats";
  return {};
}

ConformanceCheck contract_check(const PlannerRegistry& registry, const PlannerRegistry::Entry& entry,
                                const ConformanceOptions& options) {
  ConformanceCheck check{"contract", "description, parameters and name", true, {}, 0.0};
  auto fail = [&](const std::string& why) {
    check.passed = false;
    check.detail += (check.detail.empty() ? "" : "; ") + why;
  };
  if (entry.description.empty()) fail("no description");
  for (const auto& spec : entry.params)
    if (spec.description.empty()) fail("parameter '" + spec.name + "' has no description");
  const auto planner = registry.make(entry.name, options.params, 0);
  if (planner == nullptr) {
    fail("its factory made no planner");
  } else if (planner->name() != entry.name) {
    fail("name() says '" + std::string(planner->name()) + "', registered as '" + entry.name + "'");
  }
  return check;
}

/// A call on the busy instance must end within the overrun of `limit_s`; running out of time
/// there is the point, so Timeout is a conforming answer.
ConformanceCheck busy_check(const std::string& group, const std::string& label,
                            const PlannerRegistry::Entry& entry, const ConformanceCase& busy,
                            const Answer& answer, double limit_s,
                            const ConformanceOptions& options) {
  ConformanceCheck check{group, busy.label + ", " + label, false, {}, answer.seconds};
  const bool in_time = answer.thrown.empty() && answer.seconds <= limit_s + options.overrun_s;
  if (!(in_time && answer.result.status == Status::Timeout))
    check.detail = judge(entry, busy, answer, limit_s, options.overrun_s);
  check.passed = check.detail.empty();
  return check;
}

ConformanceCheck deadline_check(const PlannerRegistry& registry, const PlannerRegistry::Entry& entry,
                                const ConformanceCase& busy, const ConformanceOptions& options) {
  constexpr double kLimitS = 0.2;
  const auto planner = registry.make(entry.name, options.params, 1);
  const Answer answer = solve(*planner, busy.instance, StopCondition::after(kLimitS));
  return busy_check("deadline", "0.2 s deadline", entry, busy, answer, kLimitS, options);
}

ConformanceCheck cancel_check(const PlannerRegistry& registry, const PlannerRegistry::Entry& entry,
                              const ConformanceCase& busy, const ConformanceOptions& options) {
  const auto planner = registry.make(entry.name, options.params, 1);
  std::atomic<bool> cancel{false};
  Answer answer;
  {
    const std::jthread canceller([&cancel](const std::stop_token& stop) {
      const auto until = Clock::now() + std::chrono::duration<double>(kCancelAfterS);
      while (!stop.stop_requested() && Clock::now() < until)
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
      cancel.store(true);
    });
    answer = solve(*planner, busy.instance, StopCondition::after(kDeadlineS, &cancel));
  }
  return busy_check("cancel", "cancelled after 0.1 s", entry, busy, answer, kCancelAfterS,
                    options);
}

ConformanceCheck seed_check(const PlannerRegistry& registry, const PlannerRegistry::Entry& entry,
                            const ConformanceCase& c, const ConformanceOptions& options) {
  constexpr std::uint64_t kSeed = 7;
  ConformanceCheck check{"seed", c.label + ", seed 7 twice", true, {}, 0.0};
  std::vector<Answer> answers;
  for (int i = 0; i < 2; ++i) {
    const auto planner = registry.make(entry.name, options.params, kSeed);
    planner->preprocess(c.instance);
    answers.push_back(solve(*planner, c.instance, StopCondition::after(options.time_limit_s)));
    check.seconds += answers.back().seconds;
  }
  const Answer& a = answers[0];
  const Answer& b = answers[1];
  if (!a.thrown.empty() || !b.thrown.empty()) {
    check.passed = false;
    check.detail = "threw: " + (a.thrown.empty() ? b.thrown : a.thrown);
  } else if (a.result.status != b.result.status) {
    check.passed = false;
    check.detail = "statuses differ: " + std::string(to_string(a.result.status)) + " then " +
                   std::string(to_string(b.result.status));
  } else if (a.result.plan != b.result.plan) {
    check.passed = false;
    check.detail = "the two plans differ";
  }
  return check;
}

}  // namespace

bool ConformanceReport::passed() const {
  for (const auto& check : checks)
    if (!check.passed) return false;
  return !checks.empty();
}

std::string ConformanceReport::card() const {
  std::vector<std::string> groups;
  std::map<std::string, std::pair<int, int>> tally;  // passed, total
  std::map<std::string, double> seconds;
  for (const auto& check : checks) {
    if (!tally.contains(check.group)) groups.push_back(check.group);
    auto& [passed_count, total] = tally[check.group];
    passed_count += check.passed ? 1 : 0;
    ++total;
    seconds[check.group] += check.seconds;
  }
  std::string text = "check-planner " + planner + "\n";
  for (const auto& group : groups) {
    const auto [passed_count, total] = tally[group];
    text += "  " + std::string(passed_count == total ? "PASS" : "FAIL") + "  " + group +
            std::string(group.size() < 11 ? 11 - group.size() : 1, ' ') +
            std::to_string(passed_count) + "/" + std::to_string(total) + "  (" +
            std::to_string(seconds[group]).substr(0, 5) + " s)\n";
  }
  for (const auto& check : checks)
    if (!check.passed)
      text += "  failed: [" + check.group + "] " + check.label + ": " + check.detail + "\n";
  text += passed() ? "result: PASS\n" : "result: FAIL\n";
  return text;
}

std::vector<ConformanceCheck> check_cases(const PlannerRegistry& registry, const std::string& name,
                                          const std::vector<ConformanceCase>& cases,
                                          const std::string& group,
                                          const ConformanceOptions& options) {
  const PlannerRegistry::Entry* entry = registry.find(name);
  if (entry == nullptr) (void)registry.make(name);  // throws, listing the known planners
  std::vector<ConformanceCheck> checks;
  for (const ConformanceCase& c : cases) {
    for (const std::uint64_t seed : options.seeds) {
      const auto planner = registry.make(name, options.params, seed);
      planner->preprocess(c.instance);
      const Answer answer =
          solve(*planner, c.instance, StopCondition::after(options.time_limit_s));
      ConformanceCheck check{group, c.label + ", seed " + std::to_string(seed), false, {},
                             answer.seconds};
      check.detail = judge(*entry, c, answer, options.time_limit_s, options.overrun_s);
      check.passed = check.detail.empty();
      checks.push_back(std::move(check));
    }
  }
  return checks;
}

ConformanceReport check_planner(const PlannerRegistry& registry, const std::string& name,
                                const ConformanceOptions& options) {
  const PlannerRegistry::Entry* entry = registry.find(name);
  if (entry == nullptr) (void)registry.make(name);  // throws, listing the known planners
  ConformanceReport report;
  report.planner = name;
  report.checks.push_back(contract_check(registry, *entry, options));
  const auto cases = plan_cases();
  for (auto& check : check_cases(registry, name, cases, "plans", options))
    report.checks.push_back(std::move(check));
  for (auto& check : check_cases(registry, name, degenerate_cases(), "degenerate", options))
    report.checks.push_back(std::move(check));
  const ConformanceCase busy = busy_case();
  report.checks.push_back(deadline_check(registry, *entry, busy, options));
  report.checks.push_back(cancel_check(registry, *entry, busy, options));
  report.checks.push_back(seed_check(registry, *entry, cases[2], options));  // random, one-shot
  report.checks.push_back(seed_check(registry, *entry, cases[3], options));  // random, windowed
  return report;
}

}  // namespace fleet::planner
