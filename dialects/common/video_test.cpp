// Tests of what the video dialects share: reading prose, scene/style/camera/audio sentences,
// fitting ratios and durations.
#include <doctest/doctest.h>

#include "common/video.h"

using namespace promptport;

namespace {

Prompt read(std::string_view text) {
  Prompt ir;
  Diagnostics diags;
  video::read_prose(text, 0, ir, diags);
  CHECK(diags.empty());
  return ir;
}

int count(const Diagnostics& diags, Code code, std::string_view field) {
  int n = 0;
  for (const auto& d : diags) n += d.code == code && d.field == field;
  return n;
}

}  // namespace

TEST_CASE("video: Runway's camera lead, the subject, then motion") {
  const Prompt ir = read("Slow dolly-in: a lighthouse on a cliff at dusk, waves crashing below");
  REQUIRE(ir.camera.moves.size() == 1);
  CHECK(ir.camera.moves[0].move == "dolly-in");
  CHECK(ir.camera.moves[0].speed == "slow");
  REQUIRE(ir.subject.size() == 1);
  CHECK(ir.subject[0].text == "a lighthouse on a cliff at dusk");
  CHECK(ir.subject[0].span == Span{15, 46});
  REQUIRE(ir.motion.size() == 1);
  CHECK(ir.motion[0].text == "waves crashing below");
}

TEST_CASE("video: the first subject keeps its verb; camera words anywhere are camera") {
  const Prompt ir =
      read("A woman walks through the rain at night. The camera pans left, close-up shot.");
  REQUIRE(ir.subject.size() == 1);
  CHECK(ir.subject[0].text == "A woman walks through the rain at night");
  CHECK(ir.motion.empty());
  REQUIRE(ir.camera.moves.size() == 1);
  CHECK(ir.camera.moves[0].move == "pan-left");
  CHECK(ir.camera.shot == "close-up");
}

TEST_CASE("video: audio lines and inline dialogue") {
  const Prompt ir = read(
      "Two friends on a pier at sunset. The woman says, \"We made it.\" SFX: waves crash on "
      "the pilings. Ambient noise: distant gulls.");
  REQUIRE(ir.audio.dialogue.size() == 1);
  CHECK(ir.audio.dialogue[0].speaker == "woman");
  CHECK(ir.audio.dialogue[0].line == "We made it.");
  REQUIRE(ir.audio.sfx.size() == 1);
  CHECK(ir.audio.sfx[0] == "waves crash on the pilings");
  REQUIRE(ir.audio.ambience.size() == 1);
  CHECK(ir.audio.ambience[0] == "distant gulls");
  REQUIRE(ir.subject.size() == 1);
  CHECK(ir.subject[0].text == "Two friends on a pier at sunset");
}

TEST_CASE("video: Sora's blocks, one line each or several lines") {
  const Prompt ir = read(
      "A diner at 3am, neon light on wet glass.\nCinematography: medium shot, slow dolly in\n"
      "Dialogue:\n- Waitress: \"More coffee?\"\nBackground sound: rain on the roof");
  CHECK(ir.camera.shot == "medium");
  REQUIRE(ir.camera.moves.size() == 1);
  CHECK(ir.camera.moves[0].move == "dolly-in");
  REQUIRE(ir.audio.dialogue.size() == 1);
  CHECK(ir.audio.dialogue[0].speaker == "Waitress");
  CHECK(ir.audio.dialogue[0].line == "More coffee?");
  REQUIRE(ir.audio.ambience.size() == 1);
  CHECK(ir.audio.ambience[0] == "rain on the roof");
}

TEST_CASE("video: a colon that does not follow camera words is prose") {
  const Prompt ir = read("Tokyo at night: neon signs flicker in the rain");
  REQUIRE_FALSE(ir.subject.empty());
  CHECK(ir.camera.moves.empty());
}

TEST_CASE("video: sentences, style and camera words are written back") {
  Prompt ir;
  ir.subject = {Term{"a lighthouse on a cliff at dusk", 1, std::nullopt, false}};
  ir.motion = {Term{"waves crashing below", 1, std::nullopt, false}};
  StyleTerm watercolor;
  watercolor.text = "watercolor";
  watercolor.kind = StyleKind::Medium;
  StyleTerm booster;
  booster.text = "masterpiece";
  booster.kind = StyleKind::Quality;
  ir.style = {watercolor, booster};
  ir.camera.shot = "close-up";
  ir.camera.angle = "low-angle";
  ir.camera.moves = {CameraMove{"dolly-in", "slow", std::nullopt}};
  CHECK(video::scene_sentence(ir) == "A lighthouse on a cliff at dusk, waves crashing below.");
  Diagnostics diags;
  CHECK(video::style_sentence(ir, diags) == "Watercolor.");
  CHECK(count(diags, Code::DroppedTerm, "style") == 1);
  const auto words = video::camera_words(ir.camera);
  REQUIRE(words.size() == 3);
  CHECK(words[0] == "close-up shot");
  CHECK(words[1] == "low angle");
  CHECK(words[2] == "slow dolly in");
  CHECK(video::camera_words(ir.camera, false).size() == 2);
}

TEST_CASE("video: audio sentences read back to the same audio") {
  Audio audio;
  audio.dialogue = {{"woman", "We made it."}, {"Sam", "Finally."}};
  audio.sfx = {"thunder"};
  audio.ambience = {"rain"};
  const std::string text = video::audio_sentences(audio);
  CHECK(
      text ==
      "The woman says, \"We made it.\" Sam says, \"Finally.\" SFX: thunder. Ambient noise: rain.");
  const Prompt back = read(text);
  REQUIRE(back.audio.dialogue.size() == 2);
  CHECK(back.audio.dialogue[0].speaker == "woman");
  CHECK(back.audio.dialogue[1].speaker == "Sam");
  CHECK(back.audio.sfx == audio.sfx);
  CHECK(back.audio.ambience == audio.ambience);
}

TEST_CASE("video: ratios and durations fit the platform's lists") {
  Prompt ir;
  Diagnostics diags;
  const std::vector<std::string> kling{"16:9", "9:16", "1:1"};
  CHECK(video::fit_ratio(ir, kling, "16:9", "Kling", diags) == "16:9");
  CHECK(diags.empty());
  ir.params.aspect_ratio = "21:9";
  CHECK(video::fit_ratio(ir, kling, "16:9", "Kling", diags) == "16:9");
  CHECK(count(diags, Code::SnappedAspectRatio, "params.aspect_ratio") == 1);
  ir.params.aspect_ratio = "2:3";
  CHECK(video::fit_ratio(ir, kling, "16:9", "Kling", diags) == "9:16");
  ir.params.aspect_ratio.reset();
  ir.params.width = 1024;
  ir.params.height = 1024;
  diags.clear();
  CHECK(video::fit_ratio(ir, kling, "16:9", "Kling", diags) == "1:1");
  // The pixels are not sent; the ratio stands for them.
  CHECK(count(diags, Code::ApproximatedParameter, "params.width") == 1);
  CHECK(count(diags, Code::ApproximatedParameter, "params.height") == 1);
  diags.clear();

  CHECK(video::fit_duration(ir, {5, 10}, 5, "Kling", diags) == 5);
  ir.params.duration_s = 7.5;  // a tie goes to the shorter
  CHECK(video::fit_duration(ir, {5, 10}, 5, "Kling", diags) == 5);
  ir.params.duration_s = 9;
  CHECK(video::fit_duration(ir, {4, 6, 8}, 8, "Veo", diags) == 8);
  CHECK(count(diags, Code::SnappedValue, "params.duration_s") == 2);
}

TEST_CASE("video: an image prompt gets one no-motion note") {
  Prompt ir;
  ir.subject = {Term{"a red fox in snow", 1, std::nullopt, false}};
  Diagnostics diags;
  video::note_no_motion(ir, "Kling", diags);
  CHECK(count(diags, Code::NoMotion, "motion") == 1);
  ir.camera.moves = {CameraMove{"pan-left", "", std::nullopt}};
  diags.clear();
  video::note_no_motion(ir, "Kling", diags);
  CHECK(diags.empty());
}

TEST_CASE("video: Sora's one-line dialogue and several sounds read back") {
  const Prompt ir = read(
      "A harbour at dawn. Dialogue: Ines: \"Almost home.\" Marco: \"Finally.\" SFX: ropes creak, "
      "a bell rings. Background sound: gulls, distant engines.");
  REQUIRE(ir.audio.dialogue.size() == 2);
  CHECK(ir.audio.dialogue[0].speaker == "Ines");
  CHECK(ir.audio.dialogue[0].line == "Almost home.");
  CHECK(ir.audio.dialogue[1].speaker == "Marco");
  CHECK(ir.audio.sfx == std::vector<std::string>{"ropes creak", "a bell rings"});
  CHECK(ir.audio.ambience == std::vector<std::string>{"gulls", "distant engines"});
}

TEST_CASE("video: camera phrases run together in a lead are each read") {
  const Prompt ir = read(
      "Low angle static shot: The camera is angled up at a woman wearing all orange as she "
      "stands in a tropical rainforest.");
  CHECK(ir.camera.angle == "low-angle");
  REQUIRE(ir.camera.moves.size() == 1);
  CHECK(ir.camera.moves[0].move == "static");
  REQUIRE_FALSE(ir.subject.empty());
  CHECK(ir.subject[0].text.rfind("The camera is angled up", 0) == 0);
  Camera pov;
  pov.angle = "pov";
  CHECK(video::camera_words(pov) == std::vector<std::string>{"POV"});
}

TEST_CASE("video: dialogue without a final stop ends at its closing quote") {
  const Prompt ir = read("A pier at dusk. The woman says, \"We made it\" SFX: gulls cry.");
  REQUIRE(ir.audio.dialogue.size() == 1);
  CHECK(ir.audio.dialogue[0].line == "We made it");
  CHECK(ir.audio.sfx == std::vector<std::string>{"gulls cry"});
  const Prompt sign = read("A diner with a sign reading \"OPEN\" above the door");
  CHECK(sign.audio.dialogue.empty());
}

namespace {

// The labelled lines of `text` (the shared labels), read by read_common_line.
Prompt read_lines(std::string_view text, Diagnostics& diags, const video::LineRules& rules = {}) {
  static const std::vector<std::string_view> kLabels{
      "Negative prompt", "Aspect ratio", "Duration", "Seed", "Camera", "Mode"};
  Prompt ir;
  for (const auto& line : kit::split_labelled(text, kLabels).lines)
    CHECK(video::read_common_line(line, ir, diags, rules) == (line.label != "Mode"));
  return ir;
}

Term plain(std::string text, double weight = 1.0) {
  return Term{std::move(text), weight, {}, false};
}

}  // namespace

TEST_CASE("video: read_common_line reads the shared labels and leaves the others") {
  Diagnostics diags;
  const std::string text =
      "A fox\nNegative prompt: blur, text\nAspect ratio: 1280:720\nDuration: 5 s\nSeed: 42\n"
      "Camera: slow dolly in, low angle\nMode: pro";
  const Prompt ir = read_lines(text, diags);
  CHECK(diags.empty());
  REQUIRE(ir.negative.size() == 2);
  CHECK(ir.negative[1].text == "text");
  CHECK(text.substr(ir.negative[1].span->begin, 4) == "text");
  CHECK(ir.params.aspect_ratio == "16:9");
  CHECK(ir.params.duration_s == 5);
  CHECK(ir.params.seed == 42);
  CHECK(ir.camera.angle == "low-angle");
  REQUIRE(ir.camera.moves.size() == 1);
  CHECK(ir.camera.moves[0].speed == "slow");
  CHECK(ir.subject.empty());  // camera words stay camera, not scene
}

TEST_CASE("video: read_common_line reports invalid values and keeps nothing of them") {
  Diagnostics diags;
  const Prompt ir = read_lines("x\nAspect ratio: wide\nDuration: 5 seconds\nSeed: x", diags);
  CHECK(!ir.params.aspect_ratio);
  CHECK(!ir.params.duration_s);
  CHECK(!ir.params.seed);
  CHECK(count(diags, Code::InvalidValue, "Aspect ratio") == 1);
  CHECK(count(diags, Code::InvalidValue, "Seed") == 1);
  REQUIRE(count(diags, Code::InvalidValue, "Duration") == 1);
  for (const auto& d : diags)
    if (d.field == "Duration") CHECK(d.message.find("such as 5s") != std::string::npos);
}

TEST_CASE("video: LineRules: unit words, the duration example, the record's Camera line") {
  Diagnostics diags;
  Prompt ir = read_lines("x\nDuration: 10 Seconds", diags, {.duration_words = true, .record = {}});
  CHECK(ir.params.duration_s == 10);
  ir = read_lines("x\nDuration: 10S", diags, {.duration_words = true, .record = {}});
  CHECK(ir.params.duration_s == 10);
  CHECK(diags.empty());
  read_lines("x\nDuration: -1", diags,
             {.duration_example = "8s", .duration_words = false, .record = {}});
  REQUIRE(diags.size() == 1);
  CHECK(diags[0].message.find("such as 8s") != std::string::npos);

  // Read from the record or as "Camera:" + value: the same camera and the same spans.
  const std::string text = "A fox\n  Camera:   pan left, fisheye lens";
  Diagnostics a, b;
  const Prompt synthesized = read_lines(text, a);
  const Prompt recorded = read_lines(text, b, {.record = text});
  REQUIRE(recorded.camera.moves.size() == 1);
  CHECK(recorded.camera.moves[0].move == synthesized.camera.moves[0].move);
  CHECK(recorded.camera.moves[0].span == synthesized.camera.moves[0].span);
  CHECK(recorded.camera.lens == synthesized.camera.lens);
}

TEST_CASE("video: join, join_sentences and camera_sentence") {
  CHECK(video::join({"a", "", "b"}, ", ") == "a, b");
  CHECK(video::join({}, ", ").empty());
  CHECK(video::join_sentences({"A fox.", "", "Watercolor."}) == "A fox. Watercolor.");
  Camera camera;
  CHECK(video::camera_sentence(camera).empty());
  camera.shot = "close-up";
  camera.angle = "low-angle";
  camera.moves = {CameraMove{"dolly-in", "slow", {}}};
  CHECK(video::camera_sentence(camera) == "Camera: close-up shot, low angle, slow dolly in.");
  CHECK(video::camera_sentence(camera, false) == "Camera: close-up shot, low angle.");
  camera.shot.clear();
  camera.angle.clear();
  CHECK(video::camera_sentence(camera, false).empty());
}

TEST_CASE("video: report_weights says once per listed field, worded by the caller") {
  Prompt ir;
  ir.subject = {plain("a fox", 1.3), plain("snow", 1.2)};
  ir.motion = {plain("runs", 1.5)};
  ir.camera.terms = {plain("handheld", 1.0 + 1e-12)};
  Diagnostics diags;
  video::report_weights(
      ir, {"subject", "style", "camera.terms"},
      [](std::string_view field) { return "no weights in " + std::string(field); }, diags);
  REQUIRE(diags.size() == 2);
  CHECK(diags[0].field == "subject");
  CHECK(diags[0].code == Code::ApproximatedWeight);
  CHECK(diags[0].severity == Severity::Info);
  CHECK(diags[0].message == "no weights in subject");
  CHECK(diags[1].field == "camera.terms");  // any difference from 1 counts by default
  diags.clear();
  video::report_weights(
      ir, {"motion", "camera.terms"}, [](std::string_view) { return std::string("x"); }, diags,
      1e-9);
  REQUIRE(diags.size() == 1);  // within the tolerance, 1 + 1e-12 is 1
  CHECK(diags[0].field == "motion");
}

TEST_CASE("video: ratio_given says whether fit_ratio finds a ratio, and where") {
  Params p;
  bool from_pixels = true;
  CHECK(!video::ratio_given(p, from_pixels));
  CHECK(!from_pixels);
  p.width = 1920;
  p.height = 1080;
  CHECK(video::ratio_given(p, from_pixels));
  CHECK(from_pixels);
  p.aspect_ratio = "21:9";
  CHECK(video::ratio_given(p, from_pixels));
  CHECK(!from_pixels);
  p.aspect_ratio = "wide";  // an aspect ratio that does not read wins over the pixels
  CHECK(!video::ratio_given(p, from_pixels));
  CHECK(!from_pixels);
}

TEST_CASE("video: a camera lead may join its phrases with articles and 'from'") {
  const Prompt ir = read("A close-up shot from a low angle: a knight raises his sword");
  CHECK(ir.camera.shot == "close-up");
  CHECK(ir.camera.angle == "low-angle");
  REQUIRE(ir.subject.size() == 1);
  CHECK(ir.subject[0].text == "a knight raises his sword");
  const Prompt not_camera = read("In the morning: a knight rides out");
  CHECK(not_camera.camera.empty());
}

TEST_CASE("video: tags from a tag platform read as words; pixels are said to become a ratio") {
  Prompt ir;
  ir.source = Source{"sd", ""};
  ir.subject = {Term{"1girl", 1, std::nullopt, false}, Term{"long_hair", 1, std::nullopt, false}};
  CHECK(video::scene_sentence(ir) == "A girl, long hair.");
  ir.source = Source{"kling", ""};
  CHECK(video::scene_sentence(ir) == "1girl, long_hair.");
  ir.params.aspect_ratio = "13:19";
  ir.params.width = 832;
  ir.params.height = 1216;
  Diagnostics diags;
  CHECK(video::fit_ratio(ir, {"16:9", "9:16", "1:1"}, "16:9", "Kling", diags) == "9:16");
  CHECK(count(diags, Code::ApproximatedParameter, "params.width") == 1);
  CHECK(count(diags, Code::ApproximatedParameter, "params.height") == 1);
  CHECK(count(diags, Code::SnappedAspectRatio, "params.aspect_ratio") == 1);
}

TEST_CASE("video: sentences of the source stay sentences in the scene") {
  const Prompt ir = read(
      "A stylish woman walks down a Tokyo street, neon signs glowing. She wears a black "
      "leather jacket. Tokyo at night, rain falling");
  CHECK(video::scene_sentence(ir) ==
        "A stylish woman walks down a Tokyo street. She wears a black leather jacket, Tokyo at "
        "night, neon signs glowing, rain falling.");
}

TEST_CASE("video: Chinese prose keeps full-width punctuation") {
  const Prompt ir = read("一个厕所，凝固在时间里。一只猫在跳。");
  REQUIRE(ir.subject.size() == 3);
  CHECK(ir.subject[0].text == "一个厕所");
  CHECK(ir.subject[1].text == "凝固在时间里");
  CHECK(ir.subject[2].text == "一只猫在跳");
  CHECK(video::scene_sentence(ir) == "一个厕所，凝固在时间里，一只猫在跳。");
}
