#include "progress.hpp"

#include <fmt/core.h>

#include <cstdio>
#include <unistd.h>

namespace fleet::cli {
namespace {

// Work shorter than this never shows progress; a terminal line is redrawn at most this often.
constexpr double kQuietRunS = 0.5;
constexpr double kRedrawS = 0.1;

std::string describe(const sim::SimProgress& p, double fraction) {
  std::string text = fmt::format("tick {}/{} ({:.0f}%), {} errands done, {:.1f} s", p.tick,
                                 p.steps, 100.0 * fraction, p.errands_done, p.elapsed_s);
  if (fraction > 0.0 && fraction < 1.0)
    text += fmt::format(", ~{:.0f} s left", p.elapsed_s * (1.0 - fraction) / fraction);
  return text;
}

}  // namespace

ProgressLine::ProgressLine(bool enabled)
    : enabled_(enabled), terminal_(isatty(fileno(stderr)) != 0) {}

void ProgressLine::update(double elapsed_s, double fraction, const std::string& text) {
  if (!enabled_ || elapsed_s < kQuietRunS) return;
  if (terminal_) {
    if (elapsed_s - last_draw_s_ < kRedrawS && fraction < 1.0) return;
    last_draw_s_ = elapsed_s;
    fmt::print(stderr, "\r\033[K{}", text);
    std::fflush(stderr);
    drawn_ = true;
    return;
  }
  const int tenth = static_cast<int>(10.0 * fraction);
  if (tenth <= last_tenth_) return;
  last_tenth_ = tenth;
  fmt::print(stderr, "fleetsim: progress: {}\n", text);
}

void ProgressLine::update(const sim::SimProgress& p) {
  if (!enabled_ || p.elapsed_s < kQuietRunS) return;  // spares the formatting
  const double fraction = p.steps > 0 ? static_cast<double>(p.tick) / p.steps : 1.0;
  update(p.elapsed_s, fraction, describe(p, fraction));
}

void ProgressLine::finish() {
  if (!drawn_) return;
  fmt::print(stderr, "\r\033[K");
  std::fflush(stderr);
  drawn_ = false;
}

}  // namespace fleet::cli
