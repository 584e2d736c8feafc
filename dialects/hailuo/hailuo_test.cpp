// Unit tests of the Hailuo dialect: the fifteen bracket commands, simultaneous and
// sequential moves, brackets that are not commands, the request, the text format,
// detection and every real video prompt.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "common/video_test_support.h"
#include "hailuo/hailuo_internal.h"
#include "promptport/promptport.h"

namespace {

using namespace promptport;
using namespace promptport::video_test;

const Dialect& dialect() { return *builtin_registry().find("hailuo"); }

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

TEST_CASE("hailuo: each of the fifteen commands is a canonical move, and back") {
  const std::vector<std::pair<std::string, std::string>> table{
      {"Truck left", "truck-left"},   {"Truck right", "truck-right"},
      {"Pan left", "pan-left"},       {"Pan right", "pan-right"},
      {"Push in", "dolly-in"},        {"Pull out", "dolly-out"},
      {"Pedestal up", "pedestal-up"}, {"Pedestal down", "pedestal-down"},
      {"Tilt up", "tilt-up"},         {"Tilt down", "tilt-down"},
      {"Zoom in", "zoom-in"},         {"Zoom out", "zoom-out"},
      {"Shake", "handheld"},          {"Tracking shot", "tracking"},
      {"Static shot", "static"}};
  for (const auto& [words, canonical] : table) {
    CAPTURE(words);
    Diagnostics diags;
    const Prompt ir = parse("[" + words + "] A red kite over a beach", &diags);
    CHECK(diags.empty());
    CHECK(moves_of(ir) == std::vector<std::string>{canonical});
    REQUIRE(ir.subject.size() == 1);
    CHECK(ir.subject[0].text == "A red kite over a beach");
    CHECK(hailuo::move_command(canonical) == words);
    CHECK(emit(ir).prompt == "[" + words + "] A red kite over a beach.");
  }
  // Any case, spaces around the commas.
  CHECK(moves_of(parse("[pan LEFT ,  pedestal   up] a boat")) ==
        std::vector<std::string>{"pan-left", "pedestal-up"});
}

TEST_CASE("hailuo: one bracket holds simultaneous moves; the words after it keep their case") {
  Diagnostics diags;
  const std::string src = "[Pan left,Pedestal up] a paper boat drifting down a rain gutter";
  const Prompt ir = parse(src, &diags);
  CHECK(diags.empty());
  REQUIRE(ir.camera.moves.size() == 2);
  CHECK(ir.camera.moves[0].move == "pan-left");
  CHECK(ir.camera.moves[0].span == Span{1, 9});
  CHECK(ir.camera.moves[1].move == "pedestal-up");
  CHECK(ir.camera.moves[1].span == Span{10, 21});
  REQUIRE(ir.subject.size() == 1);
  CHECK(ir.subject[0].text == "a paper boat drifting down a rain gutter");
  const Emitted out = emit(ir, &diags);
  CHECK(diags.empty());
  CHECK(out.prompt == src + ".");
  CHECK(same_content(parse(out.prompt), ir));
}

TEST_CASE("hailuo: separate brackets are sequential moves, written back where they stood") {
  Diagnostics diags;
  const Prompt ir = parse(
      "A lighthouse keeper climbs the spiral stairs [Tilt up], lantern light flickering on "
      "the walls [Static shot].",
      &diags);
  CHECK(diags.empty());
  CHECK(moves_of(ir) == std::vector<std::string>{"tilt-up", "static"});
  REQUIRE(ir.subject.size() == 1);
  CHECK(ir.subject[0].text == "A lighthouse keeper climbs the spiral stairs");
  REQUIRE(ir.motion.size() == 1);
  CHECK(ir.motion[0].text == "lantern light flickering on the walls");
  CHECK(emit(ir).prompt ==
        "A lighthouse keeper climbs the spiral stairs [Tilt up], lantern light flickering on "
        "the walls [Static shot].");
  // A command inside the words cuts them where it stood.
  const Prompt mid = parse("a cat walks in [Push in] then sits down");
  REQUIRE(mid.subject.size() == 1);
  CHECK(mid.subject[0].text == "a cat walks in");
  CHECK(emit(mid).prompt == "A cat walks in [Push in], then sits down.");
}

TEST_CASE("hailuo: more than three moves in one bracket are read and reported") {
  Diagnostics diags;
  const Prompt ir = parse("[Truck left,Pan right,Zoom in,Tilt up] a city street at night", &diags);
  CHECK(moves_of(ir) == std::vector<std::string>{"truck-left", "pan-right", "zoom-in", "tilt-up"});
  REQUIRE(diags.size() == 1);
  CHECK(diags[0].code == Code::OutOfRange);
  CHECK(diags[0].field == "camera.moves");
  CHECK(diags[0].span == Span{0, 38});
  // The writer puts three in a bracket and the fourth in the next, and says so.
  Diagnostics wd;
  CHECK(emit(ir, &wd).prompt == "[Truck left,Pan right,Zoom in] [Tilt up] a city street at night.");
  CHECK(count(wd, Code::ApproximatedParameter, "camera.moves") == 1);
}

TEST_CASE("hailuo: a bracket that is not a command is kept as words, with a diagnostic") {
  Diagnostics diags;
  const Prompt ir = parse("[Low-angle shot] A skateboarder kicks off a concrete ramp", &diags);
  CHECK(ir.camera.angle == "low-angle");
  CHECK(ir.camera.moves.empty());
  REQUIRE(ir.subject.size() == 1);
  CHECK(ir.subject[0].text == "A skateboarder kicks off a concrete ramp");
  REQUIRE(diags.size() == 1);
  CHECK(diags[0].code == Code::LiteralText);
  CHECK(diags[0].field == "camera");
  CHECK(diags[0].span == Span{0, 16});

  diags.clear();
  const Prompt dolly = parse("[Dolly in] a cat on a windowsill", &diags);
  CHECK(moves_of(dolly) == std::vector<std::string>{"dolly-in"});
  REQUIRE(diags.size() == 1);
  CHECK(diags[0].code == Code::LiteralText);
  CHECK(diags[0].message.find("[Push in]") != std::string::npos);

  // A bracket mixing a command and other words is not a command either.
  diags.clear();
  const Prompt mixed = parse("[Pan left, birds] a field", &diags);
  CHECK(count(diags, Code::LiteralText, "subject") == 1);
  CHECK(moves_of(mixed) == std::vector<std::string>{"pan-left"});
  CHECK(mixed.subject.size() == 2);
}

TEST_CASE("hailuo: unbalanced brackets are reported and kept as text") {
  Diagnostics diags;
  const Prompt ir = parse("a fox [in the snow", &diags);
  CHECK(count(diags, Code::UnbalancedBracket, "[") == 1);
  REQUIRE(ir.subject.size() == 1);
  CHECK(ir.subject[0].text == "a fox [in the snow");
  diags.clear();
  parse("a fox] in the snow", &diags);
  CHECK(count(diags, Code::UnbalancedBracket, "]") == 1);
}

TEST_CASE("hailuo: moves with no command stay words; speeds are dropped with a warning") {
  Prompt ir = lighthouse();  // slow dolly-in
  ir.camera.moves.push_back(move("orbit-left"));
  ir.camera.shot = "wide";
  Diagnostics diags;
  const Emitted out = emit(ir, &diags);
  CHECK(out.prompt ==
        "[Push in] A lighthouse on a cliff at dusk, waves crashing below. Camera: wide shot, "
        "orbit left.");
  CHECK(count(diags, Code::DroppedParameter, "camera.moves") == 1);
  CHECK(diags.size() == 1);
}

TEST_CASE("hailuo: the request has prompt_optimizer off and fitted duration and resolution") {
  Prompt ir = lighthouse();
  ir.camera.moves[0].speed.clear();
  Diagnostics diags;
  Emitted out = emit(ir, &diags);
  CHECK(diags.empty());
  CHECK(
      out.request ==
      nlohmann::json{{"model", "MiniMax-Hailuo-02"},
                     {"prompt", "[Push in] A lighthouse on a cliff at dusk, waves crashing below."},
                     {"prompt_optimizer", false},
                     {"duration", 6},
                     {"resolution", "768P"}});
  CHECK(out.text == out.prompt);

  ir.params.duration_s = 8;
  diags.clear();
  out = emit(ir, &diags);
  CHECK(out.request["duration"] == 6);
  CHECK(has(diags, Code::SnappedValue, "params.duration_s"));
  ir.params.duration_s = 9;
  CHECK(emit(ir).request["duration"] == 10);

  // 1080P renders 6 s only.
  diags.clear();
  out = emit(ir, &diags, {{"resolution", "1080P"}});
  CHECK(out.request["resolution"] == "1080P");
  CHECK(out.request["duration"] == 6);
  CHECK(has(diags, Code::SnappedValue, "params.duration_s"));
  CHECK(out.text == out.prompt + "\nDuration: 6s\nResolution: 1080P");

  // The 01 models: 720P and 6 s; another resolution is snapped.
  diags.clear();
  out = emit(ir, &diags, {{"model", "T2V-01-Director"}, {"resolution", "1080P"}});
  CHECK(out.request["model"] == "T2V-01-Director");
  CHECK(out.request["resolution"] == "720P");
  CHECK(out.request["duration"] == 6);
  CHECK(has(diags, Code::SnappedValue, "resolution"));
}

TEST_CASE("hailuo: the aspect ratio is 16:9; no negative, no seed") {
  Prompt ir = lighthouse();
  ir.camera.moves.clear();
  ir.params.aspect_ratio = "9:16";
  ir.params.seed = 7;
  ir.negative = {term("blurry")};
  Diagnostics diags;
  const Emitted out = emit(ir, &diags);
  CHECK(has(diags, Code::SnappedAspectRatio, "params.aspect_ratio"));
  CHECK(has(diags, Code::DroppedNegative, "negative"));
  CHECK(has(diags, Code::DroppedParameter, "params.seed"));
  CHECK(out.negative_prompt.empty());
  CHECK_FALSE(out.request.contains("seed"));
  CHECK_FALSE(out.request.contains("aspect_ratio"));
  CHECK(out.text == out.prompt + "\nAspect ratio: 16:9");
}

TEST_CASE("hailuo: the 2000-character limit is reported, never truncated") {
  Prompt ir;
  ir.subject = {term(std::string(2100, 'a'))};
  ir.motion = {term("waves crashing")};
  Diagnostics diags;
  const Emitted out = emit(ir, &diags);
  CHECK(out.prompt.size() > 2100);
  CHECK(has(diags, Code::PromptTooLong, "prompt"));
  Prompt fits;
  fits.subject = {term(std::string(1900, 'b'))};
  fits.motion = {term("waves crashing")};
  diags.clear();
  emit(fits, &diags);
  CHECK_FALSE(has(diags, Code::PromptTooLong, "prompt"));
}

TEST_CASE("hailuo: the text format reads back to the same IR") {
  Prompt ir;
  ir.subject = {term("a fox trots across a snowy field")};
  ir.motion = {term("snow swirling around it")};
  ir.camera.moves = {move("truck-right"), move("zoom-out")};
  ir.camera.angle = "low-angle";
  ir.params.duration_s = 10;
  ir.extensions["hailuo"]["resolution"] = "768P";
  Diagnostics diags;
  const Emitted out = emit(ir, &diags);
  CHECK(diags.empty());
  CHECK(out.text ==
        "[Truck right,Zoom out] a fox trots across a snowy field, snow swirling around it. "
        "Camera: low angle.\nDuration: 10s\nResolution: 768P");
  CHECK(out.request["duration"] == 10);
  Diagnostics back_diags;
  CHECK(same_content(parse(out.text, &back_diags), ir));
  CHECK(back_diags.empty());

  back_diags.clear();
  parse("a fox\nResolution: 4K", &back_diags);
  CHECK(has(back_diags, Code::InvalidValue, "Resolution"));
}

TEST_CASE("hailuo: detection tells its commands from shot labels and de-emphasis") {
  CHECK(dialect().detect("[Pan left,Pedestal up] a paper boat") == doctest::Approx(0.9));
  CHECK(dialect().detect("A man walks in [Push in], then sits [Static shot].") ==
        doctest::Approx(0.9));
  CHECK(dialect().detect("[Low-angle shot] A race car on snow. [Overhead shot] Cars pass.") == 0);
  CHECK(dialect().detect("a castle, [blurry], (masterpiece:1.2)") == 0);
  CHECK(dialect().detect("[Low-angle shot] A car. [Pan left] It turns.") == doctest::Approx(0.6));
  CHECK(dialect().detect("a car [Pan left] --ratio 16:9") < 0.5);
  CHECK(dialect().detect("a plain sentence") == 0);
  CHECK(builtin_registry().find("minimax") == &dialect());
}

TEST_CASE("hailuo: every real video prompt, read by each video dialect, is written") {
  std::vector<const Dialect*> readers;
  for (const char* name : {"kling", "runway", "luma", "veo", "sora", "hailuo", "pika"})
    readers.push_back(builtin_registry().find(name));
  std::size_t lines = 0;
  for (const Dialect* from : readers) lines = check_real_video(*from, {&dialect()});
  MESSAGE(lines << " real prompts checked per reader (" << real_video_files().size() << " of "
                << video_file_names().size() << " files present)");
}
