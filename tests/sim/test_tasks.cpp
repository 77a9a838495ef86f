// Task sources: one-shot goals, counter-based random errands (independent of the order robots
// ask), the Robot Runners round-robin rule, and task files.
#include "world_test_files.hpp"

#include <fleet/sim/tasks.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <set>
#include <stdexcept>
#include <vector>

using fleet::planner::kNoCell;
using fleet::sim::Cell;
using fleet::sim::TaskSource;

TEST_CASE("one-shot tasks give each robot its goal once", "[tasks]") {
  const auto tasks = fleet::sim::one_shot_tasks({4, 9, 2});
  CHECK_FALSE(tasks->lifelong());
  CHECK(tasks->goal(0, 0) == 4);
  CHECK(tasks->goal(1, 0) == 9);
  CHECK(tasks->goal(2, 0) == 2);
  CHECK(tasks->goal(1, 1) == kNoCell);
  CHECK(tasks->goal(3, 0) == kNoCell);
  CHECK(tasks->goal(-1, 0) == kNoCell);
}

TEST_CASE("random errands alternate shelf and station and ignore the asking order", "[tasks]") {
  const fleet::sim::Warehouse w = fleet::sim::generate_layout({}, 20);
  const auto tasks = fleet::sim::random_errands(w, 42);
  CHECK(tasks->lifelong());
  const std::set<Cell> shelves(w.shelves.begin(), w.shelves.end());
  const std::set<Cell> stations(w.stations.begin(), w.stations.end());

  constexpr int kRobots = 20;
  constexpr int kErrands = 200;
  std::vector<Cell> forward;
  for (int r = 0; r < kRobots; ++r)
    for (int j = 0; j < kErrands; ++j) forward.push_back(tasks->goal(r, j));
  // Ask again in reverse order, from a second source made with the same seed.
  const auto again = fleet::sim::random_errands(w, 42);
  for (int r = kRobots - 1; r >= 0; --r)
    for (int j = kErrands - 1; j >= 0; --j)
      REQUIRE(again->goal(r, j) == forward[static_cast<std::size_t>(r * kErrands + j)]);

  std::set<Cell> used;
  for (int r = 0; r < kRobots; ++r) {
    for (int j = 0; j < kErrands; ++j) {
      const Cell g = forward[static_cast<std::size_t>(r * kErrands + j)];
      CHECK((j % 2 == 0 ? shelves.count(g) : stations.count(g)) == 1);
      used.insert(g);
    }
  }
  // Spread: nearly every shelf and every station comes up in 4,000 draws.
  CHECK(used.size() > (shelves.size() + stations.size()) * 9 / 10);
  // Robots do not share one sequence, and another seed gives other errands.
  const auto other = fleet::sim::random_errands(w, 43);
  int same_robot = 0;
  int same_seed = 0;
  for (int j = 0; j < kErrands; j += 2) {
    same_robot += tasks->goal(0, j) == tasks->goal(1, j);
    same_seed += tasks->goal(0, j) == other->goal(0, j);
  }
  CHECK(same_robot < 10);
  CHECK(same_seed < 10);
}

TEST_CASE("random errands need shelves and stations", "[tasks]") {
  fleet::sim::Warehouse w = fleet::sim::generate_layout({}, 1);
  w.stations.clear();
  CHECK_THROWS_AS(fleet::sim::random_errands(w, 1), std::invalid_argument);
}

TEST_CASE("round-robin tasks follow the Robot Runners 2023 rule", "[tasks]") {
  const std::vector<Cell> list = {10, 11, 12, 13, 14, 15, 16};
  const int team = 3;
  const auto tasks = fleet::sim::round_robin_tasks(list, team);
  CHECK(tasks->lifelong());
  // By hand: robot 0 gets tasks 0, 3, 6, 2 (9 mod 7), 5; robot 2 gets 2, 5, 1 (8 mod 7).
  CHECK(tasks->goal(0, 0) == 10);
  CHECK(tasks->goal(0, 1) == 13);
  CHECK(tasks->goal(0, 2) == 16);
  CHECK(tasks->goal(0, 3) == 12);
  CHECK(tasks->goal(0, 4) == 15);
  CHECK(tasks->goal(2, 0) == 12);
  CHECK(tasks->goal(2, 1) == 15);
  CHECK(tasks->goal(2, 2) == 11);
  for (int k = 0; k < team; ++k)
    for (std::int64_t j = 0; j < 50; ++j)
      CHECK(tasks->goal(k, j) == list[static_cast<std::size_t>((j * team + k) % 7)]);
  // Far into a long run the index does not overflow.
  const std::int64_t far = 1'000'000'000'000;
  CHECK(tasks->goal(1, far) == list[static_cast<std::size_t>((far * team + 1) % 7)]);
  CHECK(tasks->goal(team, 0) == kNoCell);
  CHECK(tasks->goal(0, -1) == kNoCell);
}

TEST_CASE("round-robin by task keeps each task's errands together", "[tasks]") {
  // Three tasks of (pick-up, drop-off).
  const std::vector<Cell> errands = {1, 2, 3, 4, 5, 6};
  const int team = 2;
  const auto tasks = fleet::sim::round_robin_tasks(errands, 2, team);
  // Robot 0: tasks 0, 2, 1 (2 mod 3); robot 1: tasks 1, 0 (3 mod 3).
  const std::vector<Cell> robot0 = {1, 2, 5, 6, 3, 4};
  const std::vector<Cell> robot1 = {3, 4, 1, 2};
  for (std::size_t i = 0; i < robot0.size(); ++i)
    CHECK(tasks->goal(0, static_cast<std::int64_t>(i)) == robot0[i]);
  for (std::size_t i = 0; i < robot1.size(); ++i)
    CHECK(tasks->goal(1, static_cast<std::int64_t>(i)) == robot1[i]);
}

TEST_CASE("round-robin tasks refuse bad lists", "[tasks]") {
  CHECK_THROWS_AS(fleet::sim::round_robin_tasks({}, 3), std::invalid_argument);
  CHECK_THROWS_AS(fleet::sim::round_robin_tasks({1, 2}, 0), std::invalid_argument);
  CHECK_THROWS_AS(fleet::sim::round_robin_tasks({1, 2, 3}, 2, 4), std::invalid_argument);
  CHECK_THROWS_AS(fleet::sim::round_robin_tasks({1, 2}, 0, 4), std::invalid_argument);
}

TEST_CASE("task files: 2023 single cells and 2024 errand lists", "[tasks]") {
  const fleet::test::ScratchDir dir;
  const auto grid = fleet::planner::Grid::from_rows({"....", ".@..", "...."});
  const auto single = dir.write("a.tasks", "3\n0\n11\n  6 \n");
  const auto a = fleet::sim::read_task_file(single, grid);
  CHECK(a.size() == 3);
  CHECK(a.errands == std::vector<Cell>{0, 11, 6});
  CHECK(a.lines == std::vector<int>{2, 3, 4});
  CHECK(a.max_errands() == 1);
  CHECK(a.padded() == a.errands);

  const auto multi = dir.write("b.tasks", "# version for LoRR 2024\n2\n0,11\n3, 7 ,8\n");
  const auto b = fleet::sim::read_task_file(multi, grid);
  CHECK(b.size() == 2);
  CHECK(b.errands == std::vector<Cell>{0, 11, 3, 7, 8});
  CHECK(b.lines == std::vector<int>{3, 4});
  CHECK(b.max_errands() == 3);
  // The shorter task repeats its last errand.
  CHECK(b.padded() == std::vector<Cell>{0, 11, 11, 3, 7, 8});
}

TEST_CASE("task file errors name the file and line", "[tasks]") {
  const fleet::test::ScratchDir dir;
  const auto grid = fleet::planner::Grid::from_rows({"....", ".@..", "...."});
  auto expect = [&](const std::string& text, int line, const std::string& fragment) {
    const auto file = dir.write("t.tasks", text);
    fleet::test::require_input_error([&] { (void)fleet::sim::read_task_file(file, grid); }, file,
                                     line, fragment);
  };
  expect("3\n0\n1\n", 3, "says 3");
  expect("1\n0\n1\n", 3, "more task lines");
  expect("x\n0\n", 1, "number of tasks");
  expect("-2\n", 1, "number of tasks");
  expect("2\n0\n1x\n", 3, "integer");
  expect("2\n0\n0,\n", 3, "integer");
  expect("2\n0\n12\n", 3, "off the 4x3 map");
  expect("2\n0\n5\n", 3, "obstacle");
  expect("# only a comment\n", 1, "empty task file");
  const auto missing = dir.path() / "missing.tasks";
  fleet::test::require_input_error([&] { (void)fleet::sim::read_task_file(missing, grid); },
                                   missing, 0, "cannot open");
}
