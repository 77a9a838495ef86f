// Analysis apart from measurement: turns results files into a summary per (group, fleet size,
// planner), written as Markdown and CSV, and hands the CSV to a matplotlib script for plots.
#pragma once

#include <fleet/bench/record.hpp>
#include <fleet/bench/results_file.hpp>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace fleet::bench {

/// The first and third quartiles of a figure over runs.
struct Quartiles {
  double q25 = 0.0;
  double q75 = 0.0;
};

/// Every run of one planner at one fleet size in one group (a map, or a scenario).
struct SummaryRow {
  std::string group;
  int agents = 0;
  std::string planner;  ///< the planner label
  bool lifelong = false;
  int runs = 0;
  int solved = 0;
  int timeout = 0;
  int infeasible = 0;
  int invalid = 0;
  int crash = 0;
  int oom = 0;
  int error = 0;
  int skipped = 0;
  std::int64_t executed_violations = 0;
  [[nodiscard]] double success_rate() const {
    return runs > 0 ? static_cast<double>(solved) / runs : 0.0;
  }
  std::optional<double> median_runtime_s;      ///< over solved runs
  std::optional<double> median_soc_ratio;      ///< SOC / lower bound, over solved runs
  std::optional<double> median_throughput;     ///< lifelong, over solved runs
  std::optional<double> median_planner_p99_s;  ///< simulated runs
  std::optional<Quartiles> runtime_quartiles;    ///< over solved runs: the spread across seeds
  std::optional<Quartiles> soc_ratio_quartiles;
  std::optional<Quartiles> throughput_quartiles;
  std::optional<double> max_peak_memory_mb;
};

/// Lifelong runs of one instance (group and fleet size) with one planner: throughput over the
/// run. Figures are medians over the solved runs.
struct LifelongRow {
  std::string group;
  int agents = 0;
  std::string planner;  ///< the planner label
  int runs = 0;         ///< solved runs behind the figures
  std::optional<double> median_errands;
  std::optional<double> median_errands_per_step;
  std::optional<double> best_known;           ///< from the suite, errands per step
  std::optional<double> ratio_to_best_known;  ///< median errands per step / best_known
  int slice_ticks = 0;                        ///< nominal slice length (sim::slice_length)
  std::vector<double> median_slices;          ///< errands per step per slice, median over runs
  std::optional<double> median_planner_p50_s;
  std::optional<double> median_planner_p99_s;
  std::optional<double> median_planner_late;  ///< calls past their deadline, per run
  std::optional<double> max_peak_memory_mb;
  int warned = 0;  ///< runs the simulator warned about (throughput collapse, waiting)
};

/// Rows sorted by group, fleet size, planner; lifelong runs only.
std::vector<LifelongRow> summarize_lifelong(const std::vector<RunRecord>& runs);

/// The lifelong section of the report: a table per instance, and the instance's throughput
/// plot when `plots` names it (see throughput_plot_name).
std::string lifelong_markdown(const std::vector<LifelongRow>& rows,
                              const std::vector<std::string>& plots);

/// The PNG of an instance's throughput over time: throughput_<group>_<agents>.png, with
/// characters other than letters, digits, '.', '-' and '_' in the group replaced by '_'.
std::string throughput_plot_name(const std::string& group, int agents);

/// Errands per step in every window of the solved lifelong runs, as median and quartiles over
/// the runs of each (group, fleet size, planner): what the throughput plots draw. Columns:
/// group,agents,planner,plot,runs,window,tick_start,tick_end,median,q25,q75. Only a header
/// when no run recorded windows.
std::string throughput_csv(const std::vector<RunRecord>& runs);

/// Runs made with a delay probability, per (group, fleet size, planner, execution policy,
/// delay probability): runs, solved runs, executed violations, and the median and quartiles of
/// throughput (lifelong) or executed SOC over the first plan's SOC (one-shot) over the solved
/// runs. Columns: group,agents,planner,execution,delay_prob,lifelong,metric,runs,solved,
/// executed_violations,median,q25,q75. Only a header when no run had a delay probability.
std::string robustness_csv(const std::vector<RunRecord>& runs);

/// Results gathered from one or more files; a key recorded twice counts once (the later).
struct ReportInput {
  std::vector<HeaderRecord> headers;
  std::vector<RunRecord> runs;
  std::vector<std::string> problems;  ///< unreadable lines, duplicate keys
};
ReportInput read_report_input(const std::vector<std::filesystem::path>& files);

/// Rows sorted by group, fleet size, planner.
std::vector<SummaryRow> summarize(const std::vector<RunRecord>& runs);

/// The whole report; lifelong runs get their own section (lifelong_markdown).
std::string markdown_report(const std::vector<SummaryRow>& rows, const ReportInput& input,
                            const std::vector<std::string>& plots);
std::string csv_report(const std::vector<SummaryRow>& rows);

/// Runs the plotting script on a summary CSV (and, when not empty, a throughput_csv file for
/// the throughput-over-time plots), writing PNGs into `out_dir`. Tries, in order, `python`
/// (when not empty), $FLEET_PYTHON, the interpreter found when CMake configured the build,
/// and `python3` on the PATH, taking the first that has matplotlib.
struct PlotOutcome {
  bool ok = false;
  std::string message;  ///< why not, when not ok
  std::vector<std::filesystem::path> files;
};
PlotOutcome render_plots(const std::filesystem::path& csv, const std::filesystem::path& out_dir,
                         const std::string& python = {},
                         const std::filesystem::path& throughput_csv = {});

/// The plotting script (bench/scripts/report_plots.py in the source tree).
std::filesystem::path plot_script();

}  // namespace fleet::bench
