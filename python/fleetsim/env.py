"""A reinforcement-learning environment over the fleetsim simulator, with the reset()/step()
contract of Gymnasium (without depending on it): one action per robot, observations as NumPy
arrays, reward = errands completed in the step.

Observations (a dict of arrays, N robots, k = 2 * view_radius + 1):
  positions  (N, 2) int32   x, y of each robot
  headings   (N,)   int8    0 east .. 3 north; -1 under the 4-connected model
  goals      (N, 2) int32   x, y of each robot's goal; -1, -1 when it has none
  obstacles  (N, k, k) uint8  1 where the cell around the robot is blocked or off the map
  robots     (N, k, k) uint8  1 where another robot stands ([i, r, r] is the robot itself: 0)
"""

import numpy as np

from ._fleetsim import Simulator
from .actions import cells_of, headings_of


class FleetEnv:
    """One fleet, many agents: actions are an (N,) integer array of action codes."""

    def __init__(self, scenario, view_radius=3, max_ticks=None, threads=None, planner="reactive"):
        if view_radius < 0:
            raise ValueError("view_radius must be >= 0")
        self.scenario = scenario
        self.view_radius = int(view_radius)
        self.max_ticks = scenario.steps if max_ticks is None else int(max_ticks)
        if self.max_ticks < 1:
            raise ValueError("max_ticks must be >= 1")
        self._threads = threads
        self._planner = planner  # made by the simulator but never asked: the actions drive
        grid = scenario.grid
        self.width, self.height = grid.width, grid.height
        self.robots = scenario.robots
        self.motion = scenario.motion
        self.action_count = 7 if self.motion == "rotation" else 5
        r = self.view_radius
        blocked = np.ones((self.height + 2 * r, self.width + 2 * r), dtype=np.uint8)
        blocked[r:r + self.height, r:r + self.width] = 1 - grid.passable
        self._blocked = blocked
        self._occupied = np.zeros_like(blocked)
        self.sim = None

    @property
    def observation_shapes(self):
        k = 2 * self.view_radius + 1
        n = self.robots
        return {"positions": (n, 2), "headings": (n,), "goals": (n, 2), "obstacles": (n, k, k),
                "robots": (n, k, k)}

    def reset(self, seed=None):
        """Starts a new episode (a fresh simulator; `seed` overrides the scenario's)."""
        self.sim = None  # the old one (and its planner thread) goes first
        self.sim = Simulator(self.scenario, planner=self._planner, seed=seed, steps=self.max_ticks,
                             threads=self._threads)
        return self._observe(), {"tick": 0}

    def step(self, actions):
        """Applies one action per robot; returns (observation, reward, terminated, truncated,
        info). terminated: a one-shot fleet is all on its goals; truncated: the tick budget
        ran out."""
        if self.sim is None:
            raise RuntimeError("call reset() before step()")
        if self.sim.finished:
            raise RuntimeError("the episode is over; call reset()")
        result = self.sim.step(np.asarray(actions))
        reward = float(result.errands_done)
        out_of_ticks = self.sim.tick >= self.max_ticks
        terminated = self.sim.finished and not out_of_ticks
        truncated = out_of_ticks and not terminated
        info = {"tick": result.tick, "held": np.array(result.held), "prevented": len(result.prevented)}
        return self._observe(), reward, terminated, truncated, info

    def shortest_path_actions(self):
        """Each robot's action along its shortest path (a baseline policy)."""
        return self.sim.shortest_path_actions()

    def _xy(self, cells):
        cells = np.asarray(cells, dtype=np.int32)
        xy = np.stack([cells % self.width, cells // self.width], axis=1)
        xy[cells < 0] = -1
        return xy

    def _observe(self):
        states = np.array(self.sim.states)
        cells = cells_of(states, self.motion)
        xs, ys = cells % self.width, cells // self.width
        k = 2 * self.view_radius + 1
        windows = np.lib.stride_tricks.sliding_window_view
        obstacles = windows(self._blocked, (k, k))[ys, xs]
        occupied = self._occupied
        occupied[:] = 0
        r = self.view_radius
        occupied[ys + r, xs + r] = 1
        robots = windows(occupied, (k, k))[ys, xs].copy()
        robots[:, r, r] = 0
        return {
            "positions": np.stack([xs, ys], axis=1).astype(np.int32),
            "headings": headings_of(states, self.motion).astype(np.int8),
            "goals": self._xy(self.sim.goals),
            "obstacles": obstacles.astype(np.uint8),
            "robots": robots,
        }
