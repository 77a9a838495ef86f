// A MAPF problem: a grid, a motion model, each robot's start state and goal cell. In lifelong
// operation the same type carries the fleet's current states and next goals, plus the
// number of ticks the caller will execute before asking again.
#pragma once

#include <fleet/planner/distance_table.hpp>
#include <fleet/planner/grid.hpp>
#include <fleet/planner/motion.hpp>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace fleet::planner {

using RobotId = std::int32_t;
struct Components;  // graph_view.hpp

struct Instance {
  /// Makes an instance with its own distance table unless one is given (sharing one across
  /// calls keeps lifelong planning from recomputing tables).
  Instance(std::shared_ptr<const Grid> grid, MotionKind kind, std::vector<State> starts,
           std::vector<Cell> goals, std::shared_ptr<const DistanceTable> distances = nullptr);

  [[nodiscard]] std::size_t size() const { return starts.size(); }
  [[nodiscard]] const Grid& map() const { return *grid; }

  std::shared_ptr<const Grid> grid;
  Motion motion;
  std::vector<State> starts;
  std::vector<Cell> goals;
  std::shared_ptr<const DistanceTable> distances;
  /// Lifelong planning: ticks that will be executed before the next call (0 = one-shot:
  /// plan until every robot rests at its goal).
  int horizon = 0;
};

/// What makes an instance unsolvable on its face: a start or goal off the map or on an
/// obstacle, two robots on one start, two robots sharing a goal (one-shot only), a goal
/// unreachable from its start. Empty when the instance is well-formed.
struct InstanceProblem {
  RobotId robot;
  std::string message;
};
std::vector<InstanceProblem> check_instance(const Instance& instance, bool one_shot = true);
/// The same with the map's connected components already known (connected_components of
/// instance.map()): a lifelong planner checks every call, and the map does not change.
std::vector<InstanceProblem> check_instance(const Instance& instance, bool one_shot,
                                            const Components& components);

/// Reads the first `agents` rows of a MovingAI `.scen` for `grid` (4-connected, or the rotation
/// model with every robot facing east). Throws fleet::InputError naming file and line for
/// malformed rows, coordinates off the map, starts/goals on obstacles, `agents` larger than
/// the rows, duplicate starts and unreachable goals.
Instance load_scen(const std::filesystem::path& path, std::shared_ptr<const Grid> grid,
                   int agents, MotionKind kind = MotionKind::FourConnected);

}  // namespace fleet::planner
