"""Action codes (the trace's and the datasets' codes) and state <-> cell conversions.

Under the 4-connected model a state is a cell (y * width + x); under the rotation model it is
cell * 4 + heading, heading 0 east, 1 south, 2 west, 3 north.
"""

import numpy as np

WAIT = 0
EAST = 1   # moves to the neighbour in that direction (rotation model: only along the heading)
SOUTH = 2
WEST = 3
NORTH = 4
TURN_CW = 5   # rotation model only
TURN_CCW = 6  # rotation model only
UNKNOWN = 15  # datasets: tick 0, or no single action between two states

_ROTATION = "rotation"


def cells_of(states, motion):
    """The cells of an array of states."""
    states = np.asarray(states)
    return states >> 2 if motion == _ROTATION else states


def headings_of(states, motion):
    """The headings of an array of states (-1 under the 4-connected model)."""
    states = np.asarray(states)
    if motion == _ROTATION:
        return states & 3
    return np.full(states.shape, -1, dtype=np.int8)


def states_of(cells, headings, motion):
    """States from cells and headings (headings are ignored under the 4-connected model)."""
    cells = np.asarray(cells, dtype=np.int32)
    if motion == _ROTATION:
        return cells * 4 + np.asarray(headings, dtype=np.int32)
    return cells
