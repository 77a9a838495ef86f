// Reads the `execution` section of a fleetsim YAML scenario: the execution policy, the delay
// models and the replanning trigger.
#include "scenario_parts.hpp"

#include <stdexcept>
#include <string>

namespace fleet::sim::detail {
namespace {

constexpr std::int64_t kMaxTicks = 100'000'000;

double probability(const YamlSource& source, const YamlField& f) {
  const double p = source.number(f, -1.0, 1.0);
  if (p < 0.0) source.fail(f.line, "'" + f.name + "' must be in [0, 1], got " + std::to_string(p));
  return p;
}

}  // namespace

ExecutionSettings read_execution(const YamlSource& source, const YamlField& field) {
  ExecutionSettings out;
  DelaySettings& d = out.delays;
  const auto fields = source.fields(
      field.value, field.line, "execution",
      {"policy", "slip_prob", "slow_fraction", "slow_speed", "stall_prob", "stall_ticks",
       "breakdown_prob", "repair_ticks", "replan_after_lag", "delay_seed", "breakdowns"});
  if (const auto* f = find_field(fields, "policy")) {
    try {
      out.policy = parse_execution_policy(source.text(*f));
    } catch (const std::invalid_argument& e) {
      source.fail(f->line, e.what());
    }
  }
  if (const auto* f = find_field(fields, "slip_prob")) d.slip_prob = probability(source, *f);
  if (const auto* f = find_field(fields, "slow_fraction")) d.slow_fraction = probability(source, *f);
  if (const auto* f = find_field(fields, "slow_speed")) d.slow_speed = source.number(*f, 0.0, 1.0);
  if (const auto* f = find_field(fields, "stall_prob")) d.stall_prob = probability(source, *f);
  if (const auto* f = find_field(fields, "stall_ticks")) {
    // One length, or [min, max] drawn uniformly.
    if (f->value.IsSequence()) {
      if (f->value.size() != 2)
        source.fail(f->line, "'execution.stall_ticks' must be a length or [min, max]");
      d.stall_min = static_cast<int>(source.integer(f->value[0], f->name + " min", f->line, 1, kMaxTicks));
      d.stall_max = static_cast<int>(source.integer(f->value[1], f->name + " max", f->line, 1, kMaxTicks));
      if (d.stall_max < d.stall_min)
        source.fail(f->line, "'execution.stall_ticks' must be [min, max] with min <= max");
    } else {
      d.stall_min = d.stall_max = static_cast<int>(source.integer(*f, 1, kMaxTicks));
    }
  }
  if (const auto* f = find_field(fields, "breakdown_prob")) d.breakdown_prob = probability(source, *f);
  if (const auto* f = find_field(fields, "repair_ticks"))
    d.repair_ticks = static_cast<int>(source.integer(*f, 1, kMaxTicks));
  if (const auto* f = find_field(fields, "breakdowns")) {
    // [[robot, tick, repair_ticks], ...]
    source.require_sequence(f->value, f->name, f->line);
    for (const YAML::Node& item : f->value) {
      const int line = YamlSource::line_of(item, f->line);
      if (!item.IsSequence() || item.size() != 3)
        source.fail(line, "each of 'execution.breakdowns' must be [robot, tick, repair_ticks]");
      ScheduledBreakdown b;
      b.robot = static_cast<int>(source.integer(item[0], f->name + " robot", line, 0, kMaxTicks));
      b.tick = static_cast<int>(source.integer(item[1], f->name + " tick", line, 0, kMaxTicks));
      b.repair_ticks = static_cast<int>(source.integer(item[2], f->name + " repair_ticks", line, 1, kMaxTicks));
      d.scheduled.push_back(b);
    }
  }
  if (const auto* f = find_field(fields, "replan_after_lag"))
    out.replan_after_lag = static_cast<int>(source.integer(*f, 0, kMaxTicks));
  if (const auto* f = find_field(fields, "delay_seed"))
    out.delay_seed = source.unsigned_integer(f->value, f->name, f->line);
  return out;
}

}  // namespace fleet::sim::detail
