// Unit tests of the Flux dialect: the prose template, sizes, request, diagnostics, reading.
#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <string>

#include "flux/flux_phrases.h"
#include "flux/flux_prose.h"
#include "flux/flux_size.h"
#include "promptport/promptport.h"
#include "promptport/vocab.h"
#include "test_data.h"

namespace {

using namespace promptport;

const Dialect& flux() { return *builtin_registry().find("flux"); }

Term term(std::string text, double weight = 1.0) { return Term{std::move(text), weight, {}}; }

StyleTerm style(std::string text, StyleKind kind, double weight = 1.0) {
  StyleTerm t;
  t.text = std::move(text);
  t.kind = kind;
  t.weight = weight;
  return t;
}

Emitted emit(const Prompt& ir, Diagnostics& diags, Options options = {}) {
  return flux().emit(ir, options, diags);
}

std::string prose(const Prompt& ir) {
  Diagnostics diags;
  return emit(ir, diags).prompt;
}

Prompt parse(std::string_view text, Diagnostics* diags = nullptr, Options options = {}) {
  Diagnostics local;
  return flux().parse(text, options, diags ? *diags : local);
}

std::size_t count(const Diagnostics& diags, Code code, std::string_view field) {
  return static_cast<std::size_t>(std::count_if(diags.begin(), diags.end(), [&](const auto& d) {
    return d.code == code && d.field == field;
  }));
}

bool has(const Diagnostics& diags, Code code, std::string_view field) {
  return count(diags, code, field) > 0;
}

Prompt with_ratio(std::string ratio) {
  Prompt ir;
  ir.subject.push_back(term("a lighthouse"));
  ir.params.aspect_ratio = std::move(ratio);
  return ir;
}

// parse(emit(parse(x))) has the content of parse(x), for prose a Flux user could write;
// the writer drops quality boosters and camera moves on purpose, so they are left out.
bool round_trips(std::string_view text, const Options& options = {}) {
  Prompt first = parse(text, nullptr, options);
  Diagnostics diags;
  const Prompt again = parse(emit(first, diags, options).text, nullptr, options);
  std::erase_if(first.style, [](const StyleTerm& t) { return vocab::is_quality_booster(t.text); });
  first.camera.moves.clear();
  return same_content(first, again);
}

void check_round_trip(std::string_view text, const Options& options = {}) {
  CAPTURE(text);
  CHECK(round_trips(text, options));
}

// --- the template, sentence by sentence ----------------------------------------------------

TEST_CASE("flux: the subject is one sentence, capitalised, ending with a period") {
  Prompt ir;
  ir.subject = {term("a red fox sitting in deep snow"), term("pine trees")};
  CHECK(prose(ir) == "A red fox sitting in deep snow, pine trees.");
}

TEST_CASE("flux: a subject term that ends a sentence gets no second period") {
  Prompt ir;
  ir.subject = {term("release."), term("a cat waiting")};
  CHECK(prose(ir) == "Release. A cat waiting.");
  ir.subject = {term("what a view!")};
  CHECK(prose(ir) == "What a view!");
}

TEST_CASE("flux: media are rendered in or as, with articles for countable works") {
  Prompt ir;
  ir.style = {style("watercolor", StyleKind::Medium)};
  CHECK(prose(ir) == "Rendered in watercolor.");
  ir.style = {style("oil painting", StyleKind::Medium)};
  CHECK(prose(ir) == "Rendered as an oil painting.");
  ir.style = {style("concept art", StyleKind::Medium)};
  CHECK(prose(ir) == "Rendered as concept art.");
}

TEST_CASE("flux: film stocks and cameras are shot on") {
  Prompt ir;
  ir.style = {style("kodak portra 400", StyleKind::Medium)};
  CHECK(prose(ir) == "Shot on kodak portra 400.");
}

TEST_CASE("flux: artists lose their 'by' and are joined with and") {
  Prompt ir;
  ir.style = {style("by Greg Rutkowski", StyleKind::Artist)};
  CHECK(prose(ir) == "In the style of Greg Rutkowski.");
  ir.style.push_back(style("art by Alphonse Mucha", StyleKind::Artist));
  CHECK(prose(ir) == "In the style of Greg Rutkowski and Alphonse Mucha.");
  ir.style.push_back(style("style by Craig Mullins", StyleKind::Artist));
  CHECK(prose(ir) == "In the style of Greg Rutkowski, Alphonse Mucha and Craig Mullins.");
}

TEST_CASE("flux: movements and aesthetics read 'with a ... aesthetic'") {
  Prompt ir;
  ir.style = {style("cyberpunk", StyleKind::Movement)};
  CHECK(prose(ir) == "With a cyberpunk aesthetic.");
  ir.style = {style("art nouveau", StyleKind::Movement)};
  CHECK(prose(ir) == "With an art nouveau aesthetic.");
  ir.style = {style("anime style", StyleKind::Aesthetic)};
  CHECK(prose(ir) == "With an anime style.");
  ir.style = {style("vaporwave aesthetic", StyleKind::Aesthetic)};
  CHECK(prose(ir) == "With a vaporwave aesthetic.");
}

TEST_CASE("flux: the style clauses share one sentence in template order") {
  Prompt ir;
  ir.style = {style("cyberpunk", StyleKind::Movement),
              style("by Greg Rutkowski", StyleKind::Artist),
              style("watercolor", StyleKind::Medium)};
  CHECK(prose(ir) ==
        "Rendered in watercolor, in the style of Greg Rutkowski, with a cyberpunk aesthetic.");
}

TEST_CASE("flux: lighting, colour and mood get the head word they lack") {
  Prompt ir;
  ir.style = {style("golden hour", StyleKind::Lighting), style("pastel", StyleKind::Color),
              style("eerie", StyleKind::Mood)};
  CHECK(prose(ir) == "With golden hour lighting, pastel colors and eerie mood.");
  ir.style = {style("soft light", StyleKind::Lighting), style("muted colors", StyleKind::Color),
              style("moody atmosphere", StyleKind::Mood), style("sharp focus", StyleKind::Quality)};
  CHECK(prose(ir) == "With soft light, muted colors, moody atmosphere and sharp focus.");
}

TEST_CASE("flux: light items with the same head word share it") {
  Prompt ir;
  ir.style = {style("epic", StyleKind::Mood), style("mystical", StyleKind::Mood)};
  CHECK(prose(ir) == "With epic and mystical mood.");
  ir.style = {style("creepy", StyleKind::Mood), style("ominous", StyleKind::Mood),
              style("haunting", StyleKind::Mood), style("dramatic lighting", StyleKind::Lighting)};
  CHECK(prose(ir) == "With creepy, ominous and haunting mood and dramatic lighting.");
  ir.style = {style("volumetric", StyleKind::Lighting), style("cinematic", StyleKind::Lighting),
              style("pastel", StyleKind::Color), style("eerie", StyleKind::Mood)};
  CHECK(prose(ir) == "With volumetric and cinematic lighting, pastel colors and eerie mood.");
  // Only neighbours share: the order is the weight order.
  ir.style = {style("warm", StyleKind::Lighting), style("eerie", StyleKind::Mood),
              style("soft", StyleKind::Lighting)};
  CHECK(prose(ir) == "With warm lighting, eerie mood and soft lighting.");
  // Prose that only looks like a list: moss is no light word, "motes of" no one word.
  for (const StyleTerm& t : parse("A forest, with moss, lichen, and motes of light.").style)
    CHECK(t.text.find("moss") == std::string::npos);
  const Prompt back = parse("A tower. With epic and mystical mood.");
  REQUIRE(back.style.size() == 2);
  CHECK(back.style[0].text == "epic mood");
  CHECK(back.style[1].text == "mystical mood");
  CHECK(back.style[1].kind == StyleKind::Mood);
}

TEST_CASE("flux: an aesthetic alone takes the light items into its sentence") {
  Prompt ir;
  ir.style = {style("hyper realistic", StyleKind::Aesthetic),
              style("soft illumination", StyleKind::Lighting)};
  CHECK(prose(ir) == "With a hyper realistic aesthetic and soft illumination.");
  ir.style = {style("cyberpunk", StyleKind::Movement), style("golden hour", StyleKind::Lighting),
              style("eerie", StyleKind::Mood)};
  CHECK(prose(ir) == "With a cyberpunk aesthetic, golden hour lighting and eerie mood.");
  ir.style = {style("cyberpunk", StyleKind::Movement), style("epic", StyleKind::Mood),
              style("mystical", StyleKind::Mood)};
  CHECK(prose(ir) == "With a cyberpunk aesthetic, epic and mystical mood.");
  // Another clause in the style sentence keeps the light sentence apart.
  ir.style = {style("watercolor", StyleKind::Medium), style("cyberpunk", StyleKind::Movement),
              style("eerie", StyleKind::Mood)};
  CHECK(prose(ir) == "Rendered in watercolor, with a cyberpunk aesthetic. With eerie mood.");
  const Prompt back = parse("A fox. With a cyberpunk aesthetic and soft illumination.");
  REQUIRE(back.style.size() == 2);
  CHECK(back.style[0].text == "cyberpunk");
  CHECK(back.style[1].text == "soft illumination");
  CHECK(back.style[1].kind == StyleKind::Lighting);
}

TEST_CASE("flux: 'in the style of' and 'painted by' are stripped before the clause") {
  Prompt ir;
  ir.style = {style("in the style of a medieval fresco", StyleKind::Medium)};
  CHECK(prose(ir) == "Rendered as a medieval fresco.");
  ir.style = {style("painted by Norman Rockwell", StyleKind::Artist)};
  CHECK(prose(ir) == "In the style of Norman Rockwell.");
  ir.style = {style("Richard Schmid style", StyleKind::Artist)};
  CHECK(prose(ir) == "In the style of Richard Schmid.");
}

TEST_CASE("flux: quality boosters are dropped with one info each") {
  Prompt ir;
  ir.subject = {term("a castle")};
  ir.style = {style("8k", StyleKind::Quality), style("masterpiece", StyleKind::Quality),
              style("trending on artstation", StyleKind::Quality)};
  Diagnostics diags;
  const Emitted out = emit(ir, diags);
  CHECK(out.prompt == "A castle.");
  CHECK(count(diags, Code::DroppedTerm, "style") == 3);
  for (const auto& d : diags)
    if (d.code == Code::DroppedTerm) CHECK(d.severity == Severity::Info);
}

TEST_CASE("flux: the camera sentence in all its shapes") {
  Prompt ir;
  ir.camera.shot = "close-up";
  ir.camera.angle = "low-angle";
  ir.camera.lens = "35mm";
  ir.camera.terms = {term("shallow depth of field")};
  CHECK(prose(ir) == "A close-up shot from a low angle, with a 35mm lens, shallow depth of field.");
  ir.camera = {};
  ir.camera.angle = "low-angle";
  CHECK(prose(ir) == "Seen from a low angle.");
  ir.camera = {};
  ir.camera.lens = "85mm";
  CHECK(prose(ir) == "Shot with an 85mm lens.");
  ir.camera.lens = "fisheye lens";
  CHECK(prose(ir) == "Shot with a fisheye lens.");
  ir.camera = {};
  ir.camera.shot = "extreme-wide";
  CHECK(prose(ir) == "An extreme wide shot.");
  ir.camera = {};
  ir.camera.terms = {term("shallow depth of field"), term("bokeh")};
  CHECK(prose(ir) == "Shallow depth of field, bokeh.");
}

TEST_CASE("flux: sentences come in the order subject, style, light, camera") {
  Prompt ir;
  ir.subject = {term("a red fox")};
  ir.camera.shot = "wide";
  ir.style = {style("dramatic lighting", StyleKind::Lighting),
              style("oil painting", StyleKind::Medium)};
  CHECK(prose(ir) ==
        "A red fox. Rendered as an oil painting. With dramatic lighting. A wide shot.");
}

TEST_CASE("flux: camera moves and motion are dropped for a still image") {
  Prompt ir;
  ir.subject = {term("a fox")};
  ir.camera.moves = {CameraMove{"dolly-in", "slow", {}}, CameraMove{"pan-left", "", {}}};
  ir.motion = {term("the fox turns its head")};
  ir.motion_intensity = "high";
  Diagnostics diags;
  CHECK(emit(ir, diags).prompt == "A fox.");
  CHECK(count(diags, Code::DroppedMotion, "camera.moves") == 1);
  CHECK(count(diags, Code::DroppedMotion, "motion") == 1);
  CHECK(count(diags, Code::DroppedMotion, "motion_intensity") == 1);
}

TEST_CASE("flux: weights become order, heavier first, with one info per list") {
  Prompt ir;
  ir.subject = {term("snowy forest"), term("red fox", 2.0), term("mist", 0.5)};
  ir.style = {style("watercolor", StyleKind::Medium, 0.5), style("ink", StyleKind::Medium, 1.5)};
  Diagnostics diags;
  CHECK(emit(ir, diags).prompt == "Red fox, snowy forest, mist. Rendered in ink and watercolor.");
  CHECK(count(diags, Code::ApproximatedWeight, "subject") == 1);
  CHECK(count(diags, Code::ApproximatedWeight, "style") == 1);
}

TEST_CASE("flux: equal weights give no weight diagnostic") {
  Prompt ir;
  ir.subject = {term("a fox"), term("snow")};
  Diagnostics diags;
  emit(ir, diags);
  CHECK_FALSE(has(diags, Code::ApproximatedWeight, "subject"));
}

TEST_CASE("flux: negative terms are dropped, never written as 'no x'") {
  Prompt ir;
  ir.subject = {term("a portrait")};
  ir.negative = {term("text"), term("blurry")};
  Diagnostics diags;
  const Emitted out = emit(ir, diags);
  CHECK(out.prompt == "A portrait.");
  CHECK(out.negative_prompt.empty());
  CHECK(count(diags, Code::DroppedNegative, "negative") == 1);
  CHECK(diags.front().severity == Severity::Warning);
}

TEST_CASE("flux: the issue's example reads as prose with a 3:2 size") {
  // What the Midjourney reader makes of
  // "a red fox in deep snow, watercolor::2 --ar 3:2 --no text --chaos 20".
  Prompt ir;
  ir.subject = {term("a red fox in deep snow", 2.0)};
  ir.style = {style("watercolor", StyleKind::Medium, 2.0)};
  ir.negative = {term("text")};
  ir.params.aspect_ratio = "3:2";
  ir.extensions["midjourney"]["chaos"] = 20;
  Diagnostics diags;
  const Emitted out = emit(ir, diags);
  CHECK(out.prompt == "A red fox in deep snow. Rendered in watercolor.");
  CHECK(out.request["width"] == 1248);
  CHECK(out.request["height"] == 832);
  CHECK(out.request["prompt_upsampling"] == false);
  CHECK(has(diags, Code::DroppedNegative, "negative"));
  CHECK(has(diags, Code::DroppedParameter, "extensions.midjourney.chaos"));
}

TEST_CASE("flux: translate from Midjourney end to end") {
  if (!builtin_registry().find("midjourney")) return;  // a Flux-only build
  TranslateOptions options;
  options.from = "midjourney";
  options.to = "flux";
  const auto records =
      translate(builtin_registry(),
                "a red fox in deep snow, watercolor::2 --ar 3:2 --no text --chaos 20", options);
  REQUIRE(records.size() == 1);
  const auto& rec = records.front();
  CHECK(rec.out.prompt.find("fox") != std::string::npos);
  CHECK(rec.out.prompt.find("snow") != std::string::npos);
  CHECK(rec.out.prompt.find("watercolor") != std::string::npos);
  CHECK(rec.out.prompt.find("--") == std::string::npos);
  CHECK(rec.out.request["width"].get<int>() * 2 == rec.out.request["height"].get<int>() * 3);
  CHECK(has(rec.diags, Code::DroppedNegative, "negative"));
  CHECK(has(rec.diags, Code::DroppedParameter, "extensions.midjourney.chaos"));
}

// --- sizes -----------------------------------------------------------------------------------

TEST_CASE("flux: sizes for the common ratios") {
  struct Case {
    const char* ratio;
    std::int64_t w, h;
    bool exact;
  };
  for (const Case c :
       {Case{"1:1", 1024, 1024, true}, Case{"3:2", 1248, 832, true}, Case{"2:3", 832, 1248, true},
        Case{"4:3", 1152, 864, true}, Case{"16:9", 1376, 768, false},
        Case{"9:16", 768, 1376, false}, Case{"21:9", 1408, 608, false},
        Case{"4:5", 896, 1120, true}, Case{"2:1", 1408, 704, true}}) {
    CAPTURE(c.ratio);
    Diagnostics diags;
    const Emitted out = emit(with_ratio(c.ratio), diags);
    CHECK(out.request["width"] == c.w);
    CHECK(out.request["height"] == c.h);
    CHECK(has(diags, Code::SnappedAspectRatio, "params.aspect_ratio") == !c.exact);
    CHECK(out.text.find("Aspect ratio: " + std::string(c.ratio)) != std::string::npos);
  }
}

TEST_CASE("flux: sizes stay multiples of 32 within 256-1440 for any ratio") {
  for (double r = 0.05; r < 20.0; r *= 1.07) {
    const flux::Size s = flux::size_for_ratio(r);
    CAPTURE(r);
    CHECK(s.width % 32 == 0);
    CHECK(s.height % 32 == 0);
    CHECK(s.width >= 256);
    CHECK(s.width <= 1440);
    CHECK(s.height >= 256);
    CHECK(s.height <= 1440);
  }
}

TEST_CASE("flux: an extreme ratio is clamped to the widest frame") {
  Diagnostics diags;
  const Emitted out = emit(with_ratio("10:1"), diags);
  CHECK(out.request["width"] == 1440);
  CHECK(out.request["height"] == 256);
  CHECK(has(diags, Code::SnappedAspectRatio, "params.aspect_ratio"));
}

TEST_CASE("flux: no size given means the BFL default and no size diagnostic") {
  Prompt ir;
  ir.subject = {term("a fox")};
  Diagnostics diags;
  const Emitted out = emit(ir, diags);
  CHECK(out.request["width"] == 1024);
  CHECK(out.request["height"] == 768);
  CHECK(diags.empty());
  CHECK(out.text == "A fox.");
}

TEST_CASE("flux: given pixels are rounded to multiples of 32") {
  Prompt ir;
  ir.subject = {term("a fox")};
  ir.params.width = 1000;
  ir.params.height = 700;
  Diagnostics diags;
  const Emitted out = emit(ir, diags);
  CHECK(out.request["width"] == 992);
  CHECK(out.request["height"] == 704);
  CHECK(has(diags, Code::SnappedValue, "params.width"));
  CHECK(has(diags, Code::SnappedValue, "params.height"));
  CHECK(out.text.find("Size: 992x704") != std::string::npos);
}

TEST_CASE("flux: pixels beyond 1440 are scaled down keeping the ratio") {
  Prompt ir;
  ir.params.width = 1920;
  ir.params.height = 1080;
  Diagnostics diags;
  const Emitted out = emit(ir, diags);
  CHECK(out.request["width"] == 1440);
  CHECK(out.request["height"] == 800);  // 1440x810 rounded
  Diagnostics none;
  ir.params.width = 1024;
  ir.params.height = 768;
  emit(ir, none);
  CHECK_FALSE(has(none, Code::SnappedValue, "params.width"));
}

TEST_CASE("flux: ultra takes the aspect ratio and raw instead of pixels") {
  Diagnostics diags;
  const Emitted out = emit(with_ratio("16:9"), diags, {{"model", "ultra"}});
  CHECK(out.request["aspect_ratio"] == "16:9");
  CHECK(out.request["raw"] == false);
  CHECK_FALSE(out.request.contains("width"));
  CHECK_FALSE(out.request.contains("height"));
  CHECK(out.text == "A lighthouse.\nAspect ratio: 16:9");
  CHECK(diags.empty());
}

TEST_CASE("flux: ultra clamps ratios into 21:9 .. 9:21") {
  Diagnostics diags;
  CHECK(emit(with_ratio("4:1"), diags, {{"model", "ultra"}}).request["aspect_ratio"] == "21:9");
  CHECK(has(diags, Code::SnappedAspectRatio, "params.aspect_ratio"));
  Diagnostics tall;
  CHECK(emit(with_ratio("1:5"), tall, {{"model", "ultra"}}).request["aspect_ratio"] == "9:21");
}

TEST_CASE("flux: Midjourney --style raw becomes ultra raw mode") {
  Prompt ir = with_ratio("3:2");
  ir.extensions["midjourney"]["style"] = "raw";
  Diagnostics diags;
  const Emitted out = emit(ir, diags, {{"model", "ultra"}});
  CHECK(out.request["raw"] == true);
  CHECK(has(diags, Code::ApproximatedParameter, "extensions.midjourney.style"));
  CHECK_FALSE(has(diags, Code::DroppedParameter, "extensions.midjourney.style"));
  Diagnostics pro;
  emit(ir, pro);
  CHECK(has(pro, Code::DroppedParameter, "extensions.midjourney.style"));
}

TEST_CASE("flux: seed, steps and guidance go into the request and the text") {
  Prompt ir;
  ir.subject = {term("a fox")};
  ir.params.seed = 42;
  ir.params.steps = 30;
  ir.params.guidance = 3.5;
  Diagnostics diags;
  const Emitted out = emit(ir, diags, {{"model", "dev"}});
  CHECK(out.request["seed"] == 42);
  CHECK(out.request["steps"] == 30);
  CHECK(out.request["guidance"] == 3.5);
  CHECK(out.request["prompt_upsampling"] == false);
  CHECK(out.text == "A fox.\nSeed: 42\nSteps: 30\nGuidance: 3.5");
  CHECK(diags.empty());
}

TEST_CASE("flux: an SD CFG scale and too many steps are moved into Flux's ranges") {
  Prompt ir;
  ir.params.steps = 80;
  ir.params.guidance = 7.0;
  Diagnostics diags;
  const Emitted out = emit(ir, diags);
  CHECK(out.request["steps"] == 50);
  CHECK(out.request["guidance"] == 5.0);
  CHECK(has(diags, Code::SnappedValue, "params.steps"));
  CHECK(has(diags, Code::SnappedValue, "params.guidance"));
}

TEST_CASE("flux: ultra has no steps or guidance") {
  Prompt ir;
  ir.params.steps = 30;
  ir.params.guidance = 3.0;
  Diagnostics diags;
  const Emitted out = emit(ir, diags, {{"model", "ultra"}});
  CHECK_FALSE(out.request.contains("steps"));
  CHECK(has(diags, Code::DroppedParameter, "params.steps"));
  CHECK(has(diags, Code::DroppedParameter, "params.guidance"));
}

TEST_CASE("flux: an unknown model is reported and pro is used") {
  Diagnostics diags;
  const Emitted out = emit(with_ratio("1:1"), diags, {{"model", "schnell"}});
  CHECK(has(diags, Code::InvalidValue, "model"));
  CHECK(out.request["width"] == 1024);
}

TEST_CASE("flux: what Flux cannot take is named, field by field") {
  Prompt ir;
  ir.subject = {term("a fox")};
  ir.references = {Reference{ReferenceKind::Style, "https://example.com/a.png", 100, {}}};
  ir.loras = {Lora{"add_detail", 0.8}};
  ir.audio.sfx = {"waves"};
  ir.params.duration_s = 5;
  ir.extensions["sd"]["sampler"] = "Euler a";
  ir.extensions["midjourney"]["stylize"] = 250;
  Diagnostics diags;
  emit(ir, diags);
  CHECK(has(diags, Code::DroppedReference, "references"));
  CHECK(has(diags, Code::DroppedLora, "loras"));
  CHECK(has(diags, Code::DroppedAudio, "audio"));
  CHECK(has(diags, Code::DroppedParameter, "params.duration_s"));
  CHECK(has(diags, Code::DroppedParameter, "extensions.sd.sampler"));
  CHECK(has(diags, Code::DroppedParameter, "extensions.midjourney.stylize"));
  for (const auto& d : diags) CHECK(d.severity == Severity::Warning);
}

TEST_CASE("flux: the T5 limit is checked, never enforced by cutting") {
  CHECK(flux::approx_t5_tokens("a red fox, snow.") == 8);  // 4 words + 2 marks, x1.3
  Prompt ir;
  std::string long_text;
  for (int i = 0; i < 450; ++i) long_text += "word ";
  ir.subject = {term(long_text)};
  Diagnostics diags;
  const Emitted out = emit(ir, diags);
  CHECK(has(diags, Code::PromptTooLong, "prompt"));
  CHECK(out.prompt.size() >= long_text.size() - 1);
  Diagnostics short_diags;
  emit(with_ratio("1:1"), short_diags);
  CHECK_FALSE(has(short_diags, Code::PromptTooLong, "prompt"));
}

// --- reading ---------------------------------------------------------------------------------

TEST_CASE("flux: the template's sentences read back into the terms they came from") {
  const Prompt ir = parse(
      "A red fox in deep snow. Rendered in watercolor, in the style of Greg Rutkowski, with a "
      "cyberpunk aesthetic. With golden hour lighting and eerie mood. A close-up shot from "
      "a low angle, with a 35mm lens, shallow depth of field.");
  REQUIRE(ir.subject.size() == 1);
  CHECK(ir.subject[0].text == "A red fox in deep snow");
  REQUIRE(ir.style.size() == 5);
  CHECK(ir.style[0].text == "watercolor");
  CHECK(ir.style[0].kind == StyleKind::Medium);
  CHECK(ir.style[1].text == "Greg Rutkowski");
  CHECK(ir.style[1].kind == StyleKind::Artist);
  CHECK(ir.style[2].text == "cyberpunk");
  CHECK(ir.style[2].kind == StyleKind::Movement);
  CHECK(ir.style[3].text == "golden hour lighting");
  CHECK(ir.style[3].kind == StyleKind::Lighting);
  CHECK(ir.style[4].text == "eerie mood");
  CHECK(ir.style[4].kind == StyleKind::Mood);
  CHECK(ir.camera.shot == "close-up");
  CHECK(ir.camera.angle == "low-angle");
  CHECK(ir.camera.lens == "35mm");
  REQUIRE(ir.camera.terms.size() == 1);
  CHECK(ir.camera.terms[0].text == "shallow depth of field");
  for (const auto& t : ir.style) CHECK(t.weight == 1.0);
}

TEST_CASE("flux: style and camera words in ordinary prose land in the IR") {
  const Prompt ir = parse("a portrait of an old fisherman, oil painting, by Rembrandt, close up");
  REQUIRE(ir.subject.size() == 1);
  CHECK(ir.subject[0].text == "A portrait of an old fisherman");
  REQUIRE(ir.style.size() == 2);
  CHECK(ir.style[0].text == "oil painting");
  CHECK(ir.style[0].kind == StyleKind::Medium);
  CHECK(ir.style[1].text == "Rembrandt");
  CHECK(ir.style[1].kind == StyleKind::Artist);
  CHECK(ir.camera.shot == "close-up");
}

TEST_CASE("flux: a list of artists in prose becomes one term per artist") {
  const Prompt ir = parse("a castle, by Greg Rutkowski and Alphonse Mucha");
  REQUIRE(ir.style.size() == 2);
  CHECK(ir.style[0].text == "Greg Rutkowski");
  CHECK(ir.style[1].text == "Alphonse Mucha");
}

TEST_CASE("flux: spans point at the source text") {
  const std::string text = "a red fox, watercolor";
  const Prompt ir = parse(text);
  REQUIRE(ir.subject.size() == 1);
  REQUIRE(ir.subject[0].span);
  CHECK(text.substr(ir.subject[0].span->begin,
                    ir.subject[0].span->end - ir.subject[0].span->begin) == "a red fox");
  REQUIRE(ir.style.size() == 1);
  REQUIRE(ir.style[0].span);
  CHECK(ir.style[0].span->begin == 11);
}

TEST_CASE("flux: the labelled lines of the text format read back into params") {
  Diagnostics diags;
  const Prompt ir = parse("A red fox.\nSize: 1024x768\nSeed: 7\nSteps: 28\nGuidance: 3.5", &diags);
  CHECK(ir.params.width == 1024);
  CHECK(ir.params.height == 768);
  CHECK(ir.params.seed == 7);
  CHECK(ir.params.steps == 28);
  CHECK(ir.params.guidance == 3.5);
  CHECK_FALSE(ir.params.aspect_ratio);
  CHECK(diags.empty());
  REQUIRE(ir.subject.size() == 1);
  CHECK(ir.subject[0].text == "A red fox");
}

TEST_CASE("flux: a size derived from the aspect ratio adds nothing to the IR") {
  Prompt ir = parse("A fox.\nAspect ratio: 3:2\nSize: 1248x832");
  CHECK(ir.params.aspect_ratio == "3:2");
  CHECK_FALSE(ir.params.width);
  ir = parse("A fox.\nAspect ratio: 3:2\nSize: 1024x768");
  CHECK(ir.params.aspect_ratio == "3:2");
  CHECK(ir.params.width == 1024);
}

TEST_CASE("flux: a negative prompt line is kept with a warning that Flux ignores it") {
  Diagnostics diags;
  const Prompt ir = parse("A fox in the snow.\nNegative prompt: blurry, text", &diags);
  REQUIRE(ir.negative.size() == 2);
  CHECK(ir.negative[0].text == "blurry");
  CHECK(ir.negative[1].text == "text");
  CHECK(has(diags, Code::DroppedNegative, "negative"));
}

TEST_CASE("flux: a bad labelled value is reported and ignored") {
  Diagnostics diags;
  const Prompt ir = parse("A fox.\nSeed: soon\nSize: big", &diags);
  CHECK_FALSE(ir.params.seed);
  CHECK_FALSE(ir.params.width);
  CHECK(has(diags, Code::InvalidValue, "Seed"));
  CHECK(has(diags, Code::InvalidValue, "Size"));
}

TEST_CASE("flux: the text format round trips, settings included") {
  check_round_trip("A fox.\nAspect ratio: 16:9\nSize: 1376x768\nSeed: 3\nSteps: 28\nGuidance: 3");
  check_round_trip("A fox.\nSize: 832x1216");
  check_round_trip("A fox.\nAspect ratio: 21:9\nSeed: 9\nRaw: true", {{"model", "ultra"}});
}

TEST_CASE("flux: prose round trips") {
  for (const char* text : {
           "A red fox in deep snow. Rendered in watercolor. With golden hour lighting.",
           "a portrait of a woman, by Greg Rutkowski and Alphonse Mucha, cinematic, dramatic "
           "lighting, close-up, 35mm lens, shallow depth of field",
           "A dignified beaver wearing glasses, a vest, and colorful neck tie. He stands next to a "
           "tall stack of books in a library.",
           "A sign that says \"Open. Closed\", eerie, pastel",
           "Tropical beach, cinematic ultra realistic. Epic composition, environment. Octane "
           "render and Unreal Engine. Style by Craig Mullins, default HD",
           "buddhist punk city, anime, dark atmospheric lighting, volumetric, manga style, black "
           "and white, lineart",
           "in the style of Krenz Cushart, Ashley Wood, and Charlie Bowater and Craig Mullins",
           "Seen from directly overhead, with a fisheye lens. A garden maze.",
           "An extreme wide shot, wide shot, bokeh. Kodak portra 400, 35mm film photography.",
           "What a view! Mountains... at dawn?",
           "街道的夜景。霓虹灯, cinematic",
           "With a lantern in hand, the girl walks through the forest.",
           "cat, cat, render in octane, rendered in octane, backlit, candlelit, sepia",
           "(masterpiece:1.2), best quality, 1girl, <lora:x:0.7>",
           "A tower, epic, mystical, ominous, volumetric lighting, cinematic lighting",
           "With a hyper realistic aesthetic. With soft illumination. With dark and moody "
           "atmosphere.",
           "a chapel, in the style of a medieval fresco, painted by Giotto, dark and moody",
           "A ground level view of a forest, with moss, lichen, fallen logs, and motes of light, "
           "and puddles reflecting ambient light.",
       })
    check_round_trip(text);
}

TEST_CASE("flux: real prompts round trip (skipped without ../shared/data)") {
  const std::string mj_path = testing::real_data_file("midjourney-2022.txt");
  const std::string parti_path = testing::real_data_file("plain/PartiPrompts.tsv");
  if (mj_path.empty() || parti_path.empty()) {
    MESSAGE("real prompt data not found; skipped");
    return;
  }
  std::ifstream mj(mj_path);
  std::ifstream parti(parti_path);
  std::size_t checked = 0, differ = 0;
  std::string line;
  auto check = [&](std::string_view text) {
    ++checked;
    if (!round_trips(text)) {
      ++differ;
      if (differ <= 5) MESSAGE("round trip differs for: " << text);
    }
  };
  for (std::size_t n = 0; std::getline(mj, line); ++n)
    if (n % 3 == 0) check(line.substr(0, line.find(" --")));
  std::getline(parti, line);  // header
  while (std::getline(parti, line)) check(line.substr(0, line.find('\t')));
  CHECK(checked > 5000);
  CHECK(differ == 0);
}

// --- detection -------------------------------------------------------------------------------

TEST_CASE("flux: plain prose is Flux's, platform syntax is not") {
  CHECK(flux().detect("a red fox sitting in deep snow at dawn") == doctest::Approx(0.3));
  CHECK(flux().detect("A red fox.\nSize: 1248x832") > 0.3);
  for (const char* foreign :
       {"a fox --ar 3:2", "a fox —ar 16:9", "red fox::2 snow", "(red fox:1.2), snow",
        "a fox <lora:detail:0.8>", "{{red fox}}, snow", "a fox\nNegative prompt: blurry"}) {
    CAPTURE(foreign);
    CHECK(flux().detect(foreign) <= 0.05);
  }
}

// --- phrase helpers ------------------------------------------------------------------------

TEST_CASE("flux: articles follow the sound, not the letter") {
  CHECK(flux::article("85mm lens") == "an");
  CHECK(flux::article("35mm lens") == "a");
  CHECK(flux::article("18th century") == "an");
  CHECK(flux::article("HDR photo") == "an");
  CHECK(flux::article("f/1.8 lens") == "an");
  CHECK(flux::article("UV light") == "a");
  CHECK(flux::article("oil painting") == "an");
  CHECK(flux::article("unicorn") == "a");
  CHECK(flux::article("ukiyo-e print") == "an");
  CHECK(flux::article("hour") == "an");
  CHECK(flux::article("cyberpunk") == "a");
}

TEST_CASE("flux: join_and") {
  CHECK(flux::join_and({}) == "");
  CHECK(flux::join_and({"a"}) == "a");
  CHECK(flux::join_and({"a", "b"}) == "a and b");
  CHECK(flux::join_and({"a", "b", "c"}) == "a, b and c");
}

TEST_CASE("flux: a list that would read back differently is written as several clauses") {
  Prompt ir;
  ir.style = {style("Nike of Samothrace", StyleKind::Artist),
              style("the film Blade Runner", StyleKind::Artist)};
  const std::string text = prose(ir);
  const Prompt back = parse(text);
  REQUIRE(back.style.size() == 2);
  CHECK(back.style[0].text == "Nike of Samothrace");
  CHECK(back.style[1].text == "the film Blade Runner");
}

}  // namespace
