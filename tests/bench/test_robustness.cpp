// The robustness table of a report: runs made under delays, grouped by planner, execution
// policy and delay probability; medians over solved runs; runs without a delay left out.
#include <fleet/bench/record.hpp>
#include <fleet/bench/report.hpp>
#include <fleet/bench/results_file.hpp>

#include <catch2/catch.hpp>

#include <sstream>
#include <string>
#include <vector>

using namespace fleet::bench;

namespace {

RunRecord lifelong_run(const std::string& execution, double delay, double throughput,
                       RunStatus status = RunStatus::Solved) {
  RunRecord r;
  r.group = "floor";
  r.agents = 400;
  r.planner = r.planner_label = "lacam";
  r.lifelong = true;
  r.status = status;
  r.execution = execution;
  r.delay_prob = delay;
  r.throughput = throughput;
  return r;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

}  // namespace

TEST_CASE("the robustness table keeps policies and delays apart", "[bench][report]") {
  std::vector<RunRecord> runs = {
      lifelong_run("adg", 0.1, 3.0),   lifelong_run("adg", 0.1, 5.0),
      lifelong_run("adg", 0.1, 9.0, RunStatus::Timeout),
      lifelong_run("exact", 0.1, 2.0), lifelong_run("adg", 0.0, 6.0),
  };
  RunRecord plain = lifelong_run("adg", 0.0, 1.0);
  plain.delay_prob.reset();  // made without delays in mind: not in the table
  runs.push_back(plain);
  RunRecord one_shot = lifelong_run("adg", 0.05, 0.0);
  one_shot.lifelong = false;
  one_shot.throughput.reset();
  one_shot.soc = 120;
  one_shot.planned_soc = 100;
  runs.push_back(one_shot);

  const auto lines = lines_of(robustness_csv(runs));
  REQUIRE(lines.size() == 5);
  CHECK(lines[0].rfind("group,agents,planner,execution,delay_prob,", 0) == 0);
  CHECK(lines[1] == "floor,400,lacam,adg,0,1,throughput,1,1,0,6,6,6");
  CHECK(lines[2] == "floor,400,lacam,adg,0.05,0,soc_over_planned,1,1,0,1.2,1.2,1.2");
  CHECK(lines[3] == "floor,400,lacam,adg,0.1,1,throughput,3,2,0,4,3.5,4.5");
  CHECK(lines[4] == "floor,400,lacam,exact,0.1,1,throughput,1,1,0,2,2,2");
}

TEST_CASE("the execution fields of a run record survive a round trip", "[bench][report]") {
  RunRecord r = lifelong_run("adg", 0.05, 4.5);
  r.suite = "robustness";
  r.key = "robustness/floor/400/lacam/1";
  r.dependency_waits = 17;
  r.planned_soc = 99;
  const ParsedLine parsed = parse_line(to_json_line(r));
  REQUIRE(parsed.run);
  const RunRecord& back = *parsed.run;
  CHECK(back.execution == std::optional<std::string>("adg"));
  CHECK(back.delay_prob == Approx(0.05));
  CHECK(back.dependency_waits == std::optional<std::int64_t>(17));
  CHECK(back.planned_soc == std::optional<std::int64_t>(99));
}
