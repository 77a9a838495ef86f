// The window's state and its parts; viewer.cpp runs the loop and draws, viewer_input.cpp
// turns keyboard and mouse events into changes of this state.
#pragma once

#include <fleet/viz/camera.hpp>
#include <fleet/viz/frame_pair.hpp>
#include <fleet/viz/heatmap.hpp>
#include <fleet/viz/overlays.hpp>
#include <fleet/viz/run_index.hpp>
#include <fleet/viz/scene.hpp>
#include <fleet/viz/timeline.hpp>
#include <fleet/viz/viewer.hpp>

#include <SFML/Graphics/RenderWindow.hpp>
#include <SFML/System/Clock.hpp>
#include <SFML/Window/Event.hpp>

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace fleet::viz {

class Viewer {
public:
  Viewer(ReplaySource& source, const ViewerOptions& options, const sf::Font* font);
  int run();

private:
  // viewer.cpp
  void update(double seconds);
  void update_heat();
  void update_path();
  void render();
  void relayout();
  void fit();
  void fail(const std::string& message);
  void note(const std::string& message);
  HudFacts hud_facts() const;

  // viewer_input.cpp
  void handle(const sf::Event& event);
  void handle_key(const sf::Event::KeyEvent& key);
  void handle_prompt_key(const sf::Event::KeyEvent& key);
  void handle_press(const sf::Event::MouseButtonEvent& button);
  void handle_move(sf::Vector2f mouse);
  void handle_release(const sf::Event::MouseButtonEvent& button);
  void jump_to(const IndexedEvent& event);
  void jump_problem(int direction);
  void select(RobotId robot, bool centre);
  void cycle_heat();
  void save_screenshot(const std::filesystem::path& path);  // the frame drawn, before display()

  ReplaySource& source_;
  ViewerOptions options_;
  const sf::Font* font_;
  sf::RenderWindow window_;
  Camera camera_;
  Timeline timeline_;
  FramePair frames_;
  std::unique_ptr<SceneRenderer> scene_;
  HeatField heat_;
  RunIndex index_;
  Layers layers_;
  OverlayLayout layout_;
  ScrubBar scrub_;
  Minimap minimap_;
  EventPanel panel_;
  OverlayCanvas canvas_;

  RobotId selected_ = -1;
  bool following_ = false;
  bool centre_pending_ = false;  // centre the selection once its tick is loaded
  std::vector<State> path_;
  Frame path_scratch_;
  int path_tick_ = -1;
  RobotId path_robot_ = -1;
  int last_window_ = 100;
  int heat_mode_ = -1;  // the heat window the field was last built for (0: whole run)  // the sliding window size restored by the window toggle

  std::optional<std::string> prompt_;  // find-robot digits while typing
  enum class Drag { None, Map, Scrub, Minimap } drag_ = Drag::None;
  sf::Vector2f drag_last_;
  float drag_moved_ = 0.0F;

  std::filesystem::path screenshot_to_;  // set: save the next frame there
  std::string message_;
  double message_left_s_ = 0.0;
  std::string error_;
  double frame_ms_ = 0.0;
  double fps_ = 0.0;
};

}  // namespace fleet::viz
