// `fleetsim bench` and `fleetsim report` as a user runs them: a suite killed midway (SIGKILL,
// or SIGINT) and rerun completes the missing runs only, with one record per run; the report
// writes its tables and plots; shards started by GNU parallel share one results file; the
// shipped suites pass their checks; the Slurm array script holds runs to the task's memory.
#include "../planner/scratch_files.hpp"
#include "../test_paths.hpp"
#include "process.hpp"

#include <fleet/bench/results_file.hpp>
#include <fleet/bench/runs.hpp>
#include <fleet/bench/suite.hpp>
#include <fleet/planner/registry.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <map>
#include <set>
#include <thread>

namespace {

namespace fs = std::filesystem;
using namespace fleet::bench;
using fleet::test::ScratchDir;
using fleet::test::Spawned;

const std::string kFleetsim = FLEETSIM_EXE;

fs::path resume_suite() {
  return fleet::test::source_dir() / "tests" / "data" / "bench" / "resume.yaml";
}

std::set<std::string> suite_keys(const fs::path& suite) {
  std::set<std::string> keys;
  for (const auto& r : expand_runs(load_suite(suite, fleet::planner::builtin_planners())))
    keys.insert(r.key);
  return keys;
}

std::size_t run_lines(const fs::path& results) {
  const std::string text = fleet::test::read_file(results);
  std::size_t n = 0;
  for (std::size_t at = 0; (at = text.find("\"type\":\"run\"", at)) != std::string::npos; ++at) ++n;
  return n;
}

/// Starts the resume suite and waits until `records` runs are recorded; the process is still
/// running when this returns (the test fails if it ends first).
Spawned start_and_wait(const ScratchDir& dir, const fs::path& results, std::size_t records) {
  Spawned s = fleet::test::spawn(
      {kFleetsim, "bench", resume_suite().string(), "-o", results.string(), "--jobs", "1"},
      dir.path(), "first");
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  int code = 0;
  while (run_lines(results) < records) {
    REQUIRE_FALSE(s.ended(code));
    REQUIRE(std::chrono::steady_clock::now() < give_up);
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return s;
}

/// Each key of the suite recorded exactly once.
void check_complete(const fs::path& results, const std::set<std::string>& keys) {
  const ResultsContent content = read_results(results);
  CHECK(content.problems.empty());
  CHECK_FALSE(content.torn_tail);
  std::map<std::string, int> count;
  for (const auto& r : content.runs) ++count[r.key];
  CHECK(count.size() == keys.size());
  for (const auto& key : keys) {
    INFO(key);
    CHECK(count[key] == 1);
  }
}

}  // namespace

TEST_CASE("a suite killed midway resumes with the missing runs only", "[bench][cli]") {
  ScratchDir dir;
  const fs::path results = dir.path() / "results.jsonl";
  const auto keys = suite_keys(resume_suite());
  REQUIRE(keys.size() == 16);

  Spawned first = start_and_wait(dir, results, 3);
  REQUIRE(::kill(first.pid, SIGKILL) == 0);
  CHECK(first.wait() == 128 + SIGKILL);
  const std::string before = fleet::test::read_file(results);
  const ResultsContent killed = read_results(results);
  const std::size_t done = killed.runs.size();
  REQUIRE(done >= 3);
  REQUIRE(done < keys.size());
  // A write torn by a kill, as a slower disk could leave it.
  std::ofstream(results, std::ios::app) << R"({"type":"run","suite":"resume","key":"resu)";

  Spawned second;
  REQUIRE(fleet::test::run({kFleetsim, "bench", resume_suite().string(), "-o", results.string()},
                           dir.path(), "second", &second) == 0);
  INFO(second.stderr_text());
  CHECK(second.stderr_text().find(std::to_string(done) + " already in") != std::string::npos);
  // Nothing recorded before the kill was rewritten; the torn piece is gone.
  CHECK(fleet::test::read_file(results).rfind(before, 0) == 0);
  check_complete(results, keys);
  const ResultsContent after = read_results(results);
  CHECK(after.headers.size() == 2);  // one per session
  for (std::size_t i = 0; i < done; ++i) CHECK(after.runs[i].key == killed.runs[i].key);

  // A third session has nothing left to do.
  Spawned third;
  CHECK(fleet::test::run({kFleetsim, "bench", resume_suite().string(), "-o", results.string()},
                         dir.path(), "third", &third) == 0);
  CHECK(third.stdout_text().find("nothing to run") != std::string::npos);
  CHECK(read_results(results).runs.size() == keys.size());
}

TEST_CASE("SIGINT stops a suite cleanly; the rerun runs exactly the rest", "[bench][cli]") {
  ScratchDir dir;
  const fs::path results = dir.path() / "results.jsonl";
  const auto keys = suite_keys(resume_suite());
  Spawned first = start_and_wait(dir, results, 2);
  REQUIRE(::kill(first.pid, SIGINT) == 0);
  CHECK(first.wait() == 1);
  CHECK(first.stderr_text().find("interrupted") != std::string::npos);
  const std::size_t done = read_results(results).runs.size();
  REQUIRE(done < keys.size());

  Spawned dry;
  REQUIRE(fleet::test::run({kFleetsim, "bench", resume_suite().string(), "-o", results.string(),
                            "--dry-run"},
                           dir.path(), "dry", &dry) == 0);
  const std::string listed = dry.stdout_text();
  CHECK(static_cast<std::size_t>(std::count(listed.begin(), listed.end(), '\n')) ==
        keys.size() - done);

  REQUIRE(fleet::test::run({kFleetsim, "bench", resume_suite().string(), "-o", results.string()},
                           dir.path(), "second") == 0);
  check_complete(results, keys);
}

TEST_CASE("report writes the Markdown and CSV tables and the PNG plots", "[bench][cli]") {
  ScratchDir dir;
  const fs::path results = dir.path() / "results.jsonl";
  REQUIRE(fleet::test::run({kFleetsim, "-q", "bench", resume_suite().string(), "-o",
                            results.string(), "--jobs", "2"},
                           dir.path(), "bench") == 0);
  const fs::path out = dir.path() / "report";
  Spawned report;
  const int code = fleet::test::run(
      {kFleetsim, "report", results.string(), "-o", out.string()}, dir.path(), "report", &report);
  INFO(report.stderr_text());
  const std::string md = fleet::test::read_file(out / "summary.md");
  CHECK(md.find("## grid-8x8") != std::string::npos);
  CHECK(md.find("| 16 | lacam[anytime=true] | 2 | ") != std::string::npos);
  CHECK(md.find("| 4 | pp | 2 | 100% |") != std::string::npos);
  CHECK(report.stdout_text() == md);
  const std::string csv = fleet::test::read_file(out / "summary.csv");
  CHECK(csv.rfind("group,agents,planner,", 0) == 0);
  CHECK(std::count(csv.begin(), csv.end(), '\n') == 1 + 4 * 2);  // 4 fleet sizes x 2 planners
  if (code == 1 && report.stderr_text().find("no Python with matplotlib") != std::string::npos) {
    WARN("PNG check skipped: no Python with matplotlib here (python3-matplotlib)");
    return;
  }
  REQUIRE(code == 0);
  for (const char* png : {"success_rate.png", "runtime.png", "soc_ratio.png"}) {
    INFO(png);
    const std::string bytes = fleet::test::read_file(out / png);
    REQUIRE(bytes.size() > 1000);
    CHECK(bytes.substr(0, 4) == "\x89PNG");
    CHECK(md.find(std::string("](") + png + ")") != std::string::npos);
  }
  CHECK_FALSE(fs::exists(out / "throughput.png"));  // no lifelong runs in this suite
}

TEST_CASE("GNU parallel runs shards into one results file", "[bench][cli]") {
  if (!fleet::test::on_path("parallel")) {
    WARN("skipped: GNU parallel is not installed (Debian package 'parallel')");
    return;
  }
  ScratchDir dir;
  const fs::path results = dir.path() / "results.jsonl";
  const fs::path script = fleet::test::source_dir() / "bench" / "scripts" / "gnu_parallel.sh";
  ::setenv("FLEETSIM", kFleetsim.c_str(), 1);
  Spawned s;
  const int code = fleet::test::run(
      {"bash", script.string(), resume_suite().string(), results.string(), "3"}, dir.path(),
      "parallel", &s);
  INFO(s.stdout_text() << s.stderr_text());
  REQUIRE(code == 0);
  check_complete(results, suite_keys(resume_suite()));
  CHECK(read_results(results).headers.size() == 3);  // one per shard
}

TEST_CASE("the Slurm array script runs each shard into its own file", "[bench][cli]") {
  ScratchDir dir;
  const fs::path script = fleet::test::source_dir() / "bench" / "scripts" / "slurm_array.sh";
  ::setenv("FLEETSIM", kFleetsim.c_str(), 1);
  ::setenv("SLURM_ARRAY_TASK_COUNT", "2", 1);
  std::vector<std::string> files;
  for (const char* task : {"0", "1"}) {  // as two array tasks would, one after the other
    ::setenv("SLURM_ARRAY_TASK_ID", task, 1);
    Spawned s;
    const int code = fleet::test::run(
        {"bash", script.string(), resume_suite().string(), (dir.path() / "out").string()},
        dir.path(), std::string("task") + task, &s);
    INFO(s.stderr_text());
    REQUIRE(code == 0);
    files.push_back((dir.path() / "out" / ("resume.shard-" + std::string(task) + "-of-2.jsonl")).string());
  }
  ::unsetenv("SLURM_ARRAY_TASK_ID");
  ::unsetenv("SLURM_ARRAY_TASK_COUNT");
  const auto zero = read_results(files[0]).runs;
  const auto one = read_results(files[1]).runs;
  CHECK(zero.size() > 0);
  CHECK(one.size() > 0);
  CHECK(zero.size() + one.size() == 16);
  // The report merges the shards' files.
  Spawned report;
  CHECK(fleet::test::run({kFleetsim, "report", files[0], files[1], "-o",
                          (dir.path() / "report").string(), "--no-plots"},
                         dir.path(), "report", &report) == 0);
  CHECK(report.stdout_text().find("- runs: 16") != std::string::npos);
}

TEST_CASE("the shipped suites pass their checks", "[bench][cli]") {
  if (!fs::is_directory(fleet::test::data_dir() / "movingai")) {
    WARN("skipped: no benchmark data at " << fleet::test::data_dir().string());
    return;
  }
  ScratchDir dir;
  for (const auto& entry : fs::directory_iterator(fleet::test::source_dir() / "bench" / "suites")) {
    if (entry.path().extension() != ".yaml") continue;
    INFO(entry.path().string());
    Spawned s;
    CHECK(fleet::test::run({kFleetsim, "bench", entry.path().string(), "--dry-run", "-o",
                            (dir.path() / "x.jsonl").string()},
                           dir.path(), "dry", &s) == 0);
    INFO(s.stderr_text());
    CHECK(s.stdout_text().size() > 0);
  }
}

TEST_CASE("report on lifelong runs writes the slice table, throughput.csv and a plot per instance",
          "[bench][cli]") {
  ScratchDir dir;
  const fs::path results =
      fleet::test::source_dir() / "tests" / "data" / "bench" / "lifelong-results.jsonl";
  const fs::path out = dir.path() / "report";
  Spawned report;
  const int code = fleet::test::run({kFleetsim, "report", results.string(), "-o", out.string()},
                                    dir.path(), "report", &report);
  INFO(report.stderr_text());
  const std::string md = fleet::test::read_file(out / "summary.md");
  CHECK(md.find("| pibt | 2 | 190 | 0.380 | 76.0% of 0.5 | 0.60 0.50 0.40 0.30 0.10 |") !=
        std::string::npos);
  const std::string csv = fleet::test::read_file(out / "throughput.csv");
  CHECK(std::count(csv.begin(), csv.end(), '\n') == 1 + 5 + 5);
  if (code == 1 && report.stderr_text().find("no Python with matplotlib") != std::string::npos) {
    WARN("PNG check skipped: no Python with matplotlib here (python3-matplotlib)");
    return;
  }
  REQUIRE(code == 0);
  const std::string png = fleet::test::read_file(out / "throughput_small_50.png");
  REQUIRE(png.size() > 1000);
  CHECK(png.substr(0, 4) == "\x89PNG");
  CHECK(md.find("](throughput_small_50.png)") != std::string::npos);
  CHECK(fs::exists(out / "throughput.png"));  // throughput against fleet size, as before
}

TEST_CASE("the Slurm array script holds each run to the task's memory", "[bench][cli]") {
  ScratchDir dir;
  const fs::path script = fleet::test::source_dir() / "bench" / "scripts" / "slurm_array.sh";
  const fs::path suite = fleet::test::source_dir() / "tests" / "data" / "bench" / "mixed.yaml";
  ::setenv("FLEETSIM", kFleetsim.c_str(), 1);
  ::setenv("SLURM_ARRAY_TASK_ID", "0", 1);
  ::setenv("SLURM_ARRAY_TASK_COUNT", "1", 1);
  const auto limits = [&](const std::string& name) {
    Spawned s;
    const int code = fleet::test::run({"bash", script.string(), suite.string(),
                                       (dir.path() / name).string()},
                                      dir.path(), name, &s);
    INFO(s.stderr_text());
    REQUIRE(code == 0);
    std::set<std::int64_t> found;
    for (const auto& r : read_results(dir.path() / name / "mixed.shard-0-of-1.jsonl").runs)
      found.insert(r.memory_limit_mb);
    return found;
  };
  ::setenv("SLURM_MEM_PER_NODE", "1124", 1);  // --mem: less 100 MB for the runner
  CHECK(limits("per-node") == std::set<std::int64_t>{1024});
  ::unsetenv("SLURM_MEM_PER_NODE");
  ::setenv("SLURM_MEM_PER_CPU", "600", 1);  // --mem-per-cpu times the task's CPUs
  ::setenv("SLURM_CPUS_PER_TASK", "2", 1);
  CHECK(limits("per-cpu") == std::set<std::int64_t>{1100});
  ::setenv("SLURM_MEM_PER_CPU", "1000000", 1);  // more than the suite's limit: the suite's
  CHECK(limits("ample") == std::set<std::int64_t>{4096});
  ::setenv("SLURM_MEM_PER_CPU", "50", 1);  // no room for a run: refused before anything runs
  Spawned refused;
  CHECK(fleet::test::run({"bash", script.string(), suite.string(), (dir.path() / "x").string()},
                         dir.path(), "refused", &refused) == 2);
  CHECK(refused.stderr_text().find("ask for more --mem") != std::string::npos);
  for (const char* name : {"SLURM_MEM_PER_CPU", "SLURM_CPUS_PER_TASK", "SLURM_ARRAY_TASK_ID",
                           "SLURM_ARRAY_TASK_COUNT"})
    ::unsetenv(name);
}
