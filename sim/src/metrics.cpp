#include <fleet/sim/metrics.hpp>

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace fleet::sim {

std::string_view to_string(Phase phase) {
  switch (phase) {
    case Phase::Assign: return "assign";
    case Phase::Plan: return "plan";
    case Phase::Execute: return "execute";
    case Phase::Validate: return "validate";
    case Phase::Complete: return "complete";
    case Phase::Record: return "record";
  }
  return "unknown";
}

double PhaseTimes::loop_total_s() const {
  double sum = 0.0;
  for (int p = 0; p < kPhaseCount; ++p)
    if (static_cast<Phase>(p) != Phase::Plan) sum += total_s[static_cast<std::size_t>(p)];
  return sum;
}

PlannerTimes summarize_times(std::vector<double> seconds) {
  PlannerTimes out;
  out.calls = static_cast<std::int64_t>(seconds.size());
  if (seconds.empty()) return out;
  out.first_s = seconds.front();
  std::sort(seconds.begin(), seconds.end());
  for (const double s : seconds) out.total_s += s;
  // Nearest rank: the smallest value with at least p% of the calls at or below it.
  auto rank = [&](double p) {
    const auto k = static_cast<std::size_t>(std::ceil(p * static_cast<double>(seconds.size())));
    return seconds[std::clamp<std::size_t>(k, 1, seconds.size()) - 1];
  };
  out.p50_s = rank(0.50);
  out.p99_s = rank(0.99);
  out.max_s = seconds.back();
  return out;
}

int slice_length(int run_ticks, int window_ticks) {
  constexpr int kLongSlice = 1000;
  if (run_ticks >= 2 * kLongSlice) return kLongSlice;
  const double fifth = static_cast<double>(run_ticks) / 5.0 / window_ticks;
  return std::max(1, static_cast<int>(std::lround(fifth))) * window_ticks;
}

ThroughputSlices throughput_slices(const ThroughputWindows& windows, int run_ticks) {
  ThroughputSlices out;
  const int window = std::max(1, windows.ticks);
  out.ticks = slice_length(run_ticks, window);
  for (int start = 0; start < run_ticks;) {
    int end = std::min(start + out.ticks, run_ticks);
    if (run_ticks - end > 0 && run_ticks - end < out.ticks / 2) end = run_ticks;  // merge a stub
    std::int64_t errands = 0;
    // Slice boundaries fall on window boundaries (or on the end of the run).
    for (std::size_t w = static_cast<std::size_t>(start / window);
         w < windows.errands.size() && static_cast<int>(w) * window < end; ++w)
      errands += windows.errands[w];
    out.per_tick.push_back(static_cast<double>(errands) / (end - start));
    out.slice_ticks.push_back(end - start);
    start = end;
  }
  return out;
}

std::vector<std::string> throughput_warnings(const RunSummary& s) {
  std::vector<std::string> out;
  if (!s.lifelong || s.ticks <= 0 || s.windows.errands.empty()) return out;
  const ThroughputSlices slices = throughput_slices(s.windows, s.ticks);
  if (slices.per_tick.size() >= 2) {
    const double best = *std::max_element(slices.per_tick.begin(), slices.per_tick.end());
    const double last = slices.per_tick.back();
    if (best > 0.0 && last < 0.5 * best)
      out.push_back(fmt::format("throughput collapsed: the last {} ticks made {:.2f} errands per "
                                "tick, below half the best slice's {:.2f}",
                                slices.slice_ticks.back(), last, best));
  }
  const std::size_t w = s.windows.waits.size() - 1;
  const int first_tick = static_cast<int>(w) * s.windows.ticks;
  const int window_ticks = std::max(1, s.ticks - first_tick);
  const double waiting = static_cast<double>(s.windows.waits[w]) / window_ticks;
  if (s.robots > 0 && waiting > 0.5 * s.robots)
    out.push_back(fmt::format("more than half the robots waited off their goals in the last "
                              "window (ticks {}-{}): {:.1f} of {} per tick on average",
                              first_tick, s.ticks, waiting, s.robots));
  return out;
}

double RunSummary::loop_robot_steps_per_s() const {
  const double loop = phases.loop_total_s();
  return loop > 0.0 ? static_cast<double>(robots) * static_cast<double>(phases.ticks) / loop : 0.0;
}

std::string to_json(const RunSummary& s) {
  nlohmann::ordered_json j;
  j["scenario"] = s.scenario;
  j["planner"] = s.planner;
  j["motion"] = s.motion;
  j["robots"] = s.robots;
  j["seed"] = s.seed;
  j["threads"] = s.threads;
  j["lifelong"] = s.lifelong;
  j["ticks"] = s.ticks;
  j["all_at_goals"] = s.all_at_goals;
  j["sum_of_costs"] = s.sum_of_costs;
  j["makespan"] = s.makespan;
  j["errands_done"] = s.errands_done;
  j["throughput"] = s.throughput;
  j["moves"] = s.moves;
  j["waits"] = s.waits;
  j["held"] = s.held;
  if (s.lifelong) {
    j["throughput_windows"] = {{"ticks", s.windows.ticks},
                               {"errands", s.windows.errands},
                               {"waits", s.windows.waits}};
    const ThroughputSlices slices = throughput_slices(s.windows, s.ticks);
    j["throughput_slices"] = {{"ticks", slices.ticks},
                              {"per_tick", slices.per_tick},
                              {"slice_ticks", slices.slice_ticks}};
  }
  j["warnings"] = s.warnings;
  j["replans"] = s.replans;
  j["planner_late"] = s.planner_late;
  j["planner_failed"] = s.planner_failed;
  j["planner_time"] = {{"calls", s.planner_times.calls},   {"total_s", s.planner_times.total_s},
                       {"p50_s", s.planner_times.p50_s},   {"p99_s", s.planner_times.p99_s},
                       {"max_s", s.planner_times.max_s},   {"first_s", s.planner_times.first_s}};
  const DistanceMemory& dm = s.distance_memory;
  j["distance_tables"] = {{"tables", dm.tables},         {"bytes", dm.bytes},
                          {"peak_tables", dm.peak_tables}, {"peak_bytes", dm.peak_bytes},
                          {"builds", dm.builds},         {"trims", dm.trims}};
  j["preprocess_s"] = s.preprocess_s;
  j["execution"] = {{"policy", s.execution},
                    {"delays", s.delays},
                    {"slip_prob", s.slip_prob},
                    {"delayed", s.delayed},
                    {"dependency_waits", s.dependency_waits},
                    {"stalls", s.stalls},
                    {"breakdowns", s.breakdowns},
                    {"delay_replans", s.delay_replans}};
  if (!s.lifelong) {
    j["planned_sum_of_costs"] = s.planned_sum_of_costs;
    j["planned_makespan"] = s.planned_makespan;
  } else {
    j["errand_latency"] = s.errand_latency;
  }
  j["invalid_steps_prevented"] = s.invalid_steps_prevented;
  j["violations_prevented"] = s.violations_prevented;
  nlohmann::ordered_json phases;
  for (int p = 0; p < kPhaseCount; ++p) {
    const auto phase = static_cast<Phase>(p);
    phases[std::string(to_string(phase))] = {{"total_s", s.phases.total(phase)},
                                             {"mean_s", s.phases.mean(phase)}};
  }
  j["phases"] = phases;
  j["loop_robot_steps_per_s"] = s.loop_robot_steps_per_s();
  j["wall_s"] = s.wall_s;
  char hash[19];
  std::snprintf(hash, sizeof hash, "0x%016llx", static_cast<unsigned long long>(s.state_hash));
  j["state_hash"] = hash;
  return j.dump(2) + "\n";
}

}  // namespace fleet::sim
