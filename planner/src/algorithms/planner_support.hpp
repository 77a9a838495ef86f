// Small pieces every built-in planner's solve() shares: timing, rejecting malformed
// instances, turning per-robot paths into a Plan, the low-level query of one robot, and
// parsing a parameter that names one of a few choices.
#pragma once

#include <fleet/planner/instance.hpp>
#include <fleet/planner/planner.hpp>
#include <fleet/planner/search/reservation_table.hpp>
#include <fleet/planner/search/space_time_astar.hpp>

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <initializer_list>
#include <span>
#include <stdexcept>
#include <string>
#include <utility>

namespace fleet::planner {

inline double seconds_since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

/// Fills `result` (InvalidInput, naming the first bad robot) and returns true when the
/// instance is malformed for the mode (one-shot or windowed).
inline bool reject_invalid(const Instance& instance, bool one_shot, Result& result,
                           std::chrono::steady_clock::time_point started) {
  const auto problems = check_instance(instance, one_shot);
  if (problems.empty()) return false;
  result.status = Status::InvalidInput;
  result.message =
      "robot " + std::to_string(problems.front().robot) + ": " + problems.front().message;
  result.stats.runtime_s = seconds_since(started);
  return true;
}

/// The plan of `robots` paths, `path_of(r)` giving robot r's states from tick 0: as long as
/// the longest path (robots rest on their last state), or horizon + 1 ticks when windowed.
template <typename PathOf>
Plan assemble_plan(std::size_t robots, int horizon, PathOf&& path_of) {
  std::size_t length = 1;
  if (horizon > 0) {
    length = static_cast<std::size_t>(horizon) + 1;
  } else {
    for (std::size_t r = 0; r < robots; ++r) length = std::max(length, path_of(r).size());
  }
  Plan plan(length, Config(robots));
  for (std::size_t r = 0; r < robots; ++r) {
    const std::span<const State> path = path_of(r);
    for (std::size_t t = 0; t < length; ++t) plan[t][r] = path[std::min(t, path.size() - 1)];
  }
  return plan;
}

/// The single-robot query of `robot` around the hard reservations `hard` (one-shot, or
/// windowed to the instance's horizon).
inline SearchQuery robot_query(const Instance& instance, RobotId robot,
                               const ReservationTable* hard) {
  SearchQuery query;
  query.start = instance.starts[static_cast<std::size_t>(robot)];
  query.goal = instance.goals[static_cast<std::size_t>(robot)];
  query.horizon = instance.horizon > 0 ? instance.horizon : 0;
  query.hard = hard;
  return query;
}

/// The index of `text` among `choices`; throws naming planner, parameter and choices.
inline std::size_t parse_choice(const std::string& planner, const std::string& param,
                                const std::string& text,
                                std::initializer_list<const char*> choices) {
  std::size_t i = 0;
  std::string names;
  for (const char* c : choices) {
    if (text == c) return i;
    names += (i == 0 ? "" : i + 1 == choices.size() ? " or " : ", ") + std::string(c);
    ++i;
  }
  throw std::invalid_argument("planner '" + planner + "': parameter '" + param + "' must be " +
                              names + ", got '" + text + "'");
}

}  // namespace fleet::planner
