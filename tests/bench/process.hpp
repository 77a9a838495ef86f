// Starting programs from tests the way a shell would, but without one: posix_spawn with
// stdout and stderr sent to files, so a test can signal the process while it runs.
#pragma once

#include <catch2/catch.hpp>

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

extern char** environ;

namespace fleet::test {

inline std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

/// A started program; its output lands in `out` and `err`.
struct Spawned {
  pid_t pid = -1;
  std::filesystem::path out;
  std::filesystem::path err;

  /// Waits for the end; the exit code, or 128 + signal.
  int wait() {
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0)
      if (errno != EINTR) return -1;
    pid = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  }
  /// Whether it has ended (and then its code in `code`).
  bool ended(int& code) {
    int status = 0;
    const pid_t done = ::waitpid(pid, &status, WNOHANG);
    if (done != pid) return false;
    pid = -1;
    code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return true;
  }
  [[nodiscard]] std::string stdout_text() const { return read_file(out); }
  [[nodiscard]] std::string stderr_text() const { return read_file(err); }
};

/// Starts `argv` (argv[0] a path, or a name looked up on the PATH) with its output in
/// `dir`/<tag>.out and <tag>.err.
inline Spawned spawn(const std::vector<std::string>& argv, const std::filesystem::path& dir,
                     const std::string& tag) {
  Spawned s;
  s.out = dir / (tag + ".out");
  s.err = dir / (tag + ".err");
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, s.out.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, s.err.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0644);
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  const int rc = posix_spawnp(&s.pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  REQUIRE(rc == 0);
  return s;
}

/// Runs `argv` to its end; returns the exit code.
inline int run(const std::vector<std::string>& argv, const std::filesystem::path& dir,
               const std::string& tag, Spawned* keep = nullptr) {
  Spawned s = spawn(argv, dir, tag);
  const int code = s.wait();
  if (keep != nullptr) *keep = s;
  return code;
}

/// Whether a program is on the PATH.
inline bool on_path(const std::string& name) {
  const char* path = std::getenv("PATH");
  std::stringstream dirs(path != nullptr ? path : "");
  std::string d;
  while (std::getline(dirs, d, ':'))
    if (!d.empty() && ::access((std::filesystem::path(d) / name).c_str(), X_OK) == 0) return true;
  return false;
}

}  // namespace fleet::test
