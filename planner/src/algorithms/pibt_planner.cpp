// The pibt planner: PIBT with the swap technique (Okumura et al., AIJ 2022; swap from
// "Engineering LaCAM*", AAMAS 2024), one step per tick. Linear per tick, so it serves fleets of
// 10,000 every tick in lifelong operation; one-shot it runs until every robot rests on its
// goal, which PIBT does not guarantee (use lacam for a complete search).
#include "algorithms/registrations.hpp"
#include "scalable/guided_tables.hpp"
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
       {{"swap", "true", "emulate swaps in corridors by pulling the blocking robot back"},
        {"max_ticks", "10000", "one-shot: give up after this many ticks"},
        {"corridor_limit", "256", "longest corridor the swap test follows"},
        {"guidance", "flow",
         "rank moves by distance plus a traffic cost: none, flow (against recent moves) or "
         "oneway (into one-wide aisles against alternating directions)"},
        {"guidance_graph", "crisscross",
         "rank moves by distances on a guidance graph: none (exact ticks) or crisscross "
         "(lanes are one-way streets in alternating directions)"},
        {"wrong_way_cost", "3", "guidance graph: cost of one move against its street (1 to 64)"},
        {"turn_cost", "1", "guidance graph, rotation model: cost of a quarter turn (1 to 64)"},
        {"guided_memory_mb", "2048",
         "guidance graph: free the guided tables of goals no robot holds beyond this (0: never)"},
        {"guidance_weight", "4",
         "ticks a move costs per unit of guidance (flow: per recent move the other way, net "
         "of moves its way; oneway: per wrong-way aisle entry)"}},
       [](const ParamValues& p, std::uint64_t seed) {
         scalable::PibtOptions options;
         options.swap = p.flag("swap");
         options.corridor_limit = static_cast<int>(p.integer("corridor_limit"));
         const auto guidance = scalable::parse_guidance_kind(p.text("guidance"));
         // Checked even when unused, so a bad weight is reported whatever the kind.
         auto shared = std::make_shared<scalable::Guidance>(guidance, p.number("guidance_weight"));
         if (guidance != scalable::GuidanceKind::None) options.guidance = std::move(shared);
         scalable::GuidedTables guided(
             scalable::parse_guidance_graph(p.text("guidance_graph")),
             static_cast<int>(p.integer("wrong_way_cost")),
             static_cast<std::size_t>(std::max<std::int64_t>(0, p.integer("guided_memory_mb")))
                 << 20,
             static_cast<int>(p.integer("turn_cost")));
         return std::make_unique<PibtPlanner>(options, std::move(guided),
                                              static_cast<int>(p.integer("max_ticks")), seed);
       }});
}

}  // namespace fleet::planner
