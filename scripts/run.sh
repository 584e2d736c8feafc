#!/usr/bin/env bash
# Builds promptport and runs it with the given arguments; with none, translates an example.
#   bash scripts/run.sh translate --to flux "a red fox in deep snow, watercolor::2 --ar 3:2"
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bash "$root/scripts/build.sh" >&2
if [[ $# -eq 0 ]]; then
  set -- translate --from midjourney --to flux \
    "a red fox in deep snow, watercolor::2 --ar 3:2 --no text --chaos 20"
fi
exec "${PROMPTPORT_BUILD_DIR:-$root/build}/cli/promptport" "$@"
