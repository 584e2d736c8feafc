#!/usr/bin/env bash
# Runs every real text-to-video prompt (../shared/data/video: VBench incl. the Chinese file,
# Open-Sora's published Sora prompts) through each video dialect: read as that dialect and
# translated to every other one, auto-detected and sent to each. No crash, no internal
# error, one output record per input line.
#
# Usage: real_data_video.sh PATH/TO/promptport DATA_DIR
# Exits 77 (skipped) when DATA_DIR/video is absent. Needs jq.
set -u

if [ $# -ne 2 ]; then
  echo "usage: $0 PATH/TO/promptport DATA_DIR" >&2
  exit 2
fi
promptport=$1
video=$2/video
if [ ! -d "$video" ]; then
  echo "real-data-video: $video not found; skipped"
  exit 77
fi
command -v jq >/dev/null || { echo "real-data-video: jq is needed (apt-get install jq)" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
fail() {
  echo "real-data-video: FAIL: $*"
  failures=$((failures + 1))
}

cat "$video"/vbench/*.txt "$video"/open-sora/*.txt >"$work/all.txt"
lines=$(awk 'END { print NR }' "$work/all.txt")
dialects="kling runway luma veo sora seedance hailuo pika wan"

check() {  # LABEL STATUS OUTPUT
  if [ "$2" != 0 ] && [ "$2" != 3 ]; then
    fail "$1 exited with status $2"
    head -n 5 "$work/stderr"
  fi
  local records internal
  records=$(wc -l <"$3")
  [ "$records" = "$lines" ] || fail "$1: $lines input lines gave $records records"
  internal=$(grep -c '"internal error' "$3")
  [ "$internal" = 0 ] || fail "$1: $internal records hit an internal error"
}

summary=""
for to in $dialects; do
  "$promptport" translate --to "$to" -f json <"$work/all.txt" >"$work/auto-$to.jsonl" 2>"$work/stderr"
  check "translate (auto) --to $to" $? "$work/auto-$to.jsonl"
  for from in $dialects; do
    "$promptport" translate --from "$from" --to "$to" -f json <"$work/all.txt" \
      >"$work/$from-$to.jsonl" 2>"$work/stderr"
    check "translate --from $from --to $to" $? "$work/$from-$to.jsonl"
  done
  lossless=$(grep -c '"lossless":true' "$work/$to-$to.jsonl")
  summary="$summary $to=$lossless"
done
echo "real-data-video: $lines prompts; each dialect to itself, lossless:$summary"
[ "$failures" = 0 ]
