// The forking runner: each run in its own process, so a planner that crashes, hangs, eats
// memory, throws or lies is recorded with that outcome and the suite goes on. Misbehaving
// planners are registered here, beside a real one.
#include "../planner/scratch_files.hpp"
#include "../test_paths.hpp"

#include <fleet/bench/results_file.hpp>
#include <fleet/bench/runner.hpp>
#include <fleet/bench/runs.hpp>
#include <fleet/bench/suite.hpp>
#include <fleet/planner/registry.hpp>

#include <catch2/catch.hpp>

#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <memory>
#include <map>
#include <thread>

namespace {

using namespace fleet::bench;
namespace fp = fleet::planner;
using fleet::test::ScratchDir;

enum class Misbehaviour { Crash, Hang, Hog, Throw, Lie };

class BadPlanner final : public fp::Planner {
public:
  explicit BadPlanner(Misbehaviour how) : how_(how) {}
  [[nodiscard]] std::string_view name() const override { return "bad"; }
  fp::Result solve(const fp::Instance& instance, const fp::StopCondition& /*stop*/) override {
    switch (how_) {
      case Misbehaviour::Crash: raise(SIGSEGV); break;
      case Misbehaviour::Hang:  // ignores its deadline
        for (;;) std::this_thread::sleep_for(std::chrono::milliseconds(5));
      case Misbehaviour::Hog: {
        std::vector<std::unique_ptr<char[]>> blocks;
        constexpr std::size_t kBlock = std::size_t{32} << 20;
        for (int i = 0; i < 256; ++i) {  // at most 8 GiB, each page touched so it is resident
          blocks.emplace_back(new char[kBlock]);
          volatile char* bytes = blocks.back().get();  // stores the optimizer must keep
          for (std::size_t b = 0; b < kBlock; b += 4096) bytes[b] = 1;
        }
        for (;;) std::this_thread::sleep_for(std::chrono::milliseconds(5));
      }
      case Misbehaviour::Throw: throw std::runtime_error("planner bug");
      case Misbehaviour::Lie: break;
    }
    fp::Result result;  // "solved" by teleporting every robot to its goal
    result.status = fp::Status::Solved;
    result.plan.push_back(instance.starts);
    result.plan.emplace_back(instance.goals.begin(), instance.goals.end());
    return result;
  }

private:
  Misbehaviour how_;
};

fp::PlannerRegistry test_registry() {
  fp::PlannerRegistry registry;
  const fp::PlannerRegistry builtin = fp::builtin_planners();
  registry.add(*builtin.find("pp"));
  const std::pair<const char*, Misbehaviour> bad[] = {{"crash", Misbehaviour::Crash},
                                                     {"hang", Misbehaviour::Hang},
                                                     {"hog", Misbehaviour::Hog},
                                                     {"throw", Misbehaviour::Throw},
                                                     {"lie", Misbehaviour::Lie}};
  for (const auto& [name, how] : bad)
    registry.add({name, "misbehaves on purpose", {},
                  [how = how](const fp::ParamValues&, std::uint64_t) {
                    return std::make_unique<BadPlanner>(how);
                  }});
  return registry;
}

std::string grid_scenario(const std::string& agents) {
  const auto dir = fleet::test::source_dir() / "tests" / "data" / "bench";
  return "  - map: " + (dir / "grid-8x8.map").string() + "\n    scen: " +
         (dir / "grid-8x8.scen").string() + "\n    agents: " + agents + "\n";
}

std::map<std::string, RunRecord> by_key(const std::filesystem::path& path) {
  std::map<std::string, RunRecord> out;
  for (auto& r : read_results(path).runs) out[r.key] = r;
  return out;
}

}  // namespace

TEST_CASE("every way a run can fail is recorded and the suite goes on", "[bench][runner]") {
  // Generous limits: on a loaded machine a forked run may wait a long time for a core.
  const auto registry = test_registry();
  ScratchDir dir;
  const auto file = dir.write(
      "s.yaml", "name: s\ntime_limit: 3\nkill_grace: 0.5\nmemory_limit_mb: 256\nscenarios:\n" +
                    grid_scenario("3") + "planners: [crash, hang, hog, throw, lie, pp]\n");
  const Suite suite = load_suite(file, registry);
  const auto runs = expand_runs(suite);
  REQUIRE(runs.size() == 6);
  const auto out_path = dir.path() / "r.jsonl";
  ResultsWriter out(out_path);
  RunnerOptions options;
  options.jobs = 2;
  options.handle_signals = false;
  std::size_t calls = 0;
  options.progress = [&calls](const RunnerProgress& p) {
    ++calls;
    CHECK(p.done <= p.total);
  };
  const RunnerResult result = run_suite(suite, runs, registry, out, {}, options);
  CHECK(result.recorded == 6);
  CHECK(result.failures == 5);
  CHECK_FALSE(result.interrupted);
  CHECK(calls >= 6);

  const auto records = by_key(out_path);
  REQUIRE(records.size() == 6);
  const auto status = [&](const char* planner) {
    return records.at("s/grid-8x8/3/" + std::string(planner) + "/1");
  };
  CHECK(status("crash").status == RunStatus::Crash);
  CHECK(status("hang").status == RunStatus::Timeout);
  CHECK(status("hang").exit == "signal 9 (Killed)");
  CHECK(status("hog").status == RunStatus::Oom);
  CHECK(status("throw").status == RunStatus::Crash);
  CHECK(status("throw").message.find("planner bug") != std::string::npos);
  CHECK(status("lie").status == RunStatus::Invalid);
  CHECK(status("lie").executed_violations > 0);
  const RunRecord& pp = status("pp");
  CHECK(pp.status == RunStatus::Solved);
  CHECK(pp.executed_violations == 0);
  REQUIRE(pp.soc.has_value());
  REQUIRE(pp.soc_lb.has_value());
  CHECK(*pp.soc >= *pp.soc_lb);
  CHECK(pp.peak_memory_mb.value_or(0.0) > 0.0);
  CHECK(pp.params.at("order") == "distance");
  CHECK(pp.finished_at.size() == 20);
}

TEST_CASE("simulated scenarios run through the simulator and are validated", "[bench][runner]") {
  const auto registry = fp::builtin_planners();
  const Suite suite = load_suite(
      fleet::test::source_dir() / "tests" / "data" / "bench" / "mixed.yaml", registry);
  auto runs = expand_runs(suite);
  std::vector<RunSpec> floor;
  for (const auto& r : runs)
    if (r.scenario == 1 && r.planner != 1) floor.push_back(r);  // the lifelong floor
  REQUIRE(floor.size() == 8);
  ScratchDir dir;
  ResultsWriter out(dir.path() / "r.jsonl");
  RunnerOptions options;
  options.handle_signals = false;
  const RunnerResult result = run_suite(suite, floor, registry, out, {}, options);
  CHECK(result.recorded == 8);
  for (const auto& [key, r] : by_key(dir.path() / "r.jsonl")) {
    INFO(key << ": " << r.message);
    CHECK(r.status == RunStatus::Solved);
    CHECK(r.lifelong);
    CHECK(r.ticks == 30);
    CHECK(r.throughput.has_value());
    CHECK(r.planner_calls.value_or(0) > 0);
    CHECK(r.executed_violations == 0);
  }
}

TEST_CASE("stop_after_failure skips a ladder's larger fleets", "[bench][runner]") {
  const auto registry = test_registry();
  ScratchDir dir;
  const auto file = dir.write("s.yaml", "name: s\nstop_after_failure: true\nscenarios:\n" +
                                            grid_scenario("[2, 4, 6]") + "planners: [throw, pp]\n");
  const Suite suite = load_suite(file, registry);
  ResultsWriter out(dir.path() / "r.jsonl");
  RunnerOptions options;
  options.jobs = 2;
  options.handle_signals = false;
  (void)run_suite(suite, expand_runs(suite), registry, out, {}, options);
  const auto records = by_key(dir.path() / "r.jsonl");
  REQUIRE(records.size() == 6);
  CHECK(records.at("s/grid-8x8/2/throw/1").status == RunStatus::Crash);
  CHECK(records.at("s/grid-8x8/4/throw/1").status == RunStatus::Skipped);
  CHECK(records.at("s/grid-8x8/6/throw/1").status == RunStatus::Skipped);
  CHECK(records.at("s/grid-8x8/6/pp/1").status == RunStatus::Solved);
}

TEST_CASE("a stop signal ends the session without recording the runs it cut", "[bench][runner]") {
  const auto registry = test_registry();
  ScratchDir dir;
  const auto file = dir.write("s.yaml", "name: s\ntime_limit: 5\nseeds: 2\nscenarios:\n" +
                                            grid_scenario("2") + "planners: [pp, hang]\n");
  const Suite suite = load_suite(file, registry);
  const auto runs = expand_runs(suite);  // pp/1, pp/2, hang/1, hang/2
  ResultsWriter out(dir.path() / "r.jsonl");
  RunnerOptions options;
  options.poll_interval_s = 0.05;
  bool sent = false;
  options.progress = [&sent](const RunnerProgress& p) {
    // Ctrl-C while the first hanging run is in flight.
    if (!sent && p.last == nullptr && p.done == 2 && p.running == 1) {
      sent = true;
      ::kill(::getpid(), SIGINT);
    }
  };
  const auto started = std::chrono::steady_clock::now();
  const RunnerResult result = run_suite(suite, runs, registry, out, {}, options);
  CHECK(sent);
  CHECK(result.interrupted);
  CHECK(result.signal == SIGINT);
  CHECK(result.recorded == 2);
  const auto records = by_key(dir.path() / "r.jsonl");
  CHECK(records.size() == 2);
  CHECK(records.contains("s/grid-8x8/2/pp/2"));
  // The hanging run in flight was killed at once, not after its 5 s limit.
  CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(4));
}
