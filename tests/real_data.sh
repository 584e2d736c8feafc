#!/usr/bin/env bash
# Runs every real Midjourney prompt through promptport to Flux and back; checks for crashes,
# one output record per input record (permutations aside) and no parameter lost silently.
#
# Usage: real_data.sh PATH/TO/promptport DATA_DIR
# Exits 77 (skipped) when DATA_DIR/midjourney-2022.txt is absent. Needs jq.
set -u

if [ $# -ne 2 ]; then
  echo "usage: $0 PATH/TO/promptport DATA_DIR" >&2
  exit 2
fi
promptport=$1
source_file=$2/midjourney-2022.txt
if [ ! -r "$source_file" ]; then
  echo "real-data: $source_file not found; skipped"
  exit 77
fi
command -v jq >/dev/null || { echo "real-data: jq is needed (apt-get install jq)" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
fail() {
  echo "real-data: FAIL: $*"
  failures=$((failures + 1))
}

# Runs `promptport translate` over a file; exit status 0 or 3 (records with errors) is fine,
# anything else (a crash is 128 + signal) is a failure.
run_translate() {  # FROM TO INPUT OUTPUT
  "$promptport" translate --from "$1" --to "$2" -f json <"$3" >"$4" 2>"$work/stderr"
  local status=$?
  if [ "$status" != 0 ] && [ "$status" != 3 ]; then
    fail "translate --from $1 --to $2 exited with status $status"
    head -n 5 "$work/stderr"
  fi
}

# Checks that the JSON records cover every input line, in order, at least once each;
# sets `records` to their number.
check_records() {  # LABEL INPUT_LINES OUTPUT
  local distinct last
  records=$(wc -l <"$3")
  distinct=$(jq -r .line "$3" | uniq | wc -l)
  last=$(tail -n 1 "$3" | jq -r .line)
  if [ "$records" -lt "$2" ] || [ "$distinct" != "$2" ] || [ "$last" != "$2" ]; then
    fail "$1: $2 input lines gave $records records covering $distinct lines (last line $last)"
  fi
}

# A line without its final newline still counts as a record.
input_lines=$(awk 'END { print NR }' "$source_file")

run_translate midjourney flux "$source_file" "$work/flux.jsonl"
check_records "midjourney -> flux" "$input_lines" "$work/flux.jsonl"
flux_records=$records

# Back to Midjourney: one Flux prompt a line (a line break inside one would split a record).
jq -r '.prompt | gsub("[\r\n]"; " ")' "$work/flux.jsonl" >"$work/flux.txt"
run_translate flux midjourney "$work/flux.txt" "$work/back.jsonl"
check_records "flux -> midjourney" "$flux_records" "$work/back.jsonl"
back_records=$records

# Every --param (or —param, as phones type it) of a source line must reach the Flux record:
# carried into the request, passed through in the prompt, or named by a diagnostic (its
# field, e.g. extensions.midjourney.chaos or --foo, or its message, e.g. "--chaos 20 ...").
jq -c -n --rawfile src "$source_file" '
  # Neutral names a Midjourney parameter may be reported under (a diagnostic field part).
  def neutral: {
    "ar": ["aspect_ratio"], "aspect": ["aspect_ratio"],
    "w": ["weird", "width"], "h": ["height"], "s": ["stylize"], "c": ["chaos"], "q": ["quality"],
    "v": ["version"], "r": ["repeat"], "p": ["personalize"], "no": ["negative"],
    "seed": ["seed"], "sameseed": ["seed"], "sref": ["references"], "cref": ["references"],
    "oref": ["references"], "iw": ["references"], "style": ["style", "raw"]
  };
  # Request fields that carry a parameter without a word when it fits exactly.
  def carried: {
    "ar": ["width", "aspect_ratio"], "aspect": ["width", "aspect_ratio"], "seed": ["seed"],
    "sameseed": ["seed"]
  };
  # Accounted for in record $r, whose diagnostics name $fields (split on ".") and $messages.
  def accounted($r; $fields; $messages; $keys):
    . as $name
    | ($fields | index($name) or index("--" + $name) or index("—" + $name)) or
      ($messages | test("(--|—)" + $name + "([^a-z0-9_]|$)")) or
      ($r.prompt | test("(--|—)" + $name + "([^A-Za-z0-9_]|$)"; "i")) or
      ((neutral[$name] // []) | any(. as $n | $fields | index($n))) or
      ((carried[$name] // []) | any(. as $k | $keys | index($k)));
  ($src | split("\n")) as $lines
  | inputs
  | . as $r
  | ($lines[$r.line - 1] // "") as $text
  | [$r.diagnostics[] | .field // "" | ascii_downcase | split(".")[] ] as $fields
  | ([$r.diagnostics[] | .message // ""] | join("\n") | ascii_downcase) as $messages
  | ($r.request | keys) as $keys
  | [ $text | scan("(?:^|\\s)(?:--|—)([A-Za-z][A-Za-z0-9_]*)") | .[0] | ascii_downcase ]
  | unique
  # A value glued to its name ("—w750") may be reported under the name alone.
  | map(select([., sub("[0-9]+$"; "")] | any(accounted($r; $fields; $messages; $keys)) | not))
  | select(length > 0)
  | {line: $r.line, unaccounted: ., text: $text}' <"$work/flux.jsonl" >"$work/unaccounted.jsonl" ||
  fail "the parameter check (jq) did not run"
unaccounted=$(wc -l <"$work/unaccounted.jsonl")
if [ "$unaccounted" != 0 ]; then
  fail "$unaccounted records lost a parameter without a diagnostic, e.g.:"
  head -n 5 "$work/unaccounted.jsonl"
fi

# translate_safely() turns a library exception into an "internal error" record: a bug.
internal=$(cat "$work/flux.jsonl" "$work/back.jsonl" | grep -c '"internal error')
[ "$internal" = 0 ] || fail "$internal records hit an internal error (an exception in the library)"

counts=$(jq -r '.diagnostics[].severity' "$work/flux.jsonl" | sort | uniq -c |
         awk '{ printf "%s%s %s", sep, $1, $2; sep = ", " }')
diagnostics=$(jq '.diagnostics | length' "$work/flux.jsonl" | awk '{ n += $1 } END { print n + 0 }')
lossless=$(grep -c '"lossless":true' "$work/flux.jsonl")
echo "real-data: $input_lines lines, $flux_records flux records ($lossless lossless)," \
     "$diagnostics diagnostics (${counts:-none}), $back_records back to midjourney," \
     "$unaccounted with unaccounted parameters"
[ "$failures" = 0 ]
