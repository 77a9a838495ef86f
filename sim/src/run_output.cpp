#include <fleet/planner/input_error.hpp>
#include <fleet/sim/run_output.hpp>

#include <Eigen/Core>

#include <cmath>
#include <fstream>
#include <sstream>

namespace fleet::sim {

void write_file_atomically(const std::filesystem::path& path, std::string_view text) {
  const std::filesystem::path partial = path.string() + ".partial";
  {
    std::ofstream out(partial, std::ios::binary | std::ios::trunc);
    if (!out) throw InputError(path.string(), 0, "cannot create file");
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    out.flush();
    if (!out) throw InputError(path.string(), 0, "failed while writing file");
  }
  std::filesystem::rename(partial, path);
}

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

}  // namespace

std::string floor_svg(const Warehouse& warehouse, std::span<const std::int32_t> waits_per_cell,
                      const planner::Motion& motion, std::span<const planner::State> robots,
                      const std::string& title) {
  const planner::Grid& grid = *warehouse.grid;
  const int w = grid.width();
  const int h = grid.height();
  constexpr int kCell = 6;  // pixels per cell: a 500x140 LoRR floor stays a few thousand px
  std::ostringstream svg;
  svg << R"(<svg xmlns="http://www.w3.org/2000/svg" width=")" << w * kCell << R"(" height=")"
      << h * kCell + 20 << R"(" viewBox="0 0 )" << w << ' ' << h + 20.0 / kCell << R"(">)" << '\n';
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
      << escape_xml(title) << "</text>\n</svg>\n";
  return svg.str();
}

}  // namespace fleet::sim
