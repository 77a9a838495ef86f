"""bench/scripts/lorr_bound.py: the no-congestion bound of a LoRR problem, and its errors."""
import json
import os
import subprocess
import sys

SCRIPT = os.path.join(os.environ.get("FLEET_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", "..")),
                      "bench", "scripts", "lorr_bound.py")

# x: 0123
#    ....   cells 0-3
#    .@@.   cells 4-7
#    ....   cells 8-11
MAP = "type octile\nheight 3\nwidth 4\nmap\n....\n.@@.\n....\n"


def problem(tmp_path, agents="2\n0\n3\n", tasks="3\n11\n8\n0\n", **extra):
    (tmp_path / "m.map").write_text(MAP)
    (tmp_path / "a.agents").write_text(agents)
    (tmp_path / "t.tasks").write_text(tasks)
    spec = {"mapFile": "m.map", "agentFile": "a.agents", "taskFile": "t.tasks", "teamSize": 2,
            "numTasksReveal": 1, "taskAssignmentStrategy": "roundrobin"}
    spec.update(extra)
    path = tmp_path / "p.json"
    path.write_text(json.dumps({k: v for k, v in spec.items() if v is not None}))
    return str(path)


def bound(path, *args):
    return subprocess.run([sys.executable, SCRIPT, path, *args], capture_output=True, text=True)


def test_counts_round_robin_errands_on_shortest_paths(tmp_path):
    # Robot 0 (cell 0) gets tasks 0, 2, 1, ...: cells 11 (5 moves), 0 (5), 8 (2). Robot 1
    # (cell 3) gets tasks 1, 0, 2, ...: cells 8 (5 moves), 11 (3), 0 (5). In 10 steps robot 0
    # finishes two (at 5 and 10), robot 1 two (at 5 and 8).
    done = bound(problem(tmp_path), "--steps", "10")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("4 errands in 10 steps, 0.4000 per step")
    # One step more lets nobody finish a third; 12 steps let robot 0 reach cell 8.
    assert bound(problem(tmp_path), "--steps", "11").stdout.startswith("4 errands")
    assert bound(problem(tmp_path), "--steps", "12").stdout.startswith("5 errands")


def test_a_robot_on_its_task_cell_finishes_at_most_one_errand_per_step(tmp_path):
    done = bound(problem(tmp_path, agents="2\n11\n3\n", tasks="1\n11\n"), "--steps", "4")
    # Robot 0 stands on cell 11: one errand per step, 4; robot 1 gets there in 2 moves (down
    # the right-hand column), then one per step: 3.
    assert done.stdout.startswith("7 errands in 4 steps"), done.stdout + done.stderr


def test_bad_input_is_refused_with_exit_2_and_names_what_is_wrong(tmp_path):
    missing = bound(problem(tmp_path, taskFile=None))
    assert missing.returncode == 2 and "taskFile" in missing.stderr
    blocked = bound(problem(tmp_path, tasks="1\n5\n"))
    assert blocked.returncode == 2 and "cell 5" in blocked.stderr
    miscounted = bound(problem(tmp_path, tasks="4\n11\n"))
    assert miscounted.returncode == 2 and "t.tasks" in miscounted.stderr
    too_many = bound(problem(tmp_path), "--agents", "3")
    assert too_many.returncode == 2 and "--agents" in too_many.stderr
