// Delays seen in a live run: a broken-down robot looks broken, and a robot waiting on it under
// the ADG names it as the robot it waits for.
#include "../sim/loop_test_support.hpp"

#include <fleet/viz/frame_pair.hpp>
#include <fleet/viz/live_source.hpp>

#include <catch2/catch.hpp>

#include <chrono>
#include <thread>

using fleet::viz::RobotLook;

TEST_CASE("a live run shows a broken-down robot and the robot waiting on it", "[viz]") {
  // A one-cell corridor (top row); robot 0 breaks down at tick 1 right ahead of robot 1, and
  // the tick after, before any replan, robot 1 waits on it.
  fleet::sim::Scenario s = fleet::test::make_scenario({"........", ".@@@@@@.", "........"},
                                                      {2, 1}, {7, 6}, false);
  s.planner.name = "lacam";
  s.planner.time_limit_s = 30.0;
  s.execution.policy = fleet::sim::ExecutionPolicy::Adg;
  s.execution.delays.scheduled.push_back({0, 1, 100});
  fleet::viz::LiveSource live(s);
  for (int i = 0; i < 3000 && live.end_tick() < 3 && live.failure().empty(); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  REQUIRE(live.failure().empty());
  REQUIRE(live.end_tick() >= 3);
  fleet::viz::FramePair frames;
  frames.load(live, 2.0);  // tick 2: the step of tick 1 (the breakdown) is behind it
  CHECK(frames.look(live.motion(), 0) == RobotLook::Broken);
  REQUIRE(frames.current().waiting_on.size() == 2);
  CHECK(frames.current().waiting_on[1] == 0);
  CHECK(frames.current().waiting_on[0] == -1);
}
