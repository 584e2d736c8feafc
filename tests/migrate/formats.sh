#!/usr/bin/env bash
# migrate for each structured format, end to end: an A1111 styles.csv with quoted newlines
# and a short row, a TSV, JSON Lines with a nested field and a broken line, JSON holding an
# array, YAML, and PNGs written by the test (parameters in tEXt, zTXt, iTXt, after IDAT, a
# ComfyUI graph, none). Original fields are checked by Python's csv/json readers.
source "$(dirname "$0")/lib.sh"
check() { python3 "$here/check_fields.py" "$@" || fail "fields not kept: $*"; }
# cell FILE ROW COLUMN: one CSV cell, read by Python's csv module.
cell() {
  python3 -c 'import csv,sys; r=list(csv.reader(open(sys.argv[1], newline=""), delimiter=sys.argv[4])); print(r[int(sys.argv[2])][[h for h in r[0]].index(sys.argv[3])])' "$1" "$2" "$3" "${4:-,}"
}

# --- CSV: A1111 styles.csv as is, a quoted newline, a row too short for the prompt column.
lib=$work/lib
mkdir -p "$lib"
printf 'name,prompt,negative_prompt\r\n"Cinematic","cinematic still, (film grain:1.2), dramatic lighting","lowres, (worst quality:1.4)"\r\nCastle,"a castle\non a hill, ""old"" stone",\r\nBroken\r\nAnime,anime key visual,blurry\r\n' >"$lib/styles.csv"
expect_status 3 "$promptport" migrate --from sd --to comfyui -o "$work/out" "$lib/styles.csv"
grep -q "failed: .*styles.csv:5: .*row has 1 field" "$work/stderr" || fail "short row reported: $(cat "$work/stderr")"
check csv "$lib/styles.csv" "$work/out/styles.csv" comfyui
same_text "$(sed -n 1p "$work/out/styles.csv")" \
  $'name,prompt,negative_prompt,comfyui_prompt,comfyui_negative_prompt,comfyui_request,comfyui_diagnostics\r' "header"
same_text "$(sed -n 5p "$work/out/styles.csv")" $'Broken\r' "the short row is copied unchanged"
same_text "$(cell "$work/out/styles.csv" 1 comfyui_prompt)" "cinematic still, (film grain:1.2), dramatic lighting" "comfyui prompt"
same_text "$(cell "$work/out/styles.csv" 1 comfyui_negative_prompt)" "lowres, (worst quality:1.4)" "comfyui negative"
same_text "$(cell "$work/out/styles.csv" 2 comfyui_prompt)" "$(translated sd comfyui "$(printf 'a castle\non a hill, "old" stone')")" "quoted newline cell (one prompt, as translate reads one argument)"
cell "$work/out/styles.csv" 1 comfyui_request | jq -e '.prompt | type == "object"' >/dev/null ||
  fail "comfyui_request is not a ComfyUI API graph"

# --replace: the prompt and negative columns hold the translation.

printf 'id\tText\tnote\n1\ta (red:1.3) fox\tkeep me\n2\t"quoted"\tx\n' >"$work/parti.tsv"
expect_status 0 "$promptport" migrate --from sd --to novelai --replace -o "$work/replace" "$work/parti.tsv"
same_text "$(sed -n 1p "$work/replace/parti.tsv")" $'id\tText\tnote\tnovelai_request\tnovelai_diagnostics' "tsv --replace header"
same_text "$(cell "$work/replace/parti.tsv" 1 Text $'\t')" "$(translated sd novelai 'a (red:1.3) fox')" "tsv --replace cell"
same_text "$(cell "$work/replace/parti.tsv" 1 note $'\t')" "keep me" "other tsv cell kept"

# --- JSON Lines: nested --field, a broken line in the middle, a line without the field.
printf '{"id":1,"data":{"text":"a red fox --ar 3:2","negative":"blur"}}\n{"id":2, "data": {"text": "a castle --no fog"}}\n{broken json\n\n{"id":4,"data":{}}\n{"id":5,"data":{"text":"a ship"}}' >"$lib/lib.jsonl"
expect_status 3 "$promptport" migrate --from midjourney --to flux --field data.text -o "$work/jl" "$lib/lib.jsonl"
check jsonl "$lib/lib.jsonl" "$work/jl/lib.jsonl" flux
same_text "$(sed -n 3p "$work/jl/lib.jsonl")" "{broken json" "broken line copied"
same_text "$(sed -n 5p "$work/jl/lib.jsonl")" '{"id":4,"data":{}}' "line without the field copied"
same_text "$(sed -n 1p "$work/jl/lib.jsonl" | jq -r .flux_prompt)" "$(translated midjourney flux 'a red fox --ar 3:2')" "jsonl prompt"
same_text "$(sed -n 1p "$work/jl/lib.jsonl" | jq -r '"\(.flux_request.width)x\(.flux_request.height)"')" "1248x832" "jsonl request: 3:2 as Flux pixel sizes"
same_text "$(tail -c 1 "$work/jl/lib.jsonl" | od -An -c | tr -d ' ')" "}" "no newline added at the end"
grep -q "2 failed" "$work/stderr" || fail "jsonl summary: $(head -1 "$work/stderr")"

# --- JSON: an object holding an array of records.
printf '{\n  "version": 3,\n  "prompts": [\n    {"name": "fox", "prompt": "a red fox --ar 16:9", "rating": 4.5},\n    {"name": "sea", "prompt": "a stormy sea::2 ship::1"}\n  ]\n}\n' >"$lib/lib.json"
expect_status 0 "$promptport" migrate --from midjourney --to kling -o "$work/js" "$lib/lib.json"
check json "$lib/lib.json" "$work/js/lib.json" kling
same_text "$(jq -r '.prompts[0].kling_request.aspect_ratio' "$work/js/lib.json")" "16:9" "json request"
same_text "$(jq -r '.prompts[1].kling_prompt' "$work/js/lib.json")" "$(translated midjourney kling 'a stormy sea::2 ship::1')" "json prompt"
same_text "$(jq -r '.version, .prompts[0].rating' "$work/js/lib.json" | tr '\n' ' ')" "3 4.5 " "other values kept"

# --- YAML: a mapping of name -> prompt.
printf 'fox: a red fox in snow --ar 3:2\ncastle: "a castle at dawn"\n' >"$lib/lib.yaml"
expect_status 0 "$promptport" migrate --from midjourney --to flux -o "$work/ym" "$lib/lib.yaml"
grep -q "^  prompt: a red fox in snow --ar 3:2" "$work/ym/lib.yaml" || fail "yaml original prompt kept: $(cat "$work/ym/lib.yaml")"
grep -q "flux_prompt: $(translated midjourney flux 'a castle at dawn')" "$work/ym/lib.yaml" || fail "yaml flux_prompt"

# --- PNG: metadata written by the test; images never modified.
if [ -z "$make_png" ]; then
  fail "make_png was not built"
else
  pics=$work/pics
  mkdir -p "$pics/day"
  params=$'a lighthouse at dusk, (oil painting:1.2)\nNegative prompt: blurry\nSteps: 30, Sampler: Euler a, CFG scale: 6, Seed: 42, Size: 832x1216'
  "$make_png" "$pics/a-text.png" -t "parameters=$params"
  "$make_png" "$pics/b-ztxt.png" -z "parameters=$params"
  "$make_png" "$pics/c-itxt.png" -i "parameters=ein Leuchtturm bei Dämmerung"
  "$make_png" "$pics/d-after.png" --after -t "parameters=$params"
  "$make_png" "$pics/e-none.png" -t "Software=something"
  graph='{"3":{"class_type":"KSampler","inputs":{"seed":7,"steps":20,"cfg":8,"sampler_name":"euler","scheduler":"normal","positive":["6",0],"negative":["7",0],"latent_image":["5",0],"model":["4",0]}},"4":{"class_type":"CheckpointLoaderSimple","inputs":{"ckpt_name":"x.safetensors"}},"5":{"class_type":"EmptyLatentImage","inputs":{"width":1024,"height":576,"batch_size":1}},"6":{"class_type":"CLIPTextEncode","inputs":{"text":"a fox in a misty forest","clip":["4",1]}},"7":{"class_type":"CLIPTextEncode","inputs":{"text":"text, watermark","clip":["4",1]}}}'
  "$make_png" "$pics/day/comfy.png" -t "prompt=$graph"
  printf 'not a png at all' >"$pics/f-corrupt.png"
  (cd "$pics" && find . -type f -exec md5sum {} + | sort) >"$work/before.md5"
  expect_status 3 "$promptport" migrate --to veo -o "$work/pm" "$pics"
  (cd "$pics" && find . -type f -exec md5sum {} + | sort) >"$work/after.md5"
  same_file "$work/after.md5" "$work/before.md5" "images unchanged"
  m=$work/pm/png-manifest.jsonl
  same_text "$(jq -r .file "$m" | tr '\n' ' ')" "a-text.png b-ztxt.png c-itxt.png d-after.png e-none.png f-corrupt.png " "one row per image, in order"
  same_text "$(jq -r 'select(.file == "a-text.png") | .veo_request.aspectRatio // .veo_request.parameters.aspectRatio' "$m")" "9:16" "A1111 size carried to veo"
  for f in b-ztxt.png d-after.png; do
    same_text "$(jq -r "select(.file == \"$f\") | .source" "$m")" "$params" "$f: parameters read"
  done
  same_text "$(jq -r 'select(.file == "c-itxt.png") | .source' "$m")" "ein Leuchtturm bei Dämmerung" "iTXt UTF-8"
  same_text "$(jq -r 'select(.file == "e-none.png") | has("error")' "$m")" "true" "no metadata is an error row"
  same_text "$(jq -r 'select(.file == "f-corrupt.png") | has("error")' "$m")" "true" "corrupt PNG is an error row"
  dm=$work/pm/day/png-manifest.jsonl
  same_text "$(jq -r .chunk "$dm")" "prompt" "ComfyUI graph read"
  jq -r .source "$dm" | grep -q "^a fox in a misty forest$" || fail "ComfyUI positive: $(jq -r .source "$dm")"
  jq -r .source "$dm" | grep -q "^Negative prompt: text, watermark$" || fail "ComfyUI negative"
  same_text "$(jq -r ".veo_request.negativePrompt // .veo_request.parameters.negativePrompt" "$dm")" "text, watermark" "negative to veo"
fi

finish
