// The process planner and its worker: a request carries the instance (the grid only when it
// changed) and the seconds left; the answer carries the Result. Both ends run the same build,
// so the messages are native-endian bytes.
#include <fleet/planner/process_planner.hpp>

#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <optional>
#include <stdexcept>
#include <string>

extern char** environ;

namespace fleet::planner {
namespace {

enum class Request : std::uint8_t { Preprocess = 1, Solve = 2 };

/// Bytes out: a growing buffer of native-endian values.
class Writer {
public:
  template <typename T>
  void put(const T& value) {
    const auto* bytes = reinterpret_cast<const char*>(&value);
    buffer_.insert(buffer_.end(), bytes, bytes + sizeof(T));
  }
  template <typename T>
  void put_vector(const std::vector<T>& values) {
    put(static_cast<std::uint64_t>(values.size()));
    const auto* bytes = reinterpret_cast<const char*>(values.data());
    buffer_.insert(buffer_.end(), bytes, bytes + values.size() * sizeof(T));
  }
  void put_string(const std::string& text) {
    put_vector(std::vector<char>(text.begin(), text.end()));
  }
  /// Sends everything on `fd`; false when the other end is gone.
  bool send(int fd) const {
    std::size_t sent = 0;
    while (sent < buffer_.size()) {
      const ssize_t n = ::send(fd, buffer_.data() + sent, buffer_.size() - sent, MSG_NOSIGNAL);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return false;
      sent += static_cast<std::size_t>(n);
    }
    return true;
  }

private:
  std::vector<char> buffer_;
};

/// Bytes in, read straight from a socket; every read fails (false) once the other end is gone.
class Reader {
public:
  explicit Reader(int fd) : fd_(fd) {}
  bool bytes(void* into, std::size_t size) {
    auto* at = static_cast<char*>(into);
    while (size > 0) {
      const ssize_t n = ::read(fd_, at, size);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return false;
      at += n;
      size -= static_cast<std::size_t>(n);
    }
    return true;
  }
  template <typename T>
  bool get(T& value) {
    return bytes(&value, sizeof(T));
  }
  template <typename T>
  bool get_vector(std::vector<T>& values, std::uint64_t most = std::uint64_t{1} << 32) {
    std::uint64_t size = 0;
    if (!get(size) || size > most) return false;
    values.resize(size);
    return bytes(values.data(), size * sizeof(T));
  }
  bool get_string(std::string& text) {
    std::vector<char> chars;
    if (!get_vector(chars)) return false;
    text.assign(chars.begin(), chars.end());
    return true;
  }

private:
  int fd_;
};

void put_instance(Writer& out, const Instance& instance, bool with_grid) {
  out.put(static_cast<std::uint8_t>(with_grid ? 1 : 0));
  if (with_grid) {
    const Grid& grid = instance.map();
    out.put(static_cast<std::int32_t>(grid.width()));
    out.put(static_cast<std::int32_t>(grid.height()));
    std::vector<std::uint8_t> passable(static_cast<std::size_t>(grid.size()));
    for (Cell c = 0; c < grid.size(); ++c) passable[static_cast<std::size_t>(c)] = grid.passable(c);
    out.put_vector(passable);
    out.put(static_cast<std::uint8_t>(instance.motion.kind()));
  }
  out.put(static_cast<std::int32_t>(instance.horizon));
  out.put_vector(instance.starts);
  out.put_vector(instance.goals);
}

void put_result(Writer& out, const Result& result) {
  out.put(static_cast<std::uint8_t>(result.status));
  out.put(static_cast<std::uint64_t>(result.plan.size()));
  for (const Config& config : result.plan) out.put_vector(config);
  const Stats& s = result.stats;
  out.put(s.runtime_s);
  out.put(s.first_solution_s);
  out.put(s.first_solution_cost);
  out.put(s.expanded);
  out.put(s.generated);
  out.put(s.iterations);
  out.put(static_cast<std::uint64_t>(s.extra.size()));
  for (const auto& [key, value] : s.extra) {
    out.put_string(key);
    out.put(value);
  }
  out.put_string(result.message);
}

bool get_result(Reader& in, Result& result) {
  std::uint8_t status = 0;
  std::uint64_t configs = 0;
  if (!in.get(status) || status > static_cast<std::uint8_t>(Status::InvalidInput) ||
      !in.get(configs))
    return false;
  result.status = static_cast<Status>(status);
  result.plan.resize(configs);
  for (Config& config : result.plan)
    if (!in.get_vector(config)) return false;
  Stats& s = result.stats;
  std::uint64_t extras = 0;
  if (!in.get(s.runtime_s) || !in.get(s.first_solution_s) || !in.get(s.first_solution_cost) ||
      !in.get(s.expanded) || !in.get(s.generated) || !in.get(s.iterations) || !in.get(extras))
    return false;
  s.extra.resize(extras);
  for (auto& [key, value] : s.extra)
    if (!in.get_string(key) || !in.get(value)) return false;
  return in.get_string(result.message);
}

std::string describe_exit(int status) {
  if (WIFSIGNALED(status))
    return "was killed by signal " + std::to_string(WTERMSIG(status)) + " (" +
           ::strsignal(WTERMSIG(status)) + ")";
  if (WIFEXITED(status)) return "exited with code " + std::to_string(WEXITSTATUS(status));
  return "ended";
}

class ProcessPlanner final : public Planner {
public:
  ProcessPlanner(std::string name, std::vector<std::string> command, double grace_s)
      : name_(std::move(name)), command_(std::move(command)), grace_s_(grace_s) {}
  ~ProcessPlanner() override { stop_worker(); }
  ProcessPlanner(const ProcessPlanner&) = delete;
  ProcessPlanner& operator=(const ProcessPlanner&) = delete;

  [[nodiscard]] std::string_view name() const override { return name_; }

  void preprocess(const Instance& instance) override {
    // A preprocessing worker that dies is started afresh by the next call.
    Result ignored;
    (void)exchange(Request::Preprocess, instance, StopCondition(), ignored);
  }

  Result solve(const Instance& instance, const StopCondition& stop) override {
    Result result;
    const std::string trouble = exchange(Request::Solve, instance, stop, result);
    if (trouble.empty()) return result;
    result = {};
    result.status = trouble.starts_with("did not answer") ? Status::Timeout : Status::InvalidInput;
    result.message = "planner process " + trouble + "; a fresh one serves the next call";
    return result;
  }

private:
  /// Sends one request and reads its answer; empty on success, else what went wrong (the
  /// worker is then gone).
  std::string exchange(Request kind, const Instance& instance, const StopCondition& stop,
                       Result& result) {
    if (pid_ < 0) start_worker();
    const bool new_grid = sent_grid_ != instance.grid.get();
    Writer out;
    out.put(kind);
    out.put(std::min(stop.seconds_left(), 1e9));
    put_instance(out, instance, new_grid);
    if (!out.send(fd_)) return "died: " + stop_worker();
    sent_grid_ = instance.grid.get();

    // Waits for the answer; a worker past its deadline (or a cancel) by grace_s is killed.
    std::optional<StopCondition::Clock::time_point> stopped_at;
    for (;;) {
      pollfd ready{fd_, POLLIN, 0};
      const int n = ::poll(&ready, 1, 10);
      if (n > 0) break;
      if (n < 0 && errno != EINTR) return "died: " + stop_worker();
      if (!stopped_at && stop.should_stop()) stopped_at = StopCondition::Clock::now();
      if (stopped_at && StopCondition::Clock::now() - *stopped_at >
                            std::chrono::duration<double>(grace_s_)) {
        stop_worker();
        return "did not answer " + std::to_string(grace_s_) + " s after its deadline and was "
               "stopped";
      }
    }
    Reader in(fd_);
    if (kind == Request::Preprocess) {
      std::uint8_t done = 0;
      if (!in.get(done)) return "died: " + stop_worker();
      return {};
    }
    if (!get_result(in, result)) return "died: " + stop_worker();
    return {};
  }

  void start_worker() {
    int fds[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0)
      throw std::runtime_error(std::string("socketpair: ") + std::strerror(errno));
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, fds[1], STDIN_FILENO);
    posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
    std::vector<char*> argv;
    for (auto& arg : command_) argv.push_back(arg.data());
    argv.push_back(nullptr);
    pid_t pid = -1;
    const int rc = ::posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(fds[1]);
    if (rc != 0) {
      ::close(fds[0]);
      throw std::runtime_error("cannot start the planner process " + command_.front() + ": " +
                               std::strerror(rc));
    }
    pid_ = pid;
    fd_ = fds[0];
    sent_grid_ = nullptr;
  }

  /// Ends the worker (killing it if it still runs) and says how it ended.
  std::string stop_worker() {
    if (pid_ < 0) return "was not running";
    ::close(fd_);  // a worker waiting for the next request sees its input end and exits
    int status = 0;
    pid_t done = ::waitpid(pid_, &status, WNOHANG);
    if (done == 0) {
      const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(200);
      while ((done = ::waitpid(pid_, &status, WNOHANG)) == 0 &&
             std::chrono::steady_clock::now() < until)
        ::usleep(2000);
      if (done == 0) {
        ::kill(pid_, SIGKILL);
        ::waitpid(pid_, &status, 0);
      }
    }
    pid_ = -1;
    fd_ = -1;
    sent_grid_ = nullptr;
    return describe_exit(status);
  }

  std::string name_;
  std::vector<std::string> command_;
  double grace_s_;
  pid_t pid_ = -1;
  int fd_ = -1;
  const Grid* sent_grid_ = nullptr;
};

}  // namespace

std::unique_ptr<Planner> make_process_planner(std::string name, std::vector<std::string> command,
                                              double grace_s) {
  if (command.empty()) throw std::invalid_argument("the planner process needs a command");
  return std::make_unique<ProcessPlanner>(std::move(name), std::move(command), grace_s);
}

PlannerRegistry process_planners(const PlannerRegistry& registry, WorkerCommand command,
                                 double grace_s) {
  PlannerRegistry isolated;
  for (const auto* entry : registry.entries()) {
    PlannerRegistry::Entry copy = *entry;
    copy.make = [name = entry->name, command, grace_s](const ParamValues& values,
                                                      std::uint64_t seed) {
      return make_process_planner(name, command(name, values.all(), seed), grace_s);
    };
    isolated.add(std::move(copy));
  }
  return isolated;
}

int serve_planner(Planner& planner, int in_fd, int out_fd) {
  Reader in(in_fd);
  std::shared_ptr<const Grid> grid;
  std::shared_ptr<const DistanceTable> distances;
  MotionKind kind = MotionKind::FourConnected;
  for (;;) {
    Request request{};
    double seconds_left = 0.0;
    std::uint8_t with_grid = 0;
    if (!in.get(request)) return 0;  // the host closed: done
    if (request != Request::Preprocess && request != Request::Solve) return 2;
    if (!in.get(seconds_left) || !in.get(with_grid)) return 2;
    if (with_grid != 0) {
      std::int32_t width = 0;
      std::int32_t height = 0;
      std::vector<std::uint8_t> passable;
      std::uint8_t motion = 0;
      if (!in.get(width) || !in.get(height) || !in.get_vector(passable) || !in.get(motion))
        return 2;
      auto new_grid = std::make_shared<const Grid>(width, height, std::move(passable));
      kind = static_cast<MotionKind>(motion);
      // The old table refers to the old grid: it goes first.
      distances = std::make_shared<const DistanceTable>(*new_grid, kind);
      grid = std::move(new_grid);
    }
    if (grid == nullptr) return 2;
    std::int32_t horizon = 0;
    std::vector<State> starts;
    std::vector<Cell> goals;
    if (!in.get(horizon) || !in.get_vector(starts) || !in.get_vector(goals)) return 2;
    Instance instance(grid, kind, std::move(starts), std::move(goals), distances);
    instance.horizon = horizon;

    Writer out;
    if (request == Request::Preprocess) {
      planner.preprocess(instance);
      out.put(std::uint8_t{1});
    } else {
      Result result;
      try {
        result = planner.solve(instance, StopCondition::after(seconds_left));
      } catch (const std::exception& e) {
        result = {};
        result.status = Status::InvalidInput;
        result.message = std::string("planner threw: ") + e.what();
      }
      put_result(out, result);
    }
    if (!out.send(out_fd)) return 0;
  }
}

}  // namespace fleet::planner
