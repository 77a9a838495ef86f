// A running FNV-1a hash over every tick's robot states: two runs (or a run and its replayed
// trace) are the same exactly when their hashes agree, whatever the thread count.
#pragma once

#include <fleet/planner/motion.hpp>

#include <cstdint>
#include <span>

namespace fleet::sim {

class StateHash {
public:
  static constexpr std::uint64_t kOffset = 0xcbf29ce484222325ULL;
  static constexpr std::uint64_t kPrime = 0x100000001b3ULL;

  /// Folds one tick's states (every robot, in id order) into the hash.
  void add(std::span<const planner::State> states) {
    for (const planner::State s : states) {
      auto v = static_cast<std::uint32_t>(s);
      for (int i = 0; i < 4; ++i) {
        value_ = (value_ ^ (v & 0xFFU)) * kPrime;
        v >>= 8;
      }
    }
  }
  [[nodiscard]] std::uint64_t value() const { return value_; }

private:
  std::uint64_t value_ = kOffset;
};

}  // namespace fleet::sim
