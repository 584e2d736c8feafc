// Unit tests of the ComfyUI dialect: attention weights, literal A1111 syntax, embeddings,
// the API prompt graph, and the real civitai prompts (also through NovelAI).
#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <string>

#include "common/embeddings.h"
#include "common/sd_samplers.h"
#include "promptport/promptport.h"
#include "test_data.h"

namespace {

using namespace promptport;

const Dialect& comfy() { return *builtin_registry().find("comfyui"); }

Prompt parse(std::string_view text, Diagnostics& diags) { return comfy().parse(text, {}, diags); }
Prompt parse(std::string_view text) {
  Diagnostics diags;
  return parse(text, diags);
}

Emitted emit(const Prompt& ir, Diagnostics& diags, Options options = {}) {
  return comfy().emit(ir, options, diags);
}

std::size_t count(const Diagnostics& diags, Code code, std::string_view field = {}) {
  return static_cast<std::size_t>(std::count_if(diags.begin(), diags.end(), [&](const auto& d) {
    return d.code == code && (field.empty() || d.field == field);
  }));
}

Term term(std::string text, double weight = 1.0) { return Term{std::move(text), weight, {}}; }

TEST_CASE("comfyui: (x) is x1.1, (x:w) sets the weight outright, nested groups start from w") {
  Prompt ir = parse("((a:1.5)), (b), ((c)), (x (y:1.3) z:0.8)");
  REQUIRE(ir.subject.size() == 6);
  CHECK(ir.subject[0].text == "a");
  CHECK(ir.subject[0].weight == doctest::Approx(1.5));  // A1111 would give 1.65
  CHECK(ir.subject[1].weight == doctest::Approx(1.1));
  CHECK(ir.subject[2].weight == doctest::Approx(1.21));
  CHECK(ir.subject[3].text == "x");
  CHECK(ir.subject[3].weight == doctest::Approx(0.8));
  CHECK(ir.subject[4].text == "y");
  CHECK(ir.subject[4].weight == doctest::Approx(1.3));
  CHECK(ir.subject[4].joined);
  CHECK(ir.subject[5].weight == doctest::Approx(0.8));
}

TEST_CASE("comfyui: (a:1.2) inside (...) replaces the outer weight; (...) inside it multiplies") {
  Prompt ir = parse("((a:1.2) b), ((c) d:1.5)");
  REQUIRE(ir.subject.size() == 4);
  CHECK(ir.subject[0].weight == doctest::Approx(1.2));
  CHECK(ir.subject[1].weight == doctest::Approx(1.1));
  CHECK(ir.subject[2].weight == doctest::Approx(1.65));
  CHECK(ir.subject[3].weight == doctest::Approx(1.5));
}

TEST_CASE("comfyui: a group whose text after the last ':' is no number is x1.1, colon kept") {
  Prompt ir = parse("(style: anime), (:1.2)");
  REQUIRE(ir.subject.size() == 2);
  CHECK(ir.subject[0].text == "style: anime");
  CHECK(ir.subject[0].weight == doctest::Approx(1.1));
  CHECK(ir.subject[1].text == ":1.2");
}

TEST_CASE("comfyui: [x], AND, BREAK, <lora:> and [a:b:n] are literal text, one warning each") {
  Diagnostics diags;
  Prompt ir = parse("[cat], [dog], [a:b:0.5], x AND y BREAK z <lora:foo:0.8>", diags);
  CHECK(ir.subject[0].text == "[cat]");
  CHECK(ir.subject[0].weight == 1.0);
  CHECK(ir.subject[2].text == "[a:b:0.5]");
  CHECK(count(diags, Code::LiteralText, "subject") == 5);
  CHECK(ir.loras.empty());
  Diagnostics neg;
  parse("ok\nNegative prompt: [bad]", neg);
  CHECK(count(neg, Code::LiteralText, "negative") == 1);
}

TEST_CASE("comfyui: escapes and unbalanced parentheses are literal characters") {
  Diagnostics diags;
  Prompt ir = parse("\\(literal\\), a) b, (open", diags);
  REQUIRE(ir.subject.size() == 3);
  CHECK(ir.subject[0].text == "(literal)");
  CHECK(ir.subject[0].weight == 1.0);
  CHECK(ir.subject[1].text == "a) b");
  CHECK(ir.subject[2].text == "(open");
  CHECK(count(diags, Code::UnbalancedBracket) == 2);
  Diagnostics out;
  CHECK(emit(ir, out).prompt == "\\(literal\\), a\\) b, \\(open");
}

TEST_CASE("comfyui: embedding:name reads as the bare name and is written back with its prefix") {
  Diagnostics diags;
  Prompt ir = parse(
      "a cat\nNegative prompt: embedding:EasyNegative, (embedding:bad.pt:1.2), blurry", diags);
  CHECK(diags.empty());
  REQUIRE(ir.negative.size() == 3);
  CHECK(ir.negative[0].text == "EasyNegative");
  CHECK(ir.negative[1].text == "bad.pt");
  CHECK(ir.negative[1].weight == doctest::Approx(1.2));
  CHECK(ir.extensions["comfyui"]["embeddings"] == nlohmann::json{"EasyNegative", "bad.pt"});
  Diagnostics out;
  const Emitted e = emit(ir, out);
  CHECK(e.negative_prompt == "embedding:EasyNegative, (embedding:bad.pt:1.2), blurry");
  CHECK(out.empty());
}

TEST_CASE("comfyui: known embeddings from A1111 prompts get embedding:") {
  CHECK(sdfamily::is_known_embedding("easynegative"));
  CHECK(sdfamily::is_known_embedding("BadDream.pt"));
  CHECK_FALSE(sdfamily::is_known_embedding("blurry"));
  Prompt ir;
  ir.negative = {term("EasyNegative"), term("badhandv4", 1.2), term("lowres")};
  Diagnostics diags;
  CHECK(emit(ir, diags).negative_prompt ==
        "embedding:EasyNegative, (embedding:badhandv4:1.2), lowres");
}

TEST_CASE("comfyui: weights are written absolute, 2 decimals, joined terms one space apart") {
  Prompt ir;
  ir.subject = {term("a"), term("red", 1.65), term("fox"), term("snow", 1 / 1.1)};
  ir.subject[1].joined = ir.subject[2].joined = true;
  Diagnostics diags;
  CHECK(emit(ir, diags).prompt == "a (red:1.65) fox, (snow:0.91)");
}

TEST_CASE("comfyui: the API graph has every node, string ids and links, defaults filled") {
  Prompt ir;
  ir.subject = {term("a lighthouse")};
  ir.negative = {term("blurry")};
  ir.loras = {{"add_detail", 0.8}, {"film.safetensors", 0.5}};
  ir.params.aspect_ratio = "2:3";
  ir.params.seed = 42;
  ir.extensions["sd"]["sampler"] = "DPM++ 2M Karras";
  ir.extensions["sd"]["model"] = "juggernautXL_v9";
  Diagnostics diags;
  const Emitted e = emit(ir, diags);
  // 832x1216 is 13:19, not quite 2:3; the LoRAs and sd settings are carried, the sampler
  // and the model file under ComfyUI's names (which is said).
  REQUIRE(diags.size() == 3);
  CHECK(count(diags, Code::SnappedAspectRatio, "params.aspect_ratio") == 1);
  CHECK(count(diags, Code::ApproximatedParameter, "extensions.sd.sampler") == 1);
  CHECK(count(diags, Code::ApproximatedParameter, "extensions.sd.model") == 1);
  // Valid JSON that reads back to itself.
  const nlohmann::json body = nlohmann::json::parse(e.request.dump());
  const nlohmann::json& g = body.at("prompt");
  REQUIRE(g.size() == 9);
  for (const auto& [id, node] : g.items()) {
    CHECK_FALSE(id.empty());
    CHECK(node.contains("class_type"));
    CHECK(node.contains("inputs"));
  }
  CHECK(g["1"]["class_type"] == "CheckpointLoaderSimple");
  CHECK(g["1"]["inputs"]["ckpt_name"] == "juggernautXL_v9.safetensors");
  CHECK(g["2"]["class_type"] == "LoraLoader");
  CHECK(g["2"]["inputs"]["model"] == nlohmann::json{"1", 0});
  CHECK(g["2"]["inputs"]["clip"] == nlohmann::json{"1", 1});
  CHECK(g["2"]["inputs"]["lora_name"] == "add_detail.safetensors");
  CHECK(g["2"]["inputs"]["strength_model"] == 0.8);
  CHECK(g["2"]["inputs"]["strength_clip"] == 0.8);
  CHECK(g["3"]["inputs"]["model"] == nlohmann::json{"2", 0});
  CHECK(g["3"]["inputs"]["lora_name"] == "film.safetensors");
  CHECK(g["4"]["class_type"] == "CLIPTextEncode");
  CHECK(g["4"]["inputs"]["text"] == "a lighthouse");
  CHECK(g["4"]["inputs"]["clip"] == nlohmann::json{"3", 1});
  CHECK(g["5"]["inputs"]["text"] == "blurry");
  CHECK(g["6"]["class_type"] == "EmptyLatentImage");
  CHECK(g["6"]["inputs"] == nlohmann::json{{"width", 832}, {"height", 1216}, {"batch_size", 1}});
  const nlohmann::json& k = g["7"]["inputs"];
  CHECK(g["7"]["class_type"] == "KSampler");
  CHECK(k["seed"] == 42);
  CHECK(k["steps"] == 20);
  CHECK(k["cfg"] == 7.0);
  CHECK(k["sampler_name"] == "dpmpp_2m");
  CHECK(k["scheduler"] == "karras");
  CHECK(k["denoise"] == 1);
  CHECK(k["model"] == nlohmann::json{"3", 0});
  CHECK(k["positive"] == nlohmann::json{"4", 0});
  CHECK(k["negative"] == nlohmann::json{"5", 0});
  CHECK(k["latent_image"] == nlohmann::json{"6", 0});
  CHECK(g["8"]["class_type"] == "VAEDecode");
  CHECK(g["8"]["inputs"]["samples"] == nlohmann::json{"7", 0});
  CHECK(g["8"]["inputs"]["vae"] == nlohmann::json{"1", 2});
  CHECK(g["9"]["class_type"] == "SaveImage");
  CHECK(g["9"]["inputs"]["filename_prefix"] == "promptport");
  CHECK(g["9"]["inputs"]["images"] == nlohmann::json{"8", 0});
}

TEST_CASE("comfyui: an empty prompt still gives a runnable graph with the defaults") {
  Prompt ir;
  Diagnostics diags;
  const nlohmann::json g = emit(ir, diags).request["prompt"];
  CHECK(diags.empty());
  CHECK(g.size() == 7);
  CHECK(g["1"]["inputs"]["ckpt_name"] == "sd_xl_base_1.0.safetensors");
  CHECK(g["3"]["inputs"]["text"] == "");
  CHECK(g["4"]["inputs"]["width"] == 1024);
  CHECK(g["5"]["inputs"]["sampler_name"] == "euler");
  CHECK(g["5"]["inputs"]["scheduler"] == "normal");
  CHECK(g["5"]["inputs"]["seed"] == 0);
  const nlohmann::json sd15 = emit(ir, diags, {{"model", "sd15"}}).request["prompt"];
  CHECK(sd15["1"]["inputs"]["ckpt_name"] == "v1-5-pruned-emaonly.safetensors");
  CHECK(sd15["4"]["inputs"]["width"] == 512);
}

TEST_CASE("comfyui: the text format reads back") {
  const std::string text =
      "(a cat:1.2), garden\nNegative prompt: blurry\nSteps: 30\nCFG: 6.5\nSeed: 7\n"
      "Size: 832x1216\nSampler: dpmpp_2m\nScheduler: karras\nCheckpoint: my.safetensors";
  Diagnostics diags;
  const Prompt ir = parse(text, diags);
  CHECK(diags.empty());
  CHECK(ir.params.steps == 30);
  CHECK(ir.params.guidance == 6.5);
  CHECK(ir.params.seed == 7);
  CHECK(ir.params.width == 832);
  CHECK(ir.params.aspect_ratio == "13:19");
  CHECK(ir.extensions["comfyui"]["sampler_name"] == "dpmpp_2m");
  CHECK(ir.extensions["comfyui"]["checkpoint"] == "my.safetensors");
  Diagnostics out;
  CHECK(emit(ir, out).text == text);
  CHECK(out.empty());
  CHECK(comfy().detect(text) >= 0.9);
  CHECK(comfy().detect("embedding:easynegative, lowres") == doctest::Approx(0.92));
  CHECK(comfy().detect("a cat (sitting:1.2)") == 0);
}

TEST_CASE("comfyui: A1111 sampler names map to KSampler ids and back") {
  CHECK(sdfamily::comfy_sampler("Euler a")->sampler == "euler_ancestral");
  CHECK(sdfamily::comfy_sampler("DPM++ 2M SDE Karras")->scheduler == "karras");
  CHECK(sdfamily::comfy_sampler("DPM++ 2M SDE Karras")->sampler == "dpmpp_2m_sde");
  CHECK_FALSE(sdfamily::comfy_sampler("Restart"));
  CHECK(sdfamily::comfy_scheduler("Automatic") == "normal");
  CHECK(sdfamily::comfy_scheduler("SGM Uniform") == "sgm_uniform");
  CHECK(sdfamily::a1111_sampler("dpmpp_2m") == "DPM++ 2M");
  CHECK(sdfamily::a1111_schedule_type("karras") == "Karras");
}

TEST_CASE("comfyui: deep nesting is iterative and linear") {
  const std::string deep = std::string(100000, '(') + "x" + std::string(100000, ')');
  Diagnostics diags;
  const Prompt ir = parse(deep, diags);
  REQUIRE(ir.subject.size() == 1);
  CHECK(diags.empty());
}

// Every real prompt through both readers and writers: no crash, no error diagnostics.
TEST_CASE("comfyui: civitai prompts read and write in ComfyUI and NovelAI without errors") {
  const std::string path = testing::real_data_file("sd/civitai-mixed.jsonl");
  if (path.empty()) return;
  std::ifstream in(path);
  const Dialect& nai = *builtin_registry().find("novelai");
  std::size_t records = 0;
  for (std::string line; std::getline(in, line);) {
    const nlohmann::json rec = nlohmann::json::parse(line, nullptr, false);
    if (!rec.is_object()) continue;
    for (const char* field : {"prompt", "negative_prompt"}) {
      if (!rec.contains(field) || !rec[field].is_string()) continue;
      const std::string text = rec[field].get<std::string>();
      for (const Dialect* from : {&comfy(), &nai}) {
        Diagnostics diags;
        Prompt ir = from->parse(text, {}, diags);
        ir.source = Source{std::string(from->name()), text};
        for (const Dialect* to : {&comfy(), &nai}) to->emit(ir, {}, diags);
        CAPTURE(text);
        CHECK_FALSE(has_severity(diags, Severity::Error));
      }
      ++records;
    }
  }
  CHECK(records > 0);
}

}  // namespace
