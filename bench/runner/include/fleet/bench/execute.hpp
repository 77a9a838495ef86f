// One run, in the calling process: load, plan or simulate under the suite's limits, validate
// independently of the planner, measure. The runner calls it in a forked child; tests may
// call it directly.
#pragma once

#include <fleet/bench/record.hpp>
#include <fleet/bench/runs.hpp>
#include <fleet/bench/suite.hpp>
#include <fleet/planner/registry.hpp>

#include <functional>

namespace fleet::bench {

/// A record naming the run (suite, key, scenario, planner, limits...) with no outcome yet.
RunRecord blank_record(const Suite& suite, const RunSpec& run);

/// Runs `run` and returns its record. `loaded` is called once the scenario is loaded and the
/// planner made, just before the clock of the time limit starts. Input problems, planner
/// refusals and failed allocations become statuses (error, oom); nothing is thrown for them.
/// Limits TBB to Suite::threads while it runs.
RunRecord execute_run(const Suite& suite, const RunSpec& run,
                      const planner::PlannerRegistry& registry,
                      const std::function<void()>& loaded = {});

}  // namespace fleet::bench
