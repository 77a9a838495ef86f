#include <fleet/viz/snapshot.hpp>

#include <fleet/viz/frame_pair.hpp>
#include <fleet/viz/heatmap.hpp>
#include <fleet/viz/overlays.hpp>
#include <fleet/viz/run_index.hpp>
#include <fleet/viz/scene.hpp>

#include <SFML/Graphics/RenderTexture.hpp>

#include <algorithm>
#include <stdexcept>
#include <string>

namespace fleet::viz {

namespace {

Layers still_layers(const SnapshotOptions& options) {
  Layers l = options.layers;
  l.minimap = false;
  l.panel = false;
  return l;
}

std::string source_title(const ReplaySource& source) {
  const SourceInfo& info = source.info();
  std::string title = "fleetsim-viz  " + info.kind;
  if (!info.scenario.empty()) title += "  " + info.scenario;
  if (!info.planner.empty()) title += " / " + info.planner;
  return title;
}

}  // namespace

Camera snapshot_camera(const ReplaySource& source, const SnapshotOptions& options) {
  const planner::Grid& grid = source.grid();
  const OverlayLayout layout =
      layout_overlays(options.width, options.height, still_layers(options), grid, false,
                      !source.places().empty());
  Camera camera;
  camera.set_viewport(options.width, options.height);
  camera.fit(grid.width(), grid.height(), layout.insets);
  return camera;
}

sf::Image render_snapshot(const ReplaySource& source, const SnapshotOptions& options,
                          const sf::Font* font) {
  constexpr unsigned kMaxSide = 16384;
  if (options.width == 0 || options.height == 0 || options.width > kMaxSide || options.height > kMaxSide)
    throw std::invalid_argument("snapshot size must be 1..16384 pixels a side, got " +
                                std::to_string(options.width) + "x" + std::to_string(options.height));
  if (options.tick < source.first_tick() || options.tick >= source.end_tick())
    throw std::invalid_argument("tick " + std::to_string(options.tick) + " is outside the run (ticks " +
                                std::to_string(source.first_tick()) + ".." +
                                std::to_string(source.end_tick() - 1) + ")");
  if (options.selected >= source.robots())
    throw std::invalid_argument("robot " + std::to_string(options.selected) + " does not exist (" +
                                std::to_string(source.robots()) + " robots)");
  const Layers layers = still_layers(options);
  sf::RenderTexture target;
  if (!target.create(options.width, options.height))
    throw std::runtime_error("cannot create an off-screen render target of " +
                             std::to_string(options.width) + "x" + std::to_string(options.height));

  SceneRenderer scene(source);
  FramePair frames;
  frames.load(source, options.tick);
  if (layers.heat != HeatKind::None) {
    HeatField field(source.grid(), source.motion());
    if (layers.heat_window > 0)
      field.cover(source, options.tick - layers.heat_window + 1, options.tick);
    else
      field.cover(source, source.first_tick(), source.end_tick() - 1);
    scene.update_heat(field, layers.heat);
  }
  std::vector<State> path;
  if (options.selected >= 0 && layers.path) {
    Frame scratch;
    future_states(source, options.selected, options.tick, 32, scratch, path);
  }

  const Camera camera = snapshot_camera(source, options);
  target.clear(palette::kBackdrop);
  scene.draw_world(target, camera, frames, layers, options.selected, path);
  target.setView(target.getDefaultView());

  OverlayCanvas canvas(font);
  scene.add_labels(camera, frames, layers, canvas.text);
  if (layers.hud) {
    RunIndex index;
    index.update(source);
    HudFacts facts;
    facts.title = source_title(source);
    facts.last_tick = source.end_tick() - 1;
    add_run_facts(facts, source, index, frames.current());
    add_hud(canvas, hud_lines(facts));
  }
  const auto bottom = static_cast<float>(options.height);
  add_legend(canvas, layers.heat, scene.heat_scale(), layers.heat_window, bottom);
  add_robot_legend(canvas, layers, source.motion().has_heading(), !source.places().empty(),
                   bottom - heat_legend_height(layers));
  canvas.draw_fills(target);
  canvas.draw_rest(target);
  target.display();
  return target.getTexture().copyToImage();
}

void save_image(const sf::Image& image, const std::filesystem::path& path) {
  if (!image.saveToFile(path.string()))
    throw std::runtime_error("cannot write image " + path.string());
}

}  // namespace fleet::viz
