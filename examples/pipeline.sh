#!/usr/bin/env bash
# A shell pipeline: move a small Midjourney library to Flux, one prompt per line, and
# count what could not be carried over. Usage: pipeline.sh [path/to/promptport]
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
promptport=${1:-promptport}

# Paste-ready Flux prompts, one per line (the permutation line gives two).
"$promptport" translate --from midjourney --to flux -f prompt < "$here/library.txt" > /tmp/flux.$$.txt
lines=$(wc -l < /tmp/flux.$$.txt)
rm -f /tmp/flux.$$.txt
echo "flux prompts: $lines"
[[ $lines -eq 6 ]]

# JSON Lines for scripts: the request bodies and the diagnostic codes per record.
if command -v jq >/dev/null; then
  "$promptport" translate --from midjourney --to flux -f json < "$here/library.txt" |
    jq -r '[.line, (.request.width|tostring) + "x" + (.request.height|tostring), ([.diagnostics[].code] | join(","))] | @tsv'
fi
