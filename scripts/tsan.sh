#!/usr/bin/env bash
# The multi-threaded suites under ThreadSanitizer (the tsan preset): the simulator's TBB step
# loop, its planner thread and the determinism checks across thread counts (test_simulator),
# and the parallel distance tables and planners (test_planners). Only these two suites are
# built, to keep the run short.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake --preset tsan
cmake --build --preset tsan --target test_simulator test_planners
export TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1"
# Debian's libtbb is not built with TSan: the joins of its parallel loops are invisible to it,
# so TBB runs one worker here (tests/test_main.cpp); the planner thread, the simulator's
# hand-over to it and its deadlines are what this run checks.
export FLEET_TEST_TBB_THREADS=1
for suite in test_simulator test_planners; do
  echo "tsan: $suite"
  build/tsan/bin/$suite
done
