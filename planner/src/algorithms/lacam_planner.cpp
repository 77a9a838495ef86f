// The lacam planner: LaCAM* (Okumura, AAAI 2023 and IJCAI 2023), complete search over
// configurations with PIBT as the successor generator. It stops at the first solution, or
// (anytime) keeps improving it until the deadline. With a horizon (lifelong) it plans the
// window with PIBT, since robots need not all reach their goals there.
#include "algorithms/registrations.hpp"
#include "scalable/lacam.hpp"
#include "scalable/rollout.hpp"

#include <chrono>
#include <string>

namespace fleet::planner {
namespace {

class LacamPlanner final : public Planner {
public:
  LacamPlanner(scalable::LacamOptions options, std::uint64_t seed)
      : options_(options), seed_(seed), rollout_(options.pibt, seed) {}
  [[nodiscard]] std::string_view name() const override { return "lacam"; }

  Result solve(const Instance& instance, const StopCondition& stop) override {
    if (instance.horizon > 0) return rollout_.solve(instance, stop, 0);
    const auto started = std::chrono::steady_clock::now();
    auto elapsed = [&] {
      return std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    };
    Result result;
    if (const auto problems = check_instance(instance); !problems.empty()) {
      result.status = Status::InvalidInput;
      result.message = "robot " + std::to_string(problems.front().robot) + ": " +
                       problems.front().message;
      return result;
    }
    instance.distances->prepare(instance.goals);
    const double tables_s = elapsed();
    scalable::LacamSearch search(instance, options_, seed_);
    scalable::LacamOutcome outcome = search.run(stop);
    result.status = outcome.status;
    result.plan = std::move(outcome.plan);
    result.stats.runtime_s = elapsed();
    result.stats.iterations = outcome.iterations;
    result.stats.expanded = outcome.generator_calls;
    result.stats.generated = outcome.nodes;
    if (result.status == Status::Solved) {
      result.stats.first_solution_s = tables_s + outcome.first_solution_s;
      result.stats.first_solution_cost = outcome.first_soc;
    } else if (result.status == Status::Infeasible) {
      result.message = "the search exhausted every reachable configuration";
    } else {
      result.message = "stopped before a solution was found";
    }
    auto& extra = result.stats.extra;
    extra.emplace_back("distance_tables_s", tables_s);
    extra.emplace_back("sum_of_loss", static_cast<double>(outcome.cost));
    extra.emplace_back("first_sum_of_loss", static_cast<double>(outcome.first_cost));
    extra.emplace_back("search_memory_mb", static_cast<double>(outcome.memory_bytes) / 1048576.0);
    extra.emplace_back("exhausted", outcome.exhausted ? 1.0 : 0.0);
    return result;
  }

private:
  scalable::LacamOptions options_;
  std::uint64_t seed_;
  scalable::PibtRollout rollout_;
};

}  // namespace

void register_lacam(PlannerRegistry& registry) {
  registry.add(
      {"lacam",
       "LaCAM*: complete search over configurations with PIBT as generator; first solution "
       "or (anytime) improving until the deadline; lifelong windows are planned by PIBT",
       {{"anytime", "false", "keep improving the solution until the deadline"},
        {"swap", "true", "PIBT swap technique"},
        {"restart_probability", "0.001",
         "chance of restarting from the start when a known configuration is met"},
        {"memory_limit_mb", "4096", "stop growing the search beyond this much node memory"}},
       [](const ParamValues& p, std::uint64_t seed) {
         scalable::LacamOptions options;
         options.anytime = p.flag("anytime");
         options.pibt.swap = p.flag("swap");
         options.restart_probability = p.number("restart_probability");
         options.memory_limit_bytes =
             static_cast<std::size_t>(std::max<std::int64_t>(1, p.integer("memory_limit_mb")))
             << 20;
         return std::make_unique<LacamPlanner>(options, seed);
       }});
}

}  // namespace fleet::planner
