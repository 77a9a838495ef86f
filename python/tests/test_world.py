"""Maps, MovingAI scenarios, League of Robot Runners problems, YAML scenarios; bad input
raises fleetsim.InputError with the CLI's file:line message."""

import numpy as np
import pytest

import fleetsim
from conftest import SOURCE_DIR, data_file, run_fleetsim


def test_grid_from_rows_and_array_agree(open_grid):
    assert (open_grid.width, open_grid.height, open_grid.size) == (6, 5, 30)
    assert open_grid.passable[1, 1] == 0 and open_grid.passable[0, 0] == 1
    same = fleetsim.Grid(open_grid.passable)
    assert np.array_equal(same.passable, open_grid.passable)
    assert open_grid.cell(2, 1) == 8
    assert list(open_grid.free_cells[:3]) == [0, 1, 2]
    assert not open_grid.free_cells.flags.writeable  # a view of fleetsim's own array


def test_grid_rejects_a_wrong_shape():
    with pytest.raises(ValueError):
        fleetsim.Grid(np.ones(5, dtype=np.uint8))


def test_movingai_map_and_scen():
    grid = fleetsim.load_map(data_file("movingai", "empty-32-32.map"))
    assert (grid.width, grid.height) == (32, 32)
    inst = fleetsim.load_scen(data_file("movingai", "empty-32-32-random-1.scen"), grid, 10)
    assert len(inst) == 10 and inst.starts.shape == (10,) and inst.goals.shape == (10,)
    assert inst.motion == "4-connected" and inst.problems() == []


def test_lorr_problem():
    sc = fleetsim.load_lorr_problem(data_file("lorr2023", "warehouse_small_50.json"), agents=20)
    assert sc.robots == 20 and sc.motion == "rotation" and sc.lifelong
    assert sc.goal(0, 0) >= 0


def test_yaml_scenario_and_overrides(tiny_scenario_path):
    sc = fleetsim.load_scenario(tiny_scenario_path)
    assert sc.name == "tiny" and sc.robots == 8 and sc.lifelong and sc.steps == 60
    assert sc.planner == "pibt" and sc.starts.shape == (8,)
    sc.planner = "reactive"
    sc.seed = 9
    assert (sc.planner, sc.seed, sc.planner_params) == ("reactive", 9, {})
    assert len(sc.shelves) > 0 and len(sc.stations) == 2


def test_shipped_scenarios_load():
    for name in ["small.yaml", "medium.yaml"]:
        assert fleetsim.load_scenario(SOURCE_DIR / "scenarios" / name).robots > 0


def _cli_error(*args):
    code, _, err = run_fleetsim(*args)
    assert code == 2
    return err.strip().removeprefix("fleetsim: error: ")


def test_bad_yaml_raises_input_error_with_the_clis_message(tmp_path, tiny_scenario_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(tiny_scenario_path.read_text().replace("robots: 8", "robots: -4"))
    with pytest.raises(fleetsim.InputError) as caught:
        fleetsim.load_scenario(bad)
    error = caught.value
    assert isinstance(error, ValueError)
    assert error.file == str(bad) and error.line == 12
    assert str(error).startswith(f"{bad}:12:")
    assert str(error) == _cli_error("run", bad, "-o", tmp_path / "out")


def test_bad_map_raises_input_error_with_the_clis_message(tmp_path):
    bad = tmp_path / "bad.map"
    bad.write_text("type octile\nheight 2\nwidth 3\nmap\n...\n.x\n")
    with pytest.raises(fleetsim.InputError) as caught:
        fleetsim.load_map(bad)
    assert caught.value.file == str(bad) and caught.value.line > 0
    scen = tmp_path / "bad.scen"
    scen.write_text("version 1\n")
    assert str(caught.value) == _cli_error("solve", bad, scen, "-k", "1")


def test_missing_file_raises_input_error():
    with pytest.raises(fleetsim.InputError, match="no/such.yaml"):
        fleetsim.load_scenario("no/such.yaml")


def test_instance_checks_its_arrays(open_grid):
    with pytest.raises(ValueError, match="goals must have 2 entries"):
        fleetsim.Instance(open_grid, [0, 5], [3])
    with pytest.raises(ValueError):
        fleetsim.Instance(open_grid, [0], [3], motion="diagonal")
    inst = fleetsim.Instance(open_grid, [0, 8], [8, 0])  # cell 8 = (2,1) is an obstacle
    assert {robot for robot, _ in inst.problems()} == {0, 1}
