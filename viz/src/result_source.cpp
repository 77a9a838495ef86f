// A replay over a lacam-style result.txt: the whole plan is held in memory (result files are
// written for one-shot instances, thousands of ticks at most), frames are copies of its rows.
#include <fleet/viz/trace_source.hpp>

#include <fleet/planner/input_error.hpp>
#include <fleet/planner/input_file.hpp>
#include <fleet/planner/result_file.hpp>
#include <fleet/sim/warehouse.hpp>

#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>

namespace fleet::viz {

namespace {

/// Rotation-model results write `(x,y,h)`; the first tuple after `solution=` tells.
planner::MotionKind detect_motion(const std::filesystem::path& result) {
  std::istringstream in(read_input_file(result, "result"));
  std::string line;
  bool in_solution = false;
  while (std::getline(in, line)) {
    if (!in_solution) {
      in_solution = line.rfind("solution=", 0) == 0;
      continue;
    }
    const auto open = line.find('(');
    const auto close = line.find(')', open == std::string::npos ? 0 : open);
    if (open == std::string::npos || close == std::string::npos) continue;
    int commas = 0;
    for (auto i = open; i < close; ++i) commas += line[i] == ',' ? 1 : 0;
    return commas >= 2 ? planner::MotionKind::Rotation : planner::MotionKind::FourConnected;
  }
  return planner::MotionKind::FourConnected;  // the reader reports what is missing
}

/// comp_time in seconds; -1 when it is not a number (the header is informative only).
double milliseconds(const std::string& text) {
  try {
    std::size_t used = 0;
    const double ms = std::stod(text, &used);
    return used == text.size() && ms >= 0.0 ? ms / 1e3 : -1.0;
  } catch (const std::exception&) {
    return -1.0;
  }
}

class ResultSource final : public ReplaySource {
public:
  ResultSource(const std::filesystem::path& map, const std::filesystem::path& result)
      : warehouse_(sim::load_warehouse_map(map)),
        motion_(*warehouse_.grid, detect_motion(result)) {
    planner::LoadedResult loaded = planner::read_result_file(result, motion_);
    plan_ = std::move(loaded.plan);
    check_fits_map(map, result);
    robots_ = static_cast<int>(plan_.front().size());
    goals_.resize(plan_.back().size());
    for (std::size_t r = 0; r < goals_.size(); ++r) goals_[r] = motion_.cell(plan_.back()[r]);
    places_ = {warehouse_.shelves, warehouse_.stations, warehouse_.homes};
    info_.kind = "result";
    info_.path = result.string();
    info_.one_shot = true;
    if (const std::string* solver = loaded.header.find("solver")) info_.planner = *solver;
    if (const std::string* ms = loaded.header.find("comp_time")) info_.planner_total_s = milliseconds(*ms);
    info_.scenario = map.filename().string();
    info_.places_note = places_.empty() ? "no places: the map marks none" : "places from the map";
  }

  const planner::Grid& grid() const override { return *warehouse_.grid; }
  const planner::Motion& motion() const override { return motion_; }
  int robots() const override { return robots_; }
  int first_tick() const override { return 0; }
  int end_tick() const override { return static_cast<int>(plan_.size()); }

  void read(int tick, Frame& frame) const override {
    check_tick(tick);
    const planner::Config& now = plan_[static_cast<std::size_t>(tick)];
    frame.states.assign(now.begin(), now.end());
    frame.goals = goals_;
    frame.held.assign(now.size(), 0);
    frame.actions.resize(now.size());
    for (std::size_t r = 0; r < now.size(); ++r)
      frame.actions[r] = tick == 0 ? sim::TraceAction::Unknown
                                   : action_between(motion_, plan_[tick - 1][r], now[r]);
    read_events(tick, frame.events);
    frame.tick = tick;
  }

  /// A robot's arrival on its final cell is its one errand.
  void read_events(int tick, std::vector<sim::TraceEvent>& out) const override {
    check_tick(tick);
    out.clear();
    if (tick == 0) return;
    const planner::Config& now = plan_[static_cast<std::size_t>(tick)];
    const planner::Config& before = plan_[static_cast<std::size_t>(tick) - 1];
    for (std::size_t r = 0; r < now.size(); ++r) {
      const Cell c = motion_.cell(now[r]);
      if (c == goals_[r] && motion_.cell(before[r]) != c) {
        sim::TraceEvent e;
        e.kind = sim::TraceEventKind::ErrandDone;
        e.robot = static_cast<RobotId>(r);
        e.cell = c;
        out.push_back(e);
      }
    }
  }

  const Places& places() const override { return places_; }
  const SourceInfo& info() const override { return info_; }

private:
  void check_tick(int tick) const {
    if (tick < 0 || tick >= end_tick())
      throw std::out_of_range("result tick " + std::to_string(tick) + " is outside [0, " +
                              std::to_string(end_tick()) + ")");
  }

  /// The reader checks bounds; a result for another map also puts robots on walls.
  void check_fits_map(const std::filesystem::path& map, const std::filesystem::path& result) const {
    const planner::Grid& grid = *warehouse_.grid;
    for (std::size_t t = 0; t < plan_.size(); ++t) {
      for (std::size_t r = 0; r < plan_[t].size(); ++r) {
        const Cell c = motion_.cell(plan_[t][r]);
        if (grid.passable(c)) continue;
        throw InputError(result.string(), 0,
                         "robot " + std::to_string(r) + " at tick " + std::to_string(t) +
                             " stands on the blocked cell (" + std::to_string(grid.x(c)) + "," +
                             std::to_string(grid.y(c)) + ") of " + map.string() +
                             ": the result does not match this map");
      }
    }
  }

  sim::Warehouse warehouse_;
  planner::Motion motion_;
  planner::Plan plan_;
  std::vector<Cell> goals_;
  int robots_ = 0;
  Places places_;
  SourceInfo info_;
};

}  // namespace

std::unique_ptr<ReplaySource> open_result(const std::filesystem::path& map,
                                          const std::filesystem::path& result) {
  return std::make_unique<ResultSource>(map, result);
}

}  // namespace fleet::viz
