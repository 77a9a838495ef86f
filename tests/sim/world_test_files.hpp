// Test helpers for the world suites: a scratch directory with small input files, and a check
// that a call throws fleet::InputError naming a given file and line.
#pragma once

#include <fleet/planner/input_error.hpp>

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

namespace fleet::test {

/// A fresh directory under the system temp folder, removed with its contents at scope exit.
class ScratchDir {
public:
  ScratchDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "fleet-world-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
  }
  ~ScratchDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;

  [[nodiscard]] const std::filesystem::path& path() const { return path_; }

  /// Writes `text` to `name` in the directory and returns its path.
  std::filesystem::path write(const std::string& name, const std::string& text) const {
    const auto file = path_ / name;
    std::filesystem::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << text;
    return file;
  }

private:
  std::filesystem::path path_;
};

/// Runs `call`, which must throw fleet::InputError for `file` at `line` with a message
/// containing `fragment`.
template <class Call>
void require_input_error(Call&& call, const std::filesystem::path& file, int line,
                         const std::string& fragment) {
  try {
    call();
  } catch (const InputError& e) {
    INFO(e.what());
    CHECK(e.file() == file.string());
    CHECK(e.line() == line);
    CHECK_THAT(e.message(), Catch::Matchers::Contains(fragment));
    return;
  }
  FAIL("expected fleet::InputError at " << file.string() << ":" << line << " (" << fragment << ")");
}

}  // namespace fleet::test
