#!/usr/bin/env python3
"""Drives a whole fleet from Python with one NumPy action array per tick and reports
robot-steps per second. No Python code runs per robot: the policy is array arithmetic, the
actions become states, are validated and executed in C++.

The policy: every robot takes its shortest-path action (computed in C++, ignoring other
robots); optionally a share of the fleet acts at random (--explore); then conflicts are
resolved with array operations (a robot whose target cell another robot also wants, or
stands on without leaving, or that would swap with its neighbour, waits; repeated until
nothing changes), so the validator has little to prevent. --no-resolve skips that and leaves
every conflict to the validator.

    PYTHONPATH=build/release/python python3 examples/python/drive_fleet.py \
        --scenario scenarios/large.yaml --ticks 300
    # the same work as a C++ run of the reactive planner: replay its recorded actions
    build/release/bin/fleetsim run scenarios/large.yaml --planner reactive --steps 300 \
        --no-trace --dataset runs/large-reactive
    PYTHONPATH=build/release/python python3 examples/python/drive_fleet.py \
        --scenario scenarios/large.yaml --ticks 300 --actions-from runs/large-reactive
"""

import argparse
import time

import numpy as np

import fleetsim


MOVES = np.array([[0, 0], [1, 0], [0, 1], [-1, 0], [0, -1]])  # wait, east, south, west, north


def resolve_conflicts(cells, actions, width, height, passable):
    """Sets to WAIT every robot whose move would conflict, in whole-array rounds (4-connected)."""
    actions = actions.copy()
    x, y = cells % width, cells // width
    robots = np.arange(len(cells))
    occupant = np.full(width * height, -1, dtype=np.int64)
    occupant[cells] = robots
    for _ in range(50):
        tx, ty = x + MOVES[actions, 0], y + MOVES[actions, 1]
        inside = (tx >= 0) & (tx < width) & (ty >= 0) & (ty < height)
        target = np.where(inside, ty * width + tx, cells)
        bad = ~inside | (passable.ravel()[target] == 0)
        # Two robots wanting one cell: all but the first wait.
        order = np.argsort(target, kind="stable")
        sorted_targets = target[order]
        repeat = np.zeros(len(cells), dtype=bool)
        repeat[order[1:]] = sorted_targets[1:] == sorted_targets[:-1]
        # Moving onto a robot that stays, or swapping with it.
        other = occupant[target]
        moving = actions != fleetsim.WAIT
        into = moving & (other >= 0) & (other != robots)
        stays = into & (actions[np.where(other >= 0, other, 0)] == fleetsim.WAIT)
        swaps = into & (target[np.where(other >= 0, other, 0)] == cells)
        wait = moving & (bad | repeat | stays | swaps)
        if not wait.any():
            break
        actions[wait] = fleetsim.WAIT
    return actions


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenario", default="scenarios/large.yaml")
    parser.add_argument("--ticks", type=int, default=300)
    parser.add_argument("--threads", type=int, default=None, help="worker threads (default: all cores)")
    parser.add_argument("--explore", type=float, default=0.0, help="share of robots acting at random")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-resolve", action="store_true", help="leave conflicts to the validator")
    parser.add_argument("--actions-from", metavar="DATASET",
                        help="replay the executed actions of a dataset recorded from the same "
                             "scenario and seed (needs h5py): the same work as that run's step loop")
    args = parser.parse_args()

    fleetsim.set_log_level("error")
    scenario = fleetsim.load_scenario(args.scenario)
    # The planner is never asked; "reactive" is cheap to make.
    sim = fleetsim.Simulator(scenario, planner="reactive", steps=args.ticks, threads=args.threads)
    robots = sim.robots
    rng = np.random.default_rng(args.seed)
    action_count = 7 if sim.motion == "rotation" else 5
    resolve = not args.no_resolve and sim.motion == "4-connected"
    grid = sim.grid
    passable = grid.passable

    recorded = None
    if args.actions_from:
        from fleetsim import datasets  # needs h5py
        recorded = datasets.load(args.actions_from, ["action"])[0]["action"]
        if recorded.shape[1] != robots or recorded.shape[0] <= args.ticks:
            raise SystemExit(f"{args.actions_from} does not have {args.ticks} ticks of {robots} robots")

    policy_s = 0.0
    prevented = 0
    errands = 0
    start = time.perf_counter()
    while not sim.finished:
        t0 = time.perf_counter()
        if recorded is not None:
            actions = recorded[sim.tick + 1]
            policy_s += time.perf_counter() - t0
            result = sim.step(actions)
            prevented += len(result.prevented)
            errands += result.errands_done
            continue
        actions = sim.shortest_path_actions()
        explore = rng.random(robots) < args.explore
        actions[explore] = rng.integers(0, action_count, size=int(explore.sum()), dtype=np.uint8)
        if resolve:
            actions = resolve_conflicts(sim.states, actions, grid.width, grid.height, passable)
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
