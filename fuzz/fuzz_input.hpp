// What every fuzz target shares: the input written as files (the readers take paths), split
// into parts where a reader needs companions (a map beside its scenario), and the one outcome
// a reader may have besides success: a fleet::InputError. Anything else escapes to libFuzzer
// and counts as a finding.
#pragma once

#include <fleet/planner/input_error.hpp>

#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

namespace fleet::fuzz {

/// Separates the files of one input: "<first file>\n#####\n<second file>...".
inline constexpr std::string_view kPartSeparator = "\n#####\n";

inline std::vector<std::string> split_parts(const std::uint8_t* data, std::size_t size,
                                            std::size_t parts) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  std::vector<std::string> out;
  std::size_t start = 0;
  while (out.size() + 1 < parts) {
    const std::size_t at = text.find(kPartSeparator, start);
    if (at == std::string_view::npos) break;
    out.emplace_back(text.substr(start, at - start));
    start = at + kPartSeparator.size();
  }
  out.emplace_back(text.substr(start));
  out.resize(parts);
  return out;
}

/// A private folder for this fuzzing process, made on first use and reused for every input.
inline const std::filesystem::path& work_dir() {
  static const std::filesystem::path dir = [] {
    std::string pattern = (std::filesystem::temp_directory_path() / "fleet-fuzz-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) std::abort();
    return std::filesystem::path(pattern);
  }();
  return dir;
}

inline std::filesystem::path write_file(const std::string& name, std::string_view text) {
  const auto path = work_dir() / name;
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
  return path;
}

/// Runs `read`; a fleet::InputError is a proper answer to bad input.
template <typename Read>
void expect_input_error_or_success(Read&& read) {
  try {
    read();
  } catch (const InputError&) {
  }
}

}  // namespace fleet::fuzz
