// Helpers for the visualizer suites: a scratch directory, an X display (an existing one, or
// an Xvfb server started for the test), a tiny simulated run with a trace, and running the
// fleetsim-viz binary.
#pragma once

#include <fleet/planner/grid.hpp>
#include <fleet/planner/registry.hpp>
#include <fleet/sim/scenario.hpp>
#include <fleet/sim/simulator.hpp>
#include <fleet/sim/tasks.hpp>
#include <fleet/viz/snapshot.hpp>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <poll.h>
#include <sstream>
#include <stdexcept>
#include <string>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace fleet::test {

/// A fresh directory under the system temp folder, removed with its contents at scope exit.
class VizScratch {
public:
  VizScratch() {
    std::string pattern = (std::filesystem::temp_directory_path() / "fleet-viz-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
  }
  ~VizScratch() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  VizScratch(const VizScratch&) = delete;
  VizScratch& operator=(const VizScratch&) = delete;
  [[nodiscard]] const std::filesystem::path& path() const { return path_; }

private:
  std::filesystem::path path_;
};

/// An X display for SFML: the one in $DISPLAY if it opens, otherwise an Xvfb server started
/// here (stopped at scope exit). ready() is false, with reason(), when neither is possible.
class TestDisplay {
public:
  TestDisplay() {
    if (const char* d = std::getenv("DISPLAY"); d != nullptr && *d != '\0') {
      // Held open for the test's life, so a server that resets when idle stays up.
      held_ = std::make_unique<viz::DisplayConnection>();
      if (held_->open()) {
        ready_ = true;
        return;
      }
    }
    const std::string xvfb = find_program("Xvfb");
    if (xvfb.empty()) {
      reason_ = "no X display and no Xvfb on PATH (install the xvfb package)";
      return;
    }
    int fds[2];
    if (::pipe(fds) != 0) {
      reason_ = "pipe() failed";
      return;
    }
    pid_ = ::fork();
    if (pid_ == 0) {
      ::close(fds[0]);
      if (std::FILE* null = std::fopen("/dev/null", "w")) {
        ::dup2(::fileno(null), STDOUT_FILENO);
        ::dup2(::fileno(null), STDERR_FILENO);
      }
      // -displayfd: Xvfb picks a free display and writes its number once it accepts clients.
      const std::string fd = std::to_string(fds[1]);
      ::execl(xvfb.c_str(), "Xvfb", "-displayfd", fd.c_str(), "-screen", "0", "1024x768x24",
              "-nolisten", "tcp", "-noreset", static_cast<char*>(nullptr));
      ::_exit(127);
    }
    ::close(fds[1]);
    std::string number;
    pollfd p{fds[0], POLLIN, 0};
    while (::poll(&p, 1, 15000) > 0) {
      char c = 0;
      if (::read(fds[0], &c, 1) != 1 || c == '\n') break;
      number += c;
    }
    ::close(fds[0]);
    if (number.empty()) {
      reason_ = "Xvfb did not start";
      return;
    }
    ::setenv("DISPLAY", (":" + number).c_str(), 1);
    held_ = std::make_unique<viz::DisplayConnection>();
    ready_ = held_->open();
    if (!ready_) reason_ = "Xvfb started on :" + number + " but the display does not open";
  }
  ~TestDisplay() {
    held_.reset();
    if (pid_ > 0) {
      ::kill(pid_, SIGTERM);
      ::waitpid(pid_, nullptr, 0);
    }
  }
  TestDisplay(const TestDisplay&) = delete;
  TestDisplay& operator=(const TestDisplay&) = delete;

  [[nodiscard]] bool ready() const { return ready_; }
  [[nodiscard]] const std::string& reason() const { return reason_; }

private:
  static std::string find_program(const std::string& name) {
    const char* path = std::getenv("PATH");
    std::stringstream dirs(path != nullptr ? path : "/usr/bin:/bin");
    std::string dir;
    while (std::getline(dirs, dir, ':'))
      if (::access((std::filesystem::path(dir) / name).c_str(), X_OK) == 0)
        return (std::filesystem::path(dir) / name).string();
    return {};
  }

  pid_t pid_ = -1;
  std::unique_ptr<viz::DisplayConnection> held_;
  bool ready_ = false;
  std::string reason_;
};

/// A 10x8 room with pillars: four robots crossing between the corners (lifelong).
inline std::vector<std::string> viz_room() {
  return {"..........",
          "..@....@..",
          "..........",
          "....@@....",
          "..........",
          ".@......@.",
          "..........",
          ".........."};
}

inline sim::Scenario viz_scenario(int steps) {
  sim::Scenario s;
  s.name = "viz-room";
  s.warehouse.grid = std::make_shared<const planner::Grid>(planner::Grid::from_rows(viz_room()));
  const planner::Grid& g = *s.warehouse.grid;
  s.motion = planner::MotionKind::FourConnected;
  const std::vector<planner::Cell> corners = {g.cell(0, 0), g.cell(9, 0), g.cell(9, 7), g.cell(0, 7)};
  s.starts = corners;
  // Each robot heads for the opposite corner, then back: everyone has to move.
  const std::vector<planner::Cell> tasks = {g.cell(9, 7), g.cell(0, 7), g.cell(0, 0), g.cell(9, 0),
                                            g.cell(0, 0), g.cell(9, 0), g.cell(9, 7), g.cell(0, 7)};
  s.tasks = std::shared_ptr<const sim::TaskSource>(sim::round_robin_tasks(tasks, 4));
  s.planner.name = "reactive";
  s.planner.time_limit_s = 5.0;
  s.horizon = 1;
  s.steps = steps;
  s.threads = 1;
  return s;
}

/// Simulates the room for `steps` ticks into `dir` (trace.fltrace and friends).
inline void simulate_room(const std::filesystem::path& dir, int steps) {
  sim::SimOptions options;
  options.output_dir = dir;
  options.write_svg = false;
  sim::Simulator simulator(viz_scenario(steps), planner::builtin_planners(), options);
  simulator.run();
}

struct Ran {
  int code = -1;
  std::string output;  ///< stdout and stderr together
};

/// Runs fleetsim-viz with `args` (shell words), capturing its output.
inline Ran run_viz(const std::string& args, const std::filesystem::path& scratch) {
  const std::filesystem::path out = scratch / "viz-output.txt";
  const std::string command = std::string("'") + FLEETSIM_VIZ_EXE + "' " + args + " > '" +
                              out.string() + "' 2>&1";
  const int status = std::system(command.c_str());
  Ran ran;
  ran.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::ifstream in(out);
  ran.output.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return ran;
}

}  // namespace fleet::test
