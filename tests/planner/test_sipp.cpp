// SIPP against space-time A* over the same random reservation tables: the same answers
// (found or not, and the same optimal cost), legal paths, under both motion models, one-shot
// and windowed.
#include "search/sipp.hpp"

#include <fleet/planner/search/reservation_table.hpp>
#include <fleet/planner/search/space_time_astar.hpp>

#include <catch2/catch.hpp>

#include "search_instances.hpp"

#include <random>

using namespace fleet::planner;

namespace {

// A random walk of `length` ticks from a random free cell: someone else's path.
std::vector<State> random_walk(const Motion& motion, std::mt19937& rng, int length) {
  const auto cells = motion.grid().free_cells();
  std::uniform_int_distribution<std::size_t> pick(0, cells.size() - 1);
  std::vector<State> path{motion.state(cells[pick(rng)], 0)};
  Motion::Neighbours next{};
  for (int t = 0; t < length; ++t) {
    const int n = motion.successors(path.back(), next);
    std::uniform_int_distribution<int> choose(0, n - 1);
    path.push_back(next[choose(rng)]);
  }
  return path;
}

void require_legal(const Motion& motion, const std::vector<State>& path,
                   const ReservationTable& hard, State start) {
  REQUIRE_FALSE(path.empty());
  REQUIRE(path.front() == start);
  for (std::size_t i = 0; i + 1 < path.size(); ++i) {
    INFO("step " << i);
    REQUIRE(motion.transition(path[i], path[i + 1]));
    const Cell a = motion.cell(path[i]);
    const Cell b = motion.cell(path[i + 1]);
    REQUIRE(hard.vertex_free(b, static_cast<int>(i) + 1));
    if (a != b) REQUIRE(hard.move_free(a, b, static_cast<int>(i)));
  }
}

}  // namespace

TEST_CASE("sipp finds the same optimal costs as space-time A*", "[sipp]") {
  for (MotionKind kind : {MotionKind::FourConnected, MotionKind::Rotation}) {
    for (std::uint32_t seed = 1; seed <= 40; ++seed) {
      const auto small = fleet::test::random_small_case(8, 7, 20, 2, seed, kind);
      const Instance& instance = small.instance;
      if (instance.size() < 2) continue;
      const Motion& motion = instance.motion;
      std::mt19937 rng(seed * 7919U);
      ReservationTable hard(instance.map());
      const int others = 2 + static_cast<int>(seed % 5);
      for (int k = 0; k < others; ++k) {
        const auto walk = random_walk(motion, rng, 4 + static_cast<int>(rng() % 12));
        if (motion.cell(walk.front()) == motion.cell(instance.starts[0])) continue;
        hard.add_path(motion, walk, 0, k % 2 == 0 && motion.cell(walk.back()) != instance.goals[0]);
      }
      if (!hard.vertex_free(motion.cell(instance.starts[0]), 0)) continue;
      for (const int horizon : {0, 3, 9}) {
        SearchQuery query;
        query.start = instance.starts[0];
        query.goal = instance.goals[0];
        query.horizon = horizon;
        query.hard = &hard;
        SpaceTimeAStar astar(motion, *instance.distances);
        Sipp sipp(motion, *instance.distances);
        std::vector<State> a_path;
        std::vector<State> s_path;
        const auto a = astar.search(query, a_path);
        const auto s = sipp.search(query, s_path);
        INFO(small.label << " horizon " << horizon);
        REQUIRE(s.status == a.status);
        if (a.status != SearchStatus::Found) continue;
        CHECK(s.cost == a.cost);
        require_legal(motion, s_path, hard, query.start);
        if (horizon > 0) {
          CHECK(s_path.size() == static_cast<std::size_t>(horizon) + 1);
        } else {
          CHECK(motion.cell(s_path.back()) == query.goal);
          CHECK(static_cast<int>(s_path.size()) - 1 == s.cost);
          CHECK(hard.free_from(query.goal, static_cast<int>(s_path.size())));
        }
      }
    }
  }
}

TEST_CASE("sipp reports no path when the goal is held forever", "[sipp]") {
  auto grid = std::make_shared<const Grid>(Grid::from_rows({"....", "...."}));
  const Instance instance(grid, MotionKind::FourConnected, {grid->cell(0, 0)}, {grid->cell(3, 1)});
  ReservationTable hard(*grid);
  hard.add_parked(grid->cell(3, 1), 2);
  Sipp sipp(instance.motion, *instance.distances);
  std::vector<State> path;
  SearchQuery query;
  query.start = instance.starts[0];
  query.goal = instance.goals[0];
  query.hard = &hard;
  CHECK(sipp.search(query, path).status == SearchStatus::NoPath);
  CHECK(path.empty());
}

TEST_CASE("sipp over a table with removed paths matches a table built afresh", "[sipp]") {
  // PBS updates its table by difference (paths removed and added): the safe intervals must
  // not depend on that history.
  for (std::uint32_t seed = 1; seed <= 30; ++seed) {
    const auto small = fleet::test::random_small_case(8, 7, 20, 2, seed);
    const Instance& instance = small.instance;
    if (instance.size() < 2) continue;
    const Motion& motion = instance.motion;
    std::mt19937 rng(seed * 104729U);
    std::vector<std::vector<State>> walks;
    for (int k = 0; k < 6; ++k) {
      auto walk = random_walk(motion, rng, 3 + static_cast<int>(rng() % 14));
      if (motion.cell(walk.front()) == motion.cell(instance.starts[0])) continue;
      walks.push_back(std::move(walk));
    }
    ReservationTable updated(instance.map());
    ReservationTable fresh(instance.map());
    for (const auto& walk : walks) updated.add_path(motion, walk);
    // Keep every other walk: remove the rest from `updated`, add only the kept to `fresh`.
    for (std::size_t k = 0; k < walks.size(); ++k) {
      if (k % 2 == 0) fresh.add_path(motion, walks[k]);
      else updated.remove_path(motion, walks[k]);
    }
    for (Cell c = 0; c < instance.map().size(); ++c) {
      INFO(small.label << " cell " << c);
      REQUIRE(updated.last_vertex_time(c) == fresh.last_vertex_time(c));
      if (fresh.last_vertex_time(c) >= 0)
        CHECK(updated.first_vertex_time(c) <= fresh.first_vertex_time(c));
    }
    if (!fresh.vertex_free(motion.cell(instance.starts[0]), 0)) continue;
    SearchQuery query;
    query.start = instance.starts[0];
    query.goal = instance.goals[0];
    Sipp sipp(motion, *instance.distances);
    std::vector<State> a;
    std::vector<State> b;
    query.hard = &updated;
    const auto x = sipp.search(query, a);
    query.hard = &fresh;
    const auto y = sipp.search(query, b);
    INFO(small.label);
    REQUIRE(x.status == y.status);
    CHECK(x.cost == y.cost);
    CHECK(a == b);
  }
}
