// Unit tests of the Kling dialect: camera_control axes and signs, presets, settings, the
// request, the text format and real prompts.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include "common/video.h"
#include "common/video_test_support.h"
#include "kling/kling_camera.h"
#include "promptport/promptport.h"

namespace {

using namespace promptport;
using namespace promptport::video_test;

const Dialect& dialect() { return *builtin_registry().find("kling"); }

Emitted emit(const Prompt& ir, Diagnostics& diags, Options options = {}) {
  return dialect().emit(ir, options, diags);
}

Emitted emit(const Prompt& ir) {
  Diagnostics diags;
  return emit(ir, diags);
}

Prompt parse(std::string_view text, Diagnostics* diags = nullptr) {
  Diagnostics local;
  return dialect().parse(text, {}, diags ? *diags : local);
}

// A lighthouse scene with these camera moves.
Prompt scene(std::vector<CameraMove> moves) {
  Prompt ir;
  ir.subject.push_back(term("a lighthouse on a cliff at dusk"));
  ir.motion.push_back(term("waves crashing below"));
  ir.camera.moves = std::move(moves);
  return ir;
}

CameraMove move(std::string name, std::string speed = "") {
  return CameraMove{std::move(name), std::move(speed), std::nullopt};
}

// The one non-zero key of a simple config, and its value; checks the other five are 0.
std::pair<std::string, double> simple_axis(const nlohmann::json& request) {
  REQUIRE(request.contains("camera_control"));
  const nlohmann::json& cc = request["camera_control"];
  CHECK(cc["type"] == "simple");
  const nlohmann::json& config = cc["config"];
  REQUIRE(config.size() == 6);
  std::pair<std::string, double> out{"", 0};
  int nonzero = 0;
  for (const char* key : {"horizontal", "vertical", "pan", "tilt", "roll", "zoom"}) {
    REQUIRE(config.contains(key));
    REQUIRE(config[key].is_number());
    const double v = config[key].get<double>();
    if (v != 0) {
      ++nonzero;
      out = {key, v};
    }
  }
  CHECK(nonzero == 1);
  return out;
}

}  // namespace

TEST_CASE("kling: every simple axis and its sign (Kling's pan/tilt are swapped vs film)") {
  struct Case {
    const char* move;
    const char* key;
    double value;
  };
  // REFERENCE §4.1: horizontal/vertical negative = left/down; pan turns about x (negative =
  // down), tilt about y (negative = left); roll negative = counter-clockwise; zoom negative
  // = narrower view.
  const Case cases[] = {
      {"truck-left", "horizontal", -5},  {"truck-right", "horizontal", 5},
      {"pedestal-down", "vertical", -5}, {"pedestal-up", "vertical", 5},
      {"tilt-down", "pan", -5},          {"tilt-up", "pan", 5},
      {"pan-left", "tilt", -5},          {"pan-right", "tilt", 5},
      {"roll-left", "roll", -5},         {"roll-right", "roll", 5},
      {"zoom-in", "zoom", -5},           {"zoom-out", "zoom", 5},
  };
  for (const Case& c : cases) {
    CAPTURE(c.move);
    Diagnostics diags;
    const Emitted out = emit(scene({move(c.move)}), diags);
    const auto [key, value] = simple_axis(out.request);
    CHECK(key == c.key);
    CHECK(value == c.value);
    // carried by camera_control: not in the prose, no diagnostic about it
    CHECK(out.prompt == "A lighthouse on a cliff at dusk, waves crashing below.");
    CHECK(diags.empty());
    CHECK(out.text.find("\nCamera: " + video::move_text(move(c.move))) != std::string::npos);
  }
}

TEST_CASE("kling: speed sets the axis value: slow 3, unstated 5, fast 8") {
  CHECK(simple_axis(emit(scene({move("zoom-in", "slow")})).request).second == -3);
  CHECK(simple_axis(emit(scene({move("zoom-in")})).request).second == -5);
  CHECK(simple_axis(emit(scene({move("zoom-in", "fast")})).request).second == -8);
  CHECK(simple_axis(emit(scene({move("pan-right", "slow")})).request).second == 3);
  CHECK(simple_axis(emit(scene({move("truck-right", "fast")})).request).second == 8);
  CHECK(emit(scene({move("roll-left", "fast")})).text.find("Camera: fast roll left") !=
        std::string::npos);
}

TEST_CASE("kling: the down_back and forward_up presets, in either order, without config") {
  const std::vector<std::vector<CameraMove>> down_back{
      {move("pedestal-down"), move("dolly-out")},
      {move("dolly-out"), move("crane-down")},
      {move("crane-down", "slow"), move("dolly-out")}};
  for (const auto& moves : down_back) {
    Diagnostics diags;
    const Emitted out = emit(scene(moves), diags);
    REQUIRE(out.request.contains("camera_control"));
    CHECK(out.request["camera_control"] == nlohmann::json{{"type", "down_back"}});
    CHECK(out.prompt == "A lighthouse on a cliff at dusk, waves crashing below.");
    CHECK(diags.empty());
  }
  for (const auto& moves : std::vector<std::vector<CameraMove>>{
           {move("dolly-in"), move("tilt-up")}, {move("tilt-up"), move("dolly-in", "slow")}}) {
    const Emitted out = emit(scene(moves));
    REQUIRE(out.request.contains("camera_control"));
    CHECK(out.request["camera_control"] == nlohmann::json{{"type", "forward_up"}});
    CHECK_FALSE(out.request["camera_control"].contains("config"));
  }
  CHECK(emit(scene({move("dolly-in"), move("tilt-up")})).text ==
        "A lighthouse on a cliff at dusk, waves crashing below.\nCamera: dolly in, tilt up");
}

TEST_CASE("kling: moves camera_control cannot say stay in the prose") {
  const std::vector<std::vector<CameraMove>> cases{
      {move("dolly-in")},
      {move("dolly-out", "slow")},
      {move("orbit-left")},
      {move("tracking")},
      {move("crane-up")},
      {move("pan-left"), move("zoom-in")},                            // two simple moves
      {move("dolly-in"), move("tilt-down")},                          // not a preset
      {move("pedestal-down"), move("dolly-out"), move("roll-left")},  // a preset and more
  };
  for (const auto& moves : cases) {
    CAPTURE(moves.front().move);
    Diagnostics diags;
    const Emitted out = emit(scene(moves), diags);
    CHECK_FALSE(out.request.contains("camera_control"));
    std::string words;
    for (const auto& m : moves) words += (words.empty() ? "" : ", ") + video::move_text(m);
    CHECK(out.prompt ==
          "A lighthouse on a cliff at dusk, waves crashing below. Camera: " + words + ".");
    CHECK(out.text.find("\nCamera:") == std::string::npos);
    CHECK(diags.empty());
  }
  CHECK(kling::camera_control({}) == std::nullopt);
}

TEST_CASE("kling: the issue's Runway example gives a forward move, 16:9 and \"5\"") {
  Prompt ir;
  Diagnostics read_diags;
  video::read_prose("Slow dolly-in: a lighthouse on a cliff at dusk, waves crashing below", 0, ir,
                    read_diags);
  Diagnostics diags;
  const Emitted out = emit(ir, diags);
  // dolly-in alone has no simple axis (zoom is a lens change, not a move): it stays prose
  CHECK(out.prompt ==
        "A lighthouse on a cliff at dusk, waves crashing below. Camera: slow dolly in.");
  CHECK_FALSE(out.request.contains("camera_control"));
  CHECK(out.request["aspect_ratio"] == "16:9");
  CHECK(out.request["duration"] == "5");
  CHECK(out.request["duration"].is_string());
  CHECK(out.request["mode"] == "std");
  CHECK(out.request["model_name"] == "kling-v2-1-master");
  CHECK_FALSE(out.request.contains("negative_prompt"));
  CHECK_FALSE(out.request.contains("cfg_scale"));
  CHECK(diags.empty());
}

TEST_CASE("kling: aspect ratios snap to 16:9, 9:16 or 1:1") {
  struct Case {
    const char* asked;
    const char* written;
  };
  for (const Case& c :
       {Case{"16:9", "16:9"}, Case{"9:16", "9:16"}, Case{"1:1", "1:1"}, Case{"4:3", "16:9"},
        Case{"3:4", "9:16"}, Case{"21:9", "16:9"}, Case{"4:5", "1:1"}}) {
    CAPTURE(c.asked);
    Prompt ir = scene({});
    ir.params.aspect_ratio = c.asked;
    Diagnostics diags;
    const Emitted out = emit(ir, diags);
    CHECK(out.request["aspect_ratio"] == c.written);
    CHECK(count(diags, Code::SnappedAspectRatio, "params.aspect_ratio") ==
          (std::string(c.asked) == c.written ? 0 : 1));
    CHECK(out.text.find(std::string("\nAspect ratio: ") + c.written) != std::string::npos);
  }
  // pixels give the ratio; Kling picks its own pixels, which fit_ratio notes (not dropped)
  Prompt ir = scene({});
  ir.params.width = 1080;
  ir.params.height = 1920;
  Diagnostics diags;
  const Emitted out = emit(ir, diags);
  CHECK(out.request["aspect_ratio"] == "9:16");
  CHECK_FALSE(out.request.contains("width"));
  CHECK(count(diags, Code::ApproximatedParameter, "params.width") == 1);
  CHECK(count(diags, Code::ApproximatedParameter, "params.height") == 1);
  CHECK_FALSE(has_severity(diags, Severity::Warning));
  // no ratio: the default, no diagnostic, no line
  Diagnostics none;
  const Emitted plain = emit(scene({}), none);
  CHECK(plain.request["aspect_ratio"] == "16:9");
  CHECK(plain.text.find("Aspect ratio") == std::string::npos);
  CHECK(none.empty());
}

TEST_CASE("kling: durations snap to the strings \"5\" and \"10\"") {
  struct Case {
    double asked;
    const char* written;
    bool snapped;
  };
  for (const Case& c : {Case{5, "5", false}, Case{10, "10", false}, Case{4, "5", true},
                        Case{7.5, "5", true}, Case{8, "10", true}, Case{15, "10", true}}) {
    CAPTURE(c.asked);
    Prompt ir = scene({});
    ir.params.duration_s = c.asked;
    Diagnostics diags;
    const Emitted out = emit(ir, diags);
    CHECK(out.request["duration"] == c.written);
    CHECK(out.request["duration"].is_string());
    CHECK(count(diags, Code::SnappedValue, "params.duration_s") == (c.snapped ? 1 : 0));
    CHECK(out.text.find(std::string("\nDuration: ") + c.written + "s") != std::string::npos);
  }
}

TEST_CASE("kling: cfg_scale takes guidance 0-1 only") {
  for (double g : {0.0, 0.5, 1.0}) {
    Prompt ir = scene({});
    ir.params.guidance = g;
    Diagnostics diags;
    const Emitted out = emit(ir, diags);
    REQUIRE(out.request.contains("cfg_scale"));
    CHECK(out.request["cfg_scale"].is_number());
    CHECK(out.request["cfg_scale"].get<double>() == g);
    CHECK(diags.empty());
  }
  for (double g : {7.0, -0.1, 1.5}) {
    Prompt ir = scene({});
    ir.params.guidance = g;
    Diagnostics diags;
    const Emitted out = emit(ir, diags);
    CHECK_FALSE(out.request.contains("cfg_scale"));
    CHECK(count(diags, Code::DroppedParameter, "params.guidance") == 1);
    CHECK(out.text.find("CFG scale") == std::string::npos);
  }
  CHECK_FALSE(emit(scene({})).request.contains("cfg_scale"));
}

TEST_CASE("kling: the negative prompt is a field of its own") {
  Prompt ir = scene({});
  ir.negative = {term("blurry"), term("text"), term("watermark")};
  Diagnostics diags;
  const Emitted out = emit(ir, diags);
  CHECK(out.request["negative_prompt"] == "blurry, text, watermark");
  CHECK(out.negative_prompt == "blurry, text, watermark");
  CHECK(out.prompt.find("blurry") == std::string::npos);  // never a "no X" phrase
  CHECK(out.text.find("\nNegative prompt: blurry, text, watermark") != std::string::npos);
  CHECK(diags.empty());
  CHECK_FALSE(emit(scene({})).request.contains("negative_prompt"));
}

TEST_CASE("kling: what Kling has no field for is reported") {
  Prompt ir = scene({});
  ir.params.seed = 42;
  ir.params.steps = 30;
  ir.motion_intensity = "high";
  ir.audio.sfx.push_back("waves crash");
  ir.extensions["midjourney"]["chaos"] = 20;
  Diagnostics diags;
  const Emitted out = emit(ir, diags);
  CHECK_FALSE(out.request.contains("seed"));
  CHECK(count(diags, Code::DroppedParameter, "params.seed") == 1);
  CHECK(count(diags, Code::DroppedParameter, "params.steps") == 1);
  CHECK(count(diags, Code::DroppedMotion, "motion_intensity") == 1);
  CHECK(count(diags, Code::DroppedAudio, "audio") == 1);
  CHECK(count(diags, Code::DroppedParameter, "extensions.midjourney.chaos") == 1);
  CHECK(out.text.find("Seed") == std::string::npos);
}

TEST_CASE("kling: an image prompt gets a no-motion note; weights one note per field") {
  Prompt ir;
  ir.subject = {term("a red fox", 1.3), term("in deep snow", 0.8)};
  StyleTerm watercolor;
  watercolor.text = "watercolor";
  watercolor.kind = StyleKind::Medium;
  watercolor.weight = 2;
  ir.style.push_back(watercolor);
  ir.camera.shot = "close-up";
  Diagnostics diags;
  const Emitted out = emit(ir, diags);
  CHECK(out.prompt == "A red fox, in deep snow. Watercolor. Camera: close-up shot.");
  CHECK(count(diags, Code::NoMotion, "motion") == 1);
  CHECK(count(diags, Code::ApproximatedWeight, "subject") == 1);
  CHECK(count(diags, Code::ApproximatedWeight, "style") == 1);
  CHECK(count(diags, Code::ApproximatedWeight, "camera.terms") == 0);
  CHECK(diags.size() == 3);
}

TEST_CASE("kling: options model and mode; the Mode line") {
  Diagnostics diags;
  Emitted out = emit(scene({}), diags, {{"model", "kling-v1-6"}, {"mode", "pro"}});
  CHECK(out.request["model_name"] == "kling-v1-6");
  CHECK(out.request["mode"] == "pro");
  CHECK(out.text.find("\nMode: pro") != std::string::npos);
  CHECK(diags.empty());

  out = emit(scene({}), diags, {{"mode", "turbo"}});
  CHECK(out.request["mode"] == "std");
  CHECK(count(diags, Code::InvalidValue, "mode") == 1);

  Prompt ir = scene({});
  ir.extensions["kling"]["mode"] = "pro";
  Diagnostics none;
  CHECK(emit(ir, none).request["mode"] == "pro");
  CHECK(emit(ir, none, {{"mode", "std"}}).request["mode"] == "std");  // the option wins
  CHECK(none.empty());
  CHECK(emit(scene({})).text.find("Mode") == std::string::npos);  // default: no line
}

TEST_CASE("kling: the prompt limit is 2500 characters, never truncated") {
  Prompt ir;
  ir.subject.push_back(term(std::string(2600, 'a')));
  ir.motion.push_back(term("waves crashing"));
  Diagnostics diags;
  const Emitted out = emit(ir, diags);
  CHECK(out.prompt.size() > 2600);
  CHECK(count(diags, Code::PromptTooLong, "prompt") == 1);
  // characters, not bytes: 1000 three-byte characters fit
  Prompt cjk;
  std::string s;
  for (int i = 0; i < 1000; ++i) s += "\xE6\xB5\xB7";
  cjk.subject.push_back(term(s));
  Diagnostics fine;
  emit(cjk, fine);
  CHECK(count(fine, Code::PromptTooLong, "prompt") == 0);
}

TEST_CASE("kling: the reader takes the labelled lines") {
  Diagnostics diags;
  const Prompt ir = parse(
      "A woman walks through the rain, neon lights reflecting in puddles. Film noir.\n"
      "Negative prompt: blurry, low quality\nAspect ratio: 1920:1080\nDuration: 10 s\n"
      "Camera: slow pan left\nSeed: 7\nCFG scale: 0.4\nMode: PRO",
      &diags);
  CHECK(diags.empty());
  REQUIRE(ir.negative.size() == 2);
  CHECK(ir.negative[1].text == "low quality");
  CHECK(ir.params.aspect_ratio == "16:9");
  CHECK(ir.params.duration_s == 10);
  REQUIRE(ir.camera.moves.size() == 1);
  CHECK(ir.camera.moves[0].move == "pan-left");
  CHECK(ir.camera.moves[0].speed == "slow");
  CHECK(ir.params.seed == 7);
  CHECK(ir.params.guidance == 0.4);
  CHECK(ir.extensions["kling"]["mode"] == "pro");
  CHECK(ir.subject.front().text == "A woman walks through the rain");
  CHECK(parse("a cat\nDuration: 5s").params.duration_s == 5);
  CHECK(parse("a cat\nDuration: 5").params.duration_s == 5);
}

TEST_CASE("kling: the Camera line keeps its spans in the record") {
  const std::string record = "a cat on a roof\nCamera:   fast zoom out";
  const Prompt ir = parse(record);
  REQUIRE(ir.camera.moves.size() == 1);
  CHECK(ir.camera.moves[0].move == "zoom-out");
  CHECK(ir.camera.moves[0].speed == "fast");
  REQUIRE(ir.camera.moves[0].span);
  const Span s = *ir.camera.moves[0].span;
  CHECK(record.substr(s.begin, s.end - s.begin) == "fast zoom out");
}

TEST_CASE("kling: bad values in labelled lines are reported and ignored") {
  Diagnostics diags;
  const Prompt ir = parse(
      "a cat\nDuration: long\nAspect ratio: wide\nMode: turbo\nCFG scale: high\nSeed: x", &diags);
  CHECK(count(diags, Code::InvalidValue, "Duration") == 1);
  CHECK(count(diags, Code::InvalidValue, "Aspect ratio") == 1);
  CHECK(count(diags, Code::InvalidValue, "Mode") == 1);
  CHECK(count(diags, Code::InvalidValue, "CFG scale") == 1);
  CHECK(count(diags, Code::InvalidValue, "Seed") == 1);
  CHECK(ir.params.empty());
  CHECK(ir.extensions.empty());
  CHECK_FALSE(has_severity(diags, Severity::Error));
}

TEST_CASE("kling: the text format reads back to the same IR") {
  std::vector<std::vector<CameraMove>> moves{{},
                                             {move("dolly-in", "slow")},
                                             {move("orbit-left"), move("zoom-in")},
                                             {move("pedestal-down"), move("dolly-out")},
                                             {move("tilt-up", "slow"), move("dolly-in")}};
  for (const char* m :
       {"truck-left", "truck-right", "pedestal-down", "pedestal-up", "tilt-down", "tilt-up",
        "pan-left", "pan-right", "roll-left", "roll-right", "zoom-in", "zoom-out"})
    moves.push_back({move(m, "fast")});
  for (const auto& mv : moves) {
    Prompt ir = scene(mv);
    ir.style.push_back(StyleTerm{});
    ir.style.back().text = "golden hour lighting";
    ir.style.back().kind = StyleKind::Lighting;
    ir.camera.angle = "low-angle";
    ir.negative = {term("blurry"), term("text")};
    ir.params.aspect_ratio = "9:16";
    ir.params.duration_s = 10;
    ir.params.guidance = 0.7;
    ir.extensions["kling"]["mode"] = "pro";
    const Emitted first = emit(ir);
    Diagnostics diags;
    const Prompt back = parse(first.text, &diags);
    CHECK(diags.empty());
    CAPTURE(first.text);
    CHECK(back.camera.moves.size() == mv.size());
    for (std::size_t i = 0; i < mv.size() && i < back.camera.moves.size(); ++i) {
      CHECK(back.camera.moves[i].move == mv[i].move);
      CHECK(back.camera.moves[i].speed == mv[i].speed);
    }
    CHECK(back.camera.angle == "low-angle");
    CHECK(back.params.aspect_ratio == "9:16");
    CHECK(back.params.duration_s == 10);
    CHECK(back.params.guidance == 0.7);
    CHECK(back.extensions["kling"]["mode"] == "pro");
    CHECK(back.negative.size() == 2);
    const Emitted second = emit(back);
    CHECK(second.text == first.text);
    CHECK(second.request == first.request);
    CHECK(same_content(parse(second.text), back));
  }
}

TEST_CASE("kling: detect needs both the CFG scale and the Mode line") {
  CHECK(dialect().detect("a cat\nCFG scale: 0.5\nMode: std") == doctest::Approx(0.8));
  CHECK(dialect().detect("a cat\nCFG scale: 0.5") == 0);
  CHECK(dialect().detect("a cat\nMode: pro") == 0);
  CHECK(dialect().detect("a lighthouse at dusk, waves crashing below") == 0);
  CHECK(dialect().detect("") == 0);
}

TEST_CASE("kling: capabilities") {
  const Capabilities c = dialect().capabilities();
  CHECK(c.negative_prompt);
  CHECK(c.camera_control);
  CHECK(c.video);
  CHECK_FALSE(c.audio);
  CHECK_FALSE(c.weights);
  CHECK(c.weight_model == WeightModel::None);
  CHECK(c.max_prompt_chars == 2500);
  CHECK(c.aspect_ratios == std::vector<std::string>{"16:9", "9:16", "1:1"});
  CHECK(c.durations_s == std::vector<double>{5, 10});
}

TEST_CASE("kling: every real video prompt reads and writes without an error") {
  if (real_video_files().empty()) {
    MESSAGE("video data is absent; skipped");
    return;
  }
  const std::size_t lines =
      for_each_real_video_line([](const std::string&, const std::string& line) {
        Diagnostics diags;
        const Prompt ir = dialect().parse(line, {}, diags);
        const Emitted out = dialect().emit(ir, {}, diags);
        if (has_severity(diags, Severity::Error)) {
          FAIL_CHECK("error diagnostic on: " << line);
          return;
        }
        CHECK(out.request["duration"] == "5");
        CHECK(out.request["aspect_ratio"] == "16:9");
        if (!line.empty() && out.prompt.empty()) FAIL_CHECK("empty prompt for: " << line);
      });
  MESSAGE(lines << " real video prompts in " << real_video_files().size() << " files");
}
