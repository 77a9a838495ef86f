// Summary tables of benchmark results: aggregation per (group, fleet size, planner), and
// their Markdown and CSV forms. The lifelong section is in report_lifelong.cpp.
#include "report_stats.hpp"

#include <fleet/bench/report.hpp>

#include <fmt/core.h>

#include <algorithm>
#include <map>
#include <string_view>
#include <set>
#include <tuple>
#include <unordered_map>

namespace fleet::bench {

namespace fs = std::filesystem;

ReportInput read_report_input(const std::vector<fs::path>& files) {
  ReportInput input;
  std::unordered_map<std::string, std::size_t> position;
  for (const auto& file : files) {
    ResultsContent content = read_results(file);
    for (auto& p : content.problems) input.problems.push_back(std::move(p));
    if (content.torn_tail)
      input.problems.push_back(file.string() + ": the last line is incomplete (ignored)");
    for (auto& h : content.headers) input.headers.push_back(std::move(h));
    for (auto& r : content.runs) {
      if (auto it = position.find(r.key); it != position.end()) {
        input.problems.push_back(file.string() + ": run " + r.key +
                                 " is recorded twice; the later record counts");
        input.runs[it->second] = std::move(r);
      } else {
        position.emplace(r.key, input.runs.size());
        input.runs.push_back(std::move(r));
      }
    }
  }
  return input;
}

namespace {

using report_stats::csv_text;
using report_stats::median_of;

std::optional<Quartiles> quartiles(std::vector<double> values) {
  if (values.empty()) return std::nullopt;
  std::sort(values.begin(), values.end());
  return Quartiles{report_stats::quantile(values, 0.25), report_stats::quantile(values, 0.75)};
}

std::string cell(const std::optional<double>& value, const char* format) {
  if (!value) return "–";
  // Three significant digits read well below 100; above, whole numbers beat 1.02e+03.
  if (std::string_view(format) == "{:.3g}" && *value >= 100.0) return fmt::format("{:.0f}", *value);
  return fmt::format(fmt::runtime(format), *value);
}

std::string csv_cell(const std::optional<double>& value) {
  return value ? fmt::format("{:.6g}", *value) : std::string();
}

/// The two cells q25,q75 (both empty without solved runs).
std::string csv_cells(const std::optional<Quartiles>& q) {
  return q ? fmt::format("{:.6g},{:.6g}", q->q25, q->q75) : std::string(",");
}

std::string failures(const SummaryRow& r) {
  std::string text;
  const auto add = [&](int n, const char* what) {
    if (n > 0) text += fmt::format("{}{} {}", text.empty() ? "" : ", ", n, what);
  };
  add(r.timeout, "timeout");
  add(r.infeasible, "infeasible");
  add(r.invalid, "invalid");
  add(r.crash, "crash");
  add(r.oom, "oom");
  add(r.error, "error");
  add(r.skipped, "skipped");
  return text.empty() ? "–" : text;
}

}  // namespace

std::vector<SummaryRow> summarize(const std::vector<RunRecord>& runs) {
  using Key = std::tuple<std::string, int, std::string>;
  struct Values {
    std::vector<double> runtime, soc_ratio, throughput, p99;
  };
  std::map<Key, SummaryRow> rows;
  std::map<Key, Values> values;
  for (const auto& r : runs) {
    const Key key{r.group, r.agents, r.planner_label};
    SummaryRow& row = rows[key];
    Values& v = values[key];
    row.group = r.group;
    row.agents = r.agents;
    row.planner = r.planner_label;
    row.lifelong = row.lifelong || r.lifelong;
    ++row.runs;
    row.executed_violations += r.executed_violations;
    switch (r.status) {
      case RunStatus::Solved: ++row.solved; break;
      case RunStatus::Timeout: ++row.timeout; break;
      case RunStatus::Infeasible: ++row.infeasible; break;
      case RunStatus::Invalid: ++row.invalid; break;
      case RunStatus::Crash: ++row.crash; break;
      case RunStatus::Oom: ++row.oom; break;
      case RunStatus::Error: ++row.error; break;
      case RunStatus::Skipped: ++row.skipped; break;
    }
    if (r.peak_memory_mb)
      row.max_peak_memory_mb = std::max(row.max_peak_memory_mb.value_or(0.0), *r.peak_memory_mb);
    if (r.status != RunStatus::Solved) continue;
    if (r.runtime_s) v.runtime.push_back(*r.runtime_s);
    if (r.soc && r.soc_lb && *r.soc_lb > 0)
      v.soc_ratio.push_back(static_cast<double>(*r.soc) / static_cast<double>(*r.soc_lb));
    if (r.throughput) v.throughput.push_back(*r.throughput);
    if (r.planner_p99_s) v.p99.push_back(*r.planner_p99_s);
  }
  std::vector<SummaryRow> out;
  for (auto& [key, row] : rows) {
    Values& v = values[key];
    row.median_runtime_s = median_of(v.runtime);
    row.median_soc_ratio = median_of(v.soc_ratio);
    row.median_throughput = median_of(v.throughput);
    row.median_planner_p99_s = median_of(v.p99);
    row.runtime_quartiles = quartiles(v.runtime);
    row.soc_ratio_quartiles = quartiles(v.soc_ratio);
    row.throughput_quartiles = quartiles(v.throughput);
    out.push_back(std::move(row));
  }
  return out;
}

std::string markdown_report(const std::vector<SummaryRow>& rows, const ReportInput& input,
                            const std::vector<std::string>& plots) {
  std::string md = "# Benchmark report\n\n";
  std::set<std::string> suites, versions, hosts;
  for (const auto& h : input.headers) {
    suites.insert(h.suite);
    versions.insert("fleetsim " + h.fleetsim_version + ", commit " + h.git_commit);
    hosts.insert(fmt::format("{} ({}, {} CPUs; {} threads per run, {} runs at once)", h.host,
                             h.cpu, h.cpus, h.threads_per_run, h.jobs));
  }
  const auto join = [](const std::set<std::string>& items) {
    std::string text;
    for (const auto& i : items) text += (text.empty() ? "" : "; ") + i;
    return text.empty() ? std::string("unknown") : text;
  };
  md += fmt::format("- runs: {}\n- suites: {}\n- built from: {}\n- measured on: {}\n",
                    input.runs.size(), join(suites), join(versions), join(hosts));
  md += "\nSuccess is the share of runs solved (a validated plan; for simulated runs, the whole "
        "tick budget with no executed violation). Medians are over solved runs. SOC/LB is the "
        "sum of costs over its lower bound (sum of shortest distances).\n";
  std::string group;
  for (const auto& r : rows) {
    if (r.group != group) {
      group = r.group;
      md += fmt::format("\n## {}\n\n", group);
      md += "| agents | planner | runs | success | median runtime (s) | median SOC/LB | "
            "median throughput | planner p99 (ms) | peak memory (MB) | failures |\n";
      md += "|---:|---|---:|---:|---:|---:|---:|---:|---:|---|\n";
    }
    const std::optional<double> p99_ms =
        r.median_planner_p99_s ? std::optional<double>(*r.median_planner_p99_s * 1e3) : std::nullopt;
    md += fmt::format("| {} | {} | {} | {:.0f}% | {} | {} | {} | {} | {} | {} |\n", r.agents,
                      r.planner, r.runs, 100.0 * r.success_rate(),
                      cell(r.median_runtime_s, "{:.3g}"), cell(r.median_soc_ratio, "{:.3f}"),
                      cell(r.median_throughput, "{:.3f}"), cell(p99_ms, "{:.3g}"),
                      cell(r.max_peak_memory_mb, "{:.0f}"), failures(r));
  }
  std::int64_t violations = 0;
  for (const auto& r : rows) violations += r.executed_violations;
  md += fmt::format("\nExecuted violations over all runs: {}{}\n", violations,
                    violations == 0 ? "" : " (runs with violations are marked invalid)");
  const std::string lifelong = lifelong_markdown(summarize_lifelong(input.runs), plots);
  md += lifelong;
  // Plots shown beside their lifelong table are not repeated.
  std::vector<std::string> rest;
  for (const auto& p : plots)
    if (lifelong.find("](" + p + ")") == std::string::npos) rest.push_back(p);
  if (!rest.empty()) {
    md += "\n## Plots\n\n";
    for (const auto& p : rest) md += fmt::format("![{}]({})\n", p, p);
  }
  if (!input.problems.empty()) {
    md += "\n## Problems reading the results\n\n";
    for (const auto& p : input.problems) md += "- " + p + "\n";
  }
  return md;
}

std::string csv_report(const std::vector<SummaryRow>& rows) {
  std::string csv =
      "group,agents,planner,lifelong,runs,solved,success_rate,median_runtime_s,"
      "median_soc_over_lb,median_throughput,median_planner_p99_s,max_peak_memory_mb,timeout,"
      "infeasible,invalid,crash,oom,error,skipped,executed_violations,q25_runtime_s,"
      "q75_runtime_s,q25_soc_over_lb,q75_soc_over_lb,q25_throughput,q75_throughput\n";
  for (const auto& r : rows) {
    csv += fmt::format("{},{},{},{},{},{},{:.6g},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}\n",
                       csv_text(r.group), r.agents, csv_text(r.planner), r.lifelong ? 1 : 0,
                       r.runs, r.solved, r.success_rate(), csv_cell(r.median_runtime_s),
                       csv_cell(r.median_soc_ratio), csv_cell(r.median_throughput),
                       csv_cell(r.median_planner_p99_s), csv_cell(r.max_peak_memory_mb),
                       r.timeout, r.infeasible, r.invalid, r.crash, r.oom, r.error, r.skipped,
                       r.executed_violations, csv_cells(r.runtime_quartiles),
                       csv_cells(r.soc_ratio_quartiles), csv_cells(r.throughput_quartiles));
  }
  return csv;
}

}  // namespace fleet::bench
