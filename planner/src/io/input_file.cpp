#include <fleet/planner/input_error.hpp>
#include <fleet/planner/input_file.hpp>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace fleet {
namespace {

std::string kind_of(mode_t mode) {
  if (S_ISDIR(mode)) return "a directory";
  if (S_ISCHR(mode) || S_ISBLK(mode)) return "a device";
  if (S_ISFIFO(mode)) return "a pipe";
  if (S_ISSOCK(mode)) return "a socket";
  return "something else";
}

}  // namespace

OpenedInput open_input_file(const std::filesystem::path& path, std::string_view what,
                            std::size_t max_bytes) {
  const std::string source = path.string();
  // O_NONBLOCK: opening a pipe must not wait for a writer; it is refused below anyway.
  const int fd = ::open(source.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0)
    throw InputError(source, 0, "cannot open " + std::string(what) + " file (" +
                                    std::strerror(errno) + ")");
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    const std::string kind = kind_of(st.st_mode);
    ::close(fd);
    throw InputError(source, 0, "not a regular file (it is " + kind + "); expected a " +
                                    std::string(what) + " file");
  }
  const auto size = static_cast<std::size_t>(st.st_size);
  if (size > max_bytes) {
    ::close(fd);
    throw InputError(source, 0, "the " + std::string(what) + " file has " + std::to_string(size) +
                                    " bytes, more than the limit of " +
                                    std::to_string(max_bytes));
  }
  return {fd, size};
}

void check_line_lengths(std::string_view text, const std::string& source,
                        std::size_t max_line_bytes) {
  int line = 1;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    if (end - start > max_line_bytes)
      throw InputError(source, line, "line has " + std::to_string(end - start) +
                                         " bytes, more than the limit of " +
                                         std::to_string(max_line_bytes));
    start = end + 1;
    ++line;
  }
}

std::string read_input_file(const std::filesystem::path& path, std::string_view what,
                            std::size_t max_bytes, std::size_t max_line_bytes) {
  const OpenedInput input = open_input_file(path, what, max_bytes);
  std::string text(input.size, '\0');
  std::size_t done = 0;
  while (done < text.size()) {
    const ssize_t got = ::read(input.fd, text.data() + done, text.size() - done);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) break;  // the file shrank while we read: take what is there
    done += static_cast<std::size_t>(got);
  }
  ::close(input.fd);
  text.resize(done);
  check_line_lengths(text, path.string(), max_line_bytes);
  return text;
}

}  // namespace fleet
