// The low-level search core: reservation table semantics and space-time A* / focal search
// around hard and soft reservations, under both motion models.
#include <fleet/planner/search/reservation_table.hpp>
#include <fleet/planner/search/space_time_astar.hpp>

#include <catch2/catch.hpp>

#include "../test_paths.hpp"

#include <chrono>
#include <memory>

using namespace fleet::planner;

namespace {

struct World {
  explicit World(const std::vector<std::string>& rows, MotionKind kind = MotionKind::FourConnected)
      : grid(Grid::from_rows(rows)), motion(grid, kind), distances(grid, kind) {}
  Grid grid;
  Motion motion;
  DistanceTable distances;
  [[nodiscard]] Cell at(int x, int y) const { return grid.cell(x, y); }
};

// Every step of `path` is one legal action and no step breaks the hard reservations.
void require_legal(const World& w, const std::vector<State>& path,
                   const ReservationTable* hard = nullptr, int start_time = 0) {
  REQUIRE_FALSE(path.empty());
  for (std::size_t i = 0; i + 1 < path.size(); ++i) {
    INFO("step " << i);
    REQUIRE(w.motion.transition(path[i], path[i + 1]));
    if (hard == nullptr) continue;
    const int t = start_time + static_cast<int>(i);
    const Cell a = w.motion.cell(path[i]);
    const Cell b = w.motion.cell(path[i + 1]);
    REQUIRE(hard->vertex_free(b, t + 1));
    if (a != b) REQUIRE(hard->move_free(a, b, t));
  }
}

}  // namespace

TEST_CASE("reservation table counts vertices, swaps and parked cells", "[search]") {
  const World w({"....", "...."});
  ReservationTable table(w.grid);
  REQUIRE(table.empty());
  REQUIRE(table.last_time() == -1);

  table.add_vertex(w.at(1, 0), 3);
  table.add_vertex(w.at(1, 0), 3);
  table.add_vertex(w.at(1, 0), 7);
  CHECK(table.vertex_count(w.at(1, 0), 3) == 2);
  CHECK(table.vertex_count(w.at(1, 0), 4) == 0);
  CHECK_FALSE(table.vertex_free(w.at(1, 0), 7));
  CHECK(table.last_vertex_time(w.at(1, 0)) == 7);
  CHECK(table.count_from(w.at(1, 0), 0) == 3);
  CHECK(table.count_from(w.at(1, 0), 4) == 1);
  CHECK_FALSE(table.free_from(w.at(1, 0), 7));
  CHECK(table.free_from(w.at(1, 0), 8));
  CHECK_FALSE(table.free_during(w.at(1, 0), 0, 3));
  CHECK(table.free_during(w.at(1, 0), 4, 6));

  // Removing the last entry walks the goal test back to the one before.
  table.add_vertex(w.at(1, 0), 7, -1);
  CHECK(table.last_vertex_time(w.at(1, 0)) == 3);
  CHECK(table.free_from(w.at(1, 0), 4));

  table.add_move(w.at(2, 0), w.at(2, 1), 5);
  CHECK(table.move_count(w.at(2, 0), w.at(2, 1), 5) == 1);
  CHECK(table.move_free(w.at(2, 1), w.at(2, 0), 5));  // the other direction is a different move
  CHECK(table.move_free(w.at(2, 0), w.at(2, 1), 4));
  CHECK(table.move_count(w.at(2, 0), w.at(2, 0), 5) == 0);

  table.add_parked(w.at(3, 1), 4);
  CHECK(table.vertex_free(w.at(3, 1), 3));
  CHECK_FALSE(table.vertex_free(w.at(3, 1), 4));
  CHECK(table.vertex_count(w.at(3, 1), 1000) == 1);
  CHECK_FALSE(table.free_from(w.at(3, 1), 1000));
  CHECK(table.parked_since(w.at(3, 1)) == 4);
  // Two robots may rest on one cell in a soft table (lifelong goals can coincide).
  table.add_parked(w.at(3, 1), 9);
  CHECK(table.vertex_count(w.at(3, 1), 8) == 1);
  CHECK(table.vertex_count(w.at(3, 1), 9) == 2);
  table.add_parked(w.at(3, 1), 4, -1);
  CHECK(table.parked_since(w.at(3, 1)) == 9);
  CHECK(table.vertex_free(w.at(3, 1), 8));

  table.clear();
  CHECK(table.empty());
  CHECK(table.vertex_free(w.at(1, 0), 3));
  CHECK(table.move_free(w.at(2, 0), w.at(2, 1), 5));
  CHECK(table.free_from(w.at(3, 1), 0));
  CHECK(table.last_time() == -1);
}

TEST_CASE("a reserved path blocks its cells and swaps; removing it restores the table",
          "[search]") {
  const World w({"....", "...."});
  const std::vector<State> path = {w.at(0, 0), w.at(1, 0), w.at(1, 0), w.at(2, 0), w.at(2, 1)};
  ReservationTable table(w.grid);
  table.add_path(w.motion, path, 2, /*park=*/true);
  CHECK_FALSE(table.vertex_free(w.at(0, 0), 2));
  CHECK_FALSE(table.vertex_free(w.at(1, 0), 3));
  CHECK_FALSE(table.vertex_free(w.at(1, 0), 4));
  CHECK(table.vertex_free(w.at(1, 0), 5));
  // Moving against the path between two of its ticks is a swap.
  CHECK_FALSE(table.move_free(w.at(1, 0), w.at(0, 0), 2));
  CHECK(table.move_free(w.at(0, 0), w.at(1, 0), 2));
  CHECK_FALSE(table.move_free(w.at(2, 1), w.at(2, 0), 5));
  // The last cell is held forever from the last tick.
  CHECK(table.vertex_free(w.at(2, 1), 5));
  CHECK_FALSE(table.vertex_free(w.at(2, 1), 6));
  CHECK_FALSE(table.vertex_free(w.at(2, 1), 600));

  table.remove_path(w.motion, path, 2, true);
  CHECK(table.empty());
  for (int t = 0; t < 10; ++t)
    for (Cell c = 0; c < w.grid.size(); ++c) CHECK(table.vertex_count(c, t) == 0);
  CHECK(table.free_from(w.at(2, 1), 0));

  // A windowed reservation stops at its horizon.
  table.add_path(w.motion, path, 0, false, 2);
  CHECK_FALSE(table.vertex_free(w.at(1, 0), 2));
  CHECK(table.vertex_free(w.at(2, 0), 3));
  CHECK(table.move_free(w.at(2, 0), w.at(1, 0), 2));
}

TEST_CASE("space-time A* finds shortest paths and is reusable", "[search]") {
  const World w({".....", ".@@@.", "....."});
  SpaceTimeAStar astar(w.motion, w.distances);
  std::vector<State> path;
  SearchQuery q;
  q.start = w.at(0, 0);
  q.goal = w.at(4, 2);
  for (int round = 0; round < 2; ++round) {  // the second search reuses every buffer
    const SearchResult r = astar.search(q, path);
    REQUIRE(r.status == SearchStatus::Found);
    CHECK(r.cost == 6);
    CHECK(r.lower_bound == 6);
    CHECK(path.size() == 7);
    CHECK(path.front() == q.start);
    CHECK(path.back() == q.goal);
    CHECK(r.expanded > 0);
    CHECK(r.generated >= r.expanded);
    require_legal(w, path);
  }
  q.goal = q.start;
  REQUIRE(astar.search(q, path).status == SearchStatus::Found);
  CHECK(path.size() == 1);
}

TEST_CASE("A* waits or detours around vertex and swap reservations", "[search]") {
  const World w({".....", "..@.."});
  SpaceTimeAStar astar(w.motion, w.distances);
  ReservationTable table(w.grid);
  std::vector<State> path;
  SearchQuery q;
  q.start = w.at(0, 0);
  q.goal = w.at(4, 0);
  q.hard = &table;

  // Another robot sits at (3,0) during ticks 2..4; the wall at (2,1) leaves no way round, so
  // the robot waits and enters (3,0) at tick 5.
  for (int t = 2; t <= 4; ++t) table.add_vertex(w.at(3, 0), t);
  SearchResult r = astar.search(q, path);
  REQUIRE(r.status == SearchStatus::Found);
  require_legal(w, path, &table);
  CHECK(r.cost == 6);

  // A robot coming the other way along row 0 from (4,0): head-on swaps are forbidden too.
  table.clear();
  const std::vector<State> other = {w.at(4, 0), w.at(3, 0), w.at(2, 0), w.at(1, 0), w.at(1, 1)};
  table.add_path(w.motion, other, 0, true);
  r = astar.search(q, path);
  REQUIRE(r.status == SearchStatus::Found);
  require_legal(w, path, &table);
  CHECK(r.cost == 7);  // wait at (0,0) until the other robot turns into (1,1) at tick 4
}

TEST_CASE("one-shot paths end only where the robot may stay forever", "[search]") {
  // Goal (2,0) is crossed by another robot at tick 9: arriving at 2 is not enough.
  const World w({".....", "..@.."});
  SpaceTimeAStar astar(w.motion, w.distances);
  ReservationTable table(w.grid);
  table.add_vertex(w.at(2, 0), 9);
  std::vector<State> path;
  SearchQuery q;
  q.start = w.at(0, 0);
  q.goal = w.at(2, 0);
  q.hard = &table;
  const SearchResult r = astar.search(q, path);
  REQUIRE(r.status == SearchStatus::Found);
  require_legal(w, path, &table);
  CHECK(r.cost == 10);
  CHECK(w.motion.cell(path.back()) == q.goal);

  // A goal parked on forever by someone else is unreachable, and the search says so.
  table.clear();
  table.add_parked(w.at(2, 0), 3);
  table.add_vertex(w.at(0, 1), 40);
  CHECK(astar.search(q, path).status == SearchStatus::NoPath);
  CHECK(path.empty());
}

TEST_CASE("a cut-off region is proven unreachable, not searched forever", "[search]") {
  const World w({"...@...", "......."});
  SpaceTimeAStar astar(w.motion, w.distances);
  ReservationTable table(w.grid);
  // The only door between the halves is (3,1); a robot parks in it at tick 1.
  table.add_parked(w.at(3, 1), 1);
  table.add_vertex(w.at(6, 1), 30);  // time folds only after tick 30
  std::vector<State> path;
  SearchQuery q;
  q.start = w.at(0, 0);
  q.goal = w.at(1, 1);
  q.hard = &table;
  REQUIRE(astar.search(q, path).status == SearchStatus::Found);
  q.goal = w.at(6, 0);
  const SearchResult r = astar.search(q, path);
  CHECK(r.status == SearchStatus::NoPath);
  CHECK(r.expanded < 7 * 2 * 40);  // bounded by (cells) x (ticks until folding)
}

TEST_CASE("windowed search returns exactly horizon + 1 states", "[search]") {
  const World w({"..........", ".........."});
  SpaceTimeAStar astar(w.motion, w.distances);
  std::vector<State> path;
  SearchQuery q;
  q.start = w.at(0, 0);
  q.goal = w.at(9, 0);
  q.horizon = 4;
  SearchResult r = astar.search(q, path);
  REQUIRE(r.status == SearchStatus::Found);
  CHECK(path.size() == 5);
  CHECK(r.cost == 9);  // 4 ticks in the window plus 5 still to go
  CHECK(w.motion.cell(path.back()) == w.at(4, 0));
  require_legal(w, path);

  // Reaching the goal inside the window: arrive, then hold it to the horizon.
  q.goal = w.at(2, 0);
  r = astar.search(q, path);
  REQUIRE(r.status == SearchStatus::Found);
  CHECK(r.cost == 2);
  REQUIRE(path.size() == 5);
  CHECK(path[4] == w.at(2, 0));

  // Someone passes the goal at tick 4: the robot steps aside and comes back, still 5 states.
  ReservationTable table(w.grid);
  table.add_vertex(w.at(2, 0), 4);
  q.hard = &table;
  r = astar.search(q, path);
  REQUIRE(r.status == SearchStatus::Found);
  REQUIRE(path.size() == 5);
  require_legal(w, path, &table);
  CHECK(w.motion.cell(path[4]) != w.at(2, 0));

  // Trapped: the robot's cell is taken at tick 1 and every way out too.
  table.clear();
  for (Cell c : {w.at(0, 0), w.at(1, 0), w.at(0, 1)}) table.add_vertex(c, 1);
  CHECK(astar.search(q, path).status == SearchStatus::NoPath);
}

TEST_CASE("soft conflicts break ties, and focal search trades cost for fewer conflicts",
          "[search]") {
  //  0 1 2 3 4
  //  . . . . .   row 0: the short way
  //  . @ @ @ .   row 1
  //  . . . . .   row 2: the way round
  const World w({".....", ".@@@.", "....."});
  SpaceTimeAStar astar(w.motion, w.distances);
  ReservationTable soft(w.grid);
  std::vector<State> path;
  SearchQuery q;
  q.start = w.at(0, 1);
  q.goal = w.at(4, 1);
  q.soft = &soft;
  // Two shortest paths (over the top or under the bottom): the top one is busy at tick 3.
  soft.add_vertex(w.at(2, 0), 3);
  SearchResult r = astar.search(q, path);
  REQUIRE(r.status == SearchStatus::Found);
  CHECK(r.cost == 6);
  CHECK(r.conflicts == 0);
  CHECK(w.motion.cell(path[3]) == w.at(2, 2));

  // From (0,0) to (4,0) the top row (cost 4) meets a robot at ticks 1..3; waiting one tick
  // first (cost 5) meets nobody. (The far entry keeps time from folding at tick 4, which
  // would merge the two arrivals on the goal.)
  soft.clear();
  for (int x = 1; x <= 3; ++x) soft.add_vertex(w.at(x, 0), x);
  soft.add_vertex(w.at(0, 2), 20);
  q.start = w.at(0, 0);
  q.goal = w.at(4, 0);
  r = astar.search(q, path);
  REQUIRE(r.status == SearchStatus::Found);
  CHECK(r.cost == 4);  // A* keeps the optimal cost and counts what it meets
  CHECK(r.conflicts >= 1);
  q.focal_weight = 2.0;
  r = astar.search(q, path);
  REQUIRE(r.status == SearchStatus::Found);
  CHECK(r.conflicts == 0);
  CHECK(r.cost == 5);
  CHECK(r.lower_bound == 4);
  require_legal(w, path);
}

TEST_CASE("rotation-model search matches the distance table", "[search]") {
  const World w({"......", ".@@@@.", "......"}, MotionKind::Rotation);
  SpaceTimeAStar astar(w.motion, w.distances);
  std::vector<State> path;
  SearchQuery q;
  for (int heading = 0; heading < 4; ++heading) {
    for (Cell goal : {w.at(5, 2), w.at(0, 2), w.at(3, 0)}) {
      q.start = w.motion.state(w.at(0, 0), heading);
      q.goal = goal;
      const SearchResult r = astar.search(q, path);
      REQUIRE(r.status == SearchStatus::Found);
      CHECK(static_cast<std::uint32_t>(r.cost) == w.distances.distance(q.start, goal));
      CHECK(path.size() == static_cast<std::size_t>(r.cost) + 1);
      CHECK(w.motion.cell(path.back()) == goal);
      require_legal(w, path);
    }
  }
}

TEST_CASE("a long search stops promptly when told to", "[search]") {
  auto grid = std::make_shared<Grid>(load_map(fleet::test::movingai("random-64-64-10.map")));
  const Motion motion(*grid, MotionKind::FourConnected);
  const DistanceTable distances(*grid, MotionKind::FourConnected);
  ReservationTable table(*grid);
  // The goal is parked on forever, and a far-future entry keeps time from folding early: the
  // search has millions of (cell, tick) nodes to exhaust before it could say NoPath.
  const Cell goal = grid->free_cells()[grid->free_count() - 1];
  table.add_parked(goal, 0);
  table.add_vertex(grid->free_cells()[1], 5000);
  SpaceTimeAStar astar(motion, distances);
  std::vector<State> path;
  SearchQuery q;
  q.start = grid->free_cells()[0];
  q.goal = goal;
  q.hard = &table;
  (void)distances.distance(q.start, goal);  // build the table outside the timed part
  const auto stop = StopCondition::after(0.02);
  const SearchResult r = astar.search(q, path, &stop);
  const double late = -stop.seconds_left();
  CHECK(r.status == SearchStatus::Stopped);
  CHECK(path.empty());
  CHECK(late < 0.025);  // typically microseconds; slack for a loaded machine
}
