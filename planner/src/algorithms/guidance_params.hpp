// The parameters pibt and lacam share: the guidance graph their distances are on (guided
// tables), the local traffic guidance of their PIBT steps, and the priority a robot starts
// a new goal with. Declared and read in one place so that both planners offer the same
// names, checks and descriptions.
#pragma once

#include <fleet/planner/registry.hpp>

#include "scalable/guidance.hpp"
#include "scalable/guided_tables.hpp"
#include "scalable/pibt.hpp"

#include <memory>
#include <vector>

namespace fleet::planner {

/// `params` followed by the shared parameters.
std::vector<ParamSpec> with_guidance_params(std::vector<ParamSpec> params);

/// The guided tables the parameters ask for (throws std::invalid_argument for bad values).
scalable::GuidedTables guided_tables(const ParamValues& p);

/// The traffic guidance the parameters ask for, null for none. The weight is checked
/// whatever the kind, so a bad weight is reported even when unused.
std::shared_ptr<scalable::Guidance> traffic_guidance(const ParamValues& p);

/// The credit, in ticks of waiting, a robot starts a new goal with (throws
/// std::invalid_argument unless it is between 0 and 100,000).
float new_goal_priority(const ParamValues& p);
/// Reads and checks queue_limit and queue_radius into `options`; throws
/// std::invalid_argument naming a bad value.
void set_queue_options(const ParamValues& p, scalable::PibtOptions& options);

}  // namespace fleet::planner
