"""The simulator stepped by its planner or by NumPy actions, its run folder and summary."""

import json

import numpy as np
import pytest

import fleetsim


def test_planner_steps_match_a_whole_run(tiny_scenario_path):
    scenario = fleetsim.load_scenario(tiny_scenario_path)
    stepped = fleetsim.Simulator(scenario, threads=1)
    errands = 0
    while not stepped.finished:
        result = stepped.step()
        assert result.stepped and result.tick == stepped.tick
        errands += result.errands_done
    whole = fleetsim.Simulator(scenario, threads=2).run()
    assert stepped.summary()["state_hash"] == whole["state_hash"]
    assert errands == whole["errands_done"] > 0
    assert not stepped.step().stepped  # nothing happens after the end


def test_arrays_are_views_of_the_simulator(tiny_scenario_path):
    sim = fleetsim.Simulator(fleetsim.load_scenario(tiny_scenario_path))
    states = sim.states
    assert states.shape == (8,) and states.dtype == np.int32 and not states.flags.writeable
    assert sim.goals.shape == (8,) and sim.held.shape == (8,)
    assert sim.waits_per_cell.shape == (sim.grid.size,)


@pytest.fixture
def corridor(tmp_path):
    """Three robots on an open 6x3 floor: (0,0), (1,0) and (3,1), one-shot."""
    (tmp_path / "open.map").write_text("type octile\nheight 3\nwidth 6\nmap\n......\n......\n......\n")
    path = tmp_path / "corridor.yaml"
    path.write_text(
        "name: corridor\nmap: open.map\nmotion: 4-connected\n"
        "fleet:\n  starts: [[0, 0], [1, 0], [3, 1]]\n"
        "tasks:\n  mode: one-shot\n  goals: [[5, 0], [5, 2], [3, 2]]\n"
        "planner:\n  name: reactive\nsteps: 20\n")
    return fleetsim.load_scenario(path)


def test_actions_move_robots(corridor):
    sim = fleetsim.Simulator(corridor, threads=1)
    result = sim.step(np.array([fleetsim.WAIT, fleetsim.EAST, fleetsim.SOUTH]))
    assert list(result.states) == [0, 2, 15] and result.prevented == [] and result.tick == 1
    assert list(result.held) == [0, 0, 0]


def test_the_validator_prevents_what_actions_break(corridor):
    sim = fleetsim.Simulator(corridor, threads=1)
    # Robot 0 walks into robot 1, who waits: a vertex conflict; both are held.
    result = sim.step(np.array([fleetsim.EAST, fleetsim.WAIT, fleetsim.WAIT]))
    assert [(v.kind, v.robot, v.other, v.time) for v in result.prevented] == [("vertex conflict", 0, 1, 1)]
    assert list(result.held) == [1, 1, 0] and list(result.states) == [0, 1, 9]
    # Robots 0 and 1 swap cells: a swap conflict.
    result = sim.step(np.array([fleetsim.EAST, fleetsim.WEST, fleetsim.WAIT]))
    assert [v.kind for v in result.prevented] == ["swap conflict"] and list(result.states) == [0, 1, 9]
    # Robot 0 walks off the map: an obstacle violation; the others move on.
    result = sim.step(np.array([fleetsim.WEST, fleetsim.WAIT, fleetsim.EAST]))
    assert [(v.kind, v.robot) for v in result.prevented] == [("obstacle", 0)]
    assert list(result.states) == [0, 1, 10]
    summary = sim.summary()
    assert summary["violations_prevented"] == 3 and summary["invalid_steps_prevented"] == 3


def test_planner_steps_after_action_steps_replan(corridor):
    sim = fleetsim.Simulator(corridor, planner="lacam", threads=1)
    sim.step(np.array([fleetsim.WAIT, fleetsim.EAST, fleetsim.SOUTH]))
    while not sim.finished:
        assert sim.step().prevented == []
    summary = sim.summary()
    assert summary["all_at_goals"] and summary["errands_done"] == 3


def test_shortest_path_actions_reach_the_goals(corridor):
    sim = fleetsim.Simulator(corridor, threads=1)
    while not sim.finished:
        sim.step(sim.shortest_path_actions())
    assert sim.summary()["all_at_goals"]


def test_shortest_path_actions_do_errands(tiny_scenario_path):
    sim = fleetsim.Simulator(fleetsim.load_scenario(tiny_scenario_path), threads=1)
    before = np.array(sim.states)
    result = sim.step(np.zeros(8, dtype=np.uint8))
    assert np.array_equal(result.states, before) and result.tick == 1
    done = 0
    for _ in range(40):
        done += sim.step(sim.shortest_path_actions()).errands_done
    assert done > 0 and done == sim.summary()["errands_done"]


def test_bad_actions_raise(tiny_scenario_path):
    sim = fleetsim.Simulator(fleetsim.load_scenario(tiny_scenario_path))
    with pytest.raises(ValueError, match="one action per robot"):
        sim.step(np.zeros(3, dtype=np.uint8))
    with pytest.raises(ValueError, match="lacks"):
        sim.step(np.full(8, fleetsim.TURN_CW, dtype=np.uint8))  # no turning in 4-connected
    assert sim.tick == 0


def test_rotation_actions(rotation_scenario_path):
    sim = fleetsim.Simulator(fleetsim.load_scenario(rotation_scenario_path), threads=1)
    assert sim.motion == "rotation"
    headings = fleetsim.headings_of(sim.states, "rotation")
    result = sim.step(np.full(6, fleetsim.TURN_CW, dtype=np.uint8))
    assert result.prevented == []
    assert np.array_equal(fleetsim.headings_of(result.states, "rotation"), (headings + 1) % 4)


def test_run_folder_as_in_the_cli(tiny_scenario_path, tmp_path):
    out = tmp_path / "run"
    sim = fleetsim.Simulator(fleetsim.load_scenario(tiny_scenario_path), output_dir=out, steps=20)
    summary = sim.run()
    assert (out / "trace.fltrace").exists() and (out / "floor.svg").exists()
    written = json.loads((out / "summary.json").read_text())
    assert written["errands_done"] == summary["errands_done"] and written["ticks"] == 20
    assert all(e["kind"] in ("replan", "errand done") for e in sim.events)


def test_unknown_planner_raises(tiny_scenario_path):
    with pytest.raises(ValueError, match="unknown planner"):
        fleetsim.Simulator(fleetsim.load_scenario(tiny_scenario_path), planner="nope")
