// Expansion of a suite into runs, their keys, and shards.
#include <fleet/bench/runs.hpp>

#include <charconv>
#include <stdexcept>

namespace fleet::bench {

std::string run_key(std::string_view suite, std::string_view scenario, int agents,
                    std::string_view planner_label, std::uint64_t seed) {
  std::string key;
  key.reserve(suite.size() + scenario.size() + planner_label.size() + 32);
  key.append(suite).append("/").append(scenario).append("/").append(std::to_string(agents));
  key.append("/").append(planner_label).append("/").append(std::to_string(seed));
  return key;
}

std::vector<RunSpec> expand_runs(const Suite& suite) {
  std::vector<RunSpec> runs;
  const std::size_t planners = suite.planners.size();
  const std::size_t seeds = suite.seeds.size();
  for (std::size_t s = 0; s < suite.scenarios.size(); ++s) {
    const ScenarioSpec& scenario = suite.scenarios[s];
    for (const int agents : scenario.agents) {
      for (std::size_t p = 0; p < planners; ++p) {
        for (std::size_t k = 0; k < seeds; ++k) {
          RunSpec run;
          run.index = runs.size();
          run.ladder = (s * planners + p) * seeds + k;
          run.scenario = s;
          run.planner = p;
          run.agents = agents;
          run.seed = suite.seeds[k];
          run.key = run_key(suite.name, scenario.name, agents, suite.planners[p].label, run.seed);
          runs.push_back(std::move(run));
        }
      }
    }
  }
  return runs;
}

Shard parse_shard(std::string_view text) {
  const auto slash = text.find('/');
  const auto number = [&](std::string_view part, int& out) {
    auto [ptr, ec] = std::from_chars(part.data(), part.data() + part.size(), out);
    return ec == std::errc() && ptr == part.data() + part.size() && !part.empty();
  };
  Shard shard;
  if (slash == std::string_view::npos || !number(text.substr(0, slash), shard.index) ||
      !number(text.substr(slash + 1), shard.count))
    throw std::invalid_argument("--shard must be i/N (e.g. 0/4), got '" + std::string(text) + "'");
  if (shard.count < 1 || shard.index < 0 || shard.index >= shard.count)
    throw std::invalid_argument("--shard i/N needs 0 <= i < N, got '" + std::string(text) + "'");
  return shard;
}

std::vector<RunSpec> select_shard(const std::vector<RunSpec>& runs, Shard shard) {
  std::vector<RunSpec> out;
  for (const auto& run : runs)
    if (shard.contains(run)) out.push_back(run);
  return out;
}

}  // namespace fleet::bench
