// A chunked arena of fixed-length arrays (one configuration, priority vector or order per
// search node): one allocation per chunk instead of one per node, stable addresses.
#pragma once

#include <algorithm>
#include <cstddef>
#include <memory>
#include <vector>

namespace fleet::planner::scalable {

template <class T>
class ArrayPool {
public:
  /// Arrays of `length` elements, about `chunk_bytes` per chunk (at least one array).
  explicit ArrayPool(std::size_t length, std::size_t chunk_bytes = std::size_t{1} << 22)
      : length_(std::max<std::size_t>(length, 1)),
        per_chunk_(std::max<std::size_t>(1, chunk_bytes / (sizeof(T) * length_))) {}

  /// A new uninitialised array of `length` elements.
  T* allocate() {
    if (used_ == per_chunk_ || chunks_.empty()) {
      chunks_.push_back(std::make_unique_for_overwrite<T[]>(per_chunk_ * length_));
      used_ = 0;
    }
    return chunks_.back().get() + (used_++) * length_;
  }

  [[nodiscard]] std::size_t bytes() const { return chunks_.size() * per_chunk_ * length_ * sizeof(T); }

private:
  std::size_t length_;
  std::size_t per_chunk_;
  std::size_t used_ = 0;
  std::vector<std::unique_ptr<T[]>> chunks_;
};

}  // namespace fleet::planner::scalable
