// Throughput over time: a lifelong run counts errands and waits per 100-tick window (the windows
// add up to the run's totals and reach summary.json), slices group the windows, and the
// collapse and waiting warnings fire on a collapsing series and not on a steady one.
#include "loop_test_support.hpp"

#include <fleet/planner/registry.hpp>
#include <fleet/sim/metrics.hpp>
#include <fleet/sim/simulator.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <fstream>
#include <numeric>

using fleet::planner::MotionKind;
using fleet::sim::RunSummary;
using fleet::sim::Simulator;
using fleet::sim::ThroughputWindows;

namespace {

/// A lifelong summary of `robots` robots over `ticks` ticks with the given errands per window
/// (windows of 100 ticks) and no waiting.
RunSummary synthetic(int robots, int ticks, const std::vector<std::int64_t>& errands) {
  RunSummary s;
  s.lifelong = true;
  s.robots = robots;
  s.ticks = ticks;
  s.windows.errands = errands;
  s.windows.waits.assign(errands.size(), 0);
  s.errands_done = std::accumulate(errands.begin(), errands.end(), std::int64_t{0});
  return s;
}

}  // namespace

TEST_CASE("a lifelong run's windows add up to its errands and waits and reach summary.json",
          "[simulator][metrics]") {
  fleet::test::LoopScratch dir;
  auto scenario = fleet::test::make_scenario(fleet::test::room_rows(), {0, 9, 70, 79, 22, 57},
                                             {79, 70, 9, 0, 45, 33, 5, 74, 40}, true,
                                             MotionKind::FourConnected);
  scenario.steps = 240;
  fleet::sim::SimOptions options;
  options.output_dir = dir.path() / "run";
  options.write_trace = false;
  options.write_svg = false;
  Simulator sim(scenario, fleet::planner::builtin_planners(), options);
  const RunSummary s = sim.run();

  REQUIRE(s.ticks == 240);
  REQUIRE(s.errands_done >= 10);
  REQUIRE(s.windows.ticks == 100);
  REQUIRE(s.windows.errands.size() == 3);  // ticks 0-99, 100-199, 200-239
  REQUIRE(s.windows.waits.size() == 3);
  CHECK(std::accumulate(s.windows.errands.begin(), s.windows.errands.end(), std::int64_t{0}) ==
        s.errands_done);
  CHECK(std::accumulate(s.windows.waits.begin(), s.windows.waits.end(), std::int64_t{0}) ==
        s.waits);
  CHECK(s.windows.errands[0] > 0);

  const auto json = nlohmann::json::parse(std::ifstream(dir.path() / "run" / "summary.json"));
  REQUIRE(json.contains("throughput_windows"));
  CHECK(json["throughput_windows"]["ticks"] == 100);
  CHECK(json["throughput_windows"]["errands"].get<std::vector<std::int64_t>>() ==
        s.windows.errands);
  CHECK(json["throughput_windows"]["waits"].get<std::vector<std::int64_t>>() == s.windows.waits);
  // 240 ticks: slices of 240/5 = 48 rounded to a window, 100 ticks; the 40-tick stub is merged.
  CHECK(json["throughput_slices"]["ticks"] == 100);
  CHECK(json["throughput_slices"]["slice_ticks"].get<std::vector<int>>() == std::vector<int>{100, 140});
  const auto per_tick = json["throughput_slices"]["per_tick"].get<std::vector<double>>();
  REQUIRE(per_tick.size() == 2);
  CHECK(per_tick[0] == Approx(static_cast<double>(s.windows.errands[0]) / 100));
  CHECK(per_tick[1] ==
        Approx(static_cast<double>(s.windows.errands[1] + s.windows.errands[2]) / 140));
  REQUIRE(json["warnings"].is_array());
  CHECK(json["warnings"].size() == s.warnings.size());
}

TEST_CASE("a one-shot run's summary.json has no throughput windows", "[simulator][metrics]") {
  fleet::test::LoopScratch dir;
  auto scenario = fleet::test::make_scenario(fleet::test::room_rows(), {0, 9}, {79, 70}, false);
  fleet::sim::SimOptions options;
  options.output_dir = dir.path() / "run";
  options.write_trace = false;
  options.write_svg = false;
  Simulator sim(scenario, fleet::planner::builtin_planners(), options);
  const RunSummary s = sim.run();
  CHECK(s.windows.errands.empty());
  CHECK(s.warnings.empty());
  const auto json = nlohmann::json::parse(std::ifstream(dir.path() / "run" / "summary.json"));
  CHECK_FALSE(json.contains("throughput_windows"));
  CHECK(json["warnings"].empty());
}

TEST_CASE("slices: 1,000 ticks for long runs, a fifth of short ones, stubs merged",
          "[metrics]") {
  CHECK(fleet::sim::slice_length(100'000) == 1000);
  CHECK(fleet::sim::slice_length(2000) == 1000);
  CHECK(fleet::sim::slice_length(1999) == 400);
  CHECK(fleet::sim::slice_length(1500) == 300);
  CHECK(fleet::sim::slice_length(500) == 100);
  CHECK(fleet::sim::slice_length(60) == 100);

  ThroughputWindows w;
  w.errands.assign(21, 10);  // 2,050 ticks: 20 full windows and a half one
  w.errands[20] = 5;
  w.errands[0] = 110;
  const auto slices = fleet::sim::throughput_slices(w, 2050);
  CHECK(slices.ticks == 1000);
  REQUIRE(slices.per_tick.size() == 2);
  CHECK(slices.slice_ticks == std::vector<int>{1000, 1050});
  CHECK(slices.per_tick[0] == Approx(0.2));          // (110 + 9 * 10) / 1000
  CHECK(slices.per_tick[1] == Approx(105.0 / 1050));  // (10 * 10 + 5) / 1050
}

TEST_CASE("the collapse warning fires on a collapsing series, not on a steady one",
          "[metrics]") {
  // 3,000 ticks, 30 windows: slices of 1,000 ticks.
  SECTION("steady: 5.3 per tick throughout") {
    const RunSummary s = synthetic(50, 3000, std::vector<std::int64_t>(30, 530));
    CHECK(fleet::sim::throughput_warnings(s).empty());
  }
  SECTION("a dip to just above half of the best is no collapse") {
    std::vector<std::int64_t> errands(30, 530);
    for (int w = 20; w < 30; ++w) errands[w] = 270;  // 2.7 > 5.3 / 2
    CHECK(fleet::sim::throughput_warnings(synthetic(50, 3000, errands)).empty());
  }
  SECTION("collapsing: the last slice makes 1.2 per tick against the best 5.3") {
    std::vector<std::int64_t> errands(30, 530);
    for (int w = 20; w < 30; ++w) errands[w] = 120;
    const auto warnings = fleet::sim::throughput_warnings(synthetic(50, 3000, errands));
    REQUIRE(warnings.size() == 1);
    CHECK(warnings[0] == "throughput collapsed: the last 1000 ticks made 1.20 errands per tick, "
                         "below half the best slice's 5.30");
  }
  SECTION("a short run collapses in its last fifth") {
    std::vector<std::int64_t> errands(5, 400);
    errands[4] = 100;
    const auto warnings = fleet::sim::throughput_warnings(synthetic(20, 500, errands));
    REQUIRE(warnings.size() == 1);
    CHECK(warnings[0].find("the last 100 ticks made 1.00 errands per tick") != std::string::npos);
  }
  SECTION("more than half the fleet waiting in the last window") {
    RunSummary s = synthetic(50, 3000, std::vector<std::int64_t>(30, 530));
    s.windows.waits.back() = 25 * 100;  // exactly half: no warning
    CHECK(fleet::sim::throughput_warnings(s).empty());
    s.windows.waits.back() = 26 * 100 + 50;
    const auto warnings = fleet::sim::throughput_warnings(s);
    REQUIRE(warnings.size() == 1);
    CHECK(warnings[0] == "more than half the robots waited off their goals in the last window "
                         "(ticks 2900-3000): 26.5 of 50 per tick on average");
  }
  SECTION("one-shot runs are never warned about") {
    RunSummary s = synthetic(50, 3000, std::vector<std::int64_t>(30, 530));
    s.windows.errands.back() = 0;
    s.windows.waits.back() = 50 * 100;
    s.lifelong = false;
    CHECK(fleet::sim::throughput_warnings(s).empty());
  }
}
