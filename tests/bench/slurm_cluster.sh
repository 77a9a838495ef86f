#!/usr/bin/env bash
# The cluster path end to end on real Slurm daemons: brings up a one-node cluster on this host
# (bench/scripts/slurm-local.sh), submits the Slurm test suite as a job array with sbatch,
# cancels one array task midway with scancel, resubmits the array (only the cancelled task's
# missing runs run again), merges the shards with `fleetsim report` and checks that the result
# equals a local run of the same suite. Then a task with too little memory for one of its runs:
# that run is recorded as oom and the task completes, instead of Slurm killing it; and a task
# past its --time: Slurm ends it, the runs before are kept and the cut one is left to rerun.
#
# usage: tests/bench/slurm_cluster.sh FLEETSIM WORK_DIR
# Exit 0 when every check passed, 1 when one failed, 77 (skipped) where a cluster cannot run
# here (not root, slurm-wlm or munge missing). Prints a log with the seconds since the start.
set -euo pipefail
fleetsim=$(realpath "${1:?usage: slurm_cluster.sh FLEETSIM WORK_DIR}")
work=$(realpath -m "${2:?usage: slurm_cluster.sh FLEETSIM WORK_DIR}")
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
cluster=$repo/bench/scripts/slurm-local.sh
array=$repo/bench/scripts/slurm_array.sh
suite=$repo/tests/data/bench/slurm.yaml
shards=2

bash "$cluster" check || exit $?

started=$SECONDS
log() { printf '[%3ds] %s\n' $((SECONDS - started)) "$*"; }
fail() {
  log "FAILED: $*"
  exit 1
}

rm -rf "$work"
mkdir -p "$work/logs"
trap 'bash "$cluster" down "$work/cluster" >/dev/null 2>&1 || true' EXIT
bash "$cluster" up "$work/cluster"
export SLURM_CONF=$work/cluster/slurm.conf FLEETSIM=$fleetsim
log "cluster up: $(sinfo -h -N -o '%N %c CPUs %m MB %t')"

# submit SBATCH_OPTIONS... -- SUITE RESULTS_DIR: the array script; prints the job id.
submit() {
  local options=()
  while [ "$1" != -- ]; do options+=("$1"); shift; done
  shift
  sbatch --parsable --job-name=fleetsim-check --time=10 -o "$work/logs/%A_%a.log" \
    "${options[@]}" "$array" "$@"
}
# Waits (at most 5 minutes) until the job and all its array tasks have left the queue.
wait_done() {
  local job=$1
  for _ in $(seq 1200); do
    [ -z "$(squeue -h -j "$job" 2>/dev/null)" ] && return 0
    sleep 0.25
  done
  fail "job $job still queued after 5 minutes"
}
state() { scontrol show job -o "$1" | sed -n 's/.*JobState=\([A-Z_]*\).*/\1/p'; }
runs_in() { if [ -f "$1" ]; then grep -c '"type":"run"' "$1" || true; else echo 0; fi; }
shard_file() { echo "$work/slurm/slurm.shard-$1-of-$shards.jsonl"; }
shard_size() {
  "$fleetsim" -q bench "$suite" --shard "$1/$shards" --dry-run -o "$work/none.jsonl" | wc -l
}

log "local run: fleetsim bench slurm.yaml --jobs 1"
"$fleetsim" -q bench "$suite" --jobs 1 -o "$work/local.jsonl" >/dev/null
log "local run done: $(runs_in "$work/local.jsonl") runs"

# 1. Submit, and cancel task 0 in the middle of a run: its last two runs are on the tiny
# floor (seconds each); it is cancelled once all the others are recorded.
# The shard's size is known before the submission: counting it after (a dry run of fleetsim)
# took long enough on a loaded machine for the task to finish before it could be cancelled.
total0=$(shard_size 0)
job=$(submit --array=0-$((shards - 1)) --mem=1G -- "$suite" "$work/slurm")
log "submitted array job $job: sbatch --array=0-$((shards - 1)) --mem=1G slurm_array.sh slurm.yaml"
for _ in $(seq 1200); do
  [ "$(runs_in "$(shard_file 0)")" -ge $((total0 - 2)) ] && break
  sleep 0.05
done
[ "$(state "${job}_0")" = RUNNING ] || fail "task 0 is $(state "${job}_0"), not running, when it is to be cancelled"
scancel "${job}_0"
log "scancel ${job}_0 after $(runs_in "$(shard_file 0)") of its $total0 runs"
wait_done "$job"
for task in $(seq 0 $((shards - 1))); do
  log "task ${job}_$task: $(state "${job}_$task"), $(runs_in "$(shard_file "$task")") of $(shard_size "$task") runs recorded"
done
[ "$(state "${job}_0")" = CANCELLED ] || fail "task 0 ended $(state "${job}_0"), not CANCELLED"
left=$((total0 - $(runs_in "$(shard_file 0)")))
[ "$left" -gt 0 ] || fail "task 0 finished all its runs before it was cancelled"

# 2. Resubmit the same array: only task 0's missing runs run.
again=$(submit --array=0-$((shards - 1)) --mem=1G -- "$suite" "$work/slurm")
log "resubmitted the same array as job $again"
wait_done "$again"
for task in $(seq 0 $((shards - 1))); do
  [ "$(state "${again}_$task")" = COMPLETED ] || fail "resubmitted task $task ended $(state "${again}_$task")"
  log "task ${again}_$task: $(state "${again}_$task"): $(grep -h -o -E '[0-9]+ already in .*, [0-9]+ to run' "$work/logs/${again}_$task.log" | sed "s| $work/| |")"
done
grep -q "already in .*, $left to run" "$work/logs/${again}_0.log" || fail "task 0 did not run exactly its $left missing runs"
for task in $(seq 1 $((shards - 1))); do
  grep -q "nothing to run" "$work/logs/${again}_$task.log" || fail "finished task $task ran something again"
done

# 5 (started now, checked last: it takes a minute or more). A task past its --time: Slurm
# ends it (TIMEOUT); the run it cut is not recorded, so a resubmission runs it again, and the
# run before it is kept.
timed=$(submit --array=0 --mem=1G --time=1 -- "$repo/tests/data/bench/slurm-time.yaml" "$work/time")
log "submitted job $timed with --time=1 (minute): a 150 s run after a quick one"

# 3. Merge: the shards' report and the local run's report, and the runs themselves.
"$fleetsim" report "$work"/slurm/slurm.shard-*.jsonl -o "$work/report-slurm" --no-plots >/dev/null 2>&1
"$fleetsim" report "$work/local.jsonl" -o "$work/report-local" --no-plots >/dev/null 2>&1
log "merged: fleetsim report slurm/slurm.shard-*.jsonl"
python3 "$here/same_results.py" "$work/local.jsonl" "$work/report-local/summary.csv" \
  "$work/report-slurm/summary.csv" "$work"/slurm/slurm.shard-*.jsonl || fail "Slurm and local results differ"
log "same keys, statuses, costs and report table as the local run"

# 4. A task with too little memory for one of its runs: that run is recorded as oom, the
# other as usual, and the task completes (Slurm would otherwise kill the task, and with it
# every run still to come).
oom_mb=150
oom=$(submit --array=0 --mem=${oom_mb}M -- "$repo/tests/data/bench/slurm-memory.yaml" "$work/oom")
wait_done "$oom"
oom_file=$work/oom/slurm-memory.shard-0-of-1.jsonl
statuses=$(grep -o '"status":"[a-z]*"' "$oom_file" | sed 's/"status"://; s/"//g' | tr '\n' ' ')
log "job $oom with --mem=${oom_mb}M: $(state "${oom}_0"), runs: $statuses"
[ "$(state "${oom}_0")" = COMPLETED ] || fail "the task with too little memory ended $(state "${oom}_0")"
[ "$statuses" = "solved oom " ] || fail "expected the grid's run solved and the wide floor's oom"
grep -q "\"memory_limit_mb\":$((oom_mb - 100))," "$oom_file" || fail "the runs were not held to the task's memory"

wait_done "$timed"
time_file=$work/time/slurm-time.shard-0-of-1.jsonl
log "job $timed: $(state "${timed}_0") after $(scontrol show job -o "${timed}_0" | sed -n 's/.*RunTime=\([^ ]*\).*/\1/p')," \
  "recorded: $(grep -o '"key":"[^"]*"' "$time_file" | tr '\n' ' ')"
[ "$(state "${timed}_0")" = TIMEOUT ] || fail "the task past its time ended $(state "${timed}_0")"
grep -q "DUE TO TIME LIMIT" "$work/logs/${timed}_0.log" || fail "Slurm did not end the task for its time"
grep -q "interrupted by signal 15" "$work/logs/${timed}_0.log" || fail "fleetsim bench did not stop cleanly"
[ "$(runs_in "$time_file")" -eq 1 ] && grep -q '"key":"slurm-time/grid-8x8/16/pp/1"' "$time_file" ||
  fail "expected the quick run recorded and the cut one not"
[ "$("$fleetsim" -q bench "$repo/tests/data/bench/slurm-time.yaml" -o "$time_file" --dry-run)" = \
  "slurm-time/grid-8x8/16/lacam[anytime=true]/1" ] || fail "a rerun would not run the cut run again"

bash "$cluster" down "$work/cluster" >/dev/null
trap - EXIT
log "passed"
