// Unit tests of the sora dialect: the Sora brief's audio form, what Sora drops, size and
// seconds, the text format, real data.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "common/video_test_support.h"
#include "promptport/promptport.h"

namespace {

using namespace promptport;
using namespace promptport::video_test;

const Dialect& sora() { return *builtin_registry().find("sora"); }
const Dialect& veo() { return *builtin_registry().find("veo"); }

Prompt parse(std::string_view text, Diagnostics* diags = nullptr) {
  Diagnostics local;
  return sora().parse(text, {}, diags ? *diags : local);
}

Emitted emit(const Prompt& ir, Diagnostics* diags = nullptr, const Options& options = {}) {
  Diagnostics local;
  return sora().emit(ir, options, diags ? *diags : local);
}

// What a Kling prompt reads into: a scene with motion, a dolly-in, a negative, a seed.
Prompt kling_like() {
  Prompt ir = lighthouse();
  ir.negative = {term("blurry"), term("low quality")};
  ir.params.aspect_ratio = "16:9";
  ir.params.duration_s = 5;
  return ir;
}

void check_audio(const Prompt& ir) {
  REQUIRE(ir.audio.dialogue.size() == 2);
  CHECK(ir.audio.dialogue[0].speaker == "Mara");
  CHECK(ir.audio.dialogue[0].line == "We made it.");
  CHECK(ir.audio.dialogue[1].speaker == "captain");
  CHECK(ir.audio.dialogue[1].line == "Hold on, the tide is turning.");
  CHECK(ir.audio.sfx == std::vector<std::string>{"a foghorn"});
  CHECK(ir.audio.ambience == std::vector<std::string>{"gulls and lapping water"});
  CHECK(ir.camera.shot == "wide");
  REQUIRE(ir.camera.moves.size() == 1);
  CHECK(ir.camera.moves[0].move == "dolly-in");
}

}  // namespace

TEST_CASE("sora: Cinematography, Dialogue and Background sound are read, inline or as blocks") {
  Diagnostics diags;
  const Prompt inline_form = parse(
      "A fishing boat at dawn. Cinematography: wide shot, slow dolly in. Dialogue: Mara: \"We "
      "made it.\" captain: \"Hold on, the tide is turning.\" SFX: a foghorn. Background sound: "
      "gulls and lapping water.",
      &diags);
  CHECK(diags.empty());
  check_audio(inline_form);
  REQUIRE(inline_form.subject.size() == 1);
  CHECK(inline_form.subject[0].text == "A fishing boat at dawn");

  const Prompt block_form = parse(
      "A fishing boat at dawn.\n\nCinematography: wide shot, slow dolly in\n\nDialogue:\n- "
      "Mara: \"We made it.\"\n- The captain: \"Hold on, the tide is turning.\"\n\nSFX: a "
      "foghorn\nBackground sound: gulls and lapping water.",
      &diags);
  CHECK(diags.empty());
  check_audio(block_form);
}

TEST_CASE("sora: audio is written in the brief's form") {
  Prompt ir;
  ir.subject = {term("A fishing boat at dawn")};
  ir.camera.shot = "wide";
  ir.camera.moves = {CameraMove{"dolly-in", "slow", {}}};
  ir.audio.dialogue = {{"Mara", "We made it."}, {"", "Hold on."}};
  ir.audio.sfx = {"a foghorn", "creaking ropes"};
  ir.audio.ambience = {"gulls"};
  Diagnostics diags;
  const Emitted out = emit(ir, &diags);
  CHECK(diags.empty());
  CHECK(out.prompt ==
        "A fishing boat at dawn. Cinematography: wide shot, slow dolly in. Dialogue: Mara: \"We "
        "made it.\" Voice: \"Hold on.\" SFX: a foghorn, creaking ropes. Background sound: gulls.");
  CHECK(out.request["prompt"] == out.prompt);
  CHECK(parse(out.prompt).audio.dialogue[1].speaker.empty());
}

TEST_CASE("sora: a Kling-like negative is dropped with a warning, never written as 'no X'") {
  Diagnostics diags;
  const Emitted out = emit(kling_like(), &diags);
  CHECK(has(diags, Code::DroppedNegative, "negative"));
  CHECK(has_severity(diags, Severity::Warning));
  CHECK(out.negative_prompt.empty());
  CHECK(out.prompt ==
        "A lighthouse on a cliff at dusk, waves crashing below. Cinematography: "
        "slow dolly in.");
  for (const std::string& s : {out.prompt, out.text}) {
    CHECK(s.find("no ") == std::string::npos);
    CHECK(s.find("No ") == std::string::npos);
    CHECK(s.find("blurry") == std::string::npos);
  }
  CHECK_FALSE(out.request.contains("negative_prompt"));
}

TEST_CASE("sora: the seed is dropped: the API has none") {
  Prompt ir = kling_like();
  ir.negative.clear();
  ir.params.seed = 42;
  Diagnostics diags;
  const Emitted out = emit(ir, &diags);
  CHECK(has(diags, Code::DroppedParameter, "params.seed"));
  CHECK_FALSE(out.request.contains("seed"));
  CHECK(out.text.find("Seed") == std::string::npos);
}

TEST_CASE("sora: size and seconds are strings snapped to Sora's values") {
  struct Case {
    const char* ratio;
    const char* size;
  };
  for (const Case c : {Case{"16:9", "1280x720"}, Case{"4:3", "1280x720"}, Case{"9:16", "720x1280"},
                       Case{"2:3", "720x1280"}, Case{"1:1", "1280x720"}}) {
    Prompt ir = kling_like();
    ir.params.aspect_ratio = c.ratio;
    Diagnostics diags;
    const Emitted out = emit(ir, &diags);
    CHECK(out.request["size"] == c.size);
    const bool snapped = std::string(c.ratio) != "16:9" && std::string(c.ratio) != "9:16";
    CHECK(has(diags, Code::SnappedAspectRatio, "params.aspect_ratio") == snapped);
  }
  struct Dur {
    double asked;
    const char* want;
  };
  for (const Dur d : {Dur{4, "4"}, Dur{5, "4"}, Dur{6, "4"}, Dur{7, "8"}, Dur{8, "8"}, Dur{10, "8"},
                      Dur{11, "12"}, Dur{12, "12"}, Dur{20, "12"}}) {
    Prompt ir = kling_like();
    ir.params.duration_s = d.asked;
    Diagnostics diags;
    const Emitted out = emit(ir, &diags);
    REQUIRE(out.request["seconds"].is_string());
    CHECK(out.request["seconds"] == d.want);
    CHECK(has(diags, Code::SnappedValue, "params.duration_s") ==
          (std::to_string(static_cast<int>(d.asked)) != d.want));
  }
  Prompt plain = kling_like();
  plain.params = {};
  plain.params.width = 720;
  plain.params.height = 1280;
  Diagnostics diags;
  const Emitted out = emit(plain, &diags);
  CHECK(out.request["size"] == "720x1280");
  CHECK(out.request["seconds"] == "4");
  CHECK(out.request["model"] == "sora-2");
  CHECK_FALSE(has(diags, Code::DroppedParameter, "params.width"));
  CHECK_FALSE(has(diags, Code::SnappedValue, "params.duration_s"));
}

TEST_CASE("sora: the model option") {
  Diagnostics diags;
  CHECK(emit(kling_like(), &diags, {{"model", "sora-2-pro"}}).request["model"] == "sora-2-pro");
  CHECK_FALSE(has(diags, Code::InvalidValue, "model"));
  CHECK(emit(kling_like(), &diags, {{"model", "sora-3"}}).request["model"] == "sora-2");
  CHECK(has(diags, Code::InvalidValue, "model"));
}

TEST_CASE("sora: the text format reads back to the same IR") {
  Prompt ir;
  ir.subject = {term("A fox trots across a snowy field")};
  ir.motion = {term("snow swirling around it")};
  StyleTerm film;
  film.text = "16mm film";
  film.kind = StyleKind::Medium;
  ir.style = {film};
  ir.camera.shot = "wide";
  ir.camera.angle = "low-angle";
  ir.camera.moves = {CameraMove{"pan-left", "", {}}};
  ir.audio.dialogue = {{"narrator", "Winter came early."}, {"Mara", "Keep moving."}};
  ir.audio.sfx = {"crunching snow"};
  ir.audio.ambience = {"howling wind", "distant bells"};
  ir.params.aspect_ratio = "9:16";
  ir.params.duration_s = 8;
  Diagnostics diags;
  const Emitted out = emit(ir, &diags);
  CHECK(diags.empty());
  CHECK(out.text ==
        "A fox trots across a snowy field, snow swirling around it. 16mm film. Cinematography: "
        "wide shot, low angle, pan left. Dialogue: narrator: \"Winter came early.\" Mara: \"Keep "
        "moving.\" SFX: crunching snow. Background sound: howling wind, distant bells.\nAspect "
        "ratio: "
        "9:16\nDuration: 8s");
  Diagnostics back_diags;
  const Prompt back = parse(out.text, &back_diags);
  CHECK(back_diags.empty());
  CHECK(same_content(back, ir));
}

TEST_CASE("sora: common labelled lines are read, the negative kept for other platforms") {
  Diagnostics diags;
  const Prompt ir = parse(
      "A city street at night\nNegative prompt: blurry, text\nAspect ratio: 9:16\nDuration: "
      "12s\nSeed: 3\nCamera: handheld, close-up shot",
      &diags);
  CHECK(diags.empty());
  REQUIRE(ir.negative.size() == 2);
  CHECK(ir.negative[1].text == "text");
  CHECK(ir.params.aspect_ratio == "9:16");
  CHECK(ir.params.duration_s == 12);
  CHECK(ir.params.seed == 3);
  CHECK(ir.camera.shot == "close-up");
  diags.clear();
  parse("x\nDuration: forever", &diags);
  CHECK(has(diags, Code::InvalidValue, "Duration"));
}

TEST_CASE("sora: detect looks for the Cinematography block") {
  CHECK(sora().detect("A boat. Cinematography: wide shot.") == doctest::Approx(0.8));
  CHECK(sora().detect("A boat at dawn. SFX: gulls.") == 0);
}

TEST_CASE("sora: every real video prompt is read and written by sora and veo without errors") {
  const std::size_t lines = check_real_video(sora(), {&sora(), &veo()});
  MESSAGE(lines << " real prompts checked (" << real_video_files().size() << " of "
                << video_file_names().size() << " files present)");
}
