// The lacam planner: LaCAM* (Okumura, AAAI 2023 and IJCAI 2023), complete search over
// configurations with PIBT as the successor generator. It stops at the first solution, or
// (anytime) keeps improving it until the deadline, by LNS (default) or by LaCAM*'s own
// rewiring search. With a horizon (lifelong) it rolls PIBT out over a window, improves that by
// windowed LNS within a share of the time left, and returns the horizon's first ticks.
#include "algorithms/guidance_params.hpp"
#include "algorithms/registrations.hpp"
#include "scalable/lacam.hpp"
#include "scalable/lns.hpp"
#include "scalable/window_planner.hpp"

#include <algorithm>
#include <chrono>
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>

namespace fleet::planner {
namespace {

class LacamPlanner final : public Planner {
public:
  enum class Improve { Lns, Search };

  LacamPlanner(scalable::LacamOptions options, bool anytime, Improve improve,
               scalable::LnsOptions lns, scalable::WindowOptions window,
               scalable::GuidedTables guided, std::uint64_t seed)
      : options_(options),
        anytime_(anytime),
        improve_(improve),
        lns_(lns),
        seed_(seed),
        windows_(window, std::move(guided), seed) {}
  [[nodiscard]] std::string_view name() const override { return "lacam"; }

  void preprocess(const Instance& instance) override {
    if (instance.horizon > 0) {
      windows_.preprocess(instance);
    } else if (!options_.lazy_distances) {
      Planner::preprocess(instance);
    }
  }

  Result solve(const Instance& instance, const StopCondition& stop) override {
    if (instance.horizon > 0) return windows_.solve(instance, stop);
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
    // With LNS doing the improving, the search stops at its first solution; its nodes are
    // released before LNS starts, its distances are handed on.
    const bool lns = anytime_ && improve_ == Improve::Lns;
    scalable::LacamOptions options = options_;
    options.anytime = anytime_ && improve_ == Improve::Search;
    std::int64_t lower_bound = 0;
    double tables_s = 0;
    scalable::LacamOutcome outcome;
    std::unique_ptr<scalable::LazyDistances> distances;
    {
      scalable::LacamSearch search(instance, options, seed_);
      lower_bound = search.prepare();
      tables_s = elapsed();
      outcome = search.run(stop);
      distances = search.release_distances();
    }
    result.status = outcome.status;
    result.plan = std::move(outcome.plan);
    if (lns && result.status == Status::Solved && !stop.should_stop()) {
      scalable::Lns improver(instance, lns_, seed_, distances.get());
      scalable::LnsOutcome improved = improver.improve(result.plan, stop);
      result.plan = std::move(improved.plan);
      auto& extra = result.stats.extra;
      extra.emplace_back("lns_rounds", static_cast<double>(improved.rounds));
      extra.emplace_back("lns_accepted", static_cast<double>(improved.accepted));
      extra.emplace_back("lns_improved", static_cast<double>(improved.improved));
      extra.emplace_back("lns_replans", static_cast<double>(improved.replans));
      extra.emplace_back("lns_failed_replans", static_cast<double>(improved.failed_replans));
      extra.emplace_back("lns_expanded", static_cast<double>(improved.expanded));
    }
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
    extra.emplace_back("soc_lb", static_cast<double>(lower_bound));
    extra.emplace_back("distance_memory_mb",
                       static_cast<double>(outcome.distance_bytes) / 1048576.0);
    extra.emplace_back("sum_of_loss", static_cast<double>(outcome.cost));
    extra.emplace_back("first_sum_of_loss", static_cast<double>(outcome.first_cost));
    extra.emplace_back("search_memory_mb", static_cast<double>(outcome.memory_bytes) / 1048576.0);
    extra.emplace_back("exhausted", outcome.exhausted ? 1.0 : 0.0);
    return result;
  }

private:
  scalable::LacamOptions options_;
  bool anytime_;
  Improve improve_;
  scalable::LnsOptions lns_;
  std::uint64_t seed_;
  scalable::WindowPlanner windows_;
};

}  // namespace

void register_lacam(PlannerRegistry& registry) {
  registry.add(
      {"lacam",
       "LaCAM*: complete search over configurations with PIBT as generator; first solution "
       "or (anytime) improving until the deadline; lifelong: a PIBT rollout over a window "
       "improved by windowed LNS",
       with_guidance_params(
       {{"anytime", "false", "keep improving the solution until the deadline"},
        {"improve", "lns",
         "anytime improvement: lns (replan neighbourhoods of robots around the others) or "
         "search (LaCAM* rewiring)"},
        {"neighbourhood", "0", "lns: robots replanned per round (0: adaptive, 2 to 32)"},
        {"lns_rounds", "-1", "lns: stop after this many rounds (-1: at the deadline only)"},
        {"lifelong_patience", "0.5",
         "lifelong: stop a window's LNS after this many rounds per robot (at least 50) in a "
         "row without improvement, giving the time back (-1: never)"},
        {"lns_max_expansions", "200000",
         "lns (intervals): give up replanning a robot after this many expansions"},
        {"lns_threads", "1",
         "lns: neighbourhoods replanned in parallel, one-shot and lifelong (the result "
         "depends on the seed and this count, not on how many cores run it)"},
        {"lns_low_level", "intervals",
         "lns: single-robot search: intervals (safe intervals over the recorded visits), or "
         "the shared sipp or astar"},
        {"swap", "true", "PIBT swap technique"},
        {"restart_probability", "0.001",
         "chance of restarting from the start when a known configuration is met"},
        {"memory_limit_mb", "4096", "stop growing the search beyond this much node memory"},
        {"window", "15",
         "lifelong: ticks planned per call (at least the horizon); under a deadline shortened "
         "so that the rollout takes at most rollout_share of it"},
        {"rollout_share", "0.25",
         "lifelong: share of the time left at a call the rollout may take (0 to 1)"},
        {"lifelong_lns", "true",
         "lifelong: improve the window's PIBT rollout by LNS on the windowed objective"},
        {"lifelong_follow", "true",
         "lifelong: start each window's rollout on the previous call's improved window, for "
         "the robots still on it"},
        {"lifelong_lns_max_density", "1",
         "lifelong: improve by LNS only while robots fill at most this share of the free "
         "cells (denser floors get the rollout alone)"},
        {"lifelong_time_share", "0.5",
         "lifelong: share of the time left at each call spent on LNS (0 to 1); the rest is "
         "margin for the deadline"},
        {"lazy_distances", "true",
         "grow each goal's distances on demand instead of building full shared tables"}}),
       [](const ParamValues& p, std::uint64_t seed) {
         scalable::LacamOptions options;
         const std::string improve = p.text("improve");
         if (improve != "lns" && improve != "search")
           throw std::invalid_argument("planner 'lacam': parameter 'improve' must be lns or "
                                       "search, got '" + improve + "'");
         scalable::LnsOptions lns;
         lns.neighbourhood = static_cast<int>(p.integer("neighbourhood"));
         lns.max_rounds = p.integer("lns_rounds");
         lns.max_expansions = p.integer("lns_max_expansions");
         lns.threads = static_cast<int>(std::max<std::int64_t>(1, p.integer("lns_threads")));
         const std::string low = p.text("lns_low_level");
         if (low != "intervals" && low != "sipp" && low != "astar")
           throw std::invalid_argument("planner 'lacam': parameter 'lns_low_level' must be "
                                       "intervals, sipp or astar, got '" + low + "'");
         lns.low_level = low == "sipp"    ? scalable::LnsOptions::LowLevel::Sipp
                         : low == "astar" ? scalable::LnsOptions::LowLevel::AStar
                                          : scalable::LnsOptions::LowLevel::Intervals;
         options.pibt.swap = p.flag("swap");
         options.pibt.new_goal_priority = new_goal_priority(p);
         set_queue_options(p, options.pibt);
         options.restart_probability = p.number("restart_probability");
         options.lazy_distances = p.flag("lazy_distances");
         options.memory_limit_bytes =
             static_cast<std::size_t>(std::max<std::int64_t>(1, p.integer("memory_limit_mb")))
             << 20;
         scalable::WindowOptions window;
         window.window = static_cast<int>(p.integer("window"));
         if (window.window < 1)
           throw std::invalid_argument("planner 'lacam': parameter 'window' must be at least 1, "
                                       "got " + std::to_string(window.window));
         window.lns = p.flag("lifelong_lns");
         window.follow_previous = p.flag("lifelong_follow");
         window.rollout_share = p.number("rollout_share");
         window.lns_max_density = p.number("lifelong_lns_max_density");
         if (!(window.rollout_share > 0.0 && window.rollout_share <= 1.0))
           throw std::invalid_argument("planner 'lacam': parameter 'rollout_share' must be in "
                                       "(0, 1], got " + std::to_string(window.rollout_share));
         window.time_share = p.number("lifelong_time_share");
         if (!(window.time_share >= 0.0 && window.time_share <= 1.0))
           throw std::invalid_argument("planner 'lacam': parameter 'lifelong_time_share' must "
                                       "be between 0 and 1, got " +
                                       std::to_string(window.time_share));
         window.lns_options = lns;
         window.patience_per_robot = p.number("lifelong_patience");
         window.pibt = options.pibt;
         window.pibt.guidance = traffic_guidance(p);
         return std::make_unique<LacamPlanner>(
             options, p.flag("anytime"),
             improve == "lns" ? LacamPlanner::Improve::Lns : LacamPlanner::Improve::Search, lns,
             window, guided_tables(p), seed);
       }});
}

}  // namespace fleet::planner
