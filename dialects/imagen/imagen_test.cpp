// Unit tests of the imagen dialect: aspect ratios per family, negativePrompt on the oldest
// model only, enhancePrompt, seed and watermark, the token limit, the two request shapes,
// the text format, detection, real prompts.
#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <string>

#include "promptport/promptport.h"
#include "promptport/vocab.h"
#include "test_data.h"

namespace {

using namespace promptport;

const Dialect& imagen() { return *builtin_registry().find("imagen"); }

const Options kGemini{{"model", "gemini-2.5-flash-image"}};
const Options kImagen3{{"model", "imagen-3.0-generate-001"}};

Prompt parse(std::string_view text, Diagnostics* diags = nullptr) {
  Diagnostics local;
  return imagen().parse(text, {}, diags ? *diags : local);
}

Emitted emit(const Prompt& ir, Diagnostics* diags = nullptr, const Options& options = {}) {
  Diagnostics local;
  return imagen().emit(ir, options, diags ? *diags : local);
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

std::string ratio_for(std::string ratio, const Options& options = {}) {
  const Emitted out = emit(scene(std::move(ratio)), nullptr, options);
  const nlohmann::json& r = out.request;
  if (r.contains("parameters")) return r["parameters"].value("aspectRatio", std::string("-"));
  return r["generationConfig"].contains("imageConfig")
             ? r["generationConfig"]["imageConfig"]["aspectRatio"].get<std::string>()
             : "-";
}

bool round_trips(std::string_view text) {
  Prompt first = parse(text);
  const Prompt again = parse(emit(first).text);
  std::erase_if(first.style, [](const StyleTerm& t) { return vocab::is_quality_booster(t.text); });
  first.camera.moves.clear();
  return same_content(first, again);
}

}  // namespace

TEST_CASE("imagen: the name, the gemini alias, the capabilities of Imagen 4") {
  CHECK(builtin_registry().find("gemini") == &imagen());
  const Capabilities c = imagen().capabilities();
  CHECK_FALSE(c.negative_prompt);
  CHECK(c.max_prompt_tokens == 480);
  CHECK(c.aspect_ratios == std::vector<std::string>{"1:1", "3:4", "4:3", "9:16", "16:9"});
}

TEST_CASE("imagen: five aspect ratios on Imagen, snapped with an info") {
  CHECK(ratio_for("1:1") == "1:1");
  CHECK(ratio_for("16:9") == "16:9");
  CHECK(ratio_for("21:9") == "16:9");
  CHECK(ratio_for("7:3") == "16:9");
  CHECK(ratio_for("3:2") == "4:3");
  CHECK(ratio_for("2:3") == "3:4");
  CHECK(ratio_for("9:21") == "9:16");
  CHECK(ratio_for("5:4") == "4:3");
  CHECK(ratio_for("-") == "-");  // not W:H: no aspectRatio (reported as dropped)
  Diagnostics diags;
  emit(scene("21:9"), &diags);
  CHECK(has(diags, Code::SnappedAspectRatio, "params.aspect_ratio"));
  diags.clear();
  emit(scene("4:3"), &diags);
  CHECK(diags.empty());
  CHECK_FALSE(emit(scene()).request["parameters"].contains("aspectRatio"));
}

TEST_CASE("imagen: eight aspect ratios on the Gemini image models") {
  CHECK(ratio_for("21:9", kGemini) == "21:9");
  CHECK(ratio_for("7:3", kGemini) == "21:9");
  CHECK(ratio_for("3:2", kGemini) == "3:2");
  CHECK(ratio_for("2:3", kGemini) == "2:3");
  CHECK(ratio_for("32:9", kGemini) == "21:9");
  CHECK(ratio_for("4:5", kGemini) == "3:4");
}

TEST_CASE("imagen: the predict body, enhancePrompt off, one sample") {
  const Emitted out = emit(scene("16:9"));
  CHECK(out.prompt == "A lighthouse on a cliff.");
  CHECK(out.request ==
        nlohmann::json::parse(R"({"instances":[{"prompt":"A lighthouse on a cliff."}],
      "parameters":{"sampleCount":1,"aspectRatio":"16:9","enhancePrompt":false}})"));
  CHECK(out.text == "A lighthouse on a cliff.\nAspect ratio: 16:9\nEnhance prompt: false");
}

TEST_CASE("imagen: the generateContent body of the Gemini image models") {
  Prompt ir = scene("3:2");
  ir.params.seed = 5;
  Diagnostics diags;
  const Emitted out = emit(ir, &diags, kGemini);
  CHECK(diags.empty());
  CHECK(out.request ==
        nlohmann::json::parse(R"({"contents":[{"parts":[{"text":"A lighthouse on a cliff."}]}],
      "generationConfig":{"responseModalities":["IMAGE"],"imageConfig":{"aspectRatio":"3:2"},"seed":5}})"));
  CHECK(out.text == "A lighthouse on a cliff.\nAspect ratio: 3:2\nSeed: 5");
}

TEST_CASE("imagen: negativePrompt only on imagen-3.0-generate-001") {
  Prompt ir = scene();
  ir.negative = {Term{"text", 1.0, {}}, Term{"watermark", 1.0, {}}};
  Diagnostics diags;
  const Emitted old = emit(ir, &diags, kImagen3);
  CHECK(diags.empty());
  CHECK(old.negative_prompt == "text, watermark");
  CHECK(old.request["parameters"]["negativePrompt"] == "text, watermark");
  CHECK(old.text ==
        "A lighthouse on a cliff.\nNegative prompt: text, watermark\nEnhance prompt: false");
  for (const Options& o : {Options{}, Options{{"model", "imagen-3.0-generate-002"}},
                           Options{{"model", "imagen-4.0-ultra-generate-001"}}, kGemini}) {
    diags.clear();
    const Emitted out = emit(ir, &diags, o);
    CHECK(out.negative_prompt.empty());
    CHECK(out.request.dump().find("negativePrompt") == std::string::npos);
    CHECK(has(diags, Code::DroppedNegative, "negative"));
    CHECK(out.prompt == "A lighthouse on a cliff.");  // never rephrased as "no text"
  }
  // Weights have no Imagen form: the terms are written plainly (info).
  ir.negative[0].weight = 1.3;
  diags.clear();
  CHECK(emit(ir, &diags, kImagen3).negative_prompt == "text, watermark");
  CHECK(has(diags, Code::ApproximatedWeight, "negative"));
}

TEST_CASE("imagen: a seed goes with addWatermark false; out of range it is dropped") {
  Prompt ir = scene();
  ir.params.seed = 42;
  Diagnostics diags;
  Emitted out = emit(ir, &diags);
  CHECK(diags.empty());
  CHECK(out.request["parameters"]["seed"] == 42);
  CHECK(out.request["parameters"]["addWatermark"] == false);
  CHECK_FALSE(emit(scene()).request["parameters"].contains("addWatermark"));
  ir.params.seed = -1;
  out = emit(ir, &diags);
  CHECK_FALSE(out.request["parameters"].contains("seed"));
  CHECK(has(diags, Code::DroppedParameter, "params.seed"));
}

TEST_CASE("imagen: enhancePrompt true and personGeneration from the source are kept") {
  Prompt ir = parse("A lighthouse on a cliff.");
  ir.extensions["imagen"]["enhancePrompt"] = true;
  ir.extensions["imagen"]["personGeneration"] = "dont_allow";
  Diagnostics diags;
  const Emitted out = emit(ir, &diags);
  CHECK(diags.empty());
  CHECK(out.request["parameters"]["enhancePrompt"] == true);
  CHECK(out.request["parameters"]["personGeneration"] == "dont_allow");
  CHECK(same_content(parse(out.text), ir));
  emit(ir, &diags, kGemini);
  CHECK(has(diags, Code::DroppedParameter, "extensions.imagen.enhancePrompt"));
  CHECK(has(diags, Code::DroppedParameter, "extensions.imagen.personGeneration"));
}

TEST_CASE("imagen: the DALL-E no-rewrite sentence is what enhancePrompt false asks") {
  Prompt ir = scene();
  ir.extensions["dalle"]["no_rewrite_prefix"] = "My prompt has full detail so no need to add more:";
  Diagnostics diags;
  const Emitted out = emit(ir, &diags);
  CHECK(out.prompt == "A lighthouse on a cliff.");
  CHECK(has(diags, Code::ApproximatedParameter, "extensions.dalle.no_rewrite_prefix"));
}

TEST_CASE("imagen: about 480 tokens, never cut; the Gemini models have no such limit") {
  Prompt ir;
  std::string words;
  for (int i = 0; i < 400; ++i) words += "lighthouse ";
  ir.subject.push_back(Term{words, 1.0, {}});
  Diagnostics diags;
  const Emitted out = emit(ir, &diags);
  CHECK(has(diags, Code::PromptTooLong, "prompt"));
  CHECK(out.prompt.size() >= words.size() - 1);
  diags.clear();
  emit(ir, &diags, kGemini);
  CHECK_FALSE(has(diags, Code::PromptTooLong, "prompt"));
  diags.clear();
  emit(scene(), &diags);
  CHECK_FALSE(has(diags, Code::PromptTooLong, "prompt"));
}

TEST_CASE("imagen: model ids by family; anything else is reported") {
  Diagnostics diags;
  Prompt ir = scene();
  ir.negative = {Term{"text", 1.0, {}}};
  // A newer Imagen id is taken as an Imagen model (no negativePrompt).
  const Emitted out = emit(ir, &diags, {{"model", "imagen-5.0-generate-001"}});
  CHECK(out.request.contains("instances"));
  CHECK_FALSE(has(diags, Code::InvalidValue, "model"));
  diags.clear();
  CHECK(emit(scene(), &diags, {{"model", "dall-e-3"}}).request.contains("instances"));
  CHECK(has(diags, Code::InvalidValue, "model"));
  CHECK(emit(scene(), nullptr, {{"model", "gemini-3-pro-image-preview"}})
            .request.contains("contents"));
}

TEST_CASE("imagen: the text format is read back") {
  Diagnostics diags;
  const Prompt ir = parse(
      "A bowl of ramen, steam rising.\nNegative prompt: chopsticks, people\nAspect ratio: "
      "9:16\nSeed: 77\nPerson generation: allow_all\nEnhance prompt: false",
      &diags);
  CHECK(diags.empty());
  CHECK(ir.negative.size() == 2);
  CHECK(ir.params.aspect_ratio == "9:16");
  CHECK(ir.params.seed == 77);
  CHECK(ir.extensions["imagen"]["personGeneration"] == "allow_all");
  CHECK_FALSE(ir.extensions["imagen"].contains("enhancePrompt"));
  const Emitted out = emit(ir, &diags, kImagen3);
  CHECK(diags.empty());
  CHECK(same_content(parse(out.text), ir));
  CHECK(parse("A fox.\nAspect ratio: 21:9").params.aspect_ratio == "7:3");
}

TEST_CASE("imagen: bad values are reported and ignored") {
  Diagnostics diags;
  const Prompt ir = parse(
      "A fox.\nAspect ratio: wide\nSeed: x\nPerson generation: everyone\nEnhance prompt: maybe",
      &diags);
  CHECK(ir.params.empty());
  CHECK(ir.extensions.empty());
  for (const char* label : {"Aspect ratio", "Seed", "Person generation", "Enhance prompt"})
    CHECK(has(diags, Code::InvalidValue, label));
}

TEST_CASE("imagen: detection claims only Imagen's own lines, never plain prose") {
  const double flux = builtin_registry().find("flux")->detect("a lighthouse");
  CHECK(imagen().detect("a lighthouse on a cliff at dusk") < flux);
  CHECK(imagen().detect("A lighthouse.\nAspect ratio: 16:9") < flux);
  CHECK(imagen().detect("A lighthouse.\nAspect ratio: 16:9\nEnhance prompt: false") > 0.6);
  CHECK(imagen().detect("A lighthouse.\nPerson generation: allow_adult") > 0.6);
  CHECK(imagen().detect("A lighthouse.\nEnhance prompt: please") == 0);
}

TEST_CASE("imagen: real prompts read, write and read back (skipped without ../shared/data)") {
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
    emit(parse(text), &diags, kGemini);
    CHECK_FALSE(has_severity(diags, Severity::Error));
  }
  CHECK(checked > 1500);
  CHECK(differ == 0);
}
