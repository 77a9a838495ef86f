#!/usr/bin/env bash
# Runs every fuzz target in turn on a copy of its seed corpus and prints one line per target:
# executions, seconds, corpus size before and after, and whether it crashed, leaked or timed
# out. An input that takes over 1 s (FUZZ_TIMEOUT) counts as a finding: on a machine busy
# with other work a fuzzer can be starved for longer than that, so a campaign run beside other
# jobs may raise it and replay its corpus afterwards with the default. FUZZ_MAX_LEN caps an
# input's bytes (65536; longer corpus files are cut to it). Exits 1 when any target found
# anything (the reproducer is left in OUT_DIR/findings/).
# Usage: fuzz/run_fuzzers.sh BUILD_DIR SEEDS_DIR OUT_DIR "LIBFUZZER_FLAGS" [TARGET...]
#   e.g. "-max_total_time=10", or "-runs=1000000 -max_total_time=900"
set -euo pipefail
build=$1
seeds=$2
out=$3
budget=$4
shift 4
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(map scen result scenario_yaml lorr_problem suite results_jsonl trace)
mkdir -p "$out/findings"
# Each input is written to a file for the reader under test; on a busy disk an open() can
# stall past the 1 s limit, so the files go to memory where it is available.
if [ -z "${TMPDIR:-}" ] && [ -d /dev/shm ] && [ -w /dev/shm ]; then export TMPDIR=/dev/shm; fi
failed=0
for t in "${targets[@]}"; do
  corpus="$out/corpus/$t"
  mkdir -p "$corpus"
  cp -n "$seeds/$t"/* "$corpus/" 2>/dev/null || true
  before=$(ls "$corpus" | wc -l)
  log="$out/$t.log"
  status=ok
  started=$SECONDS
  # shellcheck disable=SC2086  # the flags are words
  if ! ASAN_OPTIONS=detect_leaks=1 "$build/bin/fuzz_$t" "$corpus" $budget -timeout="${FUZZ_TIMEOUT:-1}" \
      -rss_limit_mb=2560 -max_len="${FUZZ_MAX_LEN:-65536}" -print_final_stats=1 \
      -artifact_prefix="$out/findings/$t-" >"$log" 2>&1; then
    status=FOUND
    failed=1
  fi
  runs=$(grep -o 'stat::number_of_executed_units: [0-9]*' "$log" | awk '{print $2}' || true)
  slowest=$(grep -o 'Slowest unit: [0-9]* s' "$log" | awk '{print $3}' | sort -n | tail -1 || true)
  after=$(ls "$corpus" | wc -l)
  printf '%-14s runs %-9s seconds %-5s slowest %-3s corpus %4s -> %-5s %s\n' "$t" "${runs:-?}" \
    "$((SECONDS - started))" "${slowest:-0}s" "$before" "$after" "$status"
  [ "$status" = ok ] || tail -n 30 "$log"
done
exit $failed
