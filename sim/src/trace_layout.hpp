// Constants of the binary trace layout shared by the writer and the reader
// (docs/trace-format.md). The format is little-endian and written with memcpy.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>

namespace fleet::sim::trace_layout {

static_assert(std::endian::native == std::endian::little,
              "the trace is written in native byte order, which must be little-endian");

inline constexpr char kMagic[8] = {'F', 'L', 'T', 'R', 'A', 'C', 'E', '\0'};
inline constexpr char kEndMagic[8] = {'F', 'L', 'T', 'R', 'E', 'N', 'D', '\0'};
inline constexpr std::size_t kFixedHeaderBytes = 48;
inline constexpr std::size_t kRecordHeaderBytes = 16;
inline constexpr std::size_t kIndexEntryBytes = 16;
inline constexpr std::size_t kEventBytes = 24;
inline constexpr std::size_t kFooterBytes = 32;

}  // namespace fleet::sim::trace_layout
