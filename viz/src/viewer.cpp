// The window's loop: advance the timeline, load the ticks around it, refresh heatmap and
// path when they are stale, then draw the floor, the fleet and the overlays.
#include "viewer_impl.hpp"

#include <fleet/planner/input_error.hpp>

#include <SFML/Window/Event.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <exception>

namespace fleet::viz {

const char* controls_help() {
  return "Keyboard:\n"
         "  Space            play / pause\n"
         "  Left / Right     step one tick back / forward (Shift: 10, Ctrl: 100)\n"
         "  Up / Down, + / - play faster / slower (x2)\n"
         "  Home / End       first / last tick\n"
         "  L                loop on / off\n"
         "  F                fit the floor to the window\n"
         "  / or Ctrl+F      find a robot by id (type digits, Enter)\n"
         "  C                follow the selected robot on / off\n"
         "  Esc              clear the selection (or cancel find)\n"
         "  N / B            jump to the next / previous problem\n"
         "  H                heatmap: off, occupancy, waits, flow\n"
         "  W                heatmap over the whole run / a sliding window\n"
         "  [ / ]            sliding window half / twice as long\n"
         "  G O I T R D      layers: grid lines, places (shelves, stations, homes), ids,\n"
         "                   goals, selected robot's path, lines to goals\n"
         "  M E Tab          minimap, events panel, switch problems / events list\n"
         "  U                HUD on / off\n"
         "  K                legend of robot colours and places on / off\n"
         "  S                save a screenshot (PNG) of the window\n"
         "  Q                quit\n"
         "Mouse:\n"
         "  wheel              zoom at the cursor (over the list: scroll it)\n"
         "  drag (any button)  pan\n"
         "  click a robot      select it (click empty floor: clear)\n"
         "  click the bar      scrub the timeline (drag to scrub)\n"
         "  click the minimap  centre the view there\n"
         "  click a list row   jump to its tick and centre its robot\n";
}

Viewer::Viewer(ReplaySource& source, const ViewerOptions& options, const sf::Font* font)
    : source_(source),
      options_(options),
      font_(font),
      heat_(source.grid(), source.motion()),
      layers_(options.layers),
      canvas_(font) {
  sf::ContextSettings settings;
  settings.antialiasingLevel = 0;
  window_.create(sf::VideoMode(options_.width, options_.height),
                 "fleetsim-viz - " + source_.info().kind + " " + source_.info().path,
                 sf::Style::Default, settings);
  window_.setVerticalSyncEnabled(false);
  window_.setFramerateLimit(options_.max_frames > 0 ? 0 : 60);
  scene_ = std::make_unique<SceneRenderer>(source_);
  timeline_.set_range(source_.first_tick(), source_.end_tick());
  timeline_.set_speed(options_.speed);
  timeline_.set_loop(options_.loop);
  timeline_.seek(options_.start_tick);
  if (options_.play) timeline_.play();
  if (layers_.heat_window > 0) last_window_ = layers_.heat_window;
  relayout();
  fit();
  if (options_.zoom != 1.0) {
    const Vec2 middle = camera_.viewport();
    camera_.zoom_at({middle.x / 2.0, middle.y / 2.0}, options_.zoom);
  }
  if (options_.centre_x >= 0.0 && options_.centre_y >= 0.0)
    camera_.centre_on({options_.centre_x, options_.centre_y});
  if (options_.select >= 0 && options_.select < source_.robots()) {
    selected_ = options_.select;
    following_ = true;
    centre_pending_ = true;
  }
}

void Viewer::relayout() {
  const sf::Vector2u size = window_.getSize();
  layout_ = layout_overlays(size.x, size.y, layers_, source_.grid(), true, !source_.places().empty());
  camera_.set_viewport(layout_.map.width, layout_.map.height);
  scrub_.set_rect(layout_.scrub);
  minimap_.set_rect(layers_.minimap ? layout_.minimap : sf::FloatRect{}, source_.grid());
  panel_.set_rect(layers_.panel ? layout_.panel : sf::FloatRect{});
}

void Viewer::fit() {
  camera_.fit(source_.grid().width(), source_.grid().height(), layout_.insets);
}

void Viewer::fail(const std::string& message) {
  if (!error_.empty()) return;
  error_ = message;
  timeline_.pause();
  window_.setTitle("fleetsim-viz: error: " + message);
  if (options_.on_error) options_.on_error(message);
}

void Viewer::note(const std::string& message) {
  message_ = message;
  message_left_s_ = 4.0;
}

void Viewer::update(double seconds) {
  message_left_s_ = std::max(0.0, message_left_s_ - seconds);
  if (!error_.empty()) return;
  try {
    if (const std::string failure = source_.failure(); !failure.empty()) {
      fail(failure);
      return;
    }
    const bool growing = source_.growing();
    timeline_.set_range(source_.first_tick(), source_.end_tick());
    index_.update(source_);
    timeline_.update(seconds, growing);
    source_.showing(timeline_.tick());
    frames_.load(source_, timeline_.position());
    if (timeline_.playing() && layers_.panel) panel_.follow(index_, timeline_.tick());
    update_heat();
    update_path();
    if (selected_ >= 0 && (following_ || centre_pending_) && frames_.loaded()) {
      camera_.centre_on(frames_.position(source_.motion(), selected_));
      centre_pending_ = false;
    }
  } catch (const InputError& e) {
    fail(e.what());
  } catch (const std::exception& e) {
    fail(std::string("cannot read the run: ") + e.what());
  }
}

void Viewer::update_heat() {
  if (layers_.heat == HeatKind::None) return;
  const int tick = timeline_.tick();
  if (layers_.heat_window > 0) {
    heat_.cover(source_, tick - layers_.heat_window + 1, tick);
  } else if (heat_mode_ != 0) {
    heat_.cover(source_, source_.first_tick(), source_.end_tick() - 1);
  } else {
    // The whole run only grows (a live run): new ticks are added, forgotten ones stay counted.
    heat_.extend(source_, source_.end_tick() - 1);
  }
  heat_mode_ = layers_.heat_window;
  scene_->update_heat(heat_, layers_.heat);
}

void Viewer::update_path() {
  if (selected_ < 0 || !layers_.path) {
    path_.clear();
    return;
  }
  const int tick = timeline_.tick();
  // A live source grows, so its path is refreshed each frame; a replay's only on a new tick.
  if (tick == path_tick_ && selected_ == path_robot_ && !source_.growing()) return;
  constexpr int kPathTicks = 48;
  future_states(source_, selected_, tick, kPathTicks, path_scratch_, path_);
  path_tick_ = tick;
  path_robot_ = selected_;
}

HudFacts Viewer::hud_facts() const {
  HudFacts f;
  const SourceInfo& info = source_.info();
  f.title = info.kind + "  " + info.path;
  if (!info.scenario.empty()) f.title += "  " + info.scenario;
  if (!info.planner.empty()) f.title += " / " + info.planner;
  f.interactive = true;
  f.last_tick = timeline_.last();
  f.position = timeline_.position();
  f.playing = timeline_.playing();
  f.speed = timeline_.speed();
  f.loop = timeline_.loop();
  f.live = source_.growing();
  if (frames_.loaded())
    add_run_facts(f, source_, index_, frames_.current());
  else
    f.tick = timeline_.tick();
  f.fps = fps_;
  f.frame_ms = frame_ms_;
  f.drawn = scene_->drawn_robots();
  f.selected = selected_;
  f.following = following_;
  if (prompt_) f.prompt = "find robot: " + *prompt_ + "_   (Enter: go, Esc: cancel)";
  if (!error_.empty())
    f.message = "ERROR: " + error_;
  else if (message_left_s_ > 0.0)
    f.message = message_;
  return f;
}

void Viewer::render() {
  window_.clear(palette::kBackdrop);
  scene_->draw_world(window_, camera_, frames_, layers_, selected_, path_);
  const sf::Vector2u size = window_.getSize();
  window_.setView(sf::View(sf::FloatRect(0.0F, 0.0F, static_cast<float>(size.x), static_cast<float>(size.y))));
  canvas_.clear();
  scene_->add_labels(camera_, frames_, layers_, canvas_.text);
  if (layers_.hud || !error_.empty()) add_hud(canvas_, hud_lines(hud_facts()));
  add_legend(canvas_, layers_.heat, scene_->heat_scale(), layers_.heat_window, layout_.scrub.top);
  add_robot_legend(canvas_, layers_, source_.motion().has_heading(), !source_.places().empty(),
                   layout_.scrub.top - heat_legend_height(layers_));
  scrub_.add(canvas_, timeline_, index_);
  if (layers_.panel) panel_.add(canvas_, index_, source_.grid(), timeline_.tick());
  canvas_.draw_fills(window_);
  if (layers_.minimap) minimap_.draw(window_, canvas_, *scene_, frames_, source_.motion(), camera_);
  canvas_.draw_rest(window_);
  if (!screenshot_to_.empty()) {
    save_screenshot(screenshot_to_);
    screenshot_to_.clear();
  }
}

int Viewer::run() {
  using Clock = std::chrono::steady_clock;
  auto ms = [](Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); };
  sf::Clock clock;
  int frames = 0;
  while (window_.isOpen()) {
    const double wall = clock.restart().asSeconds();
    const double seconds = options_.fixed_step_s > 0.0 ? options_.fixed_step_s : wall;
    frame_ms_ = frame_ms_ * 0.9 + wall * 1e3 * 0.1;
    fps_ = frame_ms_ > 0.0 ? 1e3 / frame_ms_ : 0.0;
    sf::Event event;
    while (window_.pollEvent(event)) handle(event);
    if (!window_.isOpen()) break;
    const bool last = options_.max_frames > 0 && ++frames >= options_.max_frames;
    if (last && !options_.final_screenshot.empty()) screenshot_to_ = options_.final_screenshot;
    const auto t0 = Clock::now();
    update(seconds);
    const auto t1 = Clock::now();
    render();
    const auto t2 = Clock::now();
    window_.display();
    const auto t3 = Clock::now();
    if (options_.on_frame)
      options_.on_frame({ms(t1 - t0), ms(t2 - t1), ms(t3 - t2), ms(t3 - t0), scene_->drawn_robots()});
    if (last) window_.close();
  }
  return error_.empty() ? 0 : 2;
}

int run_viewer(ReplaySource& source, const ViewerOptions& options, const sf::Font* font) {
  Viewer viewer(source, options, font);
  return viewer.run();
}

}  // namespace fleet::viz
