#include <fleet/viz/camera.hpp>

#include <algorithm>

namespace fleet::viz {

void Camera::set_viewport(double width, double height) {
  viewport_ = {std::max(width, 1.0), std::max(height, 1.0)};
}

void Camera::fit(double world_width, double world_height, Insets insets) {
  const double w = std::max(viewport_.x - insets.left - insets.right, 1.0);
  const double h = std::max(viewport_.y - insets.top - insets.bottom, 1.0);
  scale_ = std::clamp(std::min(w / std::max(world_width, 1e-9), h / std::max(world_height, 1e-9)),
                      1e-4, kMaxScale);
  // Zooming out much beyond the fitted floor only loses it.
  min_scale_ = scale_ / 4.0;
  // The centre of the free area, mapped back to the floor's centre.
  const double free_cx = insets.left + w / 2.0;
  const double free_cy = insets.top + h / 2.0;
  centre_ = {world_width / 2.0 - (free_cx - viewport_.x / 2.0) / scale_,
             world_height / 2.0 - (free_cy - viewport_.y / 2.0) / scale_};
}

void Camera::zoom_at(Vec2 screen, double factor) {
  const Vec2 anchor = to_world(screen);
  scale_ = std::clamp(scale_ * factor, min_scale_, kMaxScale);
  const Vec2 moved = to_world(screen);
  centre_.x += anchor.x - moved.x;
  centre_.y += anchor.y - moved.y;
}

void Camera::pan_pixels(Vec2 delta) {
  centre_.x -= delta.x / scale_;
  centre_.y -= delta.y / scale_;
}

Vec2 Camera::to_screen(Vec2 world) const {
  return {(world.x - centre_.x) * scale_ + viewport_.x / 2.0,
          (world.y - centre_.y) * scale_ + viewport_.y / 2.0};
}

Vec2 Camera::to_world(Vec2 screen) const {
  return {(screen.x - viewport_.x / 2.0) / scale_ + centre_.x,
          (screen.y - viewport_.y / 2.0) / scale_ + centre_.y};
}

WorldRect Camera::visible() const {
  const Vec2 a = to_world({0.0, 0.0});
  const Vec2 b = to_world(viewport_);
  return {a.x, a.y, b.x, b.y};
}

}  // namespace fleet::viz
