// Layout guidance for PIBT: extra cost, in ticks, for moves that run into other robots'
// traffic. PIBT ranks a robot's next cells by exact distance to its goal; at high density two
// streams meeting head-on in a one-wide aisle cost both of them ticks, so a guided robot weighs
// a detour against the traffic it would meet:
// - flow: moving along an edge costs `weight` per recent move along the same edge the other
//   way, net of recent moves our way (exponentially decaying counts, so the cost follows the
//   traffic, and an edge used both ways alike costs nothing);
// - oneway: entering a one-wide aisle against its preferred direction costs `weight`; aisles
//   come from the map (cells walled on both sides), and neighbouring parallel aisles alternate
//   direction, so each pair of aisles forms a loop.
// Costs apply only where a robot has a choice (cells with three or more free neighbours):
// inside an aisle the only ways are on or back, and a cost there would only turn robots round.
#pragma once

#include <fleet/planner/grid.hpp>
#include <fleet/planner/motion.hpp>

#include <array>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace fleet::planner::scalable {

enum class GuidanceKind : std::uint8_t { None, Flow, OneWay };
/// Parses "none", "flow" or "oneway"; throws std::invalid_argument naming the bad value.
GuidanceKind parse_guidance_kind(std::string_view text);

/// Move costs for one map, kept between solves: a lifelong planner builds a new step generator
/// each call, and the traffic it has seen must outlive it (share it through PibtOptions).
class Guidance {
public:
  /// Costs are in 1/kScale ticks so that fractional weights rank finely in integer keys.
  static constexpr std::uint32_t kScale = 16;

  /// `weight` is in ticks (> 0); `decay` in (0, 1) is the share of the flow kept per tick.
  Guidance(GuidanceKind kind, double weight, double decay = 0.9);

  [[nodiscard]] GuidanceKind kind() const { return kind_; }

  /// Prepares the per-cell tables for `grid` (cheap when it is the grid of the last call;
  /// the flow survives as long as the map's dimensions do).
  void bind(const Grid& grid);
  /// Cost of moving from `a` one cell in direction `dir`, in 1/kScale ticks.
  [[nodiscard]] std::uint32_t cost(Cell a, int dir) const {
    if (choice_[static_cast<std::size_t>(a)] == 0) return 0;
    if (kind_ == GuidanceKind::OneWay) {
      const std::size_t edge =
          static_cast<std::size_t>(a) * kDirections + static_cast<std::size_t>(dir);
      return against_[edge] != 0 ? weight_ : 0;
    }
    return flow_cost(a, dir);
  }
  /// Records one tick of the fleet, from `from` to `to` (flow only).
  void record(const Motion& motion, std::span<const State> from, std::span<const State> to);

private:
  static constexpr int kMemory = 64;  // ticks after which a move is forgotten

  [[nodiscard]] float flow(std::size_t edge) const;  // as of now
  [[nodiscard]] std::uint32_t flow_cost(Cell a, int dir) const;
  void build_oneway(const Grid& grid);

  GuidanceKind kind_;
  std::uint32_t weight_;  // 1/kScale ticks
  std::array<float, kMemory> kept_{};  // decay^age
  const Grid* grid_ = nullptr;
  int width_ = 0;
  int height_ = 0;
  std::vector<std::uint8_t> choice_;   // per cell: three or more free neighbours
  std::vector<std::uint8_t> against_;  // oneway, per directed edge: enters an aisle wrongly
  // flow, per directed edge: decayed count of moves along it, as of tick `stamp_`
  std::vector<float> flow_;
  std::vector<std::int32_t> stamp_;
  std::int32_t tick_ = 0;
};

}  // namespace fleet::planner::scalable
