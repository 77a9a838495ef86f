#!/usr/bin/env bash
# Builds the libFuzzer targets (the fuzz preset: clang, ASan + UBSan), seeds their corpora from
# the shared benchmark data, and fuzzes each target for SECONDS (default 10: the CI smoke run).
# A longer campaign: scripts/fuzz.sh 600, or fuzz/run_fuzzers.sh with -runs=N (docs/fuzzing.md).
# Needs a fleetsim binary to make result and trace seeds: FLEETSIM (default build/debug/bin).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-10}
fleetsim=${FLEETSIM:-build/debug/bin/fleetsim}
data=${FLEET_DATA_DIR:-../shared/data}
cmake --preset fuzz
cmake --build --preset fuzz
out=build/fuzz/campaign
rm -rf "$out/seeds"
bash fuzz/make_corpora.sh "$fleetsim" "$data" "$out/seeds"
bash fuzz/run_fuzzers.sh build/fuzz "$out/seeds" "$out" "-max_total_time=$seconds"
