#!/usr/bin/env bash
# The migrate engine: --jobs 1 and --jobs 4 give byte-identical trees; a run killed with
# SIGKILL leaves no partial output file and a --resume rerun completes the job identically;
# --dry-run writes nothing; -o inside the input tree is refused; a folder tree is mirrored
# with --include/--exclude; an unreadable file gives exit 4 and the others are still done.
source "$(dirname "$0")/lib.sh"

# A synthetic library: 24 files of 2,500 prompts each in three formats.
lib=$work/lib
mkdir -p "$lib/a/b" "$lib/c"
awk -v lib="$lib" 'BEGIN {
  split("fox,castle,robot,forest,ship,dragon,city,garden", s, ",");
  split("watercolor,oil painting,photo,ink sketch,3d render", st, ",");
  for (f = 0; f < 24; f++) {
    dir = (f % 3 == 0) ? "a" : (f % 3 == 1) ? "a/b" : "c";
    file = sprintf("%s/%s/lib%02d", lib, dir, f);
    for (i = 0; i < 2500; i++) {
      p = sprintf("a %s number %d at dusk, %s::%d --ar %d:%d --no text, blur --stylize %d",
                  s[(i + f) % 8 + 1], i, st[i % 5 + 1], i % 3 + 1, 16 - i % 3, 9, i % 1000);
      if (f % 4 == 3) print "{\"id\": " i ", \"prompt\": \"" p "\"}" > (file ".jsonl");
      else print p > (file ".txt");
    }
  }
}'
printf 'not a prompt library\n' >"$lib/c/notes.md"

run() { "$promptport" migrate --from midjourney --to flux --to sd -q "$@"; }

# Determinism: the same bytes whatever the number of threads.
expect_status 0 run --jobs 1 -o "$work/j1" "$lib"
expect_status 0 run --jobs 4 -o "$work/j4" "$lib"
diff -r "$work/j1" "$work/j4" >/dev/null || fail "--jobs 1 and --jobs 4 outputs differ"
same_text "$(find "$work/j1" -type f -name '*.txt' | wc -l)" 36 "18 txt inputs x 2 targets"
same_text "$(find "$work/j1" -type f -name 'lib03.jsonl' | wc -l)" 1 "jsonl mirrored as jsonl"
[ -f "$work/j1/a/b/lib01.flux.txt" ] || fail "the folder tree is not mirrored"
[ -e "$work/j1/c/notes.md" ] && fail "a file of no known format was copied"

# Kill -9 mid-run: every output file present is complete; the rerun finishes the job.
# Started directly (not through the run function) so that $! is promptport itself.
"$promptport" migrate --from midjourney --to flux --to sd -q --jobs 2 -o "$work/killed" "$lib" &
pid=$!
# Killed once the state file records a finished input, so that the rerun has something to
# skip however loaded the machine is. (Waiting for the first output file was not enough: an
# input is recorded only after all its outputs are renamed into place and read back, and a
# kill in between left nothing to skip; that failed now and then under load.)
state=$work/killed/.promptport-migrate.jsonl
for _ in $(seq 1500); do
  [ -s "$state" ] && break
  sleep 0.02
done
kill -9 "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
recorded=0
[ -s "$state" ] && recorded=$(grep -c . "$state")
complete=0
while IFS= read -r -d '' f; do
  rel=${f#"$work/killed/"}
  case $(basename "$rel") in
    .promptport-migrate.jsonl) continue ;;
    .*promptport-tmp-*) continue ;;
  esac
  if cmp -s "$f" "$work/j1/$rel"; then complete=$((complete + 1)); else fail "partial output after kill: $rel"; fi
done < <(find "$work/killed" -type f -print0 2>/dev/null)
echo "migrate/$name: $complete complete output files before the kill"
expect_status 0 "$promptport" migrate --from midjourney --to flux --to sd --resume -o "$work/killed" "$lib"
if [ "$recorded" -gt 0 ]; then
  grep -q "already done, skipped by --resume" "$work/stderr" || fail "--resume skipped nothing: $(head -2 "$work/stderr")"
else
  echo "migrate/$name: the run finished no input before the kill (a very slow machine?)"
fi
diff -r -x .promptport-migrate.jsonl "$work/j1" "$work/killed" >/dev/null || fail "rerun after kill differs from an uninterrupted run"
[ -z "$(find "$work/killed" -name '.*promptport-tmp-*')" ] || fail "temporary files left after the rerun"

# --resume after an input changed: that input is done again, the others skipped.
printf 'a changed prompt --ar 1:1\n' >>"$lib/c/lib02.txt"
expect_status 0 "$promptport" migrate --from midjourney --to flux --to sd --resume -o "$work/j1" "$lib"
grep -q "(23 already done" "$work/stderr" || fail "resume after one change: $(head -1 "$work/stderr")"
same_text "$(tail -c 200 "$work/j1/c/lib02.flux.txt" | tail -1)" "$(translated midjourney flux 'a changed prompt --ar 1:1')" "changed input redone"

# A progress line on a terminal (a pseudo-terminal from script(1)), none otherwise.
grep -q "records .*/s" "$work/stderr" && fail "progress written to a non-terminal stderr"
if command -v script >/dev/null; then
  script -qc "'$promptport' migrate --from midjourney --to flux -o '$work/tty' '$lib/a'" /dev/null >"$work/tty.log"
  grep -q "migrate: files [0-9]*/16 · records [0-9,]* · [0-9,]*/s · [0-9]*% · ETA" "$work/tty.log" ||
    fail "no progress line on a terminal: $(head -c 300 "$work/tty.log")"
fi

# --dry-run writes nothing but counts everything.
expect_status 0 "$promptport" migrate --from midjourney --to flux --dry-run "$lib"
[ -e "$work/dry" ] && fail "dry run wrote"
grep -q "60,001 records" "$work/stderr" || fail "dry run summary: $(head -1 "$work/stderr")"
grep -q "dry run: nothing written" "$work/stderr" || fail "dry run not said"

# -o inside the input tree is refused (a rerun would read its own output).
expect_status 2 run -o "$lib/out" "$lib"
grep -q "inside the input folder" "$work/stderr" || fail "refusal message: $(cat "$work/stderr")"
[ -e "$lib/out" ] && fail "refused run created its output folder"

# --include / --exclude.
expect_status 0 run --include '*.jsonl' --exclude 'a/b' -o "$work/inc" "$lib"
same_text "$(cd "$work/inc" && find . -type f ! -name '.*' | sort | tr '\n' ' ')" \
  "./a/lib03.jsonl ./a/lib15.jsonl ./c/lib11.jsonl ./c/lib23.jsonl " "--include '*.jsonl' --exclude a/b"

# An unreadable file: exit 4, the other files still done.
mkdir -p "$work/unreadable"
printf 'a cat\n' >"$work/unreadable/ok.txt"
printf 'a dog\n' >"$work/unreadable/secret.txt"
chmod 000 "$work/unreadable/secret.txt"
chmod 777 "$work/unreadable" "$work"
as_user=()
if [ "$(id -u)" = 0 ]; then as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups); fi
expect_status 4 "${as_user[@]}" "$promptport" migrate --from midjourney --to flux -o "$work/unreadable-out" "$work/unreadable"
grep -q "cannot open .*secret.txt: Permission denied" "$work/stderr" || fail "unreadable message: $(cat "$work/stderr")"
[ -f "$work/unreadable-out/ok.flux.txt" ] || fail "the readable file was not migrated"
# A path that does not exist: exit 4 too.
expect_status 4 run -o "$work/missing-out" "$work/no-such-file.txt"

# Usage errors.
expect_status 2 run "$lib"  # no -o
expect_status 2 run --replace -o "$work/x" "$lib"  # --replace with two targets
expect_status 2 "$promptport" migrate --to fluxx -o "$work/x" "$lib"
expect_status 2 "$promptport" migrate --to flux --input-format xml -o "$work/x" "$lib"

finish
