#!/usr/bin/env bash
# Hostile input through every dialect, as source and as target: 100,000 nested brackets of
# each kind (closed and unclosed), 100,000 `::`, `|` and quotes, long runs of flags and camera
# commands, then binary junk. Each line must give one record, exit status 0 or 3, no internal
# error, no crash (a recursion a prompt can drive would overflow the stack here). Then time is
# linear in the input (see "Linear time" below).
#   bash tests/hostile_input.sh build/cli/promptport [sanitized]
# A sanitized build (ASan is several times slower) runs 10,000-deep lines and no timing.
set -u
promptport=$1
sanitized=${2:-}
depth=100000
[ -n "$sanitized" ] && depth=10000
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
fail() {
  echo "hostile-input: FAIL: $*"
  failures=$((failures + 1))
}

python3 - "$depth" >"$work/deep.txt" <<'PY'
import sys
n = int(sys.argv[1])
for o, c in ["()", "[]", "{}", "<>"]:
    print(o * n + "x" + c * n)
    print(o * n + "x")
    print("x" + c * n)
print("a" + "::" * n)
print("a::2 " * n)
print("a" + "|" * n)
print('"' * n)
print("([{<" * (n // 4) + "x" + ">}])" * (n // 4))
print("[a:" * n + "b" + ":1]" * n)
print("(" * (n // 2) + "a" + ").blend(1)" * (n // 2))
print("a " + "--ar 1:1 " * (n // 5))
print("-camera pan " * (n // 5))
print("[Pan left]" * (n // 5))
print("1.5::" * (n // 2) + "x" + " ::" * (n // 2))
PY
# Binary junk: 64 KB of fixed pseudo-random bytes (any of them, newlines included).
python3 -c '
import random, sys
random.seed(7)
sys.stdout.buffer.write(bytes(random.randrange(256) for _ in range(65536)) + b"\n")' >>"$work/deep.txt"
lines=$(awk 'END { print NR }' "$work/deep.txt")

check() {  # LABEL STATUS OUTPUT
  if [ "$2" != 0 ] && [ "$2" != 3 ]; then fail "$1: exit status $2"; fi
  local records
  records=$(awk 'END { print NR }' "$3")
  [ "$records" = "$lines" ] || fail "$1: $lines lines gave $records records"
  if grep -q '"internal error' "$3"; then fail "$1: internal error"; fi
}

dialects=$("$promptport" dialects -f json | jq -r .name)
count=0
for d in $dialects; do
  "$promptport" translate --from "$d" --to "$d" -f json -q <"$work/deep.txt" >"$work/out.jsonl"
  check "--from $d --to $d" $? "$work/out.jsonl"
  "$promptport" translate --to "$d" -f json -q <"$work/deep.txt" >"$work/out.jsonl"
  check "--to $d (detected source)" $? "$work/out.jsonl"
  count=$((count + 1))
done
echo "hostile-input: $lines lines $depth deep through $count dialects both ways"
if [ -n "$sanitized" ]; then
  [ "$failures" = 0 ]
  exit
fi

# Linear time, two ways.
# 1. Instructions (callgrind, when valgrind is installed; scripts/test.sh installs it): a line
#    ten times longer must cost under twenty times the instructions (issue 7's bound).
# 2. CPU time, robust to a busy machine: the same bytes as 100 lines of 2,000 fragments or
#    as 10 lines of 20,000 must cost within 4x (quadratic work would cost 10x). CPU time is
#    not held to the instruction bound: a line of 20,000 fragments holds ~40 MB of terms, and
#    cache misses alone make it up to 2x slower per byte.
unit='a (red:1.2) fox, [blue] sky, <lora:x:0.5> '
python3 -c "import sys; sys.stdout.write('$unit' * 2000 + '\n')" >"$work/line2k.txt"
python3 -c "import sys; sys.stdout.write('$unit' * 20000 + '\n')" >"$work/line20k.txt"
python3 -c "import sys; sys.stdout.write(('$unit' * 2000 + '\n') * 100)" >"$work/short.txt"
python3 -c "import sys; sys.stdout.write(('$unit' * 20000 + '\n') * 10)" >"$work/long.txt"

instructions() {
  valgrind --tool=callgrind --callgrind-out-file=/dev/null \
    "$promptport" translate --from "$1" --to "$2" -q -f prompt <"$3" 2>&1 >/dev/null |
    sed -n 's/.*Collected : *\([0-9]*\).*/\1/p'
}
# The least of three runs, so that a busy machine does not make a slow outlier.
cpu() {
  local TIMEFORMAT=%U
  for _ in 1 2 3; do
    { time "$promptport" translate --from "$1" --to "$2" -q -f prompt <"$3" >/dev/null; } 2>&1
  done | sort -n | head -1
}
for pair in "sd midjourney" "midjourney flux" "novelai sd" "seedance kling"; do
  set -- $pair
  if command -v valgrind >/dev/null; then
    small=$(instructions "$1" "$2" "$work/line2k.txt")
    big=$(instructions "$1" "$2" "$work/line20k.txt")
    ratio=$(awk -v s="$small" -v b="$big" 'BEGIN { printf "%.1f", b / s }')
    echo "hostile-input: $1 -> $2: a 10x longer line took ${ratio}x the instructions ($small, $big)"
    awk -v r="$ratio" 'BEGIN { exit !(r < 20) }' || fail "$1 -> $2: ${ratio}x the instructions"
  fi
  short=$(cpu "$1" "$2" "$work/short.txt")
  long=$(cpu "$1" "$2" "$work/long.txt")
  ratio=$(awk -v s="$short" -v l="$long" 'BEGIN { if (s < 0.05) s = 0.05; printf "%.1f", l / s }')
  echo "hostile-input: $1 -> $2: the same bytes in 10x longer lines took ${ratio}x the CPU ($short s, $long s)"
  awk -v r="$ratio" 'BEGIN { exit !(r < 4) }' || fail "$1 -> $2: ${ratio}x the CPU"
done

[ "$failures" = 0 ]
