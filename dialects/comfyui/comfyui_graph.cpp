// The API prompt graph a ComfyUI server runs from POST /prompt: the default text-to-image
// workflow, with one LoraLoader per LoRA between the checkpoint and its users.
#include <fmt/format.h>

#include <algorithm>

#include "comfyui/comfyui_internal.h"
#include "common/sd_samplers.h"
#include "common/sd_sizes.h"
#include "promptport/text.h"

namespace promptport::comfy {
namespace {

constexpr std::string_view kSdxlCheckpoint = "sd_xl_base_1.0.safetensors";
constexpr std::string_view kSd15Checkpoint = "v1-5-pruned-emaonly.safetensors";

const nlohmann::json* ext(const Prompt& ir, std::string_view dialect, std::string_view key) {
  const auto d = ir.extensions.find(dialect);
  if (d == ir.extensions.end() || !d->is_object()) return nullptr;
  const auto k = d->find(key);
  return k != d->end() && k->is_string() && !k->get<std::string>().empty() ? &*k : nullptr;
}

// Model files are named with their extension in ComfyUI's loaders; A1111's infotext
// "Model:" is the bare file name.
std::string with_extension(std::string name) {
  const std::string folded = text::lower_ascii(name);
  for (std::string_view e : {".safetensors", ".ckpt", ".pt", ".bin", ".sft", ".gguf"})
    if (folded.ends_with(e)) return name;
  return name + ".safetensors";
}

nlohmann::json link(int node, int output) { return {std::to_string(node), output}; }

void size_from_params(const Prompt& ir, sdfamily::Base base, Settings& s, Diagnostics& diags) {
  const Params& p = ir.params;
  if (p.width && p.height) {
    const sdfamily::Size asked{static_cast<int>(std::clamp<std::int64_t>(*p.width, 1, 1 << 16)),
                               static_cast<int>(std::clamp<std::int64_t>(*p.height, 1, 1 << 16))};
    const sdfamily::Size got = sdfamily::round_to_8(asked);
    if (got.width != *p.width || got.height != *p.height)
      report(diags, Code::SnappedValue, Severity::Info,
             fmt::format("{}x{} rounded to {}x{}: ComfyUI latents are multiples of 8 pixels",
                         *p.width, *p.height, got.width, got.height),
             got.width != *p.width ? "params.width" : "params.height");
    s.width = got.width;
    s.height = got.height;
    s.size_known = true;
    return;
  }
  if (p.aspect_ratio) {
    if (const auto size = sdfamily::size_for_ratio(*p.aspect_ratio, base)) {
      s.width = size->width;
      s.height = size->height;
      s.size_known = true;
      const std::string got = sdfamily::ratio_of(*size);
      if (got != *p.aspect_ratio)
        report(diags, Code::SnappedAspectRatio, Severity::Info,
               fmt::format("aspect ratio {} written as {}x{} ({}), the nearest size the model "
                           "was trained on",
                           *p.aspect_ratio, size->width, size->height, got),
               "params.aspect_ratio");
      return;
    }
    report(diags, Code::InvalidValue, Severity::Warning,
           "aspect ratio " + *p.aspect_ratio + " is not W:H; the default size is used",
           "params.aspect_ratio");
  }
  if (base == sdfamily::Base::Sd15) s.width = s.height = 512;
}

}  // namespace

Settings settings(const Prompt& ir, const Options& options, Diagnostics& diags,
                  std::vector<std::string_view>& carried) {
  Settings s;
  const sdfamily::Base base = sdfamily::base_option(options, diags);
  size_from_params(ir, base, s, diags);
  // The checkpoint: -O checkpoint (the user's choice for this run), else the prompt's own,
  // else the base model's reference checkpoint.
  if (const auto o = options.find("checkpoint"); o != options.end() && !o->second.empty()) {
    s.checkpoint = o->second;
    s.checkpoint_known = true;
  } else if (const auto* c = ext(ir, "comfyui", "checkpoint")) {
    s.checkpoint = c->get<std::string>();
    s.checkpoint_known = true;
  } else if (const auto* m = ext(ir, "sd", "model")) {
    s.checkpoint = with_extension(m->get<std::string>());
    s.checkpoint_known = true;
    // A1111 names a model without its file extension; the file name is our guess.
    if (s.checkpoint != m->get<std::string>())
      report(diags, Code::ApproximatedParameter, Severity::Info,
             fmt::format("A1111 model '{}' written as ckpt_name {}; check the file name",
                         m->get<std::string>(), s.checkpoint),
             "extensions.sd.model");
  } else {
    s.checkpoint = base == sdfamily::Base::Sd15 ? kSd15Checkpoint : kSdxlCheckpoint;
  }
  if (ext(ir, "sd", "model")) carried.push_back("extensions.sd.model");
  // Sampler and scheduler: ComfyUI's own ids, else A1111's names mapped.
  if (const auto* n = ext(ir, "comfyui", "sampler_name")) s.sampler = n->get<std::string>();
  if (const auto* n = ext(ir, "comfyui", "scheduler")) s.scheduler = n->get<std::string>();
  if (const auto* a = ext(ir, "sd", "sampler")) {
    if (const auto m = sdfamily::comfy_sampler(a->get<std::string>())) {
      if (s.sampler.empty()) s.sampler = m->sampler;
      if (s.scheduler.empty()) s.scheduler = m->scheduler;
      carried.push_back("extensions.sd.sampler");
      report(diags, Code::ApproximatedParameter, Severity::Info,
             fmt::format("A1111 sampler '{}' written as ComfyUI's {}", a->get<std::string>(),
                         m->sampler),
             "extensions.sd.sampler");
    }
  }
  if (const auto* t = ext(ir, "sd", "schedule_type")) {
    if (const auto m = sdfamily::comfy_scheduler(t->get<std::string>())) {
      if (s.scheduler.empty()) s.scheduler = *m;
      carried.push_back("extensions.sd.schedule_type");
      report(diags, Code::ApproximatedParameter, Severity::Info,
             fmt::format("A1111 schedule type '{}' written as ComfyUI's {}", t->get<std::string>(),
                         *m),
             "extensions.sd.schedule_type");
    }
  }
  return s;
}

nlohmann::json api_prompt(const Prompt& ir, const Settings& s, const std::string& positive,
                          const std::string& negative, Diagnostics& diags) {
  nlohmann::json graph = nlohmann::json::object();
  int id = 0;
  auto node = [&](std::string_view type, nlohmann::json inputs) {
    graph[std::to_string(++id)] = {{"class_type", type}, {"inputs", std::move(inputs)}};
    return id;
  };
  const int checkpoint = node("CheckpointLoaderSimple", {{"ckpt_name", s.checkpoint}});
  nlohmann::json model = link(checkpoint, 0), clip = link(checkpoint, 1);
  for (const Lora& l : ir.loras) {
    const int lora = node("LoraLoader", {{"model", model},
                                         {"clip", clip},
                                         {"lora_name", with_extension(l.name)},
                                         {"strength_model", l.weight},
                                         {"strength_clip", l.weight}});
    model = link(lora, 0);
    clip = link(lora, 1);
  }
  const int pos = node("CLIPTextEncode", {{"text", positive}, {"clip", clip}});
  const int neg = node("CLIPTextEncode", {{"text", negative}, {"clip", clip}});
  const int latent =
      node("EmptyLatentImage", {{"width", s.width}, {"height", s.height}, {"batch_size", 1}});
  std::int64_t seed = ir.params.seed.value_or(0);
  if (seed < 0) {
    report(diags, Code::SnappedValue, Severity::Info,
           fmt::format("seed {} is negative; ComfyUI seeds start at 0, 0 is used", seed),
           "params.seed");
    seed = 0;
  }
  const int sampler = node("KSampler", {{"seed", seed},
                                        {"steps", ir.params.steps.value_or(20)},
                                        {"cfg", ir.params.guidance.value_or(7.0)},
                                        {"sampler_name", s.sampler.empty() ? "euler" : s.sampler},
                                        {"scheduler", s.scheduler.empty() ? "normal" : s.scheduler},
                                        {"denoise", 1},
                                        {"model", model},
                                        {"positive", link(pos, 0)},
                                        {"negative", link(neg, 0)},
                                        {"latent_image", link(latent, 0)}});
  const int decode =
      node("VAEDecode", {{"samples", link(sampler, 0)}, {"vae", link(checkpoint, 2)}});
  node("SaveImage", {{"filename_prefix", "promptport"}, {"images", link(decode, 0)}});
  return {{"prompt", std::move(graph)}};
}

}  // namespace promptport::comfy
