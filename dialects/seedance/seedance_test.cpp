// Unit tests of the seedance dialect: inline flags (long and short forms, bad values), shot
// labels of multi-shot prompts, --camerafixed, snapping, audio by model, the request body,
// detection against Midjourney, Hailuo and Stable Diffusion, real data.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "common/video_test_support.h"
#include "promptport/promptport.h"

namespace {

using namespace promptport;
using namespace promptport::video_test;

const Dialect& seedance() { return *builtin_registry().find("seedance"); }
const Dialect& kling() { return *builtin_registry().find("kling"); }
const Dialect& sora() { return *builtin_registry().find("sora"); }
const Dialect& veo() { return *builtin_registry().find("veo"); }

Prompt parse(std::string_view text, Diagnostics* diags = nullptr) {
  Diagnostics local;
  return seedance().parse(text, {}, diags ? *diags : local);
}

Emitted emit(const Prompt& ir, Diagnostics* diags = nullptr, const Options& options = {}) {
  Diagnostics local;
  return seedance().emit(ir, options, diags ? *diags : local);
}

const nlohmann::json& ext(const Prompt& ir) { return ir.extensions.at("seedance"); }

// The fal.ai example's shape: an establishing sentence, then two labelled shots.
constexpr std::string_view kRace =
    "A bright blue race car speeds along a snowy racetrack. [Low-angle shot] Several cars "
    "roar past, snow spraying behind them. [Overhead shot] The crowd cheers in the stands, "
    "flags waving.";

}  // namespace

TEST_CASE("seedance: the long flags are read into the IR and its extensions") {
  Diagnostics diags;
  const Prompt ir = parse(
      "A kite rises over a windy beach, its tail fluttering. --ratio 16:9 --duration 5 "
      "--resolution 1080p --camerafixed false --seed 42 --watermark false",
      &diags);
  CHECK(diags.empty());
  REQUIRE(ir.subject.size() == 1);
  CHECK(ir.subject[0].text == "A kite rises over a windy beach");
  REQUIRE(ir.motion.size() == 1);
  CHECK(ir.motion[0].text == "its tail fluttering");
  CHECK(ir.params.aspect_ratio == "16:9");
  CHECK(ir.params.duration_s == 5);
  CHECK(ir.params.seed == 42);
  CHECK(ext(ir)["resolution"] == "1080p");
  CHECK(ext(ir)["camerafixed"] == false);
  CHECK(ext(ir)["watermark"] == false);
  CHECK(ir.camera.moves.empty());

  const Emitted out = emit(ir, &diags);
  CHECK(diags.empty());
  CHECK(out.prompt ==
        "A kite rises over a windy beach, its tail fluttering. --ratio 16:9 --duration 5 "
        "--resolution 1080p --camerafixed false --seed 42 --watermark false");
  CHECK(out.text == out.prompt);
  CHECK(out.request["model"] == "seedance-1-0-pro-250528");
  REQUIRE(out.request["content"].size() == 1);
  CHECK(out.request["content"][0]["type"] == "text");
  CHECK(out.request["content"][0]["text"] == out.prompt);
  CHECK_FALSE(out.request.contains("ratio"));
}

TEST_CASE("seedance: short forms, any case; --camerafixed true is a static camera") {
  Diagnostics diags;
  const Prompt ir = parse(
      "A candle flickers on a wooden table --RT 9:16 --dur 10 --rs 720P --cf true --wm "
      "true --fps 24",
      &diags);
  CHECK(diags.empty());
  CHECK(ir.params.aspect_ratio == "9:16");
  CHECK(ir.params.duration_s == 10);
  CHECK(ext(ir)["resolution"] == "720p");
  CHECK(ext(ir)["watermark"] == true);
  CHECK(ext(ir)["fps"] == 24);
  CHECK_FALSE(ext(ir).contains("camerafixed"));
  REQUIRE(ir.camera.moves.size() == 1);
  CHECK(ir.camera.moves[0].move == "static");
  // Written back with the long names.
  CHECK(emit(ir).prompt ==
        "A candle flickers on a wooden table. Camera: static camera. --ratio 9:16 --duration 10 "
        "--resolution 720p "
        "--fps 24 --camerafixed true --watermark true");
}

TEST_CASE("seedance: a static camera named in prose is not doubled by --camerafixed true") {
  const Prompt ir = parse("A lighthouse at night, static shot --camerafixed true");
  REQUIRE(ir.camera.moves.size() == 1);
  CHECK(ir.camera.moves[0].move == "static");
}

TEST_CASE("seedance: the IR's lone static camera is also written as --camerafixed true") {
  Prompt ir;
  ir.subject = {term("A cat sleeps on a windowsill")};
  ir.camera.moves = {CameraMove{"static", "", {}}};
  Diagnostics diags;
  // The words stay as well: the platform does not guarantee the flag.
  CHECK(emit(ir, &diags).prompt ==
        "A cat sleeps on a windowsill. Camera: static camera. --camerafixed true");
  CHECK(diags.empty());
  // With another move the camera is not fixed: both stay words.
  ir.camera.moves.push_back(CameraMove{"pan-left", "", {}});
  const Emitted out = emit(ir);
  CHECK(out.prompt.find("--camerafixed") == std::string::npos);
  CHECK(out.prompt.find("pan left") != std::string::npos);
  CHECK(same_content(parse(out.prompt), ir));
}

TEST_CASE("seedance: unknown, invalid, out-of-range, duplicate and missing flags") {
  Diagnostics diags;
  Prompt ir = parse("A fox --foo bar --ration 16:9 --draft", &diags);
  CHECK(has(diags, Code::UnknownParameter, "--foo"));
  CHECK(has(diags, Code::UnknownParameter, "--ration"));
  CHECK(has(diags, Code::UnknownParameter, "--draft"));
  CHECK(ext(ir)["unknown"]["foo"] == "bar");
  CHECK(ext(ir)["unknown"]["ration"] == "16:9");
  CHECK(ext(ir)["unknown"]["draft"] == true);
  // Written back in the IR's (sorted) key order.
  CHECK(emit(ir).prompt == "A fox. --draft --foo bar --ration 16:9");

  diags.clear();
  ir = parse("A fox --ratio wide --duration 20 --resolution 4k --camerafixed maybe --fps 30",
             &diags);
  CHECK(has(diags, Code::InvalidValue, "extensions.seedance.ratio"));
  CHECK(has(diags, Code::OutOfRange, "params.duration_s"));
  CHECK(has(diags, Code::OutOfRange, "extensions.seedance.resolution"));
  CHECK(has(diags, Code::InvalidValue, "extensions.seedance.camerafixed"));
  CHECK(has(diags, Code::OutOfRange, "extensions.seedance.fps"));
  CHECK(diags.size() == 5);
  CHECK(ext(ir)["ratio"] == "wide");
  CHECK(ir.params.duration_s == 20);
  CHECK(ext(ir)["resolution"] == "4k");
  CHECK(ext(ir)["camerafixed"] == "maybe");
  Diagnostics out_diags;
  CHECK(emit(ir, &out_diags).prompt == "A fox. --duration 12 --resolution 1080p --fps 24");
  CHECK(has(out_diags, Code::SnappedValue, "params.duration_s"));
  CHECK(has(out_diags, Code::SnappedValue, "extensions.seedance.resolution"));
  CHECK(has(out_diags, Code::SnappedValue, "extensions.seedance.fps"));
  CHECK(has(out_diags, Code::DroppedParameter, "extensions.seedance.ratio"));
  CHECK(has(out_diags, Code::DroppedParameter, "extensions.seedance.camerafixed"));

  diags.clear();
  ir = parse("A fox --ratio 4:3 --rt 1:1 --seed", &diags);
  CHECK(has(diags, Code::DuplicateParameter, "--rt"));
  CHECK(has(diags, Code::MissingValue, "--seed"));
  CHECK(ir.params.aspect_ratio == "1:1");
  CHECK_FALSE(ir.params.seed);

  diags.clear();
  ir = parse("A fox --seed -1 --ratio 2:1", &diags);
  CHECK(has(diags, Code::ApproximatedParameter, "params.seed"));
  CHECK(has(diags, Code::OutOfRange, "params.aspect_ratio"));
  CHECK_FALSE(ir.params.seed);
  CHECK(ir.params.aspect_ratio == "2:1");
}

TEST_CASE("seedance: words among the flags are reported and kept as prose") {
  Diagnostics diags;
  const Prompt ir = parse("A fox in the snow --duration 5 seconds of pure joy --ratio 1:1", &diags);
  REQUIRE(diags.size() == 1);
  CHECK(diags[0].code == Code::TextAfterParameters);
  CHECK(diags[0].field == "seconds of pure joy");
  REQUIRE(ir.subject.size() == 2);
  CHECK(ir.subject[1].text == "seconds of pure joy");
  CHECK(ir.params.duration_s == 5);
  CHECK(ir.params.aspect_ratio == "1:1");
}

TEST_CASE("seedance: shot labels become camera terms, and the shots come back in order") {
  Diagnostics diags;
  const Prompt ir = parse(kRace, &diags);
  CHECK(diags.empty());
  CHECK(ir.camera.angle == "low-angle");
  REQUIRE(ir.camera.terms.size() == 1);
  CHECK(ir.camera.terms[0].text == "Overhead shot");
  // Each shot's motion stays in subject, in its place, so the shots keep their order.
  REQUIRE(ir.subject.size() == 5);
  CHECK(ir.subject[1].text == "Several cars roar past");
  CHECK(ir.subject[2].text == "snow spraying behind them");
  CHECK(ir.subject[4].text == "flags waving");
  CHECK(ir.motion.empty());
  const auto& inl = ext(ir)["inline"];
  REQUIRE(inl.size() == 2);
  CHECK(inl[0] == nlohmann::json::parse(
                      R"({"field":"subject","index":1,"syntax":"[Low-angle shot]","text":""})"));
  CHECK(inl[1] == nlohmann::json::parse(
                      R"({"field":"subject","index":3,"syntax":"[Overhead shot]","text":""})"));

  Diagnostics out_diags;
  const Emitted out = emit(ir, &out_diags);
  CHECK(out_diags.empty());
  CHECK(out.prompt == kRace);
  // Kling has no shots: the shots' text stays in order, the labels are camera words.
  Diagnostics kd;
  const Emitted k = kling().emit(ir, {}, kd);
  CHECK(count(kd, Code::ApproximatedSyntax, "extensions.seedance.inline") == 2);
  CHECK(k.prompt ==
        "A bright blue race car speeds along a snowy racetrack, Several cars roar past, snow "
        "spraying behind them. The crowd cheers in the stands, flags waving. Camera: low angle, "
        "Overhead shot.");
}

TEST_CASE("seedance: shot starts in every list are kept and written back") {
  // A hand-made IR: motion, style and audio in the second shot.
  Prompt ir;
  ir.subject = {term("A lighthouse on a cliff"), term("The keeper climbs the stairs")};
  ir.motion = {term("his lantern swinging")};
  StyleTerm s;
  s.text = "warm candlelight";
  s.kind = StyleKind::Lighting;
  ir.style = {s};
  ir.camera.shot = "wide";
  ir.camera.terms = {term("Close-up")};
  ir.audio.dialogue = {{"keeper", "Almost there."}};
  ir.extensions["seedance"]["inline"] =
      nlohmann::json::parse(R"([{"field":"subject","index":1,"syntax":"[Close-up]","text":""}])");
  Diagnostics diags;
  const Emitted out = emit(ir, &diags, {{"model", "1.5-pro"}});
  CHECK(diags.empty());
  CHECK(out.prompt ==
        "A lighthouse on a cliff. Camera: wide shot. [Close-up] The keeper climbs the stairs, his "
        "lantern swinging. Warm candlelight. The keeper says, \"Almost there.\"");
}

TEST_CASE("seedance: a shot's own camera words stay in its shot") {
  constexpr std::string_view kText =
      "[Wide shot] A harbour at dawn, boats rocking gently. Camera: slow dolly in. [Close-up] "
      "A fisherman coils a rope. Camera: slow pan right.";
  Diagnostics diags;
  const Prompt ir = parse(kText, &diags);
  CHECK(diags.empty());
  CHECK(ir.camera.shot == "wide");
  REQUIRE(ir.camera.terms.size() == 1);
  CHECK(ir.camera.terms[0].text == "Close-up");
  REQUIRE(ir.camera.moves.size() == 2);
  CHECK(ir.camera.moves[0].move == "dolly-in");
  CHECK(ir.camera.moves[1].move == "pan-right");
  CHECK(emit(ir).prompt == kText);
}

TEST_CASE("seedance: labels are told from other brackets") {
  // Hailuo's commands read as labels too when the prompt is read as Seedance.
  Prompt ir = parse("A drone flies over a canyon. [Pan left] Red rock walls slide past.");
  REQUIRE(ir.camera.moves.size() == 1);
  CHECK(ir.camera.moves[0].move == "pan-left");
  // A bracket inside a sentence that names no camera phrase is text.
  ir = parse("A neon sign reading [OPEN] flickers in the rain.");
  CHECK(ir.camera.empty());
  CHECK(ir.subject[0].text == "A neon sign reading [OPEN] flickers in the rain");
  CHECK_FALSE(ir.extensions.contains("seedance"));
  // A label at a sentence start that the vocabulary cannot place is a camera term.
  ir = parse("[Shot 2] The door slams shut.");
  REQUIRE(ir.camera.terms.size() == 1);
  CHECK(ir.camera.terms[0].text == "Shot 2");
  CHECK(emit(ir).prompt == "[Shot 2] The door slams shut.");
}

TEST_CASE("seedance: an edited IR without the label's camera item drops only the label") {
  Prompt ir = parse(kRace);
  ir.camera.angle.clear();
  Diagnostics diags;
  const Emitted out = emit(ir, &diags);
  CHECK(has(diags, Code::ApproximatedSyntax, "extensions.seedance.inline"));
  CHECK(out.prompt.find("[Low-angle shot]") == std::string::npos);
  CHECK(out.prompt.find("[Overhead shot]") != std::string::npos);
}

TEST_CASE("seedance: ratio, duration and resolution snap to allowed values") {
  struct Case {
    const char* asked;
    const char* written;
  };
  for (const Case c :
       {Case{"16:9", "16:9"}, Case{"7:3", "21:9"}, Case{"2:3", "3:4"}, Case{"3:2", "4:3"},
        Case{"1:2", "9:16"}, Case{"3:7", "9:21"}, Case{"5:4", "4:3"}}) {
    Prompt ir = lighthouse();
    ir.params.aspect_ratio = c.asked;
    Diagnostics diags;
    const Emitted out = emit(ir, &diags);
    CHECK(out.prompt.find(std::string("--ratio ") + c.written) != std::string::npos);
    const bool same = std::string(c.asked) == c.written || std::string(c.asked) == "7:3" ||
                      std::string(c.asked) == "3:7";
    CHECK(has(diags, Code::SnappedAspectRatio, "params.aspect_ratio") == !same);
  }
  for (const auto& [asked, written] : std::vector<std::pair<double, const char*>>{
           {1, "2"}, {5, "5"}, {7.4, "7"}, {7.5, "7"}, {12, "12"}, {15, "12"}}) {
    Prompt ir = lighthouse();
    ir.params.duration_s = asked;
    Diagnostics diags;
    CHECK(emit(ir, &diags).prompt.find(std::string("--duration ") + written) != std::string::npos);
  }
  Prompt ir = lighthouse();
  ir.params.width = 1920;
  ir.params.height = 1080;
  Diagnostics diags;
  CHECK(emit(ir, &diags).prompt.find("--ratio 16:9") != std::string::npos);
  CHECK(has(diags, Code::ApproximatedParameter, "params.width"));
  CHECK_FALSE(has(diags, Code::DroppedParameter, "params.width"));
}

TEST_CASE("seedance: seeds outside 0-4294967295 are dropped") {
  Prompt ir = lighthouse();
  ir.params.seed = 4294967296;
  Diagnostics diags;
  CHECK(emit(ir, &diags).prompt.find("--seed") == std::string::npos);
  CHECK(has(diags, Code::DroppedParameter, "params.seed"));
}

TEST_CASE("seedance: a Midjourney --ar 21:9 --no text becomes --ratio 21:9, negative dropped") {
  TranslateOptions options;
  options.from = "midjourney";
  options.to = "seedance";
  const auto records = translate(builtin_registry(),
                                 "a red fox on a frozen lake at dawn --ar 21:9 --no text", options);
  REQUIRE(records.size() == 1);
  const Record& r = records[0];
  CHECK(r.out.prompt == "A red fox on a frozen lake at dawn. --ratio 21:9");
  CHECK(r.out.request["content"][0]["text"] == r.out.prompt);
  CHECK(has(r.diags, Code::DroppedNegative, "negative"));
  CHECK_FALSE(has(r.diags, Code::SnappedAspectRatio, "params.aspect_ratio"));
  CHECK(r.out.prompt.find("text") == std::string::npos);
}

TEST_CASE("seedance: audio is kept by the 1.5 and 2.0 models only") {
  Prompt ir = lighthouse();
  ir.audio.dialogue = {{"keeper", "Storm's coming."}};
  ir.audio.sfx = {"a foghorn"};
  Diagnostics diags;
  Emitted out = emit(ir, &diags);
  CHECK(has(diags, Code::DroppedAudio, "audio"));
  CHECK(out.prompt.find("foghorn") == std::string::npos);
  CHECK_FALSE(out.request.contains("generate_audio"));

  diags.clear();
  out = emit(ir, &diags, {{"model", "1.5-pro"}});
  CHECK(diags.empty());
  CHECK(out.request["model"] == "seedance-1-5-pro-251215");
  CHECK(out.request["generate_audio"] == true);
  CHECK(out.prompt ==
        "A lighthouse on a cliff at dusk, waves crashing below. Camera: slow dolly in. The "
        "keeper says, \"Storm's coming.\" SFX: a foghorn.");
  CHECK(same_content(parse(out.prompt), ir));
}

TEST_CASE("seedance: the model and resolution options") {
  Diagnostics diags;
  CHECK(emit(lighthouse(), &diags, {{"model", "lite"}}).request["model"] ==
        "seedance-1-0-lite-t2v-250428");
  CHECK(emit(lighthouse(), &diags, {{"model", "doubao-seedance-2-0-260128"}}).request["model"] ==
        "doubao-seedance-2-0-260128");
  CHECK(diags.empty());
  CHECK(emit(lighthouse(), &diags, {{"resolution", "720p"}}).prompt.find("--resolution 720p") !=
        std::string::npos);
  emit(lighthouse(), &diags, {{"resolution", "4k"}});
  CHECK(has(diags, Code::InvalidValue, "resolution"));
}

TEST_CASE("seedance: the text format reads back to the same IR") {
  Prompt ir;
  ir.subject = {term("A red panda climbs a mossy branch")};
  ir.motion = {term("leaves trembling")};
  StyleTerm s;
  s.text = "Soft morning light";
  s.kind = StyleKind::Lighting;
  ir.style = {s};
  ir.camera.shot = "medium";
  ir.camera.moves = {CameraMove{"tracking", "", {}}};
  ir.params.aspect_ratio = "4:3";
  ir.params.duration_s = 8;
  ir.params.seed = 7;
  ir.extensions["seedance"]["watermark"] = false;
  Diagnostics diags;
  const Emitted out = emit(ir, &diags);
  CHECK(diags.empty());
  CHECK(out.text ==
        "A red panda climbs a mossy branch, leaves trembling. Soft morning light. Camera: "
        "medium shot, tracking shot. --ratio 4:3 --duration 8 --seed 7 --watermark false");
  Diagnostics back_diags;
  CHECK(same_content(parse(out.text, &back_diags), ir));
  CHECK(back_diags.empty());
}

TEST_CASE("seedance: other video text formats' lines are read; the negative is kept") {
  Diagnostics diags;
  const Prompt ir =
      parse("A busy market street\nNegative prompt: blurry, text\nDuration: 10s", &diags);
  CHECK(diags.empty());
  CHECK(ir.negative.size() == 2);
  CHECK(ir.params.duration_s == 10);
  Diagnostics out_diags;
  const Emitted out = emit(ir, &out_diags);
  CHECK(has(out_diags, Code::DroppedNegative, "negative"));
  CHECK(out.prompt.find("blurry") == std::string::npos);
}

TEST_CASE("seedance: detect") {
  CHECK(seedance().detect("A kite over a beach --ratio 16:9 --duration 5") == doctest::Approx(0.9));
  CHECK(seedance().detect("A kite over a beach --rt 16:9 --cf true") == doctest::Approx(0.9));
  CHECK(seedance().detect(kRace) == doctest::Approx(0.75));
  CHECK(seedance().detect("[Wide shot] A harbour at dawn.") == doctest::Approx(0.6));
  // Not Seedance: Midjourney flags, a lone --seed, Hailuo commands, SD de-emphasis, Pika.
  CHECK(seedance().detect("a red fox --ar 16:9 --no text") == 0);
  CHECK(seedance().detect("a red fox --seed 42") == 0);
  CHECK(seedance().detect("[Pan left,Pedestal up] a paper boat in a gutter") == 0);
  CHECK(seedance().detect("A boat. [Truck left] It drifts. [Static shot] It stops.") == 0);
  CHECK(seedance().detect("masterpiece, [blurry], 1girl, [[low quality]]") == 0);
  CHECK(seedance().detect("a cat playing piano -ar 16:9 -fps 24 -motion 2") == 0);
  CHECK(seedance().detect("A neon sign reading [OPEN].") == 0);
}

TEST_CASE("seedance: every real video prompt is read and written without errors") {
  const std::size_t lines = check_real_video(seedance(), {&seedance(), &kling(), &sora(), &veo()});
  check_real_video(veo(), {&seedance()});
  MESSAGE(lines << " real prompts checked (" << real_video_files().size() << " of "
                << video_file_names().size() << " files present)");
}
