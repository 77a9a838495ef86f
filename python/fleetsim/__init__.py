"""fleetsim: warehouse fleet simulation and multi-agent path finding, from Python.

The compiled core (_fleetsim) holds maps, instances, scenarios, the planners, the validator
and the simulator; this package adds the action codes, a reinforcement-learning environment
(fleetsim.env) and dataset helpers (fleetsim.datasets, which need h5py).
"""

from ._fleetsim import (
    Grid,
    InputError,
    Instance,
    PlannerRegistry,
    Scenario,
    Simulator,
    SolveResult,
    StepResult,
    Violation,
    describe,
    load_lorr_problem,
    load_map,
    load_scen,
    load_scenario,
    record_dataset,
    set_log_level,
    solve,
    validate,
)
from .actions import (
    EAST,
    NORTH,
    SOUTH,
    TURN_CCW,
    TURN_CW,
    UNKNOWN,
    WAIT,
    WEST,
    cells_of,
    headings_of,
    states_of,
)

__all__ = [
    "Grid", "InputError", "Instance", "PlannerRegistry", "Scenario", "Simulator", "SolveResult",
    "StepResult", "Violation", "describe", "load_lorr_problem", "load_map", "load_scen",
    "load_scenario", "record_dataset", "set_log_level", "solve", "validate",
    "WAIT", "EAST", "SOUTH", "WEST", "NORTH", "TURN_CW", "TURN_CCW", "UNKNOWN",
    "cells_of", "headings_of", "states_of",
]
