#!/usr/bin/env bash
# The quick suite end to end, as a fresh clone runs it: bench, then report with plots.
# usage: bench/scripts/quick_check.sh FLEETSIM WORK_DIR [fleetsim bench options...]
# Exit 0 when the suite ran, every run was recorded, no executed step broke the rules and
# the report (tables and, with matplotlib, plots) was written; 77 (skipped) without the
# MovingAI data beside the repository.
set -euo pipefail
fleetsim=${1:?usage: quick_check.sh FLEETSIM WORK_DIR}
work=${2:?usage: quick_check.sh FLEETSIM WORK_DIR}
shift 2
here=$(cd "$(dirname "$0")" && pwd)
suite=$here/../suites/quick.yaml
if [ ! -f "$here/../../../shared/data/movingai/empty-32-32.map" ]; then
  echo "quick_check: skipped, no MovingAI data in ../shared/data beside the repository"
  exit 77
fi
rm -rf "$work"
mkdir -p "$work"
"$fleetsim" bench "$suite" -o "$work/quick.jsonl" "$@"

expected=$("$fleetsim" -q bench "$suite" -o "$work/none.jsonl" --dry-run | wc -l)
recorded=$(grep -c '"type":"run"' "$work/quick.jsonl")
if [ "$recorded" -ne "$expected" ]; then
  echo "quick_check: $recorded runs recorded, expected $expected" >&2
  exit 1
fi
if grep -q '"executed_violations":[1-9]' "$work/quick.jsonl"; then
  echo "quick_check: a run executed an invalid step" >&2
  exit 1
fi

code=0
"$fleetsim" report "$work/quick.jsonl" -o "$work/report" >/dev/null || code=$?
test -s "$work/report/summary.md"
test -s "$work/report/summary.csv"
if [ "$code" -eq 1 ]; then
  echo "quick_check: tables written; plots skipped (no Python with matplotlib)"
elif [ "$code" -ne 0 ]; then
  exit "$code"
else
  for png in success_rate runtime soc_ratio throughput; do
    test -s "$work/report/$png.png" || { echo "quick_check: $png.png missing" >&2; exit 1; }
  done
fi
echo "quick_check: $recorded runs, report in $work/report"
