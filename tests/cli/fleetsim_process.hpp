// Runs the built fleetsim binary as a user would, through the shell, and checks the error
// contract (one "fleetsim: error: ..." line on stderr, exit code 2).
#pragma once

#include "../planner/scratch_files.hpp"
#include "../test_paths.hpp"

#include <catch2/catch.hpp>

#include <sys/wait.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace fleet::test::cli {

struct Outcome {
  int code = -1;
  std::string out;
  std::string err;
};

inline std::string quote(const std::string& text) {
  std::string quoted = "'";
  for (const char ch : text) quoted += ch == '\'' ? std::string("'\\''") : std::string(1, ch);
  return quoted + "'";
}

inline std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Runs `fleetsim <args>` in `dir` (args are passed through the shell as written).
inline Outcome fleetsim(const ScratchDir& dir, const std::string& args) {
  const auto out = dir.path() / "stdout.txt";
  const auto err = dir.path() / "stderr.txt";
  const std::string command = "cd " + quote(dir.path().string()) + " && " + quote(FLEETSIM_EXE) +
                              " " + args + " >" + quote(out.string()) + " 2>" +
                              quote(err.string()) + " </dev/null";
  const int status = std::system(command.c_str());
  Outcome outcome;
  outcome.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  outcome.out = read_text(out);
  outcome.err = read_text(err);
  return outcome;
}

inline std::string data(const std::string& file) { return quote(fleet::test::movingai(file).string()); }

inline bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// The error contract: exactly one line on stderr, "fleetsim: error: ...", exit code 2.
inline void check_error(const Outcome& outcome, const std::string& expected_part) {
  INFO("stdout: " << outcome.out << "\nstderr: " << outcome.err);
  CHECK(outcome.code == 2);
  CHECK(outcome.err.rfind("fleetsim: error: ", 0) == 0);
  CHECK(std::count(outcome.err.begin(), outcome.err.end(), '\n') == 1);
  CHECK(contains(outcome.err, expected_part));
}

}  // namespace fleet::test::cli
