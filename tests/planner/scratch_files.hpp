// A private temporary folder per test case for the input files a test writes, removed when the
// test ends; the random name keeps test processes that CTest runs in parallel apart.
#pragma once

#include <filesystem>
#include <fstream>
#include <random>
#include <string>

namespace fleet::test {

class ScratchDir {
public:
  ScratchDir() {
    std::random_device entropy;
    const auto tag = std::to_string(entropy()) + "-" + std::to_string(entropy());
    path_ = std::filesystem::temp_directory_path() / ("fleetsim-test-" + tag);
    std::filesystem::create_directories(path_);
  }
  ~ScratchDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;

  [[nodiscard]] const std::filesystem::path& path() const { return path_; }

  /// Writes `text` to `name` inside the folder and returns its path.
  std::filesystem::path write(const std::string& name, const std::string& text) const {
    const auto file = path_ / name;
    std::ofstream out(file, std::ios::binary);
    out << text;
    return file;
  }

private:
  std::filesystem::path path_;
};

}  // namespace fleet::test
