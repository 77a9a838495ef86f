// The task sources: one-shot goals, random shelf/station errands, round-robin task lists.
#include <fleet/sim/tasks.hpp>

#include "splitmix.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>
#include <utility>

namespace fleet::sim {
namespace {

class OneShotTasks final : public TaskSource {
public:
  explicit OneShotTasks(std::vector<Cell> goals) : goals_(std::move(goals)) {}
  [[nodiscard]] Cell goal(RobotId robot, std::int64_t errand) const override {
    if (errand != 0 || robot < 0 || static_cast<std::size_t>(robot) >= goals_.size())
      return planner::kNoCell;
    return goals_[static_cast<std::size_t>(robot)];
  }
  [[nodiscard]] bool lifelong() const override { return false; }

private:
  std::vector<Cell> goals_;
};

class RandomErrands final : public TaskSource {
public:
  RandomErrands(std::vector<Cell> shelves, std::vector<Cell> stations, std::uint64_t seed)
      : shelves_(std::move(shelves)), stations_(std::move(stations)), seed_(seed) {}
  [[nodiscard]] Cell goal(RobotId robot, std::int64_t errand) const override {
    if (robot < 0 || errand < 0) return planner::kNoCell;
    const std::vector<Cell>& from = errand % 2 == 0 ? shelves_ : stations_;
    const std::uint64_t word =
        detail::hash3(seed_, static_cast<std::uint64_t>(robot), static_cast<std::uint64_t>(errand));
    return from[static_cast<std::size_t>(detail::bounded(word, from.size()))];
  }
  [[nodiscard]] bool lifelong() const override { return true; }

private:
  std::vector<Cell> shelves_;
  std::vector<Cell> stations_;
  std::uint64_t seed_;
};

class RoundRobinTasks final : public TaskSource {
public:
  RoundRobinTasks(std::vector<Cell> errands, int per_task, int robots)
      : errands_(std::move(errands)),
        per_task_(per_task),
        tasks_(static_cast<std::int64_t>(errands_.size()) / per_task),
        robots_(robots) {}
  [[nodiscard]] Cell goal(RobotId robot, std::int64_t errand) const override {
    if (robot < 0 || robot >= robots_ || errand < 0) return planner::kNoCell;
    const std::int64_t j = errand / per_task_;
    // (j * robots + robot) mod tasks without overflow: each factor is reduced first.
    const std::int64_t task = ((j % tasks_) * (robots_ % tasks_) + robot) % tasks_;
    return errands_[static_cast<std::size_t>(task * per_task_ + errand % per_task_)];
  }
  [[nodiscard]] bool lifelong() const override { return true; }

private:
  std::vector<Cell> errands_;
  std::int64_t per_task_;
  std::int64_t tasks_;
  std::int64_t robots_;
};

}  // namespace

std::unique_ptr<TaskSource> one_shot_tasks(std::vector<Cell> goals) {
  return std::make_unique<OneShotTasks>(std::move(goals));
}

std::unique_ptr<TaskSource> random_errands(const Warehouse& warehouse, std::uint64_t seed) {
  if (warehouse.shelves.empty() || warehouse.stations.empty())
    throw std::invalid_argument(
        "random errands need at least one shelf and one station (the "
        "warehouse has " +
        std::to_string(warehouse.shelves.size()) + " shelves and " +
        std::to_string(warehouse.stations.size()) + " stations)");
  return std::make_unique<RandomErrands>(warehouse.shelves, warehouse.stations, seed);
}

std::unique_ptr<TaskSource> round_robin_tasks(std::vector<Cell> tasks, int robots) {
  return round_robin_tasks(std::move(tasks), 1, robots);
}

std::unique_ptr<TaskSource> round_robin_tasks(std::vector<Cell> errands, int errands_per_task,
                                              int robots) {
  if (errands.empty()) throw std::invalid_argument("round-robin task list is empty");
  if (errands_per_task < 1 || errands.size() % static_cast<std::size_t>(errands_per_task) != 0)
    throw std::invalid_argument("round-robin list of " + std::to_string(errands.size()) +
                                " errands is not a whole number of tasks of " +
                                std::to_string(errands_per_task));
  if (robots < 1) throw std::invalid_argument("round-robin tasks need at least one robot");
  return std::make_unique<RoundRobinTasks>(std::move(errands), errands_per_task, robots);
}

int TaskList::max_errands() const {
  int most = 0;
  for (std::size_t t = 0; t + 1 < offsets.size(); ++t)
    most = std::max(most, offsets[t + 1] - offsets[t]);
  return most;
}

std::vector<Cell> TaskList::padded() const {
  const int m = max_errands();
  std::vector<Cell> out;
  out.reserve(size() * static_cast<std::size_t>(m));
  for (std::size_t t = 0; t + 1 < offsets.size(); ++t) {
    for (int i = 0; i < m; ++i)
      out.push_back(
          errands[static_cast<std::size_t>(std::min(offsets[t] + i, offsets[t + 1] - 1))]);
  }
  return out;
}

}  // namespace fleet::sim
