#!/usr/bin/env bash
# Runs a benchmark suite as SHARDS slices at once with GNU parallel, every slice appending to
# one results file. Safe on one host: each record is one line written whole under an flock.
# (On a cluster filesystem give each shard its own file instead; see slurm_array.sh.)
#
# usage: bench/scripts/gnu_parallel.sh SUITE.yaml RESULTS.jsonl [SHARDS] [fleetsim bench options...]
#   SHARDS defaults to the number of cores; each shard runs one run at a time.
#   FLEETSIM names the fleetsim binary (default: fleetsim on the PATH, else build/release).
# Rerunning the same command resumes: each shard skips the runs already in RESULTS.jsonl.
set -euo pipefail

if [ $# -lt 2 ]; then
  sed -n '2,11p' "$0" >&2
  exit 2
fi
suite=$1
results=$2
shards=${3:-$(nproc)}
shift $(( $# >= 3 ? 3 : 2 ))

here=$(cd "$(dirname "$0")" && pwd)
fleetsim=${FLEETSIM:-}
if [ -z "$fleetsim" ]; then
  if command -v fleetsim >/dev/null 2>&1; then
    fleetsim=fleetsim
  else
    fleetsim=$here/../../build/release/bin/fleetsim
  fi
fi
command -v parallel >/dev/null 2>&1 || { echo "gnu_parallel.sh: GNU parallel is not installed (apt-get install parallel)" >&2; exit 2; }

# --halt now,fail=1: a shard that errors (a bad suite) stops the others at once.
seq 0 $((shards - 1)) | parallel --will-cite --halt now,fail=1 --line-buffer \
  "$fleetsim" -q bench "$suite" -o "$results" --jobs 1 --shard "{}/$shards" "$@"
