// Tests of reading the prompt and settings out of a ComfyUI API graph.
#include <doctest/doctest.h>

#include "comfy_graph.h"
#include "promptport/dialect.h"

namespace promptport::migrate {
namespace {

// ComfyUI's default text-to-image workflow, as its `prompt` chunk holds it.
const char* const kDefaultGraph = R"({
  "3": {"class_type": "KSampler", "inputs": {"seed": 5, "steps": 20, "cfg": 7.5,
        "sampler_name": "euler", "scheduler": "normal", "denoise": 1, "model": ["10", 0],
        "positive": ["6", 0], "negative": ["7", 0], "latent_image": ["5", 0]}},
  "4": {"class_type": "CheckpointLoaderSimple",
        "inputs": {"ckpt_name": "v1-5-pruned-emaonly.safetensors"}},
  "10": {"class_type": "LoraLoader", "inputs": {"lora_name": "fur.safetensors",
         "strength_model": 0.8, "strength_clip": 0.8, "model": ["4", 0], "clip": ["4", 1]}},
  "5": {"class_type": "EmptyLatentImage", "inputs": {"width": 512, "height": 768, "batch_size": 1}},
  "6": {"class_type": "CLIPTextEncode", "inputs": {"text": "a (red fox:1.2) in snow", "clip": ["10", 1]}},
  "7": {"class_type": "CLIPTextEncode", "inputs": {"text": "blurry, text", "clip": ["10", 1]}},
  "8": {"class_type": "VAEDecode", "inputs": {"samples": ["3", 0], "vae": ["4", 2]}},
  "9": {"class_type": "SaveImage", "inputs": {"filename_prefix": "ComfyUI", "images": ["8", 0]}}
})";

TEST_CASE("comfy: the default workflow gives the comfyui text format") {
  const ComfyGraphText out = comfy_graph_text(kDefaultGraph);
  CHECK(out.error == "");
  CHECK(out.notes.empty());
  CHECK(out.text ==
        "a (red fox:1.2) in snow\nNegative prompt: blurry, text\nSteps: 20\nCFG: 7.5\nSeed: 5\n"
        "Size: 512x768\nSampler: euler\nScheduler: normal\n"
        "Checkpoint: v1-5-pruned-emaonly.safetensors");
}

TEST_CASE("comfy: the comfyui dialect reads every line of the text built from a graph") {
  const ComfyGraphText out = comfy_graph_text(kDefaultGraph);
  const Dialect* comfyui = builtin_registry().find("comfyui");
  REQUIRE(comfyui);
  Diagnostics diags;
  const Prompt ir = comfyui->parse(out.text, {}, diags);
  CHECK(diags.empty());
  CHECK(ir.params.steps == 20);
  CHECK(ir.params.guidance == 7.5);
  CHECK(ir.params.seed == 5);
  CHECK(ir.params.width == 512);
  CHECK(ir.params.height == 768);
  CHECK(ir.extensions["comfyui"]["sampler_name"] == "euler");
  CHECK(ir.extensions["comfyui"]["scheduler"] == "normal");
  CHECK(ir.extensions["comfyui"]["checkpoint"] == "v1-5-pruned-emaonly.safetensors");
  REQUIRE(ir.negative.size() == 2);
  CHECK(ir.negative[0].text == "blurry");
}

TEST_CASE("comfy: a prompt linked from another node is an error naming that node") {
  const ComfyGraphText out = comfy_graph_text(R"({
    "3": {"class_type": "KSampler", "inputs": {"positive": ["6", 0], "negative": ["7", 0]}},
    "6": {"class_type": "CLIPTextEncode", "inputs": {"text": ["12", 0]}},
    "7": {"class_type": "CLIPTextEncode", "inputs": {"text": "blurry"}},
    "12": {"class_type": "PrimitiveNode", "inputs": {}}})");
  CHECK(out.text == "");
  CHECK(out.error == "the positive prompt is not plain text (linked from node 12)");
  const ComfyGraphText negative = comfy_graph_text(R"({
    "3": {"class_type": "KSampler", "inputs": {"positive": ["6", 0], "negative": ["7", 0]}},
    "6": {"class_type": "CLIPTextEncode", "inputs": {"text": "a fox"}},
    "7": {"class_type": "CLIPTextEncode", "inputs": {"text": ["8", 0]}}})");
  CHECK(negative.error == "the negative prompt is not plain text (linked from node 8)");
}

TEST_CASE("comfy: no sampler, not JSON, not an object") {
  CHECK(comfy_graph_text(R"({"6": {"class_type": "CLIPTextEncode", "inputs": {"text": "a"}}})")
            .error == "no sampler node (KSampler, or a node with positive and negative inputs)");
  CHECK(comfy_graph_text("{oops").error ==
        "the 'prompt' chunk is not a ComfyUI API graph (not a JSON object)");
  CHECK(comfy_graph_text("[1, 2]").error ==
        "the 'prompt' chunk is not a ComfyUI API graph (not a JSON object)");
  CHECK(comfy_graph_text(R"({"3": {"class_type": "KSampler", "inputs": {"positive": ["6", 0],
        "negative": ["7", 0]}}})")
            .error == "the positive prompt links to node 6, which is not in the graph");
}

TEST_CASE("comfy: several samplers: the first by numeric id is read, with a note") {
  const ComfyGraphText out = comfy_graph_text(R"({
    "10": {"class_type": "KSampler", "inputs": {"steps": 8, "positive": ["2", 0], "negative": ["3", 0]}},
    "9": {"class_type": "KSampler", "inputs": {"steps": 25, "positive": ["2", 0], "negative": ["3", 0]}},
    "2": {"class_type": "CLIPTextEncode", "inputs": {"text": "a lighthouse"}},
    "3": {"class_type": "CLIPTextEncode", "inputs": {"text": ""}}})");
  CHECK(out.error == "");
  CHECK(out.text == "a lighthouse\nSteps: 25");
  REQUIRE(out.notes.size() == 1);
  CHECK(out.notes[0] ==
        "the graph has 2 sampler nodes (9, 10); the prompt of the first, node 9, is read");
}

TEST_CASE("comfy: KSamplerAdvanced, SDXL text_g and a zeroed negative") {
  const ComfyGraphText out = comfy_graph_text(R"({
    "1": {"class_type": "KSamplerAdvanced", "inputs": {"noise_seed": 42, "steps": 30, "cfg": 6,
          "positive": ["2", 0], "negative": ["3", 0], "latent_image": ["4", 0]}},
    "2": {"class_type": "CLIPTextEncodeSDXL", "inputs": {"text_g": "castle on a hill",
          "text_l": "castle on a hill", "width": 4096}},
    "3": {"class_type": "ConditioningZeroOut", "inputs": {"conditioning": ["2", 0]}},
    "4": {"class_type": "EmptyLatentImage", "inputs": {"width": 1024, "height": 1024}}})");
  CHECK(out.error == "");
  CHECK(out.notes.empty());
  CHECK(out.text == "castle on a hill\nSteps: 30\nCFG: 6\nSeed: 42\nSize: 1024x1024");
}

TEST_CASE("comfy: a custom sampler behind a ControlNet node is found by its links") {
  const ComfyGraphText out = comfy_graph_text(R"({
    "1": {"class_type": "SamplerCustom", "inputs": {"noise_seed": 7, "cfg": 4.5,
          "positive": ["5", 0], "negative": ["5", 1], "latent_image": ["6", 0]}},
    "5": {"class_type": "ControlNetApplyAdvanced", "inputs": {"positive": ["2", 0],
          "negative": ["3", 0], "strength": 0.8}},
    "2": {"class_type": "CLIPTextEncode", "inputs": {"text": "a robot"}},
    "3": {"class_type": "CLIPTextEncode", "inputs": {"text": "lowres"}},
    "6": {"class_type": "EmptyLatentImage", "inputs": {"width": 832, "height": 1216}}})");
  CHECK(out.error == "");
  CHECK(out.text == "a robot\nNegative prompt: lowres\nCFG: 4.5\nSeed: 7\nSize: 832x1216");
}

TEST_CASE("comfy: combined conditionings read the first, with a note; loops end") {
  const ComfyGraphText out = comfy_graph_text(R"({
    "1": {"class_type": "KSampler", "inputs": {"positive": ["4", 0], "negative": ["3", 0]}},
    "4": {"class_type": "ConditioningCombine", "inputs": {"conditioning_1": ["2", 0],
          "conditioning_2": ["5", 0]}},
    "2": {"class_type": "CLIPTextEncode", "inputs": {"text": "a forest"}},
    "5": {"class_type": "CLIPTextEncode", "inputs": {"text": "fog"}},
    "3": {"class_type": "CLIPTextEncode", "inputs": {"text": "people"}}})");
  CHECK(out.text == "a forest\nNegative prompt: people");
  REQUIRE(out.notes.size() == 1);
  CHECK(out.notes[0] ==
        "node 4 (ConditioningCombine) combines several conditionings; the positive prompt is "
        "read from the first");
  const ComfyGraphText loop = comfy_graph_text(R"({
    "1": {"class_type": "KSampler", "inputs": {"positive": ["2", 0], "negative": ["2", 0]}},
    "2": {"class_type": "ConditioningSetArea", "inputs": {"conditioning": ["2", 0]}}})");
  CHECK(loop.error == "the positive prompt's links go round in a loop");
}

}  // namespace
}  // namespace promptport::migrate
