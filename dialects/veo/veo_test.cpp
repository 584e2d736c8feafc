// Unit tests of the veo dialect: audio, negativePrompt, settings, the text format, real data.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "common/video_test_support.h"
#include "promptport/promptport.h"

namespace {

using namespace promptport;
using namespace promptport::video_test;

const Dialect& veo() { return *builtin_registry().find("veo"); }
const Dialect& sora() { return *builtin_registry().find("sora"); }

Prompt parse(std::string_view text, Diagnostics* diags = nullptr) {
  Diagnostics local;
  return veo().parse(text, {}, diags ? *diags : local);
}

Emitted emit(const Prompt& ir, Diagnostics* diags = nullptr, const Options& options = {}) {
  Diagnostics local;
  return veo().emit(ir, options, diags ? *diags : local);
}

StyleTerm style(std::string text, StyleKind kind) {
  StyleTerm t;
  t.text = std::move(text);
  t.kind = kind;
  return t;
}

// What a Kling prompt reads into: a scene with motion, a dolly-in and a negative prompt.
Prompt kling_like() {
  Prompt ir = lighthouse();
  ir.negative = {term("blurry"), term("low quality"), term("text")};
  ir.params.aspect_ratio = "16:9";
  ir.params.duration_s = 5;
  return ir;
}

}  // namespace

TEST_CASE("veo: dialogue with its speaker, SFX and ambient noise are read into audio") {
  Diagnostics diags;
  const Prompt ir = parse(
      "A woman stands on a pier at dawn. The woman says, \"We made it.\" SFX: a foghorn "
      "sounds in the distance. Ambient noise: gulls and lapping water.",
      &diags);
  CHECK(diags.empty());
  REQUIRE(ir.audio.dialogue.size() == 1);
  CHECK(ir.audio.dialogue[0].speaker == "woman");
  CHECK(ir.audio.dialogue[0].line == "We made it.");
  CHECK(ir.audio.sfx == std::vector<std::string>{"a foghorn sounds in the distance"});
  CHECK(ir.audio.ambience == std::vector<std::string>{"gulls and lapping water"});
  REQUIRE(ir.subject.size() == 1);
  CHECK(ir.subject[0].text == "A woman stands on a pier at dawn");
}

TEST_CASE("veo: audio is written as Veo's sentences after the scene and camera") {
  Prompt ir;
  ir.subject = {term("A woman stands on a pier at dawn")};
  ir.camera.shot = "close-up";
  ir.camera.moves = {CameraMove{"dolly-in", "slow", {}}};
  ir.audio.dialogue = {{"woman", "We made it."}, {"", "Hurry."}};
  ir.audio.sfx = {"a foghorn sounds"};
  ir.audio.ambience = {"gulls"};
  Diagnostics diags;
  const Emitted out = emit(ir, &diags);
  CHECK(diags.empty());
  CHECK(out.prompt ==
        "A woman stands on a pier at dawn. Camera: close-up shot, slow dolly in. The woman "
        "says, \"We made it.\" A voice says, \"Hurry.\" SFX: a foghorn sounds. Ambient noise: "
        "gulls.");
  CHECK(out.request["parameters"]["generateAudio"] == true);
}

TEST_CASE("veo: a Kling-like negative fills negativePrompt as plain nouns") {
  Diagnostics diags;
  const Emitted out = emit(kling_like(), &diags);
  CHECK(out.negative_prompt == "blurry, low quality, text");
  CHECK(out.request["parameters"]["negativePrompt"] == "blurry, low quality, text");
  CHECK_FALSE(has(diags, Code::DroppedNegative, "negative"));
  CHECK(out.prompt ==
        "A lighthouse on a cliff at dusk, waves crashing below. Camera: slow dolly in.");
  // "no X" adds X on most models: never written.
  for (const std::string& s : {out.prompt, out.negative_prompt, out.text}) {
    CHECK(s.find("no ") == std::string::npos);
    CHECK(s.find("No ") == std::string::npos);
  }
  Prompt none = kling_like();
  none.negative.clear();
  CHECK_FALSE(emit(none).request["parameters"].contains("negativePrompt"));
}

TEST_CASE("veo: the request is Vertex's predictLongRunning body with its types") {
  Prompt ir = kling_like();
  ir.params.seed = 42;
  const Emitted out = emit(ir);
  REQUIRE(out.request["instances"].is_array());
  CHECK(out.request["instances"][0]["prompt"] == out.prompt);
  const auto& p = out.request["parameters"];
  CHECK(p["aspectRatio"] == "16:9");
  CHECK(p["durationSeconds"].is_number_integer());
  CHECK(p["durationSeconds"] == 4);
  CHECK(p["generateAudio"] == true);
  CHECK(p["resolution"] == "720p");
  CHECK(p["seed"] == 42);
  CHECK(p["sampleCount"] == 1);

  Diagnostics diags;
  const Emitted opt = emit(ir, &diags, {{"resolution", "1080p"}, {"audio", "off"}});
  CHECK(opt.request["parameters"]["resolution"] == "1080p");
  CHECK(opt.request["parameters"]["generateAudio"] == false);
  diags.clear();
  const Emitted bad = emit(ir, &diags, {{"resolution", "8k"}, {"audio", "maybe"}});
  CHECK(has(diags, Code::InvalidValue, "resolution"));
  CHECK(has(diags, Code::InvalidValue, "audio"));
  CHECK(bad.request["parameters"]["resolution"] == "720p");
  CHECK(bad.request["parameters"]["generateAudio"] == true);
}

TEST_CASE("veo: the seed is kept; one outside uint32 is dropped") {
  Prompt ir = kling_like();
  ir.params.seed = 7;
  Diagnostics diags;
  CHECK(emit(ir, &diags).request["parameters"]["seed"] == 7);
  CHECK_FALSE(has(diags, Code::DroppedParameter, "params.seed"));
  ir.params.seed = -1;
  diags.clear();
  CHECK_FALSE(emit(ir, &diags).request["parameters"].contains("seed"));
  CHECK(has(diags, Code::DroppedParameter, "params.seed"));
}

TEST_CASE("veo: aspect ratio and duration snap to 16:9/9:16 and 4/6/8 seconds") {
  struct Case {
    const char* ratio;
    const char* want;
  };
  for (const Case c : {Case{"16:9", "16:9"}, Case{"4:3", "16:9"}, Case{"21:9", "16:9"},
                       Case{"2:3", "9:16"}, Case{"9:16", "9:16"}, Case{"1:1", "16:9"}}) {
    Prompt ir = kling_like();
    ir.params.aspect_ratio = c.ratio;
    Diagnostics diags;
    CHECK(emit(ir, &diags).request["parameters"]["aspectRatio"] == c.want);
    CHECK(has(diags, Code::SnappedAspectRatio, "params.aspect_ratio") ==
          (std::string(c.ratio) != c.want));
  }
  struct Dur {
    double asked;
    int want;
  };
  for (const Dur d :
       {Dur{4, 4}, Dur{5, 4}, Dur{6, 6}, Dur{7, 6}, Dur{8, 8}, Dur{10, 8}, Dur{2, 4}}) {
    Prompt ir = kling_like();
    ir.params.duration_s = d.asked;
    Diagnostics diags;
    CHECK(emit(ir, &diags).request["parameters"]["durationSeconds"] == d.want);
    CHECK(has(diags, Code::SnappedValue, "params.duration_s") == (d.asked != d.want));
  }
  Prompt plain = kling_like();
  plain.params = {};
  Diagnostics diags;
  const Emitted out = emit(plain, &diags);
  CHECK(out.request["parameters"]["aspectRatio"] == "16:9");
  CHECK(out.request["parameters"]["durationSeconds"] == 8);
  CHECK_FALSE(has(diags, Code::SnappedValue, "params.duration_s"));
  CHECK(out.text.find("Duration") == std::string::npos);
}

TEST_CASE("veo: the text format reads back to the same IR") {
  Prompt ir;
  ir.subject = {term("A fox trots across a snowy field")};
  ir.motion = {term("snow swirling around it")};
  ir.style = {style("Watercolor", StyleKind::Medium)};
  ir.camera.shot = "wide";
  ir.camera.angle = "low-angle";
  ir.camera.moves = {CameraMove{"pan-left", "", {}}};
  ir.negative = {term("blurry"), term("watermark")};
  ir.audio.dialogue = {{"narrator", "Winter came early."}};
  ir.audio.sfx = {"crunching snow", "a branch snaps"};
  ir.audio.ambience = {"howling wind"};
  ir.params.aspect_ratio = "9:16";
  ir.params.duration_s = 6;
  ir.params.seed = 1234;
  ir.extensions["veo"]["resolution"] = "1080p";
  ir.extensions["veo"]["generate_audio"] = true;
  Diagnostics diags;
  const Emitted out = emit(ir, &diags);
  CHECK(diags.empty());
  CHECK(out.text ==
        "A fox trots across a snowy field, snow swirling around it. Watercolor. Camera: wide "
        "shot, low angle, pan left. The narrator says, \"Winter came early.\" SFX: crunching "
        "snow, a branch snaps. Ambient noise: howling wind.\nNegative prompt: blurry, "
        "watermark\nAspect ratio: "
        "9:16\nDuration: 6s\nSeed: 1234\nResolution: 1080p\nAudio: on");
  Diagnostics back_diags;
  const Prompt back = parse(out.text, &back_diags);
  CHECK(back_diags.empty());
  CHECK(same_content(back, ir));
}

TEST_CASE("veo: labelled lines: duration forms, Camera, bad values reported") {
  Diagnostics diags;
  Prompt ir =
      parse("A city street at night\nDuration: 6 s\nCamera: drone shot, slow pan right", &diags);
  CHECK(diags.empty());
  CHECK(ir.params.duration_s == 6);
  REQUIRE_FALSE(ir.camera.moves.empty());
  CHECK(ir.camera.moves.back().move == "pan-right");
  CHECK(ir.camera.moves.back().speed == "slow");
  CHECK(parse("x\nDuration: 4").params.duration_s == 4);
  diags.clear();
  ir = parse("x\nDuration: long\nAspect ratio: wide\nResolution: 8k\nSeed: abc", &diags);
  CHECK(has(diags, Code::InvalidValue, "Duration"));
  CHECK(has(diags, Code::InvalidValue, "Aspect ratio"));
  CHECK(has(diags, Code::InvalidValue, "Resolution"));
  CHECK(has(diags, Code::InvalidValue, "Seed"));
  CHECK(ir.params.empty());
  CHECK(parse("x\nAspect ratio: 1920:1080").params.aspect_ratio == "16:9");
}

TEST_CASE("veo: weights are written plainly, one approximated-weight per field") {
  Prompt ir;
  ir.subject = {term("a red fox", 1.3), term("snow", 0.8)};
  ir.style = {style("watercolor", StyleKind::Medium)};
  ir.style[0].weight = 1.2;
  Diagnostics diags;
  const Emitted out = emit(ir, &diags);
  CHECK(out.prompt == "A red fox, snow. Watercolor.");
  CHECK(std::count_if(diags.begin(), diags.end(),
                      [](const Diagnostic& d) { return d.code == Code::ApproximatedWeight; }) == 2);
  CHECK(has(diags, Code::ApproximatedWeight, "subject"));
  CHECK(has(diags, Code::ApproximatedWeight, "style"));
}

TEST_CASE("veo: an image prompt gets one no-motion info") {
  Prompt ir;
  ir.subject = {term("a red fox in deep snow")};
  ir.camera.shot = "close-up";
  Diagnostics diags;
  emit(ir, &diags);
  CHECK(has(diags, Code::NoMotion, "motion"));
  CHECK(diags.size() == 1);
}

TEST_CASE("veo: detect looks for Veo's audio idiom") {
  CHECK(veo().detect("A man on a boat. SFX: thunder.") == doctest::Approx(0.6));
  CHECK(veo().detect("A woman says, \"Hello.\"") == doctest::Approx(0.6));
  CHECK(veo().detect("Ambient noise: rain.") == doctest::Approx(0.6));
  CHECK(veo().detect("a red fox in the snow") == 0);
}

TEST_CASE("veo: every real video prompt is read and written by veo and sora without errors") {
  const std::size_t lines = check_real_video(veo(), {&veo(), &sora()});
  MESSAGE(lines << " real prompts checked (" << real_video_files().size() << " of "
                << video_file_names().size() << " files present)");
}
