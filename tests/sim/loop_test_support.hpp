// Helpers for the simulator, trace and determinism suites: a scratch directory and small
// hand-built scenarios that do not depend on the scenario file readers.
#pragma once

#include <fleet/planner/grid.hpp>
#include <fleet/sim/scenario.hpp>
#include <fleet/sim/tasks.hpp>

#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

namespace fleet::test {

/// A fresh directory under the system temp folder, removed with its contents at scope exit.
class LoopScratch {
public:
  LoopScratch() {
    std::string pattern = (std::filesystem::temp_directory_path() / "fleet-loop-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
  }
  ~LoopScratch() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  LoopScratch(const LoopScratch&) = delete;
  LoopScratch& operator=(const LoopScratch&) = delete;
  [[nodiscard]] const std::filesystem::path& path() const { return path_; }

private:
  std::filesystem::path path_;
};

/// A scenario on a map given as rows ('.' free, '@' blocked); robots start at `starts`
/// (cells, facing east). With `lifelong`, `goals` is a task list handed out round-robin;
/// otherwise goals[r] is robot r's one-shot goal.
inline sim::Scenario make_scenario(const std::vector<std::string>& rows,
                                   const std::vector<planner::Cell>& starts,
                                   std::vector<planner::Cell> goals, bool lifelong,
                                   planner::MotionKind motion = planner::MotionKind::FourConnected) {
  sim::Scenario s;
  s.name = lifelong ? "test-lifelong" : "test-oneshot";
  s.warehouse.grid = std::make_shared<const planner::Grid>(planner::Grid::from_rows(rows));
  s.motion = motion;
  const planner::Motion m(*s.warehouse.grid, motion);
  for (const planner::Cell c : starts) s.starts.push_back(m.state(c, 0));
  const int robots = static_cast<int>(starts.size());
  s.tasks = lifelong ? std::shared_ptr<const sim::TaskSource>(sim::round_robin_tasks(std::move(goals), robots))
                     : std::shared_ptr<const sim::TaskSource>(sim::one_shot_tasks(std::move(goals)));
  s.planner.name = "reactive";
  s.planner.time_limit_s = 5.0;
  s.replan_period = 1;
  s.horizon = lifelong ? 1 : 0;
  s.steps = 200;
  s.threads = 1;
  return s;
}

/// An open 10x8 room with a few pillars.
inline std::vector<std::string> room_rows() {
  return {"..........",
          "..@....@..",
          "..........",
          "....@@....",
          "..........",
          ".@......@.",
          "..........",
          ".........."};
}

}  // namespace fleet::test
