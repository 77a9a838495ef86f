// The progress line of long `fleetsim run`s and `solve`s on stderr: redrawn in place (\r) when
// stderr is a terminal, one line per tenth of the work otherwise (logs stay readable). Silent
// for short work.
#pragma once

#include <fleet/sim/simulator.hpp>

#include <string>

namespace fleet::cli {

class ProgressLine {
public:
  /// `enabled` false (--quiet) prints nothing at all.
  explicit ProgressLine(bool enabled);

  /// Shows `text` for work `fraction` (0..1) done after `elapsed_s` seconds.
  void update(double elapsed_s, double fraction, const std::string& text);
  /// Called by the simulator every few ticks.
  void update(const sim::SimProgress& progress);
  /// Clears the in-place line, if one was drawn.
  void finish();

private:
  bool enabled_;
  bool terminal_;
  bool drawn_ = false;
  double last_draw_s_ = -1.0;
  int last_tenth_ = 0;
};

}  // namespace fleet::cli
