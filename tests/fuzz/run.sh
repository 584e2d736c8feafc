#!/usr/bin/env bash
# Builds the fuzz targets with clang (ASan + UBSan + libFuzzer) and runs each for SECONDS
# (default 60), seeded from the corpus inputs and, when present, ../shared/data; the migrate
# format targets also from tests/fuzz/seeds/.
#   bash tests/fuzz/run.sh 600
#   PROMPTPORT_FUZZ_ONLY='fuzz_parse_sd fuzz_translate' bash tests/fuzz/run.sh 300   # some targets
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
seconds=${1:-60}
build=$root/build-fuzz
PROMPTPORT_SANITIZE=1 bash "$root/scripts/deps.sh"
CC=clang CXX=clang++ cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DPROMPTPORT_FUZZ=ON -DPROMPTPORT_SANITIZE=ON -DPROMPTPORT_BUILD_TESTS=OFF >/dev/null
cmake --build "$build" -j"$(nproc)"

seeds=$build/fuzz-seeds
mkdir -p "$seeds"
# Corpus inputs as seeds: the `input:` line of every case (good enough for a starting point).
i=0
while IFS= read -r line; do
  printf '%s' "$line" > "$seeds/corpus-$((i++))"
done < <(grep -h '^input:' -r "$root/corpus" | sed -E 's/^input: *//; s/^"(.*)"$/\1/')
data=${PROMPTPORT_DATA_DIR:-$root/../shared/data}
if [[ -f $data/midjourney-2022.txt ]]; then
  head -n 2000 "$data/midjourney-2022.txt" | split -l 1 - "$seeds/mj-"
fi
if [[ -f $data/sd/civitai-mixed.jsonl ]] && command -v jq >/dev/null; then
  head -n 500 "$data/sd/civitai-mixed.jsonl" | jq -r '.prompt // "" | gsub("\n"; " ")' |
    split -l 1 - "$seeds/sd-"
fi

failed=0
for target in "$build"/tests/fuzz/fuzz_*; do
  name=$(basename "$target")
  if [[ -n ${PROMPTPORT_FUZZ_ONLY:-} && " $PROMPTPORT_FUZZ_ONLY " != *" $name "* ]]; then
    continue
  fi
  work=$build/fuzz-work/$name
  mkdir -p "$work"
  echo "== $name for ${seconds}s"
  target_seeds=("$seeds")
  # The migrate formats start from small files of each format (tests/fuzz/seeds/).
  [[ $name == fuzz_migrate_* ]] && target_seeds=("$root/tests/fuzz/seeds" "$seeds")
  if ! "$target" "$work" "${target_seeds[@]}" -max_total_time="$seconds" -max_len=4096 -timeout=10 \
      -artifact_prefix="$build/fuzz-work/$name-" -print_final_stats=1 > "$work.log" 2>&1; then
    failed=1
    echo "$name FOUND A PROBLEM: see $work.log and $build/fuzz-work/$name-*"
  fi
  grep -E '^(#[0-9]+.*(DONE|cov:)|stat::)' "$work.log" | tail -n 6
done
exit $failed
