#include <fleet/viz/scene.hpp>

#include <SFML/Graphics/Sprite.hpp>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <string>

namespace fleet::viz {

sf::Color robot_colour(RobotLook look) {
  switch (look) {
    case RobotLook::Moving: return palette::kRobotMoving;
    case RobotLook::Waiting: return palette::kRobotWaiting;
    case RobotLook::Idle: return palette::kRobotIdle;
    case RobotLook::Held: return palette::kRobotHeld;
    case RobotLook::Delayed: return palette::kRobotDelayed;
    case RobotLook::Stalled: return palette::kRobotStalled;
    case RobotLook::Broken: return palette::kRobotBroken;
  }
  return palette::kRobotIdle;
}

sf::View world_view(const Camera& camera, unsigned target_width, unsigned target_height) {
  const Vec2 size = camera.viewport();
  sf::View view;
  view.setCenter(static_cast<float>(camera.centre().x), static_cast<float>(camera.centre().y));
  view.setSize(static_cast<float>(size.x / camera.scale()), static_cast<float>(size.y / camera.scale()));
  view.setViewport({0.0F, 0.0F, static_cast<float>(size.x / std::max(target_width, 1U)),
                    static_cast<float>(size.y / std::max(target_height, 1U))});
  return view;
}

namespace {

void put_pixel(std::vector<std::uint8_t>& rgba, Cell c, sf::Color colour) {
  std::uint8_t* p = &rgba[static_cast<std::size_t>(c) * 4];
  p[0] = colour.r;
  p[1] = colour.g;
  p[2] = colour.b;
  p[3] = colour.a;
}

void quad(sf::VertexArray& v, float cx, float cy, float half, sf::Color colour) {
  v.append({{cx - half, cy - half}, colour});
  v.append({{cx + half, cy - half}, colour});
  v.append({{cx + half, cy + half}, colour});
  v.append({{cx - half, cy + half}, colour});
}

void diamond(sf::VertexArray& v, float cx, float cy, float half, sf::Color colour) {
  v.append({{cx, cy - half}, colour});
  v.append({{cx + half, cy}, colour});
  v.append({{cx, cy + half}, colour});
  v.append({{cx - half, cy}, colour});
}

/// Whether the segment's bounding box meets the view.
bool segment_visible(const WorldRect& view, Vec2 a, Vec2 b) {
  return std::max(a.x, b.x) >= view.left && std::min(a.x, b.x) <= view.right &&
         std::max(a.y, b.y) >= view.top && std::min(a.y, b.y) <= view.bottom;
}

Vec2 cell_centre(const planner::Grid& grid, Cell c) { return {grid.x(c) + 0.5, grid.y(c) + 0.5}; }

}  // namespace

SceneRenderer::SceneRenderer(const ReplaySource& source)
    : grid_(&source.grid()), motion_(&source.motion()) {
  const planner::Grid& grid = *grid_;
  const auto n = static_cast<std::size_t>(grid.size());
  std::vector<std::uint8_t> rgba(n * 4);
  for (Cell c = 0; c < grid.size(); ++c)
    put_pixel(rgba, c, grid.passable(c) ? palette::kFree : palette::kBlocked);
  upload(rgba, floor_);
  meshes_.emplace_back(rgba, grid.width(), grid.height());

  const Places& places = source.places();
  has_places_ = !places.empty();
  if (has_places_) {
    std::vector<std::uint8_t> faded = rgba;
    auto mark = [&](const std::vector<Cell>& cells, sf::Color colour) {
      for (const Cell c : cells) {
        if (!grid.valid(c)) continue;
        put_pixel(rgba, c, colour);
        // A third of the place colour over the floor: still there, but heat reads over it.
        const sf::Color base = grid.passable(c) ? palette::kFree : palette::kBlocked;
        put_pixel(faded, c,
                  sf::Color(static_cast<sf::Uint8>((base.r * 2 + colour.r) / 3),
                            static_cast<sf::Uint8>((base.g * 2 + colour.g) / 3),
                            static_cast<sf::Uint8>((base.b * 2 + colour.b) / 3)));
      }
    };
    mark(places.homes, palette::kHome);
    mark(places.shelves, palette::kShelf);
    mark(places.stations, palette::kStation);
    upload(rgba, floor_places_);
    upload(faded, floor_faded_);
    meshes_.emplace_back(rgba, grid.width(), grid.height());
    meshes_.emplace_back(faded, grid.width(), grid.height());
  }
}

std::size_t SceneRenderer::floor_variant(bool places, bool faded) const {
  if (!places || !has_places_) return 0;
  return faded ? 2 : 1;
}

const std::vector<SceneRenderer::Tile>& SceneRenderer::floor_tiles(bool places, bool faded) const {
  if (!places || !has_places_) return floor_;
  return faded ? floor_faded_ : floor_places_;
}

void SceneRenderer::upload(const std::vector<std::uint8_t>& rgba, std::vector<Tile>& tiles) {
  const int w = grid_->width();
  const int h = grid_->height();
  const int side = static_cast<int>(std::min(sf::Texture::getMaximumSize(), 8192U));
  const bool fresh = tiles.empty();
  std::size_t i = 0;
  std::vector<std::uint8_t> part;
  for (int y0 = 0; y0 < h; y0 += side) {
    for (int x0 = 0; x0 < w; x0 += side, ++i) {
      const int tw = std::min(side, w - x0);
      const int th = std::min(side, h - y0);
      if (fresh) {
        tiles.emplace_back();
        tiles.back().texture.create(static_cast<unsigned>(tw), static_cast<unsigned>(th));
        tiles.back().texture.setSmooth(false);  // crisp cells at any zoom
        tiles.back().origin = {static_cast<float>(x0), static_cast<float>(y0)};
      }
      part.resize(static_cast<std::size_t>(tw) * th * 4);
      for (int y = 0; y < th; ++y)
        std::copy_n(&rgba[(static_cast<std::size_t>(y0 + y) * w + x0) * 4],
                    static_cast<std::size_t>(tw) * 4, &part[static_cast<std::size_t>(y) * tw * 4]);
      tiles[i].texture.update(part.data());
    }
  }
}

void SceneRenderer::draw_tiles(sf::RenderTarget& target, const sf::RenderStates& states,
                               const std::vector<Tile>& tiles) {
  for (const Tile& t : tiles) {
    sf::Sprite sprite(t.texture);
    sprite.setPosition(t.origin);
    target.draw(sprite, states);
  }
}

void SceneRenderer::draw_floor(sf::RenderTarget& target, const sf::RenderStates& states,
                               bool places) const {
  draw_tiles(target, states, floor_tiles(places, false));
}

void SceneRenderer::update_heat(const HeatField& field, HeatKind kind) {
  if (kind == HeatKind::None) {
    heat_kind_ = kind;
    return;
  }
  if (kind == heat_kind_ && field.version() == heat_version_ && !heat_.empty()) return;
  heat_scale_ = field.colourize(kind, heat_pixels_);
  upload(heat_pixels_, heat_);
  heat_kind_ = kind;
  heat_version_ = field.version();
}

void SceneRenderer::build_robots(const WorldRect& view, const FramePair& frames, RobotId selected,
                                 double scale) {
  const planner::Motion& motion = *motion_;
  const int robots = static_cast<int>(frames.current().states.size());
  const bool headings = motion.has_heading() && scale >= 5.0;
  robots_.clear();
  drawn_robots_ = 0;
  if (selected >= 0 && selected < robots) {
    const Vec2 p = frames.position(motion, selected);
    quad(robots_, static_cast<float>(p.x), static_cast<float>(p.y), 0.62F, palette::kSelected);
  }
  for (RobotId r = 0; r < robots; ++r) {
    const Vec2 p = frames.position(motion, r);
    if (!view.contains(p, 1.0)) continue;
    ++drawn_robots_;
    const auto x = static_cast<float>(p.x);
    const auto y = static_cast<float>(p.y);
    quad(robots_, x, y, kRobotHalf, robot_colour(frames.look(motion, r)));
    if (headings) {
      const double a = frames.angle(motion, r) * std::numbers::pi / 180.0;
      // The mark sits near the front edge, leaving the body's centre in the body colour.
      quad(robots_, x + static_cast<float>(0.25 * std::cos(a)), y + static_cast<float>(0.25 * std::sin(a)),
           0.09F, palette::kHeadingMark);
    }
  }
}

void SceneRenderer::build_marks(const WorldRect& view, const FramePair& frames, const Layers& layers,
                                RobotId selected, std::span<const State> path) {
  const planner::Motion& motion = *motion_;
  const planner::Grid& grid = *grid_;
  const Frame& f = frames.current();
  const int robots = static_cast<int>(f.states.size());
  marks_.clear();
  lines_.clear();
  path_.clear();
  if (layers.goals || layers.goal_lines) {
    for (RobotId r = 0; r < robots; ++r) {
      const Cell g = f.goals[static_cast<std::size_t>(r)];
      if (!grid.valid(g)) continue;
      const Vec2 gc = cell_centre(grid, g);
      if (layers.goals && view.contains(gc, 1.0))
        diamond(marks_, static_cast<float>(gc.x), static_cast<float>(gc.y), 0.22F, palette::kGoal);
      if (layers.goal_lines) {
        const Vec2 p = frames.position(motion, r);
        if (!segment_visible(view, p, gc)) continue;
        lines_.append({{static_cast<float>(p.x), static_cast<float>(p.y)}, palette::kGoalLine});
        lines_.append({{static_cast<float>(gc.x), static_cast<float>(gc.y)}, palette::kGoalLine});
      }
    }
  }
  if (selected < 0 || selected >= robots) return;
  // The selected robot's goal is always marked, larger.
  if (const Cell g = f.goals[static_cast<std::size_t>(selected)]; grid.valid(g)) {
    const Vec2 gc = cell_centre(grid, g);
    diamond(marks_, static_cast<float>(gc.x), static_cast<float>(gc.y), 0.42F, palette::kSelected);
  }
  // Under the ADG: the dependency holding the selected robot, a line to the robot it waits for.
  if (static_cast<std::size_t>(selected) < f.waiting_on.size()) {
    const RobotId blocker = f.waiting_on[static_cast<std::size_t>(selected)];
    if (blocker >= 0 && blocker < robots) {
      const Vec2 a = frames.position(motion, selected);
      const Vec2 b = frames.position(motion, blocker);
      lines_.append({{static_cast<float>(a.x), static_cast<float>(a.y)}, palette::kDependency});
      lines_.append({{static_cast<float>(b.x), static_cast<float>(b.y)}, palette::kDependency});
      diamond(marks_, static_cast<float>(b.x), static_cast<float>(b.y), 0.3F, palette::kDependency);
    }
  }
  if (!layers.path || path.empty()) return;
  const Vec2 start = frames.position(motion, selected);
  path_.append({{static_cast<float>(start.x), static_cast<float>(start.y)}, palette::kPath});
  for (const State s : path) {
    const Vec2 c = cell_centre(grid, motion.cell(s));
    path_.append({{static_cast<float>(c.x), static_cast<float>(c.y)}, palette::kPath});
    quad(marks_, static_cast<float>(c.x), static_cast<float>(c.y), 0.08F, palette::kPath);
  }
}

void SceneRenderer::build_grid_lines(const WorldRect& view) {
  const planner::Grid& grid = *grid_;
  grid_lines_.clear();
  const int x0 = std::max(0, static_cast<int>(std::floor(view.left)));
  const int x1 = std::min(grid.width(), static_cast<int>(std::ceil(view.right)));
  const int y0 = std::max(0, static_cast<int>(std::floor(view.top)));
  const int y1 = std::min(grid.height(), static_cast<int>(std::ceil(view.bottom)));
  if (x0 > x1 || y0 > y1) return;
  for (int x = x0; x <= x1; ++x) {
    grid_lines_.append({{static_cast<float>(x), static_cast<float>(y0)}, palette::kGridLine});
    grid_lines_.append({{static_cast<float>(x), static_cast<float>(y1)}, palette::kGridLine});
  }
  for (int y = y0; y <= y1; ++y) {
    grid_lines_.append({{static_cast<float>(x0), static_cast<float>(y)}, palette::kGridLine});
    grid_lines_.append({{static_cast<float>(x1), static_cast<float>(y)}, palette::kGridLine});
  }
}

void SceneRenderer::draw_world(sf::RenderTarget& target, const Camera& camera, const FramePair& frames,
                               const Layers& layers, RobotId selected, std::span<const State> path) {
  target.setView(world_view(camera, target.getSize().x, target.getSize().y));
  const WorldRect view = camera.visible();
  const sf::RenderStates plain;
  const bool heat = layers.heat != HeatKind::None && heat_kind_ == layers.heat;
  // The floor is opaque: no blending spares the rasterizer reading back every pixel.
  sf::RenderStates opaque;
  opaque.blendMode = sf::BlendNone;
  // Zoomed in, a few flat rectangles are cheaper to fill than the textured floor.
  constexpr std::size_t kMaxFloorQuads = 3000;
  if (meshes_[floor_variant(layers.places, heat)].build(view, kMaxFloorQuads, floor_quads_))
    target.draw(floor_quads_, opaque);
  else
    draw_tiles(target, opaque, floor_tiles(layers.places, heat));
  if (heat) draw_tiles(target, plain, heat_);
  if (layers.grid_lines && camera.scale() >= 8.0) {
    build_grid_lines(view);
    target.draw(grid_lines_);
  }
  if (!frames.loaded()) return;
  build_marks(view, frames, layers, selected, path);
  if (lines_.getVertexCount() > 0) target.draw(lines_);
  if (path_.getVertexCount() > 1) target.draw(path_);
  if (marks_.getVertexCount() > 0) target.draw(marks_, opaque);
  build_robots(view, frames, selected, camera.scale());
  target.draw(robots_, opaque);  // every robot colour is opaque
}

void SceneRenderer::add_labels(const Camera& camera, const FramePair& frames, const Layers& layers,
                               TextBatch& text) const {
  constexpr double kMinScale = 16.0;  // pixels per cell before ids fit inside a robot
  constexpr int kMaxLabels = 1500;
  if (!layers.ids || camera.scale() < kMinScale || !frames.loaded()) return;
  if (drawn_robots_ > kMaxLabels) return;
  const auto size = static_cast<unsigned>(std::clamp(camera.scale() * 0.34, 8.0, 20.0));
  const WorldRect view = camera.visible();
  const int robots = static_cast<int>(frames.current().states.size());
  for (RobotId r = 0; r < robots; ++r) {
    const Vec2 p = frames.position(*motion_, r);
    if (!view.contains(p, 0.5)) continue;
    const std::string id = std::to_string(r);
    const Vec2 s = camera.to_screen(p);
    const float w = text.measure(id, size);
    // Labels are drawn over the overlays, so one must not spill out of the floor's area.
    const Vec2 area = camera.viewport();
    if (s.x - w / 2.0 < 0.0 || s.x + w / 2.0 > area.x || s.y - size < 0.0 || s.y + size > area.y) continue;
    text.add(id, {static_cast<float>(s.x) - w / 2.0F, static_cast<float>(s.y) - size * 0.62F}, size,
             sf::Color::White);
  }
}

RobotId SceneRenderer::robot_at(const FramePair& frames, Vec2 world) const {
  if (!frames.loaded()) return -1;
  RobotId best = -1;
  double best_d = 0.6 * 0.6;
  const int robots = static_cast<int>(frames.current().states.size());
  for (RobotId r = 0; r < robots; ++r) {
    const Vec2 p = frames.position(*motion_, r);
    const double d = (p.x - world.x) * (p.x - world.x) + (p.y - world.y) * (p.y - world.y);
    if (d < best_d) {
      best_d = d;
      best = r;
    }
  }
  return best;
}

}  // namespace fleet::viz
