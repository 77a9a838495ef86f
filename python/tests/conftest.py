"""Shared fixtures: where the sources, the benchmark data and the fleetsim binary are, and
small scenarios written on the fly."""

import os
import pathlib
import subprocess

import pytest

import fleetsim

SOURCE_DIR = pathlib.Path(os.environ.get("FLEET_SOURCE_DIR", pathlib.Path(__file__).resolve().parents[2]))
DATA_DIR = pathlib.Path(os.environ.get("FLEET_DATA_DIR", SOURCE_DIR.parent / "shared" / "data"))
FLEETSIM = os.environ.get("FLEETSIM_EXE", str(SOURCE_DIR / "build" / "debug" / "bin" / "fleetsim"))

TINY_FLOOR = """\
name: tiny
seed: 3
layout:
  blocks_x: 2
  blocks_y: 2
  block_width: 3
  block_height: 1
  aisle_width: 1
  stations: 2
motion: {motion}
fleet:
  robots: {robots}
tasks:
  mode: errands
planner:
  name: pibt
  time_limit: 1.0
steps: {steps}
"""


@pytest.fixture(autouse=True, scope="session")
def quiet_logs():
    fleetsim.set_log_level("error")  # prevented moves are expected in these tests


@pytest.fixture
def tiny_scenario_path(tmp_path):
    """A lifelong 8-robot floor under the 4-connected model, 60 ticks."""
    path = tmp_path / "tiny.yaml"
    path.write_text(TINY_FLOOR.format(motion="4-connected", robots=8, steps=60))
    return path


@pytest.fixture
def rotation_scenario_path(tmp_path):
    path = tmp_path / "tiny-rotation.yaml"
    path.write_text(TINY_FLOOR.format(motion="rotation", robots=6, steps=60))
    return path


@pytest.fixture
def open_grid():
    return fleetsim.Grid.from_rows(["......", ".@@...", "......", "...@..", "......"])


def run_fleetsim(*args, cwd=None):
    """Runs the fleetsim binary; returns (exit code, stdout, stderr)."""
    done = subprocess.run([FLEETSIM, *map(str, args)], capture_output=True, text=True, cwd=cwd, timeout=300)
    return done.returncode, done.stdout, done.stderr


def data_file(*parts):
    path = DATA_DIR.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"benchmark data not found: {path}")
    return path
