// JSON Lines form of run and header records (nlohmann::ordered_json keeps the field order
// stable, so a results file reads the same way from line to line).
#include <fleet/bench/record.hpp>

#include <nlohmann/json.hpp>

#include <array>
#include <chrono>
#include <cmath>
#include <ctime>
#include <limits>
#include <stdexcept>
#include <type_traits>
#include <utility>

namespace fleet::bench {

namespace {

using Json = nlohmann::ordered_json;

constexpr std::array<std::pair<RunStatus, std::string_view>, 8> kStatusNames = {{
    {RunStatus::Solved, "solved"},
    {RunStatus::Timeout, "timeout"},
    {RunStatus::Infeasible, "infeasible"},
    {RunStatus::Invalid, "invalid"},
    {RunStatus::Crash, "crash"},
    {RunStatus::Oom, "oom"},
    {RunStatus::Error, "error"},
    {RunStatus::Skipped, "skipped"},
}};

template <typename T>
void put(Json& j, const char* name, const std::optional<T>& value) {
  if (value)
    j[name] = *value;
  else
    j[name] = nullptr;
}

/// An integer field's value. A number that does not fit the field makes the line bad (the
/// JSON library's own conversion would be undefined for it).
template <typename T>
T integer_of(const Json& v, const char* name) {
  const auto bad = [name] {
    return std::invalid_argument(std::string("'") + name + "' must be an integer that fits");
  };
  constexpr int kBits = std::numeric_limits<T>::digits;  // value bits, sign excluded
  if (v.is_number_float()) {
    const double d = v.get<double>();
    const double limit = std::ldexp(1.0, kBits);
    const double lowest = std::is_signed_v<T> ? -limit : 0.0;
    if (!std::isfinite(d) || d != std::trunc(d) || d < lowest || d >= limit) throw bad();
    return static_cast<T>(d);
  }
  if (v.is_number_unsigned()) {
    const auto u = v.get<std::uint64_t>();
    if (u > static_cast<std::uint64_t>(std::numeric_limits<T>::max())) throw bad();
    return static_cast<T>(u);
  }
  if (v.is_number_integer()) {
    const auto i = v.get<std::int64_t>();
    if (!std::in_range<T>(i)) throw bad();
    return static_cast<T>(i);
  }
  return v.get<T>();  // not a number: the library's type error names what it found
}

template <typename T>
T value_of(const Json& v, const char* name) {
  if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>) {
    return integer_of<T>(v, name);
  } else if constexpr (std::is_same_v<T, std::vector<std::int64_t>>) {
    if (!v.is_array()) return v.get<T>();
    T out;
    for (const Json& e : v) out.push_back(integer_of<std::int64_t>(e, name));
    return out;
  } else {
    return v.get<T>();
  }
}

template <typename T>
void get(const Json& j, const char* name, std::optional<T>& out) {
  const auto it = j.find(name);
  if (it == j.end() || it->is_null())
    out.reset();
  else
    out = value_of<T>(*it, name);
}

template <typename T>
void get(const Json& j, const char* name, T& out) {
  const auto it = j.find(name);
  if (it != j.end() && !it->is_null()) out = value_of<T>(*it, name);
}

}  // namespace

std::string_view to_string(RunStatus status) {
  for (const auto& [s, name] : kStatusNames)
    if (s == status) return name;
  return "unknown";
}

std::optional<RunStatus> parse_run_status(std::string_view text) {
  for (const auto& [s, name] : kStatusNames)
    if (name == text) return s;
  return std::nullopt;
}

std::string to_json_line(const RunRecord& r) {
  Json j;
  j["type"] = "run";
  j["suite"] = r.suite;
  j["key"] = r.key;
  j["index"] = r.index;
  j["scenario"] = r.scenario;
  j["kind"] = r.kind;
  j["map"] = r.map;
  j["group"] = r.group;
  j["agents"] = r.agents;
  j["planner"] = r.planner;
  j["planner_label"] = r.planner_label;
  j["params"] = r.params;
  j["seed"] = r.seed;
  j["lifelong"] = r.lifelong;
  j["time_limit_s"] = r.time_limit_s;
  j["memory_limit_mb"] = r.memory_limit_mb;
  j["threads"] = r.threads;
  j["status"] = to_string(r.status);
  j["message"] = r.message;
  put(j, "runtime_s", r.runtime_s);
  put(j, "first_solution_s", r.first_solution_s);
  put(j, "soc", r.soc);
  put(j, "soc_lb", r.soc_lb);
  put(j, "makespan", r.makespan);
  put(j, "makespan_lb", r.makespan_lb);
  put(j, "ticks", r.ticks);
  put(j, "throughput", r.throughput);
  put(j, "errands_done", r.errands_done);
  if (r.window_ticks > 0)
    j["throughput_windows"] = {{"ticks", r.window_ticks}, {"errands", r.window_errands}};
  else
    j["throughput_windows"] = nullptr;
  put(j, "best_known", r.best_known);
  j["warnings"] = r.warnings;
  put(j, "planner_calls", r.planner_calls);
  put(j, "planner_late", r.planner_late);
  put(j, "planner_p50_s", r.planner_p50_s);
  put(j, "planner_p99_s", r.planner_p99_s);
  j["executed_violations"] = r.executed_violations;
  put(j, "planned_violations", r.planned_violations);
  put(j, "execution", r.execution);
  put(j, "delay_prob", r.delay_prob);
  put(j, "dependency_waits", r.dependency_waits);
  put(j, "planned_soc", r.planned_soc);
  put(j, "expanded", r.expanded);
  put(j, "generated", r.generated);
  put(j, "peak_memory_mb", r.peak_memory_mb);
  j["wall_s"] = r.wall_s;
  j["cpu_s"] = r.cpu_s;
  j["exit"] = r.exit;
  j["log_tail"] = r.log_tail;
  j["finished_at"] = r.finished_at;
  // Replacement characters instead of an exception for odd bytes in planner messages.
  return j.dump(-1, ' ', false, Json::error_handler_t::replace);
}

std::string to_json_line(const HeaderRecord& h) {
  Json j;
  j["type"] = "header";
  j["format"] = h.format;
  j["fleetsim_version"] = h.fleetsim_version;
  j["git_commit"] = h.git_commit;
  j["host"] = h.host;
  j["cpu"] = h.cpu;
  j["cpus"] = h.cpus;
  j["threads_per_run"] = h.threads_per_run;
  j["jobs"] = h.jobs;
  j["suite"] = h.suite;
  j["suite_file"] = h.suite_file;
  j["shard"] = h.shard;
  j["started_at"] = h.started_at;
  return j.dump(-1, ' ', false, Json::error_handler_t::replace);
}

ParsedLine parse_line(std::string_view line) {
  Json j;
  try {
    j = Json::parse(line);
  } catch (const Json::exception& e) {
    throw std::invalid_argument(std::string("not JSON: ") + e.what());
  }
  if (!j.is_object()) throw std::invalid_argument("not a JSON object");
  ParsedLine out;
  if (const auto it = j.find("type"); it != j.end() && !it->is_string())
    throw std::invalid_argument("'type' must be a string");
  const std::string type = j.value("type", "");
  try {
    if (type == "header") {
      HeaderRecord h;
      get(j, "format", h.format);
      get(j, "fleetsim_version", h.fleetsim_version);
      get(j, "git_commit", h.git_commit);
      get(j, "host", h.host);
      get(j, "cpu", h.cpu);
      get(j, "cpus", h.cpus);
      get(j, "threads_per_run", h.threads_per_run);
      get(j, "jobs", h.jobs);
      get(j, "suite", h.suite);
      get(j, "suite_file", h.suite_file);
      get(j, "shard", h.shard);
      get(j, "started_at", h.started_at);
      out.header = std::move(h);
      return out;
    }
    if (type != "run") throw std::invalid_argument("record of unknown type '" + type + "'");
    RunRecord r;
    get(j, "suite", r.suite);
    get(j, "key", r.key);
    if (r.key.empty()) throw std::invalid_argument("run record without a key");
    get(j, "index", r.index);
    get(j, "scenario", r.scenario);
    get(j, "kind", r.kind);
    get(j, "map", r.map);
    get(j, "group", r.group);
    get(j, "agents", r.agents);
    get(j, "planner", r.planner);
    get(j, "planner_label", r.planner_label);
    get(j, "params", r.params);
    get(j, "seed", r.seed);
    get(j, "lifelong", r.lifelong);
    get(j, "time_limit_s", r.time_limit_s);
    get(j, "memory_limit_mb", r.memory_limit_mb);
    get(j, "threads", r.threads);
    const std::string status = j.value("status", "");
    const auto parsed = parse_run_status(status);
    if (!parsed) throw std::invalid_argument("unknown status '" + status + "'");
    r.status = *parsed;
    get(j, "message", r.message);
    get(j, "runtime_s", r.runtime_s);
    get(j, "first_solution_s", r.first_solution_s);
    get(j, "soc", r.soc);
    get(j, "soc_lb", r.soc_lb);
    get(j, "makespan", r.makespan);
    get(j, "makespan_lb", r.makespan_lb);
    get(j, "ticks", r.ticks);
    get(j, "throughput", r.throughput);
    get(j, "errands_done", r.errands_done);
    if (const auto w = j.find("throughput_windows"); w != j.end() && !w->is_null()) {
      get(*w, "ticks", r.window_ticks);
      get(*w, "errands", r.window_errands);
      if (r.window_ticks <= 0) throw std::invalid_argument("throughput_windows.ticks must be > 0");
    }
    get(j, "best_known", r.best_known);
    get(j, "warnings", r.warnings);
    get(j, "planner_calls", r.planner_calls);
    get(j, "planner_late", r.planner_late);
    get(j, "planner_p50_s", r.planner_p50_s);
    get(j, "planner_p99_s", r.planner_p99_s);
    get(j, "executed_violations", r.executed_violations);
    get(j, "planned_violations", r.planned_violations);
    get(j, "execution", r.execution);
    get(j, "delay_prob", r.delay_prob);
    get(j, "dependency_waits", r.dependency_waits);
    get(j, "planned_soc", r.planned_soc);
    get(j, "expanded", r.expanded);
    get(j, "generated", r.generated);
    get(j, "peak_memory_mb", r.peak_memory_mb);
    get(j, "wall_s", r.wall_s);
    get(j, "cpu_s", r.cpu_s);
    get(j, "exit", r.exit);
    get(j, "log_tail", r.log_tail);
    get(j, "finished_at", r.finished_at);
    out.run = std::move(r);
  } catch (const Json::exception& e) {
    throw std::invalid_argument(std::string("a field has the wrong type: ") + e.what());
  }
  return out;
}

std::string utc_now() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm parts{};
  gmtime_r(&now, &parts);
  std::array<char, 32> text{};
  const std::size_t n = std::strftime(text.data(), text.size(), "%Y-%m-%dT%H:%M:%SZ", &parts);
  return std::string(text.data(), n);
}

}  // namespace fleet::bench
