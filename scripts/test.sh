#!/usr/bin/env bash
# Builds promptport and runs every test (unit, corpus, CLI, real data when ../shared/data exists).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PROMPTPORT_TESTS=1 bash "$root/scripts/build.sh"
build=${PROMPTPORT_BUILD_DIR:-$root/build}
ctest --test-dir "$build" --output-on-failure -j"$(nproc)"
