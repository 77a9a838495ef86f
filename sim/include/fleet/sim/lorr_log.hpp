// The League of Robot Runners (2023) output log of a rotation-model run, which PlanViz
// replays: actionModel, AllValid, teamSize, start, numTaskFinished, sumOfCost, makespan,
// actualPaths and plannerPaths (per robot "F,R,C,W,..."), plannerTimes, errors, events
// (per robot [task, tick, "assigned"|"finished"]) and tasks ([id, row, col]).
#pragma once

#include <fleet/planner/motion.hpp>
#include <fleet/planner/instance.hpp>

#include <cstdint>
#include <filesystem>
#include <iosfwd>
#include <span>
#include <string>
#include <vector>

namespace fleet::sim {

class LorrLog {
public:
  /// `motion` must be the rotation model and outlive the log.
  LorrLog(const planner::Motion& motion, std::span<const planner::State> starts);

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

  const planner::Motion* motion_;
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
