// The events / problems list at the right of the window.
#include <fleet/viz/overlays.hpp>

#include <algorithm>

namespace fleet::viz {

namespace {
constexpr float kHeader = 26.0F;
constexpr float kRow = 17.0F;
constexpr unsigned kText = 12;
}  // namespace

const std::vector<IndexedEvent>& EventPanel::rows(const RunIndex& index) const {
  return tab_ == Tab::Problems ? index.problems() : index.errands();
}

int EventPanel::visible_rows() const {
  return std::max(0, static_cast<int>((rect_.height - kHeader - 4.0F) / kRow));
}

void EventPanel::scroll(int rows) { first_row_ = std::max(0, first_row_ + rows); }

void EventPanel::follow(const RunIndex& index, int tick) {
  const auto& list = rows(index);
  const auto it = std::lower_bound(list.begin(), list.end(), tick,
                                   [](const IndexedEvent& e, int t) { return e.tick < t; });
  first_row_ = std::max(0, static_cast<int>(it - list.begin()) - visible_rows() / 3);
}

std::optional<IndexedEvent> EventPanel::click(sf::Vector2f p, const RunIndex& index) {
  if (!rect_.contains(p)) return std::nullopt;
  if (p.y < rect_.top + kHeader) {
    tab_ = p.x < rect_.left + rect_.width / 2.0F ? Tab::Problems : Tab::Events;
    first_row_ = 0;
    return std::nullopt;
  }
  const int row = first_row_ + static_cast<int>((p.y - rect_.top - kHeader) / kRow);
  const auto& list = rows(index);
  if (row < 0 || row >= static_cast<int>(list.size())) return std::nullopt;
  return list[static_cast<std::size_t>(row)];
}

void EventPanel::add(OverlayCanvas& canvas, const RunIndex& index, const planner::Grid& grid,
                     int tick) const {
  if (rect_.width <= 0.0F) return;
  canvas.rect(rect_, palette::kPanelSolid);
  const float half = rect_.width / 2.0F;
  const bool problems = tab_ == Tab::Problems;
  canvas.rect({rect_.left + (problems ? 0.0F : half), rect_.top, half, kHeader}, sf::Color(60, 64, 72));
  canvas.text.add("Problems " + std::to_string(index.problem_count()),
                  {rect_.left + 8.0F, rect_.top + 5.0F}, 13, problems ? palette::kAccent : palette::kTextDim);
  canvas.text.add("Events " + std::to_string(index.errand_count()),
                  {rect_.left + half + 8.0F, rect_.top + 5.0F}, 13,
                  problems ? palette::kTextDim : palette::kAccent);
  const auto& list = rows(index);
  const int count = static_cast<int>(list.size());
  const int first = std::min(first_row_, std::max(0, count - 1));
  const int shown = std::min(visible_rows(), count - first);
  for (int i = 0; i < shown; ++i) {
    const IndexedEvent& e = list[static_cast<std::size_t>(first + i)];
    const float y = rect_.top + kHeader + 2.0F + static_cast<float>(i) * kRow;
    if (e.tick == tick) canvas.rect({rect_.left, y, rect_.width, kRow}, sf::Color(80, 70, 30, 200));
    const sf::Color colour = is_problem(e.event.kind) ? palette::kProblem : palette::kText;
    canvas.text.add(describe(e, grid), {rect_.left + 8.0F, y + 1.0F}, kText, colour);
  }
  if (count == 0)
    canvas.text.add(problems ? "no problems recorded" : "no events recorded",
                    {rect_.left + 8.0F, rect_.top + kHeader + 4.0F}, kText, palette::kTextDim);
}

}  // namespace fleet::viz
