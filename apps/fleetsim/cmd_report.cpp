// `fleetsim report`: summarizes results files into a Markdown and a CSV table per (group,
// fleet size, planner), with a table per lifelong instance (throughput per slice of the run)
// and its errands per window in throughput.csv, and renders PNG plots with matplotlib
// (bench/scripts/report_plots.py), throughput over time among them.
#include "commands.hpp"

#include <fleet/bench/report.hpp>
#include <fleet/planner/input_error.hpp>
#include <fleet/sim/run_output.hpp>

#include <fmt/core.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <filesystem>

namespace fleet::cli {
namespace {

namespace fs = std::filesystem;

struct ReportArgs {
  std::vector<std::string> files;
  std::string out;
  std::string python;
  bool no_plots = false;
};

ExitCode run_report(const ReportArgs& args) {
  std::vector<fs::path> files;
  for (const auto& f : args.files) {
    std::error_code ec;
    if (!fs::is_regular_file(f, ec)) throw InputError(f, 0, "no such results file");
    files.emplace_back(f);
  }
  const bench::ReportInput input = bench::read_report_input(files);
  for (const auto& problem : input.problems) spdlog::warn("{}", problem);
  if (input.runs.empty()) throw InputError(args.files.front(), 0, "no run records to report");

  const fs::path first = files.front();
  const fs::path out_dir =
      args.out.empty() ? first.parent_path() / (first.stem().string() + "-report") : fs::path(args.out);
  fs::create_directories(out_dir);
  const auto rows = bench::summarize(input.runs);
  const fs::path csv = out_dir / "summary.csv";
  sim::write_file_atomically(csv, bench::csv_report(rows));
  // Lifelong runs: errands per step in every window, for the throughput-over-time plots.
  fs::path throughput;
  if (std::any_of(input.runs.begin(), input.runs.end(),
                  [](const bench::RunRecord& r) { return r.window_ticks > 0; })) {
    throughput = out_dir / "throughput.csv";
    sim::write_file_atomically(throughput, bench::throughput_csv(input.runs));
  }
  // Runs under delays: the robustness curve's table (the plotting script finds it by name).
  if (std::any_of(input.runs.begin(), input.runs.end(),
                  [](const bench::RunRecord& r) { return r.delay_prob.has_value(); }))
    sim::write_file_atomically(out_dir / "robustness.csv", bench::robustness_csv(input.runs));

  std::vector<std::string> plots;
  bool plots_failed = false;
  if (!args.no_plots) {
    const bench::PlotOutcome outcome = bench::render_plots(csv, out_dir, args.python, throughput);
    if (outcome.ok) {
      for (const auto& p : outcome.files) plots.push_back(p.filename().string());
    } else {
      plots_failed = true;
      spdlog::error("plots not rendered: {}", outcome.message);
    }
  }
  const std::string markdown = bench::markdown_report(rows, input, plots);
  sim::write_file_atomically(out_dir / "summary.md", markdown);
  fmt::print("{}", markdown);
  spdlog::info("wrote {}, {}{}", (out_dir / "summary.md").string(), csv.string(),
               plots.empty() ? std::string() : fmt::format(" and {} plots", plots.size()));
  return plots_failed ? ExitCode::NotOk : ExitCode::Ok;
}

}  // namespace

Command add_report_command(CLI::App& parent, const GlobalOptions& /*globals*/) {
  auto args = std::make_shared<ReportArgs>();
  CLI::App* cmd = parent.add_subcommand(
      "report", "Summarize benchmark results: Markdown and CSV tables, PNG plots");
  cmd->add_option("results", args->files, "Results files (.jsonl) from 'fleetsim bench'")
      ->required();
  cmd->add_option("-o,--out", args->out,
                  "Folder for summary.md, summary.csv, throughput.csv and the plots (default: "
                  "<first results file without .jsonl>-report)");
  cmd->add_option("--python", args->python, "Python interpreter with matplotlib for the plots");
  cmd->add_flag("--no-plots", args->no_plots, "Write the tables only");
  cmd->footer(
      "Exit codes: 0 tables and plots written, 1 tables written but the plots failed (no "
      "matplotlib?), 2 error.");
  return {cmd, [args] { return run_report(*args); }};
}

}  // namespace fleet::cli
