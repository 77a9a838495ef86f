#!/usr/bin/env bash
# Installs what is missing, builds Release and runs the default scenario: a lifelong
# fulfillment-center fleet. Prints the run's summary; the run directory holds the picture.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cmake --preset release
cmake --build --preset release
out=runs/quickstart
./build/release/bin/fleetsim run scenarios/small.yaml --out "$out" --overwrite "$@"
echo
echo "Run directory: $out (summary.json, trace, floor.svg)"
