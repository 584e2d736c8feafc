// Unit tests of the wan dialect: the camera-first prompt in Chinese and English, the default
// negative prompt, sizes, frames, the generate.py settings, the text format, detection and
// the real video prompts.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "common/video_test_support.h"
#include "promptport/promptport.h"
#include "wan/wan_internal.h"

namespace {

using namespace promptport;
using namespace promptport::video_test;

const Dialect& dialect() { return *builtin_registry().find("wan"); }
const Dialect& kling() { return *builtin_registry().find("kling"); }
const Dialect& veo() { return *builtin_registry().find("veo"); }

Prompt parse(std::string_view text, Diagnostics* diags = nullptr, const Options& options = {}) {
  Diagnostics local;
  return dialect().parse(text, options, diags ? *diags : local);
}

Emitted emit(const Prompt& ir, Diagnostics* diags = nullptr, const Options& options = {}) {
  Diagnostics local;
  return dialect().emit(ir, options, diags ? *diags : local);
}

std::string default_negative() { return std::string(wan::default_negative()); }

const char* const kTeahouse =
    "镜头缓缓推进，一位老人坐在茶馆里喝茶，热气从茶杯中升起。近景，仰视视角。水墨画风格。";

}  // namespace

TEST_CASE("wan: the default negative prompt is the config's string, 28 terms") {
  CHECK(wan::default_negative().substr(0, 12) == "色调艳丽");
  CHECK(wan::default_negative().size() == 133 * 3 + 4);  // 3-byte characters and "JPEG"
  REQUIRE(wan::default_negative_terms().size() == 28);
  CHECK(wan::default_negative_terms()[13] == "JPEG压缩残留");
  CHECK(wan::default_negative_terms().back() == "倒着走");
}

TEST_CASE("wan: a Chinese camera-first prompt is read into camera, subject and style") {
  Diagnostics diags;
  const Prompt ir = parse(kTeahouse, &diags);
  CHECK(diags.empty());
  REQUIRE(ir.camera.moves.size() == 1);
  CHECK(ir.camera.moves[0].move == "dolly-in");
  CHECK(ir.camera.moves[0].speed == "slow");
  REQUIRE(ir.subject.size() == 1);
  CHECK(ir.subject[0].text == "一位老人坐在茶馆里喝茶");
  REQUIRE(ir.motion.size() == 1);
  CHECK(ir.motion[0].text == "热气从茶杯中升起");  // a later fragment with a motion verb
  CHECK(ir.camera.shot == "medium-close-up");
  CHECK(ir.camera.angle == "low-angle");
  REQUIRE(ir.style.size() == 1);
  CHECK(ir.style[0].text == "水墨画风格");
  CHECK(ir.style[0].kind == StyleKind::Medium);
  // Written back in the guide's order, still Chinese.
  Diagnostics out_diags;
  const Emitted out = emit(ir, &out_diags);
  CHECK(out_diags.empty());
  CHECK(out.prompt == kTeahouse);
}

TEST_CASE("wan: Chinese camera words: moves with speed, shots, angles, lenses, bare verbs") {
  struct Case {
    const char* text;
    vocab::Slot slot;
    const char* canonical;
    const char* speed;
  };
  for (const Case c : {Case{"镜头快速向左摇", vocab::Slot::Move, "pan-left", "fast"},
                       Case{"镜头跟随", vocab::Slot::Move, "tracking", ""},
                       Case{"固定镜头", vocab::Slot::Move, "static", ""},
                       Case{"航拍镜头", vocab::Slot::Move, "aerial", ""},
                       Case{"缓缓上升", vocab::Slot::Move, "pedestal-up", "slow"},
                       Case{"镜头向右平移", vocab::Slot::Move, "truck-right", ""},
                       Case{"大特写", vocab::Slot::Shot, "extreme-close-up", ""},
                       Case{"远景", vocab::Slot::Shot, "wide", ""},
                       Case{"俯拍", vocab::Slot::Angle, "high-angle", ""},
                       Case{"鸟瞰视角", vocab::Slot::Angle, "overhead", ""},
                       Case{"广角镜头", vocab::Slot::Lens, "广角镜头", ""},
                       Case{"浅景深", vocab::Slot::CameraTerm, "", ""}}) {
    CAPTURE(c.text);
    const auto p = wan::zh_camera(c.text);
    REQUIRE(p);
    CHECK(p->slot == c.slot);
    CHECK(p->canonical == c.canonical);
    CHECK(p->speed == c.speed);
  }
  // A verb that is more often about the thing shown needs the camera or a speed.
  CHECK_FALSE(wan::zh_camera("上升"));
  CHECK_FALSE(wan::zh_camera("跟随"));
  // More words than the camera phrase: the fragment stays subject, nothing is lost.
  CHECK_FALSE(wan::zh_camera("镜头跟随小鸟向上移动"));
  CHECK_FALSE(wan::zh_camera("一只猫"));
}

TEST_CASE("wan: every canonical move has Chinese words that read back as it") {
  for (const char* move :
       {"static",     "pan-left",   "pan-right",   "tilt-up",     "tilt-down",     "dolly-in",
        "dolly-out",  "truck-left", "truck-right", "pedestal-up", "pedestal-down", "zoom-in",
        "zoom-out",   "orbit-left", "orbit-right", "crane-up",    "crane-down",    "roll-left",
        "roll-right", "tracking",   "handheld",    "aerial",      "fpv",           "whip-pan",
        "dolly-zoom", "rack-focus"}) {
    for (const char* speed : {"", "slow", "fast"}) {
      CAPTURE(move);
      CAPTURE(speed);
      const std::string words = wan::zh_move(CameraMove{move, speed, {}});
      REQUIRE_FALSE(words.empty());
      const auto p = wan::zh_camera(words);
      REQUIRE(p);
      CHECK(p->slot == vocab::Slot::Move);
      CHECK(p->canonical == move);
      CHECK(p->speed == speed);
    }
  }
  for (const char* shot : {"extreme-close-up", "close-up", "medium-close-up", "medium", "cowboy",
                           "full", "wide", "extreme-wide"}) {
    const auto p = wan::zh_camera(wan::zh_shot(shot));
    REQUIRE(p);
    CHECK(p->canonical == shot);
  }
  for (const char* angle : {"eye-level", "low-angle", "high-angle", "overhead", "worms-eye",
                            "dutch", "over-the-shoulder", "pov"}) {
    const auto p = wan::zh_camera(wan::zh_angle(angle));
    REQUIRE(p);
    CHECK(p->canonical == angle);
  }
}

TEST_CASE("wan: the camera-first formula in English") {
  Prompt ir = lighthouse();
  ir.camera.shot = "wide";
  StyleTerm film;
  film.text = "16mm film";
  film.kind = StyleKind::Medium;
  ir.style = {film};
  Diagnostics diags;
  const Emitted out = emit(ir, &diags);
  CHECK(diags.empty());
  CHECK(out.prompt ==
        "Slow dolly in. A lighthouse on a cliff at dusk, waves crashing below. Wide shot. 16mm "
        "film.");
  Diagnostics back_diags;
  CHECK(same_content(parse(out.prompt, &back_diags), ir));
  CHECK(back_diags.empty());
}

TEST_CASE("wan: the request is a generate.py run: task, size, frame_num, sample_fps") {
  Prompt ir = lighthouse();
  Diagnostics diags;
  const Emitted out = emit(ir, &diags);
  CHECK(diags.empty());
  const nlohmann::json want = {{"task", "t2v-14B"},  {"prompt", out.prompt},
                               {"size", "1280*720"}, {"frame_num", 81},
                               {"sample_fps", 16},   {"use_prompt_extend", false}};
  CHECK(out.request == want);
  CHECK(out.text == out.prompt);

  ir.params.seed = 42;
  ir.params.steps = 40;
  ir.params.guidance = 6;
  ir.negative = {term("blurry"), term("text")};
  const Emitted all = emit(ir, &diags);
  CHECK(diags.empty());
  CHECK(all.request["base_seed"] == 42);
  CHECK(all.request["sample_steps"] == 40);
  CHECK(all.request["sample_guide_scale"] == 6.0);
  CHECK(all.request["negative_prompt"] == "blurry, text");
  CHECK(all.text == all.prompt +
                        "\nNegative prompt: blurry, text\nSeed: 42\nSample steps: 40\nGuide "
                        "scale: 6");
}

TEST_CASE("wan: seeds, steps and guidance Wan cannot take are dropped with a warning") {
  Prompt ir = lighthouse();
  ir.params.seed = -1;
  ir.params.steps = 0;
  ir.params.guidance = 0.5;  // Kling's 0-1 cfg_scale is not a CFG scale
  Diagnostics diags;
  const Emitted out = emit(ir, &diags);
  CHECK(has(diags, Code::DroppedParameter, "params.seed"));
  CHECK(has(diags, Code::DroppedParameter, "params.steps"));
  CHECK(has(diags, Code::DroppedParameter, "params.guidance"));
  CHECK_FALSE(out.request.contains("base_seed"));
  CHECK_FALSE(out.request.contains("sample_steps"));
  CHECK_FALSE(out.request.contains("sample_guide_scale"));
}

TEST_CASE("wan: sizes: the orientation nearest the ratio, in the 720p or 480p tier") {
  struct Case {
    const char* ratio;
    const char* size;
    bool snapped;
  };
  for (const Case c : {Case{"16:9", "1280*720", false}, Case{"9:16", "720*1280", false},
                       Case{"1:1", "1280*720", true}, Case{"4:3", "1280*720", true},
                       Case{"21:9", "1280*720", true}, Case{"2:3", "720*1280", true}}) {
    CAPTURE(c.ratio);
    Prompt ir = lighthouse();
    ir.params.aspect_ratio = c.ratio;
    Diagnostics diags;
    const Emitted out = emit(ir, &diags);
    CHECK(out.request["size"] == c.size);
    CHECK(has(diags, Code::SnappedAspectRatio, "params.aspect_ratio") == c.snapped);
    CHECK(out.text.find(std::string("\nAspect ratio: ") +
                        (std::string(c.size) == "1280*720" ? "16:9" : "9:16")) !=
          std::string::npos);
  }
  Prompt ir = lighthouse();
  ir.params.aspect_ratio = "9:16";
  Diagnostics diags;
  CHECK(emit(ir, &diags, {{"resolution", "480p"}}).request["size"] == "480*832");
  CHECK(diags.empty());
  CHECK(emit(ir, &diags, {{"task", "t2v-1.3B"}}).request["size"] == "480*832");
  CHECK(diags.empty());
  const Emitted small = emit(ir, &diags, {{"task", "t2v-1.3B"}, {"resolution", "720p"}});
  CHECK(small.request["size"] == "480*832");
  CHECK(small.request["task"] == "t2v-1.3B");
  CHECK(has(diags, Code::InvalidValue, "resolution"));
}

TEST_CASE("wan: a Wan size in pixels is kept; other pixels become the nearest size") {
  Prompt ir = lighthouse();
  ir.params.width = 832;
  ir.params.height = 480;
  Diagnostics diags;
  Emitted out = emit(ir, &diags);
  CHECK(diags.empty());
  CHECK(out.request["size"] == "832*480");
  CHECK(out.text == out.prompt + "\nSize: 832*480");
  const Prompt back = parse(out.text);
  CHECK(back.params.width == 832);
  CHECK(back.params.height == 480);

  ir.params.width = 1344;
  ir.params.height = 768;
  out = emit(ir, &diags);
  CHECK(out.request["size"] == "1280*720");
  CHECK(has(diags, Code::ApproximatedParameter, "params.width"));
  CHECK(has(diags, Code::ApproximatedParameter, "params.height"));
  CHECK(has(diags, Code::SnappedAspectRatio, "params.aspect_ratio"));  // 7:4 is not 16:9
}

TEST_CASE("wan: durations become 4n+1 frames at 16 fps") {
  struct Case {
    double seconds;
    int frames;
    bool snapped;
  };
  for (const Case c : {Case{5, 81, false}, Case{4, 65, false}, Case{3, 49, false},
                       Case{8, 129, false}, Case{10, 161, false}, Case{2.5, 41, false},
                       Case{4.9, 81, true}, Case{6.1, 97, true}, Case{0.1, 5, true}}) {
    CAPTURE(c.seconds);
    Prompt ir = lighthouse();
    ir.params.duration_s = c.seconds;
    Diagnostics diags;
    const Emitted out = emit(ir, &diags);
    CHECK(out.request["frame_num"] == c.frames);
    CHECK(out.request["sample_fps"] == 16);
    CHECK(has(diags, Code::SnappedValue, "params.duration_s") == c.snapped);
    CHECK(out.text == out.prompt + "\nFrames: " + std::to_string(c.frames));
    if (!c.snapped) CHECK(parse(out.text).params.duration_s == doctest::Approx(c.seconds));
  }
  Diagnostics diags;
  parse("a cat\nFrames: many", &diags);
  CHECK(has(diags, Code::InvalidValue, "Frames"));
}

TEST_CASE("wan: the default negative is a marker when read, written back only for Wan") {
  const std::string text =
      "A red kite flies over a green hill, its tail fluttering.\nNegative prompt: " +
      default_negative() + "，blurry, text";
  Diagnostics diags;
  const Prompt ir = parse(text, &diags);
  REQUIRE(diags.size() == 1);
  CHECK(diags[0].code == Code::ApproximatedNegative);
  CHECK(diags[0].severity == Severity::Info);
  CHECK(diags[0].field == "negative");
  REQUIRE(diags[0].span);
  CHECK(text.substr(diags[0].span->begin, diags[0].span->end - diags[0].span->begin) ==
        default_negative());
  REQUIRE(ir.negative.size() == 2);
  CHECK(ir.negative[0].text == "blurry");
  CHECK(ir.negative[1].text == "text");
  CHECK(ir.extensions["wan"]["default_negative"] == true);

  // Wan writes it back, first, verbatim.
  Diagnostics out_diags;
  const Emitted out = emit(ir, &out_diags);
  CHECK(out_diags.empty());
  CHECK(out.negative_prompt == default_negative() + "，blurry, text");
  CHECK(same_content(parse(out.text), ir));

  // Kling gets the user's own negatives, never the 28 Chinese terms.
  Diagnostics kling_diags;
  const Emitted k = kling().emit(ir, {}, kling_diags);
  CHECK(k.negative_prompt == "blurry, text");
  CHECK(k.negative_prompt.find("色调艳丽") == std::string::npos);
  CHECK(has(kling_diags, Code::DroppedParameter, "extensions.wan.default_negative"));
}

TEST_CASE("wan: the default negative is found as a contiguous part, not when cut short") {
  Diagnostics diags;
  const Prompt flf =
      parse("一只蓝色的小鸟从地面起飞\nNegative prompt: 镜头切换，" + default_negative(), &diags);
  CHECK(flf.extensions["wan"]["default_negative"] == true);
  REQUIRE(flf.negative.size() == 1);
  CHECK(flf.negative[0].text == "镜头切换");
  diags.clear();
  const Prompt partial = parse("a cat\nNegative prompt: 色调艳丽，过曝，静态", &diags);
  CHECK(diags.empty());
  CHECK(partial.negative.size() == 3);
  CHECK_FALSE(partial.extensions.contains("wan"));
}

TEST_CASE("wan: -O keep-default-negative=on keeps the 28 terms for other platforms") {
  Diagnostics diags;
  const Prompt ir = parse("a cat\nNegative prompt: " + default_negative(), &diags,
                          {{"keep-default-negative", "on"}});
  CHECK(diags.empty());
  CHECK(ir.negative.size() == 28);
  CHECK_FALSE(ir.extensions.contains("wan"));
  Diagnostics veo_diags;
  CHECK(veo().emit(ir, {}, veo_diags).negative_prompt.find("色调艳丽, 过曝") != std::string::npos);
}

TEST_CASE("wan: -O default-negative=on adds the default once, before other terms") {
  Prompt ir = lighthouse();
  Diagnostics diags;
  CHECK(emit(ir, &diags, {{"default-negative", "on"}}).negative_prompt == default_negative());
  ir.negative = {term("people")};
  const Emitted out = emit(ir, &diags, {{"default-negative", "on"}});
  CHECK(out.negative_prompt == default_negative() + "，people");
  CHECK(out.request["negative_prompt"] == out.negative_prompt);
  CHECK(diags.empty());
  // Terms that already hold it (from a source that kept it word for word) get no second copy.
  ir.negative.clear();
  for (const auto t : wan::default_negative_terms()) ir.negative.push_back(term(std::string(t)));
  CHECK(emit(ir, &diags, {{"default-negative", "on"}}).negative_prompt == default_negative());
  CHECK(emit(ir, &diags).negative_prompt == default_negative());
  // Off by default, and a bad value is reported.
  ir.negative.clear();
  CHECK(emit(ir, &diags).negative_prompt.empty());
  CHECK(emit(ir, &diags, {{"default-negative", "maybe"}}).negative_prompt.empty());
  CHECK(has(diags, Code::InvalidValue, "default-negative"));
}

TEST_CASE("wan: the text format reads back to the same IR, English and Chinese") {
  Prompt ir = lighthouse();
  ir.camera.angle = "low-angle";
  ir.camera.lens = "35mm";
  ir.negative = {term("people"), term("buildings")};
  ir.params.width = 720;
  ir.params.height = 1280;
  ir.params.duration_s = 4;
  ir.params.seed = 7;
  ir.params.steps = 30;
  ir.params.guidance = 5.5;
  ir.extensions["wan"]["task"] = "t2v-A14B";
  Diagnostics diags;
  Emitted out = emit(ir, &diags);
  CHECK(diags.empty());
  CHECK(out.text ==
        "Slow dolly in. A lighthouse on a cliff at dusk, waves crashing below. Low angle, 35mm.\n"
        "Negative prompt: people, buildings\nSize: 720*1280\nFrames: 65\nSeed: 7\nSample steps: "
        "30\nGuide scale: 5.5\nTask: t2v-A14B");
  CHECK(out.request["task"] == "t2v-A14B");
  Diagnostics back_diags;
  CHECK(same_content(parse(out.text, &back_diags), ir));
  CHECK(back_diags.empty());

  Prompt zh = parse(kTeahouse);
  zh.camera.terms = {term("某种镜头")};  // no canonical slot, not in the tables
  zh.extensions["wan"]["default_negative"] = true;
  out = emit(zh, &diags);
  CHECK(diags.empty());
  CHECK(out.prompt ==
        "镜头缓缓推进，一位老人坐在茶馆里喝茶，热气从茶杯中升起。Camera: "
        "近景，仰视视角，某种镜头。水墨画风格。");
  back_diags.clear();
  CHECK(same_content(parse(out.text, &back_diags), zh));
  // Reading the default negative back says once that it became the marker again.
  REQUIRE(back_diags.size() == 1);
  CHECK(back_diags[0].code == Code::ApproximatedNegative);
}

TEST_CASE("wan: canonical camera values are written in Chinese for a Chinese scene") {
  Prompt ir;
  ir.subject = {term("一只白猫在沙滩上奔跑")};
  ir.camera.shot = "close-up";
  ir.camera.angle = "overhead";
  ir.camera.moves = {CameraMove{"orbit-left", "", {}}, CameraMove{"zoom-out", "fast", {}}};
  StyleTerm s;
  s.text = "Cinematic";
  s.kind = StyleKind::Aesthetic;
  ir.style = {s};
  Diagnostics diags;
  const Emitted out = emit(ir, &diags);
  CHECK(diags.empty());
  // English style words stay English: nothing is translated.
  CHECK(out.prompt ==
        "镜头顺时针环绕，镜头快速变焦拉远，一只白猫在沙滩上奔跑。特写，鸟瞰视角。Cinematic.");
  CHECK(same_content(parse(out.prompt), ir));
}

TEST_CASE("wan: what Wan cannot express is reported") {
  Prompt ir = lighthouse();
  ir.subject[0].weight = 1.3;
  ir.audio.sfx = {"waves"};
  ir.motion_intensity = "high";
  ir.extensions["kling"]["mode"] = "pro";
  Diagnostics diags;
  emit(ir, &diags);
  CHECK(has(diags, Code::ApproximatedWeight, "subject"));
  CHECK(has(diags, Code::DroppedAudio, "audio"));
  CHECK(has(diags, Code::DroppedMotion, "motion_intensity"));
  CHECK(has(diags, Code::DroppedParameter, "extensions.kling.mode"));
  Prompt still;
  still.subject = {term("a red fox in snow")};
  diags.clear();
  emit(still, &diags);
  CHECK(has(diags, Code::NoMotion, "motion"));
}

TEST_CASE("wan: an over-long prompt is reported, never cut") {
  Prompt ir;
  std::string words;
  for (int i = 0; i < 500; ++i) words += "word ";
  ir.subject = {term(words)};
  Diagnostics diags;
  const Emitted out = emit(ir, &diags);
  CHECK(has(diags, Code::PromptTooLong, "prompt"));
  CHECK(out.prompt.size() > words.size() - 2);
  CHECK(wan::approx_tokens("一只猫。") == 4);
  CHECK(wan::approx_tokens("a red fox, snow.") == 8);
}

TEST_CASE("wan: the Task line and the task option") {
  Diagnostics diags;
  const Prompt ir = parse("a cat\nTask: t2v-1.3B", &diags);
  CHECK(diags.empty());
  CHECK(ir.extensions["wan"]["task"] == "t2v-1.3B");
  const Emitted out = emit(ir, &diags);
  CHECK(out.request["task"] == "t2v-1.3B");
  CHECK(out.request["size"] == "832*480");
  parse("a cat\nTask: i2v-14B", &diags);
  CHECK(has(diags, Code::InvalidValue, "Task"));
  diags.clear();
  emit(ir, &diags, {{"task", "t2v-99B"}});
  CHECK(has(diags, Code::InvalidValue, "task"));
}

TEST_CASE("wan: detect finds Wan's own marks and leaves plain prose alone") {
  CHECK(dialect().detect("a cat\nNegative prompt: " + default_negative()) == doctest::Approx(0.9));
  CHECK(dialect().detect(default_negative()) == doctest::Approx(0.9));
  CHECK(dialect().detect("a cat on a roof\nSize: 1280*720") == doctest::Approx(0.85));
  CHECK(dialect().detect("a cat on a roof\nFrames: 81") == doctest::Approx(0.8));
  CHECK(dialect().detect("python generate.py --task t2v-14B --size 832*480 --prompt \"a cat\"") ==
        doctest::Approx(0.7));
  CHECK(dialect().detect(kTeahouse) == doctest::Approx(0.45));
  CHECK(dialect().detect("镜头推进。一位老人坐在茶馆里。") == doctest::Approx(0.45));
  // Plain prose, Chinese or English, and other platforms' syntax: not Wan.
  for (const char* other :
       {"一位老人坐在茶馆里喝茶，热气从茶杯中升起。", "在静止的画面中，一个停车标志",
        "A lighthouse on a cliff at dusk, waves crashing below. Slow dolly in.",
        "Slow dolly in: a lighthouse on a cliff at dusk.", "a red fox --ar 16:9 --no text",
        "[Pan left,Pedestal up] a paper boat drifting down a rain gutter",
        "A race car on a snowy track. [Low-angle shot] The cars pass --ratio 16:9",
        "a paper boat -camera pan left -ar 16:9", "{red, blue} car",
        "a city street\nSize: 1248x832", "a cat\nNegative prompt: blurry, text"})
    CHECK_MESSAGE(dialect().detect(other) == 0, other);
}

TEST_CASE("wan: capabilities and options") {
  const Capabilities c = dialect().capabilities();
  CHECK(c.negative_prompt);
  CHECK(c.video);
  CHECK_FALSE(c.weights);
  CHECK_FALSE(c.audio);
  CHECK_FALSE(c.camera_control);
  CHECK(c.max_prompt_tokens == 512);
  CHECK(c.aspect_ratios == std::vector<std::string>{"16:9", "9:16"});
  std::vector<std::string> names;
  for (const auto& o : dialect().options()) names.push_back(o.name);
  CHECK(names == std::vector<std::string>{"task", "resolution", "default-negative",
                                          "keep-default-negative"});
}

TEST_CASE("wan: every real video prompt is read and written by wan without errors") {
  const std::size_t lines = check_real_video(dialect(), {&dialect(), &kling(), &veo()});
  const std::size_t from_kling = check_real_video(kling(), {&dialect()});
  CHECK(lines == from_kling);
  MESSAGE(lines << " real prompts checked (" << real_video_files().size() << " of "
                << video_file_names().size() << " files present)");
}
