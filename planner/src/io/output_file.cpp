#include <fleet/planner/input_error.hpp>
#include <fleet/planner/output_file.hpp>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace fleet {
namespace {

constexpr std::size_t kFlushBytes = std::size_t{1} << 20;
constexpr std::size_t kMaxComponentBytes = 200;

[[noreturn]] void refuse(const std::filesystem::path& path, const std::string& what) {
  throw InputError(path.string(), 0, what + " (" + std::strerror(errno) + ")");
}

}  // namespace

OutputFile::OutputFile(std::filesystem::path path, bool keep_unfinished)
    : path_(std::move(path)), partial_(path_.string() + ".partial"), keep_unfinished_(keep_unfinished) {
  constexpr int kFlags = O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC;
  fd_ = ::open(partial_.c_str(), kFlags, 0644);
  if (fd_ < 0 && errno == EEXIST) {
    // A leftover of an interrupted write, or something planted: unlink removes a symlink
    // itself, and O_EXCL then guarantees the file we write is one we just created.
    if (::unlink(partial_.c_str()) != 0) refuse(partial_, "cannot remove the old partial file");
    fd_ = ::open(partial_.c_str(), kFlags, 0644);
  }
  if (fd_ < 0) refuse(path_, "cannot create file");
}

OutputFile::~OutputFile() {
  if (fd_ < 0) return;
  if (keep_unfinished_) (void)write_fully(fd_, buffer_);  // best effort: joins the evidence
  ::close(fd_);
  if (!keep_unfinished_) ::unlink(partial_.c_str());
}

void OutputFile::write(const void* data, std::size_t bytes) {
  buffer_.append(static_cast<const char*>(data), bytes);
  if (buffer_.size() >= kFlushBytes) flush();
}

void OutputFile::flush() {
  if (!write_fully(fd_, buffer_)) refuse(path_, "failed while writing file");
  buffer_.clear();
}

bool write_fully(int fd, std::string_view text) {
  std::size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<std::size_t>(n);
  }
  return true;
}

void OutputFile::commit() {
  flush();
  const int fd = fd_;
  fd_ = -1;
  if (::close(fd) != 0) {
    ::unlink(partial_.c_str());
    refuse(path_, "failed while writing file");
  }
  // rename replaces a symlink at the final name itself, never the file it points at.
  if (::rename(partial_.c_str(), path_.c_str()) != 0) {
    const int failed = errno;
    ::unlink(partial_.c_str());
    errno = failed;
    refuse(path_, "cannot put the finished file in place");
  }
}

void write_file_atomically(const std::filesystem::path& path, std::string_view text) {
  OutputFile file(path);
  file.write(text);
  file.commit();
}

std::string path_component_problem(std::string_view name) {
  if (name.empty()) return "is empty";
  if (name == "." || name == "..") return "is '" + std::string(name) + "'";
  if (name.size() > kMaxComponentBytes)
    return "is longer than " + std::to_string(kMaxComponentBytes) + " bytes";
  for (const char ch : name) {
    if (ch == '/' || ch == '\\') return "contains a path separator";
    if (static_cast<unsigned char>(ch) < 0x20 || ch == 0x7F) return "contains a control character";
  }
  return {};
}

void prepare_output_folder(const std::filesystem::path& dir, bool overwrite) {
  std::error_code ec;
  const auto status = std::filesystem::symlink_status(dir, ec);
  if (std::filesystem::exists(status)) {
    if (!std::filesystem::is_directory(std::filesystem::status(dir, ec)))
      throw InputError(dir.string(), 0, "exists and is not a folder; choose another output folder");
    if (!overwrite && !std::filesystem::is_empty(dir, ec))
      throw InputError(dir.string(), 0,
                       "the output folder already holds files (an earlier run?); pass "
                       "--overwrite to replace them, or choose another folder with -o");
    return;
  }
  std::filesystem::create_directories(dir, ec);
  if (ec) throw InputError(dir.string(), 0, "cannot create the output folder (" + ec.message() + ")");
}

}  // namespace fleet
