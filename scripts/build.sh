#!/usr/bin/env bash
# Configures and builds promptport into build/ (installs missing dependencies first).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bash "$root/scripts/deps.sh"
build=${PROMPTPORT_BUILD_DIR:-$root/build}
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=${CMAKE_BUILD_TYPE:-RelWithDebInfo} \
  ${PROMPTPORT_CMAKE_ARGS:-} >/dev/null
cmake --build "$build" -j"$(nproc)"
