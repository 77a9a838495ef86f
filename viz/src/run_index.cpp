#include <fleet/viz/run_index.hpp>

#include <fleet/planner/validator.hpp>

#include <algorithm>
#include <cstdio>

namespace fleet::viz {

bool is_problem(sim::TraceEventKind kind) {
  return kind == sim::TraceEventKind::ViolationPrevented ||
         kind == sim::TraceEventKind::PlannerTimeout || kind == sim::TraceEventKind::PlannerFailed;
}

std::string describe(const IndexedEvent& e, const planner::Grid& grid) {
  const sim::TraceEvent& ev = e.event;
  std::string text = "t=" + std::to_string(e.tick) + " ";
  switch (ev.kind) {
    case sim::TraceEventKind::ErrandDone: text += "done"; break;
    case sim::TraceEventKind::ViolationPrevented:
      text += ev.detail <= static_cast<std::uint8_t>(planner::ViolationKind::Malformed)
                  ? std::string(planner::to_string(static_cast<planner::ViolationKind>(ev.detail)))
                  : std::string("violation");
      text += " prevented";
      break;
    case sim::TraceEventKind::PlannerTimeout: text += "planner late"; break;
    case sim::TraceEventKind::PlannerFailed:
      text += ev.detail == 255 ? "planner: malformed plan" : "planner failed";
      break;
    case sim::TraceEventKind::Replan: text += "replan"; break;
    case sim::TraceEventKind::Stalled: text += "stalled " + std::to_string(ev.count) + " ticks"; break;
    case sim::TraceEventKind::BrokenDown:
      text += "broke down for " + std::to_string(ev.count) + " ticks";
      break;
  }
  if (ev.robot >= 0) text += " r" + std::to_string(ev.robot);
  if (ev.other >= 0) text += " x r" + std::to_string(ev.other);
  if (grid.valid(ev.cell))
    text += " (" + std::to_string(grid.x(ev.cell)) + "," + std::to_string(grid.y(ev.cell)) + ")";
  if (ev.kind == sim::TraceEventKind::PlannerTimeout || ev.kind == sim::TraceEventKind::PlannerFailed) {
    char seconds[32];
    std::snprintf(seconds, sizeof seconds, " %.3f s", static_cast<double>(ev.seconds));
    text += seconds;
  }
  return text;
}

void RunIndex::update(const ReplaySource& source) {
  const int first = source.first_tick();
  const int end = source.end_tick();
  if (end_ == 0 && errands_cum_.empty()) first_ = end_ = first;
  if (source.info().one_shot) arrivals_.resize(static_cast<std::size_t>(source.robots()));
  // A live source may have dropped ticks we never saw; carry the totals over the gap.
  const std::int64_t carried_errands = errands_cum_.empty() ? 0 : errands_cum_.back();
  const double carried_planner = planner_cum_.empty() ? 0.0 : planner_cum_.back();
  const float carried_last = last_call_.empty() ? 0.0F : last_call_.back();
  while (end_ < first) {
    errands_cum_.push_back(carried_errands);
    planner_cum_.push_back(carried_planner);
    last_call_.push_back(carried_last);
    ++end_;
  }
  for (; end_ < end; ++end_) {
    source.read_events(end_, scratch_);
    std::int64_t errands = errands_cum_.empty() ? 0 : errands_cum_.back();
    double planner = planner_cum_.empty() ? 0.0 : planner_cum_.back();
    float last = last_call_.empty() ? 0.0F : last_call_.back();
    for (const sim::TraceEvent& e : scratch_) {
      if (e.kind == sim::TraceEventKind::ErrandDone) {
        ++errands;
        ++errand_count_;
        if (errands_.size() < kMaxListed) errands_.push_back({end_, e});
        if (e.robot >= 0 && static_cast<std::size_t>(e.robot) < arrivals_.size())
          arrivals_[static_cast<std::size_t>(e.robot)].push_back(end_);
      } else if (is_problem(e.kind)) {
        ++problem_count_;
        if (problems_.size() < kMaxListed) problems_.push_back({end_, e});
      }
      if (e.kind != sim::TraceEventKind::ErrandDone && e.kind != sim::TraceEventKind::ViolationPrevented) {
        planner += static_cast<double>(e.seconds);
        last = e.seconds;
      }
    }
    errands_cum_.push_back(errands);
    planner_cum_.push_back(planner);
    last_call_.push_back(last);
  }
}

namespace {

template <typename T>
T at_tick(const std::vector<T>& values, int first, int tick) {
  if (values.empty() || tick < first) return T{};
  const auto i = std::min(static_cast<std::size_t>(tick - first), values.size() - 1);
  return values[i];
}

}  // namespace

std::int64_t RunIndex::errands_until(int tick) const { return at_tick(errands_cum_, first_, tick); }
double RunIndex::planner_seconds_until(int tick) const { return at_tick(planner_cum_, first_, tick); }
double RunIndex::last_planner_call(int tick) const {
  return static_cast<double>(at_tick(last_call_, first_, tick));
}

std::int64_t RunIndex::errands_in_window(int tick, int window) const {
  return errands_until(tick) - errands_until(std::max(tick - window, first_));
}

GoalFacts RunIndex::goals_reached(const Frame& frame, const planner::Motion& motion) const {
  GoalFacts facts;
  for (std::size_t r = 0; r < frame.states.size() && r < frame.goals.size(); ++r) {
    if (frame.goals[r] == planner::kNoCell || motion.cell(frame.states[r]) != frame.goals[r]) continue;
    ++facts.at_goal;
    int cost = 0;
    if (r < arrivals_.size()) {
      const auto& ticks = arrivals_[r];
      const auto after = std::upper_bound(ticks.begin(), ticks.end(), frame.tick);
      if (after != ticks.begin()) cost = *(after - 1);
    }
    facts.sum_of_costs += cost;
    facts.makespan = std::max(facts.makespan, cost);
  }
  return facts;
}

}  // namespace fleet::viz
