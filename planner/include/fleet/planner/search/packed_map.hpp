// An open-addressing hash map from keys to int32 values whose clear() is O(1) (generation
// stamps), for search tables that are rebuilt many times per second. PackedMap: packed
// 64-bit keys; other key types plug in their own hash.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace fleet::planner {

/// splitmix64's finaliser: packed keys differ in few low bits, so they need real mixing.
struct PackedKeyHash {
  std::size_t operator()(std::uint64_t x) const {
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    x ^= x >> 31;
    return static_cast<std::size_t>(x);
  }
};

template <typename Key, typename Hash>
class StampedMap {
public:
  /// The value stored under `key`, or nullptr.
  [[nodiscard]] std::int32_t* find(const Key& key) {
    if (slots_.empty()) return nullptr;
    for (std::size_t i = hash(key) & mask_;; i = (i + 1) & mask_) {
      Slot& s = slots_[i];
      if (s.stamp != stamp_) return nullptr;
      if (s.key == key) return &s.value;
    }
  }
  [[nodiscard]] const std::int32_t* find(const Key& key) const {
    return const_cast<StampedMap*>(this)->find(key);
  }
  /// The value under `key` (0 when absent).
  [[nodiscard]] std::int32_t get(const Key& key) const {
    const std::int32_t* v = find(key);
    return v == nullptr ? 0 : *v;
  }

  /// Hints the cache about a lookup of `key` coming soon (searches batch their successors,
  /// so the misses of several lookups overlap).
  void prefetch(const Key& key) const {
    if (!slots_.empty()) __builtin_prefetch(&slots_[hash(key) & mask_]);
  }

  /// The value stored under `key`, inserting `initial` first when absent.
  std::int32_t& emplace(const Key& key, std::int32_t initial = 0) {
    if ((size_ + 1) * 2 > slots_.size()) grow();
    for (std::size_t i = hash(key) & mask_;; i = (i + 1) & mask_) {
      Slot& s = slots_[i];
      if (s.stamp != stamp_) {
        s = {key, initial, stamp_};
        ++size_;
        return s.value;
      }
      if (s.key == key) return s.value;
    }
  }

  /// Forgets every key without touching the slots (unless the stamp wraps around).
  void clear() {
    size_ = 0;
    if (++stamp_ == 0) {
      for (Slot& s : slots_) s.stamp = 0;
      stamp_ = 1;
    }
  }
  [[nodiscard]] std::size_t size() const { return size_; }
  [[nodiscard]] bool empty() const { return size_ == 0; }

private:
  struct Slot {
    Key key{};
    std::int32_t value = 0;
    std::uint32_t stamp = 0;  // live when equal to the map's stamp
  };

  static std::size_t hash(const Key& key) { return Hash{}(key); }

  void grow() {
    std::vector<Slot> old;
    old.swap(slots_);
    const std::uint32_t old_stamp = stamp_;
    slots_.assign(old.empty() ? 64 : old.size() * 2, Slot{});
    mask_ = slots_.size() - 1;
    stamp_ = 1;
    size_ = 0;
    for (const Slot& s : old)
      if (s.stamp == old_stamp) emplace(s.key, s.value);
  }

  std::vector<Slot> slots_;
  std::size_t mask_ = 0;
  std::size_t size_ = 0;
  std::uint32_t stamp_ = 1;
};

using PackedMap = StampedMap<std::uint64_t, PackedKeyHash>;

}  // namespace fleet::planner
