// Unit tests of the Ideogram dialect: quoted text kept exactly, the v3 request, the text
// format, style_type, detection, and real prose prompts.
#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <string>

#include "ideogram/ideogram_internal.h"
#include "promptport/promptport.h"
#include "test_data.h"

namespace {

using namespace promptport;

const Dialect& ideo() { return *builtin_registry().find("ideogram"); }

Term term(std::string text, double weight = 1.0) { return Term{std::move(text), weight, {}}; }

StyleTerm style(std::string text, StyleKind kind, double weight = 1.0) {
  StyleTerm t;
  t.text = std::move(text);
  t.kind = kind;
  t.weight = weight;
  return t;
}

Prompt parse(std::string_view text, Diagnostics* diags = nullptr) {
  Diagnostics local;
  return ideo().parse(text, {}, diags ? *diags : local);
}

Emitted emit(const Prompt& ir, Diagnostics* diags = nullptr, const Options& options = {}) {
  Diagnostics local;
  return ideo().emit(ir, options, diags ? *diags : local);
}

bool has(const Diagnostics& diags, Code code, std::string_view field) {
  return std::any_of(diags.begin(), diags.end(),
                     [&](const auto& d) { return d.code == code && d.field == field; });
}

std::vector<std::string> texts(const std::vector<Term>& terms) {
  std::vector<std::string> out;
  for (const auto& t : terms) out.push_back(t.text);
  return out;
}

// parse(emit(parse(text))) has the same content as parse(text).
bool round_trips(std::string_view text) {
  const Prompt ir = parse(text);
  Diagnostics diags;
  const Emitted out = emit(ir, &diags);
  const Prompt back = parse(out.text);
  return same_content(back, ir);
}

// --- quoted text ------------------------------------------------------------------------------

TEST_CASE("ideogram: quoted text is one subject piece, commas and stops inside included") {
  const Prompt ir = parse(
      "A vintage poster with the words \"GRAND OPENING, TODAY ONLY!\" in bold letters, "
      "confetti, art deco style");
  CHECK(texts(ir.subject) ==
        std::vector<std::string>{"A vintage poster with the words \"GRAND OPENING, TODAY "
                                 "ONLY!\" in bold letters",
                                 "confetti"});
  REQUIRE(ir.style.size() == 1);
  CHECK(ir.style[0].text == "art deco style");
  const Emitted out = emit(ir);
  CHECK(out.prompt.find("\"GRAND OPENING, TODAY ONLY!\"") != std::string::npos);
  CHECK(out.prompt ==
        "A vintage poster with the words \"GRAND OPENING, TODAY ONLY!\" in bold letters, "
        "confetti, art deco style");
}

TEST_CASE("ideogram: a sentence inside quotes is not cut; curly quotes too") {
  const Prompt ir = parse(
      "A sign that says \"Stop. Go back.\" on a brick wall. A chalkboard reading “Soup, "
      "bread. Tea.” by the door");
  CHECK(texts(ir.subject) ==
        std::vector<std::string>{"A sign that says \"Stop. Go back.\" on a brick wall.",
                                 "A chalkboard reading “Soup, bread. Tea.” by the door"});
  CHECK(
      round_trips("A sign that says \"Stop. Go back.\" on a brick wall. A chalkboard reading "
                  "“Soup, bread. Tea.” by the door"));
}

TEST_CASE("ideogram: quoted text keeps every byte, runs of spaces included") {
  Prompt ir;
  ir.subject = {term("a banner reading \"BIG   SALE  50%\""), term("balloons")};
  const Emitted out = emit(ir);
  CHECK(out.prompt == "a banner reading \"BIG   SALE  50%\", balloons");
  CHECK(out.request["prompt"] == out.prompt);
}

TEST_CASE("ideogram: an inch mark is not a quotation") {
  const Prompt ir = parse("a 12\" vinyl record, a red sleeve");
  CHECK(texts(ir.subject) == std::vector<std::string>{"a 12\" vinyl record", "a red sleeve"});
  // An opening quote that never closes is a character too.
  CHECK(texts(parse("a sign that says \"hello, a cat").subject) ==
        std::vector<std::string>{"a sign that says \"hello", "a cat"});
}

TEST_CASE("ideogram: the split_prompt pieces and their spans") {
  const std::string s = "A red fox. Watercolor, \"HI, YOU\" sign!";
  const auto pieces = ideogram::split_prompt(s, 10);
  REQUIRE(pieces.size() == 3);
  CHECK(pieces[0].text == "A red fox");
  CHECK(pieces[0].sentence_end);
  CHECK(pieces[0].terminator == ".");
  CHECK(pieces[0].span == Span{10, 19});
  CHECK(pieces[1].text == "Watercolor");
  CHECK_FALSE(pieces[1].quoted);
  CHECK(pieces[2].text == "\"HI, YOU\" sign");
  CHECK(pieces[2].quoted);
  CHECK(pieces[2].terminator == "!");
}

// --- sentences ---------------------------------------------------------------------------------

TEST_CASE("ideogram: sentence stops stay where more subject follows, and are read back") {
  const Prompt ir = parse("A poster of Mars. Mr. Smith waves. Watercolor.");
  CHECK(texts(ir.subject) == std::vector<std::string>{"A poster of Mars.", "Mr.", "Smith waves"});
  REQUIRE(ir.style.size() == 1);
  CHECK(ir.style[0].text == "watercolor");  // its capital only started the sentence
  const Emitted out = emit(ir);
  CHECK(out.prompt == "A poster of Mars. Mr. Smith waves, watercolor");
  CHECK(round_trips("A poster of Mars. Mr. Smith waves. Watercolor."));
  CHECK(round_trips("Wow! A dog, watercolor. A cat."));
}

// --- the request -------------------------------------------------------------------------------

TEST_CASE("ideogram: the v3 request: aspect_ratio WxH, magic_prompt OFF, negative, seed") {
  Prompt ir;
  ir.subject = {term("a lighthouse at dusk")};
  ir.negative = {term("blurry"), term("text")};
  ir.params.aspect_ratio = "16:9";
  ir.params.seed = 42;
  Diagnostics diags;
  const Emitted out = emit(ir, &diags);
  CHECK(diags.empty());
  CHECK(out.request == nlohmann::json{{"prompt", "a lighthouse at dusk"},
                                      {"aspect_ratio", "16x9"},
                                      {"magic_prompt", "OFF"},
                                      {"negative_prompt", "blurry, text"},
                                      {"seed", 42}});
  CHECK(out.negative_prompt == "blurry, text");
  CHECK(out.text ==
        "a lighthouse at dusk\nNegative prompt: blurry, text\nAspect ratio: 16:9\nMagic prompt: "
        "OFF\nSeed: 42");
  CHECK(parse(out.text).params.aspect_ratio == "16:9");
}

TEST_CASE("ideogram: no ratio is 1x1; 8:5 is Ideogram's 16x10; 21:9 is snapped to 2x1") {
  Prompt ir;
  ir.subject = {term("a lighthouse")};
  CHECK(emit(ir).request["aspect_ratio"] == "1x1");
  ir.params.aspect_ratio = "8:5";
  Diagnostics exact;
  CHECK(emit(ir, &exact).request["aspect_ratio"] == "16x10");
  CHECK(exact.empty());
  ir.params.aspect_ratio = "7:3";
  Diagnostics diags;
  const Emitted out = emit(ir, &diags);
  CHECK(out.request["aspect_ratio"] == "2x1");
  CHECK(has(diags, Code::SnappedAspectRatio, "params.aspect_ratio"));
}

TEST_CASE("ideogram: pixels become a ratio; a seed out of range is dropped") {
  Prompt ir;
  ir.subject = {term("a lighthouse")};
  ir.params.width = 832;
  ir.params.height = 1216;
  ir.params.seed = 3000000000;
  Diagnostics diags;
  const Emitted out = emit(ir, &diags);
  CHECK(out.request["aspect_ratio"] == "2x3");
  CHECK_FALSE(out.request.contains("seed"));
  CHECK(has(diags, Code::ApproximatedParameter, "params.width"));
  CHECK(has(diags, Code::ApproximatedParameter, "params.height"));
  CHECK(has(diags, Code::SnappedAspectRatio, "params.aspect_ratio"));
  CHECK(has(diags, Code::DroppedParameter, "params.seed"));
}

TEST_CASE("ideogram: what a still image cannot show, and other platforms' settings") {
  Prompt ir;
  ir.subject = {term("a hummingbird")};
  ir.motion = {term("its wings fluttering")};
  ir.camera.moves = {CameraMove{"dolly-in", "slow", {}}};
  ir.params.duration_s = 5;
  ir.params.guidance = 7;
  ir.extensions["midjourney"]["chaos"] = 20;
  Diagnostics diags;
  const Emitted out = emit(ir, &diags);
  CHECK(out.prompt == "a hummingbird");
  CHECK(has(diags, Code::DroppedMotion, "motion"));
  CHECK(has(diags, Code::DroppedMotion, "camera.moves"));
  CHECK(has(diags, Code::DroppedParameter, "params.duration_s"));
  CHECK(has(diags, Code::DroppedParameter, "params.guidance"));
  CHECK(has(diags, Code::DroppedParameter, "extensions.midjourney.chaos"));
}

TEST_CASE("ideogram: weights become order, heavier first; boosters are dropped") {
  Prompt ir;
  ir.subject = {term("snowy mountains"), term("frozen lake", 3), term("wooden cabin", 2)};
  ir.style = {style("8k", StyleKind::Quality), style("watercolor", StyleKind::Medium)};
  Diagnostics diags;
  const Emitted out = emit(ir, &diags);
  CHECK(out.prompt == "frozen lake, wooden cabin, snowy mountains, watercolor");
  CHECK(has(diags, Code::ApproximatedWeight, "subject"));
  CHECK(has(diags, Code::DroppedTerm, "style"));
}

TEST_CASE("ideogram: danbooru tags from a tag platform read as words") {
  Prompt ir;
  ir.source = Source{"sd", "1girl, long_hair"};
  ir.subject = {term("1girl"), term("long_hair")};
  CHECK(emit(ir).prompt == "a girl, long hair");
  ir.source = Source{"midjourney", "1girl, long_hair"};
  CHECK(emit(ir).prompt == "1girl, long_hair");
}

TEST_CASE("ideogram: camera slots are written as words the reader places again") {
  Prompt ir;
  ir.subject = {term("a jazz singer")};
  ir.camera.shot = "close-up";
  ir.camera.angle = "low-angle";
  ir.camera.lens = "35mm";
  ir.camera.terms = {term("shallow depth of field")};
  const Emitted out = emit(ir);
  CHECK(out.prompt == "a jazz singer, close-up shot, low angle, 35mm, shallow depth of field");
  const Prompt back = parse(out.text);
  CHECK(back.camera.shot == "close-up");
  CHECK(back.camera.angle == "low-angle");
  CHECK(back.camera.lens == "35mm");
  CHECK(same_content(back, ir));
}

// --- style_type --------------------------------------------------------------------------------

TEST_CASE("ideogram: style_type only when the style terms are clear") {
  Prompt ir;
  ir.subject = {term("a coffee shop logo with the words \"Bean There\"")};
  ir.style = {style("flat design", StyleKind::Aesthetic), style("vector", StyleKind::Medium)};
  CHECK(emit(ir).request["style_type"] == "DESIGN");
  ir.style = {style("photorealistic", StyleKind::Aesthetic), style("35mm film", StyleKind::Medium)};
  CHECK(emit(ir).request["style_type"] == "REALISTIC");
  ir.style.push_back(style("watercolor", StyleKind::Medium));  // a watercolor photo?
  CHECK_FALSE(emit(ir).request.contains("style_type"));
  ir.style = {style("surrealistic", StyleKind::Movement)};  // not "realistic"
  CHECK_FALSE(emit(ir).request.contains("style_type"));
  ir.style = {style("golden hour lighting", StyleKind::Lighting)};
  CHECK_FALSE(emit(ir).request.contains("style_type"));
}

TEST_CASE("ideogram: a derived style type in the text format says nothing new") {
  const Prompt ir = parse("a fox logo, flat design\nStyle type: DESIGN");
  CHECK_FALSE(ir.extensions.contains("ideogram"));
  const Prompt chosen = parse("a fox, flat design\nStyle type: GENERAL");
  CHECK(chosen.extensions["ideogram"]["style_type"] == "GENERAL");
  CHECK(emit(chosen).request["style_type"] == "GENERAL");
}

// --- the text format ---------------------------------------------------------------------------

TEST_CASE("ideogram: every labelled line is read back") {
  Diagnostics diags;
  const Prompt ir = parse(
      "a poster with the text \"JAZZ NIGHT\", saxophone\nNegative prompt: blurry, \"WRONG, "
      "TEXT\"\nAspect ratio: 4x5\nStyle type: fiction\nRendering speed: Turbo\nMagic prompt: "
      "ON\nSeed: 7",
      &diags);
  CHECK(diags.empty());
  CHECK(texts(ir.negative) == std::vector<std::string>{"blurry", "\"WRONG, TEXT\""});
  CHECK(ir.params.aspect_ratio == "4:5");
  CHECK(ir.params.seed == 7);
  CHECK(ir.extensions["ideogram"] == nlohmann::json{{"style_type", "FICTION"},
                                                    {"rendering_speed", "TURBO"},
                                                    {"magic_prompt", "ON"}});
  const Emitted out = emit(ir);
  CHECK(out.request["magic_prompt"] == "ON");
  CHECK(out.request["rendering_speed"] == "TURBO");
  CHECK(out.request["style_type"] == "FICTION");
  CHECK(same_content(parse(out.text), ir));
  // OFF is what the writer always sends: nothing to keep.
  CHECK_FALSE(parse("a cat\nMagic prompt: OFF").extensions.contains("ideogram"));
}

TEST_CASE("ideogram: malformed labelled values are reported and ignored") {
  Diagnostics diags;
  const Prompt ir =
      parse("a cat\nAspect ratio: wide\nStyle type: ANIME\nRendering speed: fast\nSeed: x", &diags);
  CHECK(has(diags, Code::InvalidValue, "Aspect ratio"));
  CHECK(has(diags, Code::InvalidValue, "Style type"));
  CHECK(has(diags, Code::InvalidValue, "Rendering speed"));
  CHECK(has(diags, Code::InvalidValue, "Seed"));
  CHECK_FALSE(ir.params.aspect_ratio);
  CHECK_FALSE(ir.extensions.contains("ideogram"));
}

TEST_CASE("ideogram: -O speed sets rendering_speed; a bad value is reported") {
  Prompt ir;
  ir.subject = {term("a cat")};
  CHECK(emit(ir, nullptr, {{"speed", "quality"}}).request["rendering_speed"] == "QUALITY");
  Diagnostics diags;
  CHECK_FALSE(emit(ir, &diags, {{"speed", "warp"}}).request.contains("rendering_speed"));
  CHECK(has(diags, Code::InvalidValue, "speed"));
}

// --- detection ---------------------------------------------------------------------------------

TEST_CASE("ideogram: detection") {
  CHECK(ideo().detect("a poster with the words \"GRAND OPENING\" in gold letters") ==
        doctest::Approx(0.35));
  CHECK(ideo().detect("A red fox.\nMagic prompt: OFF") == doctest::Approx(0.7));
  CHECK(ideo().detect("A red fox.\nAspect ratio: 16x9") == doctest::Approx(0.65));
  for (const char* other :
       {"a red fox sitting in deep snow", "a sign that says \"OPEN\" --ar 3:2",
        "a sign that says \"OPEN\", (neon:1.2)", "a {red, blue} sign that says \"OPEN\"",
        "[Pan left] a sign that says \"OPEN\"", "a sign that says \"OPEN\" -ar 16:9",
        "A red fox.\nAspect ratio: 16:9", "a 12\" record on a table"}) {
    CAPTURE(other);
    CHECK(ideo().detect(other) == 0);
  }
}

// --- real prompts ------------------------------------------------------------------------------

TEST_CASE("ideogram: Parti prompts round trip and keep their quoted text (skipped without data)") {
  const std::string path = testing::real_data_file("plain/PartiPrompts.tsv");
  if (path.empty()) {
    MESSAGE("real prompt data not found; skipped");
    return;
  }
  std::ifstream parti(path);
  std::string line;
  std::getline(parti, line);  // header
  std::size_t checked = 0, differ = 0, quoted = 0;
  while (std::getline(parti, line)) {
    const std::string text = line.substr(0, line.find('\t'));
    ++checked;
    if (!round_trips(text)) {
      ++differ;
      if (differ <= 5) MESSAGE("round trip differs for: " << text);
    }
    // The quoted text of a prompt is in the Ideogram prompt unchanged.
    const std::size_t open = text.find(" \"");
    const std::size_t close = open == std::string::npos ? open : text.find('"', open + 2);
    if (close != std::string::npos) {
      ++quoted;
      const std::string quotation = text.substr(open + 1, close - open);
      CAPTURE(text);
      CHECK(emit(parse(text)).prompt.find(quotation) != std::string::npos);
    }
  }
  CHECK(checked > 1500);
  CHECK(quoted > 10);
  CHECK(differ == 0);
}

}  // namespace
