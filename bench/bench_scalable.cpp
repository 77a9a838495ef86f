// bench_scalable: runs one scalable planner (pibt, lacam, ...) on one MovingAI instance and
// prints one JSON line: first-solution wall time (distance tables included), SOC/LB at the
// first and the final solution, peak memory, and whether the plan passed the validator.
#include <fleet/planner/grid.hpp>
#include <fleet/planner/instance.hpp>
#include <fleet/planner/registry.hpp>
#include <fleet/planner/validator.hpp>

#include <CLI/CLI.hpp>

#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace {

double peak_rss_mb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;  // Linux reports KiB
}

/// User plus system CPU seconds of this process: on a shared machine, wall time says how busy
/// the others are as much as how fast we are.
double cpu_s() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  auto seconds = [](const timeval& t) {
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) * 1e-6;
  };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

}  // namespace

int main(int argc, char** argv) {
  namespace fp = fleet::planner;
  CLI::App app{"Run a scalable MAPF planner on one MovingAI instance"};
  std::string map_path;
  std::string scen_path;
  int agents = 100;
  std::string planner = "lacam";
  std::vector<std::string> params;
  double seconds = 30.0;
  std::uint64_t seed = 0;
  std::string motion = "4-connected";
  app.add_option("--map", map_path, "MovingAI .map")->required();
  app.add_option("--scen", scen_path, "MovingAI .scen")->required();
  app.add_option("--agents", agents, "first rows of the scenario to use");
  app.add_option("--planner", planner, "registered planner name");
  app.add_option("--param", params, "planner parameter name=value (repeatable)");
  app.add_option("--time", seconds, "time limit in seconds");
  app.add_option("--seed", seed, "seed");
  app.add_option("--motion", motion, "4-connected or rotation");
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
    const auto started = std::chrono::steady_clock::now();
    auto grid = std::make_shared<const fp::Grid>(fp::load_map(map_path));
    fp::Instance instance =
        fp::load_scen(scen_path, grid, agents, fp::parse_motion_kind(motion));
    const double load_s =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    auto made = fp::builtin_planners().make(planner, values, seed);
    const double cpu_before = cpu_s();
    const fp::Result result = made->solve(instance, fp::StopCondition::after(seconds));
    const double solve_cpu_s = cpu_s() - cpu_before;
    // Planners that grow their own distances report the bound; reading it from them keeps
    // the full shared tables (and their memory) out of the measurement.
    double lb = -1;
    for (const auto& [name, value] : result.stats.extra) {
      if (name == "soc_lb") lb = value;
    }
    if (lb < 0) lb = static_cast<double>(fp::sum_of_costs_lower_bound(instance));
    const bool solved = result.status == fp::Status::Solved;
    const auto violations = solved ? fp::validate(instance, result.plan)
                                   : std::vector<fp::Violation>{};
    const double soc = solved ? static_cast<double>(fp::sum_of_costs(instance, result.plan)) : -1;
    std::printf("{\"map\":\"%s\",\"agents\":%d,\"planner\":\"%s\",\"status\":\"%s\","
                "\"load_s\":%.3f,\"runtime_s\":%.3f,\"first_solution_s\":%.3f,"
                "\"first_soc\":%lld,\"soc\":%.0f,\"soc_lb\":%.0f,\"first_soc_over_lb\":%.4f,"
                "\"soc_over_lb\":%.4f,\"makespan\":%d,\"violations\":%zu,\"peak_rss_mb\":%.1f",
                map_path.c_str(), agents, planner.c_str(),
                std::string(fp::to_string(result.status)).c_str(), load_s, result.stats.runtime_s,
                result.stats.first_solution_s,
                static_cast<long long>(result.stats.first_solution_cost), soc, lb,
                result.stats.first_solution_cost > 0
                    ? static_cast<double>(result.stats.first_solution_cost) / lb
                    : -1.0,
                solved ? soc / lb : -1.0, solved ? fp::makespan(instance, result.plan) : -1,
                violations.size(), peak_rss_mb());
    std::printf(",\"solve_cpu_s\":%.3f", solve_cpu_s);
    std::printf(",\"iterations\":%lld,\"expanded\":%lld,\"generated\":%lld",
                static_cast<long long>(result.stats.iterations),
                static_cast<long long>(result.stats.expanded),
                static_cast<long long>(result.stats.generated));
    for (const auto& [name, value] : result.stats.extra) std::printf(",\"%s\":%.4g", name.c_str(), value);
    std::printf("}\n");
    if (!violations.empty()) std::cerr << violations.front().describe(*grid) << "\n";
    return violations.empty() ? 0 : 1;
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 2;
  }
}
