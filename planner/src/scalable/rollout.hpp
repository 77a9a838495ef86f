// PIBT run tick by tick: one-shot until every robot rests on its goal, or lifelong for
// exactly the instance's horizon with priorities carried over between calls.
#pragma once

#include <fleet/planner/graph_view.hpp>
#include <fleet/planner/planner.hpp>

#include "scalable/pibt.hpp"

#include <cstdint>
#include <memory>
#include <span>
#include <utility>
#include <vector>

namespace fleet::planner::scalable {

/// An earlier window's plan for a lifelong rollout to follow (see Pibt::hint): its tick
/// `offset` is where the new call starts. A robot follows it while its goal is the one the
/// plan was made for and its state is the plan's at every tick so far.
struct PriorPlan {
  const Plan* plan = nullptr;
  int offset = 0;
  std::span<const Cell> goals;
};

class PibtRollout {
public:
  PibtRollout(PibtOptions options, std::uint64_t seed) : options_(std::move(options)), seed_(seed) {}

  /// One-shot (horizon 0): PIBT steps until every robot is on its goal (Solved) or
  /// `max_ticks` or `stop` (Timeout, empty plan). Lifelong (horizon h): exactly
  /// max(h, window) + 1 configurations; when `stop` fires first the rest is padded with the
  /// last configuration (still conflict-free) and the message says so. Robots whose goal is
  /// unchanged since the previous call keep their priority, so a robot waiting long keeps its
  /// precedence; a robot with a new goal starts from PibtOptions::new_goal_priority. With a
  /// window beyond h the priorities kept are those after h ticks, the ticks the simulator
  /// executes.
  Result solve(const Instance& instance, const StopCondition& stop, int max_ticks,
               int window = 0, PriorPlan prior = {});
  /// Distances for the following solves (see PibtOptions::heuristic); null: exact.
  void set_heuristic(std::shared_ptr<const DistanceTable> heuristic) {
    options_.heuristic = std::move(heuristic);
  }
  /// After a lifelong solve: per robot, 1 for a robot the last call held back from its goal
  /// (PibtOptions::queue_limit); empty when nobody was.
  [[nodiscard]] std::span<const std::uint8_t> held() const { return held_; }

private:
  // Declared first, so destroyed last: it may hold the last reference to the map that the
  // heuristic table in options_ refers to, and that table reads the map when it is freed.
  std::shared_ptr<const Grid> checked_grid_;  // the map whose components_ are known
  PibtOptions options_;
  std::uint64_t seed_;
  std::uint64_t calls_ = 0;
  Components components_;
  /// Marks in held_ the robots beyond the queue_limit nearest to their goal that are near
  /// it (within twice the radius): those wait outside the radius this call.
  void hold_queues(const Instance& instance, const DistanceTable& distances);

  std::vector<float> priority_;
  std::vector<Cell> goal_of_;
  std::vector<std::uint8_t> held_;
  std::vector<std::pair<std::uint64_t, RobotId>> queue_order_;  // hold_queues' scratch
};

}  // namespace fleet::planner::scalable
