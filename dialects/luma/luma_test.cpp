// Unit tests of the luma dialect (its real-data check is in runway_test.cpp).
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "common/video_test_support.h"
#include "luma/luma_internal.h"
#include "promptport/promptport.h"

namespace {

using namespace promptport;
using namespace promptport::video_test;

const Dialect& luma_dialect() { return *builtin_registry().find("luma"); }

Prompt parse(std::string_view text, Diagnostics* diags = nullptr) {
  Diagnostics local;
  return luma_dialect().parse(text, {}, diags ? *diags : local);
}

Emitted emit(const Prompt& ir, Diagnostics* diags = nullptr, Options options = {}) {
  Diagnostics local;
  return luma_dialect().emit(ir, options, diags ? *diags : local);
}

nlohmann::json keys(std::initializer_list<const char*> ks) {
  nlohmann::json out = nlohmann::json::array();
  for (const char* k : ks) out.push_back({{"key", k}});
  return out;
}

}  // namespace

TEST_CASE("luma: prose with a camera sentence, and the move as a concept") {
  Diagnostics diags;
  const Emitted out = emit(lighthouse(), &diags);
  CHECK(out.prompt ==
        "A lighthouse on a cliff at dusk, waves crashing below. Camera: slow dolly in.");
  CHECK(out.request["model"] == "ray-2");
  CHECK(out.request["prompt"] == out.prompt);
  CHECK(out.request["aspect_ratio"] == "16:9");
  CHECK(out.request["duration"] == "5s");
  CHECK(out.request["resolution"] == "720p");
  CHECK(out.request["concepts"] == keys({"push_in"}));
  CHECK_FALSE(out.request.contains("loop"));
  CHECK(out.text == out.prompt + "\nConcepts: push_in");
  CHECK(diags.empty());
}

TEST_CASE("luma: every mapped move and angle has its concept key") {
  const std::vector<std::pair<std::string, std::string>> moves{
      {"pan-left", "pan_left"},       {"pan-right", "pan_right"},
      {"tilt-up", "tilt_up"},         {"tilt-down", "tilt_down"},
      {"truck-left", "truck_left"},   {"truck-right", "truck_right"},
      {"pedestal-up", "pedestal_up"}, {"pedestal-down", "pedestal_down"},
      {"roll-left", "roll_left"},     {"roll-right", "roll_right"},
      {"zoom-in", "zoom_in"},         {"zoom-out", "zoom_out"},
      {"dolly-in", "push_in"},        {"dolly-out", "pull_out"},
      {"orbit-left", "orbit_left"},   {"orbit-right", "orbit_right"},
      {"crane-up", "crane_up"},       {"crane-down", "crane_down"},
      {"dolly-zoom", "dolly_zoom"},   {"static", "static"},
      {"handheld", "handheld"},       {"aerial", "aerial"}};
  for (const auto& [move, key] : moves) {
    CAPTURE(move);
    Prompt ir;
    ir.subject = {term("A fox")};
    ir.camera.moves = {CameraMove{move, "", {}}};
    Diagnostics diags;
    const Emitted out = emit(ir, &diags);
    CHECK(out.request["concepts"] == keys({key.c_str()}));
    CHECK(diags.empty());
    // The prose states the move too, and the text reads back to the same IR.
    CHECK(same_content(parse(out.text), ir));
  }
  const std::vector<std::pair<std::string, std::string>> angles{
      {"overhead", "overhead"},
      {"high-angle", "high_angle"},
      {"low-angle", "low_angle"},
      {"eye-level", "eye_level"},
      {"pov", "pov"},
      {"over-the-shoulder", "over_the_shoulder"}};
  for (const auto& [angle, key] : angles) {
    CAPTURE(angle);
    Prompt ir;
    ir.subject = {term("A fox")};
    ir.camera.angle = angle;
    const Emitted out = emit(ir);
    CHECK(out.request["concepts"] == keys({key.c_str()}));
    // pov is written "first-person point of view", which the vocabulary does not read back.
    if (angle != "pov") CHECK(same_content(parse(out.text), ir));
  }
}

TEST_CASE("luma: moves without a key stay in prose only; keys are listed once") {
  Prompt ir;
  ir.subject = {term("A runner")};
  ir.camera.angle = "low-angle";
  ir.camera.moves = {CameraMove{"tracking", "", {}}, CameraMove{"pan-left", "fast", {}},
                     CameraMove{"whip-pan", "", {}}, CameraMove{"pan-left", "", {}}};
  const Emitted out = emit(ir);
  CHECK(out.prompt ==
        "A runner. Camera: low angle, tracking shot, fast pan left, whip pan, pan left.");
  CHECK(out.request["concepts"] == keys({"pan_left", "low_angle"}));
  CHECK(out.text.find("\nConcepts: pan_left, low_angle") != std::string::npos);

  Prompt none;
  none.subject = {term("A runner")};
  none.camera.moves = {CameraMove{"fpv", "", {}}, CameraMove{"rack-focus", "", {}}};
  const Emitted plain = emit(none);
  CHECK_FALSE(plain.request.contains("concepts"));
  CHECK(plain.text.find("Concepts") == std::string::npos);
}

TEST_CASE("luma: concepts read back from the text format") {
  Diagnostics diags;
  Prompt ir = parse("A fox runs through snow.\nConcepts: pan_left, low_angle, bolt_cam", &diags);
  CHECK(diags.empty());
  REQUIRE(ir.camera.moves.size() == 1);
  CHECK(ir.camera.moves[0].move == "pan-left");
  CHECK(ir.camera.angle == "low-angle");
  REQUIRE(ir.camera.terms.size() == 1);
  CHECK(ir.camera.terms[0].text == "bolt cam");
  // Written back, the camera words keep their key.
  CHECK(emit(ir).request["concepts"] == keys({"pan_left", "low_angle", "bolt_cam"}));

  // A concept the prose already states adds nothing.
  ir = parse("A fox. Camera: slow push in, low angle.\nConcepts: push_in, low_angle", &diags);
  REQUIRE(ir.camera.moves.size() == 1);
  CHECK(ir.camera.moves[0].speed == "slow");
  CHECK(ir.camera.terms.empty());

  // A second angle is kept as words; an unknown key is reported.
  ir = parse("A fox. Camera: high angle.\nConcepts: low_angle, warp_speed", &diags);
  CHECK(ir.camera.angle == "high-angle");
  REQUIRE(ir.camera.terms.size() == 1);
  CHECK(ir.camera.terms[0].text == "low angle");
  CHECK(count(diags, Code::InvalidValue, "Concepts") == 1);
}

TEST_CASE("luma: loop and resolution") {
  Prompt ir = lighthouse();
  ir.extensions["luma"]["loop"] = true;
  ir.extensions["luma"]["resolution"] = "1080p";
  Diagnostics diags;
  Emitted out = emit(ir, &diags);
  CHECK(out.request["loop"] == true);
  CHECK(out.request["resolution"] == "1080p");
  CHECK(out.text == out.prompt + "\nLoop: true\nResolution: 1080p\nConcepts: push_in");
  CHECK(diags.empty());
  CHECK(same_content(parse(out.text), ir));

  // The option wins over the IR.
  out = emit(ir, &diags, {{"resolution", "4k"}});
  CHECK(out.request["resolution"] == "4k");
  CHECK(diags.empty());

  // An unknown option value is reported and the default used.
  out = emit(lighthouse(), &diags, {{"resolution", "8k"}});
  CHECK(out.request["resolution"] == "720p");
  CHECK(count(diags, Code::InvalidValue, "resolution") == 1);

  // Loop false is written too: it was stated.
  ir.extensions["luma"]["loop"] = false;
  CHECK(emit(ir).request["loop"] == false);

  // Values of the wrong shape are not carried.
  Prompt odd = lighthouse();
  odd.extensions["luma"]["loop"] = "sometimes";
  odd.extensions["luma"]["resolution"] = "2k";
  diags.clear();
  out = emit(odd, &diags);
  CHECK_FALSE(out.request.contains("loop"));
  CHECK(out.request["resolution"] == "720p");
  CHECK(count(diags, Code::DroppedParameter, "extensions.luma.loop") == 1);
  CHECK(count(diags, Code::DroppedParameter, "extensions.luma.resolution") == 1);

  diags.clear();
  const Prompt read = parse("A fox.\nLoop: maybe\nResolution: 8k", &diags);
  CHECK(count(diags, Code::InvalidValue, "Loop") == 1);
  CHECK(count(diags, Code::InvalidValue, "Resolution") == 1);
  CHECK(read.extensions.empty());
}

TEST_CASE("luma: ratios and durations snap to Luma's lists") {
  Prompt ir = lighthouse();
  ir.params.aspect_ratio = "3:7";  // 9:21, reduced as IR ratios are
  ir.params.duration_s = 10;
  Diagnostics diags;
  Emitted out = emit(ir, &diags);
  CHECK(out.request["aspect_ratio"] == "9:21");
  CHECK(out.request["duration"] == "9s");
  CHECK(count(diags, Code::SnappedValue, "params.duration_s") == 1);
  CHECK(out.text.find("\nAspect ratio: 9:21\nDuration: 9s\n") != std::string::npos);

  ir.params.aspect_ratio = "3:2";
  ir.params.duration_s = 7;  // as far from 5 as from 9: the shorter wins
  diags.clear();
  out = emit(ir, &diags);
  CHECK(out.request["aspect_ratio"] == "4:3");
  CHECK(out.request["duration"] == "5s");
  CHECK(count(diags, Code::SnappedAspectRatio, "params.aspect_ratio") == 1);
  CHECK(count(diags, Code::SnappedValue, "params.duration_s") == 1);
}

TEST_CASE("luma: negative and seed are dropped, never written as 'no X'") {
  Prompt ir = lighthouse();
  ir.negative = {term("blurry")};
  ir.params.seed = 42;
  ir.audio.ambience = {"gulls"};
  Diagnostics diags;
  const Emitted out = emit(ir, &diags);
  CHECK(count(diags, Code::DroppedNegative, "negative") == 1);
  CHECK(count(diags, Code::DroppedParameter, "params.seed") == 1);
  CHECK(count(diags, Code::DroppedAudio, "audio") == 1);
  CHECK(out.prompt.find("blurry") == std::string::npos);
  CHECK(out.prompt.find("no ") == std::string::npos);
  CHECK_FALSE(out.request.contains("seed"));
  CHECK_FALSE(out.request.contains("negative_prompt"));
  CHECK(out.text.find("Seed") == std::string::npos);
}

TEST_CASE("luma: the text format round trips") {
  Prompt ir = lighthouse();
  ir.camera.shot = "wide";
  ir.style = {StyleTerm{term("Watercolor"), StyleKind::Medium}};
  ir.params.aspect_ratio = "7:3";  // 21:9
  ir.params.duration_s = 9;
  ir.extensions["luma"]["loop"] = false;
  Diagnostics diags;
  const Emitted out = emit(ir, &diags, {{"model", "ray-flash-2"}});
  CHECK(diags.empty());
  CHECK(out.request["model"] == "ray-flash-2");
  CHECK(out.text ==
        "A lighthouse on a cliff at dusk, waves crashing below. Watercolor. Camera: wide shot, "
        "slow dolly in.\nAspect ratio: 21:9\nDuration: 9s\nLoop: false\nConcepts: push_in");
  Diagnostics back_diags;
  CHECK(same_content(parse(out.text, &back_diags), ir));
  CHECK(back_diags.empty());
}

TEST_CASE("luma: an image prompt gets a no-motion info; weights an info per field") {
  Prompt ir;
  ir.subject = {Term{"a castle", 1.4, {}, false}, term("a hill")};
  Diagnostics diags;
  const Emitted out = emit(ir, &diags);
  CHECK(out.prompt == "A castle, a hill.");
  CHECK(count(diags, Code::NoMotion, "motion") == 1);
  CHECK(count(diags, Code::ApproximatedWeight, "subject") == 1);
  CHECK(diags.size() == 2);
}

TEST_CASE("luma: detect looks for Concepts or Loop lines") {
  CHECK(luma_dialect().detect("A fox.\nConcepts: pan_left") == doctest::Approx(0.8));
  CHECK(luma_dialect().detect("A fox.\nLoop: true") == doctest::Approx(0.8));
  CHECK(luma_dialect().detect("A fox runs through snow.") == 0);
  CHECK(luma_dialect().detect("Slow dolly in: a fox") == 0);
}

TEST_CASE("luma: concept keys map both ways") {
  CHECK(luma::move_concept("dolly-out") == "pull_out");
  CHECK(luma::move_concept("tracking").empty());
  CHECK(luma::angle_concept("dutch").empty());
  const auto m = luma::concept_meaning("push_in");
  REQUIRE(m);
  CHECK(m->kind == luma::ConceptMeaning::Kind::Move);
  CHECK(m->value == "dolly-in");
  CHECK_FALSE(luma::concept_meaning("push-in"));
}
