#!/usr/bin/env bash
# Installs the Debian packages promptport needs, only those missing (as root, or via sudo).
set -euo pipefail

packages=(g++ cmake ninja-build pkg-config ccache jq
          libcli11-dev libyaml-cpp-dev libfmt-dev libre2-dev libicu-dev
          doctest-dev nlohmann-json3-dev libcsv-dev libpng-dev libjemalloc-dev python3)
if [[ "${PROMPTPORT_BENCH:-0}" == 1 ]]; then packages+=(libbenchmark-dev hyperfine); fi
# The tests count instructions with callgrind (tests/hostile_input.sh: linear time).
if [[ "${PROMPTPORT_TESTS:-0}" == 1 ]]; then packages+=(valgrind); fi
if [[ "${PROMPTPORT_SANITIZE:-0}" == 1 ]]; then packages+=(clang libclang-rt-14-dev); fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

echo "promptport: installing ${missing[*]}" >&2
if [[ $(id -u) -eq 0 ]]; then sudo=(); else sudo=(sudo); fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
