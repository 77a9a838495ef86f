// The one way fleetsim writes a file or prepares a folder for its outputs. A file is written
// as `<name>.partial`, created fresh (a file or symlink already there under that name is
// removed, never followed) and renamed over the final name only when complete. Names read
// from input files never become paths unchecked. Every refusal is a fleet::InputError.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

namespace fleet {

class OutputFile {
public:
  /// Creates `<path>.partial`. When destroyed without commit(), the partial file is removed,
  /// or kept as evidence of an unfinished write when `keep_unfinished`.
  explicit OutputFile(std::filesystem::path path, bool keep_unfinished = false);
  ~OutputFile();
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;

  void write(const void* data, std::size_t bytes);
  void write(std::string_view text) { write(text.data(), text.size()); }
  /// Flushes, closes and renames the partial file to the final name.
  void commit();

  [[nodiscard]] const std::filesystem::path& path() const { return path_; }

private:
  void flush();
  std::filesystem::path path_;
  std::filesystem::path partial_;
  bool keep_unfinished_;
  int fd_ = -1;
  std::string buffer_;
};

/// Writes all of `text` to the descriptor, retrying short writes and EINTR; false (errno
/// set) when the disk refuses.
bool write_fully(int fd, std::string_view text);

/// Writes `text` to `path` through an OutputFile.
void write_file_atomically(const std::filesystem::path& path, std::string_view text);

/// What is wrong with `name` as one component of a path (empty when nothing is): it must be
/// non-empty, at most 200 bytes, not "." or "..", without '/', '\\' or control bytes.
std::string path_component_problem(std::string_view name);

/// Makes `dir` ready to hold a new set of outputs. A missing folder is created. A folder that
/// already has entries is refused (so an earlier run is never silently replaced) unless
/// `overwrite`; a path that exists and is not a folder is always refused.
void prepare_output_folder(const std::filesystem::path& dir, bool overwrite);

}  // namespace fleet
