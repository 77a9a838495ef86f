// The set of configurations a LaCAM search has met: open addressing over node pointers, keyed
// by a 64-bit hash of the whole configuration and confirmed by comparing the states.
#pragma once

#include <fleet/planner/motion.hpp>

#include <algorithm>
#include <cstdint>
#include <span>
#include <vector>

namespace fleet::planner::scalable {

/// A 64-bit hash of a configuration; every state is mixed in, order matters.
inline std::uint64_t hash_config(std::span<const State> config) {
  std::uint64_t h = 0x9E3779B97F4A7C15ULL ^ config.size();
  for (State s : config) {
    h ^= static_cast<std::uint32_t>(s);
    h *= 0xBF58476D1CE4E5B9ULL;
    h ^= h >> 31;
  }
  h ^= h >> 29;
  h *= 0x94D049BB133111EBULL;
  return h ^ (h >> 32);
}

/// `Node` must expose `const State* config` and `std::uint64_t hash`.
template <class Node>
class ConfigTable {
public:
  ConfigTable() : slots_(1024, nullptr) {}

  [[nodiscard]] Node* find(std::span<const State> config, std::uint64_t hash) const {
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t k = hash & mask;; k = (k + 1) & mask) {
      Node* node = slots_[k];
      if (node == nullptr) return nullptr;
      if (node->hash == hash && std::equal(config.begin(), config.end(), node->config))
        return node;
    }
  }

  /// Adds a node whose configuration is not in the table yet.
  void insert(Node* node) {
    if (2 * (size_ + 1) > slots_.size()) grow();
    place(node);
    ++size_;
  }

  [[nodiscard]] std::size_t size() const { return size_; }
  [[nodiscard]] std::size_t bytes() const { return slots_.size() * sizeof(Node*); }

private:
  void place(Node* node) {
    const std::size_t mask = slots_.size() - 1;
    std::size_t k = node->hash & mask;
    while (slots_[k] != nullptr) k = (k + 1) & mask;
    slots_[k] = node;
  }
  void grow() {
    std::vector<Node*> old(slots_.size() * 2, nullptr);
    old.swap(slots_);
    for (Node* node : old) {
      if (node != nullptr) place(node);
    }
  }

  std::size_t size_ = 0;
  std::vector<Node*> slots_;
};

}  // namespace fleet::planner::scalable
