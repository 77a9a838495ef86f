// The one way a reader takes a file in: a regular file, no larger than a documented cap, no
// line longer than a documented cap, checked before anything is allocated for it
// (docs/input-limits.md). Every refusal is a fleet::InputError naming the file.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

namespace fleet {

/// Largest input file any reader accepts (1 GiB).
inline constexpr std::size_t kMaxInputBytes = std::size_t{1} << 30;
/// Longest line of a text input (64 MiB: one tick of a result file for 4 million robots).
inline constexpr std::size_t kMaxInputLineBytes = std::size_t{1} << 26;

/// The whole text of `path`; `what` names the kind of file in errors ("map", "scenario").
/// Refuses directories, devices, pipes and sockets, files over `max_bytes`, and lines over
/// `max_line_bytes` (the error names the line).
std::string read_input_file(const std::filesystem::path& path, std::string_view what,
                            std::size_t max_bytes = kMaxInputBytes,
                            std::size_t max_line_bytes = kMaxInputLineBytes);

/// The check read_input_file makes of a text already in memory (a fuzzer's input, a test).
void check_line_lengths(std::string_view text, const std::string& source,
                        std::size_t max_line_bytes = kMaxInputLineBytes);

/// Opens `path` for reading as a regular file of at most `max_bytes`; returns the descriptor
/// (the caller closes it) and its size. For readers that map the file instead of reading it.
struct OpenedInput {
  int fd = -1;
  std::size_t size = 0;
};
OpenedInput open_input_file(const std::filesystem::path& path, std::string_view what,
                            std::size_t max_bytes = kMaxInputBytes);

}  // namespace fleet
