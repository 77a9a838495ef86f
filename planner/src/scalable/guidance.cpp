#include "scalable/guidance.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

namespace fleet::planner::scalable {

GuidanceKind parse_guidance_kind(std::string_view text) {
  if (text == "none") return GuidanceKind::None;
  if (text == "flow") return GuidanceKind::Flow;
  if (text == "oneway") return GuidanceKind::OneWay;
  throw std::invalid_argument("guidance: unknown kind '" + std::string(text) +
                              "' (expected none, flow or oneway)");
}

Guidance::Guidance(GuidanceKind kind, double weight, double decay) : kind_(kind) {
  if (!(weight > 0.0) || weight > 1000.0)
    throw std::invalid_argument("guidance_weight must be in (0, 1000], got " +
                                std::to_string(weight));
  if (!(decay > 0.0 && decay < 1.0))
    throw std::invalid_argument("guidance decay must be in (0, 1), got " + std::to_string(decay));
  weight_ = static_cast<std::uint32_t>(std::lround(weight * kScale));
  float kept = 1.0F;
  for (float& k : kept_) {
    k = kept;
    kept *= static_cast<float>(decay);
  }
}

void Guidance::bind(const Grid& grid) {
  if (&grid == grid_ && grid.width() == width_ && grid.height() == height_) return;
  grid_ = &grid;
  const auto cells = static_cast<std::size_t>(grid.size());
  choice_.assign(cells, 0);
  for (Cell c : grid.free_cells())
    choice_[static_cast<std::size_t>(c)] = grid.neighbours(c).size() >= 3 ? 1 : 0;
  if (kind_ == GuidanceKind::OneWay) build_oneway(grid);
  if (kind_ == GuidanceKind::Flow && (grid.width() != width_ || grid.height() != height_)) {
    flow_.assign(cells * kDirections, 0.0F);
    stamp_.assign(cells * kDirections, 0);
    tick_ = 0;
  }
  width_ = grid.width();
  height_ = grid.height();
}

void Guidance::build_oneway(const Grid& grid) {
  // An aisle cell is walled on both sides across its length: a horizontal one has no free
  // north and south neighbour, a vertical one no free east and west neighbour. Rows holding
  // horizontal aisle cells are numbered top to bottom and alternate east, west, east...;
  // columns holding vertical ones alternate south, north, ... from the left.
  auto open = [&](Cell c, Direction d) { return grid.step(c, d) != kNoCell; };
  const auto cells = static_cast<std::size_t>(grid.size());
  std::vector<std::uint8_t> aisle(cells, 0);  // 1 horizontal, 2 vertical
  std::vector<std::int32_t> row_rank(static_cast<std::size_t>(grid.height()), -1);
  std::vector<std::int32_t> column_rank(static_cast<std::size_t>(grid.width()), -1);
  for (Cell c : grid.free_cells()) {
    const bool ew = open(c, Direction::East) || open(c, Direction::West);
    const bool ns = open(c, Direction::North) || open(c, Direction::South);
    if (ew && !ns) {
      aisle[static_cast<std::size_t>(c)] = 1;
      row_rank[static_cast<std::size_t>(grid.y(c))] = 0;
    } else if (ns && !ew) {
      aisle[static_cast<std::size_t>(c)] = 2;
      column_rank[static_cast<std::size_t>(grid.x(c))] = 0;
    }
  }
  auto number = [](std::vector<std::int32_t>& ranks) {
    std::int32_t next = 0;
    for (std::int32_t& r : ranks) {
      if (r == 0) r = next++;
    }
  };
  number(row_rank);
  number(column_rank);
  against_.assign(cells * kDirections, 0);
  for (Cell a : grid.free_cells()) {
    for (int dir = 0; dir < kDirections; ++dir) {
      const Cell u = grid.step(a, static_cast<Direction>(dir));
      if (u == kNoCell) continue;
      const bool horizontal =
          dir == static_cast<int>(Direction::East) || dir == static_cast<int>(Direction::West);
      const auto kind = aisle[static_cast<std::size_t>(u)];
      int preferred = -1;
      if (horizontal && kind == 1) {
        preferred = row_rank[static_cast<std::size_t>(grid.y(u))] % 2 == 0
                        ? static_cast<int>(Direction::East)
                        : static_cast<int>(Direction::West);
      } else if (!horizontal && kind == 2) {
        preferred = column_rank[static_cast<std::size_t>(grid.x(u))] % 2 == 0
                        ? static_cast<int>(Direction::South)
                        : static_cast<int>(Direction::North);
      }
      if (preferred >= 0 && preferred != dir)
        against_[static_cast<std::size_t>(a) * kDirections + static_cast<std::size_t>(dir)] = 1;
    }
  }
}

float Guidance::flow(std::size_t edge) const {
  const std::int32_t age = tick_ - stamp_[edge];
  return age < kMemory ? flow_[edge] * kept_[static_cast<std::size_t>(age)] : 0.0F;
}

std::uint32_t Guidance::flow_cost(Cell a, int dir) const {
  // The traffic met is the traffic coming the other way along the same edge, net of the
  // traffic going our way: an edge used both ways alike (lanes of a wide aisle) has no
  // direction to keep, and charging it only turns robots round.
  const Cell u = grid_->step(a, static_cast<Direction>(dir));
  if (u == kNoCell) return 0;
  const std::size_t ahead =
      static_cast<std::size_t>(a) * kDirections + static_cast<std::size_t>(dir);
  const std::size_t back =
      static_cast<std::size_t>(u) * kDirections + static_cast<std::size_t>((dir + 2) & 3);
  const float against = flow(back) - flow(ahead);
  return against > 0.0F ? static_cast<std::uint32_t>(against * static_cast<float>(weight_)) : 0;
}

void Guidance::record(const Motion& motion, std::span<const State> from,
                      std::span<const State> to) {
  if (kind_ != GuidanceKind::Flow) return;
  ++tick_;
  for (std::size_t r = 0; r < from.size(); ++r) {
    const Cell a = motion.cell(from[r]);
    const Cell u = motion.cell(to[r]);
    if (a == u) continue;
    int dir = 0;
    while (dir < kDirections && grid_->step(a, static_cast<Direction>(dir)) != u) ++dir;
    if (dir == kDirections) continue;
    const std::size_t edge =
        static_cast<std::size_t>(a) * kDirections + static_cast<std::size_t>(dir);
    flow_[edge] = flow(edge) + 1.0F;
    stamp_[edge] = tick_;
  }
}

}  // namespace fleet::planner::scalable
