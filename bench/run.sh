#!/usr/bin/env bash
# Runs the benchmarks: library throughput (Google Benchmark), CLI throughput against a
# sed baseline over the same file, and the start-up time of a single-prompt call.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
data=${PROMPTPORT_DATA_DIR:-$root/../shared/data}
build=$root/build-bench
PROMPTPORT_BENCH=1 bash "$root/scripts/deps.sh"
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DPROMPTPORT_BUILD_BENCH=ON \
  -DPROMPTPORT_BUILD_TESTS=OFF >/dev/null
cmake --build "$build" -j"$(nproc)"
bin=$build/cli/promptport
mj=$data/midjourney-2022.txt
if [[ ! -f $mj ]]; then echo "no $mj: nothing to measure" >&2; exit 0; fi

echo "== library (Google Benchmark)"
PROMPTPORT_DATA_DIR=$data "$build/bench/promptport_bench" --benchmark_min_time=2

echo "== CLI over $(wc -l < "$mj") prompts, $(du -k "$mj" | cut -f1) KiB"
hyperfine --warmup 2 --runs 10 --output null \
  "$bin translate --from midjourney --to flux -f prompt < $mj" \
  "sed -E 's/ --ar ([0-9]+):([0-9]+)/ AR=\\1x\\2/g; s/::[0-9.-]*//g' < $mj"

echo "== start-up: one prompt"
hyperfine --warmup 5 --runs 100 -N --output null \
  "$bin translate --to flux 'a red fox in deep snow, watercolor --ar 3:2'"

echo "== migrate: a library of 8 files x $(wc -l < "$mj") prompts to two targets, --jobs 1 vs 2"
lib=$(mktemp -d)
trap 'rm -rf "$lib"' EXIT
mkdir -p "$lib/in"
for i in 1 2 3 4 5 6 7 8; do cp "$mj" "$lib/in/part$i.txt"; done
hyperfine --warmup 1 --runs 5 --prepare "rm -rf $lib/out" \
  "$bin migrate --from midjourney --to flux --to kling -q --jobs 1 -o $lib/out $lib/in" \
  "$bin migrate --from midjourney --to flux --to kling -q --jobs 2 -o $lib/out $lib/in"
