// fleetsim-viz: watch a fleet live or replay a run, or render one frame to PNG. A thin main:
// parses the command line, opens the source, and turns every error into one line on stderr
// with exit code 2.
#include <fleet/planner/input_error.hpp>
#include <fleet/planner/number_text.hpp>
#include <fleet/viz/font.hpp>
#include <fleet/viz/live_source.hpp>
#include <fleet/viz/snapshot.hpp>
#include <fleet/viz/trace_source.hpp>
#include <fleet/viz/viewer.hpp>

#include <CLI/CLI.hpp>
#include <SFML/System/Err.hpp>

#include <cstdio>
#include <cstdint>
#include <exception>
#include <limits>
#include <filesystem>
#include <memory>
#include <new>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

namespace viz = fleet::viz;
constexpr int kError = 2;

int fail(const std::string& message) {
  std::fprintf(stderr, "fleetsim-viz: error: %s\n", message.c_str());
  return kError;
}

constexpr std::int64_t kMostInt = std::numeric_limits<int>::max();
constexpr double kFastestSpeed = 1e6;  // ticks per second

CLI::Validator integer_in(std::int64_t lo, std::int64_t hi) {
  return CLI::Validator([lo, hi](std::string& text) { return fleet::integer_problem(text, lo, hi); },
                        "INT");
}

struct Args {
  std::string run;
  std::string map;
  std::string result;
  std::string live;
  std::string places;
  std::string snapshot;
  int tick = 0;
  std::string heatmap = "none";
  int window = 0;
  std::string size = "1280x800";
  int select = -1;
  double speed = 10.0;
  bool loop = false;
  bool paused = false;
  std::vector<std::string> show;
  std::vector<std::string> hide;
  std::string font;
  int frames = 0;
  std::string exit_screenshot;
  std::optional<int> steps;
  std::optional<int> threads;
  std::vector<std::string> plugins;
};

std::pair<unsigned, unsigned> parse_size(const std::string& text) {
  const auto x = text.find('x');
  try {
    if (x == std::string::npos) throw std::invalid_argument(text);
    std::size_t used = 0;
    const int w = std::stoi(text.substr(0, x), &used);
    if (used != x) throw std::invalid_argument(text);
    const int h = std::stoi(text.substr(x + 1), &used);
    if (used != text.size() - x - 1 || w < 1 || h < 1 || w > 16384 || h > 16384)
      throw std::invalid_argument(text);
    return {static_cast<unsigned>(w), static_cast<unsigned>(h)};
  } catch (const std::exception&) {
    throw std::invalid_argument("--size must be WIDTHxHEIGHT (1..16384 each), got '" + text + "'");
  }
}

void set_layer(viz::Layers& layers, const std::string& name, bool on) {
  if (name == "grid") layers.grid_lines = on;
  else if (name == "places") layers.places = on;
  else if (name == "ids") layers.ids = on;
  else if (name == "goals") layers.goals = on;
  else if (name == "path") layers.path = on;
  else if (name == "goal-lines") layers.goal_lines = on;
  else if (name == "hud") layers.hud = on;
  else if (name == "legend") layers.legend = on;
  else if (name == "minimap") layers.minimap = on;
  else if (name == "panel") layers.panel = on;
  else
    throw std::invalid_argument("unknown layer '" + name +
                                "' (known: grid, places, ids, goals, path, goal-lines, hud, legend, minimap, panel)");
}

viz::Layers make_layers(const Args& args) {
  viz::Layers layers;
  const auto heat = viz::parse_heat_kind(args.heatmap);
  if (!heat) throw std::invalid_argument("--heatmap must be none, occupancy, waits or flow, got '" + args.heatmap + "'");
  layers.heat = *heat;
  if (args.window < 0) throw std::invalid_argument("--window must be >= 0");
  layers.heat_window = args.window;
  for (const auto& name : args.show) set_layer(layers, name, true);
  for (const auto& name : args.hide) set_layer(layers, name, false);
  return layers;
}

std::unique_ptr<viz::ReplaySource> open_source(const Args& args) {
  const int modes = (args.run.empty() ? 0 : 1) + (args.result.empty() ? 0 : 1) + (args.live.empty() ? 0 : 1);
  if (modes != 1)
    throw std::invalid_argument("give exactly one of: a run directory, --map M --result R, --live SCENARIO");
  if (!args.run.empty()) return viz::open_run(args.run, args.places);
  if (!args.result.empty()) {
    if (args.map.empty()) throw std::invalid_argument("--result needs --map (the map it was solved on)");
    return viz::open_result(args.map, args.result);
  }
  viz::LiveOptions live;
  live.steps = args.steps;
  live.threads = args.threads;
  live.plugins.assign(args.plugins.begin(), args.plugins.end());
  return std::make_unique<viz::LiveSource>(viz::load_any_scenario(args.live), live);
}

int run(const Args& args) {
  const auto [width, height] = parse_size(args.size);
  const viz::Layers layers = make_layers(args);
  std::unique_ptr<viz::ReplaySource> source = open_source(args);
  const viz::DisplayConnection display;
  if (!display.open())
    return fail("no X display to draw on: set DISPLAY, or run headless under Xvfb: "
                "xvfb-run -a fleetsim-viz ... (see docs/visualizer.md)");
  sf::Font font;
  const sf::Font* font_ptr = nullptr;
  if (const auto file = viz::find_font_file(args.font); file && font.loadFromFile(file->string()))
    font_ptr = &font;
  else
    std::fprintf(stderr, "fleetsim-viz: warning: no font found, text is not drawn "
                         "(install fonts-dejavu-core or pass --font FILE)\n");

  if (!args.snapshot.empty()) {
    viz::SnapshotOptions snap;
    snap.tick = args.tick;
    snap.width = width;
    snap.height = height;
    snap.layers = layers;
    snap.selected = args.select;
    viz::save_image(viz::render_snapshot(*source, snap, font_ptr), args.snapshot);
    return 0;
  }
  viz::ViewerOptions options;
  options.width = width;
  options.height = height;
  options.layers = layers;
  options.speed = args.speed;
  options.loop = args.loop;
  options.play = !args.paused;
  options.start_tick = args.tick;
  options.select = args.select;
  options.max_frames = args.frames;
  options.final_screenshot = args.exit_screenshot;
  options.on_error = [](const std::string& message) { fail(message); };
  return viz::run_viewer(*source, options, font_ptr);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"fleetsim-viz: watch a warehouse fleet live, replay a run, or render a frame to PNG",
               "fleetsim-viz"};
  Args args;
  app.add_option("run", args.run, "A fleetsim run directory (with trace.fltrace) or a trace file");
  app.add_option("--map", args.map, "The .map a --result was solved on");
  app.add_option("--result", args.result, "A lacam-style result.txt to replay (needs --map)");
  app.add_option("--live", args.live, "Simulate this scenario (.yaml, or LoRR problem .json) and show it live");
  app.add_option("--places", args.places,
                 "Scenario (.yaml/.json) or .map whose shelves, stations and homes to draw over a trace");
  app.add_option("--snapshot", args.snapshot, "Render one frame to this PNG and exit (needs an X display; Xvfb works)");
  app.add_option("--tick", args.tick, "Tick of the snapshot, or where playback starts")
      ->check(integer_in(0, kMostInt))
      ->capture_default_str();
  app.add_option("--heatmap", args.heatmap, "none, occupancy, waits or flow")->capture_default_str();
  app.add_option("--window", args.window, "Heatmap over the last N ticks (0: the whole run)")
      ->check(integer_in(0, kMostInt))
      ->capture_default_str();
  app.add_option("--size", args.size, "Window or picture size WIDTHxHEIGHT")->capture_default_str();
  app.add_option("--select", args.select, "Select (and follow) this robot")
      ->check(integer_in(0, kMostInt));
  app.add_option("--speed", args.speed, "Playback speed in ticks per second")
      ->check(CLI::Validator(
          [](std::string& text) { return fleet::number_problem(text, 0.0, kFastestSpeed); }, "SPEED"))
      ->capture_default_str();
  app.add_flag("--loop", args.loop, "Loop playback");
  app.add_flag("--paused", args.paused, "Start paused");
  app.add_option("--show", args.show, "Layers to turn on: grid, places, ids, goals, path, goal-lines, hud, legend, minimap, panel")
      ->delimiter(',');
  app.add_option("--hide", args.hide, "Layers to turn off (same names)")->delimiter(',');
  app.add_option("--font", args.font, "A .ttf font file (default: DejaVu Sans or what fontconfig offers)");
  app.add_option("--frames", args.frames, "Close the window after N frames (for smoke tests)")
      ->check(integer_in(0, kMostInt));
  app.add_option("--exit-screenshot", args.exit_screenshot,
                 "With --frames: save the window's last frame to this PNG");
  app.add_option("--steps", args.steps, "--live: ticks to simulate (default: the scenario's)");
  app.add_option("--threads", args.threads, "--live: simulator threads (default: the scenario's)");
  app.add_option("--plugin", args.plugins, "--live: planner plugin to load (repeatable; see docs/plugins.md)");
  app.footer(std::string("Exit codes: 0 success, 2 error (bad input, no display).\n\n") + viz::controls_help() +
             "\nHeadless: xvfb-run -a fleetsim-viz RUN --snapshot out.png --tick 100 --heatmap waits");

  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    return fail(std::string(e.what()) + " (see 'fleetsim-viz --help')");
  }
  // SFML reports through its own stream; keep it quiet and speak for ourselves.
  sf::err().rdbuf(nullptr);
  try {
    return run(args);
  } catch (const fleet::InputError& e) {
    return fail(e.what());
  } catch (const std::filesystem::filesystem_error& e) {
    return fail(e.what());
  } catch (const std::invalid_argument& e) {
    return fail(e.what());
  } catch (const std::out_of_range& e) {
    return fail(e.what());
  } catch (const std::bad_alloc&) {
    return fail("out of memory");
  } catch (const std::exception& e) {
    return fail(std::string("unexpected: ") + e.what());
  }
}
