// Unit tests of the Pika dialect: the inline flags and their values, one camera type per
// prompt, the Pika 2.x request, the text format, detection and every real video prompt.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "common/video_test_support.h"
#include "pika/pika_internal.h"
#include "promptport/promptport.h"

namespace {

using namespace promptport;
using namespace promptport::video_test;

const Dialect& dialect() { return *builtin_registry().find("pika"); }

Prompt parse(std::string_view text, Diagnostics* diags = nullptr) {
  Diagnostics local;
  return dialect().parse(text, {}, diags ? *diags : local);
}

Emitted emit(const Prompt& ir, Diagnostics* diags = nullptr, const Options& options = {}) {
  Diagnostics local;
  return dialect().emit(ir, options, diags ? *diags : local);
}

std::vector<std::string> moves_of(const Prompt& ir) {
  std::vector<std::string> out;
  for (const auto& m : ir.camera.moves) out.push_back(m.move);
  return out;
}

CameraMove move(std::string name, std::string speed = "") {
  return CameraMove{std::move(name), std::move(speed), std::nullopt};
}

}  // namespace

TEST_CASE("pika: every flag of the bot is read") {
  Diagnostics diags;
  const std::string src =
      "A golden retriever chasing a red ball across a lawn -ar 9:16 -neg \"blurry, distorted\" "
      "-motion 3 -camera zoom in -gs 16 -fps 20 -seed 7";
  const Prompt ir = parse(src, &diags);
  CHECK(diags.empty());
  REQUIRE(ir.subject.size() == 1);
  CHECK(ir.subject[0].text == "A golden retriever chasing a red ball across a lawn");
  REQUIRE(ir.negative.size() == 2);
  CHECK(ir.negative[0].text == "blurry");
  CHECK(ir.negative[1].text == "distorted");
  CHECK(ir.negative[1].span == Span{75, 84});
  CHECK(ir.motion_intensity == "high");
  CHECK(moves_of(ir) == std::vector<std::string>{"zoom-in"});
  CHECK(ir.params.aspect_ratio == "9:16");
  CHECK(ir.params.guidance == 16);
  CHECK(ir.params.seed == 7);
  CHECK(ir.extensions == nlohmann::json{{"pika", {{"fps", 20}}}});
  const Emitted out = emit(ir, &diags);
  // The intensity is written on Pika's own scale: an info, nothing lost.
  CHECK(diags.size() == 1);
  CHECK(count(diags, Code::ApproximatedParameter, "motion_intensity") == 1);
  CHECK(out.prompt ==
        "A golden retriever chasing a red ball across a lawn. -ar 9:16 -neg \"blurry, "
        "distorted\" -motion 3 -camera zoom in -gs 16 -fps 20 -seed 7");
  CHECK(same_content(parse(out.prompt), ir));
}

TEST_CASE("pika: -camera values: zoom, one or two pan directions, rotate") {
  struct Case {
    const char* value;
    std::vector<std::string> moves;
  };
  for (const Case& c :
       {Case{"zoom in", {"zoom-in"}}, Case{"zoom out", {"zoom-out"}},
        Case{"pan left", {"pan-left"}}, Case{"pan right", {"pan-right"}},
        Case{"pan up", {"tilt-up"}}, Case{"pan down", {"tilt-down"}},
        Case{"pan up left", {"tilt-up", "pan-left"}},
        Case{"pan right down", {"pan-right", "tilt-down"}},
        Case{"rotate clockwise", {"roll-right"}}, Case{"rotate cw", {"roll-right"}},
        Case{"rotate counterclockwise", {"roll-left"}}, Case{"rotate anticlockwise", {"roll-left"}},
        Case{"rotate ccw", {"roll-left"}}, Case{"rotate acw", {"roll-left"}}}) {
    CAPTURE(c.value);
    Diagnostics diags;
    const Prompt ir = parse(std::string("a tram crossing a bridge -camera ") + c.value, &diags);
    CHECK(diags.empty());
    CHECK(moves_of(ir) == c.moves);
  }
  // Conflicting directions and unknown types are invalid, kept in extensions.
  for (const char* bad : {"pan left right", "pan up down", "orbit left", "zoom sideways", "pan"}) {
    CAPTURE(bad);
    Diagnostics diags;
    const Prompt ir = parse(std::string("a tram -camera ") + bad, &diags);
    CHECK(ir.camera.moves.empty());
    CHECK(count(diags, Code::InvalidValue, "extensions.pika.camera") == 1);
    CHECK(ir.extensions["pika"]["camera"] == bad);
  }
}

TEST_CASE("pika: one camera type per prompt: the first is -camera, the others are reported") {
  Prompt ir;
  ir.subject = {term("a paper boat drifting down a rain gutter")};
  ir.camera.moves = {move("pan-left"), move("pedestal-up"), move("orbit-right")};
  Diagnostics diags;
  Emitted out = emit(ir, &diags);
  CHECK(out.prompt ==
        "A paper boat drifting down a rain gutter. Camera: orbit right. -camera pan left");
  CHECK(count(diags, Code::DroppedParameter, "camera.moves") == 1);
  CHECK(diags.size() == 1);
  CHECK(out.request["prompt"] ==
        "A paper boat drifting down a rain gutter. Camera: pan left, orbit right.");

  // A pan on the other axis right after joins it: one type, two directions.
  ir.camera.moves = {move("pan-left"), move("tilt-up")};
  diags.clear();
  CHECK(emit(ir, &diags).prompt == "A paper boat drifting down a rain gutter. -camera pan up left");
  // Pika calls the tilt "pan up": an info.
  CHECK(diags.size() == 1);
  CHECK(count(diags, Code::ApproximatedParameter, "camera.moves") == 1);

  // An exact move wins over an earlier near one; the near one is dropped.
  ir.camera.moves = {move("truck-left"), move("zoom-in")};
  diags.clear();
  CHECK(emit(ir, &diags).prompt == "A paper boat drifting down a rain gutter. -camera zoom in");
  CHECK(count(diags, Code::DroppedParameter, "camera.moves") == 1);

  // Only a near one: written, with an info; a speed is dropped.
  ir.camera.moves = {move("dolly-in", "slow")};
  diags.clear();
  CHECK(emit(ir, &diags).prompt == "A paper boat drifting down a rain gutter. -camera zoom in");
  CHECK(count(diags, Code::ApproximatedParameter, "camera.moves") == 1);
  CHECK(count(diags, Code::DroppedParameter, "camera.moves") == 1);
}

TEST_CASE("pika: the Hailuo example keeps the first move and reports the second") {
  const Dialect& hailuo = *builtin_registry().find("hailuo");
  Diagnostics read;
  const Prompt ir =
      hailuo.parse("[Pan left,Pedestal up] a paper boat drifting down a rain gutter", {}, read);
  CHECK(read.empty());
  Diagnostics diags;
  const Emitted out = emit(ir, &diags);
  CHECK(out.prompt == "A paper boat drifting down a rain gutter. -camera pan left");
  REQUIRE(diags.size() == 1);
  CHECK(diags[0].code == Code::DroppedParameter);
  CHECK(diags[0].field == "camera.moves");
  CHECK(diags[0].span == Span{10, 21});
}

TEST_CASE("pika: -neg quoted, curly-quoted, unquoted and unterminated") {
  Diagnostics diags;
  Prompt ir = parse("a lake at dawn -neg text, watermark -seed 3", &diags);
  CHECK(diags.empty());
  REQUIRE(ir.negative.size() == 2);
  CHECK(ir.negative[1].text == "watermark");
  CHECK(ir.params.seed == 3);

  ir = parse(
      "a lake at dawn -neg \xE2\x80\x9C"
      "fog, people\xE2\x80\x9D -ar 1:1",
      &diags);
  CHECK(diags.empty());
  REQUIRE(ir.negative.size() == 2);
  CHECK(ir.negative[0].text == "fog");
  CHECK(ir.params.aspect_ratio == "1:1");

  ir = parse("a lake at dawn -neg \"fog, people -ar 1:1", &diags);
  CHECK(count(diags, Code::UnbalancedBracket, "\"") == 1);
  CHECK(ir.negative.size() == 2);
  CHECK_FALSE(ir.params.aspect_ratio);

  // A quote inside the negative becomes a single quote.
  Prompt q;
  q.subject = {term("a sign")};
  q.negative = {term("the word \"sale\"")};
  diags.clear();
  CHECK(emit(q, &diags).prompt == "A sign. -neg \"the word 'sale'\"");
  CHECK(count(diags, Code::ApproximatedParameter, "negative") == 1);
}

TEST_CASE("pika: unknown flags are kept and written back; -hide too") {
  Diagnostics diags;
  const Prompt ir = parse("A neon alley in the rain -ar 16:9 -hide -stlye anime -x", &diags);
  CHECK(count(diags, Code::UnknownParameter, "-stlye") == 1);
  CHECK(count(diags, Code::UnknownParameter, "-x") == 1);
  CHECK(diags.size() == 2);
  CHECK(ir.extensions ==
        nlohmann::json{{"pika", {{"hide", true}, {"stlye", "anime"}, {"x", true}}}});
  const Emitted out = emit(ir, &diags);
  CHECK(out.prompt == "A neon alley in the rain. -ar 16:9 -stlye anime -x -hide");
  CHECK(same_content(parse(out.prompt), ir));
  // Other platforms drop them.
  Diagnostics kd;
  builtin_registry().find("kling")->emit(ir, {}, kd);
  CHECK(has(kd, Code::DroppedParameter, "extensions.pika.hide"));
}

TEST_CASE("pika: bad and out-of-range values are kept in extensions, written back snapped") {
  Diagnostics diags;
  const Prompt ir = parse("a kite -motion 7 -fps 30 -gs 40 -ar wide -seed x -camera", &diags);
  CHECK(count(diags, Code::OutOfRange, "extensions.pika.motion") == 1);
  CHECK(count(diags, Code::OutOfRange, "extensions.pika.fps") == 1);
  CHECK(count(diags, Code::OutOfRange, "extensions.pika.gs") == 1);
  CHECK(count(diags, Code::InvalidValue, "extensions.pika.ar") == 1);
  CHECK(count(diags, Code::InvalidValue, "extensions.pika.seed") == 1);
  CHECK(count(diags, Code::MissingValue, "-camera") == 1);
  CHECK(ir.motion_intensity.empty());
  CHECK_FALSE(ir.params.guidance);
  diags.clear();
  const Emitted out = emit(ir, &diags);
  CHECK(out.prompt == "A kite. -ar wide -motion 4 -gs 25 -fps 24 -seed x");
  CHECK(count(diags, Code::SnappedValue, "extensions.pika.motion") == 1);
  CHECK(count(diags, Code::SnappedValue, "extensions.pika.fps") == 1);
  CHECK(count(diags, Code::SnappedValue, "extensions.pika.gs") == 1);
}

TEST_CASE("pika: -motion and the IR's motion intensity") {
  for (const auto& [value, intensity] : std::vector<std::pair<int, std::string>>{
           {0, "low"}, {1, "low"}, {2, "medium"}, {3, "high"}, {4, "high"}}) {
    CAPTURE(value);
    const Prompt ir = parse("a river -motion " + std::to_string(value));
    CHECK(ir.motion_intensity == intensity);
    CHECK(ir.extensions.contains("pika") == (value == 0 || value == 4));
    CHECK(emit(ir).prompt == "A river. -motion " + std::to_string(value));
  }
  Prompt mj;
  mj.subject = {term("a river")};
  mj.motion_intensity = "medium";
  CHECK(emit(mj).prompt == "A river. -motion 2");
}

TEST_CASE("pika: words after a value are text after the parameters") {
  Diagnostics diags;
  const Prompt ir = parse("a koi pond -ar 4:5 with lily pads -camera zoom out slowly", &diags);
  CHECK(count(diags, Code::TextAfterParameters, "with lily pads") == 1);
  CHECK(count(diags, Code::TextAfterParameters, "slowly") == 1);
  CHECK(ir.params.aspect_ratio == "4:5");
  CHECK(moves_of(ir) == std::vector<std::string>{"zoom-out"});
  REQUIRE(ir.subject.size() == 3);
  CHECK(ir.subject[1].text == "with lily pads");
  CHECK(ir.subject[2].text == "slowly");
  // A word that only looks like a flag before the parameters is prose.
  const Prompt prose = parse("a well -known tune -ar 1:1");
  REQUIRE(prose.subject.size() == 1);
  CHECK(prose.subject[0].text == "a well -known tune");
}

TEST_CASE("pika: the request is the Pika 2.x body") {
  Prompt ir = lighthouse();
  ir.negative = {term("blurry")};
  ir.params.aspect_ratio = "21:9";
  ir.params.duration_s = 8;
  ir.params.seed = 42;
  Diagnostics diags;
  const Emitted out = emit(ir, &diags, {{"resolution", "1080p"}});
  CHECK(out.request == nlohmann::json{{"prompt",
                                       "A lighthouse on a cliff at dusk, waves crashing below. "
                                       "Camera: slow dolly in."},
                                      {"negative_prompt", "blurry"},
                                      {"aspect_ratio", "16:9"},
                                      {"resolution", "1080p"},
                                      {"duration", 10},
                                      {"seed", 42}});
  CHECK(out.prompt ==
        "A lighthouse on a cliff at dusk, waves crashing below. -ar 16:9 -neg \"blurry\" -camera "
        "zoom in -seed 42");
  CHECK(out.negative_prompt == "blurry");
  CHECK(has(diags, Code::SnappedAspectRatio, "params.aspect_ratio"));
  CHECK(has(diags, Code::SnappedValue, "params.duration_s"));
  CHECK(out.text == out.prompt + "\nDuration: 10s\nResolution: 1080p");
}

TEST_CASE("pika: the text format reads back to the same IR") {
  Prompt ir;
  ir.subject = {term("A fox trots across a snowy field")};
  ir.motion = {term("snow swirling around it")};
  ir.camera.shot = "wide";
  ir.camera.moves = {move("pan-right")};
  ir.negative = {term("text"), term("watermark")};
  ir.params.aspect_ratio = "5:4";
  ir.params.duration_s = 10;
  ir.params.guidance = 12;
  ir.params.seed = 99;
  ir.motion_intensity = "low";
  ir.extensions["pika"]["resolution"] = "1080p";
  Diagnostics diags;
  const Emitted out = emit(ir, &diags);
  CHECK(diags.size() == 1);
  CHECK(count(diags, Code::ApproximatedParameter, "motion_intensity") == 1);
  CHECK(out.text ==
        "A fox trots across a snowy field, snow swirling around it. Camera: wide shot. -ar 5:4 "
        "-neg \"text, watermark\" -motion 1 -camera pan right -gs 12 -seed 99\nDuration: "
        "10s\nResolution: 1080p");
  Diagnostics back_diags;
  CHECK(same_content(parse(out.text, &back_diags), ir));
  CHECK(back_diags.empty());
}

TEST_CASE("pika: detection: single-dash flags, not Midjourney's double dash") {
  CHECK(dialect().detect("a boat -ar 16:9 -camera pan left") == doctest::Approx(0.97));
  CHECK(dialect().detect("a boat -neg \"text\"") == doctest::Approx(0.97));
  CHECK(dialect().detect("a boat -ar 16:9") == doctest::Approx(0.96));
  CHECK(dialect().detect("a boat -motion 2 -seed 7") == doctest::Approx(0.96));
  CHECK(dialect().detect("a boat --ar 16:9 -camera pan left") == 0);
  CHECK(dialect().detect("a boat --ar 16:9") == 0);
  CHECK(dialect().detect("a well-known boat") == 0);
  CHECK(dialect().detect("a boat -ar wide") == 0);
}

TEST_CASE("pika: every real video prompt, read by each video dialect, is written") {
  std::vector<const Dialect*> readers;
  for (const char* name : {"kling", "runway", "luma", "veo", "sora", "hailuo", "pika"})
    readers.push_back(builtin_registry().find(name));
  std::size_t lines = 0;
  for (const Dialect* from : readers) lines = check_real_video(*from, {&dialect()});
  MESSAGE(lines << " real prompts checked per reader (" << real_video_files().size() << " of "
                << video_file_names().size() << " files present)");
}
