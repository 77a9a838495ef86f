// The screen-space parts of the window: the HUD, the robot and heat legends, the scrub bar,
// the minimap and the events / problems list. Each appends its shapes and text to one canvas, which
// draws them in a handful of calls.
#pragma once

#include <fleet/viz/camera.hpp>
#include <fleet/viz/font.hpp>
#include <fleet/viz/heatmap.hpp>
#include <fleet/viz/layers.hpp>
#include <fleet/viz/run_index.hpp>
#include <fleet/viz/timeline.hpp>

#include <SFML/Graphics/Rect.hpp>
#include <SFML/Graphics/RenderTarget.hpp>
#include <SFML/Graphics/VertexArray.hpp>

#include <optional>
#include <string>
#include <vector>

namespace fleet::viz {

class SceneRenderer;
class FramePair;

/// Shapes and text in screen pixels, drawn fills first, then strokes, then text.
struct OverlayCanvas {
  explicit OverlayCanvas(const sf::Font* font) : text(font) {}
  void clear();
  void rect(sf::FloatRect r, sf::Color colour);
  void outline(sf::FloatRect r, sf::Color colour);
  void draw_fills(sf::RenderTarget& target) const;
  void draw_rest(sf::RenderTarget& target) const;

  sf::VertexArray fills{sf::Quads};
  sf::VertexArray strokes{sf::Lines};
  TextBatch text;
};

/// Where the overlays sit in a window of `width` x `height` pixels.
struct OverlayLayout {
  sf::FloatRect scrub;    ///< empty when there is no scrub bar (snapshots)
  sf::FloatRect minimap;  ///< empty when hidden
  sf::FloatRect panel;    ///< empty when hidden
  /// The part of the window the floor is drawn in (from the top-left corner, left of the
  /// panel, above the scrub bar); opaque overlays outside it cost no floor pixels.
  sf::FloatRect map;
  Insets insets;          ///< what fitting the floor into `map` should keep clear
};
/// `with_places`: the source has places (shelves, stations, homes) for the legend to name.
[[nodiscard]] OverlayLayout layout_overlays(unsigned width, unsigned height, const Layers& layers,
                                            const planner::Grid& grid, bool interactive,
                                            bool with_places);

/// What the HUD reports.
struct HudFacts {
  std::string title;  ///< source kind, scenario and planner
  int tick = 0;
  int last_tick = 0;
  double position = 0.0;
  bool interactive = false;  ///< show play state, FPS and selection (not in snapshots)
  bool playing = false;
  double speed = 0.0;
  bool loop = false;
  bool live = false;
  int robots = 0;
  bool one_shot = false;
  std::int64_t errands = 0;         ///< lifelong: errands done up to the tick
  std::int64_t recent_errands = 0;  ///< lifelong: errands in the `recent_ticks` up to the tick
  int recent_ticks = 0;
  GoalFacts goals;                  ///< one-shot: robots on their goals and their costs
  double planner_last_s = 0.0;
  double planner_total_s = 0.0;
  bool planner_total_only = false;  ///< the source knows only the planner's whole time
  double fps = 0.0;
  double frame_ms = 0.0;
  int drawn = 0;
  RobotId selected = -1;
  bool following = false;
  std::string prompt;   ///< the find-robot prompt while typing
  std::string message;  ///< a transient note or an error
};
[[nodiscard]] std::vector<std::string> hud_lines(const HudFacts& facts);

/// Ticks over which the HUD's recent throughput is counted.
inline constexpr int kRecentTicks = 100;
/// Fills what the HUD says about the run at `frame`'s tick (robots, errands or goals, planner
/// time) from the source and its index.
void add_run_facts(HudFacts& facts, const ReplaySource& source, const RunIndex& index,
                   const Frame& frame);

/// The HUD: lines of text in a translucent box at the top-left corner.
void add_hud(OverlayCanvas& canvas, const std::vector<std::string>& lines);
/// The heat legend at the bottom-left corner, above `bottom` pixels.
void add_legend(OverlayCanvas& canvas, HeatKind kind, const HeatScale& scale, int window,
                float bottom);
/// Height of the heat legend (0 without a heatmap).
[[nodiscard]] float heat_legend_height(const Layers& layers);
/// Height of the robot legend (0 when `layers.legend` is off).
[[nodiscard]] float robot_legend_height(const Layers& layers, bool with_places);
/// The robot legend at the bottom-left corner, ending `bottom` pixels down: robot colours and
/// states, the heading mark under the rotation model, and the places when they are drawn.
void add_robot_legend(OverlayCanvas& canvas, const Layers& layers, bool rotation, bool with_places,
                      float bottom);

/// The timeline bar: progress, problem ticks in red, the playhead.
class ScrubBar {
public:
  void set_rect(sf::FloatRect rect) { rect_ = rect; }
  [[nodiscard]] bool contains(sf::Vector2f p) const { return rect_.contains(p); }
  /// The tick under screen x.
  [[nodiscard]] double position_at(float x, const Timeline& timeline) const;
  void add(OverlayCanvas& canvas, const Timeline& timeline, const RunIndex& index) const;

private:
  sf::FloatRect rect_;
};

/// The whole floor small, with every robot as a dot and the camera's view as a rectangle.
class Minimap {
public:
  void set_rect(sf::FloatRect rect, const planner::Grid& grid);
  [[nodiscard]] bool contains(sf::Vector2f p) const { return rect_.contains(p); }
  [[nodiscard]] Vec2 world_at(sf::Vector2f p) const;
  /// Draws floor and robots directly (they need textures), and adds the frame and view
  /// rectangle to the canvas.
  void draw(sf::RenderTarget& target, OverlayCanvas& canvas, const SceneRenderer& scene,
            const FramePair& frames, const planner::Motion& motion, const Camera& camera);

private:
  sf::FloatRect rect_;
  float scale_ = 1.0F;
  sf::Vector2f origin_;
  sf::VertexArray dots_{sf::Quads};
  int dots_tick_ = -1;              // the tick the dots show (rebuilt on a new tick only)
  std::vector<std::uint8_t> taken_;  // minimap pixels holding a dot, when robots share pixels
};

/// The events and problems lists; clicking a row asks the window to jump there.
class EventPanel {
public:
  enum class Tab { Problems, Events };
  void set_rect(sf::FloatRect rect) { rect_ = rect; }
  [[nodiscard]] bool contains(sf::Vector2f p) const { return rect_.contains(p); }
  void switch_tab() { tab_ = tab_ == Tab::Problems ? Tab::Events : Tab::Problems; }
  [[nodiscard]] Tab tab() const { return tab_; }
  /// Scrolls by whole rows (positive: down).
  void scroll(int rows);
  /// Keeps the rows around `tick` in view (while playing).
  void follow(const RunIndex& index, int tick);
  /// The row under `p`, if any; a click on the tab header switches tabs and returns nothing.
  [[nodiscard]] std::optional<IndexedEvent> click(sf::Vector2f p, const RunIndex& index);
  void add(OverlayCanvas& canvas, const RunIndex& index, const planner::Grid& grid, int tick) const;

private:
  [[nodiscard]] const std::vector<IndexedEvent>& rows(const RunIndex& index) const;
  [[nodiscard]] int visible_rows() const;

  sf::FloatRect rect_;
  Tab tab_ = Tab::Problems;
  int first_row_ = 0;
};

}  // namespace fleet::viz
