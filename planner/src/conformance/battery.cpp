// The battery's instances, made here rather than read from files so that an installed
// fleetsim checks a plugin with no data beside it. Seeded, so every run sees the same ones.
#include <fleet/planner/conformance.hpp>
#include <fleet/planner/graph_view.hpp>

#include <algorithm>
#include <memory>
#include <random>
#include <string>
#include <utility>

namespace fleet::planner {
namespace {

std::vector<std::string> open_rows() { return std::vector<std::string>(10, std::string(12, '.')); }

std::vector<std::string> random_rows(std::uint64_t seed, int side) {
  std::mt19937_64 random(seed);
  std::vector<std::string> rows(static_cast<std::size_t>(side),
                                std::string(static_cast<std::size_t>(side), '.'));
  for (auto& row : rows)
    for (char& cell : row)
      if (random() % 100 < 20) cell = '@';
  return rows;
}

std::vector<std::string> warehouse_rows() {
  return {"..................", "..@@@@..@@@@..@@@.", "..................",
          "..@@@@..@@@@..@@@.", "..................", "..@@@@..@@@@..@@@.",
          ".................."};
}

/// Starts and goals at distinct cells of the largest connected area, drawn by `seed`;
/// rotation-model robots start with assorted headings.
Instance random_instance(std::shared_ptr<const Grid> grid, MotionKind kind, int robots,
                         std::uint64_t seed) {
  const Components components = connected_components(*grid);
  std::vector<int> size(static_cast<std::size_t>(components.count), 0);
  for (const int c : components.of_free_cell) ++size[static_cast<std::size_t>(c)];
  const auto largest =
      static_cast<int>(std::max_element(size.begin(), size.end()) - size.begin());
  std::vector<Cell> area;
  for (Cell c = 0; c < grid->size(); ++c)
    if (grid->passable(c) && components.of_free_cell[grid->free_index(c)] == largest)
      area.push_back(c);
  std::mt19937_64 random(seed);
  std::shuffle(area.begin(), area.end(), random);
  std::vector<Cell> goals(area.begin(), area.begin() + robots);
  std::shuffle(area.begin(), area.end(), random);
  const Motion motion(*grid, kind);
  std::vector<State> starts;
  for (int r = 0; r < robots; ++r)
    starts.push_back(motion.state(area[static_cast<std::size_t>(r)], (r * 3) % 4));
  return Instance(std::move(grid), kind, std::move(starts), std::move(goals));
}

ConformanceCase hand_made(const std::string& label, const std::vector<std::string>& rows,
                          const std::vector<std::pair<int, int>>& starts,
                          const std::vector<std::pair<int, int>>& goals, MotionKind kind,
                          bool solvable = true) {
  auto grid = std::make_shared<const Grid>(Grid::from_rows(rows));
  const Motion motion(*grid, kind);
  std::vector<State> s;
  std::vector<Cell> g;
  for (auto [x, y] : starts) s.push_back(motion.state(grid->cell(x, y), 0));
  for (auto [x, y] : goals) g.push_back(grid->cell(x, y));
  return {label + ", " + std::string(to_string(kind)),
          Instance(std::move(grid), kind, std::move(s), std::move(g)), solvable};
}

}  // namespace

std::vector<ConformanceCase> plan_cases() {
  const std::vector<std::pair<std::string, std::shared_ptr<const Grid>>> maps = {
      {"open 12x10", std::make_shared<const Grid>(Grid::from_rows(open_rows()))},
      {"random 16x16", std::make_shared<const Grid>(Grid::from_rows(random_rows(7, 16)))},
      {"warehouse 18x7", std::make_shared<const Grid>(Grid::from_rows(warehouse_rows()))},
  };
  std::vector<ConformanceCase> cases;
  std::uint64_t seed = 1;
  for (const auto& [name, grid] : maps) {
    for (const MotionKind kind : {MotionKind::FourConnected, MotionKind::Rotation}) {
      const std::string motion(to_string(kind));
      cases.push_back({name + ", " + motion + ", one-shot, 6 robots",
                       random_instance(grid, kind, 6, seed++)});
      ConformanceCase windowed{name + ", " + motion + ", windowed (horizon 5), 10 robots",
                               random_instance(grid, kind, 10, seed++)};
      windowed.instance.horizon = 5;
      cases.push_back(std::move(windowed));
    }
  }
  return cases;
}

std::vector<ConformanceCase> degenerate_cases() {
  std::vector<ConformanceCase> cases;
  for (const MotionKind kind : {MotionKind::FourConnected, MotionKind::Rotation}) {
    cases.push_back(hand_made("no robots", {"...", "..."}, {}, {}, kind));
    cases.push_back(hand_made("every robot on its goal", {"....", ".@..", "...."},
                              {{0, 0}, {3, 2}}, {{0, 0}, {3, 2}}, kind));
    cases.push_back(hand_made("an unreachable goal", {"..@..", "..@.."}, {{0, 0}, {4, 1}},
                              {{4, 0}, {3, 1}}, kind, false));
    // Two robots in single file down a corridor one cell wide: the front one must go first.
    cases.push_back(hand_made("a one-cell corridor", {"@@@@@@@", "......."}, {{1, 1}, {0, 1}},
                              {{6, 1}, {5, 1}}, kind));
    // The second robot stands in the first one's way and must step into the bay.
    cases.push_back(hand_made("a corridor with a bay", {".....", "@.@@@"}, {{0, 0}, {2, 0}},
                              {{4, 0}, {1, 1}}, kind));
    ConformanceCase windowed = hand_made("a corridor with a bay, windowed (horizon 4)",
                                         {".....", "@.@@@"}, {{0, 0}, {2, 0}},
                                         {{4, 0}, {1, 1}}, kind);
    windowed.instance.horizon = 4;
    cases.push_back(std::move(windowed));
  }
  return cases;
}

ConformanceCase busy_case() {
  auto grid = std::make_shared<const Grid>(Grid::from_rows(random_rows(11, 48)));
  return {"random 48x48, 4-connected, one-shot, 150 robots",
          random_instance(grid, MotionKind::FourConnected, 150, 99)};
}

}  // namespace fleet::planner
