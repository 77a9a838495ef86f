// The floor as flat-coloured rectangles, for zoomed-in views: a software rasterizer (Mesa's
// llvmpipe under Xvfb) fills untextured pixels several times faster than textured ones, so
// when few rectangles are in view they beat the baked texture. Rectangles merge equal runs
// of cells row over row and are bucketed in tiles so a view gathers only its own.
#pragma once

#include <fleet/viz/camera.hpp>

#include <SFML/Graphics/Color.hpp>
#include <SFML/Graphics/VertexArray.hpp>

#include <cstdint>
#include <vector>

namespace fleet::viz {

class FloorMesh {
public:
  /// `rgba` holds one opaque pixel per cell, `width` x `height`, row-major; its most common
  /// colour becomes the background drawn as one quad.
  FloorMesh(const std::vector<std::uint8_t>& rgba, int width, int height);

  /// Fills `out` with the quads covering `view` (background first) and returns true, or
  /// returns false when more than `max_quads` rectangles would be needed (use the texture).
  bool build(const WorldRect& view, std::size_t max_quads, sf::VertexArray& out);

  [[nodiscard]] std::size_t rectangles() const { return rects_.size(); }

private:
  struct Rect {
    int x0, y0, x1, y1;  // cells [x0, x1) x [y0, y1)
    sf::Color colour;
  };
  static constexpr int kTile = 32;  // cells per bucket side

  int width_;
  int height_;
  int tiles_x_;
  int tiles_y_;
  sf::Color background_;
  std::vector<Rect> rects_;
  std::vector<std::vector<std::uint32_t>> buckets_;  // rect ids per tile
  std::vector<std::uint32_t> seen_;                  // per rect: last build that took it
  std::uint32_t stamp_ = 0;
};

}  // namespace fleet::viz
