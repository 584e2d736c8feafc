// The ComfyUI dialect: CLIPTextEncode prompt text and an API prompt graph as the request.
#include <fmt/format.h>

#include <memory>

#include "comfyui/comfyui_internal.h"
#include "common/sd_sizes.h"
#include "promptport/dialect.h"
#include "promptport/kit.h"
#include "promptport/text.h"

namespace promptport {
namespace {

const std::vector<std::string_view> kLabels{
    "Negative prompt", "Steps", "CFG", "Seed", "Size", "Sampler", "Scheduler", "Checkpoint"};

bool starts_line_with(std::string_view t, std::string_view label) {
  for (std::size_t at = t.find(label); at != std::string_view::npos; at = t.find(label, at + 1))
    if (at == 0 || t[at - 1] == '\n') return true;
  return false;
}

class ComfyUI final : public Dialect {
 public:
  std::string_view name() const override { return "comfyui"; }
  std::string_view summary() const override {
    return "ComfyUI CLIPTextEncode: (x:1.2) sets the weight outright, [x] is literal; request "
           "is an API prompt graph";
  }
  Capabilities capabilities() const override {
    Capabilities c;
    c.negative_prompt = true;
    c.weights = true;
    c.weight_model = WeightModel::Scale;
    return c;
  }
  std::vector<OptionSpec> options() const override {
    return {sdfamily::base_option_spec(),
            {"checkpoint", "file name", "sd_xl_base_1.0.safetensors",
             "ckpt_name of the CheckpointLoaderSimple node (v1-5-pruned-emaonly.safetensors "
             "with model=sd15); overrides the prompt's own checkpoint"}};
  }

  // `embedding:` is ComfyUI's alone; the labelled lines are its `text` format.
  double detect(std::string_view t) const override {
    if (t.find("embedding:") != std::string_view::npos) return 0.92;
    if (starts_line_with(t, "Checkpoint:") || starts_line_with(t, "Scheduler:") ||
        starts_line_with(t, "CFG:"))
      return 0.9;
    return 0;
  }

  Prompt parse(std::string_view text, const Options&, Diagnostics& diags) const override {
    Prompt ir;
    std::vector<std::string> embeddings;
    const kit::LabelledText lt = kit::split_labelled(text, kLabels);
    comfy::report_literal_syntax(lt.prompt, 0, "subject", diags);
    kit::place_runs(ir, comfy::read_attention(lt.prompt, 0, "subject", diags, embeddings));
    for (const auto& line : lt.lines) read_line(line, ir, diags, embeddings);
    if (!embeddings.empty()) ir.extensions["comfyui"]["embeddings"] = embeddings;
    return ir;
  }

  Emitted emit(const Prompt& ir, const Options& options, Diagnostics& diags) const override {
    std::vector<std::string_view> carried{
        "subject",         "style",         "camera.shot",       "camera.angle",
        "camera.lens",     "camera.terms",  "negative",          "params.aspect_ratio",
        "params.width",    "params.height", "params.seed",       "params.steps",
        "params.guidance", "loras",         "extensions.comfyui"};
    const comfy::Settings s = comfy::settings(ir, options, diags, carried);
    Emitted out;
    out.prompt = comfy::write_terms(ir, diags);
    out.negative_prompt = comfy::write_negative(ir);
    out.request = comfy::api_prompt(ir, s, out.prompt, out.negative_prompt, diags);
    const Params& p = ir.params;
    out.text = kit::compose_text(
        out.prompt, {{"Negative prompt", out.negative_prompt},
                     {"Steps", p.steps ? std::to_string(*p.steps) : ""},
                     {"CFG", p.guidance ? text::format_number(*p.guidance) : ""},
                     {"Seed", p.seed ? std::to_string(*p.seed) : ""},
                     {"Size", s.size_known ? fmt::format("{}x{}", s.width, s.height) : ""},
                     {"Sampler", s.sampler},
                     {"Scheduler", s.scheduler},
                     {"Checkpoint", s.checkpoint_known ? s.checkpoint : ""}});
    kit::report_uncarried(ir, carried, "ComfyUI", diags);
    return out;
  }

 private:
  static void read_line(const kit::LabelledLine& line, Prompt& ir, Diagnostics& diags,
                        std::vector<std::string>& embeddings) {
    const std::string label = text::lower_ascii(line.label);
    const std::string_view v = text::trim(line.value);
    if (label == "negative prompt") {
      comfy::report_literal_syntax(line.value, line.value_span.begin, "negative", diags);
      const auto runs =
          comfy::read_attention(line.value, line.value_span.begin, "negative", diags, embeddings);
      for (Term& t : comfy::negative_terms(runs)) ir.negative.push_back(std::move(t));
    } else if (label == "steps") {
      kit::read_setting(line, kit::Setting::Steps, ir, diags);
    } else if (label == "cfg") {
      kit::read_setting(line, kit::Setting::Guidance, ir, diags);
    } else if (label == "seed") {
      kit::read_setting(line, kit::Setting::Seed, ir, diags);
    } else if (label == "size") {
      kit::read_setting(line, kit::Setting::Size, ir, diags);
    } else if (!v.empty()) {
      const std::string key = label == "sampler" ? "sampler_name" : label;
      ir.extensions["comfyui"][key] = std::string(v);
    }
  }
};

}  // namespace

std::unique_ptr<Dialect> make_comfyui() { return std::make_unique<ComfyUI>(); }

}  // namespace promptport
