"""Reading fleet-state datasets (docs/datasets.md) with h5py, and replaying them through the
validator. Needs h5py (Debian: python3-h5py)."""

import json
import os

import numpy as np

from ._fleetsim import Grid, Instance, validate

DATASET_FILE = "dataset.h5"
WAIT_REASONS = ("moved", "blocked", "planner_wait", "no_errand", "at_goal")
PLANNER_OUTCOMES = ("no_call", "accepted", "late", "failed")


def _file(path):
    return os.path.join(path, DATASET_FILE) if os.path.isdir(path) else path


def load(path, columns=None):
    """The dataset in `path` (a folder or the .h5 file) as (arrays, attributes): every column
    (or those named in `columns`) read whole into NumPy; attributes with the summary parsed."""
    import h5py

    with h5py.File(_file(path), "r") as f:
        names = [n for n in f.keys() if columns is None or n in columns]
        arrays = {n: f[n][()] for n in names}
        attrs = {k: (v.decode() if isinstance(v, bytes) else v) for k, v in f.attrs.items()}
    if "summary_json" in attrs:
        attrs["summary"] = json.loads(attrs.pop("summary_json"))
    return arrays, attrs


def states(arrays, attrs):
    """The [T, robots] states of a loaded dataset (cell, or cell * 4 + heading)."""
    if attrs["motion"] == "rotation":
        return arrays["cell"].astype(np.int32) * 4 + arrays["heading"].astype(np.int32)
    return arrays["cell"].astype(np.int32)


def replay(path):
    """Replays a dataset through the validator. Returns (violations, errands): the
    violations of its executed steps (empty for a valid run) and the errands it completed,
    counted from the states and goals alone (lifelong: a robot on its goal at tick t >= 1
    finished that errand; one-shot: robots on their goals at the end)."""
    arrays, attrs = load(path, ["cell", "heading", "goal", "passable"])
    plan = states(arrays, attrs)
    grid = Grid(arrays["passable"])
    goal = arrays["goal"]
    instance = Instance(grid, plan[0], np.where(goal[0] >= 0, goal[0], arrays["cell"][0]), attrs["motion"])
    violations = validate(instance, plan, require_goals=False)
    cells = arrays["cell"]
    if attrs["lifelong"]:
        errands = int(np.count_nonzero((cells[1:] == goal[1:]) & (goal[1:] >= 0)))
    else:
        errands = int(np.count_nonzero(cells[-1] == goal[-1]))
    return violations, errands
