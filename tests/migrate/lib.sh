# Shared helpers of the migrate shell tests (sourced). Each test script gets
#   $1 = promptport binary, $2 = make_png binary, $3 = ../shared/data (may be absent).
set -u
promptport=$1
make_png=${2:-}
data_dir=${3:-}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
work=$(mktemp -d)
chmod 755 "$work"
trap 'rm -rf "$work"' EXIT
failures=0
name=$(basename "$0" .sh)

fail() {
  echo "migrate/$name: FAIL: $*"
  failures=$((failures + 1))
}

# expect_status WANT COMMAND...: runs COMMAND (stderr kept in $work/stderr).
expect_status() {
  local want=$1
  shift
  "$@" 2>"$work/stderr"
  local got=$?
  if [ "$got" != "$want" ]; then
    fail "exit $got (wanted $want): $*"
    sed 's/^/    /' "$work/stderr" | head -20
  fi
}

# same_file A B WHAT
same_file() {
  if ! cmp -s "$1" "$2"; then
    fail "$3: $1 differs from $2"
    diff <(head -c 2000 "$1") <(head -c 2000 "$2") | head -10 | sed 's/^/    /'
  fi
}

# same_text GOT WANT WHAT
same_text() {
  if [ "$1" != "$2" ]; then
    fail "$3"
    echo "    got:  $(printf '%q' "$1")"
    echo "    want: $(printf '%q' "$2")"
  fi
}

# translated FROM TO PROMPT: what `translate -f prompt` gives for one record.
translated() {
  "$promptport" translate --from "$1" --to "$2" -f prompt -q -- "$3"
}

finish() {
  if [ "$failures" -gt 0 ]; then
    echo "migrate/$name: $failures failure(s)"
    exit 1
  fi
  echo "migrate/$name: ok"
  exit 0
}
