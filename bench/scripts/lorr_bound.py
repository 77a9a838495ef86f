#!/usr/bin/env python3
"""The no-congestion bound of a League of Robot Runners 2023 problem.

usage: lorr_bound.py PROBLEM.json [--steps N] [--agents N]

Every robot drives alone, on shortest paths (moves only: no turns, no waiting), from its
start cell through its own round-robin task list (robot k gets tasks k, k + n, k + 2n, ...
of the task file, as the 2023 start kit hands them out). Prints the errands all robots
finish within N steps and that count per step: no planner can deliver more, so a best
known figure above it was made under other rules. Fleets above the agent file's size are
not supported (fleetsim places those robots on seeded cells). Exit 2 with a message on bad
input.
"""
import argparse
import json
import os
import sys
from collections import deque


def fail(message):
    print(f"lorr_bound: {message}", file=sys.stderr)
    sys.exit(2)


def read_numbers(path, what):
    """The count line and the cell numbers after it (a LoRR agents or tasks file)."""
    try:
        with open(path, encoding="utf-8") as f:
            lines = [line.strip() for line in f if line.strip()]
    except OSError as e:
        fail(f"{path}: cannot read the {what} file: {e.strerror}")
    try:
        values = [int(line) for line in lines]
    except ValueError:
        fail(f"{path}: the {what} file must hold one whole number per line")
    if not values or values[0] != len(values) - 1:
        fail(f"{path}: line 1 gives {values[0] if values else 'nothing'} {what}, "
             f"the file lists {max(0, len(values) - 1)}")
    return values[1:]


def read_map(path):
    try:
        with open(path, encoding="utf-8") as f:
            rows = f.read().split("\n")
    except OSError as e:
        fail(f"{path}: cannot read the map: {e.strerror}")
    try:
        height = int(rows[1].split()[1])
        width = int(rows[2].split()[1])
    except (IndexError, ValueError):
        fail(f"{path}: lines 2 and 3 must give the height and width")
    grid = rows[4:4 + height]
    if len(grid) < height or any(len(r) < width for r in grid):
        fail(f"{path}: the map has fewer than {height} rows of {width} cells")
    free = [grid[c // width][c % width] not in "@T" for c in range(width * height)]
    return width, height, free


def distance(width, free, source, target):
    """Moves on the 4-connected grid from source to target (cells), None when unreachable."""
    if source == target:
        return 0
    seen = {source: 0}
    queue = deque([source])
    while queue:
        c = queue.popleft()
        x, y = c % width, c // width
        for n, ok in ((c - 1, x > 0), (c + 1, x + 1 < width), (c - width, True), (c + width, True)):
            if not ok or n < 0 or n >= len(free) or not free[n] or n in seen:
                continue
            seen[n] = seen[c] + 1
            if n == target:
                return seen[n]
            queue.append(n)
    return None


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    parser.add_argument("problem")
    parser.add_argument("--steps", type=int, default=5000)
    parser.add_argument("--agents", type=int, default=0, help="robots (default: teamSize)")
    args = parser.parse_args()
    if args.steps < 1:
        fail("--steps must be at least 1")
    try:
        with open(args.problem, encoding="utf-8") as f:
            problem = json.load(f)
    except OSError as e:
        fail(f"{args.problem}: cannot read: {e.strerror}")
    except json.JSONDecodeError as e:
        fail(f"{args.problem}: line {e.lineno}: not JSON: {e.msg}")
    base = os.path.dirname(os.path.abspath(args.problem))
    for key in ("mapFile", "agentFile", "taskFile", "teamSize"):
        if key not in problem:
            fail(f"{args.problem}: the key '{key}' is missing")
    width, _, free = read_map(os.path.join(base, problem["mapFile"]))
    starts = read_numbers(os.path.join(base, problem["agentFile"]), "agents")
    tasks = read_numbers(os.path.join(base, problem["taskFile"]), "tasks")
    robots = args.agents or int(problem["teamSize"])
    if robots < 1 or robots > len(starts):
        fail(f"--agents must be between 1 and the agent file's {len(starts)} robots")
    if not tasks:
        fail(f"{problem['taskFile']}: no tasks")
    for cell in starts[:robots] + tasks:
        if not 0 <= cell < len(free) or not free[cell]:
            fail(f"cell {cell} of the agents or tasks is not a free cell of the map")
    errands = 0
    for k in range(robots):
        here, clock, j = starts[k], 0, 0
        while True:
            goal = tasks[(j * robots + k) % len(tasks)]
            j += 1
            d = distance(width, free, here, goal)
            if d is None:
                fail(f"robot {k} cannot reach its task cell {goal}")
            clock += max(d, 1)  # an errand is checked after a step: one per step at most
            if clock > args.steps:
                break
            errands += 1
            here = goal
    print(f"{errands} errands in {args.steps} steps, {errands / args.steps:.4f} per step "
          f"(no-congestion bound, {robots} robots)")


if __name__ == "__main__":
    main()
