// Headless pictures: one frame of a source rendered off-screen (sf::RenderTexture) into an
// image, the same drawing as the window's without its interactive parts. Needs an X display
// for the GL context (under Xvfb: `xvfb-run -a`).
#pragma once

#include <fleet/viz/camera.hpp>
#include <fleet/viz/layers.hpp>
#include <fleet/viz/replay_source.hpp>

#include <SFML/Graphics/Font.hpp>
#include <SFML/Graphics/Image.hpp>

#include <filesystem>

namespace fleet::viz {

struct SnapshotOptions {
  int tick = 0;
  unsigned width = 1280;
  unsigned height = 800;
  Layers layers;  ///< minimap and panel are never drawn in a snapshot
  RobotId selected = -1;
};

/// The camera a snapshot of `source` uses: the floor fitted into the picture.
[[nodiscard]] Camera snapshot_camera(const ReplaySource& source, const SnapshotOptions& options);

/// Renders tick `options.tick` of `source`. Throws std::invalid_argument for a tick outside
/// the source or a size of 0 or over 16384, std::runtime_error when no off-screen target can
/// be made, and what the source's read() throws.
[[nodiscard]] sf::Image render_snapshot(const ReplaySource& source, const SnapshotOptions& options,
                                        const sf::Font* font);

/// Writes `image` as PNG (by the file's extension); throws std::runtime_error on failure.
void save_image(const sf::Image& image, const std::filesystem::path& path);

/// Whether an X display can be opened (SFML aborts the process without one, so ask first).
[[nodiscard]] bool display_available();

/// A connection to the X display, held open while it lives. An X server (Xvfb by default)
/// resets when its last client leaves and refuses connections meanwhile, which would make
/// SFML abort; holding this from the check until the program ends avoids that window.
class DisplayConnection {
public:
  DisplayConnection();
  ~DisplayConnection();
  DisplayConnection(const DisplayConnection&) = delete;
  DisplayConnection& operator=(const DisplayConnection&) = delete;
  [[nodiscard]] bool open() const { return display_ != nullptr; }

private:
  void* display_ = nullptr;  // Display*, kept opaque so Xlib's macros stay out of headers
};

}  // namespace fleet::viz
