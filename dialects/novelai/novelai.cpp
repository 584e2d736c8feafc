// The NovelAI dialect (NAI Diffusion V3/V4/V4.5): danbooru tags with brace emphasis, and
// the body of a NovelAI image generation request.
#include <fmt/format.h>

#include <cctype>
#include <memory>

#include "novelai/novelai_internal.h"
#include "promptport/dialect.h"
#include "promptport/kit.h"
#include "promptport/text.h"

namespace promptport {
namespace {

const std::vector<std::string_view> kLabels{
    "Undesired Content", "Negative prompt", "Steps", "Scale", "Seed", "Size", "Sampler"};

bool digit(char c) { return c >= '0' && c <= '9'; }

// A danbooru count tag: 1girl, 2boys, 1other, 6+girls.
bool has_count_tag(std::string_view t) {
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (!digit(t[i]) ||
        (i > 0 && (digit(t[i - 1]) || std::isalpha(static_cast<unsigned char>(t[i - 1])))))
      continue;
    std::size_t j = i;
    while (j < t.size() && (digit(t[j]) || t[j] == '+')) ++j;
    for (std::string_view noun : {"girls", "girl", "boys", "boy", "others", "other"})
      if (t.compare(j, noun.size(), noun) == 0) {
        const std::size_t e = j + noun.size();
        if (e == t.size() || !std::isalnum(static_cast<unsigned char>(t[e]))) return true;
      }
  }
  return false;
}

// `1.5::text ::`: a number right before `::`, and a later `::` that closes it.
bool has_numeric_emphasis(std::string_view t) {
  for (std::size_t at = t.find("::"); at != std::string_view::npos; at = t.find("::", at + 2))
    if (at > 0 && digit(t[at - 1]) && t.find("::", at + 2) != std::string_view::npos) return true;
  return false;
}

class NovelAI final : public Dialect {
 public:
  std::string_view name() const override { return "novelai"; }
  std::string_view summary() const override {
    return "NovelAI Diffusion V3/V4/V4.5: {x} ×1.05, [x] ÷1.05, V4 1.5::x ::, danbooru tags, "
           "Undesired Content";
  }
  Capabilities capabilities() const override {
    Capabilities c;
    c.negative_prompt = true;
    c.weights = true;
    c.weight_model = WeightModel::Scale;
    return c;
  }
  std::vector<OptionSpec> options() const override {
    return {{"model", "v4.5|v4|v3", "v4.5",
             "NAI Diffusion version: API model nai-diffusion-4-5-full, nai-diffusion-4-full or "
             "nai-diffusion-3 (V3 has no numerical emphasis: weights become brace counts)"}};
  }

  double detect(std::string_view t) const override {
    if (has_numeric_emphasis(t) || t.find("Undesired Content:") != std::string_view::npos)
      return 0.95;
    if (t.find("{{") != std::string_view::npos || t.find("}}") != std::string_view::npos)
      return 0.85;
    for (std::size_t at = t.find("artist:"); at != std::string_view::npos;
         at = t.find("artist:", at + 1))
      if (at + 7 < t.size() &&
          (std::isalnum(static_cast<unsigned char>(t[at + 7])) || t[at + 7] == '_'))
        return 0.85;
    if (has_count_tag(t)) {
      if (t.find('{') != std::string_view::npos) return 0.8;
      if (t.find_first_of("()[]<>") == std::string_view::npos &&
          t.find("::") == std::string_view::npos && t.find("--") == std::string_view::npos)
        return 0.55;
    }
    return 0;
  }

  Prompt parse(std::string_view text, const Options&, Diagnostics& diags) const override {
    Prompt ir;
    const kit::LabelledText lt = kit::split_labelled(text, kLabels);
    nai::place_positive(ir, nai::read_emphasis(lt.prompt, 0, "subject", diags));
    for (const auto& line : lt.lines) read_line(line, ir, diags);
    return ir;
  }

  Emitted emit(const Prompt& ir, const Options& options, Diagnostics& diags) const override {
    std::vector<std::string_view> carried{
        "subject",      "style",        "camera.shot",         "camera.angle",      "camera.lens",
        "camera.terms", "negative",     "params.aspect_ratio", "params.width",      "params.height",
        "params.seed",  "params.steps", "params.guidance",     "extensions.novelai"};
    const nai::Model model = nai::model_option(options, diags);
    const nai::Written w = nai::write_prompt(ir, model, diags);
    const nai::Size size = nai::size_for(ir, diags);
    const std::string sampler = nai::sampler_for(ir, carried, diags);
    Emitted out;
    out.prompt = w.prompt;
    out.negative_prompt = w.negative;
    nlohmann::json params = {{"width", size.width},
                             {"height", size.height},
                             {"negative_prompt", w.negative},
                             {"n_samples", 1},
                             {"qualityToggle", false}};
    const Params& p = ir.params;
    if (p.guidance) params["scale"] = *p.guidance;
    if (p.steps) params["steps"] = *p.steps;
    if (p.seed) params["seed"] = *p.seed;
    if (!sampler.empty()) params["sampler"] = sampler;
    out.request = {{"input", w.prompt},
                   {"model", nai::model_id(model)},
                   {"action", "generate"},
                   {"parameters", std::move(params)}};
    out.text = kit::compose_text(
        out.prompt, {{"Undesired Content", w.negative},
                     {"Steps", p.steps ? std::to_string(*p.steps) : ""},
                     {"Scale", p.guidance ? text::format_number(*p.guidance) : ""},
                     {"Seed", p.seed ? std::to_string(*p.seed) : ""},
                     {"Size", size.known ? fmt::format("{}x{}", size.width, size.height) : ""},
                     {"Sampler", sampler}});
    kit::report_uncarried(ir, carried, "NovelAI", diags);
    return out;
  }

 private:
  static void read_line(const kit::LabelledLine& line, Prompt& ir, Diagnostics& diags) {
    const std::string label = text::lower_ascii(line.label);
    const std::string_view v = text::trim(line.value);
    if (label == "undesired content" || label == "negative prompt") {
      nai::place_negative(ir,
                          nai::read_emphasis(line.value, line.value_span.begin, "negative", diags));
    } else if (label == "steps") {
      kit::read_setting(line, kit::Setting::Steps, ir, diags);
    } else if (label == "scale") {
      kit::read_setting(line, kit::Setting::Guidance, ir, diags);
    } else if (label == "seed") {
      kit::read_setting(line, kit::Setting::Seed, ir, diags);
    } else if (label == "size") {
      kit::read_setting(line, kit::Setting::Size, ir, diags);
    } else if (label == "sampler" && !v.empty()) {
      ir.extensions["novelai"]["sampler"] = std::string(v);
    }
  }
};

}  // namespace

std::unique_ptr<Dialect> make_novelai() { return std::make_unique<NovelAI>(); }

}  // namespace promptport
