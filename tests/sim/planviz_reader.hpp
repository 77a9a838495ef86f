// Reads a League of Robot Runners output log the way PlanViz does, so tests can tell whether
// PlanViz would open a log fleetsim wrote. PlanViz indexes the JSON without checking it and
// fails with KeyError, IndexError, ValueError or an assertion on what it cannot use; here each
// of those is a std::runtime_error. The 2023 reader follows PlanViz's PlanConfig, the 2024
// reader its PlanConfig2 (tasks with release ticks and stops, schedules, flat events).
#pragma once

#include <nlohmann/json.hpp>

#include <map>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace fleet::test {

/// A robot's pose as PlanViz keeps it: row, column and direction (0 E, 1 N, 2 W, 3 S).
struct PlanVizPose {
  int row = 0;
  int col = 0;
  int dir = 0;
  friend bool operator==(const PlanVizPose&, const PlanVizPose&) = default;
};

struct PlanVizLog {
  int team_size = 0;
  int makespan = 0;
  std::vector<std::vector<PlanVizPose>> executed;  ///< per robot, start first
  std::vector<std::vector<PlanVizPose>> planned;   ///< per robot: executed pose + planned action
  std::map<int, std::vector<std::pair<int, int>>> task_stops;  ///< task id -> [(row, col)]
  std::vector<std::pair<int, int>> assigned;  ///< (tick, task)
  std::vector<std::pair<int, int>> finished;  ///< (tick, task)
  int errors = 0;
};

namespace planviz_detail {

inline const nlohmann::json& key(const nlohmann::json& data, const char* name) {
  if (!data.is_object() || !data.contains(name))
    throw std::runtime_error(std::string("KeyError: ") + name);
  return data.at(name);
}

inline const nlohmann::json& item(const nlohmann::json& list, std::size_t i) {
  if (!list.is_array() || i >= list.size()) throw std::runtime_error("IndexError");
  return list[i];
}

inline int integer(const nlohmann::json& value) {
  if (!value.is_number_integer()) throw std::runtime_error("not an integer: " + value.dump());
  return value.get<int>();
}

/// Python's int() on a string: digits only (an empty string is a ValueError).
inline int parse_int(const std::string& text) {
  std::size_t used = 0;
  int value = 0;
  try {
    value = std::stoi(text, &used);
  } catch (const std::exception&) {
    throw std::runtime_error("ValueError: int('" + text + "')");
  }
  if (used != text.size()) throw std::runtime_error("ValueError: int('" + text + "')");
  return value;
}

inline std::vector<std::string> split(const std::string& text, char sep) {
  std::vector<std::string> parts(1);
  for (const char c : text) {
    if (c == sep)
      parts.emplace_back();
    else
      parts.back() += c;
  }
  return parts;
}

inline PlanVizPose transition(PlanVizPose p, const std::string& motion) {
  static constexpr int kRow[4] = {0, -1, 0, 1};
  static constexpr int kCol[4] = {1, 0, -1, 0};
  if (motion == "F") return {p.row + kRow[p.dir], p.col + kCol[p.dir], p.dir};
  if (motion == "R") return {p.row, p.col, (p.dir + 3) % 4};
  if (motion == "C") return {p.row, p.col, (p.dir + 1) % 4};
  if (motion == "W" || motion == "T") return p;
  throw std::runtime_error("Invalid motion '" + motion + "'");
}

inline PlanVizPose start_pose(const nlohmann::json& start) {
  static const std::map<std::string, int> kDirection = {{"E", 0}, {"N", 1}, {"W", 2}, {"S", 3}};
  const std::string dir = item(start, 2).get<std::string>();
  const auto it = kDirection.find(dir);
  if (it == kDirection.end()) throw std::runtime_error("KeyError: direction " + dir);
  return {integer(item(start, 0)), integer(item(start, 1)), it->second};
}

// load_paths: the executed poses from the actions; planned poses from the executed pose
// before each planned action.
inline void read_paths(const nlohmann::json& data, PlanVizLog& log) {
  for (int r = 0; r < log.team_size; ++r) {
    const auto u = static_cast<std::size_t>(r);
    std::vector<PlanVizPose> executed{start_pose(item(key(data, "start"), u))};
    for (const std::string& m : split(item(key(data, "actualPaths"), u).get<std::string>(), ','))
      executed.push_back(transition(executed.back(), m));
    std::vector<PlanVizPose> planned{executed.front()};
    const auto moves = split(item(key(data, "plannerPaths"), u).get<std::string>(), ',');
    for (std::size_t t = 0; t < moves.size(); ++t) {
      if (t >= executed.size()) throw std::runtime_error("IndexError: planner path too long");
      planned.push_back(transition(executed[t], moves[t]));
    }
    log.executed.push_back(std::move(executed));
    log.planned.push_back(std::move(planned));
  }
  for (const auto& e : key(data, "errors")) {
    (void)integer(item(e, 0));
    (void)integer(item(e, 1));
    (void)integer(item(e, 2));
    ++log.errors;
  }
}

// PlanConfig.load_events / load_tasks: per-robot [task, tick, "assigned"|"finished"]; the
// task of id t is tasks[t] and starts with t.
inline void read_2023_tasks(const nlohmann::json& data, PlanVizLog& log) {
  const auto& tasks = key(data, "tasks");
  for (int r = 0; r < log.team_size; ++r) {
    for (const auto& e : item(key(data, "events"), static_cast<std::size_t>(r))) {
      const int task = integer(item(e, 0));
      const int tick = integer(item(e, 1));
      const std::string what = item(e, 2).get<std::string>();
      if (what == "assigned") {
        const auto& t = item(tasks, static_cast<std::size_t>(task));
        if (integer(item(t, 0)) != task) throw std::runtime_error("AssertionError: tid == task[0]");
        log.task_stops[task] = {{integer(item(t, 1)), integer(item(t, 2))}};
        log.assigned.emplace_back(tick, task);
      } else if (what == "finished") {
        log.finished.emplace_back(tick, task);
      }
    }
  }
}

// PlanConfig2.load_sequential_tasks / load_schedule / load_events.
inline void read_2024_tasks(const nlohmann::json& data, PlanVizLog& log) {
  for (const auto& t : key(data, "tasks")) {
    const int id = integer(item(t, 0));
    if (integer(item(t, 1)) > log.makespan) continue;  // released after the shown ticks
    const auto& stops = item(t, 2);
    if (!stops.is_array() || stops.empty() || stops.size() % 2 != 0)
      throw std::runtime_error("task stops must be (row, col) pairs: " + stops.dump());
    auto& list = log.task_stops[id];
    for (std::size_t i = 0; i < stops.size(); i += 2)
      list.emplace_back(integer(stops[i]), integer(stops[i + 1]));
  }
  for (const auto& schedule : key(data, "actualSchedule")) {
    const std::string text = schedule.get<std::string>();
    for (const std::string& entry : split(text, ',')) {
      const auto parts = split(entry, ':');
      if (parts.size() < 2) throw std::runtime_error("IndexError: schedule entry '" + entry + "'");
      const int tick = parse_int(parts[0]);
      if (tick > log.makespan) continue;
      const int task = parse_int(parts[1]);
      if (!log.task_stops.contains(task)) throw std::runtime_error("AssertionError: task_id in seq_tasks");
      log.assigned.emplace_back(tick, task);
    }
  }
  for (const auto& e : key(data, "events")) {
    const int tick = integer(item(e, 0));
    (void)integer(item(e, 1));
    const int task = integer(item(e, 2));
    const int stop = integer(item(e, 3)) - 1;
    const auto it = log.task_stops.find(task);
    if (it == log.task_stops.end()) throw std::runtime_error("KeyError: task " + std::to_string(task));
    if (stop < 0 || stop >= static_cast<int>(it->second.size()))
      throw std::runtime_error("IndexError: stop " + std::to_string(stop));
    log.finished.emplace_back(tick, task);
  }
}

}  // namespace planviz_detail

/// Reads `data` as PlanViz would show its whole run: the reader is chosen by "version".
inline PlanVizLog read_like_planviz(const nlohmann::json& data) {
  using namespace planviz_detail;
  PlanVizLog log;
  log.team_size = integer(key(data, "teamSize"));
  log.makespan = integer(key(data, "makespan"));
  if (key(data, "actionModel").get<std::string>() != "MAPF_T")
    throw std::runtime_error("not a rotation-model log");
  read_paths(data, log);
  const std::string version = key(data, "version").get<std::string>();
  if (version == "2024 LoRR")
    read_2024_tasks(data, log);
  else if (version == "2023 LoRR")
    read_2023_tasks(data, log);
  else
    throw std::runtime_error("unknown version " + version);
  return log;
}

}  // namespace fleet::test
