// The independent check every plan passes before anyone trusts it: vertex and swap (edge)
// conflicts, obstacles, moves that no single action makes, wrong starts and goals.
#pragma once

#include <fleet/planner/plan.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace fleet::planner {

enum class ViolationKind : std::uint8_t {
  Vertex,       ///< two robots in one cell at `time`
  Swap,         ///< two robots exchange cells between `time` and `time + 1`
  Obstacle,     ///< a robot on a blocked or off-map cell at `time`
  NonUnitMove,  ///< no single action takes the robot from its state at `time` to `time + 1`
  WrongStart,   ///< plan[0] differs from the instance's start
  WrongGoal,    ///< the robot does not end on its goal cell
  Malformed,    ///< empty plan or a configuration with the wrong number of robots
};
std::string_view to_string(ViolationKind kind);

struct Violation {
  ViolationKind kind;
  int time = 0;
  RobotId robot = -1;
  RobotId other = -1;  ///< the second robot of a conflict, -1 otherwise
  Cell cell = kNoCell;

  /// A one-line human description, with (x,y) coordinates.
  [[nodiscard]] std::string describe(const Grid& grid) const;
};

struct ValidateOptions {
  bool require_goals = true;        ///< one-shot plans must end with every robot on its goal
  std::size_t max_violations = 64;  ///< stop collecting after this many
};

/// Checks consecutive configurations one step at a time with reusable scratch arrays, so the
/// simulator can validate every tick without allocating.
class Validator {
public:
  explicit Validator(const Motion& motion);

  /// Violations of the step from `from` (tick `time`) to `to` (tick `time + 1`): vertex
  /// conflicts and obstacles in `to`, swaps and non-unit moves between them.
  std::vector<Violation> check_step(const Config& from, const Config& to, int time,
                                    std::size_t max_violations = 64);
  /// Every violation of a whole plan for an instance.
  std::vector<Violation> check_plan(const Instance& instance, const Plan& plan,
                                    const ValidateOptions& options = {});

private:
  void check_config(const Config& config, int time, std::vector<Violation>& out,
                    std::size_t max_violations);

  Motion motion_;
  std::vector<std::int32_t> occupant_;  // robot in each cell for the configuration being checked
  std::vector<Cell> touched_;
};

/// Convenience: Validator(instance.motion).check_plan(instance, plan, options).
std::vector<Violation> validate(const Instance& instance, const Plan& plan,
                                const ValidateOptions& options = {});

}  // namespace fleet::planner
