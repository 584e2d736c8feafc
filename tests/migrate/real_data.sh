#!/usr/bin/env bash
# migrate over the whole of ../shared/data to Flux and Kling at once (the issue's "done"
# command): it completes, prints the summary, and every output file has exactly the records
# of its input with every original field intact (checked by Python's csv/json readers).
# Skipped (77) when the data folder is absent.
source "$(dirname "$0")/lib.sh"
if [ -z "$data_dir" ] || [ ! -d "$data_dir" ]; then
  echo "migrate/$name: $data_dir not found; skipped"
  exit 77
fi

out=$work/out
"$promptport" migrate --to flux --to kling --jobs 2 --report "$work/report.jsonl" -o "$out" "$data_dir" 2>"$work/stderr"
status=$?
cat "$work/stderr"
case $status in
  0 | 3) ;;
  *) fail "exit $status" ;;
esac
grep -q "records in = records out" "$work/stderr" || fail "no record check in the summary"
grep -q "MISMATCH" "$work/stderr" && fail "record count mismatch"

inputs=0
while IFS= read -r -d '' f; do
  rel=${f#"$data_dir/"}
  inputs=$((inputs + 1))
  case $f in
    *.txt)
      # Each prompt line has one sidecar row; the .txt output has every line of the input.
      prompts=$(grep -cv -E '^[[:space:]]*(#|$)' "$f")
      for t in flux kling; do
        rows=$(wc -l <"$out/${rel%.txt}.$t.jsonl")
        [ "$rows" = "$prompts" ] || fail "$rel: $prompts prompts, $rows rows in the $t sidecar"
        [ -f "$out/${rel%.txt}.$t.txt" ] || fail "$rel: no $t text output"
      done
      ;;
    *.csv) python3 "$here/check_fields.py" csv "$f" "$out/$rel" flux,kling || fail "$rel fields" ;;
    *.tsv) python3 "$here/check_fields.py" tsv "$f" "$out/$rel" flux,kling || fail "$rel fields" ;;
    *.jsonl) python3 "$here/check_fields.py" jsonl "$f" "$out/$rel" flux,kling || fail "$rel fields" ;;
    *) inputs=$((inputs - 1)) ;;
  esac
done < <(find "$data_dir" -type f ! -name '.*' -print0)
echo "migrate/$name: $inputs input files checked"
[ "$inputs" -ge 15 ] || fail "only $inputs input files found"
finish
