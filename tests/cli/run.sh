#!/usr/bin/env bash
# Runs pandoc-style command tests from a Markdown file against the promptport binary.
#
# Usage: run.sh PATH/TO/promptport FILE.md
#
# Every fenced block (``` ... ```) in FILE.md is one test; text outside fences is prose.
#
#   ```
#   % promptport translate --to flux -f prompt     <- command line, run with bash
#   a red fox in deep snow                          <- standard input, one line each
#   ^D                                              <- end of standard input
#   A red fox in deep snow.                         <- expected standard output lines
#   2> <stdin>:1:1: warning: ... [code]             <- expected standard error lines
#   => 0                                            <- expected exit status (required)
#   ```
#
# - The command line may continue on following lines that end in a backslash. `promptport`
#   is a shell function that runs the binary under test, so pipelines, quoting, `printf`
#   and `jq` work as in a terminal. The status is bash's: that of a pipeline's last command.
# - Without a `^D` line, standard input is empty and every line after the command is
#   expected output.
# - Standard output is compared exactly (every expected line ends in a newline). Lines
#   starting with "2> " are standard error, compared exactly when there is at least one;
#   with none, standard error is not checked. A literal tab in the file is a tab.
# - Each test runs in a fresh empty directory, so it may write files there.
# Prints a unified diff for each failing test; exits 1 if any test failed.
set -u

if [ $# -ne 2 ]; then
  echo "usage: $0 PATH/TO/promptport FILE.md" >&2
  exit 2
fi
PROMPTPORT=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
export PROMPTPORT
file=$2
[ -x "$PROMPTPORT" ] || { echo "$0: not an executable: $1" >&2; exit 2; }
[ -r "$file" ] || { echo "$0: cannot read $file" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0
failed=0

# Runs the test collected in the globals below; prints a report when it fails.
run_test() {
  local dir="$work/t$((passed + failed))"
  mkdir -p "$dir"
  if [ -z "$status" ]; then
    echo "FAIL $file:$start_line: no '=> STATUS' line"
    failed=$((failed + 1))
    return
  fi
  printf '%s' "$stdin_text" >"$dir/stdin"
  printf '%s' "$want_out" >"$dir/want.out"
  printf '%s' "$want_err" >"$dir/want.err"
  printf 'promptport() { "$PROMPTPORT" "$@"; }\n%s\n' "$command" >"$dir/cmd.sh"
  local got
  (cd "$dir" && timeout 60 bash ./cmd.sh <stdin >got.out 2>got.err)
  got=$?
  local ok=1
  cmp -s "$dir/want.out" "$dir/got.out" || ok=0
  if [ "$has_err" = 1 ] && ! cmp -s "$dir/want.err" "$dir/got.err"; then ok=0; fi
  [ "$got" = "$status" ] || ok=0
  if [ "$ok" = 1 ]; then
    passed=$((passed + 1))
    return
  fi
  failed=$((failed + 1))
  echo "FAIL $file:$start_line: % $command"
  [ "$got" = "$status" ] || echo "  exit status: expected $status, got $got"
  if ! cmp -s "$dir/want.out" "$dir/got.out"; then
    echo "  standard output:"
    diff -u --label expected --label actual "$dir/want.out" "$dir/got.out" | sed 's/^/    /'
  fi
  if [ "$has_err" = 1 ] && ! cmp -s "$dir/want.err" "$dir/got.err"; then
    echo "  standard error:"
    diff -u --label expected --label actual "$dir/want.err" "$dir/got.err" | sed 's/^/    /'
  elif [ "$has_err" = 0 ] && [ -s "$dir/got.err" ]; then
    echo "  standard error (not checked):"
    sed 's/^/    /' "$dir/got.err"
  fi
}

# Sorts one line after ^D into expected stdout, stderr ("2> ") or the status ("=> N").
add_output_line() {
  if [[ "$1" =~ ^'=> '([0-9]+)$ ]]; then
    status=${BASH_REMATCH[1]}
  elif [[ "$1" == '2> '* ]]; then
    want_err+="${1#2> }"$'\n'
    has_err=1
  elif [ "$1" = '2>' ]; then
    want_err+=$'\n'
    has_err=1
  else
    want_out+="$1"$'\n'
  fi
}

in_block=0
lineno=0
while IFS= read -r line || [ -n "$line" ]; do
  lineno=$((lineno + 1))
  if [ "$in_block" = 0 ]; then
    if [[ "$line" == '```'* ]]; then
      in_block=1
      state=command
      command=""
      stdin_text=""
      want_out=""
      want_err=""
      has_err=0
      status=""
      start_line=$((lineno + 1))
      pending=""   # lines after the command, until we know whether a ^D follows
    fi
    continue
  fi
  if [[ "$line" == '```'* ]]; then
    in_block=0
    if [ "$state" = command ] || [ -z "$command" ]; then
      echo "FAIL $file:$start_line: a test block must start with '% COMMAND'"
      failed=$((failed + 1))
      continue
    fi
    if [ "$state" = input ]; then  # no ^D: the lines read so far were expected output
      while IFS= read -r held; do add_output_line "$held"; done < <(printf '%s' "$pending")
    fi
    run_test
    continue
  fi
  case "$state" in
    command)
      if [ -z "$command" ]; then
        if [[ "$line" != '% '* ]]; then
          state=bad
          continue
        fi
        command=${line#% }
      else
        command+=$'\n'"$line"
      fi
      [[ "$line" == *'\' ]] || state=input
      ;;
    input)
      if [ "$line" = '^D' ]; then
        stdin_text=$pending
        state=output
      else
        pending+="$line"$'\n'
      fi
      ;;
    output) add_output_line "$line" ;;
  esac
done <"$file"

if [ "$in_block" = 1 ]; then
  echo "FAIL $file: unterminated code block starting at line $start_line"
  failed=$((failed + 1))
fi
echo "$file: $passed passed, $failed failed"
[ "$failed" = 0 ] && [ "$passed" -gt 0 ]
