#include <fleet/planner/grid.hpp>
#include <fleet/planner/input_error.hpp>
#include <fleet/planner/printable.hpp>
#include <fleet/planner/input_file.hpp>

#include <charconv>
#include <sstream>
#include <stdexcept>
#include <string>

namespace fleet::planner {

Grid::Grid(int width, int height, std::vector<std::uint8_t> passable)
    : width_(width), height_(height), passable_(std::move(passable)) {
  if (width <= 0 || height <= 0 || width > kMaxGridSide || height > kMaxGridSide ||
      std::int64_t{width} * height > kMaxGridCells) {
    throw std::invalid_argument("grid dimensions " + std::to_string(width) + "x" +
                                std::to_string(height) + " out of range (each side 1.." +
                                std::to_string(kMaxGridSide) + ", at most " +
                                std::to_string(kMaxGridCells) + " cells)");
  }
  if (passable_.size() != static_cast<std::size_t>(width) * static_cast<std::size_t>(height)) {
    throw std::invalid_argument("grid passable bitmap has the wrong size");
  }
  const Cell n = size();
  constexpr int dx[kDirections] = {1, 0, -1, 0};
  constexpr int dy[kDirections] = {0, 1, 0, -1};
  steps_.assign(static_cast<std::size_t>(n) * kDirections, kNoCell);
  offsets_.assign(static_cast<std::size_t>(n) + 1, 0);
  free_index_.assign(static_cast<std::size_t>(n), -1);
  for (Cell c = 0; c < n; ++c) {
    offsets_[c + 1] = offsets_[c];
    if (!passable_[c]) continue;
    free_index_[c] = static_cast<std::int32_t>(free_cells_.size());
    free_cells_.push_back(c);
    for (int d = 0; d < kDirections; ++d) {
      const int nx = x(c) + dx[d];
      const int ny = y(c) + dy[d];
      if (!in_bounds(nx, ny) || !passable_[cell(nx, ny)]) continue;
      steps_[static_cast<std::size_t>(c) * kDirections + d] = cell(nx, ny);
      targets_.push_back(cell(nx, ny));
      ++offsets_[c + 1];
    }
  }
}

Grid Grid::from_rows(const std::vector<std::string>& rows) {
  const int height = static_cast<int>(rows.size());
  const int width = rows.empty() ? 0 : static_cast<int>(rows.front().size());
  std::vector<std::uint8_t> passable;
  passable.reserve(static_cast<std::size_t>(width) * rows.size());
  for (const auto& row : rows) {
    if (static_cast<int>(row.size()) != width) throw std::invalid_argument("ragged grid rows");
    for (char ch : row) passable.push_back(ch == '.' ? 1 : 0);
  }
  return {width, height, std::move(passable)};
}

namespace {

// MovingAI terrain: '.', 'G', 'S' passable; '@', 'O', 'T', 'W' blocked. The League of Robot
// Runners maps add 'E' (emitter), a free cell.
int terrain(char ch) {
  switch (ch) {
    case '.': case 'G': case 'S': case 'E': return 1;
    case '@': case 'O': case 'T': case 'W': return 0;
    default: return -1;
  }
}

std::string strip(std::string line) {
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t'))
    line.pop_back();
  return line;
}

int header_value(const std::string& line, const std::string& key, const std::string& source,
                 int line_no) {
  const std::string prefix = key + " ";
  if (line.rfind(prefix, 0) != 0)
    throw InputError(source, line_no, "expected '" + key + " N', found '" + printable(line) + "'");
  const std::string number = line.substr(prefix.size());
  long long value = 0;
  auto [ptr, ec] = std::from_chars(number.data(), number.data() + number.size(), value);
  if (ec != std::errc() || ptr != number.data() + number.size() || value <= 0)
    throw InputError(source, line_no, "'" + key + "' must be a positive integer, found '" +
                                          printable(number) + "'");
  if (value > kMaxGridSide)
    throw InputError(source, line_no, key + " " + printable(number) + " exceeds the limit of " +
                                          std::to_string(kMaxGridSide));
  return static_cast<int>(value);
}

}  // namespace

Grid parse_map(std::istream& in, const std::string& source) {
  std::string line;
  int line_no = 0;
  auto next = [&](const char* what) {
    if (!std::getline(in, line))
      throw InputError(source, line_no, std::string("unexpected end of file, expected ") + what);
    ++line_no;
    line = strip(line);
  };
  next("'type octile'");
  if (line.rfind("type ", 0) != 0)
    throw InputError(source, line_no, "expected 'type octile', found '" + printable(line) + "'");
  next("'height N'");
  const int height = header_value(line, "height", source, line_no);
  next("'width N'");
  const int width = header_value(line, "width", source, line_no);
  if (std::int64_t{width} * height > kMaxGridCells)
    throw InputError(source, line_no, "map of " + std::to_string(width) + "x" +
                                          std::to_string(height) + " exceeds the limit of " +
                                          std::to_string(kMaxGridCells) + " cells");
  next("'map'");
  if (line != "map") throw InputError(source, line_no, "expected 'map', found '" + printable(line) + "'");

  std::vector<std::uint8_t> passable;
  passable.reserve(static_cast<std::size_t>(width) * static_cast<std::size_t>(height));
  for (int row = 0; row < height; ++row) {
    if (!std::getline(in, line))
      throw InputError(source, line_no, "the header says " + std::to_string(height) +
                                            " rows but the file has " + std::to_string(row));
    ++line_no;
    line = strip(line);
    if (static_cast<int>(line.size()) != width)
      throw InputError(source, line_no, "row " + std::to_string(row) + " has " +
                                            std::to_string(line.size()) +
                                            " cells, the header says width " +
                                            std::to_string(width));
    for (int col = 0; col < width; ++col) {
      const int t = terrain(line[col]);
      if (t < 0)
        throw InputError(source, line_no, "unknown map character '" + printable(line.substr(col, 1)) +
                                              "' at column " + std::to_string(col));
      passable.push_back(static_cast<std::uint8_t>(t));
    }
  }
  while (std::getline(in, line)) {
    ++line_no;
    if (!strip(line).empty())
      throw InputError(source, line_no, "more rows than the header's height " +
                                            std::to_string(height));
  }
  return {width, height, std::move(passable)};
}

Grid load_map(const std::filesystem::path& path) {
  std::istringstream in(read_input_file(path, "map"));
  return parse_map(in, path.string());
}

}  // namespace fleet::planner
