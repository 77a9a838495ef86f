#include "algorithms/guidance_params.hpp"

#include <algorithm>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <utility>

namespace fleet::planner {

std::vector<ParamSpec> with_guidance_params(std::vector<ParamSpec> params) {
  params.insert(
      params.end(),
      {{"guidance", "flow",
        "rank moves by distance plus a traffic cost: none, flow (against recent moves) or "
        "oneway (into one-wide aisles against alternating directions)"},
       {"guidance_weight", "4",
        "ticks a move costs per unit of guidance (flow: per recent move the other way, net "
        "of moves its way; oneway: per wrong-way aisle entry)"},
       {"guidance_graph", "crisscross",
        "rank moves by distances on a guidance graph: none (exact ticks) or crisscross "
        "(lanes are one-way streets in alternating directions)"},
       {"wrong_way_cost", "3", "guidance graph: cost of one move against its street (1 to 64)"},
       {"turn_cost", "1", "guidance graph, rotation model: cost of a quarter turn (1 to 64)"},
       {"traffic_spread", "2",
        "guidance graph: extra cost of entering a cell per robot expected to enter it each "
        "tick, from routing sampled errands (0: off)"},
       {"guided_memory_mb", "2048",
        "guidance graph: free the guided tables of goals no robot holds beyond this (0: never)"},
       {"new_goal_priority", "100",
        "lifelong: ticks of waiting a robot is credited with when it gets a new goal, so that "
        "robots leaving a station go ahead of the robots queueing for it (0: PIBT's own rule, "
        "a new goal ranks last)"},
       {"queue_limit", "4",
        "lifelong: robots let near the same goal at once, the nearest; the rest wait outside "
        "queue_radius, yielding to everyone, so that a queue does not box in the robots "
        "leaving its station (0: no limit)"},
       {"queue_radius", "6",
        "lifelong: how far from its goal a robot held back by queue_limit waits (1 to 1000, "
        "in the ranking distance's units)"}});
  return params;
}

scalable::GuidedTables guided_tables(const ParamValues& p) {
  const auto budget_mb = std::max<std::int64_t>(0, p.integer("guided_memory_mb"));
  return scalable::GuidedTables(scalable::parse_guidance_graph(p.text("guidance_graph")),
                                static_cast<int>(p.integer("wrong_way_cost")),
                                static_cast<std::size_t>(budget_mb) << 20,
                                static_cast<int>(p.integer("turn_cost")),
                                p.number("traffic_spread"));
}

std::shared_ptr<scalable::Guidance> traffic_guidance(const ParamValues& p) {
  const auto kind = scalable::parse_guidance_kind(p.text("guidance"));
  auto guidance = std::make_shared<scalable::Guidance>(kind, p.number("guidance_weight"));
  return kind == scalable::GuidanceKind::None ? nullptr : std::move(guidance);
}

float new_goal_priority(const ParamValues& p) {
  const double credit = p.number("new_goal_priority");
  if (!(credit >= 0.0 && credit <= 100000.0))
    throw std::invalid_argument("parameter 'new_goal_priority' must be between 0 and 100000, "
                                "got " + std::to_string(credit));
  return static_cast<float>(credit);
}

void set_queue_options(const ParamValues& p, scalable::PibtOptions& options) {
  const std::int64_t limit = p.integer("queue_limit");
  const std::int64_t radius = p.integer("queue_radius");
  if (limit < 0 || limit > 100000)
    throw std::invalid_argument("parameter 'queue_limit' must be between 0 and 100000, got " +
                                std::to_string(limit));
  if (radius < 1 || radius > 1000)
    throw std::invalid_argument("parameter 'queue_radius' must be between 1 and 1000, got " +
                                std::to_string(radius));
  options.queue_limit = static_cast<int>(limit);
  options.queue_radius = static_cast<int>(radius);
}

}  // namespace fleet::planner
