#!/usr/bin/env bash
# Runs every prompt and negative prompt of the real Stable Diffusion file through
# `parse --from sd` and `translate --from sd --to X` for every registered dialect: no crash,
# no internal error, one output record per input line.
#
# Usage: real_data_sd.sh PATH/TO/promptport DATA_DIR
# Exits 77 (skipped) when DATA_DIR/sd/civitai-mixed.jsonl is absent. Needs jq.
set -u

if [ $# -ne 2 ]; then
  echo "usage: $0 PATH/TO/promptport DATA_DIR" >&2
  exit 2
fi
promptport=$1
source_file=$2/sd/civitai-mixed.jsonl
if [ ! -r "$source_file" ]; then
  echo "real-data-sd: $source_file not found; skipped"
  exit 77
fi
command -v jq >/dev/null || { echo "real-data-sd: jq is needed (apt-get install jq)" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
fail() {
  echo "real-data-sd: FAIL: $*"
  failures=$((failures + 1))
}

# One record a line: line breaks inside a prompt become spaces (the CLI reads lines).
jq -r '(.prompt // ""), (.negative_prompt // "") | gsub("[\r\n]"; " ")' "$source_file" >"$work/sd.txt"
lines=$(awk 'END { print NR }' "$work/sd.txt")

check() {  # LABEL STATUS OUTPUT
  if [ "$2" != 0 ] && [ "$2" != 3 ]; then
    fail "$1 exited with status $2"
    head -n 5 "$work/stderr"
  fi
  local records
  records=$(wc -l <"$3")
  [ "$records" = "$lines" ] || fail "$1: $lines input lines gave $records records"
  local internal
  internal=$(grep -c '"internal error' "$3")
  [ "$internal" = 0 ] || fail "$1: $internal records hit an internal error"
}

"$promptport" parse --from sd -f json <"$work/sd.txt" >"$work/parse.jsonl" 2>"$work/stderr"
check "parse --from sd" $? "$work/parse.jsonl"

summary=""
for target in $("$promptport" dialects -f json | jq -r '.name'); do
  "$promptport" translate --from sd --to "$target" -f json <"$work/sd.txt" \
    >"$work/$target.jsonl" 2>"$work/stderr"
  check "translate --from sd --to $target" $? "$work/$target.jsonl"
  lossless=$(grep -c '"lossless":true' "$work/$target.jsonl")
  summary="$summary $target=$lossless"
done
echo "real-data-sd: $lines prompts and negatives; lossless records per target:$summary"
[ "$failures" = 0 ]
