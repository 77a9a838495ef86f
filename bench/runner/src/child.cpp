// The child side of a run: fork, isolate, execute, report one line, _exit. The child never
// returns into the caller's code, so nothing of the parent's state (open results file,
// logger, other children's pipes) is touched after the fork.
#include "child.hpp"

#include <fleet/bench/execute.hpp>

#include <fcntl.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <new>
#include <stdexcept>

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define FLEET_BENCH_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) || \
    __has_feature(memory_sanitizer)
#define FLEET_BENCH_SANITIZED 1
#endif
#endif

namespace fleet::bench::detail {

namespace {

void write_all(int fd, const std::string& text) {
  std::size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;  // the parent is gone; nothing to tell
    done += static_cast<std::size_t>(n);
  }
}

[[noreturn]] void child_main(const Suite& suite, const RunSpec& run,
                             const planner::PlannerRegistry& registry, int fd) {
  const int null_fd = ::open("/dev/null", O_WRONLY);
  if (null_fd >= 0) {
    ::dup2(null_fd, STDOUT_FILENO);  // planners must not print; keep the runner's stdout clean
    ::close(null_fd);
  }
#ifndef FLEET_BENCH_SANITIZED
  const auto bytes = static_cast<rlim_t>(suite.memory_limit_mb) * 1024 * 1024;
  const rlimit limit{bytes, bytes};
  setrlimit(RLIMIT_AS, &limit);
#endif
  std::string line;
  try {
    RunRecord record = execute_run(suite, run, registry, [fd] { write_all(fd, "ready\n"); });
    line = to_json_line(record);
  } catch (const std::bad_alloc&) {
    line.clear();  // the parent sees no record and reads the exit code
    _exit(3);
  } catch (...) {
    _exit(4);
  }
  line.push_back('\n');
  write_all(fd, line);
  // _exit: no destructors of the parent's objects, no atexit handlers, no stdio flush.
  _exit(0);
}

}  // namespace

Child start_child(const Suite& suite, const RunSpec& run, const planner::PlannerRegistry& registry,
                  const sigset_t& child_mask, const std::vector<int>& close_in_child) {
  int fds[2];
  int log[2];
  if (::pipe2(fds, O_CLOEXEC) != 0)
    throw std::runtime_error(std::string("pipe: ") + std::strerror(errno));
  if (::pipe2(log, O_CLOEXEC) != 0) {
    ::close(fds[0]);
    ::close(fds[1]);
    throw std::runtime_error(std::string("pipe: ") + std::strerror(errno));
  }
  const pid_t parent = ::getpid();
  const pid_t pid = ::fork();
  if (pid < 0) {
    for (const int fd : {fds[0], fds[1], log[0], log[1]}) ::close(fd);
    throw std::runtime_error(std::string("fork: ") + std::strerror(errno));
  }
  if (pid == 0) {
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);  // a killed runner leaves no orphan runs behind
    if (::getppid() != parent) _exit(5);
    sigprocmask(SIG_SETMASK, &child_mask, nullptr);
    ::close(fds[0]);
    ::close(log[0]);
    ::dup2(log[1], STDERR_FILENO);
    ::close(log[1]);
    for (const int fd : close_in_child) ::close(fd);
    child_main(suite, run, registry, fds[1]);
  }
  ::close(fds[1]);
  ::close(log[1]);
  for (const int fd : {fds[0], log[0]}) ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
  Child child;
  child.pid = pid;
  child.fd = fds[0];
  child.log_fd = log[0];
  child.run = &run;
  child.started = Clock::now();
  return child;
}

bool read_child(Child& child) {
  char chunk[4096];
  for (;;) {
    const ssize_t n = ::read(child.fd, chunk, sizeof chunk);
    if (n > 0) {
      child.buffer.append(chunk, static_cast<std::size_t>(n));
      std::size_t newline = 0;
      while ((newline = child.buffer.find('\n')) != std::string::npos) {
        std::string line = child.buffer.substr(0, newline);
        child.buffer.erase(0, newline + 1);
        if (line == "ready")
          child.loaded = Clock::now();
        else if (!line.empty() && line.front() == '{')
          child.record_line = std::move(line);
      }
      continue;
    }
    if (n == 0) return false;
    if (errno == EINTR) continue;
    return errno == EAGAIN || errno == EWOULDBLOCK;
  }
}

void read_child_log(Child& child) {
  constexpr std::size_t kTail = 2000;
  char chunk[4096];
  for (;;) {
    const ssize_t n = ::read(child.log_fd, chunk, sizeof chunk);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    child.log_tail.append(chunk, static_cast<std::size_t>(n));
    if (child.log_tail.size() > 2 * kTail) child.log_tail.erase(0, child.log_tail.size() - kTail);
  }
}

void close_child(Child& child) {
  ::close(child.fd);
  ::close(child.log_fd);
}

double resident_mb(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string key;
  while (in >> key) {
    if (key == "VmRSS:") {
      double kb = 0.0;
      in >> kb;
      return kb / 1024.0;
    }
    in.ignore(1 << 12, '\n');
  }
  return 0.0;
}

}  // namespace fleet::bench::detail
