#include <fleet/sim/run_output.hpp>

#include <Eigen/Core>

#include <cmath>
#include <cstring>
#include <sstream>
#include <vector>

namespace fleet::sim {

namespace {

std::string escape_xml(const std::string& text) {
  std::string out;
  for (const char c : text) {
    switch (c) {
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '&': out += "&amp;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

// The legend under the floor: one swatch and label per kind of mark, wrapped to the floor's
// width. Sizes are in cells; labels are estimated at 1.1 cells a character.
struct LegendEntry {
  const char* colour;
  const char* label;
  bool dot;
};
constexpr LegendEntry kLegend[] = {{"#3a3a3a", "blocked", false},
                                   {"#c8a165", "shelf", false},
                                   {"#4a90d9", "station", false},
                                   {"#cfe8cf", "home", false},
                                   {"#e02020", "robots waited here (darker: longer)", false},
                                   {"#1a7f37", "robot at the end", true}};
constexpr double kLegendRow = 3.0;

std::vector<std::vector<const LegendEntry*>> legend_rows(int width) {
  std::vector<std::vector<const LegendEntry*>> rows(1);
  double x = 0.5;
  for (const LegendEntry& e : kLegend) {
    const double w = 2.4 + 1.1 * static_cast<double>(std::strlen(e.label)) + 1.5;
    if (x + w > width && !rows.back().empty()) {
      rows.emplace_back();
      x = 0.5;
    }
    rows.back().push_back(&e);
    x += w;
  }
  return rows;
}

void write_legend(std::ostringstream& svg, const std::vector<std::vector<const LegendEntry*>>& rows,
                  double top) {
  svg << R"(<g font-size="2" font-family="sans-serif">)";
  for (std::size_t r = 0; r < rows.size(); ++r) {
    const double y = top + kLegendRow * static_cast<double>(r);
    double x = 0.5;
    for (const LegendEntry* e : rows[r]) {
      if (e->dot)
        svg << R"(<circle cx=")" << x + 0.8 << R"(" cy=")" << y - 0.6 << R"(" r="0.7" fill=")" << e->colour << R"("/>)";
      else
        svg << R"(<rect x=")" << x << R"(" y=")" << y - 1.4 << R"(" width="1.6" height="1.6" fill=")" << e->colour
            << R"(" stroke="#888888" stroke-width="0.1"/>)";
      svg << R"(<text x=")" << x + 2.4 << R"(" y=")" << y << R"(">)" << e->label << "</text>";
      x += 2.4 + 1.1 * static_cast<double>(std::strlen(e->label)) + 1.5;
    }
  }
  svg << "</g>\n";
}

}  // namespace

std::string floor_svg(const Warehouse& warehouse, std::span<const std::int32_t> waits_per_cell,
                      const planner::Motion& motion, std::span<const planner::State> robots,
                      const std::string& title) {
  const planner::Grid& grid = *warehouse.grid;
  const int w = grid.width();
  const int h = grid.height();
  constexpr int kCell = 6;  // pixels per cell: a 500x140 LoRR floor stays a few thousand px
  const auto legend = legend_rows(w);
  // Below the floor: the title, then the legend rows (in cells).
  const double below = 3.5 + kLegendRow * static_cast<double>(legend.size());
  std::ostringstream svg;
  svg << R"(<svg xmlns="http://www.w3.org/2000/svg" width=")" << w * kCell << R"(" height=")"
      << std::ceil((h + below) * kCell) << R"(" viewBox="0 0 )" << w << ' ' << h + below << R"(">)" << '\n';
  svg << "<title>" << escape_xml(title) << "</title>\n";
  svg << R"(<rect width=")" << w << R"(" height=")" << h << R"(" fill="#ffffff"/>)" << '\n';
  // Blocked cells as horizontal runs: one rect per run keeps the file small on large maps.
  svg << R"(<g fill="#3a3a3a">)";
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w;) {
      if (grid.passable(grid.cell(x, y))) {
        ++x;
        continue;
      }
      int end = x;
      while (end < w && !grid.passable(grid.cell(end, y))) ++end;
      svg << R"(<rect x=")" << x << R"(" y=")" << y << R"(" width=")" << end - x
          << R"(" height="1"/>)";
      x = end;
    }
  }
  svg << "</g>\n";
  auto cells = [&](const std::vector<Cell>& list, const char* colour) {
    svg << "<g fill=\"" << colour << "\">";
    for (const Cell c : list)
      if (grid.valid(c))
        svg << R"(<rect x=")" << grid.x(c) << R"(" y=")" << grid.y(c)
            << R"(" width="1" height="1"/>)";
    svg << "</g>\n";
  };
  cells(warehouse.shelves, "#c8a165");
  cells(warehouse.stations, "#4a90d9");
  cells(warehouse.homes, "#cfe8cf");

  if (waits_per_cell.size() == static_cast<std::size_t>(grid.size()) && grid.size() > 0) {
    const Eigen::Map<const Eigen::Array<std::int32_t, Eigen::Dynamic, 1>> waits(
        waits_per_cell.data(), static_cast<Eigen::Index>(waits_per_cell.size()));
    const double top = std::log1p(static_cast<double>(waits.maxCoeff()));
    if (top > 0.0) {
      const Eigen::ArrayXd heat = waits.cast<double>().log1p() / top;
      svg << R"(<g fill="#e02020">)";
      for (Cell c = 0; c < grid.size(); ++c) {
        if (waits_per_cell[c] <= 0) continue;
        svg << R"(<rect x=")" << grid.x(c) << R"(" y=")" << grid.y(c)
            << R"(" width="1" height="1" fill-opacity=")"
            << std::round(100.0 * (0.15 + 0.8 * heat(c))) / 100.0 << R"("/>)";
      }
      svg << "</g>\n";
    }
  }
  svg << R"(<g fill="#1a7f37">)";
  for (const planner::State s : robots) {
    if (!motion.valid(s)) continue;
    const Cell c = motion.cell(s);
    svg << R"(<circle cx=")" << grid.x(c) + 0.5 << R"(" cy=")" << grid.y(c) + 0.5
        << R"(" r="0.35"/>)";
  }
  svg << "</g>\n";
  svg << R"(<text x="0.5" y=")" << h + 2.4 << R"(" font-size="2" font-family="sans-serif">)"
      << escape_xml(title) << "</text>\n";
  write_legend(svg, legend, h + 2.4 + kLegendRow);
  svg << "</svg>\n";
  return svg.str();
}

}  // namespace fleet::sim
