#!/usr/bin/env python3
"""Drives a whole fleet from Python with one NumPy action array per tick and reports
robot-steps per second. No Python code runs per robot: the policy is array arithmetic, the
actions become states, are validated and executed in C++.

The policy: every robot takes its shortest-path action (computed in C++, ignoring other
robots), and a random tenth of the fleet takes a random action instead (NumPy), so the
validator has conflicts to prevent.

    PYTHONPATH=build/release/python python3 examples/python/drive_fleet.py \
        --scenario scenarios/large.yaml --ticks 300
"""

import argparse
import time

import numpy as np

import fleetsim


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenario", default="scenarios/large.yaml")
    parser.add_argument("--ticks", type=int, default=300)
    parser.add_argument("--threads", type=int, default=None, help="worker threads (default: all cores)")
    parser.add_argument("--explore", type=float, default=0.1, help="share of robots acting at random")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    fleetsim.set_log_level("error")
    scenario = fleetsim.load_scenario(args.scenario)
    # The planner is never asked; "reactive" is cheap to make.
    sim = fleetsim.Simulator(scenario, planner="reactive", steps=args.ticks, threads=args.threads)
    robots = sim.robots
    rng = np.random.default_rng(args.seed)
    action_count = 7 if sim.motion == "rotation" else 5

    policy_s = 0.0
    prevented = 0
    errands = 0
    start = time.perf_counter()
    while not sim.finished:
        t0 = time.perf_counter()
        actions = sim.shortest_path_actions()
        explore = rng.random(robots) < args.explore
        actions[explore] = rng.integers(0, action_count, size=int(explore.sum()), dtype=np.uint8)
        policy_s += time.perf_counter() - t0
        result = sim.step(actions)
        prevented += len(result.prevented)
        errands += result.errands_done
    wall = time.perf_counter() - start
    summary = sim.summary()

    steps = robots * summary["ticks"]
    print(f"scenario      {scenario.name}: {robots} robots, {summary['ticks']} ticks, {summary['threads']} threads")
    print(f"errands       {errands} done; {prevented} violations prevented")
    print(f"from Python   {steps / wall:.3g} robot-steps/s (the whole loop: policy, actions, step)")
    print(f"              {steps / (wall - policy_s):.3g} robot-steps/s (stepping only, policy excluded)")
    print(f"C++ phases    {summary['loop_robot_steps_per_s']:.3g} robot-steps/s (the simulator's own "
          f"step phases inside those calls)")


if __name__ == "__main__":
    main()
