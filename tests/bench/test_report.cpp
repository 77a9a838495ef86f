// The lifelong part of a report, from a hand-made results file (tests/data/bench/
// lifelong-results.jsonl: two solved pibt runs and a timed-out one, one reactive run, on one
// instance with best_known 0.5): the slice table, the ratio to best_known, the per-window data
// of the throughput plots, and the new record fields surviving a round trip.
#include "../test_paths.hpp"

#include <fleet/bench/record.hpp>
#include <fleet/bench/report.hpp>

#include <catch2/catch.hpp>

#include <algorithm>

namespace {

using namespace fleet::bench;

ReportInput hand_made() {
  const auto file = fleet::test::source_dir() / "tests" / "data" / "bench" / "lifelong-results.jsonl";
  ReportInput input = read_report_input({file});
  INFO(input.problems.size());
  REQUIRE(input.problems.empty());
  REQUIRE(input.runs.size() == 4);
  return input;
}

}  // namespace

TEST_CASE("the lifelong summary takes medians over solved runs, slice by slice",
          "[bench][report]") {
  const auto rows = summarize_lifelong(hand_made().runs);
  REQUIRE(rows.size() == 2);
  const LifelongRow& pibt = rows[0];
  CHECK(pibt.planner == "pibt");
  CHECK(pibt.runs == 2);  // the timed-out run does not count
  CHECK(pibt.median_errands == Approx(190));
  CHECK(pibt.median_errands_per_step == Approx(0.38));
  REQUIRE(pibt.ratio_to_best_known);
  CHECK(*pibt.ratio_to_best_known == Approx(0.76));
  CHECK(pibt.slice_ticks == 100);  // 500 steps: slices of a fifth
  REQUIRE(pibt.median_slices.size() == 5);
  CHECK(pibt.median_slices[0] == Approx(0.6));
  CHECK(pibt.median_slices[4] == Approx(0.1));
  CHECK(pibt.median_planner_late == Approx(1));
  CHECK(pibt.max_peak_memory_mb == Approx(150.0));  // every run's memory counts
  CHECK(pibt.warned == 1);
  CHECK(rows[1].planner == "reactive");
  CHECK(*rows[1].ratio_to_best_known == Approx(0.4));
}

TEST_CASE("the report renders the slice table and the ratio to best_known", "[bench][report]") {
  const ReportInput input = hand_made();
  const std::string md =
      markdown_report(summarize(input.runs), input, {"success_rate.png", "throughput_small_50.png"});
  INFO(md);
  CHECK(md.find("## Lifelong throughput") != std::string::npos);
  CHECK(md.find("### small, 50 agents") != std::string::npos);
  CHECK(md.find("| planner | runs | errands | errands/step | vs best known | errands/step per "
                "100 steps | planner p50 (ms) | p99 (ms) | late calls | peak memory (MB) | "
                "warned |") != std::string::npos);
  CHECK(md.find("| pibt | 2 | 190 | 0.380 | 76.0% of 0.5 | 0.60 0.50 0.40 0.30 0.10 | 3 | 15 | "
                "1 | 150 | 1 |") != std::string::npos);
  CHECK(md.find("| reactive | 1 | 100 | 0.200 | 40.0% of 0.5 | 0.20 0.20 0.20 0.20 0.20 | 1 | "
                "1 | 0 | 100 | 0 |") != std::string::npos);
  // The instance's plot sits under its table and is not listed again with the others.
  CHECK(md.find("![throughput over time, small 50 agents](throughput_small_50.png)") !=
        std::string::npos);
  CHECK(md.find("![throughput_small_50.png]") == std::string::npos);
  CHECK(md.find("![success_rate.png](success_rate.png)") != std::string::npos);
}

TEST_CASE("throughput.csv holds each window's median and quartiles over the runs",
          "[bench][report]") {
  const std::string csv = throughput_csv(hand_made().runs);
  INFO(csv);
  CHECK(csv.rfind("group,agents,planner,plot,runs,window,tick_start,tick_end,median,q25,q75\n", 0) == 0);
  CHECK(csv.find("\nsmall,50,pibt,throughput_small_50.png,2,0,0,100,0.6,0.55,0.65\n") !=
        std::string::npos);
  CHECK(csv.find("\nsmall,50,pibt,throughput_small_50.png,2,4,400,500,0.1,0.1,0.1\n") !=
        std::string::npos);
  CHECK(csv.find("\nsmall,50,reactive,throughput_small_50.png,1,2,200,300,0.2,0.2,0.2\n") !=
        std::string::npos);
  CHECK(std::count(csv.begin(), csv.end(), '\n') == 1 + 5 + 5);  // header, 5 windows x 2 planners
  CHECK(throughput_plot_name("lorr/warehouse small", 400) == "throughput_lorr_warehouse_small_400.png");
}

TEST_CASE("summary rows and summary.csv carry the quartiles over solved runs", "[bench][report]") {
  const auto rows = summarize(hand_made().runs);
  REQUIRE(rows.size() == 2);
  const SummaryRow& pibt = rows[0];
  REQUIRE(pibt.planner == "pibt");
  CHECK(pibt.solved == 2);
  REQUIRE(pibt.throughput_quartiles);  // 0.36 and 0.40; the timed-out run's 0.05 does not count
  CHECK(pibt.throughput_quartiles->q25 == Approx(0.37));
  CHECK(pibt.throughput_quartiles->q75 == Approx(0.39));
  CHECK(*pibt.median_throughput == Approx(0.38));
  CHECK_FALSE(pibt.soc_ratio_quartiles);  // lifelong runs have no SOC
  const std::string csv = csv_report(rows);
  INFO(csv);
  const std::string header = csv.substr(0, csv.find('\n'));
  const std::string last_columns =
      "q25_runtime_s,q75_runtime_s,q25_soc_over_lb,q75_soc_over_lb,q25_throughput,q75_throughput";
  REQUIRE(header.size() > last_columns.size());
  CHECK(header.substr(header.size() - last_columns.size()) == last_columns);
  CHECK(csv.find(",1,1,,,0.37,0.39\n") != std::string::npos);  // runtime 1 s in both runs
  CHECK(std::count(header.begin(), header.end(), ',') ==
        std::count(csv.begin() + static_cast<std::ptrdiff_t>(header.size()) + 1,
                   csv.begin() + static_cast<std::ptrdiff_t>(csv.find('\n', header.size() + 1)), ','));
}

TEST_CASE("windows, best_known, warnings and late calls survive a JSON round trip",
          "[bench][record]") {
  RunRecord r;
  r.key = "s/x/4/pibt/1";
  r.lifelong = true;
  r.window_ticks = 100;
  r.window_errands = {3, 0, 7};
  r.best_known = 7.43;
  r.warnings = {"throughput collapsed"};
  r.planner_late = 2;
  const std::string line = to_json_line(r);
  CHECK(line.find("\"throughput_windows\":{\"ticks\":100,\"errands\":[3,0,7]}") != std::string::npos);
  const ParsedLine parsed = parse_line(line);
  REQUIRE(parsed.run);
  CHECK(parsed.run->window_ticks == 100);
  CHECK(parsed.run->window_errands == std::vector<std::int64_t>{3, 0, 7});
  CHECK(parsed.run->best_known == 7.43);
  CHECK(parsed.run->warnings == std::vector<std::string>{"throughput collapsed"});
  CHECK(parsed.run->planner_late == 2);

  RunRecord one_shot;
  one_shot.key = "s/m/4/pp/1";
  const std::string plain = to_json_line(one_shot);
  CHECK(plain.find("\"throughput_windows\":null") != std::string::npos);
  const ParsedLine back = parse_line(plain);
  REQUIRE(back.run);
  CHECK(back.run->window_ticks == 0);
  CHECK_FALSE(back.run->best_known);
}
