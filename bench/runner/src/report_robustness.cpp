// The robustness table: how each planner and execution policy fares as the delay probability
// grows, from the runs a suite made with `delay_prob` set.
#include "report_stats.hpp"

#include <fleet/bench/report.hpp>

#include <fmt/core.h>

#include <map>
#include <tuple>

namespace fleet::bench {

using report_stats::csv_text;
using report_stats::quantile;

std::string robustness_csv(const std::vector<RunRecord>& runs) {
  using Key = std::tuple<std::string, int, std::string, std::string, double>;
  struct Cell {
    bool lifelong = false;
    int runs = 0;
    std::int64_t executed_violations = 0;
    std::vector<double> values;
  };
  std::map<Key, Cell> cells;
  for (const RunRecord& r : runs) {
    if (!r.delay_prob || r.status == RunStatus::Skipped) continue;
    Cell& cell = cells[Key{r.group, r.agents, r.planner_label, r.execution.value_or("exact"),
                           *r.delay_prob}];
    cell.lifelong = r.lifelong;
    ++cell.runs;
    cell.executed_violations += r.executed_violations;
    if (r.status != RunStatus::Solved) continue;
    if (r.lifelong && r.throughput) {
      cell.values.push_back(*r.throughput);
    } else if (!r.lifelong && r.soc && r.planned_soc && *r.planned_soc > 0) {
      cell.values.push_back(static_cast<double>(*r.soc) / static_cast<double>(*r.planned_soc));
    }
  }
  std::string csv =
      "group,agents,planner,execution,delay_prob,lifelong,metric,runs,solved,executed_violations,"
      "median,q25,q75\n";
  for (auto& [key, cell] : cells) {
    const auto& [group, agents, planner, execution, delay] = key;
    std::sort(cell.values.begin(), cell.values.end());
    const bool any = !cell.values.empty();
    csv += fmt::format("{},{},{},{},{:g},{},{},{},{},{},{},{},{}\n", csv_text(group), agents,
                       csv_text(planner), execution, delay, cell.lifelong ? 1 : 0,
                       cell.lifelong ? "throughput" : "soc_over_planned", cell.runs,
                       cell.values.size(), cell.executed_violations,
                       any ? fmt::format("{:.6g}", quantile(cell.values, 0.5)) : "",
                       any ? fmt::format("{:.6g}", quantile(cell.values, 0.25)) : "",
                       any ? fmt::format("{:.6g}", quantile(cell.values, 0.75)) : "");
  }
  return csv;
}

}  // namespace fleet::bench
