// Unit tests of the dalle dialect: sizes and qualities per model, what DALL·E cannot take,
// the character limits, the no-rewrite prefix, the text format, detection, real prompts.
#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <string>

#include "promptport/promptport.h"
#include "promptport/vocab.h"
#include "test_data.h"

namespace {

using namespace promptport;

const Dialect& dalle() { return *builtin_registry().find("dalle"); }

const Options kGptImage{{"model", "gpt-image-1"}};

Prompt parse(std::string_view text, Diagnostics* diags = nullptr) {
  Diagnostics local;
  return dalle().parse(text, {}, diags ? *diags : local);
}

Emitted emit(const Prompt& ir, Diagnostics* diags = nullptr, const Options& options = {}) {
  Diagnostics local;
  return dalle().emit(ir, options, diags ? *diags : local);
}

bool has(const Diagnostics& diags, Code code, std::string_view field) {
  return std::any_of(diags.begin(), diags.end(),
                     [&](const Diagnostic& d) { return d.code == code && d.field == field; });
}

Prompt scene(std::optional<std::string> ratio = std::nullopt) {
  Prompt ir;
  ir.subject.push_back(Term{"a lighthouse on a cliff", 1.0, {}});
  ir.params.aspect_ratio = std::move(ratio);
  return ir;
}

std::string size_for(std::string ratio, const Options& options = {}) {
  const Emitted out = emit(scene(std::move(ratio)), nullptr, options);
  return out.request.contains("size") ? out.request["size"].get<std::string>() : "";
}

// parse(emit(parse(x))) has the content of parse(x); boosters and camera moves are dropped
// on purpose by the prose writer, so they are left out.
bool round_trips(std::string_view text) {
  Prompt first = parse(text);
  const Prompt again = parse(emit(first).text);
  std::erase_if(first.style, [](const StyleTerm& t) { return vocab::is_quality_booster(t.text); });
  first.camera.moves.clear();
  return same_content(first, again);
}

}  // namespace

TEST_CASE("dalle: the name, the gpt-image alias and a description that says it is retired") {
  CHECK(builtin_registry().find("gpt-image") == &dalle());
  CHECK(dalle().summary().find("retired") != std::string_view::npos);
  const Capabilities c = dalle().capabilities();
  CHECK_FALSE(c.negative_prompt);
  CHECK_FALSE(c.weights);
  CHECK(c.max_prompt_chars == 4000);
  CHECK(c.aspect_ratios == std::vector<std::string>{"1:1", "7:4", "4:7"});
}

TEST_CASE("dalle: DALL-E 3 sizes are 1024x1024, 1792x1024 and 1024x1792, snapped by ratio") {
  CHECK(size_for("1:1") == "1024x1024");
  CHECK(size_for("7:4") == "1792x1024");
  CHECK(size_for("16:9") == "1792x1024");
  CHECK(size_for("21:9") == "1792x1024");
  CHECK(size_for("9:16") == "1024x1792");
  CHECK(size_for("4:5") == "1024x1024");
  Diagnostics diags;
  emit(scene("16:9"), &diags);
  CHECK(has(diags, Code::SnappedAspectRatio, "params.aspect_ratio"));
  diags.clear();
  emit(scene("7:4"), &diags);
  CHECK(diags.empty());
  // No ratio: no size field, the model's default.
  CHECK_FALSE(emit(scene()).request.contains("size"));
}

TEST_CASE("dalle: gpt-image-1 sizes are 1024x1024, 1536x1024 and 1024x1536") {
  CHECK(size_for("1:1", kGptImage) == "1024x1024");
  CHECK(size_for("3:2", kGptImage) == "1536x1024");
  CHECK(size_for("16:9", kGptImage) == "1536x1024");
  CHECK(size_for("2:3", kGptImage) == "1024x1536");
  CHECK(size_for("9:16", kGptImage) == "1024x1536");
  const Emitted out = emit(scene(), nullptr, kGptImage);
  CHECK(out.request["model"] == "gpt-image-1");
  CHECK_FALSE(out.request.contains("size"));  // auto
}

TEST_CASE("dalle: pixels become the size of their ratio, each side said once") {
  Prompt ir = scene();
  ir.params.width = 1216;
  ir.params.height = 832;
  Diagnostics diags;
  const Emitted out = emit(ir, &diags);
  CHECK(out.request["size"] == "1792x1024");
  CHECK(has(diags, Code::ApproximatedParameter, "params.width"));
  CHECK(has(diags, Code::ApproximatedParameter, "params.height"));
}

TEST_CASE("dalle: quality values of one model become the other's nearest") {
  auto quality = [](std::string q, const Options& options = {}) {
    Prompt ir = scene();
    ir.extensions["dalle"]["quality"] = q;
    Diagnostics diags;
    const Emitted out = emit(ir, &diags, options);
    const bool approx = has(diags, Code::ApproximatedParameter, "extensions.dalle.quality");
    const std::string got =
        out.request.contains("quality") ? out.request["quality"].get<std::string>() : "-";
    return got + (approx ? " (approximated)" : "");
  };
  CHECK(quality("hd") == "hd");
  CHECK(quality("standard") == "standard");
  CHECK(quality("high") == "hd (approximated)");
  CHECK(quality("medium") == "standard (approximated)");
  CHECK(quality("low") == "standard (approximated)");
  CHECK(quality("auto") == "- (approximated)");
  CHECK(quality("high", kGptImage) == "high");
  CHECK(quality("auto", kGptImage) == "auto");
  CHECK(quality("hd", kGptImage) == "high (approximated)");
  CHECK(quality("standard", kGptImage) == "medium (approximated)");
}

TEST_CASE("dalle: style is DALL-E 3's; gpt-image-1 drops it") {
  Prompt ir = scene();
  ir.extensions["dalle"]["style"] = "vivid";
  Diagnostics diags;
  CHECK(emit(ir, &diags).request["style"] == "vivid");
  CHECK(diags.empty());
  const Emitted gpt = emit(ir, &diags, kGptImage);
  CHECK_FALSE(gpt.request.contains("style"));
  CHECK(has(diags, Code::DroppedParameter, "extensions.dalle.style"));
}

TEST_CASE("dalle: background, output_format and moderation are gpt-image-1's") {
  Prompt ir = scene();
  ir.extensions["dalle"]["background"] = "transparent";
  ir.extensions["dalle"]["output_format"] = "webp";
  ir.extensions["dalle"]["moderation"] = "low";
  Diagnostics diags;
  const Emitted gpt = emit(ir, &diags, kGptImage);
  CHECK(diags.empty());
  CHECK(gpt.request["background"] == "transparent");
  CHECK(gpt.request["output_format"] == "webp");
  CHECK(gpt.request["moderation"] == "low");
  CHECK(gpt.text ==
        "A lighthouse on a cliff.\nBackground: transparent\nOutput format: webp\nModeration: low");
  const Emitted d3 = emit(ir, &diags);
  CHECK_FALSE(d3.request.contains("background"));
  CHECK(has(diags, Code::DroppedParameter, "extensions.dalle.background"));
  CHECK(has(diags, Code::DroppedParameter, "extensions.dalle.output_format"));
  CHECK(has(diags, Code::DroppedParameter, "extensions.dalle.moderation"));
}

TEST_CASE("dalle: no negative prompt and no seed") {
  Prompt ir = scene();
  ir.negative.push_back(Term{"text", 1.0, {}});
  ir.params.seed = 42;
  Diagnostics diags;
  const Emitted out = emit(ir, &diags);
  CHECK(out.negative_prompt.empty());
  CHECK(out.prompt == "A lighthouse on a cliff.");
  CHECK_FALSE(out.request.contains("seed"));
  CHECK(has(diags, Code::DroppedNegative, "negative"));
  CHECK(has(diags, Code::DroppedParameter, "params.seed"));
  // Messages name the model, not the prose template's Flux.
  for (const auto& d : diags) CHECK(d.message.find("Flux") == std::string::npos);
}

TEST_CASE("dalle: 4000 characters for DALL-E 3, 32000 for gpt-image-1; never cut") {
  Prompt ir;
  ir.subject.push_back(Term{std::string(4100, 'a'), 1.0, {}});
  Diagnostics diags;
  const Emitted out = emit(ir, &diags);
  CHECK(has(diags, Code::PromptTooLong, "prompt"));
  CHECK(out.prompt.size() > 4100);
  diags.clear();
  emit(ir, &diags, kGptImage);
  CHECK_FALSE(has(diags, Code::PromptTooLong, "prompt"));
  ir.subject[0].text = std::string(32001, 'a');
  emit(ir, &diags, kGptImage);
  CHECK(has(diags, Code::PromptTooLong, "prompt"));
  // Characters, not bytes: 1500 three-byte characters are 1500 characters.
  std::string cjk;
  for (int i = 0; i < 1500; ++i) cjk += "\xE7\x81\xAF";  // 灯
  ir.subject[0].text = cjk;
  diags.clear();
  emit(ir, &diags);
  CHECK_FALSE(has(diags, Code::PromptTooLong, "prompt"));
}

TEST_CASE("dalle: the no-rewrite prefix is read off the prompt and written back") {
  const std::string prefix =
      "I NEED to test how the tool works with extremely simple prompts. DO NOT add any "
      "detail, just use it AS-IS:";
  Diagnostics diags;
  const Prompt ir = parse(prefix + " a red bicycle", &diags);
  CHECK(diags.empty());
  REQUIRE(ir.subject.size() == 1);
  CHECK(ir.subject[0].text == "A red bicycle");
  CHECK(ir.extensions["dalle"]["no_rewrite_prefix"] == prefix);
  CHECK(emit(ir).prompt == prefix + " A red bicycle.");
  // Any case, any white space: kept in its case, on one line (the prompt is one line).
  const Prompt lower = parse(
      "i need to test how the tool works with extremely simple prompts.\nDO NOT add any detail, "
      "just use it as-is:  a red bicycle");
  CHECK(lower.extensions["dalle"]["no_rewrite_prefix"] ==
        "i need to test how the tool works with extremely simple prompts. DO NOT add any "
        "detail, just use it as-is:");
  CHECK(emit(lower).prompt.find('\n') == std::string::npos);
  CHECK(same_content(parse(emit(lower).prompt), lower));
  // -O as-is=on adds Azure's sentence.
  CHECK(emit(scene(), nullptr, {{"as-is", "on"}}).prompt == prefix + " A lighthouse on a cliff.");
  Diagnostics bad;
  emit(scene(), &bad, {{"as-is", "maybe"}});
  CHECK(has(bad, Code::InvalidValue, "as-is"));
}

TEST_CASE("dalle: the text format is read back") {
  Diagnostics diags;
  const Prompt ir = parse(
      "A cat on a windowsill.\nSize: 1024x1536\nQuality: high\nBackground: opaque\nOutput "
      "format: jpeg\nModeration: auto\nRevised prompt: A ginger cat dozing on a sunny sill.",
      &diags);
  CHECK(diags.empty());
  CHECK(ir.params.aspect_ratio == "2:3");
  CHECK_FALSE(ir.params.width);
  CHECK(ir.extensions["dalle"]["quality"] == "high");
  CHECK(ir.extensions["dalle"]["background"] == "opaque");
  CHECK(ir.extensions["dalle"]["output_format"] == "jpeg");
  CHECK(ir.extensions["dalle"]["moderation"] == "auto");
  CHECK(ir.extensions["dalle"]["revised_prompt"] == "A ginger cat dozing on a sunny sill.");
  const Emitted out = emit(ir, &diags, kGptImage);
  CHECK(diags.empty());
  CHECK(out.text ==
        "A cat on a windowsill.\nSize: 1024x1536\nQuality: high\nBackground: opaque\nOutput "
        "format: jpeg\nModeration: auto\nRevised prompt: A ginger cat dozing on a sunny sill.");
  CHECK_FALSE(out.request.contains("revised_prompt"));
  CHECK(same_content(parse(out.text), ir));
}

TEST_CASE("dalle: Size auto is no ratio; bad values are reported and ignored") {
  Diagnostics diags;
  const Prompt ir = parse("A cat.\nSize: auto\nQuality: ultra\nBackground: pink", &diags);
  CHECK_FALSE(ir.params.aspect_ratio);
  CHECK(ir.extensions.empty());
  CHECK(has(diags, Code::InvalidValue, "Quality"));
  CHECK(has(diags, Code::InvalidValue, "Background"));
  diags.clear();
  parse("A cat.\nSize: big", &diags);
  CHECK(has(diags, Code::InvalidValue, "Size"));
}

TEST_CASE("dalle: a Style line that is not vivid or natural is prompt words") {
  const Prompt ir = parse("A fox in the snow.\nStyle: watercolor");
  REQUIRE(ir.style.size() == 1);
  CHECK(ir.style[0].text == "watercolor");
  CHECK(ir.style[0].kind == StyleKind::Medium);
  CHECK(ir.extensions.empty());
}

TEST_CASE("dalle: Midjourney --style raw is DALL-E 3's natural style") {
  Prompt ir = scene();
  ir.extensions["midjourney"]["style"] = "raw";
  Diagnostics diags;
  CHECK(emit(ir, &diags).request["style"] == "natural");
  CHECK(has(diags, Code::ApproximatedParameter, "extensions.midjourney.style"));
  diags.clear();
  CHECK_FALSE(emit(ir, &diags, kGptImage).request.contains("style"));
  CHECK(has(diags, Code::DroppedParameter, "extensions.midjourney.style"));
}

TEST_CASE("dalle: an unknown model is reported and DALL-E 3 is used") {
  Diagnostics diags;
  CHECK(emit(scene(), &diags, {{"model", "dall-e-2"}}).request["model"] == "dall-e-3");
  CHECK(has(diags, Code::InvalidValue, "model"));
}

TEST_CASE("dalle: detection claims only DALL-E's own marks, never plain prose") {
  const double flux = builtin_registry().find("flux")->detect("a lighthouse");
  CHECK(dalle().detect("a lighthouse on a cliff at dusk, watercolor") < flux);
  CHECK(dalle().detect("A lighthouse on a cliff. Rendered in watercolor.") < flux);
  CHECK(dalle().detect("A lighthouse.\nSize: 1792x1024") > 0.6);
  CHECK(dalle().detect("A lighthouse.\nQuality: hd") > 0.6);
  CHECK(dalle().detect("A lighthouse.\nStyle: natural") > 0.6);
  CHECK(dalle().detect("A lighthouse.\nSize: auto") > 0.6);
  CHECK(dalle().detect("A lighthouse.\nSize: 1024x1024") < 0.6);  // Flux's square too
  CHECK(dalle().detect("A lighthouse.\nStyle: watercolor") == 0);
  CHECK(dalle().detect("I NEED to test how the tool works with extremely simple prompts. DO "
                       "NOT add any detail, just use it AS-IS: a cat") > 0.8);
  // Another platform's labelled lines: not DALL-E's even with a DALL-E size.
  CHECK(dalle().detect("a cat\nSteps: 28, Sampler: Euler a, Size: 1536x1024") == 0);
  CHECK(dalle().detect("a cat\nSize: 1536x1024\nSeed: 3") == 0);
}

TEST_CASE("dalle: real prompts read, write and read back (skipped without ../shared/data)") {
  const std::string path = testing::real_data_file("plain/PartiPrompts.tsv");
  if (path.empty()) {
    MESSAGE("real prompt data not found; skipped");
    return;
  }
  std::ifstream parti(path);
  std::string line;
  std::getline(parti, line);  // header
  std::size_t checked = 0, differ = 0;
  while (std::getline(parti, line)) {
    const std::string text = line.substr(0, line.find('\t'));
    ++checked;
    if (!round_trips(text)) {
      ++differ;
      if (differ <= 5) MESSAGE("round trip differs for: " << text);
    }
    Diagnostics diags;
    emit(parse(text), &diags, kGptImage);
    CHECK_FALSE(has_severity(diags, Severity::Error));
  }
  CHECK(checked > 1500);
  CHECK(differ == 0);
}
