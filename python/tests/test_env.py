"""The environment's reset()/step() contract and its observations."""

import numpy as np
import pytest

import fleetsim
from fleetsim.env import FleetEnv


@pytest.fixture
def env(tiny_scenario_path):
    return FleetEnv(fleetsim.load_scenario(tiny_scenario_path), view_radius=2, max_ticks=25, threads=1)


def test_reset_returns_observation_and_info(env):
    obs, info = env.reset(seed=4)
    assert info == {"tick": 0}
    shapes = env.observation_shapes
    assert set(obs) == set(shapes)
    for key, array in obs.items():
        assert array.shape == shapes[key], key
    assert env.action_count == 5
    assert (obs["headings"] == -1).all()  # 4-connected


def test_step_contract_and_truncation(env):
    env.reset()
    total = 0.0
    for t in range(1, 26):
        obs, reward, terminated, truncated, info = env.step(env.shortest_path_actions())
        assert isinstance(reward, float) and reward >= 0 and info["tick"] == t
        assert not terminated and truncated == (t == 25)
        total += reward
    assert total == env.sim.summary()["errands_done"] > 0
    with pytest.raises(RuntimeError, match="reset"):
        env.step(np.zeros(8, dtype=np.uint8))
    obs, info = env.reset()
    assert info["tick"] == 0 and env.sim.tick == 0


def test_step_before_reset_raises(env):
    with pytest.raises(RuntimeError, match="reset"):
        env.step(np.zeros(8, dtype=np.uint8))


def test_reset_with_a_seed_is_reproducible(env):
    runs = []
    for _ in range(2):
        env.reset(seed=11)
        for _ in range(10):
            obs, *_ = env.step(env.shortest_path_actions())
        runs.append(obs["positions"].copy())
    assert np.array_equal(runs[0], runs[1])


def test_local_views(tmp_path):
    (tmp_path / "room.map").write_text("type octile\nheight 3\nwidth 4\nmap\n....\n.@..\n....\n")
    path = tmp_path / "room.yaml"
    path.write_text("name: room\nmap: room.map\nfleet:\n  starts: [[0, 0], [2, 0]]\n"
                    "tasks:\n  mode: one-shot\n  goals: [[3, 2], [0, 2]]\nplanner:\n  name: reactive\nsteps: 30\n")
    env = FleetEnv(fleetsim.load_scenario(path), view_radius=1)
    obs, _ = env.reset()
    assert obs["positions"].tolist() == [[0, 0], [2, 0]]
    assert obs["goals"].tolist() == [[3, 2], [0, 2]]
    # Robot 0 at the top-left corner: off-map above and left, the obstacle at (1,1).
    assert obs["obstacles"][0].tolist() == [[1, 1, 1], [1, 0, 0], [1, 0, 1]]
    # Robot 1 at (2,0): robot 0 is two cells away, outside a radius-1 view; nothing else.
    assert obs["robots"][1].sum() == 0
    obs, reward, terminated, truncated, _ = env.step(np.array([fleetsim.EAST, fleetsim.WAIT]))
    assert obs["robots"][1].tolist() == [[0, 0, 0], [1, 0, 0], [0, 0, 0]]
    assert obs["robots"][0].tolist() == [[0, 0, 0], [0, 0, 1], [0, 0, 0]]
    assert reward == 0.0 and not terminated and not truncated


def test_one_shot_episode_terminates(tmp_path):
    (tmp_path / "room.map").write_text("type octile\nheight 1\nwidth 4\nmap\n....\n")
    path = tmp_path / "line.yaml"
    path.write_text("name: line\nmap: room.map\nfleet:\n  starts: [[0, 0]]\n"
                    "tasks:\n  mode: one-shot\n  goals: [[2, 0]]\nplanner:\n  name: reactive\nsteps: 30\n")
    env = FleetEnv(fleetsim.load_scenario(path), view_radius=0)
    env.reset()
    _, reward, terminated, truncated, _ = env.step(np.array([fleetsim.EAST]))
    assert (reward, terminated, truncated) == (0.0, False, False)
    _, reward, terminated, truncated, _ = env.step(np.array([fleetsim.EAST]))
    assert (reward, terminated, truncated) == (1.0, True, False)


def test_bad_settings_raise(tiny_scenario_path):
    scenario = fleetsim.load_scenario(tiny_scenario_path)
    with pytest.raises(ValueError):
        FleetEnv(scenario, view_radius=-1)
    with pytest.raises(ValueError):
        FleetEnv(scenario, max_ticks=0)
