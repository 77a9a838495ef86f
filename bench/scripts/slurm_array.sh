#!/usr/bin/env bash
# A Slurm job array over one benchmark suite: array task i runs shard i of N, one run at a
# time on the one core it asked for, into its own results file (no appends shared over a
# network filesystem). Resubmitting the same array resumes every shard where it stopped.
#
# usage: sbatch --array=0-15 bench/scripts/slurm_array.sh SUITE.yaml [RESULTS_DIR [SHARDS]]
#        then: fleetsim report RESULTS_DIR/<suite>.shard-*.jsonl
# SHARDS defaults to the array's size; give it to resubmit some tasks only (sbatch --array=3,7
# slurm_array.sh SUITE.yaml results 16).
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
count=${3:-${SLURM_ARRAY_TASK_COUNT:-$(( ${SLURM_ARRAY_TASK_MAX:?no SLURM_ARRAY_TASK_MAX} + 1 ))}}
fleetsim=${FLEETSIM:-fleetsim}

mkdir -p "$out"
name=$(basename "$suite" .yaml)
# Slurm kills the whole task when it outgrows its memory (--mem, or --mem-per-cpu times the
# task's CPUs), losing the run in flight and every run after it. Each run is therefore held
# to what the task has, less what the runner itself needs (FLEETSIM_RUNNER_MB, default 100),
# so that a run that outgrows it is recorded as oom and the shard goes on. The suite's
# memory_limit_mb applies when it is lower.
limit=()
task_mb=${SLURM_MEM_PER_NODE:-}
if [ -z "$task_mb" ] && [ -n "${SLURM_MEM_PER_CPU:-}" ]; then
  task_mb=$(( SLURM_MEM_PER_CPU * ${SLURM_CPUS_PER_TASK:-1} ))
fi
if [ -n "$task_mb" ] && [ "$task_mb" -gt 0 ]; then
  run_mb=$(( task_mb - ${FLEETSIM_RUNNER_MB:-100} ))
  if [ "$run_mb" -lt 16 ]; then
    echo "slurm_array.sh: ${task_mb} MB for the task leaves no room for a run; ask for more --mem" >&2
    exit 2
  fi
  limit=(--memory-limit-mb "$run_mb")
fi
exec "$fleetsim" bench "$suite" --shard "$task/$count" --jobs 1 "${limit[@]}" \
  -o "$out/$name.shard-$task-of-$count.jsonl"
