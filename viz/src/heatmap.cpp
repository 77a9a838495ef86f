#include <fleet/viz/heatmap.hpp>

#include <algorithm>
#include <cmath>
#include <numbers>

namespace fleet::viz {

std::string_view to_string(HeatKind kind) {
  switch (kind) {
    case HeatKind::None: return "none";
    case HeatKind::Occupancy: return "occupancy";
    case HeatKind::Waits: return "waits";
    case HeatKind::Flow: return "flow";
  }
  return "none";
}

std::optional<HeatKind> parse_heat_kind(std::string_view text) {
  for (const HeatKind k : {HeatKind::None, HeatKind::Occupancy, HeatKind::Waits, HeatKind::Flow})
    if (text == to_string(k)) return k;
  if (text == "wait" || text == "congestion") return HeatKind::Waits;
  return std::nullopt;
}

HeatField::HeatField(const planner::Grid& grid, const planner::Motion& motion)
    : grid_(&grid), motion_(&motion) {
  clear();
}

void HeatField::clear() {
  const Eigen::Index n = grid_->size();
  occupancy_ = Eigen::ArrayXi::Zero(n);
  waits_ = Eigen::ArrayXi::Zero(n);
  flow_x_ = Eigen::ArrayXi::Zero(n);
  flow_y_ = Eigen::ArrayXi::Zero(n);
  lo_ = 0;
  hi_ = -1;
  ++version_;
}

void HeatField::add(const Frame& frame, int sign) {
  static constexpr int kDx[] = {1, 0, -1, 0};
  static constexpr int kDy[] = {0, 1, 0, -1};
  const planner::Motion& motion = *motion_;
  for (std::size_t r = 0; r < frame.states.size(); ++r) {
    const Cell c = motion.cell(frame.states[r]);
    occupancy_[c] += sign;
    const auto code = static_cast<int>(frame.actions[r]);
    if (code >= 1 && code <= 4) {
      // Flow is counted where a robot arrives, in the direction it came.
      flow_x_[c] += sign * kDx[code - 1];
      flow_y_[c] += sign * kDy[code - 1];
    } else if (frame.actions[r] == sim::TraceAction::Wait && frame.goals[r] != planner::kNoCell &&
               frame.goals[r] != c) {
      waits_[c] += sign;
    }
  }
  ++version_;
}

void HeatField::cover(const ReplaySource& source, int lo, int hi) {
  lo = std::max(lo, source.first_tick());
  hi = std::min(hi, source.end_tick() - 1);
  if (lo > hi) {
    if (!empty()) clear();
    return;
  }
  if (lo == lo_ && hi == hi_) return;
  // Sliding costs one read per tick entering or leaving; recounting costs one per tick kept.
  const bool overlap = !empty() && lo <= hi_ && hi >= lo_ && lo >= source.first_tick();
  const long slide = overlap ? std::abs(lo - lo_) + std::abs(hi - hi_) : 0;
  if (!overlap || lo_ < source.first_tick() || slide > hi - lo + 1) {
    clear();
    for (int t = lo; t <= hi; ++t) {
      source.read(t, head_);
      add(head_, +1);
    }
    lo_ = lo;
    hi_ = hi;
    return;
  }
  for (; lo_ < lo; ++lo_) {  // leaving at the bottom
    source.read(lo_, tail_);
    add(tail_, -1);
  }
  for (; lo_ > lo;) {  // entering at the bottom
    --lo_;
    source.read(lo_, tail_);
    add(tail_, +1);
  }
  for (; hi_ > hi; --hi_) {  // leaving at the top
    source.read(hi_, head_);
    add(head_, -1);
  }
  for (; hi_ < hi;) {  // entering at the top
    ++hi_;
    source.read(hi_, head_);
    add(head_, +1);
  }
}

void HeatField::extend(const ReplaySource& source, int hi) {
  hi = std::min(hi, source.end_tick() - 1);
  if (empty()) {
    cover(source, source.first_tick(), hi);
    return;
  }
  while (hi_ < hi) {
    ++hi_;
    source.read(hi_, head_);
    add(head_, +1);
  }
}

void heat_ramp(double t, std::uint8_t rgba[4]) {
  // Pale yellow -> orange -> deep red, growing more opaque with the value.
  struct Stop {
    double at, r, g, b;
  };
  static constexpr Stop kStops[] = {
      {0.0, 255, 236, 140}, {0.45, 250, 150, 40}, {0.8, 215, 40, 30}, {1.0, 130, 0, 40}};
  t = std::clamp(t, 0.0, 1.0);
  std::size_t i = 0;
  while (i + 2 < std::size(kStops) && t > kStops[i + 1].at) ++i;
  const Stop& a = kStops[i];
  const Stop& b = kStops[i + 1];
  const double u = std::clamp((t - a.at) / (b.at - a.at), 0.0, 1.0);
  rgba[0] = static_cast<std::uint8_t>(a.r + (b.r - a.r) * u);
  rgba[1] = static_cast<std::uint8_t>(a.g + (b.g - a.g) * u);
  rgba[2] = static_cast<std::uint8_t>(a.b + (b.b - a.b) * u);
  rgba[3] = static_cast<std::uint8_t>(110 + 120 * t);
}

void flow_colour(double radians, std::uint8_t rgb[3]) {
  // A hue wheel: east red, south yellow-green, west cyan, north violet.
  const double hue = std::fmod(radians / (2.0 * std::numbers::pi) + 1.0, 1.0) * 6.0;
  const double x = 1.0 - std::abs(std::fmod(hue, 2.0) - 1.0);
  double r = 0.0;
  double g = 0.0;
  double b = 0.0;
  switch (static_cast<int>(hue)) {
    case 0: r = 1; g = x; break;
    case 1: r = x; g = 1; break;
    case 2: g = 1; b = x; break;
    case 3: g = x; b = 1; break;
    case 4: r = x; b = 1; break;
    default: r = 1; b = x; break;
  }
  rgb[0] = static_cast<std::uint8_t>(40 + 215 * r);
  rgb[1] = static_cast<std::uint8_t>(40 + 215 * g);
  rgb[2] = static_cast<std::uint8_t>(40 + 215 * b);
}

HeatScale HeatField::colourize(HeatKind kind, std::vector<std::uint8_t>& rgba) const {
  const Eigen::Index n = grid_->size();
  rgba.assign(static_cast<std::size_t>(n) * 4, 0);
  HeatScale scale;
  scale.ticks = empty() ? 0 : hi_ - lo_ + 1;
  if (kind == HeatKind::None || n == 0) return scale;

  if (kind == HeatKind::Flow) {
    const Eigen::ArrayXf fx = flow_x_.cast<float>();
    const Eigen::ArrayXf fy = flow_y_.cast<float>();
    const Eigen::ArrayXf magnitude = (fx.square() + fy.square()).sqrt();
    scale.max = magnitude.maxCoeff();
    if (scale.max <= 0.0) return scale;
    const Eigen::ArrayXf level = magnitude.log1p() / std::log1p(static_cast<float>(scale.max));
    for (Eigen::Index c = 0; c < n; ++c) {
      if (magnitude[c] <= 0.0F) continue;
      std::uint8_t* px = &rgba[static_cast<std::size_t>(c) * 4];
      flow_colour(std::atan2(static_cast<double>(fy[c]), static_cast<double>(fx[c])), px);
      px[3] = static_cast<std::uint8_t>(60 + 180 * level[c]);
    }
    return scale;
  }

  const Eigen::ArrayXi& counts = kind == HeatKind::Occupancy ? occupancy_ : waits_;
  scale.max = counts.maxCoeff();
  if (scale.max <= 0.0) return scale;
  const Eigen::ArrayXf level =
      counts.cast<float>().log1p() / std::log1p(static_cast<float>(scale.max));
  for (Eigen::Index c = 0; c < n; ++c) {
    if (counts[c] <= 0) continue;
    heat_ramp(level[c], &rgba[static_cast<std::size_t>(c) * 4]);
  }
  return scale;
}

}  // namespace fleet::viz
