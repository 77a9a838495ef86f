// Where robots go next. A task source answers, for robot r's j-th errand, its goal cell;
// answers depend only on (r, j) and the source's seed, never on the order in which robots
// ask, so task assignment is deterministic whatever the thread count.
#pragma once

#include <fleet/planner/grid.hpp>
#include <fleet/planner/instance.hpp>
#include <fleet/sim/warehouse.hpp>

#include <cstdint>
#include <filesystem>
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

/// Lifelong tasks of `errands_per_task` errands each (stored one task after another, e.g. a
/// pick-up then a drop-off), handed out round-robin by task: robot k's j-th task is task
/// (j * robots + k) mod task_count, and its errands come in order. With one errand per task
/// this is the rule above. Throws std::invalid_argument for an empty list, a list that is not
/// a whole number of tasks, or robots < 1.
std::unique_ptr<TaskSource> round_robin_tasks(std::vector<Cell> errands, int errands_per_task,
                                              int robots);

/// Tasks read from a file, each a short sequence of errands (goal cells).
struct TaskList {
  std::vector<Cell> errands;          ///< every task's errands, one task after another
  std::vector<std::int32_t> offsets;  ///< task t: errands[offsets[t], offsets[t + 1])
  std::vector<int> lines;             ///< the file line of each task

  [[nodiscard]] std::size_t size() const { return lines.size(); }
  /// The most errands any task has.
  [[nodiscard]] int max_errands() const;
  /// The errands with every task padded to max_errands() by repeating its last errand (a
  /// repeated errand is done as soon as it is given), ready for round_robin_tasks.
  [[nodiscard]] std::vector<Cell> padded() const;
};

/// Largest task file accepted (tasks), so a corrupt count never allocates blindly.
inline constexpr std::int64_t kMaxTaskFileTasks = std::int64_t{1} << 24;

/// Reads a League of Robot Runners task file for `grid`: lines starting with '#' are
/// comments; the first other line is the task count N; then N lines, each one task as
/// comma-separated cell indices y * width + x (2023: one errand per task; 2024: pick-up,
/// drop-off). Throws fleet::InputError naming the file and line for a missing file, a
/// malformed number, a count that does not match the lines, a cell off the map or blocked.
TaskList read_task_file(const std::filesystem::path& path, const planner::Grid& grid);

}  // namespace fleet::sim
