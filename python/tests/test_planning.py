"""solve() with built-in and Python planners, the validator, the registry."""

import os

import numpy as np
import pytest

import fleetsim


@pytest.fixture
def two_robot_instance(open_grid):
    return fleetsim.Instance(open_grid, [0, 5], [5, 0])


@pytest.mark.parametrize("planner", ["lacam", "pibt", "cbs", "pp"])
def test_builtin_planners_solve_a_python_made_instance(two_robot_instance, planner):
    result = fleetsim.solve(two_robot_instance, planner, time_limit=5.0, seed=1)
    assert result.status == "solved"
    assert result.plan.ndim == 2 and result.plan.shape[1] == 2
    assert list(result.plan[0]) == [0, 5] and list(result.plan[-1]) == [5, 0]
    assert fleetsim.validate(two_robot_instance, result.plan) == []
    assert result.sum_of_costs >= 10 and result.stats["runtime_s"] >= 0


def test_registry_lists_and_describes_planners():
    registry = fleetsim.PlannerRegistry()
    assert {"lacam", "pibt", "reactive"} <= set(registry.names())
    description, params = registry.describe("lacam")
    assert description and all(len(v) == 2 for v in params.values())
    with pytest.raises(ValueError, match="unknown planner"):
        registry.describe("nope")


def test_unknown_planner_and_parameter_raise(two_robot_instance):
    with pytest.raises(ValueError, match="unknown planner 'nope'"):
        fleetsim.solve(two_robot_instance, "nope")
    with pytest.raises(ValueError, match="no parameter 'colour'"):
        fleetsim.solve(two_robot_instance, "lacam", params={"colour": "red"})


def test_validator_finds_each_broken_step(two_robot_instance):
    plan = np.array([[0, 5], [1, 4], [2, 3], [3, 3]], dtype=np.int32)
    kinds = {v.kind for v in fleetsim.validate(two_robot_instance, plan)}
    assert "vertex conflict" in kinds and "wrong goal" in kinds
    jump = np.array([[0, 5], [5, 0]], dtype=np.int32)
    assert {v.kind for v in fleetsim.validate(two_robot_instance, jump)} == {"non-unit move"}
    violation = fleetsim.validate(two_robot_instance, plan)[0]
    assert "(" in fleetsim.describe(violation, two_robot_instance.grid)
    with pytest.raises(ValueError, match="robots"):
        fleetsim.validate(two_robot_instance, np.zeros((3, 5), dtype=np.int32))


class WaitThenGo:
    """A toy Python planner: on its first call everyone waits `waits` ticks, then the
    built-in pibt plans the rest."""

    def __init__(self, params, seed):
        self.waits = int(params["waits"])
        self.seed = seed
        self.calls = 0

    def solve(self, instance, seconds_left):
        self.calls += 1
        assert seconds_left > 0
        inner = fleetsim.Instance(instance.grid, instance.starts, instance.goals, instance.motion)
        inner.horizon = instance.horizon
        rest = fleetsim.solve(inner, "pibt", seed=self.seed)
        if rest.status != "solved":
            return None
        waits = self.waits if self.calls == 1 else 0
        pause = np.repeat(np.asarray(instance.starts)[None, :], waits, axis=0)
        plan = np.concatenate([pause, rest.plan])
        if instance.horizon > 0:  # lifelong: exactly horizon + 1 configurations
            plan = plan[: instance.horizon + 1]
        return plan


def python_registry():
    registry = fleetsim.PlannerRegistry()
    registry.add_python("wait-then-go", WaitThenGo, "waits, then pibt", {"waits": "1"})
    return registry


def test_python_planner_through_solve(two_robot_instance):
    registry = python_registry()
    assert "wait-then-go" in registry.names()
    result = fleetsim.solve(two_robot_instance, "wait-then-go", params={"waits": "3"}, registry=registry)
    assert result.status == "solved"
    assert list(result.plan[1]) == [0, 5] and list(result.plan[3]) == [0, 5]
    assert fleetsim.validate(two_robot_instance, result.plan) == []


def test_python_planner_drives_a_simulation(tiny_scenario_path):
    scenario = fleetsim.load_scenario(tiny_scenario_path)
    sim = fleetsim.Simulator(scenario, planner="wait-then-go", registry=python_registry(), steps=30)
    summary = sim.run()
    assert summary["planner"] == "wait-then-go" and summary["ticks"] == 30
    assert summary["replans"] > 0 and summary["planner_failed"] == 0
    assert summary["errands_done"] > 0


class Broken:
    def __init__(self, params, seed):
        pass

    def solve(self, instance, seconds_left):
        raise RuntimeError("no idea")


def test_a_raising_python_planner_is_a_failed_call(two_robot_instance):
    registry = fleetsim.PlannerRegistry()
    registry.add_python("broken", Broken)
    result = fleetsim.solve(two_robot_instance, "broken", registry=registry)
    assert result.status == "invalid_input" and "no idea" in result.message


def test_plugin_planners_join_the_registry(two_robot_instance):
    plugins = os.environ.get("FLEET_TEST_PLUGINS")
    if not plugins or not os.path.exists(os.path.join(plugins, "good_plugin.so")):
        pytest.skip("the test plugins are not built")
    registry = fleetsim.PlannerRegistry()
    registry.load_plugin(os.path.join(plugins, "good_plugin.so"))
    assert "plugin-pibt" in registry.names()
    result = fleetsim.solve(two_robot_instance, "plugin-pibt", time_limit=5.0, seed=1,
                            registry=registry)
    assert result.status == "solved"
    with pytest.raises(fleetsim.InputError, match="wrong_abi.so"):
        registry.load_plugin(os.path.join(plugins, "wrong_abi.so"))
    with pytest.raises(fleetsim.InputError, match="missing.so"):
        registry.load_plugin(os.path.join(plugins, "missing.so"))
