// The overlay canvas, the layout of the overlays, the HUD and the robot and heat legends.
#include <fleet/viz/overlays.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <numbers>

namespace fleet::viz {

namespace {
constexpr unsigned kHudText = 14;
constexpr float kHudPad = 8.0F;
constexpr float kScrubHeight = 30.0F;
constexpr float kPanelWidth = 310.0F;
constexpr float kLegendHeight = 46.0F;
constexpr float kRobotLegendRow = 18.0F;
constexpr float kHudLines = 5.0F;  // lines the HUD usually has, for fitting the floor
}  // namespace

void OverlayCanvas::clear() {
  fills.clear();
  strokes.clear();
  text.clear();
}

void OverlayCanvas::rect(sf::FloatRect r, sf::Color colour) {
  fills.append({{r.left, r.top}, colour});
  fills.append({{r.left + r.width, r.top}, colour});
  fills.append({{r.left + r.width, r.top + r.height}, colour});
  fills.append({{r.left, r.top + r.height}, colour});
}

void OverlayCanvas::outline(sf::FloatRect r, sf::Color colour) {
  const sf::Vector2f a{r.left + 0.5F, r.top + 0.5F};
  const sf::Vector2f b{r.left + r.width - 0.5F, r.top + r.height - 0.5F};
  const sf::Vector2f corners[] = {a, {b.x, a.y}, b, {a.x, b.y}};
  for (int i = 0; i < 4; ++i) {
    strokes.append({corners[i], colour});
    strokes.append({corners[(i + 1) % 4], colour});
  }
}

void OverlayCanvas::draw_fills(sf::RenderTarget& target) const {
  if (fills.getVertexCount() > 0) target.draw(fills);
}

void OverlayCanvas::draw_rest(sf::RenderTarget& target) const {
  if (strokes.getVertexCount() > 0) target.draw(strokes);
  text.draw(target);
}

OverlayLayout layout_overlays(unsigned width, unsigned height, const Layers& layers,
                              const planner::Grid& grid, bool interactive, bool with_places) {
  OverlayLayout out;
  const auto w = static_cast<float>(width);
  const auto h = static_cast<float>(height);
  const float hud = layers.hud ? kHudPad * 2 + kHudLines * 17.0F : 0.0F;
  out.insets.top = hud;
  out.insets.bottom = std::max(heat_legend_height(layers), 4.0F) + robot_legend_height(layers, with_places);
  out.map = {0.0F, 0.0F, w, h};
  if (!interactive) return out;

  out.scrub = {0.0F, h - kScrubHeight, w, kScrubHeight};
  float right = w;
  if (layers.panel && w >= 640.0F) {
    out.panel = {w - kPanelWidth, 0.0F, kPanelWidth, h - kScrubHeight};
    right -= kPanelWidth;
  }
  out.map = {0.0F, 0.0F, right, h - kScrubHeight};
  if (layers.minimap && grid.width() > 0 && grid.height() > 0) {
    const float s = std::min(220.0F / static_cast<float>(grid.width()),
                             150.0F / static_cast<float>(grid.height()));
    const float mw = std::max(static_cast<float>(grid.width()) * s, 24.0F);
    const float mh = std::max(static_cast<float>(grid.height()) * s, 24.0F);
    out.minimap = {right - mw - 10.0F, 10.0F, mw, mh};
  }
  return out;
}

std::vector<std::string> hud_lines(const HudFacts& f) {
  std::vector<std::string> lines;
  char buf[256];
  lines.push_back(f.title);
  if (f.interactive) {
    std::snprintf(buf, sizeof buf, "tick %d / %d  (%.2f)  %s  %g ticks/s%s%s", f.tick, f.last_tick,
                  f.position, f.playing ? "playing" : "paused", f.speed, f.loop ? "  loop" : "",
                  f.live ? "  live" : "");
  } else {
    std::snprintf(buf, sizeof buf, "tick %d / %d", f.tick, f.last_tick);
  }
  lines.emplace_back(buf);
  if (f.one_shot) {
    // A one-shot plan is judged by who has arrived and at what cost, not by a rate.
    std::snprintf(buf, sizeof buf, "one-shot: %d of %d robots at their goals; their sum of costs %lld, makespan %d",
                  f.goals.at_goal, f.robots, static_cast<long long>(f.goals.sum_of_costs), f.goals.makespan);
  } else {
    const double overall = f.tick > 0 ? static_cast<double>(f.errands) / f.tick : 0.0;
    const double recent = f.recent_ticks > 0 ? static_cast<double>(f.recent_errands) / f.recent_ticks : 0.0;
    std::snprintf(buf, sizeof buf, "robots %d   errands done %lld   throughput %.3f / tick, last %d ticks %.3f",
                  f.robots, static_cast<long long>(f.errands), overall, f.recent_ticks, recent);
  }
  lines.emplace_back(buf);
  if (f.planner_total_only)
    std::snprintf(buf, sizeof buf, "planner: %.2f ms in all", f.planner_total_s * 1e3);
  else
    std::snprintf(buf, sizeof buf, "planner: last call %.2f ms, %.3f s in all so far", f.planner_last_s * 1e3,
                  f.planner_total_s);
  lines.emplace_back(buf);
  if (f.interactive) {
    std::snprintf(buf, sizeof buf, "%.0f fps  %.1f ms/frame  %d robots in view", f.fps, f.frame_ms, f.drawn);
    std::string line = buf;
    if (f.selected >= 0)
      line += "   selected r" + std::to_string(f.selected) + (f.following ? " (following)" : "");
    lines.push_back(line);
  }
  if (!f.prompt.empty()) lines.push_back(f.prompt);
  if (!f.message.empty()) lines.push_back(f.message);
  return lines;
}

void add_run_facts(HudFacts& f, const ReplaySource& source, const RunIndex& index, const Frame& frame) {
  const SourceInfo& info = source.info();
  f.tick = frame.tick;
  f.robots = source.robots();
  f.one_shot = info.one_shot;
  if (info.one_shot) {
    f.goals = index.goals_reached(frame, source.motion());
  } else {
    f.errands = index.errands_until(frame.tick);
    f.recent_ticks = std::clamp(frame.tick - source.first_tick(), 0, kRecentTicks);
    f.recent_errands = index.errands_in_window(frame.tick, kRecentTicks);
  }
  f.planner_total_only = info.planner_total_s >= 0.0;
  f.planner_total_s = f.planner_total_only ? info.planner_total_s : index.planner_seconds_until(frame.tick);
  f.planner_last_s = index.last_planner_call(frame.tick);
}

void add_hud(OverlayCanvas& canvas, const std::vector<std::string>& lines) {
  if (lines.empty()) return;
  float width = 0.0F;
  for (const auto& line : lines) width = std::max(width, canvas.text.measure(line, kHudText));
  const float lh = canvas.text.line_height(kHudText);
  canvas.rect({4.0F, 4.0F, width + 2 * kHudPad, lh * static_cast<float>(lines.size()) + 2 * kHudPad - 2.0F},
              palette::kPanel);
  float y = 4.0F + kHudPad - 2.0F;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    canvas.text.add(lines[i], {4.0F + kHudPad, y}, kHudText, i == 0 ? palette::kAccent : palette::kText);
    y += lh;
  }
}

void add_legend(OverlayCanvas& canvas, HeatKind kind, const HeatScale& scale, int window,
                float bottom) {
  if (kind == HeatKind::None) return;
  constexpr unsigned kSize = 12;
  const float top = bottom - kLegendHeight + 4.0F;
  const sf::FloatRect box{4.0F, top, 300.0F, kLegendHeight - 8.0F};
  canvas.rect(box, palette::kPanel);
  std::string title = std::string(to_string(kind));
  title += kind == HeatKind::Flow ? " (net moves into each cell)" : " (robot-ticks per cell)";
  title += window > 0 ? ", last " + std::to_string(window) + " ticks" : ", whole run";
  canvas.text.add(title, {box.left + 6.0F, box.top + 2.0F}, kSize, palette::kText);
  const float y = box.top + 20.0F;
  if (kind == HeatKind::Flow) {
    static constexpr const char* kNames[] = {"E", "S", "W", "N"};
    float x = box.left + 8.0F;
    for (int d = 0; d < 4; ++d) {
      std::uint8_t rgb[3];
      flow_colour(d * std::numbers::pi / 2.0, rgb);
      canvas.rect({x, y, 14.0F, 12.0F}, sf::Color(rgb[0], rgb[1], rgb[2]));
      canvas.text.add(kNames[d], {x + 18.0F, y - 2.0F}, kSize, palette::kText);
      x += 44.0F;
    }
    char max[48];
    std::snprintf(max, sizeof max, "max %.0f", scale.max);
    canvas.text.add(max, {x + 4.0F, y - 2.0F}, kSize, palette::kTextDim);
    return;
  }
  // The ramp, drawn as 32 steps on the same log scale the overlay uses.
  constexpr int kSteps = 32;
  const float x0 = box.left + 30.0F;
  const float bar = 180.0F;
  for (int i = 0; i < kSteps; ++i) {
    std::uint8_t rgba[4];
    heat_ramp((i + 0.5) / kSteps, rgba);
    canvas.rect({x0 + bar * static_cast<float>(i) / kSteps, y, bar / kSteps + 0.5F, 12.0F},
                sf::Color(rgba[0], rgba[1], rgba[2]));
  }
  canvas.text.add("1", {box.left + 14.0F, y - 2.0F}, kSize, palette::kTextDim);
  char max[48];
  std::snprintf(max, sizeof max, "%.0f (log)", std::max(scale.max, 0.0));
  canvas.text.add(max, {x0 + bar + 6.0F, y - 2.0F}, kSize, palette::kTextDim);
}

float heat_legend_height(const Layers& layers) {
  return layers.heat != HeatKind::None ? kLegendHeight : 0.0F;
}

float robot_legend_height(const Layers& layers, bool with_places) {
  if (!layers.legend) return 0.0F;
  // Robot looks take two rows (the second: delays); places one more.
  return kRobotLegendRow * ((layers.places && with_places) ? 3.0F : 2.0F) + 10.0F;
}

void add_robot_legend(OverlayCanvas& canvas, const Layers& layers, bool rotation, bool with_places,
                      float bottom) {
  if (!layers.legend) return;
  constexpr unsigned kSize = 12;
  struct Entry {
    sf::Color colour;
    const char* label;
  };
  std::vector<std::vector<Entry>> rows = {{{palette::kRobotMoving, "moving"},
                                           {palette::kRobotWaiting, "waiting off its goal"},
                                           {palette::kRobotIdle, "on its goal or idle"},
                                           {palette::kRobotHeld, "held by the simulator"}},
                                          {{palette::kRobotDelayed, "delayed"},
                                           {palette::kRobotStalled, "stalled"},
                                           {palette::kRobotBroken, "broken down"},
                                           {palette::kDependency, "waits for (ADG)"}}};
  if (layers.places && with_places)
    rows.push_back({{palette::kShelf, "shelf"}, {palette::kStation, "station"}, {palette::kHome, "home"}});
  // Without a font, labels take no room; the swatches still need some apart.
  auto label_width = [&](const char* label) {
    return std::max(canvas.text.measure(label, kSize), 6.0F * static_cast<float>(std::strlen(label)));
  };
  std::vector<float> widths;
  float box_width = 0.0F;
  for (const auto& row : rows) {
    float w = 8.0F;
    for (const Entry& e : row) w += 18.0F + label_width(e.label) + 14.0F;
    if (&row == &rows.front() && rotation) w += 18.0F + label_width("heading");
    box_width = std::max(box_width, w);
  }
  const float height = robot_legend_height(layers, with_places) - 4.0F;
  const sf::FloatRect box{4.0F, bottom - height - 4.0F, box_width, height};
  canvas.rect(box, palette::kPanel);
  float y = box.top + 5.0F;
  for (const auto& row : rows) {
    float x = box.left + 8.0F;
    for (const Entry& e : row) {
      canvas.rect({x, y + 1.0F, 12.0F, 12.0F}, e.colour);
      canvas.text.add(e.label, {x + 18.0F, y - 1.0F}, kSize, palette::kText);
      x += 18.0F + label_width(e.label) + 14.0F;
    }
    if (&row == &rows.front() && rotation) {
      canvas.rect({x, y + 1.0F, 12.0F, 12.0F}, palette::kRobotMoving);
      canvas.rect({x + 8.0F, y + 5.0F, 4.0F, 4.0F}, palette::kHeadingMark);
      canvas.text.add("heading", {x + 18.0F, y - 1.0F}, kSize, palette::kText);
    }
    y += kRobotLegendRow;
  }
}

}  // namespace fleet::viz
