#!/usr/bin/env bash
# The plugin SDK end to end, as a plugin author meets it: installs a built fleetsim into a
# temporary prefix, builds both example plugins out of tree against it, loads them with
# --plugin, runs check-planner on their planners and the example bench suite. With --deb it
# then packs the .deb, installs it with apt-get and builds the example against /usr.
#   scripts/check-plugin-sdk.sh BUILD_DIR [--deb]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:?usage: $0 BUILD_DIR [--deb]}
deb=${2:-}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

step() { echo "== $*"; }

step "install into $work/prefix"
cmake --install "$build" --prefix "$work/prefix" >/dev/null
fleetsim="$work/prefix/bin/fleetsim"

build_example() {  # NAME PREFIX_PATH: copies examples/NAME like a user would, and builds it
  cp -r "examples/$1" "$work/$1"
  cmake -S "$work/$1" -B "$work/$1/build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    ${2:+-DCMAKE_PREFIX_PATH=$2} >/dev/null
  cmake --build "$work/$1/build" >/dev/null
}

step "build examples/planner-plugin against the prefix"
build_example planner-plugin "$work/prefix"
plugin="$work/planner-plugin/build/fleetsim_example_plugin.so"
"$fleetsim" planners --plugin "$plugin" | grep -A2 '^spacetime-bfs$'
step "check-planner spacetime-bfs"
"$fleetsim" check-planner spacetime-bfs --plugin "$plugin"
step "bench the example suite (spacetime-bfs beside built-in planners)"
(cd "$work/planner-plugin" && "$fleetsim" -q bench suite.yaml -o results.jsonl &&
  "$fleetsim" report results.jsonl --no-plots | sed -n '/^| /p')
grep -c '"planner":"spacetime-bfs"' "$work/planner-plugin/results.jsonl"

step "build examples/lorr-planner (start-kit adapter) and check it"
build_example lorr-planner "$work/prefix"
lorr="$work/lorr-planner/build/fleetsim_lorr_plugin.so"
"$fleetsim" check-planner lorr-greedy --plugin "$lorr"
"$fleetsim" -q run "$work/lorr-planner/floor.yaml" --planner lorr-greedy --plugin "$lorr" \
  -o "$work/lorr-run" --no-trace

if [[ "$deb" == "--deb" ]]; then
  step "pack and install the .deb"
  (cd "$build" && cpack -G DEB >/dev/null && ls fleetsim_*.deb)
  apt-get install -y --no-install-recommends "$(ls "$PWD/$build"/fleetsim_*.deb)" >/dev/null
  rm -rf "$work/planner-plugin"
  build_example planner-plugin ""
  /usr/bin/fleetsim planners --plugin "$plugin" | grep '^spacetime-bfs$'
  /usr/bin/fleetsim check-planner spacetime-bfs --plugin "$plugin" | grep "^result: PASS"
  apt-get remove -y fleetsim >/dev/null
fi
step "plugin SDK: all good"
