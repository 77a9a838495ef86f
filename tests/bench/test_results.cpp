// Results files and reports: records survive a JSON round trip, appends never rewrite, a line
// torn by a kill is ignored and cut off, and the summary aggregates what it should.
#include "../planner/scratch_files.hpp"

#include <fleet/bench/record.hpp>
#include <fleet/bench/report.hpp>
#include <fleet/bench/results_file.hpp>

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

namespace {

using namespace fleet::bench;
using fleet::test::ScratchDir;

RunRecord make_run(const std::string& key, const std::string& planner, int agents,
                   RunStatus status, double runtime, std::int64_t soc, std::int64_t lb) {
  RunRecord r;
  r.suite = "s";
  r.key = key;
  r.scenario = "m-1";
  r.group = "m";
  r.agents = agents;
  r.planner = planner;
  r.planner_label = planner;
  r.status = status;
  r.runtime_s = runtime;
  if (status == RunStatus::Solved) r.soc = soc;
  r.soc_lb = lb;
  r.peak_memory_mb = 10.0 + agents;
  return r;
}

std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

TEST_CASE("run and header records survive a JSON round trip", "[bench][record]") {
  RunRecord r = make_run("s/m-1/4/pp/1", "pp", 4, RunStatus::Solved, 0.25, 110, 100);
  r.params = {{"order", "random"}, {"restarts", "-1"}};
  r.seed = 42;
  r.lifelong = true;
  r.throughput = 1.5;
  r.planner_p99_s = 0.002;
  r.message = "line with \"quotes\" and\nnewline";
  r.exit = "signal 9";
  const ParsedLine parsed = parse_line(to_json_line(r));
  REQUIRE(parsed.run);
  CHECK_FALSE(parsed.header);
  const RunRecord& back = *parsed.run;
  CHECK(back.key == r.key);
  CHECK(back.params == r.params);
  CHECK(back.seed == 42);
  CHECK(back.status == RunStatus::Solved);
  CHECK(back.runtime_s == 0.25);
  CHECK(back.soc == 110);
  CHECK(back.throughput == 1.5);
  CHECK_FALSE(back.makespan.has_value());  // absent stays absent
  CHECK(back.message == r.message);
  CHECK(to_json_line(r).find('\n') == std::string::npos);  // one record, one line

  HeaderRecord h;
  h.fleetsim_version = "1.2.3";
  h.cpu = "CPU";
  h.jobs = 3;
  const ParsedLine ph = parse_line(to_json_line(h));
  REQUIRE(ph.header);
  CHECK(ph.header->fleetsim_version == "1.2.3");
  CHECK(ph.header->jobs == 3);

  CHECK_THROWS_AS(parse_line("{\"type\":\"run\"}"), std::invalid_argument);  // no key
  CHECK_THROWS_AS(parse_line("not json"), std::invalid_argument);
  CHECK(parse_run_status("oom") == RunStatus::Oom);
  CHECK_FALSE(parse_run_status("fine").has_value());
}

TEST_CASE("appending keeps earlier lines byte for byte", "[bench][results]") {
  ScratchDir dir;
  const auto path = dir.path() / "sub" / "r.jsonl";
  {
    ResultsWriter w(path);  // creates the folder
    w.append(to_json_line(HeaderRecord{}));
    w.append(to_json_line(make_run("k1", "pp", 2, RunStatus::Solved, 0.1, 10, 10)));
  }
  const std::string first = read_text(path);
  {
    ResultsWriter w(path);
    w.append(to_json_line(make_run("k2", "pp", 4, RunStatus::Timeout, 1.0, 0, 20)));
  }
  const std::string both = read_text(path);
  CHECK(both.rfind(first, 0) == 0);
  const ResultsContent content = read_results(path);
  CHECK(content.headers.size() == 1);
  REQUIRE(content.runs.size() == 2);
  CHECK(content.runs[1].status == RunStatus::Timeout);
  CHECK(content.problems.empty());
  CHECK_FALSE(content.torn_tail);
  CHECK(read_results(dir.path() / "missing.jsonl").runs.empty());
}

TEST_CASE("a line torn by a kill is ignored, then cut off by the next append",
          "[bench][results]") {
  ScratchDir dir;
  const auto path = dir.path() / "r.jsonl";
  const std::string whole = to_json_line(make_run("k1", "pp", 2, RunStatus::Solved, 0.1, 10, 10));
  const std::string torn = to_json_line(make_run("k2", "pp", 4, RunStatus::Solved, 0.1, 10, 10));
  dir.write("r.jsonl", whole + "\n" + torn.substr(0, torn.size() / 2));

  ResultsContent content = read_results(path);
  CHECK(content.torn_tail);
  REQUIRE(content.runs.size() == 1);
  CHECK(content.runs[0].key == "k1");

  ResultsWriter(path).append(to_json_line(make_run("k3", "pp", 6, RunStatus::Solved, 0.1, 1, 1)));
  CHECK(read_text(path) ==
        whole + "\n" + to_json_line(make_run("k3", "pp", 6, RunStatus::Solved, 0.1, 1, 1)) + "\n");
  content = read_results(path);
  CHECK_FALSE(content.torn_tail);
  CHECK(content.runs.size() == 2);
}

TEST_CASE("a garbled line in the middle is reported, not fatal", "[bench][results]") {
  ScratchDir dir;
  const auto path = dir.write(
      "r.jsonl", to_json_line(make_run("k1", "pp", 2, RunStatus::Solved, 0.1, 10, 10)) +
                     "\n{\"type\":\"run\",\"key\n" +
                     to_json_line(make_run("k2", "pp", 2, RunStatus::Solved, 0.1, 10, 10)) + "\n");
  const ResultsContent content = read_results(path);
  CHECK(content.runs.size() == 2);
  REQUIRE(content.problems.size() == 1);
  CHECK(content.problems[0].find("r.jsonl:2:") != std::string::npos);
}

TEST_CASE("the summary aggregates per group, fleet size and planner", "[bench][report]") {
  std::vector<RunRecord> runs = {
      make_run("a", "pp", 10, RunStatus::Solved, 0.1, 110, 100),
      make_run("b", "pp", 10, RunStatus::Solved, 0.3, 130, 100),
      make_run("c", "pp", 10, RunStatus::Timeout, 9.0, 0, 100),
      make_run("d", "pp", 10, RunStatus::Solved, 0.2, 120, 100),
      make_run("e", "cbs", 10, RunStatus::Crash, 0.0, 0, 100),
      make_run("f", "cbs", 20, RunStatus::Skipped, 0.0, 0, 100),
  };
  const auto rows = summarize(runs);
  REQUIRE(rows.size() == 3);
  // Sorted by group, fleet size, planner.
  CHECK(rows[0].planner == "cbs");
  CHECK(rows[0].agents == 10);
  CHECK(rows[0].crash == 1);
  CHECK(rows[0].success_rate() == 0.0);
  CHECK_FALSE(rows[0].median_runtime_s.has_value());
  const SummaryRow& pp = rows[1];
  CHECK(pp.planner == "pp");
  CHECK(pp.runs == 4);
  CHECK(pp.solved == 3);
  CHECK(pp.timeout == 1);
  CHECK(pp.success_rate() == Approx(0.75));
  CHECK(pp.median_runtime_s == Approx(0.2));  // solved runs only: 0.1, 0.2, 0.3
  CHECK(pp.median_soc_ratio == Approx(1.2));
  CHECK(pp.max_peak_memory_mb == Approx(20.0));
  CHECK(rows[2].skipped == 1);

  ReportInput input;
  input.runs = runs;
  const std::string md = markdown_report(rows, input, {"success_rate.png"});
  CHECK(md.find("## m") != std::string::npos);
  CHECK(md.find("| 10 | pp | 4 | 75% | 0.2 | 1.200 |") != std::string::npos);
  CHECK(md.find("1 crash") != std::string::npos);
  CHECK(md.find("![success_rate.png](success_rate.png)") != std::string::npos);
  const std::string csv = csv_report(rows);
  CHECK(csv.rfind("group,agents,planner,", 0) == 0);
  CHECK(csv.find("\nm,10,pp,0,4,3,0.75,0.2,1.2,") != std::string::npos);
}

TEST_CASE("reading several files: the later record of a key counts", "[bench][report]") {
  ScratchDir dir;
  const auto a = dir.write("a.jsonl",
                           to_json_line(make_run("k", "pp", 2, RunStatus::Crash, 0.1, 0, 10)) + "\n");
  const auto b = dir.write("b.jsonl",
                           to_json_line(make_run("k", "pp", 2, RunStatus::Solved, 0.1, 10, 10)) +
                               "\n" + to_json_line(make_run("j", "pp", 4, RunStatus::Solved, 0.1, 10, 10)) +
                               "\n");
  const ReportInput input = read_report_input({a, b});
  REQUIRE(input.runs.size() == 2);
  CHECK(input.runs[0].status == RunStatus::Solved);
  CHECK(input.problems.size() == 1);
}

TEST_CASE("a results line whose type is not a string is a problem, not a crash", "[bench][results]") {
  // Found by fuzz_results_jsonl: the library's type error escaped the reader.
  const ScratchDir dir;
  const auto file = dir.write("r.jsonl", "{\"type\": 5}\n{\"type\": [\"run\"]}\n");
  const ResultsContent content = read_results(file);
  REQUIRE(content.problems.size() == 2);
  CHECK(content.problems[0].find("r.jsonl:1: 'type' must be a string") != std::string::npos);
  CHECK(content.runs.empty());
}

TEST_CASE("a results number too large for its field is a problem of its line", "[bench][results]") {
  // Found by fuzz_results_jsonl: 1.7e40 agents made the JSON library's conversion to int
  // undefined.
  const ScratchDir dir;
  const std::string run = "{\"type\": \"run\", \"key\": \"k\", \"status\": \"solved\", ";
  const auto file = dir.write("r.jsonl", run + "\"agents\": 1.66667e+40}\n" +
                                             run + "\"agents\": 4294967296}\n" +
                                             run + "\"agents\": 2.5}\n" +
                                             run + "\"throughput_windows\": {\"ticks\": 10, \"errands\": [1e300]}}\n" +
                                             run + "\"agents\": 12.0}\n");
  const ResultsContent content = read_results(file);
  REQUIRE(content.problems.size() == 4);
  CHECK(content.problems[0].find("r.jsonl:1: 'agents' must be an integer that fits") != std::string::npos);
  CHECK(content.problems[3].find("r.jsonl:4: 'errands' must be an integer that fits") != std::string::npos);
  REQUIRE(content.runs.size() == 1);
  CHECK(content.runs[0].agents == 12);
}
