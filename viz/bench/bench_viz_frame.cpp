// bench_viz_frame: frame time of the fleetsim-viz window at 10,000 robots. Simulates a few
// ticks of a large scenario (or reuses a run), then plays it back in the real window for N
// frames at a fixed playback step and prints frame-time percentiles. Run under Xvfb:
//   xvfb-run -a -s "-screen 0 1920x1080x24" build/viz-release/bin/bench_viz_frame
#include <fleet/planner/registry.hpp>
#include <fleet/sim/scenario.hpp>
#include <fleet/sim/simulator.hpp>
#include <fleet/viz/font.hpp>
#include <fleet/viz/snapshot.hpp>
#include <fleet/viz/trace_source.hpp>
#include <fleet/viz/viewer.hpp>

#include <CLI/CLI.hpp>
#include <SFML/System/Err.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <string>
#include <sys/resource.h>
#include <vector>

namespace {

struct Stats {
  double p50 = 0.0, p99 = 0.0, mean = 0.0, max = 0.0;
};

Stats stats_of(std::vector<double> v) {
  Stats s;
  if (v.empty()) return s;
  std::sort(v.begin(), v.end());
  auto rank = [&](double p) {
    const auto i = static_cast<std::size_t>(std::ceil(p * static_cast<double>(v.size()))) - 1;
    return v[std::min(i, v.size() - 1)];
  };
  s.p50 = rank(0.50);
  s.p99 = rank(0.99);
  double sum = 0.0;
  for (const double x : v) sum += x;
  s.mean = sum / static_cast<double>(v.size());
  s.max = v.back();
  return s;
}

std::filesystem::path simulate(const std::filesystem::path& scenario_file, int ticks,
                               const std::filesystem::path& out) {
  const fleet::sim::Scenario scenario = fleet::sim::load_scenario(scenario_file);
  fleet::sim::SimOptions options;
  options.output_dir = out;
  options.steps = ticks;
  options.write_svg = false;
  options.write_lorr_log = false;
  const auto start = std::chrono::steady_clock::now();
  fleet::sim::Simulator simulator(scenario, fleet::planner::builtin_planners(), options);
  const fleet::sim::RunSummary summary = simulator.run();
  std::printf("simulated %s: %d robots, %d ticks in %.1f s -> %s\n", scenario.name.c_str(),
              summary.robots, summary.ticks,
              std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(),
              out.string().c_str());
  return out;
}

/// CPU seconds of the whole process (all threads, llvmpipe's rasterizer threads included).
double cpu_seconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) * 1e-6;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"bench_viz_frame: fleetsim-viz frame time at 10,000 robots (run under Xvfb)"};
  std::string scenario = std::string(FLEET_SOURCE_DIR) + "/scenarios/large.yaml";
  std::string run;
  std::string keep = (std::filesystem::temp_directory_path() / "fleet-bench-viz-run").string();
  int ticks = 60;
  int frames = 300;
  int warmup = 20;
  unsigned width = 1280;
  unsigned height = 800;
  double ticks_per_frame = 0.25;
  double zoom = 1.0;
  std::string heatmap = "none";
  int window = 0;
  std::string screenshot;
  bool no_minimap = false;
  double cx = -1.0;
  double cy = -1.0;
  bool no_panel = false;
  app.add_option("--scenario", scenario, "Scenario to simulate")->capture_default_str();
  app.add_option("--run", run, "Reuse this run directory instead of simulating");
  app.add_option("--out", keep, "Where the simulated run is written")->capture_default_str();
  app.add_option("--ticks", ticks, "Ticks to simulate")->capture_default_str();
  app.add_option("--frames", frames, "Frames to time")->capture_default_str();
  app.add_option("--warmup", warmup, "Frames not timed first")->capture_default_str();
  app.add_option("--width", width)->capture_default_str();
  app.add_option("--height", height)->capture_default_str();
  app.add_option("--ticks-per-frame", ticks_per_frame,
                 "Playback advance per frame (fractions interpolate)")->capture_default_str();
  app.add_option("--zoom", zoom, "Zoom relative to the fitted floor")->capture_default_str();
  app.add_option("--heatmap", heatmap, "none, occupancy, waits or flow")->capture_default_str();
  app.add_option("--window", window, "Heatmap window in ticks (0: whole run)")->capture_default_str();
  app.add_option("--screenshot", screenshot, "Save the last frame to this PNG");
  app.add_flag("--no-minimap", no_minimap, "Hide the minimap");
  app.add_option("--cx", cx, "View centre x in cells (default: the floor's centre)");
  app.add_option("--cy", cy, "View centre y in cells");
  app.add_flag("--no-panel", no_panel, "Hide the events panel");
  CLI11_PARSE(app, argc, argv);
  sf::err().rdbuf(nullptr);

  try {
    const std::filesystem::path dir = run.empty() ? simulate(scenario, ticks, keep) : std::filesystem::path(run);
    auto source = fleet::viz::open_run(dir);
    const fleet::viz::DisplayConnection display;
    if (!display.open()) {
      std::fprintf(stderr, "bench_viz_frame: no X display; run under xvfb-run -a\n");
      return 2;
    }
    sf::Font font;
    const auto font_file = fleet::viz::find_font_file();
    const bool has_font = font_file && font.loadFromFile(font_file->string());

    fleet::viz::ViewerOptions options;
    options.width = width;
    options.height = height;
    options.speed = 1.0;
    options.loop = true;
    options.fixed_step_s = ticks_per_frame;  // at speed 1 tick/s: ticks per frame
    options.max_frames = warmup + frames;
    options.zoom = zoom;
    options.centre_x = cx;
    options.centre_y = cy;
    options.final_screenshot = screenshot;
    const auto heat = fleet::viz::parse_heat_kind(heatmap);
    if (!heat) throw std::invalid_argument("bad --heatmap " + heatmap);
    options.layers.heat = *heat;
    options.layers.heat_window = window;
    options.layers.minimap = !no_minimap;
    options.layers.panel = !no_panel;
    std::vector<double> total, update, draw, present;
    int seen = 0;
    int drawn = 0;
    double cpu_start = 0.0;
    double cpu_end = 0.0;
    options.on_frame = [&](const fleet::viz::FrameTiming& t) {
      ++seen;
      if (seen == warmup) cpu_start = cpu_seconds();
      if (seen == warmup + frames) cpu_end = cpu_seconds();
      if (seen <= warmup) return;
      total.push_back(t.total_ms);
      update.push_back(t.update_ms);
      draw.push_back(t.draw_ms);
      present.push_back(t.present_ms);
      drawn = std::max(drawn, t.drawn_robots);
    };
    const int rc = fleet::viz::run_viewer(*source, options, has_font ? &font : nullptr);
    if (rc != 0) return rc;

    const Stats s = stats_of(total);
    std::printf("robots %d, ticks %d, floor %dx%d, window %ux%u, zoom %.2f, heatmap %s, up to %d robots drawn\n",
                source->robots(), source->end_tick(), source->grid().width(), source->grid().height(),
                width, height, zoom, heatmap.c_str(), drawn);
    std::printf("frames %zu: frame time p50 %.2f ms, p99 %.2f ms, mean %.2f ms, max %.2f ms\n",
                total.size(), s.p50, s.p99, s.mean, s.max);
    for (const auto& [name, v] : {std::pair{"update", &update}, std::pair{"draw", &draw},
                                  std::pair{"present", &present}}) {
      const Stats p = stats_of(*v);
      std::printf("  %-8s p50 %.2f ms, p99 %.2f ms\n", name, p.p50, p.p99);
    }
    std::printf("  cpu      %.2f ms per frame (all threads; wall time above includes waiting for "
                "the CPU on a loaded machine)\n",
                (cpu_end - cpu_start) * 1e3 / std::max<std::size_t>(total.size(), 1));
    double load[3] = {0, 0, 0};
    if (getloadavg(load, 3) > 0) std::printf("  load average during the run: %.2f\n", load[0]);
    std::printf("goal <= 16 ms p50: %s\n", s.p50 <= 16.0 ? "met" : "missed");
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench_viz_frame: error: %s\n", e.what());
    return 2;
  }
}
