// Where robots go next. A task source answers, for robot r's j-th errand, its goal cell;
// answers depend only on (r, j) and the source's seed, never on the order in which robots
// ask, so task assignment is deterministic whatever the thread count.
#pragma once

#include <fleet/planner/grid.hpp>
#include <fleet/planner/instance.hpp>
#include <fleet/sim/warehouse.hpp>

#include <cstdint>
#include <memory>
#include <vector>

namespace fleet::sim {

using planner::RobotId;

class TaskSource {
public:
  virtual ~TaskSource() = default;
  /// Goal of robot `robot`'s errand number `errand` (0-based), or kNoCell when it has none
  /// left (the robot then stays where it is).
  [[nodiscard]] virtual Cell goal(RobotId robot, std::int64_t errand) const = 0;
  /// True when a robot gets a new errand after finishing one (lifelong operation).
  [[nodiscard]] virtual bool lifelong() const = 0;
};

/// One goal per robot, then nothing: a one-shot MAPF problem.
std::unique_ptr<TaskSource> one_shot_tasks(std::vector<Cell> goals);

/// Lifelong errands alternating shelf -> station -> shelf ..., drawn at random from the
/// warehouse's shelves and stations with a counter-based generator seeded by `seed`.
std::unique_ptr<TaskSource> random_errands(const Warehouse& warehouse, std::uint64_t seed);

/// Lifelong errands from a list, handed out round-robin as the League of Robot Runners 2023
/// does: robot k's j-th errand is tasks[(j * robots + k) mod tasks.size()].
std::unique_ptr<TaskSource> round_robin_tasks(std::vector<Cell> tasks, int robots);

}  // namespace fleet::sim
