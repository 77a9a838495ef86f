#include <fleet/sim/execution.hpp>

#include <fmt/core.h>

#include <stdexcept>

namespace fleet::sim {

std::string_view to_string(ExecutionPolicy policy) {
  switch (policy) {
    case ExecutionPolicy::Exact: return "exact";
    case ExecutionPolicy::Adg: return "adg";
  }
  return "unknown";
}

ExecutionPolicy parse_execution_policy(std::string_view text) {
  if (text == "exact") return ExecutionPolicy::Exact;
  if (text == "adg") return ExecutionPolicy::Adg;
  throw std::invalid_argument("unknown execution policy '" + std::string(text) +
                              "' (valid: exact, adg)");
}

std::string_view to_string(DelayKind kind) {
  switch (kind) {
    case DelayKind::None: return "none";
    case DelayKind::Slip: return "slip";
    case DelayKind::Slow: return "slow";
    case DelayKind::Stall: return "stall";
    case DelayKind::Breakdown: return "breakdown";
  }
  return "unknown";
}

std::string describe(const ExecutionSettings& settings) {
  const DelaySettings& d = settings.delays;
  std::string text(to_string(settings.policy));
  if (d.slip_prob > 0.0) text += fmt::format(", slip {:g}", d.slip_prob);
  if (d.slow_fraction > 0.0)
    text += fmt::format(", {:g} of robots at speed {:g}", d.slow_fraction, d.slow_speed);
  if (d.stall_prob > 0.0)
    text += fmt::format(", stall {:g} ({}-{} ticks)", d.stall_prob, d.stall_min, d.stall_max);
  if (d.breakdown_prob > 0.0)
    text += fmt::format(", breakdown {:g} (repair {} ticks)", d.breakdown_prob, d.repair_ticks);
  if (!d.scheduled.empty()) text += fmt::format(", {} scheduled breakdowns", d.scheduled.size());
  if (!d.any()) text += ", no delays";
  if (settings.replan_after_lag > 0)
    text += fmt::format(", replan after {} ticks of lag", settings.replan_after_lag);
  return text;
}

}  // namespace fleet::sim
