// The pibt planner: PIBT with the swap technique (Okumura et al., AIJ 2022; swap from
// "Engineering LaCAM*", AAMAS 2024), one step per tick. Linear per tick, so it serves fleets of
// 10,000 every tick in lifelong operation; one-shot it runs until every robot rests on its
// goal, which PIBT does not guarantee (use lacam for a complete search).
#include "algorithms/guidance_params.hpp"
#include "algorithms/registrations.hpp"
#include "scalable/rollout.hpp"

#include <algorithm>
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>

namespace fleet::planner {
namespace {

class PibtPlanner final : public Planner {
public:
  PibtPlanner(scalable::PibtOptions options, scalable::GuidedTables guided, int max_ticks,
              std::uint64_t seed)
      : rollout_(options, seed), guided_(std::move(guided)), max_ticks_(max_ticks) {}
  [[nodiscard]] std::string_view name() const override { return "pibt"; }

  Result solve(const Instance& instance, const StopCondition& stop) override {
    rollout_.set_heuristic(guided_.prepare(instance));
    return rollout_.solve(instance, stop, max_ticks_);
  }

  void preprocess(const Instance& instance) override {
    if (guided_.prepare(instance) == nullptr) Planner::preprocess(instance);
  }

private:
  scalable::PibtRollout rollout_;
  scalable::GuidedTables guided_;
  int max_ticks_;
};

}  // namespace

void register_pibt(PlannerRegistry& registry) {
  registry.add(
      {"pibt",
       "priority inheritance with backtracking, one step per tick, with the swap technique "
       "(incomplete; linear per tick; lifelong keeps priorities between calls)",
       with_guidance_params(
           {{"swap", "true", "emulate swaps in corridors by pulling the blocking robot back"},
            {"max_ticks", "10000", "one-shot: give up after this many ticks"},
            {"corridor_limit", "256", "longest corridor the swap test follows"}}),
       [](const ParamValues& p, std::uint64_t seed) {
         scalable::PibtOptions options;
         options.swap = p.flag("swap");
         options.corridor_limit = static_cast<int>(p.integer("corridor_limit"));
         options.guidance = traffic_guidance(p);
         options.new_goal_priority = new_goal_priority(p);
         set_queue_options(p, options);
         scalable::GuidedTables guided = guided_tables(p);
         return std::make_unique<PibtPlanner>(options, std::move(guided),
                                              static_cast<int>(p.integer("max_ticks")), seed);
       }});
}

}  // namespace fleet::planner
