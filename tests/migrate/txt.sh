#!/usr/bin/env bash
# migrate on .txt libraries: line alignment, comments and blank lines kept, CRLF kept, a
# last line without newline, permutations, several targets, the JSON Lines sidecar.
source "$(dirname "$0")/lib.sh"

lib=$work/lib
mkdir -p "$lib"
printf 'a red fox in deep snow --ar 3:2 --no text\n\n# comment\na {red, blue} bird\r\n  # indented comment\nlast line no newline --chaos 20' >"$lib/prompts.txt"

expect_status 0 "$promptport" migrate --from midjourney --to flux --to kling -o "$work/out" -q "$lib"
for t in flux kling; do
  [ -f "$work/out/prompts.$t.txt" ] || fail "no prompts.$t.txt"
  [ -f "$work/out/prompts.$t.jsonl" ] || fail "no prompts.$t.jsonl"
  # Written by hand: each prompt line replaced by its translation, everything else as it was,
  # permutation combinations on their own lines with the source's CRLF.
  want="$(translated midjourney $t 'a red fox in deep snow --ar 3:2 --no text')"$'\n'
  want+=$'\n'"# comment"$'\n'
  want+="$(translated midjourney $t 'a red bird')"$'\r\n'
  want+="$(translated midjourney $t 'a blue bird')"$'\r\n'
  want+="  # indented comment"$'\n'
  want+="$(translated midjourney $t 'last line no newline --chaos 20')"
  printf '%s' "$want" >"$work/want.$t.txt"
  same_file "$work/out/prompts.$t.txt" "$work/want.$t.txt" "$t text output"
  # The sidecar: one row per prompt line, with the source, line number and request.
  rows=$(wc -l <"$work/out/prompts.$t.jsonl")
  same_text "$rows" 3 "$t sidecar rows"
  same_text "$(jq -r '.line' "$work/out/prompts.$t.jsonl" | tr '\n' ' ')" "1 4 6 " "$t sidecar lines"
  same_text "$(jq -r 'select(.line == 4) | .request | type' "$work/out/prompts.$t.jsonl")" \
    "array" "$t: an expanded permutation has one request per combination"
done
same_text "$(jq -r 'select(.line == 1) | .negative_prompt' "$work/out/prompts.kling.jsonl")" \
  "text" "kling sidecar carries the negative prompt"
same_text "$(jq -r 'select(.line == 1) | .request.aspect_ratio' "$work/out/prompts.kling.jsonl")" \
  "16:9" "kling request carries the (snapped) aspect ratio"
same_text "$(jq -r 'select(.line == 6) | .diagnostics[] | select(.code == "dropped-parameter") | .code' \
  "$work/out/prompts.flux.jsonl")" "dropped-parameter" "--chaos dropped for flux is reported"
# The input is never touched.
printf 'a red fox in deep snow --ar 3:2 --no text\n\n# comment\na {red, blue} bird\r\n  # indented comment\nlast line no newline --chaos 20' >"$work/orig.txt"
same_file "$lib/prompts.txt" "$work/orig.txt" "input unchanged"

# The summary counts records (not lines) and checks them.
expect_status 0 "$promptport" migrate --from midjourney --to flux -o "$work/out2" "$lib"
grep -q "1 input, 3 records" "$work/stderr" || fail "summary: $(head -1 "$work/stderr")"
grep -q "records in = records out: 2 output files read back and checked" "$work/stderr" ||
  fail "summary does not report the record check: $(cat "$work/stderr")"

# Empty file and a file of comments only: outputs exist, with the same bytes.
printf '' >"$lib/empty.txt"
printf '# only a comment\n\n' >"$lib/comments.txt"
expect_status 0 "$promptport" migrate --from midjourney --to flux -o "$work/out3" -q "$lib"
same_file "$work/out3/empty.flux.txt" "$lib/empty.txt" "empty file"
same_file "$work/out3/comments.flux.txt" "$lib/comments.txt" "comments-only file"
[ -s "$work/out3/comments.flux.jsonl" ] && fail "comments-only sidecar should be empty"

# Invalid UTF-8 in one line: that record fails (exit 3), the others are translated.
printf 'a cat\n\xff\xfe broken\na dog\n' >"$work/bad.txt"
expect_status 3 "$promptport" migrate --from midjourney --to flux -o "$work/out4" "$work/bad.txt"
same_text "$(sed -n 1p "$work/out4/bad.flux.txt")" "$(translated midjourney flux 'a cat')" "line 1"
same_text "$(sed -n 3p "$work/out4/bad.flux.txt")" "$(translated midjourney flux 'a dog')" "line 3"
grep -q "failed: .*bad.txt:2" "$work/stderr" || fail "summary names the failed line: $(cat "$work/stderr")"

finish
