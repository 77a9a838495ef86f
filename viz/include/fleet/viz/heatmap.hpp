// Per-cell fields accumulated over a range of ticks (Eigen arrays indexed by cell): where
// robots stood (occupancy), where they waited off their goal (congestion), and which way they
// moved (flow). Ranges slide tick by tick without recounting; colourize() makes the overlay.
#pragma once

#include <fleet/viz/replay_source.hpp>

#include <Eigen/Core>

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace fleet::viz {

enum class HeatKind : std::uint8_t { None, Occupancy, Waits, Flow };
[[nodiscard]] std::string_view to_string(HeatKind kind);
/// "occupancy", "waits" or "flow" (also "none"); nothing for anything else.
[[nodiscard]] std::optional<HeatKind> parse_heat_kind(std::string_view text);

/// What the legend needs to label the colours.
struct HeatScale {
  double max = 0.0;  ///< the largest cell value (robot-ticks, or net moves for flow)
  int ticks = 0;     ///< ticks accumulated
};

class HeatField {
public:
  HeatField(const planner::Grid& grid, const planner::Motion& motion);

  /// Brings the accumulated ticks to [lo, hi] (clamped to the source's readable range):
  /// ticks entering or leaving the range are added or removed one by one when that is
  /// cheaper than recounting. Throws what the source's read() throws.
  void cover(const ReplaySource& source, int lo, int hi);
  /// Adds the ticks after hi() up to `hi`, never removing any: the whole run of a live
  /// source, whose oldest ticks may no longer be readable. Covers [first, hi] when empty.
  void extend(const ReplaySource& source, int hi);
  /// Adds (sign +1) or removes (sign -1) one tick's contribution.
  void add(const Frame& frame, int sign);
  void clear();

  [[nodiscard]] bool empty() const { return hi_ < lo_; }
  [[nodiscard]] int lo() const { return lo_; }
  [[nodiscard]] int hi() const { return hi_; }
  [[nodiscard]] const Eigen::ArrayXi& occupancy() const { return occupancy_; }
  [[nodiscard]] const Eigen::ArrayXi& waits() const { return waits_; }
  [[nodiscard]] const Eigen::ArrayXi& flow_x() const { return flow_x_; }
  [[nodiscard]] const Eigen::ArrayXi& flow_y() const { return flow_y_; }
  /// Bumped whenever the counts change, so overlays know when to re-upload.
  [[nodiscard]] std::uint64_t version() const { return version_; }

  /// RGBA pixels, one per cell (row-major, width x height), for the overlay of `kind`:
  /// transparent where nothing happened; log-scaled so a few hot cells do not wash out the
  /// rest. Returns the scale for the legend.
  HeatScale colourize(HeatKind kind, std::vector<std::uint8_t>& rgba) const;

private:
  const planner::Grid* grid_;
  const planner::Motion* motion_;
  Eigen::ArrayXi occupancy_;
  Eigen::ArrayXi waits_;
  Eigen::ArrayXi flow_x_;
  Eigen::ArrayXi flow_y_;
  int lo_ = 0;
  int hi_ = -1;
  std::uint64_t version_ = 0;
  Frame head_;  // reading buffers for ticks entering and leaving the range
  Frame tail_;
};

/// The colour ramp of the scalar heatmaps at t in [0, 1] (RGBA), shared with the legend.
void heat_ramp(double t, std::uint8_t rgba[4]);
/// The colour of flow in direction `radians` (0 east, pi/2 south), full strength.
void flow_colour(double radians, std::uint8_t rgb[3]);

}  // namespace fleet::viz
