// Paths the tests read from: the shared benchmark data, the source tree, the build tree.
#pragma once

#include <filesystem>

namespace fleet::test {

inline std::filesystem::path data_dir() { return FLEET_DATA_DIR; }
inline std::filesystem::path movingai(const std::string& file) {
  return data_dir() / "movingai" / file;
}
inline std::filesystem::path source_dir() { return FLEET_SOURCE_DIR; }
inline std::filesystem::path binary_dir() { return FLEET_BINARY_DIR; }

}  // namespace fleet::test
