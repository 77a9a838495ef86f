// The lifelong part of a report: per instance (group and fleet size) and planner, errands,
// errands per step against the suite's best known figure, throughput per slice of the run,
// planner call times and memory; and the per-window data of the throughput-over-time plots.
#include "report_stats.hpp"

#include <fleet/bench/report.hpp>
#include <fleet/sim/metrics.hpp>

#include <fmt/core.h>

#include <algorithm>
#include <map>
#include <tuple>

namespace fleet::bench {

namespace {

using Key = std::tuple<std::string, int, std::string>;
using report_stats::csv_text;
using report_stats::median_of;
using report_stats::quantile;

bool counts(const RunRecord& r) { return r.lifelong && r.status == RunStatus::Solved; }

std::string cell(const std::optional<double>& value, const char* format) {
  return value ? fmt::format(fmt::runtime(format), *value) : std::string("–");
}

std::string ms(const std::optional<double>& seconds) {
  return seconds ? fmt::format("{:.3g}", *seconds * 1e3) : std::string("–");
}

}  // namespace

std::string throughput_plot_name(const std::string& group, int agents) {
  std::string safe = group;
  for (char& c : safe) {
    const bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      c == '.' || c == '-' || c == '_';
    if (!keep) c = '_';
  }
  return fmt::format("throughput_{}_{}.png", safe, agents);
}

std::vector<LifelongRow> summarize_lifelong(const std::vector<RunRecord>& runs) {
  struct Values {
    std::vector<double> errands, per_step, p50, p99, late;
    std::vector<std::vector<double>> slices;  // [slice][run]
  };
  std::map<Key, LifelongRow> rows;
  std::map<Key, Values> values;
  for (const auto& r : runs) {
    if (!r.lifelong) continue;
    const Key key{r.group, r.agents, r.planner_label};
    LifelongRow& row = rows[key];
    Values& v = values[key];
    row.group = r.group;
    row.agents = r.agents;
    row.planner = r.planner_label;
    if (r.best_known && !row.best_known) row.best_known = r.best_known;
    if (r.peak_memory_mb)
      row.max_peak_memory_mb = std::max(row.max_peak_memory_mb.value_or(0.0), *r.peak_memory_mb);
    if (!counts(r)) continue;
    ++row.runs;
    if (!r.warnings.empty()) ++row.warned;
    if (r.errands_done) v.errands.push_back(static_cast<double>(*r.errands_done));
    if (r.throughput) v.per_step.push_back(*r.throughput);
    if (r.planner_p50_s) v.p50.push_back(*r.planner_p50_s);
    if (r.planner_p99_s) v.p99.push_back(*r.planner_p99_s);
    if (r.planner_late) v.late.push_back(static_cast<double>(*r.planner_late));
    if (r.window_ticks > 0 && r.ticks && *r.ticks > 0) {
      sim::ThroughputWindows windows;
      windows.ticks = r.window_ticks;
      windows.errands = r.window_errands;
      const sim::ThroughputSlices slices =
          sim::throughput_slices(windows, static_cast<int>(*r.ticks));
      if (row.slice_ticks == 0) row.slice_ticks = slices.ticks;
      if (v.slices.size() < slices.per_tick.size()) v.slices.resize(slices.per_tick.size());
      for (std::size_t i = 0; i < slices.per_tick.size(); ++i)
        v.slices[i].push_back(slices.per_tick[i]);
    }
  }
  std::vector<LifelongRow> out;
  for (auto& [key, row] : rows) {
    Values& v = values[key];
    row.median_errands = median_of(v.errands);
    row.median_errands_per_step = median_of(v.per_step);
    if (row.best_known && row.median_errands_per_step)
      row.ratio_to_best_known = *row.median_errands_per_step / *row.best_known;
    for (const auto& slice : v.slices) row.median_slices.push_back(*median_of(slice));
    row.median_planner_p50_s = median_of(v.p50);
    row.median_planner_p99_s = median_of(v.p99);
    row.median_planner_late = median_of(v.late);
    out.push_back(std::move(row));
  }
  return out;
}

std::string lifelong_markdown(const std::vector<LifelongRow>& rows,
                              const std::vector<std::string>& plots) {
  if (rows.empty()) return {};
  std::string md =
      "\n## Lifelong throughput\n\nPer instance (scenario and fleet size) and planner, medians "
      "over solved runs: errands completed, errands per step, its ratio to the suite's "
      "best_known, errands per step in each slice of the run (1,000 steps; runs shorter than "
      "2,000 steps: a fifth of the run), planner call times and calls past their deadline. "
      "Peak memory is the largest resident size of any run.\n";
  for (std::size_t i = 0; i < rows.size();) {
    std::size_t end = i;
    while (end < rows.size() && rows[end].group == rows[i].group &&
           rows[end].agents == rows[i].agents)
      ++end;
    const int slice = rows[i].slice_ticks;
    md += fmt::format("\n### {}, {} agents\n\n", rows[i].group, rows[i].agents);
    md += fmt::format("| planner | runs | errands | errands/step | vs best known | errands/step "
                      "per {} steps | planner p50 (ms) | p99 (ms) | late calls | peak memory "
                      "(MB) | warned |\n",
                      slice > 0 ? std::to_string(slice) : std::string("slice of"));
    md += "|---|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|\n";
    for (std::size_t k = i; k < end; ++k) {
      const LifelongRow& r = rows[k];
      std::string slices;
      if (r.slice_ticks != slice && r.slice_ticks > 0) slices = fmt::format("(per {})", r.slice_ticks);
      for (const double s : r.median_slices)
        slices += fmt::format("{}{:.2f}", slices.empty() ? "" : " ", s);
      std::string ratio = "–";
      if (r.ratio_to_best_known)
        ratio = fmt::format("{:.1f}% of {:.3g}", 100.0 * *r.ratio_to_best_known, *r.best_known);
      md += fmt::format("| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |\n", r.planner,
                        r.runs, cell(r.median_errands, "{:.0f}"),
                        cell(r.median_errands_per_step, "{:.3f}"), ratio,
                        slices.empty() ? "–" : slices, ms(r.median_planner_p50_s),
                        ms(r.median_planner_p99_s), cell(r.median_planner_late, "{:.0f}"),
                        cell(r.max_peak_memory_mb, "{:.0f}"), r.warned);
    }
    const std::string plot = throughput_plot_name(rows[i].group, rows[i].agents);
    if (std::find(plots.begin(), plots.end(), plot) != plots.end())
      md += fmt::format("\n![throughput over time, {} {} agents]({})\n", rows[i].group,
                        rows[i].agents, plot);
    i = end;
  }
  return md;
}

std::string throughput_csv(const std::vector<RunRecord>& runs) {
  // Per (instance, planner), per window: the errands per step of every run that has it.
  std::map<Key, std::vector<std::vector<double>>> series;
  std::map<Key, int> window_ticks;
  for (const auto& r : runs) {
    if (!counts(r) || r.window_ticks <= 0 || !r.ticks) continue;
    const Key key{r.group, r.agents, r.planner_label};
    auto& windows = series[key];
    if (window_ticks.emplace(key, r.window_ticks).first->second != r.window_ticks)
      continue;  // another window length: not comparable window by window
    if (windows.size() < r.window_errands.size()) windows.resize(r.window_errands.size());
    for (std::size_t w = 0; w < r.window_errands.size(); ++w) {
      const auto start = static_cast<std::int64_t>(w) * r.window_ticks;
      const std::int64_t length = std::min<std::int64_t>(r.window_ticks, *r.ticks - start);
      if (length <= 0) break;
      windows[w].push_back(static_cast<double>(r.window_errands[w]) / static_cast<double>(length));
    }
  }
  std::string csv = "group,agents,planner,plot,runs,window,tick_start,tick_end,median,q25,q75\n";
  for (auto& [key, windows] : series) {
    const auto& [group, agents, planner] = key;
    const int length = window_ticks[key];
    for (std::size_t w = 0; w < windows.size(); ++w) {
      std::vector<double>& v = windows[w];
      if (v.empty()) continue;
      std::sort(v.begin(), v.end());
      csv += fmt::format("{},{},{},{},{},{},{},{},{:.6g},{:.6g},{:.6g}\n", csv_text(group), agents,
                         csv_text(planner), throughput_plot_name(group, agents), v.size(), w,
                         static_cast<std::int64_t>(w) * length,
                         static_cast<std::int64_t>(w + 1) * length, quantile(v, 0.5),
                         quantile(v, 0.25), quantile(v, 0.75));
    }
  }
  return csv;
}

}  // namespace fleet::bench
