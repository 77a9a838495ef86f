// The validator against one hand-built broken plan per violation kind (kind, robots, cell and
// time checked), valid plans that must pass, and the plan metrics on tiny hand-made cases.
#include <fleet/planner/plan.hpp>
#include <fleet/planner/validator.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <memory>
#include <string>

using namespace fleet::planner;

namespace {

//   x: 0123
// y=0  ....
// y=1  .@..
// y=2  ....
std::shared_ptr<const Grid> grid() {
  return std::make_shared<const Grid>(Grid::from_rows({"....", ".@..", "...."}));
}
Cell at(int x, int y) { return grid()->cell(x, y); }

Instance four(std::vector<State> starts, std::vector<Cell> goals) {
  return {grid(), MotionKind::FourConnected, std::move(starts), std::move(goals)};
}

bool has(const std::vector<Violation>& found, ViolationKind kind) {
  return std::any_of(found.begin(), found.end(), [&](const Violation& v) { return v.kind == kind; });
}

const Violation& only(const std::vector<Violation>& found, ViolationKind kind) {
  const auto it =
      std::find_if(found.begin(), found.end(), [&](const Violation& v) { return v.kind == kind; });
  REQUIRE(it != found.end());
  CHECK(std::count_if(found.begin(), found.end(),
                      [&](const Violation& v) { return v.kind == kind; }) == 1);
  return *it;
}

}  // namespace

TEST_CASE("a valid plan has no violations, following a robot included", "[validator]") {
  // Robot 0 moves east along the top row; robot 1 follows into each cell it leaves.
  const Instance instance = four({at(1, 0), at(0, 0)}, {at(3, 0), at(2, 0)});
  const Plan plan = {{at(1, 0), at(0, 0)}, {at(2, 0), at(1, 0)}, {at(3, 0), at(2, 0)}};
  CHECK(validate(instance, plan).empty());
  // A plan of one configuration is valid when every robot starts on its goal.
  const Instance home = four({at(0, 0)}, {at(0, 0)});
  CHECK(validate(home, {{at(0, 0)}}).empty());
}

TEST_CASE("vertex conflict: two robots in one cell", "[validator]") {
  const Instance instance = four({at(0, 0), at(2, 0)}, {at(1, 0), at(1, 0)});
  const Plan plan = {{at(0, 0), at(2, 0)}, {at(1, 0), at(1, 0)}};
  const auto found = validate(instance, plan);
  const Violation& v = only(found, ViolationKind::Vertex);
  CHECK(v.time == 1);
  CHECK(v.robot == 0);
  CHECK(v.other == 1);
  CHECK(v.cell == at(1, 0));
  CHECK(v.describe(*grid()) == "vertex conflict at t=1, robot 0 and robot 1, cell (1,0)");
  CHECK(found.size() == 1);
}

TEST_CASE("swap conflict: two robots exchange cells", "[validator]") {
  // Robots 1 and 2 swap (3,2)<->(2,2) between t=1 and t=2; robot 0 stays clear.
  const Instance swapping = four({at(0, 0), at(2, 2), at(3, 2)}, {at(0, 0), at(3, 2), at(2, 2)});
  const Plan plan = {{at(0, 0), at(2, 2), at(3, 2)},
                     {at(0, 0), at(2, 2), at(3, 2)},
                     {at(0, 0), at(3, 2), at(2, 2)}};
  const auto found = validate(swapping, plan);
  const Violation& v = only(found, ViolationKind::Swap);
  CHECK(v.time == 1);
  CHECK(v.robot == 1);
  CHECK(v.other == 2);
  CHECK(v.cell == at(2, 2));
  CHECK(found.size() == 1);
}

TEST_CASE("obstacle: a robot on a blocked cell", "[validator]") {
  const Instance instance = four({at(1, 0)}, {at(1, 0)});
  const Plan plan = {{at(1, 0)}, {at(1, 1)}, {at(1, 0)}};
  const auto found = validate(instance, plan);
  const Violation& v = only(found, ViolationKind::Obstacle);
  CHECK(v.time == 1);
  CHECK(v.robot == 0);
  CHECK(v.cell == at(1, 1));
  // Stepping into and out of a wall is no single action either.
  CHECK(has(found, ViolationKind::NonUnitMove));

  // A state off the map is reported the same way, with no cell.
  const Instance off = four({at(0, 0)}, {at(0, 0)});
  const auto off_found = validate(off, {{at(0, 0)}, {99}, {at(0, 0)}});
  const Violation& o = only(off_found, ViolationKind::Obstacle);
  CHECK(o.time == 1);
  CHECK(o.cell == kNoCell);
}

TEST_CASE("non-unit moves: jumps and diagonals", "[validator]") {
  SECTION("a jump of two cells") {
    const Instance instance = four({at(0, 0)}, {at(2, 0)});
    const auto found = validate(instance, {{at(0, 0)}, {at(2, 0)}});
    const Violation& v = only(found, ViolationKind::NonUnitMove);
    CHECK(v.time == 0);
    CHECK(v.robot == 0);
    CHECK(v.cell == at(0, 0));
    CHECK(found.size() == 1);
  }
  SECTION("a diagonal") {
    const Instance instance = four({at(2, 1)}, {at(3, 2)});
    const auto found = validate(instance, {{at(2, 1)}, {at(2, 1)}, {at(3, 2)}});
    const Violation& v = only(found, ViolationKind::NonUnitMove);
    CHECK(v.time == 1);
    CHECK(v.cell == at(2, 1));
    CHECK(found.size() == 1);
  }
  SECTION("wrapping from the end of a row to the start of the next") {
    // Cells 3 and 4 are adjacent indices but (3,0) and (0,1) are not neighbours.
    const Instance instance = four({at(3, 0)}, {at(0, 1)});
    CHECK(has(validate(instance, {{at(3, 0)}, {at(0, 1)}}), ViolationKind::NonUnitMove));
  }
}

TEST_CASE("non-unit moves under the rotation model", "[validator]") {
  const Motion m(*grid(), MotionKind::Rotation);
  const Instance instance(grid(), MotionKind::Rotation, {m.state(at(0, 0), 0)}, {at(0, 2)});
  SECTION("moving south while facing east") {
    const Plan plan = {{m.state(at(0, 0), 0)}, {m.state(at(0, 1), 0)}, {m.state(at(0, 2), 0)}};
    const auto found = validate(instance, plan);
    CHECK(std::count_if(found.begin(), found.end(), [](const Violation& v) {
            return v.kind == ViolationKind::NonUnitMove;
          }) == 2);
    CHECK(found.front().time == 0);
    CHECK(found.front().cell == at(0, 0));
  }
  SECTION("a U-turn in one tick") {
    const Plan plan = {{m.state(at(0, 0), 0)}, {m.state(at(0, 0), 2)}};
    const auto found = validate(instance, plan, {.require_goals = false});
    const Violation& v = only(found, ViolationKind::NonUnitMove);
    CHECK(v.time == 0);
    CHECK(found.size() == 1);
  }
  SECTION("turn, then two forwards, is valid") {
    const Plan plan = {{m.state(at(0, 0), 0)},
                       {m.state(at(0, 0), 1)},
                       {m.state(at(0, 1), 1)},
                       {m.state(at(0, 2), 1)}};
    CHECK(validate(instance, plan).empty());
  }
}

TEST_CASE("wrong start and wrong goal", "[validator]") {
  const Instance instance = four({at(0, 0), at(3, 2)}, {at(2, 0), at(3, 0)});
  const Plan plan = {{at(0, 0), at(2, 2)}, {at(1, 0), at(3, 2)}, {at(2, 0), at(3, 1)}};
  const auto found = validate(instance, plan);
  const Violation& start = only(found, ViolationKind::WrongStart);
  CHECK(start.time == 0);
  CHECK(start.robot == 1);
  CHECK(start.cell == at(2, 2));
  // (2,2) -> (3,2) is a legal move; the plan is only wrong at its ends.
  const Violation& goal = only(found, ViolationKind::WrongGoal);
  CHECK(goal.time == 2);
  CHECK(goal.robot == 1);
  CHECK(goal.cell == at(3, 0));
  CHECK(found.size() == 2);
  // Lifelong prefixes need not end on the goals.
  CHECK(validate(instance, plan, {.require_goals = false}).size() == 1);
}

TEST_CASE("malformed plans", "[validator]") {
  const Instance instance = four({at(0, 0), at(3, 0)}, {at(0, 0), at(3, 0)});
  SECTION("empty") {
    const auto found = validate(instance, {});
    REQUIRE(found.size() == 1);
    CHECK(found[0].kind == ViolationKind::Malformed);
  }
  SECTION("a configuration with a robot missing") {
    const auto found = validate(instance, {{at(0, 0), at(3, 0)}, {at(0, 0)}});
    REQUIRE(found.size() == 1);
    CHECK(found[0].kind == ViolationKind::Malformed);
    CHECK(found[0].time == 1);
  }
  SECTION("check_step on configurations of different sizes") {
    Validator validator(instance.motion);
    const auto found = validator.check_step({at(0, 0), at(3, 0)}, {at(0, 0)}, 4);
    REQUIRE(found.size() == 1);
    CHECK(found[0].kind == ViolationKind::Malformed);
    CHECK(found[0].time == 5);
  }
}

TEST_CASE("the validator stops at max_violations and is reusable", "[validator]") {
  // Four robots all jump onto (0,0): three vertex conflicts and non-unit moves.
  const Instance instance =
      four({at(0, 0), at(0, 2), at(2, 2), at(3, 0)}, {at(0, 0), at(0, 2), at(2, 2), at(3, 0)});
  const Plan plan = {instance.starts, {at(0, 0), at(0, 0), at(0, 0), at(0, 0)}, instance.starts};
  CHECK(validate(instance, plan, {.require_goals = true, .max_violations = 2}).size() == 2);
  CHECK(validate(instance, plan).size() > 2);
  // The scratch arrays are cleared between calls: a valid step checks clean afterwards.
  Validator validator(instance.motion);
  CHECK_FALSE(validator.check_step(plan[0], plan[1], 0).empty());
  CHECK(validator.check_step(plan[0], plan[0], 0).empty());
}

TEST_CASE("plan metrics on hand-made plans", "[plan]") {
  // Robot 0: reaches (2,0) at t=2. Robot 1: starts on its goal, steps off at t=1, back at t=3.
  // Robot 2: never reaches its goal (cost = the last tick).
  const Instance instance = four({at(0, 0), at(3, 2), at(0, 2)}, {at(2, 0), at(3, 2), at(2, 2)});
  const Plan plan = {{at(0, 0), at(3, 2), at(0, 2)},
                     {at(1, 0), at(3, 1), at(0, 2)},
                     {at(2, 0), at(3, 1), at(0, 2)},
                     {at(2, 0), at(3, 2), at(0, 2)},
                     {at(2, 0), at(3, 2), at(1, 2)}};
  CHECK(robot_cost(instance, plan, 0) == 2);
  CHECK(robot_cost(instance, plan, 1) == 3);
  CHECK(robot_cost(instance, plan, 2) == 4);
  CHECK(sum_of_costs(instance, plan) == 9);
  CHECK(makespan(instance, plan) == 4);
  CHECK(robot_cost(instance, {plan.front()}, 1) == 0);

  // Lower bounds: 2 + 0 + 2.
  CHECK(sum_of_costs_lower_bound(instance) == 4);
  CHECK(makespan_lower_bound(instance) == 2);
  // (0,0) -> (2,1): around the obstacle at (1,1) costs 3, same as the free Manhattan path.
  CHECK(sum_of_costs_lower_bound(four({at(0, 0)}, {at(2, 1)})) == 3);
  // (1,0) -> (1,2): the obstacle forces a detour of 4 instead of 2.
  CHECK(sum_of_costs_lower_bound(four({at(1, 0)}, {at(1, 2)})) == 4);
}

TEST_CASE("lower bounds count turns under the rotation model", "[plan]") {
  const Motion m(*grid(), MotionKind::Rotation);
  // Facing east at (0,0): (0,2) needs a clockwise turn and two forwards.
  const Instance south(grid(), MotionKind::Rotation, {m.state(at(0, 0), 0)}, {at(0, 2)});
  CHECK(sum_of_costs_lower_bound(south) == 3);
  // Facing east at (3,0) with the goal (0,0) behind: two turns and three forwards.
  const Instance behind(grid(), MotionKind::Rotation, {m.state(at(3, 0), 0)}, {at(0, 0)});
  CHECK(sum_of_costs_lower_bound(behind) == 5);
  CHECK(makespan_lower_bound(behind) == 5);
}
