#!/usr/bin/env bash
# Installs the Debian 12 packages fleetsim builds and runs with. Idempotent: installs only
# what is missing; works as root or through sudo. Usage: scripts/install-deps.sh [--viz]
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config git
  libeigen3-dev libboost-graph-dev libtbb-dev libyaml-cpp-dev catch2
  libcli11-dev nlohmann-json3-dev libspdlog-dev libfmt-dev
  libsfml-dev xvfb xauth fonts-dejavu-core python3-matplotlib parallel time
  libhdf5-dev pybind11-dev python3-dev python3-numpy python3-pytest python3-h5py
  clang libclang-rt-14-dev
)
# --slurm: Slurm and munge, for the one-node cluster of bench/scripts/slurm-local.sh (CI's
# bench_slurm_cluster test).
if [ "${1:-}" = --slurm ]; then
  packages+=(slurm-wlm munge)
fi

missing=()
for pkg in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$pkg")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1; then
  as_root=(sudo)
else
  echo "install-deps: need root or sudo to install: ${missing[*]}" >&2
  exit 1
fi

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
