// The League of Robot Runners output log of a rotation-model run, which PlanViz and the start
// kits read. Both formats share version, actionModel, AllValid, teamSize, start,
// numTaskFinished, sumOfCost, makespan, actualPaths and plannerPaths (per robot "F,R,C,W,..."),
// plannerTimes and errors. 2023: events per robot [task, tick, "assigned"|"finished"] and
// tasks [id, row, col]. 2024: actualSchedule and plannerSchedule (per robot "tick:task,..."),
// scheduleErrors, events [tick, robot, task, errands done] and tasks [id, release tick,
// [row, col]]. Each errand the simulator hands out is one task of one errand.
#pragma once

#include <fleet/planner/motion.hpp>
#include <fleet/planner/instance.hpp>

#include <cstdint>
#include <filesystem>
#include <iosfwd>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace fleet::sim {

/// The log formats, by competition year.
enum class LorrLogFormat : std::uint8_t { Lorr2023, Lorr2024 };
/// "2023" or "2024".
[[nodiscard]] std::string_view to_string(LorrLogFormat format);
/// The format of a competition year (2023 or 2024); throws std::invalid_argument otherwise.
[[nodiscard]] LorrLogFormat lorr_log_format(int year);

class LorrLog {
public:
  /// `motion` must be the rotation model and outlive the log.
  LorrLog(const planner::Motion& motion, std::span<const planner::State> starts,
          LorrLogFormat format = LorrLogFormat::Lorr2023);

  /// Robot `robot` was given the errand at `goal` at `tick`; returns the new task id (ids
  /// count up in the order errands are given).
  std::int64_t assigned(planner::RobotId robot, planner::Cell goal, int tick);
  /// Robot `robot` finished its current task at `tick`.
  void finished(planner::RobotId robot, int tick);
  /// Appends one tick of actions: what the planner asked (`planned`; "W" when it had nothing,
  /// "T" when no single action makes the move) and what was executed.
  void step(std::span<const planner::State> from, std::span<const planner::State> planned,
            std::span<const planner::State> executed);
  void planner_time(double seconds) { planner_times_.push_back(seconds); }
  /// A prevented violation, written to "errors" (AllValid stays "Yes": none was executed).
  void error(planner::RobotId a, planner::RobotId b, int tick, std::string message);

  struct Totals {
    std::int64_t tasks_finished = 0;
    std::int64_t sum_of_cost = 0;
    std::int64_t makespan = 0;
    bool all_valid = true;
  };
  void write(std::ostream& out, const Totals& totals) const;
  /// Writes through `<path>.partial` and a rename.
  void write_file(const std::filesystem::path& path, const Totals& totals) const;

private:
  struct Task {
    std::int64_t id;
    planner::Cell cell;
    int released;
  };
  struct Event {
    std::int64_t task;
    int tick;
    bool finished;
  };
  struct Error {
    planner::RobotId a;
    planner::RobotId b;
    int tick;
    std::string message;
  };

  void write_common(std::ostream& out, const Totals& totals) const;
  void write_2023_tasks(std::ostream& out) const;
  void write_2024_tasks(std::ostream& out) const;

  const planner::Motion* motion_;
  LorrLogFormat format_;
  std::vector<planner::State> starts_;
  std::vector<std::string> actual_;   // one action letter per tick, per robot
  std::vector<std::string> planned_;
  std::vector<std::int64_t> current_task_;
  std::vector<std::vector<Event>> events_;
  std::vector<Task> tasks_;
  std::vector<double> planner_times_;
  std::vector<Error> errors_;
};

}  // namespace fleet::sim
