// bench_distance_table: build time and memory of the shared DistanceTable on a League of
// Robot Runners map with many goals (the first N distinct task cells of its task file, then
// free cells if the file has fewer), under the 4-connected and rotation models, at several
// thread counts; exact tables, or guided ones on a crisscross guidance graph (--wrong-way).
#include <fleet/planner/distance_table.hpp>
#include <fleet/planner/grid.hpp>
#include <fleet/sim/tasks.hpp>

#include <CLI/CLI.hpp>
#include <tbb/task_arena.h>

#include <malloc.h>
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <unordered_set>
#include <vector>

namespace {

/// Resident memory now, from /proc (MiB); peak RSS alone cannot show a freed table.
double rss_mib() {
  std::ifstream statm("/proc/self/statm");
  long pages = 0;
  long resident = 0;
  statm >> pages >> resident;
  return static_cast<double>(resident) * 4096.0 / (1024.0 * 1024.0);
}

/// User + system CPU seconds of the process so far: unlike wall time, not inflated when other
/// work shares the machine.
double cpu_seconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  auto secs = [](const timeval& t) { return static_cast<double>(t.tv_sec) + 1e-6 * static_cast<double>(t.tv_usec); };
  return secs(usage.ru_utime) + secs(usage.ru_stime);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Measures DistanceTable build time and memory"};
  const std::string data = FLEET_DATA_DIR;
  std::string map_path = data + "/lorr2023/maps/warehouse_large.map";
  std::string task_path = data + "/lorr2023/tasks/warehouse_large.tasks";
  int goal_count = 10000;
  std::vector<int> thread_counts{1, 2};
  std::vector<std::string> models{"4-connected", "rotation"};
  app.add_option("--map", map_path, "MovingAI map")->check(CLI::ExistingFile);
  app.add_option("--tasks", task_path, "League of Robot Runners task file")->check(CLI::ExistingFile);
  app.add_option("--goals", goal_count, "distinct goals to build tables for")
      ->check(CLI::PositiveNumber);
  app.add_option("--threads", thread_counts, "thread counts to measure");
  app.add_option("--motion", models, "motion models (4-connected, rotation)");
  int wrong_way = 0;
  app.add_option("--wrong-way", wrong_way,
                 "guided tables on the crisscross guidance graph with this wrong-way cost "
                 "(0: exact tables)")
      ->check(CLI::Range(0, fleet::planner::MoveCosts::kMaxCost));
  CLI11_PARSE(app, argc, argv);

  const fleet::planner::Grid grid = fleet::planner::load_map(map_path);
  const fleet::sim::TaskList tasks = fleet::sim::read_task_file(task_path, grid);
  std::vector<fleet::planner::Cell> goals;
  std::unordered_set<fleet::planner::Cell> seen;
  for (const fleet::planner::Cell c : tasks.errands) {
    if (static_cast<int>(goals.size()) == goal_count) break;
    if (seen.insert(c).second) goals.push_back(c);
  }
  const std::size_t from_tasks = goals.size();
  for (const fleet::planner::Cell c : grid.free_cells()) {
    if (static_cast<int>(goals.size()) == goal_count) break;
    if (seen.insert(c).second) goals.push_back(c);
  }
  std::printf("map %s: %dx%d, %d free cells; %zu goals (%zu distinct task cells, %zu free "
              "cells added)\n",
              map_path.c_str(), grid.width(), grid.height(), grid.free_count(), goals.size(),
              from_tasks, goals.size() - from_tasks);
  std::printf("%-12s %7s %10s %10s %12s %12s %12s %12s\n", "motion", "threads", "build s",
              "cpu s", "tables/s", "table MiB", "RSS +MiB", "us/lookup");
  for (const std::string& model : models) {
    const auto kind = fleet::planner::parse_motion_kind(model);
    for (const int threads : thread_counts) {
      malloc_trim(0);  // hand the previous table's pages back, so the RSS delta is this table's
      const double rss_before = rss_mib();
      auto table = std::make_unique<fleet::planner::DistanceTable>(
          grid, kind,
          wrong_way > 0 ? std::make_shared<const fleet::planner::MoveCosts>(
                              fleet::planner::MoveCosts::crisscross(grid, wrong_way))
                        : nullptr);
      tbb::task_arena arena(threads);
      const double cpu_before = cpu_seconds();
      const auto started = std::chrono::steady_clock::now();
      arena.execute([&] { table->prepare(goals); });
      const double seconds =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
      const double cpu = cpu_seconds() - cpu_before;
      const double rss_after = rss_mib();
      // A lookup sweep, so the table is known to answer (and what a lookup costs).
      const fleet::planner::Motion& motion = table->motion();
      std::uint64_t checksum = 0;
      const auto probe_start = std::chrono::steady_clock::now();
      std::size_t lookups = 0;
      for (std::size_t g = 0; g < goals.size(); g += 97) {
        for (std::int32_t f = 0; f < grid.free_count(); f += 13) {
          checksum += table->distance(motion.state(grid.free_cells()[f], 0), goals[g]);
          ++lookups;
        }
      }
      const double lookup_us = 1e6 *
                               std::chrono::duration<double>(std::chrono::steady_clock::now() -
                                                             probe_start).count() /
                               static_cast<double>(std::max<std::size_t>(1, lookups));
      std::printf("%-12s %7d %10.2f %10.2f %12.0f %12.1f %12.1f %12.4f  (checksum %llu)\n",
                  model.c_str(), threads, seconds, cpu, static_cast<double>(table->table_count()) / seconds,
                  static_cast<double>(table->memory_bytes()) / (1024.0 * 1024.0),
                  rss_after - rss_before, lookup_us, static_cast<unsigned long long>(checksum));
      std::fflush(stdout);
    }
  }
  return 0;
}
