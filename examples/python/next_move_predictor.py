#!/usr/bin/env python3
"""Records fleet-state datasets from several planners and seeds, fits a small next-move
predictor with NumPy only, and reports its accuracy on held-out runs against the baseline
"every robot follows its shortest path".

The predictor is a conditional logit: for each robot and tick, every action the robot could
take (wait, or a move to a free neighbour) gets a score w . f(action) from local features
(does it bring the robot closer to its goal, is the target cell taken by another robot now,
did the robot just do the same, how crowded is it, ...); the predicted action is the best
score. It is trained on the runs of some seeds and tested on the runs of the others.

    PYTHONPATH=build/release/python python3 examples/python/next_move_predictor.py \
        --scenario scenarios/small.yaml --planners pibt,lacam,pp --seeds 1,2,3,4 --test-seeds 4
"""

import argparse
import json
import os

import numpy as np

import fleetsim
import fleetsim.datasets as datasets

ACTIONS = 5  # wait, east, south, west, north (4-connected)
FEATURES = ["wait", "closer", "farther", "taken", "taken_and_closer", "wait_without_errand",
            "repeat_last", "wait_when_crowded", "wait_after_blocked", "closer_after_wait"]


def neighbours(passable):
    """[cells, 4] neighbour cell east, south, west, north (-1: wall or off the map)."""
    h, w = passable.shape
    cells = np.arange(h * w)
    x, y = cells % w, cells // w
    out = np.full((h * w, 4), -1, dtype=np.int64)
    flat = passable.ravel().astype(bool)
    for d, (dx, dy) in enumerate([(1, 0), (0, 1), (-1, 0), (0, -1)]):
        nx, ny = x + dx, y + dy
        inside = (nx >= 0) & (nx < w) & (ny >= 0) & (ny < h)
        target = np.where(inside, ny * w + nx, 0)
        out[:, d] = np.where(inside & flat[target] & flat, target, -1)
    return out


def distances_to(goals, nb):
    """{goal: [cells] BFS distance (large where unreachable)} for each goal cell."""
    big = np.iinfo(np.int32).max // 2
    out = {}
    for g in goals:
        d = np.full(nb.shape[0], big, dtype=np.int32)
        d[g] = 0
        frontier = np.array([g])
        k = 0
        while frontier.size:
            k += 1
            cand = nb[frontier].ravel()
            cand = np.unique(cand[cand >= 0])
            cand = cand[d[cand] == big]
            d[cand] = k
            frontier = cand
        out[int(g)] = d
    return out


def examples(arrays, nb, dist):
    """Features [n, ACTIONS, F], valid-action mask [n, ACTIONS], the executed action [n] and the
    shortest-path baseline's action [n], for every robot and tick t -> t + 1 (t >= 1)."""
    cell, goal, action, wait = arrays["cell"], arrays["goal"], arrays["action"], arrays["wait"]
    ticks, robots = cell.shape
    t = np.arange(1, ticks - 1)
    c = cell[t].ravel()
    g = goal[t + 1].ravel()           # the goal the robot has during the step
    y = action[t + 1].ravel().astype(np.int64)
    last = action[t].ravel()
    last_blocked = wait[t].ravel() == 1
    occupied = np.zeros((len(t), nb.shape[0]), dtype=bool)
    occupied[np.repeat(np.arange(len(t)), robots), c] = True
    row = np.repeat(np.arange(len(t)), robots)

    targets = np.concatenate([c[:, None], nb[c]], axis=1)          # [n, 5]
    valid = targets >= 0
    safe = np.where(valid, targets, c[:, None])
    has_goal = g >= 0
    d = np.zeros(targets.shape, dtype=np.int64)
    for goal_cell in np.unique(g[has_goal]):
        pick = g == goal_cell
        table = dist[int(goal_cell)]
        d[pick] = table[safe[pick]] - table[c[pick]][:, None]
    taken = occupied[row[:, None], safe] & (np.arange(ACTIONS)[None, :] > 0)
    crowd = taken.sum(axis=1) / 4.0
    is_wait = np.zeros((len(c), ACTIONS), dtype=bool)
    is_wait[:, 0] = True
    at_goal = (~has_goal) | (c == g)
    closer = (d < 0) & has_goal[:, None]
    f = np.stack([
        is_wait,
        closer,
        (d > 0) & has_goal[:, None],
        taken,
        taken & closer,
        is_wait & at_goal[:, None],
        np.arange(ACTIONS)[None, :] == last[:, None],
        is_wait * crowd[:, None],
        is_wait & last_blocked[:, None],
        closer & (last == 0)[:, None],
    ], axis=2).astype(np.float32)

    # Baseline: the first successor (wait, E, S, W, N) with the smallest distance to the goal.
    big = np.iinfo(np.int64).max
    dd = np.where(valid, d, big)
    dd[~has_goal] = np.where(valid[~has_goal], 0, big)
    baseline = np.argmin(dd, axis=1)
    keep = y < ACTIONS  # drop ticks whose action is unknown
    return f[keep], valid[keep], y[keep], baseline[keep]


def fit(x, valid, y, iterations=300, rate=0.5, l2=1e-4):
    """Conditional logit by full-batch gradient descent with Adam steps."""
    w = np.zeros(x.shape[2], dtype=np.float64)
    m = np.zeros_like(w)
    v = np.zeros_like(w)
    n = len(y)
    for i in range(1, iterations + 1):
        scores = np.where(valid, x @ w, -np.inf)
        scores -= scores.max(axis=1, keepdims=True)
        p = np.exp(scores)
        p /= p.sum(axis=1, keepdims=True)
        observed = x[np.arange(n), y]
        grad = -(observed - np.einsum("na,naf->nf", p, x)).mean(axis=0) + l2 * w
        m = 0.9 * m + 0.1 * grad
        v = 0.999 * v + 0.001 * grad * grad
        w -= rate * (m / (1 - 0.9 ** i)) / (np.sqrt(v / (1 - 0.999 ** i)) + 1e-8)
        rate *= 0.995
    return w


def predict(w, x, valid):
    return np.argmax(np.where(valid, x @ w, -np.inf), axis=1)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenario", default="scenarios/small.yaml")
    parser.add_argument("--planners", default="pibt,lacam,pp")
    parser.add_argument("--seeds", default="1,2,3,4")
    parser.add_argument("--test-seeds", default="4", help="seeds whose runs are held out")
    parser.add_argument("--ticks", type=int, default=300)
    parser.add_argument("--time-limit", type=float, default=0.2, help="seconds per planner call")
    parser.add_argument("--out", default="runs/next-move")
    args = parser.parse_args()

    fleetsim.set_log_level("error")
    planners = args.planners.split(",")
    seeds = [int(s) for s in args.seeds.split(",")]
    test_seeds = {int(s) for s in args.test_seeds.split(",")}
    scenario = fleetsim.load_scenario(args.scenario)
    if scenario.motion != "4-connected":
        raise SystemExit("this example's features are for the 4-connected model")
    scenario.time_limit = args.time_limit

    runs = []
    for planner in planners:
        for seed in seeds:
            folder = os.path.join(args.out, f"{planner}-seed{seed}")
            path, summary = fleetsim.record_dataset(scenario, folder, planner=planner, seed=seed,
                                                    steps=args.ticks)
            size = os.path.getsize(path)
            print(f"recorded {path}: {summary['errands_done']} errands, {size / 1024:.0f} KiB")
            runs.append((planner, seed, path))

    loaded = [(planner, seed, datasets.load(path)) for planner, seed, path in runs]
    passable = loaded[0][2][0]["passable"]
    nb = neighbours(passable)
    goals = np.unique(np.concatenate([a["goal"][a["goal"] >= 0] for _, _, (a, _) in loaded]))
    dist = distances_to(goals, nb)

    parts = {"train": [], "test": []}
    for planner, seed, (arrays, _) in loaded:
        part = "test" if seed in test_seeds else "train"
        parts[part].append((planner,) + examples(arrays, nb, dist))

    def stack(items):
        return [np.concatenate([item[k] for item in items]) for k in range(1, 5)]

    x, valid, y, _ = stack(parts["train"])
    w = fit(x, valid, y)
    print(f"\ntrained on {len(y)} robot-steps ({len(parts['train'])} runs); weights:")
    for name, value in zip(FEATURES, w):
        print(f"  {name:<20} {value:+.3f}")

    print(f"\nheld-out runs (seeds {sorted(test_seeds)}): accuracy of the next action")
    print(f"{'planner':<10} {'robot-steps':>12} {'predictor':>10} {'shortest path':>14} {'always wait':>12}")
    results = {}
    for planner, xt, vt, yt, bt in parts["test"] + [("all",) + tuple(stack(parts["test"]))]:
        model = float((predict(w, xt, vt) == yt).mean())
        base = float((bt == yt).mean())
        wait = float((yt == 0).mean())
        results[planner] = {"robot_steps": int(len(yt)), "predictor": model, "shortest_path": base, "always_wait": wait}
        print(f"{planner:<10} {len(yt):>12} {model:>10.3f} {base:>14.3f} {wait:>12.3f}")
    with open(os.path.join(args.out, "results.json"), "w") as out:
        json.dump({"weights": dict(zip(FEATURES, w.tolist())), "held_out": results}, out, indent=2)


if __name__ == "__main__":
    main()
