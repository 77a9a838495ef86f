// Draws the floor and the fleet: the static map baked once into textures (split in tiles
// when larger than the GPU allows), the heatmap as a texture overlay, every robot in one
// vertex array of quads, and only what lies in view.
#pragma once

#include <fleet/viz/camera.hpp>
#include <fleet/viz/floor_mesh.hpp>
#include <fleet/viz/font.hpp>
#include <fleet/viz/frame_pair.hpp>
#include <fleet/viz/heatmap.hpp>
#include <fleet/viz/layers.hpp>
#include <fleet/viz/replay_source.hpp>

#include <SFML/Graphics/RenderTarget.hpp>
#include <SFML/Graphics/Texture.hpp>
#include <SFML/Graphics/VertexArray.hpp>
#include <SFML/Graphics/View.hpp>

#include <cstdint>
#include <span>
#include <vector>

namespace fleet::viz {

/// The SFML view that shows what `camera` sees in the top-left `camera.viewport()` pixels of
/// a `target_width` x `target_height` target.
[[nodiscard]] sf::View world_view(const Camera& camera, unsigned target_width, unsigned target_height);

/// Robots are drawn as squares this far from the cell centre (in cells).
inline constexpr float kRobotHalf = 0.38F;

class SceneRenderer {
public:
  /// Bakes the floor and the places of `source` into textures (needs a GL context).
  explicit SceneRenderer(const ReplaySource& source);

  /// Re-uploads the heat overlay for `kind` when the field changed since the last call.
  void update_heat(const HeatField& field, HeatKind kind);
  [[nodiscard]] const HeatScale& heat_scale() const { return heat_scale_; }

  /// The floor, places, heat overlay, grid lines, goals, the selected robot's path and the
  /// robots, in world coordinates (sets the target's view from `camera`).
  void draw_world(sf::RenderTarget& target, const Camera& camera, const FramePair& frames,
                  const Layers& layers, RobotId selected, std::span<const State> path);
  /// Robot ids in screen coordinates, when robots are large enough to carry them.
  void add_labels(const Camera& camera, const FramePair& frames, const Layers& layers,
                  TextBatch& text) const;
  /// Only the floor (with places), under `states` (the minimap).
  void draw_floor(sf::RenderTarget& target, const sf::RenderStates& states, bool places) const;

  /// The robot whose square contains `world` (nearest centre), or -1.
  [[nodiscard]] RobotId robot_at(const FramePair& frames, Vec2 world) const;
  /// Robots drawn in the last draw_world() call (after culling).
  [[nodiscard]] int drawn_robots() const { return drawn_robots_; }

private:
  struct Tile {
    sf::Texture texture;
    sf::Vector2f origin;
  };
  void upload(const std::vector<std::uint8_t>& rgba, std::vector<Tile>& tiles);
  void build_robots(const WorldRect& view, const FramePair& frames, RobotId selected, double scale);
  void build_marks(const WorldRect& view, const FramePair& frames, const Layers& layers,
                   RobotId selected, std::span<const State> path);
  void build_grid_lines(const WorldRect& view);
  [[nodiscard]] const std::vector<Tile>& floor_tiles(bool places, bool faded) const;
  [[nodiscard]] std::size_t floor_variant(bool places, bool faded) const;
  static void draw_tiles(sf::RenderTarget& target, const sf::RenderStates& states,
                         const std::vector<Tile>& tiles);

  const planner::Grid* grid_;
  const planner::Motion* motion_;
  // The floor is baked three ways so each frame draws exactly one opaque copy of it (a
  // software rasterizer pays for every full-window pass): plain, with places, and with
  // places faded for reading a heatmap over them.
  std::vector<Tile> floor_;
  std::vector<Tile> floor_places_;
  std::vector<Tile> floor_faded_;
  // The same three floors as rectangles, used instead when few are in view.
  std::vector<FloorMesh> meshes_;  // plain, places, faded (the last two only with places)
  sf::VertexArray floor_quads_{sf::Quads};
  std::vector<Tile> heat_;
  bool has_places_ = false;
  HeatKind heat_kind_ = HeatKind::None;
  std::uint64_t heat_version_ = 0;
  HeatScale heat_scale_;
  std::vector<std::uint8_t> heat_pixels_;
  sf::VertexArray robots_{sf::Quads};
  sf::VertexArray marks_{sf::Quads};
  sf::VertexArray lines_{sf::Lines};
  sf::VertexArray path_{sf::LineStrip};
  sf::VertexArray grid_lines_{sf::Lines};
  int drawn_robots_ = 0;
};

}  // namespace fleet::viz
