// Prioritized planning (`pp`): optimal single-robot costs, orders that need a restart, prompt
// timeouts, windowed plans, determinism and parameters.
#include <fleet/planner/registry.hpp>
#include <fleet/planner/validator.hpp>

#include <catch2/catch.hpp>

#include "../test_paths.hpp"

#include <chrono>
#include <deque>
#include <memory>

using namespace fleet::planner;

namespace {

std::shared_ptr<const Grid> rows(const std::vector<std::string>& text) {
  return std::make_shared<const Grid>(Grid::from_rows(text));
}

std::unique_ptr<Planner> make_pp(const std::map<std::string, std::string>& params = {},
                                 std::uint64_t seed = 1) {
  return builtin_planners().make("pp", params, seed);
}

void require_valid(const Instance& instance, const Result& result, bool require_goals = true) {
  ValidateOptions options;
  options.require_goals = require_goals;
  const auto violations = validate(instance, result.plan, options);
  std::string text;
  for (const auto& v : violations) text += v.describe(instance.map()) + "\n";
  INFO(text);
  REQUIRE(violations.empty());
}

// Breadth-first distances on the 4-connected grid, written independently of DistanceTable.
int bfs_distance(const Grid& grid, Cell from, Cell to) {
  std::vector<int> dist(static_cast<std::size_t>(grid.size()), -1);
  std::deque<Cell> queue{from};
  dist[from] = 0;
  while (!queue.empty()) {
    const Cell c = queue.front();
    queue.pop_front();
    if (c == to) return dist[c];
    const int x = grid.x(c);
    const int y = grid.y(c);
    const int dx[] = {1, -1, 0, 0};
    const int dy[] = {0, 0, 1, -1};
    for (int k = 0; k < 4; ++k) {
      if (!grid.in_bounds(x + dx[k], y + dy[k])) continue;
      const Cell n = grid.cell(x + dx[k], y + dy[k]);
      if (!grid.passable(n) || dist[n] >= 0) continue;
      dist[n] = dist[c] + 1;
      queue.push_back(n);
    }
  }
  return -1;
}

}  // namespace

TEST_CASE("pp finds the optimal cost for a single robot", "[pp]") {
  auto grid = std::make_shared<const Grid>(load_map(fleet::test::movingai("random-32-32-20.map")));
  const Instance scen = load_scen(fleet::test::movingai("random-32-32-20-random-1.scen"), grid, 8);
  for (std::size_t r = 0; r < scen.size(); ++r) {
    const Instance one(grid, MotionKind::FourConnected, {scen.starts[r]}, {scen.goals[r]});
    const Result result = make_pp()->solve(one, StopCondition::after(5.0));
    REQUIRE(result.status == Status::Solved);
    require_valid(one, result);
    CHECK(sum_of_costs(one, result.plan) == bfs_distance(*grid, scen.starts[r], scen.goals[r]));
    CHECK(result.stats.expanded > 0);
    CHECK(result.stats.generated >= result.stats.expanded);
  }
}

TEST_CASE("pp counts rotations in single-robot costs", "[pp]") {
  const auto grid = rows({"....", "....", "...."});
  const Motion m(*grid, MotionKind::Rotation);
  struct Case {
    int heading, gx, gy, cost;
  };
  // From (0,0): straight ahead east is 3; south needs a turn first; behind needs two turns.
  for (const Case c : {Case{0, 3, 0, 3}, Case{0, 0, 2, 3}, Case{2, 3, 0, 5}, Case{1, 2, 2, 5},
                       Case{3, 0, 0, 0}}) {
    const Instance one(grid, MotionKind::Rotation, {m.state(grid->cell(0, 0), c.heading)},
                       {grid->cell(c.gx, c.gy)});
    const Result result = make_pp()->solve(one, StopCondition::after(5.0));
    REQUIRE(result.status == Status::Solved);
    require_valid(one, result);
    CHECK(sum_of_costs(one, result.plan) == c.cost);
  }
}

TEST_CASE("pp restarts when the first priority order fails", "[pp]") {
  //  x: 0 1 2 3 4
  //     . . . . .    robot 0 runs (0,0) -> (4,0); robot 1 starts in its way at (2,0) and
  //     @ . @ @ @    must slip into the bay (1,1). Farthest-first plans robot 0 first, which
  //                  leaves robot 1 no way to the bay; robot 1 first works.
  const auto grid = rows({".....", "@.@@@"});
  const Instance instance(grid, MotionKind::FourConnected, {grid->cell(0, 0), grid->cell(2, 0)},
                          {grid->cell(4, 0), grid->cell(1, 1)});

  const Result once = make_pp({{"restarts", "0"}})->solve(instance, StopCondition::after(5.0));
  CHECK(once.status == Status::Timeout);
  CHECK(once.plan.empty());
  CHECK_FALSE(once.message.empty());

  for (const char* failed_first : {"true", "false"}) {
    const Result result =
        make_pp({{"failed_first", failed_first}})->solve(instance, StopCondition::after(5.0));
    REQUIRE(result.status == Status::Solved);
    require_valid(instance, result);
    CHECK(result.stats.iterations >= 1);
    CHECK(sum_of_costs(instance, result.plan) == 2 + 5);  // robot 0 waits one tick
  }
}

TEST_CASE("pp times out promptly with an empty plan", "[pp]") {
  // Two robots must swap ends of a corridor: no order can work, so pp restarts until stopped.
  const auto grid = rows({"....."});
  const Instance instance(grid, MotionKind::FourConnected, {grid->cell(0, 0), grid->cell(4, 0)},
                          {grid->cell(4, 0), grid->cell(0, 0)});
  const auto planner = make_pp();
  const auto stop = StopCondition::after(0.05);
  const Result result = planner->solve(instance, stop);
  const double late = -stop.seconds_left();
  CHECK(result.status == Status::Timeout);
  CHECK(result.plan.empty());
  CHECK(result.stats.iterations > 10);
  CHECK(late >= 0.0);
  CHECK(late < 0.025);  // typically microseconds; slack for a loaded machine

  std::atomic<bool> cancel{true};
  const Result cancelled = planner->solve(instance, StopCondition::after(60.0, &cancel));
  CHECK(cancelled.status == Status::Timeout);
}

TEST_CASE("pp plans exactly horizon + 1 configurations in windowed mode", "[pp]") {
  auto grid = std::make_shared<const Grid>(
      load_map(fleet::test::movingai("warehouse-10-20-10-2-1.map")));
  Instance instance = load_scen(fleet::test::movingai("warehouse-10-20-10-2-1-random-2.scen"),
                                grid, 40, MotionKind::Rotation);
  for (std::size_t r = 0; r < instance.size(); ++r)  // assorted headings
    instance.starts[r] = instance.motion.state(instance.motion.cell(instance.starts[r]),
                                               static_cast<int>(r % 4));
  instance.goals[1] = instance.goals[0];  // lifelong goals may be shared
  for (int horizon : {1, 7, 30}) {
    instance.horizon = horizon;
    const Result result = make_pp()->solve(instance, StopCondition::after(10.0));
    REQUIRE(result.status == Status::Solved);
    CHECK(result.plan.size() == static_cast<std::size_t>(horizon) + 1);
    require_valid(instance, result, /*require_goals=*/false);
  }

  // A robot close to its goal gets there inside the window and stays.
  const Instance near(grid, MotionKind::Rotation, {instance.motion.state(grid->cell(1, 1), 1)},
                      {grid->cell(1, 3)});
  Instance windowed = near;
  windowed.horizon = 10;
  const Result result = make_pp()->solve(windowed, StopCondition::after(5.0));
  REQUIRE(result.status == Status::Solved);
  REQUIRE(result.plan.size() == 11);
  CHECK(windowed.motion.cell(result.plan.back()[0]) == grid->cell(1, 3));
}

TEST_CASE("pp is deterministic for a seed and reports invalid input", "[pp]") {
  auto grid = std::make_shared<const Grid>(load_map(fleet::test::movingai("room-32-32-4.map")));
  const Instance instance = load_scen(fleet::test::movingai("room-32-32-4-random-1.scen"), grid, 30);
  for (const char* order : {"distance", "random"}) {
    const Result a = make_pp({{"order", order}}, 7)->solve(instance, StopCondition::after(10.0));
    const Result b = make_pp({{"order", order}}, 7)->solve(instance, StopCondition::after(10.0));
    REQUIRE(a.status == Status::Solved);
    require_valid(instance, a);
    CHECK(a.plan == b.plan);
    CHECK(sum_of_costs(instance, a.plan) >= sum_of_costs_lower_bound(instance));
  }

  const auto small = rows({"...", "..."});
  const Instance clash(small, MotionKind::FourConnected, {small->cell(0, 0), small->cell(0, 0)},
                       {small->cell(2, 0), small->cell(2, 1)});
  const Result bad = make_pp()->solve(clash, StopCondition::after(1.0));
  CHECK(bad.status == Status::InvalidInput);
  CHECK_FALSE(bad.message.empty());

  CHECK_THROWS_AS(make_pp({{"order", "alphabetical"}}), std::invalid_argument);
  CHECK_THROWS_AS(make_pp({{"restarts", "many"}}), std::invalid_argument);
}
