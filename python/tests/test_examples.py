"""The examples in examples/python run end to end on a tiny floor (their measurements are
made on larger ones; see docs/python.md)."""

import json
import os
import subprocess
import sys

from conftest import SOURCE_DIR

EXAMPLES = SOURCE_DIR / "examples" / "python"


def run_example(name, *args):
    done = subprocess.run([sys.executable, str(EXAMPLES / name), *map(str, args)], capture_output=True,
                          text=True, timeout=300, env=dict(os.environ))
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_drive_fleet(tiny_scenario_path):
    out = run_example("drive_fleet.py", "--scenario", tiny_scenario_path, "--ticks", "30", "--threads", "1")
    assert "8 robots, 30 ticks" in out and "robot-steps/s" in out


def test_next_move_predictor(tiny_scenario_path, tmp_path):
    out = run_example("next_move_predictor.py", "--scenario", tiny_scenario_path, "--planners", "pibt,reactive",
                      "--seeds", "1,2", "--test-seeds", "2", "--ticks", "40", "--out", tmp_path)
    results = json.loads((tmp_path / "results.json").read_text())
    held_out = results["held_out"]["all"]
    assert held_out["robot_steps"] == 2 * 39 * 8  # ticks 1..39 of 0..40, two held-out runs
    assert 0.0 <= held_out["shortest_path"] <= 1.0 and 0.0 <= held_out["predictor"] <= 1.0
    assert "held-out runs" in out
