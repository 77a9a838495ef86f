// A suite expanded into its ordered list of runs, each with a stable key (what resume looks
// for in a results file), and the deterministic slices `--shard i/N` selects.
#pragma once

#include <fleet/bench/suite.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace fleet::bench {

/// One run: a scenario at one fleet size, one planner, one seed.
struct RunSpec {
  std::size_t index = 0;     ///< position in the expanded suite
  std::size_t ladder = 0;    ///< runs sharing (scenario, planner, seed), over fleet sizes
  std::size_t scenario = 0;  ///< into Suite::scenarios
  std::size_t planner = 0;   ///< into Suite::planners
  int agents = 0;
  std::uint64_t seed = 0;
  std::string key;  ///< "<suite>/<scenario>/<agents>/<planner label>/<seed>"
};

/// The key of a run; stable as long as the suite's name, the scenario's name and the
/// planner's label stay the same (adding scenarios, planners or seeds keeps old keys).
std::string run_key(std::string_view suite, std::string_view scenario, int agents,
                    std::string_view planner_label, std::uint64_t seed);

/// Every run of the suite, ordered scenario > fleet size > planner > seed, so small fleets of
/// every planner come first and a partial suite already says something about each planner.
std::vector<RunSpec> expand_runs(const Suite& suite);

/// A slice of a suite: runs whose ladder number modulo `count` is `index`. Whole ladders go to
/// one shard so that stop_after_failure sees the smaller fleets' outcomes.
struct Shard {
  int index = 0;
  int count = 1;
  [[nodiscard]] bool contains(const RunSpec& run) const {
    return static_cast<int>(run.ladder % static_cast<std::size_t>(count)) == index;
  }
};

/// Parses "i/N" with 0 <= i < N; throws std::invalid_argument with the reason.
Shard parse_shard(std::string_view text);

/// The runs of `runs` in `shard`, in order.
std::vector<RunSpec> select_shard(const std::vector<RunSpec>& runs, Shard shard);

}  // namespace fleet::bench
