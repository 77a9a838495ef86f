// Host and build facts for results headers.
#include <fleet/bench/host_info.hpp>

#include <unistd.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <memory>

#ifndef FLEET_VERSION
#define FLEET_VERSION "unknown"
#endif
#ifndef FLEET_GIT_COMMIT
#define FLEET_GIT_COMMIT "unknown"
#endif
#ifndef FLEET_SOURCE_DIR
#define FLEET_SOURCE_DIR ""
#endif

namespace fleet::bench {

namespace {

/// The first line a shell command prints, or "" when it fails.
std::string first_line_of(const std::string& command) {
  const std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
  if (!pipe) return {};
  std::array<char, 256> buffer{};
  std::string out;
  if (fgets(buffer.data(), static_cast<int>(buffer.size()), pipe.get()) != nullptr)
    out = buffer.data();
  while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
  return out;
}

std::string quoted(const std::string& text) {
  std::string out = "'";
  for (const char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

}  // namespace

std::string fleetsim_version() { return FLEET_VERSION; }

std::string git_commit() {
  const std::string source = FLEET_SOURCE_DIR;
  if (!source.empty()) {
    const std::string git = "git -C " + quoted(source);
    const std::string head = first_line_of(git + " rev-parse HEAD 2>/dev/null");
    if (head.size() == 40) {
      const std::string changed =
          first_line_of(git + " status --porcelain --untracked-files=no 2>/dev/null | head -n 1");
      return changed.empty() ? head : head + "-dirty";
    }
  }
  return FLEET_GIT_COMMIT;
}

std::string cpu_model() {
  std::ifstream in("/proc/cpuinfo");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("model name", 0) == 0) {
      const auto colon = line.find(':');
      if (colon != std::string::npos) {
        const auto start = line.find_first_not_of(' ', colon + 1);
        return start == std::string::npos ? std::string() : line.substr(start);
      }
    }
  }
  return "unknown";
}

HeaderRecord make_header(const Suite& suite, int jobs, Shard shard) {
  HeaderRecord h;
  h.fleetsim_version = fleetsim_version();
  h.git_commit = git_commit();
  std::array<char, 256> host{};
  h.host = gethostname(host.data(), host.size() - 1) == 0 ? host.data() : "unknown";
  h.cpu = cpu_model();
  h.cpus = static_cast<int>(sysconf(_SC_NPROCESSORS_ONLN));
  h.threads_per_run = suite.threads;
  h.jobs = jobs;
  h.suite = suite.name;
  h.suite_file = suite.file.string();
  h.shard = std::to_string(shard.index) + "/" + std::to_string(shard.count);
  h.started_at = utc_now();
  return h;
}

}  // namespace fleet::bench
