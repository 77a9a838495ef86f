// Reading and appending JSON Lines results with POSIX calls: O_APPEND, flock, fsync.
#include <fleet/bench/results_file.hpp>

#include <fleet/planner/input_error.hpp>
#include <fleet/planner/input_file.hpp>
#include <fleet/planner/output_file.hpp>

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace fleet::bench {

namespace fs = std::filesystem;

ResultsContent read_results(const fs::path& path) {
  ResultsContent content;
  std::error_code ec;
  if (!fs::exists(fs::symlink_status(path, ec))) return content;  // nothing recorded yet
  const std::string text = read_input_file(path, "results");
  std::size_t start = 0;
  int line_no = 0;
  while (start < text.size()) {
    ++line_no;
    const std::size_t end = text.find('\n', start);
    if (end == std::string::npos) {
      content.torn_tail = true;  // a write cut short: never a whole record
      break;
    }
    const std::string_view line(text.data() + start, end - start);
    start = end + 1;
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    try {
      ParsedLine parsed = parse_line(line);
      if (parsed.header) content.headers.push_back(std::move(*parsed.header));
      if (parsed.run) content.runs.push_back(std::move(*parsed.run));
    } catch (const std::invalid_argument& e) {
      content.problems.push_back(path.string() + ":" + std::to_string(line_no) + ": " + e.what());
    }
  }
  return content;
}

namespace {

[[noreturn]] void fail(const fs::path& path, const std::string& what) {
  throw InputError(path.string(), 0, what + ": " + std::strerror(errno));
}

/// Under the lock: if the file does not end with a newline, a writer died mid-line; cut the
/// torn piece off so the next line starts clean.
void cut_torn_tail(int fd, const fs::path& path) {
  struct stat st {};
  if (fstat(fd, &st) != 0) fail(path, "cannot stat the results file");
  off_t size = st.st_size;
  if (size == 0) return;
  char last = 0;
  if (pread(fd, &last, 1, size - 1) != 1) fail(path, "cannot read the results file");
  if (last == '\n') return;
  std::array<char, 4096> chunk{};
  off_t end = size;
  while (end > 0) {
    const off_t begin = end > static_cast<off_t>(chunk.size()) ? end - static_cast<off_t>(chunk.size()) : 0;
    const auto want = static_cast<std::size_t>(end - begin);
    if (pread(fd, chunk.data(), want, begin) != static_cast<ssize_t>(want))
      fail(path, "cannot read the results file");
    for (std::size_t i = want; i-- > 0;) {
      if (chunk[i] == '\n') {
        if (ftruncate(fd, begin + static_cast<off_t>(i) + 1) != 0)
          fail(path, "cannot repair the results file");
        return;
      }
    }
    end = begin;
  }
  if (ftruncate(fd, 0) != 0) fail(path, "cannot repair the results file");
}

class Lock {
public:
  Lock(int fd, const fs::path& path) : fd_(fd) {
    while (flock(fd_, LOCK_EX) != 0)
      if (errno != EINTR) fail(path, "cannot lock the results file");
  }
  ~Lock() { flock(fd_, LOCK_UN); }
  Lock(const Lock&) = delete;
  Lock& operator=(const Lock&) = delete;

private:
  int fd_;
};

}  // namespace

ResultsWriter::ResultsWriter(const fs::path& path) : path_(path) {
  if (path.has_parent_path()) {
    std::error_code ec;
    fs::create_directories(path.parent_path(), ec);
  }
  fd_ = ::open(path.c_str(), O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
  if (fd_ < 0) fail(path, "cannot open the results file for appending");
}

ResultsWriter::~ResultsWriter() {
  if (fd_ >= 0) ::close(fd_);
}

void ResultsWriter::append(std::string_view line) {
  std::string whole(line);
  whole.push_back('\n');
  const Lock lock(fd_, path_);
  cut_torn_tail(fd_, path_);
  if (!write_fully(fd_, whole)) fail(path_, "cannot append to the results file");
  if (::fsync(fd_) != 0 && errno != EINVAL) fail(path_, "cannot sync the results file");
}

}  // namespace fleet::bench
