// Snapshots of a small simulated run: the picture has the requested size, robots appear in
// the robot colours exactly where the trace puts them, empty floor does not, and overlays
// (heatmap) change what they should. Needs an X display: an Xvfb is started when none is set.
#include "viz_test_support.hpp"

#include <fleet/viz/frame_pair.hpp>
#include <fleet/viz/layers.hpp>
#include <fleet/viz/live_source.hpp>
#include <fleet/viz/snapshot.hpp>
#include <fleet/viz/trace_source.hpp>

#include <catch2/catch.hpp>

#include <SFML/Graphics/Image.hpp>

#include <chrono>
#include <set>
#include <thread>
#include <tuple>

namespace {

using fleet::planner::Cell;
namespace viz = fleet::viz;

bool same(sf::Color a, sf::Color b) { return a.r == b.r && a.g == b.g && a.b == b.b; }

bool is_robot_colour(sf::Color c) {
  for (const sf::Color robot : {viz::palette::kRobotMoving, viz::palette::kRobotWaiting,
                                viz::palette::kRobotIdle, viz::palette::kRobotHeld,
                                viz::palette::kRobotDelayed, viz::palette::kRobotStalled,
                                viz::palette::kRobotBroken})
    if (same(c, robot)) return true;
  return false;
}

/// The snapshot's pixel at the centre of cell `c`.
sf::Color pixel_at(const sf::Image& image, const viz::Camera& camera, const fleet::planner::Grid& grid, Cell c) {
  const viz::Vec2 s = camera.to_screen({grid.x(c) + 0.5, grid.y(c) + 0.5});
  return image.getPixel(static_cast<unsigned>(s.x), static_cast<unsigned>(s.y));
}

viz::SnapshotOptions plain_options(int tick) {
  viz::SnapshotOptions o;
  o.tick = tick;
  o.width = 400;
  o.height = 300;
  o.layers.ids = false;  // ids are drawn over the robot centre
  o.layers.hud = false;
  return o;
}

}  // namespace

TEST_CASE("snapshots show robots where the trace puts them and nothing on empty floor", "[viz]") {
  fleet::test::TestDisplay display;
  if (!display.ready()) {
    WARN("SKIPPED: " << display.reason());
    return;
  }
  fleet::test::VizScratch scratch;
  fleet::test::simulate_room(scratch.path() / "run", 30);
  const auto source = viz::open_run(scratch.path() / "run");
  const fleet::planner::Grid& grid = source->grid();
  const fleet::planner::Motion& motion = source->motion();
  REQUIRE(source->robots() == 4);
  REQUIRE(source->end_tick() > 12);

  SECTION("tick 0: every robot stands on its start, drawn idle") {
    const auto options = plain_options(0);
    const sf::Image image = viz::render_snapshot(*source, options, nullptr);
    REQUIRE(image.getSize() == sf::Vector2u(400, 300));
    const viz::Camera camera = viz::snapshot_camera(*source, options);
    const viz::Frame frame = [&] { viz::Frame f; source->read(0, f); return f; }();
    for (const auto s : frame.states) {
      CAPTURE(grid.x(motion.cell(s)), grid.y(motion.cell(s)));
      CHECK(same(pixel_at(image, camera, grid, motion.cell(s)), viz::palette::kRobotIdle));
    }
    CHECK(same(pixel_at(image, camera, grid, grid.cell(4, 4)), viz::palette::kFree));
    CHECK(same(pixel_at(image, camera, grid, grid.cell(4, 3)), viz::palette::kBlocked));
  }

  SECTION("a later tick: robots on their new cells, their old cells empty again") {
    const int tick = 12;
    const auto options = plain_options(tick);
    const sf::Image image = viz::render_snapshot(*source, options, nullptr);
    const viz::Camera camera = viz::snapshot_camera(*source, options);
    viz::Frame start;
    viz::Frame now;
    source->read(0, start);
    source->read(tick, now);
    std::set<Cell> occupied;
    for (const auto s : now.states) occupied.insert(motion.cell(s));
    for (const Cell c : occupied) {
      CAPTURE(grid.x(c), grid.y(c));
      CHECK(is_robot_colour(pixel_at(image, camera, grid, c)));
    }
    int vacated = 0;
    for (const auto s : start.states) {
      const Cell c = motion.cell(s);
      if (occupied.count(c) != 0) continue;
      ++vacated;
      CAPTURE(grid.x(c), grid.y(c));
      CHECK(same(pixel_at(image, camera, grid, c), viz::palette::kFree));
    }
    REQUIRE(vacated > 0);  // the robots did move, so the check above means something
    // Every free cell without a robot shows the floor, never a robot colour.
    for (Cell c = 0; c < grid.size(); ++c)
      if (grid.passable(c) && occupied.count(c) == 0)
        CHECK_FALSE(is_robot_colour(pixel_at(image, camera, grid, c)));
  }

  SECTION("the occupancy heatmap colours floor robots crossed, not floor they never reached") {
    const int tick = 12;
    auto options = plain_options(tick);
    const sf::Image plain = viz::render_snapshot(*source, options, nullptr);
    options.layers.heat = viz::HeatKind::Occupancy;
    const sf::Image heat = viz::render_snapshot(*source, options, nullptr);
    REQUIRE(heat.getSize() == plain.getSize());
    const viz::Camera heat_camera = viz::snapshot_camera(*source, options);  // room for the legend
    options.layers.heat = viz::HeatKind::None;
    const viz::Camera plain_camera = viz::snapshot_camera(*source, options);
    viz::Frame f;
    std::set<Cell> visited;
    for (int t = 0; t < source->end_tick(); ++t) {
      source->read(t, f);
      for (const auto s : f.states) visited.insert(motion.cell(s));
    }
    source->read(tick, f);
    std::set<Cell> occupied;
    for (const auto s : f.states) occupied.insert(motion.cell(s));
    int compared = 0;
    for (Cell c = 0; c < grid.size(); ++c) {
      if (!grid.passable(c) || occupied.count(c) != 0) continue;
      const bool differs =
          !same(pixel_at(plain, plain_camera, grid, c), pixel_at(heat, heat_camera, grid, c));
      CAPTURE(grid.x(c), grid.y(c));
      CHECK(differs == (visited.count(c) != 0));
      ++compared;
    }
    CHECK(compared > 20);
  }
}

TEST_CASE("snapshots carry a legend of every robot colour, below the floor", "[viz]") {
  fleet::test::TestDisplay display;
  if (!display.ready()) {
    WARN("SKIPPED: " << display.reason());
    return;
  }
  fleet::test::VizScratch scratch;
  fleet::test::simulate_room(scratch.path() / "run", 10);
  const auto source = viz::open_run(scratch.path() / "run");
  const fleet::planner::Grid& grid = source->grid();

  // Which robot colours appear under the floor (where only the legend may draw).
  auto colours_below_floor = [&](bool legend) {
    auto options = plain_options(0);
    options.layers.legend = legend;
    const sf::Image image = viz::render_snapshot(*source, options, nullptr);
    const viz::Camera camera = viz::snapshot_camera(*source, options);
    const auto floor_bottom = static_cast<unsigned>(camera.to_screen({0.0, static_cast<double>(grid.height())}).y);
    std::set<std::tuple<int, int, int>> seen;
    for (unsigned y = floor_bottom + 2; y < image.getSize().y; ++y)
      for (unsigned x = 0; x < image.getSize().x; ++x) {
        const sf::Color c = image.getPixel(x, y);
        if (is_robot_colour(c)) seen.insert({c.r, c.g, c.b});
      }
    return seen.size();
  };
  CHECK(colours_below_floor(true) == 7);  // moving, waiting, idle, held, delayed, stalled, broken
  CHECK(colours_below_floor(false) == 0);
}

TEST_CASE("the fleetsim-viz binary writes a snapshot of the requested size", "[viz][cli]") {
  fleet::test::TestDisplay display;
  if (!display.ready()) {
    WARN("SKIPPED: " << display.reason());
    return;
  }
  fleet::test::VizScratch scratch;
  fleet::test::simulate_room(scratch.path() / "run", 20);
  const auto png = scratch.path() / "shot.png";
  const auto ran = fleet::test::run_viz("'" + (scratch.path() / "run").string() + "' --snapshot '" +
                                            png.string() + "' --tick 5 --size 320x200 --heatmap waits",
                                        scratch.path());
  INFO(ran.output);
  REQUIRE(ran.code == 0);
  sf::Image image;
  REQUIRE(image.loadFromFile(png.string()));
  CHECK(image.getSize() == sf::Vector2u(320, 200));

  SECTION("a tick beyond the run is an error, not a crash") {
    const auto late = fleet::test::run_viz("'" + (scratch.path() / "run").string() + "' --snapshot '" +
                                               png.string() + "' --tick 999", scratch.path());
    CHECK(late.code == 2);
    CHECK(late.output.find("outside the run") != std::string::npos);
  }
}

TEST_CASE("a live source runs the simulation on its own thread, paced by the tick shown", "[viz]") {
  viz::LiveOptions options;
  options.lookahead = 4;
  viz::LiveSource live(fleet::test::viz_scenario(40), options);
  REQUIRE(live.first_tick() == 0);
  REQUIRE(live.end_tick() >= 1);
  viz::Frame f;
  live.read(0, f);
  CHECK(f.states.size() == 4);

  // Without a newer tick on screen it stops a few ticks ahead.
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  CHECK(live.end_tick() <= 1 + options.lookahead + 1);
  CHECK(live.growing());

  live.showing(38);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (live.growing() && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  CHECK_FALSE(live.growing());
  CHECK(live.failure().empty());
  CHECK(live.end_tick() == 41);  // ticks 0..40
  live.read(40, f);
  CHECK(f.tick == 40);
  for (const auto s : f.states) CHECK(live.grid().passable(live.motion().cell(s)));
}
