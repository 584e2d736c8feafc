// Unit tests of the runway dialect, and the real-data check of both runway and luma.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "common/video_test_support.h"
#include "promptport/promptport.h"

namespace {

using namespace promptport;
using namespace promptport::video_test;

const Dialect& runway() { return *builtin_registry().find("runway"); }

Prompt parse(std::string_view text, Diagnostics* diags = nullptr) {
  Diagnostics local;
  return runway().parse(text, {}, diags ? *diags : local);
}

Emitted emit(const Prompt& ir, Diagnostics* diags = nullptr, Options options = {}) {
  Diagnostics local;
  return runway().emit(ir, options, diags ? *diags : local);
}

}  // namespace

TEST_CASE("runway: the camera movement leads, then the scene") {
  Diagnostics diags;
  const Emitted out = emit(lighthouse(), &diags);
  CHECK(out.prompt == "Slow dolly in: A lighthouse on a cliff at dusk, waves crashing below.");
  CHECK(out.request["promptText"] == out.prompt);
  CHECK(out.request["model"] == "gen4_turbo");
  CHECK(out.request["ratio"] == "1280:720");
  CHECK(out.request["duration"] == 5);
  CHECK(out.request["duration"].is_number_integer());
  CHECK_FALSE(out.request.contains("seed"));
  CHECK(out.text == out.prompt);  // no setting was given, so no labelled line
  CHECK(diags.empty());
}

TEST_CASE("runway: shot, angle and style around the lead") {
  Prompt ir = lighthouse();
  ir.camera.shot = "wide";
  ir.camera.angle = "low-angle";
  ir.style = {StyleTerm{term("Cinematic"), StyleKind::Aesthetic}};
  const Emitted out = emit(ir);
  CHECK(out.prompt ==
        "Wide shot, low angle, slow dolly in: A lighthouse on a cliff at dusk, waves crashing "
        "below. Cinematic.");
  const Prompt back = parse(out.prompt);
  CHECK(back.camera.shot == "wide");
  CHECK(back.camera.angle == "low-angle");
  CHECK(same_content(back, ir));
}

TEST_CASE("runway: no camera words, no lead; camera alone is its own sentence") {
  Prompt ir;
  ir.subject = {term("a red fox")};
  ir.motion = {term("trotting through snow")};  // the scene sentence capitalises
  CHECK(emit(ir).prompt == "A red fox, trotting through snow.");
  Prompt cam;
  cam.camera.moves = {CameraMove{"pan-left", "", {}}};
  CHECK(emit(cam).prompt == "Pan left.");
  CHECK(same_content(parse("Pan left."), cam));
}

TEST_CASE("runway: the lead reads back as camera moves") {
  Diagnostics diags;
  const Prompt ir =
      parse("Slow dolly-in: a lighthouse on a cliff at dusk, waves crashing below", &diags);
  CHECK(diags.empty());
  REQUIRE(ir.camera.moves.size() == 1);
  CHECK(ir.camera.moves[0].move == "dolly-in");
  CHECK(ir.camera.moves[0].speed == "slow");
  REQUIRE(ir.subject.size() == 1);
  CHECK(ir.subject[0].text == "a lighthouse on a cliff at dusk");
  REQUIRE(ir.motion.size() == 1);
  CHECK(ir.motion[0].text == "waves crashing below");
  CHECK(same_content(parse(emit(lighthouse()).prompt), lighthouse()));
}

TEST_CASE("runway: every ratio has its pixel string (21:9 is 7:3 in the IR)") {
  const std::vector<std::pair<std::string, std::string>> cases{
      {"16:9", "1280:720"}, {"9:16", "720:1280"}, {"4:3", "1104:832"},
      {"3:4", "832:1104"},  {"1:1", "960:960"},   {"7:3", "1584:672"}};  // IR ratios are reduced
  for (const auto& [ratio, pixels] : cases) {
    CAPTURE(ratio);
    Prompt ir = lighthouse();
    ir.params.aspect_ratio = ratio;
    Diagnostics diags;
    const Emitted out = emit(ir, &diags);
    CHECK(out.request["ratio"] == pixels);
    CHECK(diags.empty());
    CHECK(same_content(parse(out.text), ir));
  }
}

TEST_CASE("runway: other ratios snap to the nearest, with an info") {
  Prompt ir = lighthouse();
  ir.params.aspect_ratio = "3:2";
  Diagnostics diags;
  const Emitted out = emit(ir, &diags);
  CHECK(out.request["ratio"] == "1104:832");  // 3:2 is nearer 4:3 than 16:9 in log space
  CHECK(count(diags, Code::SnappedAspectRatio, "params.aspect_ratio") == 1);
  CHECK(out.text.find("Aspect ratio: 4:3") != std::string::npos);

  // Pixels alone give the ratio, with an info for each side (Runway picks the pixels).
  Prompt px = lighthouse();
  px.params.width = 1920;
  px.params.height = 1080;
  diags.clear();
  CHECK(emit(px, &diags).request["ratio"] == "1280:720");
  REQUIRE(diags.size() == 2);
  CHECK(diags[0].code == Code::ApproximatedParameter);
  CHECK(diags[1].code == Code::ApproximatedParameter);
}

TEST_CASE("runway: gen3a_turbo has two ratios of its own") {
  const Options gen3a{{"model", "gen3a_turbo"}};
  Prompt ir = lighthouse();
  Diagnostics diags;
  Emitted out = emit(ir, &diags, gen3a);
  CHECK(out.request["model"] == "gen3a_turbo");
  CHECK(out.request["ratio"] == "1280:768");
  ir.params.aspect_ratio = "9:16";
  CHECK(emit(ir, &diags, gen3a).request["ratio"] == "768:1280");
  CHECK(diags.empty());
  ir.params.aspect_ratio = "1:1";  // as far from 16:9 as from 9:16: the first wins
  out = emit(ir, &diags, gen3a);
  CHECK(out.request["ratio"] == "1280:768");
  CHECK(count(diags, Code::SnappedAspectRatio, "params.aspect_ratio") == 1);
  ir.params.aspect_ratio = "3:4";
  CHECK(emit(ir, &diags, gen3a).request["ratio"] == "768:1280");
  CHECK(emit(ir, nullptr, {{"model", "gen4.5"}}).request["model"] == "gen4.5");
}

TEST_CASE("runway: an unknown model is reported and gen4_turbo used") {
  Diagnostics diags;
  const Emitted out = emit(lighthouse(), &diags, {{"model", "gen9"}});
  CHECK(out.request["model"] == "gen4_turbo");
  CHECK(count(diags, Code::InvalidValue, "model") == 1);
}

TEST_CASE("runway: durations snap to 5 or 10 and stay integers") {
  const std::vector<std::pair<double, int>> cases{{5, 5},   {10, 10}, {4, 5},   {7, 5},
                                                  {7.5, 5}, {8, 10},  {15, 10}, {2, 5}};
  for (const auto& [asked, got] : cases) {
    CAPTURE(asked);
    Prompt ir = lighthouse();
    ir.params.duration_s = asked;
    Diagnostics diags;
    const Emitted out = emit(ir, &diags);
    CHECK(out.request["duration"] == got);
    CHECK(out.request["duration"].is_number_integer());
    CHECK(count(diags, Code::SnappedValue, "params.duration_s") == (asked == got ? 0u : 1u));
    CHECK(out.text.find("Duration: " + std::to_string(got) + "s") != std::string::npos);
  }
}

TEST_CASE("runway: a negative is dropped with a warning, never written as 'no X'") {
  Prompt ir = lighthouse();
  ir.negative = {term("blurry"), term("text")};
  Diagnostics diags;
  const Emitted out = emit(ir, &diags);
  CHECK(count(diags, Code::DroppedNegative, "negative") == 1);
  CHECK(out.prompt.find("blurry") == std::string::npos);
  CHECK(out.prompt.find("no ") == std::string::npos);
  CHECK(out.text.find("Negative") == std::string::npos);
  CHECK(out.negative_prompt.empty());
}

TEST_CASE("runway: the seed is carried; audio, steps and guidance are dropped") {
  Prompt ir = lighthouse();
  ir.params.seed = 42;
  ir.params.steps = 30;
  ir.params.guidance = 7;
  ir.audio.sfx = {"waves"};
  ir.motion_intensity = "high";
  Diagnostics diags;
  const Emitted out = emit(ir, &diags);
  CHECK(out.request["seed"] == 42);
  CHECK(out.text.find("Seed: 42") != std::string::npos);
  CHECK(count(diags, Code::DroppedAudio, "audio") == 1);
  CHECK(count(diags, Code::DroppedParameter, "params.steps") == 1);
  CHECK(count(diags, Code::DroppedParameter, "params.guidance") == 1);
  CHECK(count(diags, Code::DroppedMotion, "motion_intensity") == 1);
  CHECK(count(diags, Code::DroppedParameter, "params.seed") == 0);

  ir.params.seed = -1;  // outside the API's 0 to 2^32-1
  diags.clear();
  CHECK_FALSE(emit(ir, &diags).request.contains("seed"));
  CHECK(count(diags, Code::DroppedParameter, "params.seed") == 1);
}

TEST_CASE("runway: weights are dropped with one info per field, order kept") {
  Prompt ir = lighthouse();
  ir.subject = {term("a lighthouse", 1.3), term("a cliff", 0.8)};
  ir.style = {StyleTerm{term("watercolor", 1.2), StyleKind::Medium}};
  Diagnostics diags;
  const Emitted out = emit(ir, &diags);
  CHECK(out.prompt == "Slow dolly in: A lighthouse, a cliff, waves crashing below. Watercolor.");
  CHECK(count(diags, Code::ApproximatedWeight, "subject") == 1);
  CHECK(count(diags, Code::ApproximatedWeight, "style") == 1);
  CHECK(diags.size() == 2);
}

TEST_CASE("runway: an image prompt gets a no-motion info; boosters are dropped") {
  Prompt ir;
  ir.subject = {term("a castle on a hill")};
  ir.style = {StyleTerm{term("masterpiece"), StyleKind::Quality},
              StyleTerm{term("oil painting"), StyleKind::Medium}};
  ir.params.aspect_ratio = "16:9";
  Diagnostics diags;
  const Emitted out = emit(ir, &diags);
  CHECK(out.prompt == "A castle on a hill. Oil painting.");
  CHECK(count(diags, Code::NoMotion, "motion") == 1);
  CHECK(count(diags, Code::DroppedTerm, "style") == 1);
}

TEST_CASE("runway: a prompt over 1000 characters is reported, not cut") {
  Prompt ir = lighthouse();
  ir.subject = {term(std::string(1200, 'a'))};
  Diagnostics diags;
  const Emitted out = emit(ir, &diags);
  CHECK(out.prompt.size() > 1200);
  CHECK(count(diags, Code::PromptTooLong, "prompt") == 1);
}

TEST_CASE("runway: the text format round trips") {
  Prompt ir = lighthouse();
  ir.camera.angle = "high-angle";
  ir.params.aspect_ratio = "9:16";
  ir.params.duration_s = 10;
  ir.params.seed = 7;
  Diagnostics diags;
  const Emitted out = emit(ir, &diags);
  CHECK(diags.empty());
  CHECK(out.text ==
        "High angle, slow dolly in: A lighthouse on a cliff at dusk, waves crashing below.\n"
        "Aspect ratio: 9:16\nDuration: 10s\nSeed: 7");
  Diagnostics back_diags;
  CHECK(same_content(parse(out.text, &back_diags), ir));
  CHECK(back_diags.empty());
}

TEST_CASE("runway: the Gen-3 guide's run-together lead reads as camera words") {
  Diagnostics diags;
  const Prompt ir = parse(
      "Low angle static shot: The camera is angled up at a woman wearing all orange as she "
      "stands in a tropical rainforest with colorful flora. The dramatic sky is overcast and "
      "gray.",
      &diags);
  CHECK(diags.empty());
  CHECK(ir.camera.angle == "low-angle");
  REQUIRE(ir.camera.moves.size() == 1);
  CHECK(ir.camera.moves[0].move == "static");
  REQUIRE_FALSE(ir.subject.empty());
  CHECK(ir.subject[0].text.rfind("The camera is angled up", 0) == 0);
  REQUIRE(ir.camera.moves[0].span);
  CHECK(ir.camera.moves[0].span->begin == 10);  // "static shot"

  const Prompt handheld = parse("Handheld tracking shot: a man runs down an alley");
  CHECK(handheld.camera.moves.size() == 2);
  CHECK(parse("A sign reads: welcome home").camera.empty());
}

TEST_CASE("runway: the shared labelled lines are read") {
  Diagnostics diags;
  const Prompt ir = parse(
      "A fox runs through snow.\nNegative prompt: blurry, text\nAspect ratio: 1280:720\n"
      "Duration: 5 s\nSeed: 3\nCamera: slow pan left, low angle",
      &diags);
  CHECK(diags.empty());
  CHECK(ir.negative.size() == 2);
  CHECK(ir.params.aspect_ratio == "16:9");
  CHECK(ir.params.duration_s == 5);
  CHECK(ir.params.seed == 3);
  REQUIRE(ir.camera.moves.size() == 1);
  CHECK(ir.camera.moves[0].move == "pan-left");
  CHECK(ir.camera.angle == "low-angle");
  CHECK(ir.subject.size() == 1);

  diags.clear();
  const Prompt bad = parse("A fox.\nDuration: long\nAspect ratio: wide", &diags);
  CHECK(count(diags, Code::InvalidValue, "Duration") == 1);
  CHECK(count(diags, Code::InvalidValue, "Aspect ratio") == 1);
  CHECK_FALSE(bad.params.duration_s);
}

TEST_CASE("runway: detect looks for a camera lead") {
  CHECK(runway().detect("Slow dolly in: a lighthouse at dusk") == doctest::Approx(0.5));
  CHECK(runway().detect("Low angle static shot: The camera is angled up at a woman") ==
        doctest::Approx(0.5));
  CHECK(runway().detect("a lighthouse at dusk") == 0);
  CHECK(runway().detect("Camera: slow dolly in") == 0);
  CHECK(runway().detect("A sign reads: welcome") == 0);
}

// Every real text-to-video prompt reads and writes in both dialects without an error.
TEST_CASE("runway: real video prompts read and write in runway and luma (skipped without data)") {
  if (real_video_files().empty()) {
    MESSAGE("real video data not found; skipped");
    return;
  }
  const Dialect* dialects[] = {&runway(), builtin_registry().find("luma")};
  std::size_t lines = 0, errors = 0;
  for_each_real_video_line([&](const std::string&, const std::string& line) {
    if (line.empty()) return;
    ++lines;
    for (const Dialect* from : dialects) {
      Diagnostics diags;
      const Prompt ir = from->parse(line, {}, diags);
      for (const Dialect* to : dialects) to->emit(ir, {}, diags);
      if (has_severity(diags, Severity::Error)) {
        ++errors;
        if (errors <= 5) MESSAGE(from->name() << " error on: " << line);
      }
    }
  });
  CHECK(lines > 1000);
  CHECK(errors == 0);
}
