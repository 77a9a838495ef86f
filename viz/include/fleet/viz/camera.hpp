// The 2-D camera over the floor: world units are cells ((0,0) the top-left corner of cell 0),
// the screen is in pixels. Zoom keeps the point under the cursor fixed; fit frames the floor
// inside the part of the window that overlays leave free.
#pragma once

namespace fleet::viz {

struct Vec2 {
  double x = 0.0;
  double y = 0.0;
};

/// Pixels taken by overlays on each side of the window; fit() keeps the floor clear of them.
struct Insets {
  double left = 0.0;
  double top = 0.0;
  double right = 0.0;
  double bottom = 0.0;
};

struct WorldRect {
  double left = 0.0;
  double top = 0.0;
  double right = 0.0;
  double bottom = 0.0;
  [[nodiscard]] bool contains(Vec2 p, double margin = 0.0) const {
    return p.x >= left - margin && p.x <= right + margin && p.y >= top - margin &&
           p.y <= bottom + margin;
  }
};

class Camera {
public:
  static constexpr double kMaxScale = 400.0;  ///< pixels per cell

  void set_viewport(double width, double height);
  /// Centres the `world_width` x `world_height` floor in the window less `insets`, as large
  /// as it fits.
  void fit(double world_width, double world_height, Insets insets = {});
  /// Multiplies the zoom by `factor`, keeping the world point under `screen` where it is.
  void zoom_at(Vec2 screen, double factor);
  /// Moves the view by a drag of `delta` pixels (the floor follows the mouse).
  void pan_pixels(Vec2 delta);
  void centre_on(Vec2 world) { centre_ = world; }

  [[nodiscard]] Vec2 to_screen(Vec2 world) const;
  [[nodiscard]] Vec2 to_world(Vec2 screen) const;
  /// The part of the floor in the window.
  [[nodiscard]] WorldRect visible() const;

  [[nodiscard]] double scale() const { return scale_; }  ///< pixels per cell
  [[nodiscard]] Vec2 centre() const { return centre_; }
  [[nodiscard]] Vec2 viewport() const { return viewport_; }

private:
  Vec2 viewport_{1.0, 1.0};
  Vec2 centre_{0.0, 0.0};
  double scale_ = 1.0;
  double min_scale_ = 0.01;
};

}  // namespace fleet::viz
