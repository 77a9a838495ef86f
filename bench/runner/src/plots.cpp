// Renders report plots by running bench/scripts/report_plots.py with a Python that has
// matplotlib. The script exits with kNoMatplotlib when it cannot import it, so the next
// interpreter is tried.
#include <fleet/bench/report.hpp>

#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <fstream>

#ifndef FLEET_PYTHON
#define FLEET_PYTHON "python3"
#endif
#ifndef FLEET_PLOT_SCRIPT
#define FLEET_PLOT_SCRIPT "bench/scripts/report_plots.py"
#endif

extern char** environ;

namespace fleet::bench {

namespace fs = std::filesystem;

namespace {

constexpr int kNoMatplotlib = 3;

/// Runs argv[0] (looked up on the PATH) and returns its exit code, or -1 when it could not
/// start or died of a signal.
int run_program(const std::vector<std::string>& argv) {
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = 0;
  if (posix_spawnp(&pid, args[0], nullptr, nullptr, args.data(), environ) != 0) return -1;
  int status = 0;
  while (waitpid(pid, &status, 0) < 0)
    if (errno != EINTR) return -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace

fs::path plot_script() { return FLEET_PLOT_SCRIPT; }

PlotOutcome render_plots(const fs::path& csv, const fs::path& out_dir, const std::string& python,
                         const fs::path& throughput_csv) {
  PlotOutcome outcome;
  std::vector<std::string> candidates;
  if (!python.empty()) candidates.push_back(python);
  if (const char* env = std::getenv("FLEET_PYTHON"); env != nullptr && *env != '\0')
    candidates.emplace_back(env);
  candidates.emplace_back(FLEET_PYTHON);
  candidates.emplace_back("python3");
  const fs::path script = plot_script();
  if (!fs::is_regular_file(script)) {
    outcome.message = "the plotting script " + script.string() + " is missing";
    return outcome;
  }
  const fs::path list = out_dir / "plots.txt";
  std::string tried;
  for (const auto& interpreter : candidates) {
    if (tried.find(interpreter + ";") != std::string::npos) continue;
    tried += interpreter + ";";
    std::error_code ec;
    fs::remove(list, ec);
    std::vector<std::string> argv = {interpreter, script.string(), csv.string(), out_dir.string()};
    if (!throughput_csv.empty()) argv.push_back(throughput_csv.string());
    const int code = run_program(argv);
    if (code == kNoMatplotlib || code == -1 || code == 127) continue;
    if (code != 0) {
      outcome.message = interpreter + " " + script.string() + " failed with exit code " +
                        std::to_string(code);
      return outcome;
    }
    std::ifstream in(list);
    std::string name;
    while (std::getline(in, name))
      if (!name.empty()) outcome.files.push_back(out_dir / name);
    outcome.ok = true;
    return outcome;
  }
  outcome.message = "no Python with matplotlib found (tried " + tried +
                    " install python3-matplotlib, or set FLEET_PYTHON)";
  return outcome;
}

}  // namespace fleet::bench
