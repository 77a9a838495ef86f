// Lifelong planning by windows (after WPPL, the League of Robot Runners 2023 winner): a PIBT
// rollout over W ticks, improved by windowed LNS for a share of the time left, of which the
// first h + 1 configurations go back to the simulator.
#pragma once

#include <fleet/planner/planner.hpp>

#include "scalable/lns.hpp"
#include "scalable/guided_tables.hpp"
#include "scalable/rollout.hpp"

#include <cstdint>
#include <utility>
#include <vector>

namespace fleet::planner::scalable {

struct WindowOptions {
  /// Ticks planned per call; at least the instance's horizon is planned.
  int window = 15;
  /// Improve the rollout by windowed LNS (else the rollout's first h + 1 ticks are returned).
  bool lns = true;
  /// LNS only while robots fill at most this share of the free cells (1: on every floor;
  /// with follow_previous, LNS gains on the densest floors too).
  double lns_max_density = 1.0;
  /// Share of the time left at the call that LNS may spend; the rest is margin for the
  /// caller's deadline.
  double time_share = 0.5;
  /// Under a deadline, the share of the time left at the call the rollout may take: a large
  /// fleet's rollout is shortened to fit (never below the horizon or kMinWindow), so that
  /// LNS keeps its time. Without a deadline the window is `window`.
  double rollout_share = 0.25;
  static constexpr int kMinWindow = 3;
  /// LNS stops after max(kMinPatience, this x robots) rounds in a row that lowered nothing
  /// (negative: only the deadline or the round budget stops it).
  double patience_per_robot = 0.5;
  static constexpr std::int64_t kMinPatience = 50;
  /// Rounds per call when the caller sets no deadline and `lns.max_rounds` is negative.
  std::int64_t rounds_without_deadline = 200;
  /// Start each rollout on the previous call's improved window where robots are still on it,
  /// so that what LNS found carries over to the next call instead of being planned again.
  bool follow_previous = true;
  LnsOptions lns_options;  ///< `window` and the low level are set per call
  PibtOptions pibt;
};

class WindowPlanner {
public:
  WindowPlanner(WindowOptions options, GuidedTables guided, std::uint64_t seed)
      : options_(options), seed_(seed), rollout_(options.pibt, seed), guided_(std::move(guided)) {}

  /// A lifelong call (instance.horizon h > 0): exactly h + 1 conflict-free configurations
  /// from the starts. Deterministic for a seed and call sequence without a deadline (LNS
  /// stopped by its round count); a deadline makes the window and the rounds, and so the
  /// plan, depend on timing.
  Result solve(const Instance& instance, const StopCondition& stop);
  /// Builds the distances of the first goals (guided ones with a guidance graph).
  void preprocess(const Instance& instance);

private:
  WindowOptions options_;
  std::uint64_t seed_;
  std::uint64_t calls_ = 0;
  double tick_seconds_ = -1.0;  // a rollout tick's time at the last call; < 0: not known yet
  PibtRollout rollout_;
  GuidedTables guided_;
  Plan previous_;                 // the last call's window (all of it), for follow_previous
  std::vector<Cell> previous_goals_;
  int previous_horizon_ = 0;      // its ticks that were handed to the simulator
};

}  // namespace fleet::planner::scalable
