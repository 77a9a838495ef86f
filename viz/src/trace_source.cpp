// A replay over a run's trace: frames come straight from the memory-mapped TraceReader.
#include <fleet/viz/trace_source.hpp>

#include <fleet/planner/input_error.hpp>
#include <fleet/sim/scenario.hpp>
#include <fleet/sim/warehouse.hpp>

#include <string>
#include <system_error>

namespace fleet::viz {

namespace {

sim::Warehouse load_places_file(const std::filesystem::path& path) {
  const std::string ext = path.extension().string();
  if (ext == ".yaml" || ext == ".yml") return sim::load_scenario(path).warehouse;
  if (ext == ".json") return sim::load_lorr_problem(path).warehouse;
  if (ext == ".map") return sim::load_warehouse_map(path);
  throw InputError(path.string(), 0,
                   "places file must be a scenario (.yaml), a LoRR problem (.json) or a .map");
}

bool same_floor(const sim::Warehouse& w, const planner::Grid& grid) {
  return w.grid && w.grid->width() == grid.width() && w.grid->height() == grid.height();
}

Places to_places(const sim::Warehouse& w) { return {w.shelves, w.stations, w.homes}; }

class TraceSource final : public ReplaySource {
public:
  TraceSource(const std::filesystem::path& run, const std::filesystem::path& trace,
              const std::filesystem::path& places_from)
      : reader_(trace) {
    info_.kind = "trace";
    info_.path = run.string();
    info_.scenario = reader_.meta().scenario;
    info_.planner = reader_.meta().planner;
    info_.one_shot = reader_.meta().one_shot;
    load_places(run, places_from);
  }

  const planner::Grid& grid() const override { return *reader_.grid(); }
  const planner::Motion& motion() const override { return reader_.motion(); }
  int robots() const override { return reader_.robots(); }
  int first_tick() const override { return 0; }
  int end_tick() const override { return reader_.tick_count(); }
  void read(int tick, Frame& frame) const override { reader_.read(tick, frame); }
  void read_events(int tick, std::vector<sim::TraceEvent>& out) const override {
    out = reader_.events(tick);
  }
  const Places& places() const override { return places_; }
  const SourceInfo& info() const override { return info_; }

private:
  void load_places(const std::filesystem::path& run, const std::filesystem::path& places_from) {
    const planner::Grid& floor = *reader_.grid();
    if (!places_from.empty()) {
      const sim::Warehouse w = load_places_file(places_from);
      if (!same_floor(w, floor))
        throw InputError(places_from.string(), 0,
                         "its floor is " + std::to_string(w.grid->width()) + "x" +
                             std::to_string(w.grid->height()) + " but the trace's is " +
                             std::to_string(floor.width()) + "x" + std::to_string(floor.height()));
      places_ = to_places(w);
      info_.places_note = "places from " + places_from.string();
      return;
    }
    // The trace names the .map it came from; it may be relative to the run or to where the
    // run was started, so both are tried. A map that cannot be read only costs the places.
    const std::string& map = reader_.meta().map_file;
    if (map.empty()) {
      info_.places_note = "no places: the trace does not name a map (pass --places)";
      return;
    }
    std::error_code dir_ec;
    const std::filesystem::path base =
        std::filesystem::is_directory(run, dir_ec) ? run : run.parent_path();
    for (const std::filesystem::path& candidate : {std::filesystem::path(map), base / map}) {
      std::error_code ec;
      if (!std::filesystem::is_regular_file(candidate, ec)) continue;
      try {
        const sim::Warehouse w = sim::load_warehouse_map(candidate);
        if (!same_floor(w, floor)) continue;
        places_ = to_places(w);
        info_.places_note = "places from " + candidate.string();
        return;
      } catch (const InputError&) {
        continue;
      }
    }
    info_.places_note = "no places: map '" + map + "' not found (pass --places)";
  }

  sim::TraceReader reader_;
  Places places_;
  SourceInfo info_;
};

}  // namespace

std::unique_ptr<ReplaySource> open_run(const std::filesystem::path& run,
                                       const std::filesystem::path& places_from) {
  std::error_code ec;
  if (!std::filesystem::exists(run, ec))
    throw InputError(run.string(), 0, "no such run directory or trace file");
  std::filesystem::path trace = run;
  if (std::filesystem::is_directory(run, ec)) {
    trace = run / kTraceFileName;
    if (!std::filesystem::exists(trace, ec))
      throw InputError(run.string(), 0,
                       std::string("the run directory has no ") + kTraceFileName +
                           (std::filesystem::exists(trace.string() + ".partial", ec)
                                ? " (only a .partial one: the run did not finish)"
                                : ""));
  }
  return std::make_unique<TraceSource>(run, trace, places_from);
}

sim::TraceAction action_between(const planner::Motion& motion, State from, State to) {
  using sim::TraceAction;
  if (from == to) return TraceAction::Wait;
  const planner::Grid& grid = motion.grid();
  const Cell a = motion.cell(from);
  const Cell b = motion.cell(to);
  if (a == b) {
    if (!motion.has_heading()) return TraceAction::Unknown;
    const int turn = (motion.heading(to) - motion.heading(from) + 4) & 3;
    if (turn == 1) return TraceAction::RotateCW;
    if (turn == 3) return TraceAction::RotateCCW;
    return TraceAction::Unknown;
  }
  for (int d = 0; d < planner::kDirections; ++d)
    if (grid.step(a, static_cast<planner::Direction>(d)) == b)
      return static_cast<TraceAction>(1 + d);
  return TraceAction::Unknown;
}

}  // namespace fleet::viz
