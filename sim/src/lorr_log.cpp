#include <fleet/planner/input_error.hpp>
#include <fleet/planner/output_file.hpp>
#include <fleet/sim/lorr_log.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <ostream>
#include <stdexcept>
#include <tuple>

namespace fleet::sim {

namespace {

char action_letter(const planner::Motion& motion, planner::State from, planner::State to) {
  planner::Action action{};
  if (!motion.transition(from, to, &action)) return 'T';
  switch (action) {
    case planner::Action::Forward: return 'F';
    case planner::Action::RotateCW: return 'R';
    case planner::Action::RotateCCW: return 'C';
    case planner::Action::Wait: return 'W';
    case planner::Action::Move: return 'T';  // not an action of the rotation model
  }
  return 'T';
}

constexpr const char* kHeadings[4] = {"E", "S", "W", "N"};

/// Writes `letters` as "A,B,C" (a JSON string without escapes: letters only).
void write_path(std::ostream& out, const std::string& letters) {
  out << '"';
  for (std::size_t i = 0; i < letters.size(); ++i) {
    if (i > 0) out << ',';
    out << letters[i];
  }
  out << '"';
}

/// One `"key": value` line; the last field of the object has no comma.
void write_field(std::ostream& out, const char* key, const nlohmann::json& value, bool last = false) {
  out << "  \"" << key << "\": " << value.dump() << (last ? "\n" : ",\n");
}

}  // namespace

std::string_view to_string(LorrLogFormat format) {
  return format == LorrLogFormat::Lorr2024 ? "2024" : "2023";
}

LorrLogFormat lorr_log_format(int year) {
  if (year == 2023) return LorrLogFormat::Lorr2023;
  if (year == 2024) return LorrLogFormat::Lorr2024;
  throw std::invalid_argument("no League of Robot Runners log format for " + std::to_string(year) +
                              " (known: 2023, 2024)");
}

LorrLog::LorrLog(const planner::Motion& motion, std::span<const planner::State> starts,
                 LorrLogFormat format)
    : motion_(&motion),
      format_(format),
      starts_(starts.begin(), starts.end()),
      actual_(starts.size()),
      planned_(starts.size()),
      current_task_(starts.size(), -1),
      events_(starts.size()) {
  if (!motion.has_heading())
    throw std::invalid_argument("the League of Robot Runners log needs the rotation model");
}

std::int64_t LorrLog::assigned(planner::RobotId robot, planner::Cell goal, int tick) {
  const auto id = static_cast<std::int64_t>(tasks_.size());
  tasks_.push_back({id, goal, tick});
  current_task_[robot] = id;
  events_[robot].push_back({id, tick, false});
  return id;
}

void LorrLog::finished(planner::RobotId robot, int tick) {
  if (current_task_[robot] < 0) return;
  events_[robot].push_back({current_task_[robot], tick, true});
  current_task_[robot] = -1;
}

void LorrLog::step(std::span<const planner::State> from, std::span<const planner::State> planned,
                   std::span<const planner::State> executed) {
  for (std::size_t r = 0; r < starts_.size(); ++r) {
    planned_[r].push_back(action_letter(*motion_, from[r], planned[r]));
    actual_[r].push_back(action_letter(*motion_, from[r], executed[r]));
  }
}

void LorrLog::error(planner::RobotId a, planner::RobotId b, int tick, std::string message) {
  errors_.push_back({a, b, tick, std::move(message)});
}

void LorrLog::write(std::ostream& out, const Totals& totals) const {
  out << "{\n";
  write_common(out, totals);
  if (format_ == LorrLogFormat::Lorr2024)
    write_2024_tasks(out);
  else
    write_2023_tasks(out);
  out << "}\n";
}

void LorrLog::write_common(std::ostream& out, const Totals& totals) const {
  const planner::Grid& grid = motion_->grid();
  write_field(out, "version", std::string(to_string(format_)) + " LoRR");
  write_field(out, "actionModel", "MAPF_T");
  write_field(out, "AllValid", totals.all_valid ? "Yes" : "No");
  write_field(out, "teamSize", starts_.size());
  nlohmann::json start = nlohmann::json::array();
  for (const planner::State s : starts_) {
    const planner::Cell c = motion_->cell(s);
    start.push_back({grid.y(c), grid.x(c), kHeadings[motion_->heading(s) & 3]});
  }
  write_field(out, "start", start);
  write_field(out, "numTaskFinished", totals.tasks_finished);
  write_field(out, "sumOfCost", totals.sum_of_cost);
  write_field(out, "makespan", totals.makespan);
  // The per-robot path strings dominate (robots x ticks letters), so they are streamed rather
  // than built as one JSON value; the small fields go through nlohmann for correct escaping.
  for (const auto& [key, paths] : {std::pair{"actualPaths", &actual_}, std::pair{"plannerPaths", &planned_}}) {
    out << "  \"" << key << "\": [";
    for (std::size_t r = 0; r < paths->size(); ++r) {
      out << (r == 0 ? "\n    " : ",\n    ");
      write_path(out, (*paths)[r]);
    }
    out << "\n  ],\n";
  }
  write_field(out, "plannerTimes", planner_times_);
  nlohmann::json errors = nlohmann::json::array();
  for (const Error& e : errors_) errors.push_back({e.a, e.b, e.tick, e.message});
  write_field(out, "errors", errors);
}

void LorrLog::write_2023_tasks(std::ostream& out) const {
  const planner::Grid& grid = motion_->grid();
  nlohmann::json events = nlohmann::json::array();
  for (const auto& robot_events : events_) {
    nlohmann::json list = nlohmann::json::array();
    for (const Event& e : robot_events)
      list.push_back({e.task, e.tick, e.finished ? "finished" : "assigned"});
    events.push_back(std::move(list));
  }
  write_field(out, "events", events);
  nlohmann::json tasks = nlohmann::json::array();
  for (const Task& t : tasks_) tasks.push_back({t.id, grid.y(t.cell), grid.x(t.cell)});
  write_field(out, "tasks", tasks, true);
}

void LorrLog::write_2024_tasks(std::ostream& out) const {
  const planner::Grid& grid = motion_->grid();
  // The simulator is its own scheduler, so what was planned is what was executed.
  nlohmann::json schedule = nlohmann::json::array();
  std::vector<std::tuple<int, std::size_t, std::int64_t>> finished;  // tick, robot, task
  for (std::size_t r = 0; r < events_.size(); ++r) {
    std::string text;
    for (const Event& e : events_[r]) {
      if (e.finished) {
        finished.emplace_back(e.tick, r, e.task);
        continue;
      }
      text += (text.empty() ? "" : ",") + std::to_string(e.tick) + ":" + std::to_string(e.task);
    }
    schedule.push_back(std::move(text));
  }
  write_field(out, "actualSchedule", schedule);
  write_field(out, "plannerSchedule", schedule);
  write_field(out, "scheduleErrors", nlohmann::json::array());
  std::sort(finished.begin(), finished.end());
  nlohmann::json events = nlohmann::json::array();
  // [tick, robot, task, errands of the task done]: every task here has one errand.
  for (const auto& [tick, robot, task] : finished) events.push_back({tick, robot, task, 1});
  write_field(out, "events", events);
  nlohmann::json tasks = nlohmann::json::array();
  for (const Task& t : tasks_)
    tasks.push_back({t.id, t.released, nlohmann::json::array({grid.y(t.cell), grid.x(t.cell)})});
  write_field(out, "tasks", tasks, true);
}

void LorrLog::write_file(const std::filesystem::path& path, const Totals& totals) const {
  std::ostringstream text;
  write(text, totals);
  write_file_atomically(path, text.str());
}

}  // namespace fleet::sim
