// A simulation shown while it runs: the Simulator steps on its own thread and hands each tick
// to the window through a ring of frames under a mutex; it runs only a little ahead of the
// tick on screen, so playback speed paces the simulation.
#pragma once

#include <fleet/planner/registry.hpp>
#include <fleet/sim/scenario.hpp>
#include <fleet/sim/simulator.hpp>
#include <fleet/viz/replay_source.hpp>

#include <condition_variable>
#include <cstddef>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

namespace fleet::viz {

struct LiveOptions {
  int lookahead = 32;  ///< ticks the simulation may run ahead of the one on screen
  /// Frames kept for scrubbing back; the ring holds as many as fit this budget (>= 64).
  std::size_t memory_budget = std::size_t{256} << 20;
  std::optional<int> threads;  ///< simulator threads (default: the scenario's)
  std::optional<int> steps;    ///< tick budget (default: the scenario's)
  /// Planner plugins to load, before the scenario's own `plugins:`.
  std::vector<std::filesystem::path> plugins;
};

class LiveSource final : public ReplaySource {
public:
  /// Makes the simulator (throws std::invalid_argument / fleet::InputError as Simulator does)
  /// and starts its thread; tick 0 is readable at once.
  LiveSource(sim::Scenario scenario, LiveOptions options = {});
  ~LiveSource() override;
  LiveSource(const LiveSource&) = delete;
  LiveSource& operator=(const LiveSource&) = delete;

  const planner::Grid& grid() const override { return *scenario_.warehouse.grid; }
  const planner::Motion& motion() const override { return motion_; }
  int robots() const override { return robots_; }
  int first_tick() const override;
  int end_tick() const override;
  void read(int tick, Frame& frame) const override;
  void read_events(int tick, std::vector<sim::TraceEvent>& out) const override;
  const Places& places() const override { return places_; }
  const SourceInfo& info() const override { return info_; }
  bool growing() const override;
  std::string failure() const override;
  void showing(int tick) override;

  /// Stops the simulation thread (also done by the destructor).
  void stop();

private:
  void run();
  void capture(Frame& frame, const std::vector<State>& before) const;
  const Frame& slot(int tick) const;

  sim::Scenario scenario_;
  planner::Motion motion_;
  planner::PlannerRegistry registry_;
  std::unique_ptr<sim::Simulator> simulator_;
  int robots_ = 0;
  LiveOptions options_;
  Places places_;
  SourceInfo info_;

  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::vector<Frame> ring_;  // tick t lives in ring_[t % ring_.size()]
  int end_ = 0;              // ticks [max(0, end_ - ring size), end_) are readable
  int shown_ = 0;
  bool stop_ = false;
  bool done_ = false;
  std::string failure_;
  std::thread thread_;
};

/// Reads a scenario for live display: fleetsim YAML, or a League of Robot Runners problem
/// (.json). Throws fleet::InputError as the readers do.
sim::Scenario load_any_scenario(const std::filesystem::path& path);

}  // namespace fleet::viz
