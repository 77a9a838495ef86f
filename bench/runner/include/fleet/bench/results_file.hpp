// The results file: JSON Lines, appended one whole line at a time under an exclusive lock
// and synced, never rewritten. A line torn by a kill mid-write is the only damage possible;
// readers ignore it and the next writer cuts it off before appending.
#pragma once

#include <fleet/bench/record.hpp>

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace fleet::bench {

struct ResultsContent {
  std::vector<HeaderRecord> headers;
  std::vector<RunRecord> runs;        ///< in file order
  std::vector<std::string> problems;  ///< "file:line: why" for each unreadable line (skipped)
  bool torn_tail = false;             ///< the last line had no newline and was ignored
};

/// Reads a results file; a missing file reads as empty. Unreadable lines are listed in
/// `problems`, not thrown, so one bad line never blocks a resume or a report.
ResultsContent read_results(const std::filesystem::path& path);

/// Appends lines to a results file, safely shared by several processes on one host (shards
/// started by GNU parallel): each line is written whole under flock and fsynced.
class ResultsWriter {
public:
  /// Opens (creating the file and its folder) for appending. Throws fleet::InputError when
  /// the file cannot be opened.
  explicit ResultsWriter(const std::filesystem::path& path);
  ~ResultsWriter();
  ResultsWriter(const ResultsWriter&) = delete;
  ResultsWriter& operator=(const ResultsWriter&) = delete;

  /// Appends `line` and a newline. Throws fleet::InputError when the disk refuses.
  void append(std::string_view line);
  /// The descriptor, for processes forked while it is open to close.
  [[nodiscard]] int fd() const { return fd_; }
  [[nodiscard]] const std::filesystem::path& path() const { return path_; }

private:
  std::filesystem::path path_;
  int fd_ = -1;
};

}  // namespace fleet::bench
