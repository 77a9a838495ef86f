#include <fleet/viz/timeline.hpp>

#include <algorithm>
#include <cmath>

namespace fleet::viz {

void Timeline::set_range(int first, int end) {
  first_ = first;
  end_ = std::max(end, first + 1);
  position_ = std::clamp(position_, static_cast<double>(first_), static_cast<double>(last()));
}

void Timeline::update(double seconds, bool more_coming) {
  if (!playing_ || seconds <= 0.0) return;
  position_ += seconds * speed_;
  const auto top = static_cast<double>(last());
  if (position_ < top) return;
  if (more_coming) {
    position_ = top;
  } else if (loop_ && last() > first_) {
    position_ = first_ + std::fmod(position_ - top, top - first_ + 1.0);
    position_ = std::min(position_, top);
  } else {
    position_ = top;
    playing_ = false;
  }
}

void Timeline::step(int delta) {
  playing_ = false;
  seek(static_cast<double>(tick() + delta));
}

void Timeline::seek(double position) {
  position_ = std::clamp(position, static_cast<double>(first_), static_cast<double>(last()));
}

void Timeline::set_speed(double ticks_per_second) {
  speed_ = std::clamp(ticks_per_second, kMinSpeed, kMaxSpeed);
}

int Timeline::tick() const { return static_cast<int>(std::floor(position_)); }

}  // namespace fleet::viz
