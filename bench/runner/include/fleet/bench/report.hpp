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
  std::optional<double> max_peak_memory_mb;
};

/// Results gathered from one or more files; a key recorded twice counts once (the later).
struct ReportInput {
  std::vector<HeaderRecord> headers;
  std::vector<RunRecord> runs;
  std::vector<std::string> problems;  ///< unreadable lines, duplicate keys
};
ReportInput read_report_input(const std::vector<std::filesystem::path>& files);

/// Rows sorted by group, fleet size, planner.
std::vector<SummaryRow> summarize(const std::vector<RunRecord>& runs);

std::string markdown_report(const std::vector<SummaryRow>& rows, const ReportInput& input,
                            const std::vector<std::string>& plots);
std::string csv_report(const std::vector<SummaryRow>& rows);

/// Runs the plotting script on a summary CSV, writing PNGs into `out_dir`. Tries, in order,
/// `python` (when not empty), $FLEET_PYTHON, the interpreter found when CMake configured the
/// build, and `python3` on the PATH, taking the first that has matplotlib.
struct PlotOutcome {
  bool ok = false;
  std::string message;  ///< why not, when not ok
  std::vector<std::filesystem::path> files;
};
PlotOutcome render_plots(const std::filesystem::path& csv, const std::filesystem::path& out_dir,
                         const std::string& python = {});

/// The plotting script (bench/scripts/report_plots.py in the source tree).
std::filesystem::path plot_script();

}  // namespace fleet::bench
