"""Fleet-state datasets: recorded by `fleetsim run --dataset` (C++), read with h5py,
replayed through the validator with the same errands as the run's summary; recorded from
Python as well."""

import json

import numpy as np
import pytest

import fleetsim
from conftest import run_fleetsim

h5py = pytest.importorskip("h5py")
datasets = pytest.importorskip("fleetsim.datasets")


def test_cli_dataset_round_trip(tiny_scenario_path, tmp_path):
    code, out, err = run_fleetsim("run", tiny_scenario_path, "--steps", "80", "--threads", "1",
                                  "-o", tmp_path / "run", "--dataset", tmp_path / "data", "-q")
    assert code == 0, err
    assert "dataset" in out
    summary = json.loads((tmp_path / "run" / "summary.json").read_text())
    arrays, attrs = datasets.load(tmp_path / "data")
    assert attrs["format"] == "fleetsim-dataset" and attrs["ticks"] == 81 and attrs["robots"] == 8
    assert attrs["summary"]["state_hash"] == summary["state_hash"]
    for column in ["cell", "goal", "action", "planned_action", "wait", "held"]:
        assert arrays[column].shape == (81, 8), column
    assert arrays["planner_seconds"].shape == (81,)
    assert (arrays["planner_outcome"][1:] == 1).all()  # pibt answers every tick
    # Replayed through the validator: valid, and the same errands as the summary.
    violations, errands = datasets.replay(tmp_path / "data")
    assert violations == []
    assert errands == summary["errands_done"] == arrays["errands_done"].sum() > 0
    # Actions explain the states: a robot that moved has a move code, one that stayed a wait.
    moved = arrays["cell"][1:] != arrays["cell"][:-1]
    assert (arrays["action"][1:][moved] != fleetsim.WAIT).all()
    assert (arrays["action"][1:][~moved] == fleetsim.WAIT).all()
    assert (arrays["wait"][1:][moved] == 0).all() and (arrays["wait"][1:][~moved] > 0).all()
    assert (arrays["action"][0] == fleetsim.UNKNOWN).all()


def test_python_dataset_with_blocked_robots(tmp_path):
    (tmp_path / "open.map").write_text("type octile\nheight 2\nwidth 4\nmap\n....\n....\n")
    path = tmp_path / "pair.yaml"
    path.write_text("name: pair\nmap: open.map\nfleet:\n  starts: [[0, 0], [1, 0]]\n"
                    "tasks:\n  mode: one-shot\n  goals: [[3, 0], [1, 0]]\nplanner:\n  name: reactive\nsteps: 10\n")
    sim = fleetsim.Simulator(fleetsim.load_scenario(path), dataset=tmp_path / "data")
    sim.step(np.array([fleetsim.EAST, fleetsim.WAIT]))   # 0 blocked by 1
    sim.step(np.array([fleetsim.SOUTH, fleetsim.WAIT]))  # 0 moves, 1 rests on its goal
    sim.step(np.array([fleetsim.WAIT, fleetsim.WAIT]))   # 0 waits with its errand open
    sim.finish()
    arrays, attrs = datasets.load(sim.dataset_path)
    reasons = datasets.WAIT_REASONS
    assert [[reasons[w] for w in row] for row in arrays["wait"][1:]] == [
        ["blocked", "blocked"], ["moved", "at_goal"], ["planner_wait", "at_goal"]]
    assert arrays["planned_action"][1].tolist() == [fleetsim.EAST, fleetsim.WAIT]
    assert arrays["action"][1].tolist() == [fleetsim.WAIT, fleetsim.WAIT]
    assert arrays["violations_prevented"].tolist() == [0, 1, 0, 0]
    assert attrs["ticks"] == 4 and not attrs["lifelong"]


def test_record_dataset_for_rotation(rotation_scenario_path, tmp_path):
    path, summary = fleetsim.record_dataset(fleetsim.load_scenario(rotation_scenario_path), tmp_path / "d",
                                            steps=30, threads=1)
    arrays, attrs = datasets.load(path)
    assert attrs["motion"] == "rotation" and arrays["heading"].shape == (31, 6)
    violations, errands = datasets.replay(path)
    assert violations == [] and errands == summary["errands_done"]


def test_an_unwritable_dataset_folder_raises(tiny_scenario_path, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(Exception):
        fleetsim.Simulator(fleetsim.load_scenario(tiny_scenario_path), dataset=blocker / "data")
