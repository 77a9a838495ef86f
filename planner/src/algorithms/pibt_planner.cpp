// The pibt planner: PIBT with the swap technique (Okumura et al., AIJ 2022; swap from
// "Engineering LaCAM*", AAMAS 2024), one step per tick. Linear per tick, so it serves fleets of
// 10,000 every tick in lifelong operation; one-shot it runs until every robot rests on its
// goal, which PIBT does not guarantee (use lacam for a complete search).
#include "algorithms/registrations.hpp"
#include "scalable/rollout.hpp"

#include <memory>

namespace fleet::planner {
namespace {

class PibtPlanner final : public Planner {
public:
  PibtPlanner(scalable::PibtOptions options, int max_ticks, std::uint64_t seed)
      : rollout_(options, seed), max_ticks_(max_ticks) {}
  [[nodiscard]] std::string_view name() const override { return "pibt"; }

  Result solve(const Instance& instance, const StopCondition& stop) override {
    return rollout_.solve(instance, stop, max_ticks_);
  }

private:
  scalable::PibtRollout rollout_;
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
        {"guidance", "none",
         "rank moves by distance plus a traffic cost: none, flow (against recent moves) or "
         "oneway (into one-wide aisles against alternating directions)"},
        {"guidance_weight", "2",
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
         return std::make_unique<PibtPlanner>(options, static_cast<int>(p.integer("max_ticks")),
                                              seed);
       }});
}

}  // namespace fleet::planner
