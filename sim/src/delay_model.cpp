#include "delay_model.hpp"

#include "splitmix.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

namespace fleet::sim {
namespace {

// One independent stream of draws per delay model.
enum Stream : std::uint64_t { kSlowStream = 1, kSlipStream, kStallStream, kStallLength, kBreakdownStream };

void check_probability(double p, const char* name) {
  if (!(p >= 0.0 && p <= 1.0))
    throw std::invalid_argument(std::string(name) + " must be in [0, 1], got " + std::to_string(p));
}

}  // namespace

DelayModel::DelayModel(const DelaySettings& settings, std::uint64_t seed, int robots)
    : settings_(settings), seed_(seed) {
  check_probability(settings.slip_prob, "the slip probability");
  check_probability(settings.slow_fraction, "the share of slow robots");
  check_probability(settings.stall_prob, "the stall probability");
  check_probability(settings.breakdown_prob, "the breakdown probability");
  if (!(settings.slow_speed > 0.0 && settings.slow_speed <= 1.0))
    throw std::invalid_argument("the speed of slow robots must be in (0, 1]");
  if (settings.stall_min < 1 || settings.stall_max < settings.stall_min)
    throw std::invalid_argument("stall lengths must satisfy 1 <= min <= max");
  if (settings.repair_ticks < 1) throw std::invalid_argument("repair ticks must be >= 1");
  for (const ScheduledBreakdown& b : settings.scheduled)
    if (b.robot < 0 || b.robot >= robots || b.tick < 0 || b.repair_ticks < 1)
      throw std::invalid_argument("scheduled breakdown of robot " + std::to_string(b.robot) +
                                  " at tick " + std::to_string(b.tick) +
                                  ": needs a robot of the fleet, a tick >= 0 and repair >= 1");
  const auto n = static_cast<std::size_t>(robots);
  slow_.assign(n, 0);
  stalled_until_.assign(n, 0);
  broken_until_.assign(n, 0);
  if (settings.slow_fraction > 0.0)
    for (planner::RobotId r = 0; r < robots; ++r)
      slow_[r] = uniform(kSlowStream, r, 0) < settings.slow_fraction ? 1 : 0;
}

double DelayModel::uniform(std::uint64_t stream, planner::RobotId r, int tick) const {
  const std::uint64_t word = detail::hash3(detail::splitmix64(seed_ + stream),
                                           static_cast<std::uint64_t>(r),
                                           static_cast<std::uint64_t>(tick));
  return static_cast<double>(word >> 11) * 0x1.0p-53;
}

DelayModel::Draw DelayModel::draw(planner::RobotId r, int tick) {
  if (!enabled()) return {};
  if (broken_until_[r] > tick) return {DelayKind::Breakdown};
  if (stalled_until_[r] > tick) return {DelayKind::Stall};
  for (const ScheduledBreakdown& b : settings_.scheduled) {
    if (b.robot != r || b.tick != tick) continue;
    broken_until_[r] = tick + b.repair_ticks;
    return {DelayKind::Breakdown, true, b.repair_ticks};
  }
  if (settings_.breakdown_prob > 0.0 && uniform(kBreakdownStream, r, tick) < settings_.breakdown_prob) {
    broken_until_[r] = tick + settings_.repair_ticks;
    return {DelayKind::Breakdown, true, settings_.repair_ticks};
  }
  if (settings_.stall_prob > 0.0 && uniform(kStallStream, r, tick) < settings_.stall_prob) {
    const auto span = static_cast<std::uint64_t>(settings_.stall_max - settings_.stall_min + 1);
    const int length =
        settings_.stall_min +
        static_cast<int>(detail::bounded(detail::hash3(detail::splitmix64(seed_ + kStallLength),
                                                       static_cast<std::uint64_t>(r),
                                                       static_cast<std::uint64_t>(tick)),
                                         span));
    stalled_until_[r] = tick + length;
    return {DelayKind::Stall, true, length};
  }
  if (slow_[r] != 0) {
    // A robot of speed s completes a step in the ticks where floor(t * s) goes up.
    const double s = settings_.slow_speed;
    if (std::floor((tick + 1) * s) == std::floor(tick * s)) return {DelayKind::Slow};
  }
  if (settings_.slip_prob > 0.0 && uniform(kSlipStream, r, tick) < settings_.slip_prob)
    return {DelayKind::Slip};
  return {};
}

}  // namespace fleet::sim
