#!/usr/bin/env bash
# Seeds one corpus folder per fuzz target from the shared benchmark data (MovingAI maps and
# scenarios, League of Robot Runners problems) and the project's own files (scenarios, suites,
# results); result files and a trace are made by running fleetsim on that data.
# Usage: fuzz/make_corpora.sh FLEETSIM DATA_DIR OUT_DIR
set -euo pipefail
fleetsim=$1
data=$2
out=$3
src=$(cd "$(dirname "$0")/.." && pwd)
sep=$'\n#####\n'  # fuzz_input.hpp: kPartSeparator
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"/{map,scen,result,scenario_yaml,lorr_problem,suite,results_jsonl,trace}

small_maps=(empty-32-32 random-32-32-20 maze-32-32-4 room-32-32-4)
for m in "${small_maps[@]}"; do
  cp "$data/movingai/$m.map" "$out/map/$m"
  { cat "$data/movingai/$m.map"; printf '%s' "$sep"; head -n 12 "$data/movingai/$m-random-1.scen"; } \
    >"$out/scen/$m"
done

for m in empty-32-32 random-32-32-20; do
  for motion in 4-connected rotation; do
    rm -f "$work/r.txt"
    "$fleetsim" -q solve "$data/movingai/$m.map" "$data/movingai/$m-random-1.scen" -k 6 \
      --planner pibt --motion "$motion" --time-limit 10 -o "$work/r.txt" >/dev/null || true
    [ -f "$work/r.txt" ] || { echo "make_corpora: no result seed from $fleetsim" >&2; continue; }
    { cat "$data/movingai/$m.map"; printf '%s' "$sep"; cat "$work/r.txt"; } >"$out/result/$m-$motion"
  done
done

# The large and medium floors take over a second to read under ASan: not seeds.
tiny_map="$src/tests/data/bench/grid-8x8.map"
for y in "$src"/scenarios/{small,oneshot-random32}.yaml "$src"/tests/data/bench/tiny-floor.yaml; do
  { cat "$y"; printf '%s' "$sep"; cat "$tiny_map"; printf '%s' "$sep"; printf '2\n3\n9\n'; } \
    >"$out/scenario_yaml/$(basename "$y" .yaml)"
done
{ printf 'name: tiny\nmap: tiny.map\nfleet: {robots: 2}\ntasks: {mode: file, file: tiny.tasks}\n'
  printf 'planner: {name: pibt, time_limit: 0.5}\nsteps: 20\n'
  printf '%s' "$sep"; cat "$tiny_map"; printf '%s' "$sep"; printf '2\n3\n9\n'; } >"$out/scenario_yaml/tiny"

domain="$data/lorr2023-examples/random.domain"
for n in 20 50; do
  { sed -e 's#"maps/[^"]*"#"p.map"#' -e 's#"agents/[^"]*"#"p.agents"#' -e 's#"tasks/[^"]*"#"p.tasks"#' \
      "$domain/EI23-random_$n.json"
    printf '%s' "$sep"; cat "$domain/maps/random-32-32-20.map"
    printf '%s' "$sep"; cat "$domain/agents/random_$n.agents"
    printf '%s' "$sep"; printf '40\n'; sed -n '2,41p' "$domain/tasks/random-32-32-20.tasks"; } \
    >"$out/lorr_problem/random-$n"
done

for y in "$src"/bench/suites/*.yaml "$src"/tests/data/bench/*.yaml; do
  cp "$y" "$out/suite/$(basename "$y")"
done

cp "$src/tests/data/bench/lifelong-results.jsonl" "$out/results_jsonl/lifelong"
for j in "$src"/docs/results/*/*.jsonl; do
  head -n 20 "$j" >"$out/results_jsonl/$(basename "$j" .jsonl)"
done

if "$fleetsim" -q run "$src/scenarios/small.yaml" --steps 12 --threads 1 --time-limit 1 \
  -o "$work/run" >/dev/null; then
  cp "$work/run/trace.fltrace" "$out/trace/small"
else
  echo "make_corpora: no trace seed from $fleetsim" >&2
fi
