// The constraint-tree search's caches (MDDs, WDG pair weights) are keyed by two 64-bit
// numbers; they use the stamped open-addressing map of the search core, so inserting per
// node allocates nothing once warm.
#pragma once

#include <fleet/planner/search/packed_map.hpp>

#include <array>
#include <cstddef>
#include <cstdint>

namespace fleet::planner::cbs {

using PairKey = std::array<std::int64_t, 2>;

struct PairKeyHash {
  std::size_t operator()(const PairKey& k) const {
    std::uint64_t x = static_cast<std::uint64_t>(k[0]) * 0x9E3779B97F4A7C15ULL;
    x ^= static_cast<std::uint64_t>(k[1]) + 0x632BE59BD9B4E019ULL + (x << 6) + (x >> 2);
    return PackedKeyHash{}(x);
  }
};

using KeyMap = StampedMap<PairKey, PairKeyHash>;

}  // namespace fleet::planner::cbs
