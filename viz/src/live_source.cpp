#include <fleet/viz/live_source.hpp>

#include <fleet/planner/plugin_loader.hpp>

#include <algorithm>
#include <stdexcept>
#include <string>

namespace fleet::viz {

sim::Scenario load_any_scenario(const std::filesystem::path& path) {
  if (path.extension() == ".json") return sim::load_lorr_problem(path);
  return sim::load_scenario(path);
}

namespace {

std::size_t ring_size(int robots, std::size_t budget) {
  // states, goals, actions, held, delays and waiting_on per robot, plus a little for the
  // vectors themselves.
  const std::size_t per_frame = static_cast<std::size_t>(std::max(robots, 1)) * 15 + 256;
  return std::max<std::size_t>(64, budget / per_frame);
}

}  // namespace

LiveSource::LiveSource(sim::Scenario scenario, LiveOptions options)
    : scenario_(std::move(scenario)),
      motion_(scenario_.warehouse.grid ? *scenario_.warehouse.grid
                                       : throw std::invalid_argument("scenario has no map"),
              scenario_.motion),
      registry_(planner::planners_with_plugins([&] {
        auto plugins = options.plugins;
        plugins.insert(plugins.end(), scenario_.plugins.begin(), scenario_.plugins.end());
        return plugins;
      }())),
      robots_(static_cast<int>(scenario_.starts.size())),
      options_(std::move(options)) {
  sim::SimOptions sim_options;
  sim_options.threads = options_.threads;
  sim_options.steps = options_.steps;
  simulator_ = std::make_unique<sim::Simulator>(scenario_, registry_, sim_options);
  places_ = {scenario_.warehouse.shelves, scenario_.warehouse.stations, scenario_.warehouse.homes};
  info_.kind = "live";
  info_.path = scenario_.source.string();
  info_.scenario = scenario_.name;
  info_.planner = scenario_.planner.name;
  info_.one_shot = scenario_.tasks && !scenario_.tasks->lifelong();
  info_.places_note = "places from the scenario";

  ring_.resize(ring_size(robots_, options_.memory_budget));
  const std::vector<State> none;
  capture(ring_[0], none);
  end_ = 1;
  thread_ = std::thread([this] { run(); });
}

LiveSource::~LiveSource() { stop(); }

void LiveSource::stop() {
  {
    const std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void LiveSource::capture(Frame& frame, const std::vector<State>& before) const {
  const auto states = simulator_->states();
  const auto goals = simulator_->goals();
  const auto held = simulator_->held();
  const auto events = simulator_->events();
  frame.tick = simulator_->tick();
  frame.states.assign(states.begin(), states.end());
  frame.goals.assign(goals.begin(), goals.end());
  frame.held.assign(held.begin(), held.end());
  frame.held.resize(frame.states.size(), 0);
  frame.events.assign(events.begin(), events.end());
  const auto delays = simulator_->delays();
  const auto waiting_on = simulator_->waiting_on();
  frame.delays.assign(delays.begin(), delays.end());
  frame.waiting_on.assign(waiting_on.begin(), waiting_on.end());
  frame.actions.resize(frame.states.size());
  for (std::size_t r = 0; r < frame.states.size(); ++r)
    frame.actions[r] = before.size() == frame.states.size()
                           ? action_between(motion_, before[r], frame.states[r])
                           : sim::TraceAction::Unknown;
}

void LiveSource::run() {
  Frame next;
  std::vector<State> before;
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [&] { return stop_ || end_ - shown_ <= options_.lookahead; });
      if (stop_) return;
    }
    if (simulator_->finished()) break;
    const auto states = simulator_->states();
    before.assign(states.begin(), states.end());
    try {
      simulator_->step();
      capture(next, before);
    } catch (const std::exception& e) {
      const std::lock_guard lock(mutex_);
      failure_ = "simulation stopped at tick " + std::to_string(end_) + ": " + e.what();
      break;
    }
    const int tick = next.tick;
    const std::lock_guard lock(mutex_);
    std::swap(ring_[static_cast<std::size_t>(tick) % ring_.size()], next);
    end_ = tick + 1;
  }
  const std::lock_guard lock(mutex_);
  done_ = true;
}

int LiveSource::first_tick() const {
  const std::lock_guard lock(mutex_);
  return std::max(0, end_ - static_cast<int>(ring_.size()));
}

int LiveSource::end_tick() const {
  const std::lock_guard lock(mutex_);
  return end_;
}

const Frame& LiveSource::slot(int tick) const {
  const int first = std::max(0, end_ - static_cast<int>(ring_.size()));
  if (tick < first || tick >= end_)
    throw std::out_of_range("live tick " + std::to_string(tick) + " is outside [" +
                            std::to_string(first) + ", " + std::to_string(end_) + ")");
  return ring_[static_cast<std::size_t>(tick) % ring_.size()];
}

void LiveSource::read(int tick, Frame& frame) const {
  const std::lock_guard lock(mutex_);
  const Frame& f = slot(tick);
  frame.tick = f.tick;
  frame.states = f.states;
  frame.goals = f.goals;
  frame.actions = f.actions;
  frame.held = f.held;
  frame.events = f.events;
  frame.delays = f.delays;
  frame.waiting_on = f.waiting_on;
}

void LiveSource::read_events(int tick, std::vector<sim::TraceEvent>& out) const {
  const std::lock_guard lock(mutex_);
  out = slot(tick).events;
}

bool LiveSource::growing() const {
  const std::lock_guard lock(mutex_);
  return !done_;
}

std::string LiveSource::failure() const {
  const std::lock_guard lock(mutex_);
  return failure_;
}

void LiveSource::showing(int tick) {
  {
    const std::lock_guard lock(mutex_);
    shown_ = tick;
  }
  wake_.notify_all();
}

}  // namespace fleet::viz
