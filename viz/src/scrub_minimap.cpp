// The scrub bar and the minimap.
#include <fleet/viz/frame_pair.hpp>
#include <fleet/viz/overlays.hpp>
#include <fleet/viz/scene.hpp>

#include <algorithm>
#include <cmath>

namespace fleet::viz {

double ScrubBar::position_at(float x, const Timeline& timeline) const {
  const float inner = std::max(rect_.width - 20.0F, 1.0F);
  const double u = std::clamp((x - rect_.left - 10.0F) / inner, 0.0F, 1.0F);
  return timeline.first() + u * (timeline.last() - timeline.first());
}

void ScrubBar::add(OverlayCanvas& canvas, const Timeline& timeline, const RunIndex& index) const {
  if (rect_.width <= 0.0F) return;
  canvas.rect(rect_, palette::kPanelSolid);
  const float left = rect_.left + 10.0F;
  const float inner = std::max(rect_.width - 20.0F, 1.0F);
  const float top = rect_.top + 9.0F;
  const float height = rect_.height - 18.0F;
  canvas.rect({left, top, inner, height}, sf::Color(70, 74, 82));
  const double span = std::max(timeline.last() - timeline.first(), 1);
  auto x_of = [&](double tick) {
    return left + static_cast<float>((tick - timeline.first()) / span) * inner;
  };
  const float played = x_of(timeline.position());
  canvas.rect({left, top, played - left, height}, sf::Color(90, 130, 190));
  // Problems as red ticks, at most one per pixel column.
  int last_column = -1;
  for (const IndexedEvent& e : index.problems()) {
    if (e.tick < timeline.first() || e.tick > timeline.last()) continue;
    const int column = static_cast<int>(x_of(e.tick));
    if (column == last_column) continue;
    last_column = column;
    canvas.rect({static_cast<float>(column), rect_.top + 4.0F, 1.0F, rect_.height - 8.0F},
                palette::kProblem);
  }
  canvas.rect({played - 2.0F, rect_.top + 3.0F, 4.0F, rect_.height - 6.0F}, palette::kAccent);
}

void Minimap::set_rect(sf::FloatRect rect, const planner::Grid& grid) {
  rect_ = rect;
  dots_tick_ = -1;
  if (rect.width <= 0.0F || grid.width() <= 0 || grid.height() <= 0) return;
  scale_ = std::min(rect.width / static_cast<float>(grid.width()),
                    rect.height / static_cast<float>(grid.height()));
  origin_ = {rect.left + (rect.width - grid.width() * scale_) / 2.0F,
             rect.top + (rect.height - grid.height() * scale_) / 2.0F};
}

Vec2 Minimap::world_at(sf::Vector2f p) const {
  return {(p.x - origin_.x) / scale_, (p.y - origin_.y) / scale_};
}

void Minimap::draw(sf::RenderTarget& target, OverlayCanvas& canvas, const SceneRenderer& scene,
                   const FramePair& frames, const planner::Motion& motion, const Camera& camera) {
  if (rect_.width <= 0.0F) return;
  sf::RenderStates states;
  states.transform.translate(origin_).scale(scale_, scale_);
  scene.draw_floor(target, states, true);
  // One dot per robot, at least a pixel and a half wide so a sparse fleet still shows. When
  // cells are smaller than a pixel, robots sharing a minimap pixel share one dot: 10,000
  // overlapping quads would cost the rasterizer more than the whole main view.
  if (frames.loaded() && frames.tick() != dots_tick_) {
    dots_tick_ = frames.tick();
    dots_.clear();
    const auto& f = frames.current();
    const planner::Grid& grid = motion.grid();
    const float half = std::max(scale_ * 0.5F, 0.75F);
    const bool share = scale_ < 1.5F;
    const auto columns = static_cast<std::size_t>(rect_.width) + 2;
    if (share) taken_.assign(columns * (static_cast<std::size_t>(rect_.height) + 2), 0);
    for (std::size_t r = 0; r < f.states.size(); ++r) {
      const Cell c = motion.cell(f.states[r]);
      float x = origin_.x + (static_cast<float>(grid.x(c)) + 0.5F) * scale_;
      float y = origin_.y + (static_cast<float>(grid.y(c)) + 0.5F) * scale_;
      if (share) {
        const auto px = static_cast<std::size_t>(std::max(x - rect_.left, 0.0F));
        const auto py = static_cast<std::size_t>(std::max(y - rect_.top, 0.0F));
        const std::size_t i = std::min(py * columns + px, taken_.size() - 1);
        if (taken_[i] != 0) continue;
        taken_[i] = 1;
        x = rect_.left + static_cast<float>(px) + 0.5F;
        y = rect_.top + static_cast<float>(py) + 0.5F;
      }
      dots_.append({{x - half, y - half}, palette::kRobotMoving});
      dots_.append({{x + half, y - half}, palette::kRobotMoving});
      dots_.append({{x + half, y + half}, palette::kRobotMoving});
      dots_.append({{x - half, y + half}, palette::kRobotMoving});
    }
  }
  target.draw(dots_);
  canvas.outline(rect_, palette::kTextDim);
  const WorldRect v = camera.visible();
  const float l = std::max(origin_.x + static_cast<float>(v.left) * scale_, rect_.left);
  const float t = std::max(origin_.y + static_cast<float>(v.top) * scale_, rect_.top);
  const float r = std::min(origin_.x + static_cast<float>(v.right) * scale_, rect_.left + rect_.width);
  const float b = std::min(origin_.y + static_cast<float>(v.bottom) * scale_, rect_.top + rect_.height);
  if (r > l && b > t) canvas.outline({l, t, r - l, b - t}, palette::kAccent);
}

}  // namespace fleet::viz
