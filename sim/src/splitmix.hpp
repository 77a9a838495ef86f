// Counter-based random numbers: splitmix64 finalisers over (seed, counters), so a value depends
// only on its inputs and never on the order threads ask. Also a seeded shuffle built on them.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

namespace fleet::sim::detail {

/// The splitmix64 output function (Steele, Lea, Flood 2014): a bijective 64-bit mixer.
constexpr std::uint64_t splitmix64(std::uint64_t x) {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

/// A random word for the counters (a, b) under `seed`.
constexpr std::uint64_t hash3(std::uint64_t seed, std::uint64_t a, std::uint64_t b) {
  return splitmix64(splitmix64(splitmix64(seed) ^ a) ^ b);
}

/// Maps a random word onto 0..n-1 (0 < n <= 2^32) by the high half of a 64x32 product, which keeps
/// the bias below n / 2^32 without a division.
constexpr std::uint64_t bounded(std::uint64_t word, std::uint64_t n) {
  return ((word >> 32) * n) >> 32;
}

/// Fisher-Yates shuffle driven by hash3(seed, stream, i): the same on every platform, unlike
/// std::shuffle with a standard distribution.
template <class T>
void shuffle(std::vector<T>& items, std::uint64_t seed, std::uint64_t stream) {
  for (std::size_t i = items.size(); i > 1; --i) {
    const auto j = static_cast<std::size_t>(bounded(hash3(seed, stream, i), i));
    std::swap(items[i - 1], items[j]);
  }
}

}  // namespace fleet::sim::detail
