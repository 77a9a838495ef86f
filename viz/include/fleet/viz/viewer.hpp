// The interactive window: timeline, camera, layers, heatmaps, lists and HUD over one source.
// run_viewer() owns the event loop until the window closes.
#pragma once

#include <fleet/viz/layers.hpp>
#include <fleet/viz/replay_source.hpp>

#include <SFML/Graphics/Font.hpp>

#include <filesystem>
#include <functional>
#include <string>

namespace fleet::viz {

/// Where one frame's time went (milliseconds), for benches.
struct FrameTiming {
  double update_ms = 0.0;   ///< timeline, trace decoding, heatmap, path
  double draw_ms = 0.0;     ///< building vertex arrays and issuing draw calls
  double present_ms = 0.0;  ///< display(): the GL driver finishing the frame and showing it
  double total_ms = 0.0;
  int drawn_robots = 0;
};

struct ViewerOptions {
  unsigned width = 1280;
  unsigned height = 800;
  Layers layers;
  double speed = 10.0;  ///< ticks per second
  bool loop = false;
  bool play = true;     ///< start playing
  int start_tick = 0;
  RobotId select = -1;  ///< robot to select (and follow) at start
  std::filesystem::path screenshot_dir = ".";
  int max_frames = 0;   ///< close after this many frames (0: when the user closes it)
  /// Advance playback by this many seconds per frame instead of the wall clock (> 0), so
  /// benches replay the same ticks whatever their speed.
  double fixed_step_s = 0.0;
  /// Zoom (x pixels per cell of the fitted view) and centre (in cells, < 0: the floor's
  /// centre) to start from.
  double zoom = 1.0;
  double centre_x = -1.0;
  double centre_y = -1.0;
  /// Saved (PNG) from the last frame when the window closes after max_frames.
  std::filesystem::path final_screenshot;
  /// Called after every frame.
  std::function<void(const FrameTiming&)> on_frame;
  /// Called once when the source fails while shown (a corrupt trace record, a failed live
  /// simulation); the window stays open with the message in its title until closed.
  std::function<void(const std::string&)> on_error;
};

/// The keyboard and mouse controls, one per line, as `--help` and docs list them.
[[nodiscard]] const char* controls_help();

/// Shows `source` until the window is closed (or max_frames). Returns 0, or 2 when the
/// source failed while shown. Needs an X display (check display_available() first).
int run_viewer(ReplaySource& source, const ViewerOptions& options, const sf::Font* font);

}  // namespace fleet::viz
