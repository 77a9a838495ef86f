// Keyboard and mouse: each event changes the viewer's state; nothing is drawn here.
#include "viewer_impl.hpp"

#include <SFML/Graphics/Texture.hpp>
#include <SFML/Window/Event.hpp>

#include <algorithm>
#include <cmath>
#include <exception>

namespace fleet::viz {

namespace {

int digit_of(sf::Keyboard::Key key) {
  if (key >= sf::Keyboard::Num0 && key <= sf::Keyboard::Num9) return key - sf::Keyboard::Num0;
  if (key >= sf::Keyboard::Numpad0 && key <= sf::Keyboard::Numpad9) return key - sf::Keyboard::Numpad0;
  return -1;
}

constexpr double kCloseUpScale = 16.0;  // pixels per cell after jumping to a robot

}  // namespace

void Viewer::handle(const sf::Event& event) {
  switch (event.type) {
    case sf::Event::Closed: window_.close(); break;
    case sf::Event::Resized: {
      const Vec2 centre = camera_.centre();
      relayout();
      camera_.centre_on(centre);
      break;
    }
    case sf::Event::KeyPressed:
      if (prompt_)
        handle_prompt_key(event.key);
      else
        handle_key(event.key);
      break;
    case sf::Event::MouseWheelScrolled: {
      const sf::Vector2f at(static_cast<float>(event.mouseWheelScroll.x),
                            static_cast<float>(event.mouseWheelScroll.y));
      if (layers_.panel && panel_.contains(at)) {
        panel_.scroll(event.mouseWheelScroll.delta > 0 ? -3 : 3);
      } else {
        camera_.zoom_at({at.x, at.y}, std::pow(1.2, static_cast<double>(event.mouseWheelScroll.delta)));
      }
      break;
    }
    case sf::Event::MouseButtonPressed: handle_press(event.mouseButton); break;
    case sf::Event::MouseMoved:
      handle_move({static_cast<float>(event.mouseMove.x), static_cast<float>(event.mouseMove.y)});
      break;
    case sf::Event::MouseButtonReleased: handle_release(event.mouseButton); break;
    default: break;
  }
}

void Viewer::handle_key(const sf::Event::KeyEvent& key) {
  using K = sf::Keyboard;
  const int stride = key.control ? 100 : key.shift ? 10 : 1;
  auto toggle = [&](bool& flag, const char* name) {
    flag = !flag;
    note(std::string(name) + (flag ? " on" : " off"));
  };
  switch (key.code) {
    case K::Space: timeline_.toggle(); break;
    case K::Right: timeline_.step(stride); break;
    case K::Left: timeline_.step(-stride); break;
    case K::Up: case K::Add: case K::Equal: timeline_.faster(); break;
    case K::Down: case K::Subtract: case K::Hyphen: timeline_.slower(); break;
    case K::Home: timeline_.seek(timeline_.first()); break;
    case K::End: timeline_.seek(timeline_.last()); break;
    case K::L: timeline_.set_loop(!timeline_.loop()); break;
    case K::F:
      if (key.control) {
        prompt_ = std::string();
      } else {
        following_ = false;
        fit();
      }
      break;
    case K::Slash: prompt_ = std::string(); break;
    case K::C:
      if (selected_ >= 0) toggle(following_, "following");
      break;
    case K::Escape:
      selected_ = -1;
      following_ = false;
      break;
    case K::N: jump_problem(+1); break;
    case K::B: jump_problem(-1); break;
    case K::H: cycle_heat(); break;
    case K::W:
      layers_.heat_window = layers_.heat_window > 0 ? 0 : last_window_;
      note(layers_.heat_window > 0 ? "heatmap: last " + std::to_string(last_window_) + " ticks"
                                   : "heatmap: whole run");
      break;
    case K::LBracket: case K::RBracket:
      last_window_ = std::clamp(key.code == K::LBracket ? last_window_ / 2 : last_window_ * 2, 4, 1 << 20);
      if (layers_.heat_window > 0) layers_.heat_window = last_window_;
      note("heatmap window " + std::to_string(last_window_) + " ticks");
      break;
    case K::G: toggle(layers_.grid_lines, "grid lines"); break;
    case K::O: toggle(layers_.places, "places"); break;
    case K::I: toggle(layers_.ids, "robot ids"); break;
    case K::T: toggle(layers_.goals, "goals"); break;
    case K::R: toggle(layers_.path, "planned path"); break;
    case K::D: toggle(layers_.goal_lines, "lines to goals"); break;
    case K::U: toggle(layers_.hud, "HUD"); break;
    case K::K: toggle(layers_.legend, "legend"); relayout(); break;
    case K::M: toggle(layers_.minimap, "minimap"); relayout(); break;
    case K::E: toggle(layers_.panel, "events panel"); relayout(); break;
    case K::Tab: panel_.switch_tab(); break;
    case K::S:
      screenshot_to_ = options_.screenshot_dir /
                       ("fleetsim-viz-tick-" + std::to_string(timeline_.tick()) + ".png");
      break;
    case K::Q: window_.close(); break;
    default: break;
  }
}

void Viewer::handle_prompt_key(const sf::Event::KeyEvent& key) {
  if (const int d = digit_of(key.code); d >= 0) {
    if (prompt_->size() < 9) *prompt_ += static_cast<char>('0' + d);
    return;
  }
  if (key.code == sf::Keyboard::BackSpace) {
    if (!prompt_->empty()) prompt_->pop_back();
  } else if (key.code == sf::Keyboard::Escape) {
    prompt_.reset();
  } else if (key.code == sf::Keyboard::Enter) {
    const std::string digits = *prompt_;
    prompt_.reset();
    if (digits.empty()) return;
    const long id = std::stol(digits);
    if (id >= source_.robots()) {
      note("no robot " + digits + " (robots 0.." + std::to_string(source_.robots() - 1) + ")");
      return;
    }
    select(static_cast<RobotId>(id), true);
    following_ = true;
  }
}

void Viewer::select(RobotId robot, bool centre) {
  selected_ = robot;
  if (robot < 0) {
    following_ = false;
    return;
  }
  if (centre) {
    centre_pending_ = true;
    if (camera_.scale() < kCloseUpScale) {
      const Vec2 middle = camera_.viewport();
      camera_.zoom_at({middle.x / 2.0, middle.y / 2.0}, kCloseUpScale / camera_.scale());
    }
  }
}

void Viewer::jump_to(const IndexedEvent& event) {
  timeline_.pause();
  timeline_.seek(event.tick);
  following_ = false;
  if (event.event.robot >= 0 && event.event.robot < source_.robots()) {
    select(event.event.robot, true);
  } else if (source_.grid().valid(event.event.cell)) {
    const planner::Grid& grid = source_.grid();
    camera_.centre_on({grid.x(event.event.cell) + 0.5, grid.y(event.event.cell) + 0.5});
  }
  note(describe(event, source_.grid()));
}

void Viewer::jump_problem(int direction) {
  const auto& list = index_.problems();
  const int tick = timeline_.tick();
  if (direction > 0) {
    const auto it = std::upper_bound(list.begin(), list.end(), tick,
                                     [](int t, const IndexedEvent& e) { return t < e.tick; });
    if (it != list.end()) return jump_to(*it);
  } else {
    const auto it = std::lower_bound(list.begin(), list.end(), tick,
                                     [](const IndexedEvent& e, int t) { return e.tick < t; });
    if (it != list.begin()) return jump_to(*std::prev(it));
  }
  note(direction > 0 ? "no later problem" : "no earlier problem");
}

void Viewer::cycle_heat() {
  switch (layers_.heat) {
    case HeatKind::None: layers_.heat = HeatKind::Occupancy; break;
    case HeatKind::Occupancy: layers_.heat = HeatKind::Waits; break;
    case HeatKind::Waits: layers_.heat = HeatKind::Flow; break;
    case HeatKind::Flow: layers_.heat = HeatKind::None; break;
  }
  note("heatmap: " + std::string(to_string(layers_.heat)));
  relayout();
}

void Viewer::handle_press(const sf::Event::MouseButtonEvent& button) {
  const sf::Vector2f at(static_cast<float>(button.x), static_cast<float>(button.y));
  drag_last_ = at;
  drag_moved_ = 0.0F;
  if (button.button == sf::Mouse::Left) {
    if (scrub_.contains(at)) {
      drag_ = Drag::Scrub;
      timeline_.seek(scrub_.position_at(at.x, timeline_));
      return;
    }
    if (layers_.minimap && minimap_.contains(at)) {
      drag_ = Drag::Minimap;
      following_ = false;
      camera_.centre_on(minimap_.world_at(at));
      return;
    }
    if (layers_.panel && panel_.contains(at)) {
      drag_ = Drag::None;
      if (const auto row = panel_.click(at, index_)) jump_to(*row);
      return;
    }
  }
  drag_ = Drag::Map;
}

void Viewer::handle_move(sf::Vector2f mouse) {
  const sf::Vector2f delta = mouse - drag_last_;
  drag_last_ = mouse;
  switch (drag_) {
    case Drag::Scrub: timeline_.seek(scrub_.position_at(mouse.x, timeline_)); break;
    case Drag::Minimap: camera_.centre_on(minimap_.world_at(mouse)); break;
    case Drag::Map:
      drag_moved_ += std::abs(delta.x) + std::abs(delta.y);
      if (drag_moved_ > 3.0F) following_ = false;
      camera_.pan_pixels({delta.x, delta.y});
      break;
    case Drag::None: break;
  }
}

void Viewer::handle_release(const sf::Event::MouseButtonEvent& button) {
  const Drag was = drag_;
  drag_ = Drag::None;
  if (was != Drag::Map || button.button != sf::Mouse::Left || drag_moved_ > 3.0F) return;
  const Vec2 world = camera_.to_world({static_cast<double>(button.x), static_cast<double>(button.y)});
  select(scene_->robot_at(frames_, world), false);
}

void Viewer::save_screenshot(const std::filesystem::path& path) {
  const sf::Vector2u size = window_.getSize();
  sf::Texture texture;
  if (!texture.create(size.x, size.y)) return note("screenshot failed: no texture");
  texture.update(window_);
  if (texture.copyToImage().saveToFile(path.string()))
    note("saved " + path.string());
  else
    note("could not save " + path.string());
}

}  // namespace fleet::viz
