#!/usr/bin/env bash
# A Slurm job array over one benchmark suite: array task i runs shard i of N, one run at a
# time on the one core it asked for, into its own results file (no appends shared over a
# network filesystem). Resubmitting the same array resumes every shard where it stopped.
#
# usage: sbatch --array=0-15 bench/scripts/slurm_array.sh SUITE.yaml [RESULTS_DIR]
#        then: fleetsim report RESULTS_DIR/<suite>.shard-*.jsonl
# FLEETSIM names the fleetsim binary (default: fleetsim on the PATH).
# Outside Slurm (for a try): SLURM_ARRAY_TASK_ID=0 SLURM_ARRAY_TASK_COUNT=2 bash slurm_array.sh ...
#
#SBATCH --job-name=fleetsim-bench
#SBATCH --cpus-per-task=1
#SBATCH --mem=6G
#SBATCH --time=08:00:00
#SBATCH --output=fleetsim-bench-%A_%a.log
set -euo pipefail

suite=${1:?usage: sbatch --array=0-N slurm_array.sh SUITE.yaml [RESULTS_DIR]}
out=${2:-results}
task=${SLURM_ARRAY_TASK_ID:?not an array task: submit with sbatch --array=0-N}
# SLURM_ARRAY_TASK_COUNT is set by Slurm 18.08 and later; older ones give the largest index.
count=${SLURM_ARRAY_TASK_COUNT:-$(( ${SLURM_ARRAY_TASK_MAX:?no SLURM_ARRAY_TASK_MAX} + 1 ))}
fleetsim=${FLEETSIM:-fleetsim}

mkdir -p "$out"
name=$(basename "$suite" .yaml)
# The memory limit of each run is the suite's memory_limit_mb; ask Slurm for a little more.
exec "$fleetsim" bench "$suite" --shard "$task/$count" --jobs 1 \
  -o "$out/$name.shard-$task-of-$count.jsonl"
