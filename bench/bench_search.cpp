// bench_search: the agent-count ladder of one planner on one MovingAI map. For each count it
// runs scenarios -random-1 .. -random-N with a time limit, validates every plan, prints one
// JSON line per run and a summary line per count (success rate, median time of the solved
// runs, median SOC/LB); it stops climbing once a count solves nothing.
#include <fleet/planner/grid.hpp>
#include <fleet/planner/instance.hpp>
#include <fleet/planner/registry.hpp>
#include <fleet/planner/validator.hpp>

#include <CLI/CLI.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace {

double median(std::vector<double> v) {
  if (v.empty()) return -1.0;
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 == 1 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

}  // namespace

int main(int argc, char** argv) {
  namespace fp = fleet::planner;
  CLI::App app{"Agent-count ladder of one MAPF planner on one MovingAI map"};
  std::string map_path;
  std::string planner = "eecbs";
  std::vector<std::string> params;
  std::vector<int> counts;
  int scens = 5;
  double seconds = 60.0;
  std::uint64_t seed = 0;
  app.add_option("--map", map_path, "MovingAI .map; scenarios are <map>-random-<i>.scen beside it")
      ->required();
  app.add_option("--planner", planner, "registered planner name");
  app.add_option("--param", params, "planner parameter name=value (repeatable)");
  app.add_option("--agents", counts, "agent counts, climbed in order")->required();
  app.add_option("--scens", scens, "scenarios -random-1 .. -random-N");
  app.add_option("--time", seconds, "time limit per run in seconds");
  app.add_option("--seed", seed, "seed");
  CLI11_PARSE(app, argc, argv);

  std::map<std::string, std::string> values;
  for (const std::string& p : params) {
    const auto eq = p.find('=');
    if (eq == std::string::npos) {
      std::cerr << "bad --param '" << p << "' (want name=value)\n";
      return 2;
    }
    values[p.substr(0, eq)] = p.substr(eq + 1);
  }
  try {
    const std::filesystem::path map_file(map_path);
    const std::string stem = (map_file.parent_path() / map_file.stem()).string();
    auto grid = std::make_shared<const fp::Grid>(fp::load_map(map_file));
    const fp::PlannerRegistry registry = fp::builtin_planners();
    bool invalid = false;
    for (const int agents : counts) {
      std::vector<double> times;
      std::vector<double> ratios;
      for (int s = 1; s <= scens; ++s) {
        const std::string scen = stem + "-random-" + std::to_string(s) + ".scen";
        // A fresh instance (and distance table) per run: its build time is counted.
        const auto started = std::chrono::steady_clock::now();
        const fp::Instance instance = fp::load_scen(scen, grid, agents);
        auto made = registry.make(planner, values, seed);
        const fp::Result result = made->solve(instance, fp::StopCondition::after(seconds));
        const double wall =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        const bool solved = result.status == fp::Status::Solved;
        const auto violations =
            solved ? fp::validate(instance, result.plan) : std::vector<fp::Violation>{};
        invalid = invalid || !violations.empty();
        const double lb = static_cast<double>(fp::sum_of_costs_lower_bound(instance));
        const double soc =
            solved ? static_cast<double>(fp::sum_of_costs(instance, result.plan)) : -1.0;
        const bool ok = solved && violations.empty();
        if (ok) {
          times.push_back(wall);
          ratios.push_back(lb > 0 ? soc / lb : 1.0);
        }
        std::printf("{\"map\":\"%s\",\"scen\":%d,\"agents\":%d,\"planner\":\"%s\","
                    "\"status\":\"%s\",\"wall_s\":%.3f,\"soc\":%.0f,\"soc_lb\":%.0f,"
                    "\"soc_over_lb\":%.4f,\"violations\":%zu,\"hl_expanded\":%lld,"
                    "\"ll_expanded\":%lld",
                    map_file.stem().c_str(), s, agents, planner.c_str(),
                    std::string(fp::to_string(result.status)).c_str(), wall, soc, lb,
                    ok ? soc / lb : -1.0, violations.size(),
                    static_cast<long long>(result.stats.iterations),
                    static_cast<long long>(result.stats.expanded));
        for (const auto& [name, value] : result.stats.extra)
          std::printf(",\"%s\":%.6g", name.c_str(), value);
        std::printf("}\n");
        std::fflush(stdout);
      }
      std::printf("# %s %s agents=%d solved=%zu/%d median_s=%.3f median_soc_over_lb=%.4f\n",
                  map_file.stem().c_str(), planner.c_str(), agents, times.size(), scens,
                  median(times), median(ratios));
      std::fflush(stdout);
      if (times.empty()) break;  // the ladder ends where nothing is solved
    }
    return invalid ? 1 : 0;
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 2;
  }
}
