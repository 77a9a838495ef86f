#include <fleet/viz/floor_mesh.hpp>

#include <algorithm>
#include <cmath>
#include <unordered_map>

namespace fleet::viz {

namespace {

std::uint32_t key_of(const std::uint8_t* p) {
  return std::uint32_t{p[0]} | std::uint32_t{p[1]} << 8 | std::uint32_t{p[2]} << 16;
}

sf::Color colour_of(std::uint32_t key) {
  return {static_cast<sf::Uint8>(key & 0xFF), static_cast<sf::Uint8>((key >> 8) & 0xFF),
          static_cast<sf::Uint8>((key >> 16) & 0xFF)};
}

void quad(sf::VertexArray& v, float x0, float y0, float x1, float y1, sf::Color c) {
  v.append({{x0, y0}, c});
  v.append({{x1, y0}, c});
  v.append({{x1, y1}, c});
  v.append({{x0, y1}, c});
}

}  // namespace

FloorMesh::FloorMesh(const std::vector<std::uint8_t>& rgba, int width, int height)
    : width_(width),
      height_(height),
      tiles_x_((width + kTile - 1) / kTile),
      tiles_y_((height + kTile - 1) / kTile) {
  std::unordered_map<std::uint32_t, std::size_t> counts;
  for (std::size_t i = 0; i + 3 < rgba.size(); i += 4) ++counts[key_of(&rgba[i])];
  std::uint32_t common = 0;
  std::size_t best = 0;
  for (const auto& [key, n] : counts)
    if (n > best) {
      best = n;
      common = key;
    }
  background_ = colour_of(common);

  // Runs of one colour per row; a run identical to one of the row above extends its rect.
  struct Run {
    int x0, x1;
    std::uint32_t key;
    std::size_t rect;
  };
  std::vector<Run> above;
  std::vector<Run> row;
  for (int y = 0; y < height; ++y) {
    row.clear();
    std::size_t a = 0;
    for (int x = 0; x < width;) {
      const std::uint32_t key = key_of(&rgba[(static_cast<std::size_t>(y) * width + x) * 4]);
      int end = x + 1;
      while (end < width && key_of(&rgba[(static_cast<std::size_t>(y) * width + end) * 4]) == key) ++end;
      if (key != common) {
        while (a < above.size() && above[a].x0 < x) ++a;
        std::size_t rect = 0;
        if (a < above.size() && above[a].x0 == x && above[a].x1 == end && above[a].key == key) {
          rect = above[a].rect;
          rects_[rect].y1 = y + 1;
        } else {
          rect = rects_.size();
          rects_.push_back({x, y, end, y + 1, colour_of(key)});
        }
        row.push_back({x, end, key, rect});
      }
      x = end;
    }
    std::swap(above, row);
  }

  buckets_.resize(static_cast<std::size_t>(tiles_x_) * static_cast<std::size_t>(tiles_y_));
  for (std::size_t i = 0; i < rects_.size(); ++i) {
    const Rect& r = rects_[i];
    for (int ty = r.y0 / kTile; ty <= (r.y1 - 1) / kTile; ++ty)
      for (int tx = r.x0 / kTile; tx <= (r.x1 - 1) / kTile; ++tx)
        buckets_[static_cast<std::size_t>(ty) * tiles_x_ + tx].push_back(static_cast<std::uint32_t>(i));
  }
  seen_.assign(rects_.size(), 0);
}

bool FloorMesh::build(const WorldRect& view, std::size_t max_quads, sf::VertexArray& out) {
  out.setPrimitiveType(sf::Quads);
  out.clear();
  const double l = std::max(view.left, 0.0);
  const double t = std::max(view.top, 0.0);
  const double r = std::min(view.right, static_cast<double>(width_));
  const double b = std::min(view.bottom, static_cast<double>(height_));
  if (l >= r || t >= b) return true;
  const int tx0 = static_cast<int>(l) / kTile;
  const int ty0 = static_cast<int>(t) / kTile;
  const int tx1 = std::min(tiles_x_ - 1, static_cast<int>(std::ceil(r)) / kTile);
  const int ty1 = std::min(tiles_y_ - 1, static_cast<int>(std::ceil(b)) / kTile);
  std::size_t bound = 0;  // rect entries in the tiles, an upper bound on quads
  for (int ty = ty0; ty <= ty1; ++ty)
    for (int tx = tx0; tx <= tx1; ++tx) bound += buckets_[static_cast<std::size_t>(ty) * tiles_x_ + tx].size();
  if (bound > max_quads) return false;

  ++stamp_;
  // The background only where the floor is in view, so the backdrop stays around it.
  quad(out, static_cast<float>(l), static_cast<float>(t), static_cast<float>(r), static_cast<float>(b),
       background_);
  for (int ty = ty0; ty <= ty1; ++ty) {
    for (int tx = tx0; tx <= tx1; ++tx) {
      for (const std::uint32_t i : buckets_[static_cast<std::size_t>(ty) * tiles_x_ + tx]) {
        if (seen_[i] == stamp_) continue;
        seen_[i] = stamp_;
        const Rect& q = rects_[i];
        if (q.x1 < l || q.x0 > r || q.y1 < t || q.y0 > b) continue;
        // Clipped to the view: a long wall should not make the rasterizer walk off-screen.
        quad(out, static_cast<float>(std::max<double>(q.x0, l)), static_cast<float>(std::max<double>(q.y0, t)),
             static_cast<float>(std::min<double>(q.x1, r)), static_cast<float>(std::min<double>(q.y1, b)),
             q.colour);
      }
    }
  }
  return true;
}

}  // namespace fleet::viz
