// The visualizer's model, without a display: camera, timeline, heat fields sliding over a
// run, the event index, and the file sources' handling of bad input.
#include "viz_test_support.hpp"

#include <fleet/planner/input_error.hpp>
#include <fleet/viz/camera.hpp>
#include <fleet/viz/heatmap.hpp>
#include <fleet/viz/overlays.hpp>
#include <fleet/viz/run_index.hpp>
#include <fleet/viz/timeline.hpp>
#include <fleet/viz/trace_source.hpp>

#include <catch2/catch.hpp>

#include <fstream>

namespace viz = fleet::viz;

TEST_CASE("camera: fit centres the floor, zoom keeps the point under the cursor", "[viz]") {
  viz::Camera camera;
  camera.set_viewport(800, 600);
  camera.fit(100, 50, {});
  CHECK(camera.scale() == Approx(8.0));
  const viz::Vec2 middle = camera.to_screen({50, 25});
  CHECK(middle.x == Approx(400));
  CHECK(middle.y == Approx(300));

  const viz::Vec2 cursor{123, 456};
  const viz::Vec2 before = camera.to_world(cursor);
  camera.zoom_at(cursor, 3.0);
  CHECK(camera.scale() == Approx(24.0));
  const viz::Vec2 after = camera.to_world(cursor);
  CHECK(after.x == Approx(before.x));
  CHECK(after.y == Approx(before.y));

  camera.pan_pixels({24, 0});  // the floor follows the mouse: one cell to the right
  CHECK(camera.to_world(cursor).x == Approx(before.x - 1.0));

  // Insets keep the floor out of the overlays.
  camera.fit(100, 50, {0, 0, 200, 0});
  CHECK(camera.scale() == Approx(6.0));
  CHECK(camera.to_screen({100, 25}).x == Approx(600));
}

TEST_CASE("timeline: play, step, loop and stop at the end", "[viz]") {
  viz::Timeline t;
  t.set_range(0, 11);  // ticks 0..10
  t.set_speed(4.0);
  t.play();
  t.update(0.5);
  CHECK(t.position() == Approx(2.0));
  t.update(0.1);
  CHECK(t.tick() == 2);
  CHECK(t.fraction() == Approx(0.4));
  t.step(1);
  CHECK_FALSE(t.playing());
  CHECK(t.position() == Approx(3.0));
  t.step(-10);
  CHECK(t.position() == Approx(0.0));

  t.play();
  t.update(10.0);  // far past the end: stops on the last tick
  CHECK(t.position() == Approx(10.0));
  CHECK_FALSE(t.playing());

  t.set_loop(true);
  t.play();
  t.update(0.25);  // one tick past the end wraps to the start
  CHECK(t.playing());
  CHECK(t.position() < 2.0);

  t.set_loop(false);
  t.seek(10.0);
  t.update(1.0, true);  // a live run: wait at the newest tick, still playing
  CHECK(t.playing());
  CHECK(t.position() == Approx(10.0));
}

TEST_CASE("heat fields slide tick by tick to the same counts as a recount", "[viz]") {
  fleet::test::VizScratch scratch;
  fleet::test::simulate_room(scratch.path() / "run", 40);
  const auto source = viz::open_run(scratch.path() / "run");

  viz::HeatField sliding(source->grid(), source->motion());
  for (int tick = 0; tick <= 40; ++tick) sliding.cover(*source, tick - 9, tick);  // window of 10
  viz::HeatField fresh(source->grid(), source->motion());
  fresh.cover(*source, 31, 40);
  CHECK(sliding.lo() == 31);
  CHECK(sliding.hi() == 40);
  CHECK((sliding.occupancy() == fresh.occupancy()).all());
  CHECK((sliding.waits() == fresh.waits()).all());
  CHECK((sliding.flow_x() == fresh.flow_x()).all());
  CHECK((sliding.flow_y() == fresh.flow_y()).all());
  // Occupancy counts one robot per tick.
  CHECK(fresh.occupancy().sum() == 4 * 10);

  viz::HeatField whole(source->grid(), source->motion());
  whole.extend(*source, 20);  // a run growing: first its first 21 ticks, then the rest
  CHECK(whole.occupancy().sum() == 4 * 21);
  whole.extend(*source, source->end_tick() - 1);
  CHECK(whole.occupancy().sum() == 4 * source->end_tick());
  std::vector<std::uint8_t> rgba;
  const viz::HeatScale scale = whole.colourize(viz::HeatKind::Occupancy, rgba);
  CHECK(rgba.size() == static_cast<std::size_t>(source->grid().size()) * 4);
  CHECK(scale.max == whole.occupancy().maxCoeff());
  // A blocked cell is never coloured.
  CHECK(rgba[static_cast<std::size_t>(source->grid().cell(4, 3)) * 4 + 3] == 0);
}

TEST_CASE("the run index counts errands by tick", "[viz]") {
  fleet::test::VizScratch scratch;
  fleet::test::simulate_room(scratch.path() / "run", 60);
  const auto source = viz::open_run(scratch.path() / "run");
  viz::RunIndex index;
  index.update(*source);
  CHECK(index.indexed_end() == source->end_tick());
  std::int64_t errands = 0;
  for (int t = 0; t < source->end_tick(); ++t) {
    std::vector<fleet::sim::TraceEvent> events;
    source->read_events(t, events);
    for (const auto& e : events) errands += e.kind == fleet::sim::TraceEventKind::ErrandDone ? 1 : 0;
    CHECK(index.errands_until(t) == errands);
  }
  REQUIRE(errands > 0);
  CHECK(index.errand_count() == errands);
  CHECK(index.errands().front().event.robot >= 0);
  CHECK(index.planner_seconds_until(source->end_tick() - 1) > 0.0);
}

TEST_CASE("file sources refuse bad input with an InputError naming the file", "[viz]") {
  fleet::test::VizScratch scratch;
  const auto dir = scratch.path();

  SECTION("missing run") {
    CHECK_THROWS_AS(viz::open_run(dir / "nope"), fleet::InputError);
  }
  SECTION("a run directory without a trace") {
    std::filesystem::create_directories(dir / "empty");
    CHECK_THROWS_WITH(viz::open_run(dir / "empty"), Catch::Contains("trace.fltrace"));
  }
  SECTION("a truncated trace") {
    fleet::test::simulate_room(dir / "run", 20);
    const auto trace = dir / "run" / viz::kTraceFileName;
    std::filesystem::resize_file(trace, std::filesystem::file_size(trace) / 2);
    CHECK_THROWS_AS(viz::open_run(dir / "run"), fleet::InputError);
  }
  SECTION("a result that does not match its map") {
    std::ofstream(dir / "m.map") << "type octile\nheight 3\nwidth 4\nmap\n....\n.@@.\n....\n";
    std::ofstream(dir / "ok.txt") << "agents=1\nsolution=\n0:(0,0),\n1:(1,0),\n2:(2,0),\n";
    std::ofstream(dir / "wall.txt") << "agents=1\nsolution=\n0:(0,1),\n1:(1,1),\n";
    std::ofstream(dir / "off.txt") << "agents=1\nsolution=\n0:(0,0),\n1:(7,0),\n";
    const auto ok = viz::open_result(dir / "m.map", dir / "ok.txt");
    CHECK(ok->end_tick() == 3);
    CHECK(ok->robots() == 1);
    viz::Frame f;
    ok->read(2, f);
    CHECK(f.states[0] == ok->grid().cell(2, 0));
    CHECK(f.actions[0] == fleet::sim::TraceAction::MoveEast);
    CHECK_THROWS_WITH(viz::open_result(dir / "m.map", dir / "wall.txt"),
                      Catch::Contains("does not match this map"));
    CHECK_THROWS_AS(viz::open_result(dir / "m.map", dir / "off.txt"), fleet::InputError);
  }
}

namespace {

/// Three ticks on a 4x1 corridor with one robot and hand-made events.
class EventSource final : public viz::ReplaySource {
public:
  EventSource() : grid_(fleet::planner::Grid::from_rows({"...."})), motion_(grid_, fleet::planner::MotionKind::FourConnected) {
    using fleet::sim::TraceEventKind;
    events_.resize(3);
    events_[1].push_back({TraceEventKind::Replan, 0, -1, -1, fleet::planner::kNoCell, 2, 0.25F});
    events_[1].push_back({TraceEventKind::ErrandDone, 0, 0, -1, 1, 0, 0.0F});
    events_[2].push_back({TraceEventKind::ViolationPrevented, 0, 0, 1, 2, 0, 0.0F});
    events_[2].push_back({TraceEventKind::PlannerTimeout, 0, -1, -1, fleet::planner::kNoCell, 0, 1.5F});
  }
  const fleet::planner::Grid& grid() const override { return grid_; }
  const fleet::planner::Motion& motion() const override { return motion_; }
  int robots() const override { return 1; }
  int first_tick() const override { return 0; }
  int end_tick() const override { return 3; }
  void read(int tick, viz::Frame& f) const override {
    f.tick = tick;
    f.states = {tick};
    f.goals = {3};
    f.actions = {tick == 0 ? fleet::sim::TraceAction::Unknown : fleet::sim::TraceAction::MoveEast};
    f.held = {0};
    f.events = events_[static_cast<std::size_t>(tick)];
  }
  void read_events(int tick, std::vector<fleet::sim::TraceEvent>& out) const override {
    out = events_[static_cast<std::size_t>(tick)];
  }
  const viz::Places& places() const override { return places_; }
  const viz::SourceInfo& info() const override { return info_; }

private:
  fleet::planner::Grid grid_;
  fleet::planner::Motion motion_;
  std::vector<std::vector<fleet::sim::TraceEvent>> events_;
  viz::Places places_;
  viz::SourceInfo info_;
};

}  // namespace

TEST_CASE("problems are listed by tick and a click on a row names its event", "[viz]") {
  EventSource source;
  viz::RunIndex index;
  index.update(source);
  CHECK(index.errand_count() == 1);
  CHECK(index.errands_until(0) == 0);
  CHECK(index.errands_until(2) == 1);
  CHECK(index.planner_seconds_until(1) == Approx(0.25));
  CHECK(index.planner_seconds_until(2) == Approx(1.75));
  CHECK(index.last_planner_call(2) == Approx(1.5));
  REQUIRE(index.problem_count() == 2);
  CHECK(index.problems()[0].event.kind == fleet::sim::TraceEventKind::ViolationPrevented);
  CHECK(viz::describe(index.problems()[0], source.grid()) == "t=2 vertex conflict prevented r0 x r1 (2,0)");
  CHECK(viz::describe(index.problems()[1], source.grid()).find("planner late") != std::string::npos);

  viz::EventPanel panel;
  panel.set_rect({0.0F, 0.0F, 300.0F, 400.0F});
  // Rows start below a 26-pixel header, 17 pixels each.
  const auto first = panel.click({50.0F, 30.0F}, index);
  REQUIRE(first.has_value());
  CHECK(first->tick == 2);
  CHECK(first->event.robot == 0);
  CHECK_FALSE(panel.click({50.0F, 300.0F}, index).has_value());  // below the last row
  // The header's right half switches to the events list.
  CHECK_FALSE(panel.click({250.0F, 5.0F}, index).has_value());
  CHECK(panel.tab() == viz::EventPanel::Tab::Events);
  const auto errand = panel.click({50.0F, 30.0F}, index);
  REQUIRE(errand.has_value());
  CHECK(errand->event.kind == fleet::sim::TraceEventKind::ErrandDone);
}

TEST_CASE("the HUD counts recent errands over the last ticks, not only since the start", "[viz]") {
  fleet::test::VizScratch scratch;
  fleet::test::simulate_room(scratch.path() / "run", 60);
  const auto source = viz::open_run(scratch.path() / "run");
  REQUIRE_FALSE(source->info().one_shot);
  viz::RunIndex index;
  index.update(*source);
  const int last = source->end_tick() - 1;
  for (const int window : {1, 10, 25}) {
    CAPTURE(window);
    CHECK(index.errands_in_window(last, window) ==
          index.errands_until(last) - index.errands_until(last - window));
  }
  CHECK(index.errands_in_window(5, 100) == index.errands_until(5));  // fewer ticks at the start

  viz::Frame frame;
  source->read(last, frame);
  viz::HudFacts facts;
  viz::add_run_facts(facts, *source, index, frame);
  CHECK(facts.recent_ticks == std::min(viz::kRecentTicks, last));
  CHECK(facts.recent_errands == index.errands_in_window(last, viz::kRecentTicks));
  const auto lines = viz::hud_lines(facts);
  REQUIRE(lines.size() >= 3);
  CHECK_THAT(lines[2], Catch::Contains("errands done " + std::to_string(index.errands_until(last))));
  CHECK_THAT(lines[2], Catch::Contains("last " + std::to_string(facts.recent_ticks) + " ticks"));
}

TEST_CASE("a one-shot result replays as one-shot: robots at goal, sum of costs, makespan",
          "[viz]") {
  fleet::test::VizScratch scratch;
  const auto dir = scratch.path();
  // Robot 0 reaches (2,0) at tick 2; robot 1 starts on its goal (3,2), steps off at tick 1 and
  // is back at tick 3. So at the end: both at goal, costs 2 and 3.
  std::ofstream(dir / "m.map") << "type octile\nheight 3\nwidth 4\nmap\n....\n.@@.\n....\n";
  std::ofstream(dir / "r.txt") << "agents=2\nsolver=pp\ncomp_time=12.5\nsolution=\n"
                                  "0:(0,0),(3,2),\n1:(1,0),(2,2),\n2:(2,0),(2,2),\n3:(2,0),(3,2),\n";
  const auto source = viz::open_result(dir / "m.map", dir / "r.txt");
  REQUIRE(source->info().one_shot);
  viz::RunIndex index;
  index.update(*source);
  viz::Frame frame;

  source->read(0, frame);
  viz::GoalFacts facts = index.goals_reached(frame, source->motion());
  CHECK(facts.at_goal == 1);  // robot 1, on its goal from the start at cost 0
  CHECK(facts.sum_of_costs == 0);

  source->read(2, frame);
  facts = index.goals_reached(frame, source->motion());
  CHECK(facts.at_goal == 1);  // robot 0 arrived; robot 1 is away
  CHECK(facts.sum_of_costs == 2);
  CHECK(facts.makespan == 2);

  source->read(3, frame);
  facts = index.goals_reached(frame, source->motion());
  CHECK(facts.at_goal == 2);
  CHECK(facts.sum_of_costs == 5);
  CHECK(facts.makespan == 3);

  viz::HudFacts hud;
  viz::add_run_facts(hud, *source, index, frame);
  const auto lines = viz::hud_lines(hud);
  REQUIRE(lines.size() >= 4);
  CHECK_THAT(lines[2], Catch::Contains("one-shot: 2 of 2 robots at their goals"));
  CHECK_THAT(lines[2], Catch::Contains("sum of costs 5, makespan 3"));
  CHECK_THAT(lines[3], Catch::Contains("12.50 ms in all"));
  for (const auto& line : lines) {
    CHECK_THAT(line, !Catch::Contains("errands"));
    CHECK_THAT(line, !Catch::Contains("throughput"));
  }
}
