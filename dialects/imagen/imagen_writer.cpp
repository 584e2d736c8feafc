// Writing for Imagen and the Gemini image models: Flux's prose template (both read plain
// sentences), the Imagen predict body or the Gemini generateContent body, the text format.
#include <fmt/format.h>

#include <cmath>
#include <utility>

#include "common/video.h"
#include "flux/flux_prose.h"
#include "imagen/imagen_internal.h"
#include "promptport/kit.h"
#include "promptport/text.h"

namespace promptport::imagen {
namespace {

using Lines = std::vector<std::pair<std::string, std::string>>;

// Vertex documents seeds as uint32.
constexpr std::int64_t kMaxSeed = 4294967295;

// The prose template is Flux's; its messages name Flux, these name the platform.
std::string prose(const Prompt& ir, std::string_view platform, Diagnostics& diags) {
  const std::size_t first = diags.size();
  std::string out = flux::write_prose(ir, diags);
  for (std::size_t i = first; i < diags.size(); ++i) {
    std::string& m = diags[i].message;
    for (auto at = m.find("Flux"); at != std::string::npos; at = m.find("Flux", at)) {
      m.replace(at, 4, platform);
      at += platform.size();
    }
  }
  return out;
}

class Writer {
 public:
  Writer(const Prompt& ir, const Model& model, Diagnostics& diags)
      : ir_(ir), model_(model), diags_(diags) {}

  Emitted write() {
    const bool imagen = model_.family == Family::Imagen;
    Emitted out;
    if (model_.negative && !ir_.negative.empty()) {
      // The negative goes to its field: the prose writer must not report it dropped.
      Prompt positive = ir_;
      positive.negative.clear();
      out.prompt = prose(positive, label(), diags_);
      out.negative_prompt = negative_text();
    } else {
      out.prompt = prose(ir_, label(), diags_);
    }
    const std::string ratio = video::fit_ratio(ir_, ratios(model_.family), "", label(), diags_);
    if (!ratio.empty()) {
      carried_.push_back("params.aspect_ratio");
      if (ir_.params.width && ir_.params.height)
        carried_.insert(carried_.end(), {"params.width", "params.height"});
    }
    const std::optional<std::int64_t> seed = seed_value();
    settings();
    if (imagen)
      imagen_request(out, ratio, seed);
    else
      gemini_request(out, ratio, seed);
    if (imagen) too_long(out.prompt);
    const std::vector<std::string_view> carried(carried_.begin(), carried_.end());
    kit::report_uncarried(ir_, carried, label(), diags_);
    return out;
  }

 private:
  std::string_view label() const { return model_.family == Family::Gemini ? "Gemini" : "Imagen"; }

  // Plain nouns joined, as Google asks ("wall, frame", never "no walls").
  std::string negative_text() {
    std::vector<std::string> items;
    bool weighted = false;
    for (const auto& p : kit::phrases(ir_.negative)) {
      items.emplace_back(text::trim(p.text));
      weighted = weighted || std::fabs(p.weight - 1) > 1e-9 || p.mixed;
    }
    if (weighted)
      report(diags_, Code::ApproximatedWeight, Severity::Info,
             "Imagen has no weight syntax; the negative terms are written plainly", "negative");
    return video::join(items, ", ");
  }

  std::optional<std::int64_t> seed_value() {
    const auto& seed = ir_.params.seed;
    if (!seed) return std::nullopt;
    carried_.push_back("params.seed");
    if (*seed >= 0 && *seed <= kMaxSeed) return seed;
    report(diags_, Code::DroppedParameter, Severity::Warning,
           fmt::format("seed {} is outside {}'s 0-4294967295; dropped", *seed, label()),
           "params.seed");
    return std::nullopt;
  }

  void dropped(std::string field, std::string message) {
    report(diags_, Code::DroppedParameter, Severity::Warning, std::move(message), std::move(field));
  }

  // extensions.imagen (enhancePrompt, personGeneration), and the DALL·E no-rewrite prefix,
  // which asks what enhancePrompt false does.
  void settings() {
    const bool imagen = model_.family == Family::Imagen;
    const nlohmann::json& ext = ir_.extensions;
    if (const auto d = ext.find("imagen"); d != ext.end() && d->is_object()) {
      carried_.push_back("extensions.imagen");
      for (const auto& [key, value] : d->items()) {
        const std::string field = "extensions.imagen." + key;
        if (key == "enhancePrompt" && value.is_boolean()) {
          if (imagen)
            enhance_ = value.get<bool>();
          else
            dropped(field, fmt::format("enhancePrompt {} dropped: the Gemini image models have "
                                       "no prompt rewriter switch",
                                       value.dump()));
        } else if (key == "personGeneration" && value.is_string() &&
                   known_person_generation(value.get<std::string>())) {
          if (imagen)
            person_ = value.get<std::string>();
          else
            dropped(field, fmt::format("personGeneration {} dropped: the Gemini image request "
                                       "has no such field",
                                       value.get<std::string>()));
        } else {
          dropped(field,
                  fmt::format("Imagen setting '{}' ({}) is not known; dropped", key, value.dump()));
        }
      }
    }
    if (imagen && !enhance_ && ext.contains("dalle") && ext["dalle"].is_object() &&
        ext["dalle"].contains("no_rewrite_prefix")) {
      carried_.push_back("extensions.dalle.no_rewrite_prefix");
      report(diags_, Code::ApproximatedParameter, Severity::Info,
             "the DALL\xC2\xB7"
             "E no-rewrite sentence is left out: enhancePrompt false asks Imagen the same",
             "extensions.dalle.no_rewrite_prefix");
    }
  }

  void imagen_request(Emitted& out, const std::string& ratio, std::optional<std::int64_t> seed) {
    nlohmann::json params = nlohmann::json::object();
    params["sampleCount"] = 1;
    if (!ratio.empty()) params["aspectRatio"] = ratio;
    if (!out.negative_prompt.empty()) params["negativePrompt"] = out.negative_prompt;
    if (seed) {
      params["seed"] = *seed;
      params["addWatermark"] = false;  // Vertex ignores the seed while the watermark is on
    }
    params["enhancePrompt"] = enhance_;  // a translation wants its words used as written
    if (!person_.empty()) params["personGeneration"] = person_;
    out.request["instances"] = nlohmann::json::array({{{"prompt", out.prompt}}});
    out.request["parameters"] = std::move(params);
    Lines lines;
    lines.emplace_back("Negative prompt", out.negative_prompt);
    lines.emplace_back("Aspect ratio", ratio);
    if (seed) lines.emplace_back("Seed", std::to_string(*seed));
    lines.emplace_back("Person generation", person_);
    lines.emplace_back("Enhance prompt", enhance_ ? "true" : "false");
    out.text = kit::compose_text(out.prompt, lines);
  }

  void gemini_request(Emitted& out, const std::string& ratio, std::optional<std::int64_t> seed) {
    nlohmann::json config = nlohmann::json::object();
    config["responseModalities"] = nlohmann::json::array({"IMAGE"});
    if (!ratio.empty()) config["imageConfig"] = {{"aspectRatio", ratio}};
    if (seed) config["seed"] = *seed;
    out.request["contents"] =
        nlohmann::json::array({{{"parts", nlohmann::json::array({{{"text", out.prompt}}})}}});
    out.request["generationConfig"] = std::move(config);
    Lines lines;
    lines.emplace_back("Aspect ratio", ratio);
    if (seed) lines.emplace_back("Seed", std::to_string(*seed));
    out.text = kit::compose_text(out.prompt, lines);
  }

  void too_long(const std::string& prompt) {
    // Every token needs a byte, so short prompts need no count.
    if (prompt.size() * 13 / 10 < kMaxTokens) return;
    if (const std::size_t tokens = flux::approx_t5_tokens(prompt); tokens > kMaxTokens)
      report(diags_, Code::PromptTooLong, Severity::Warning,
             fmt::format("the prompt is about {} tokens; Imagen takes {} (not cut)", tokens,
                         kMaxTokens),
             "prompt");
  }

  const Prompt& ir_;
  const Model& model_;
  Diagnostics& diags_;
  bool enhance_ = false;
  std::string person_;
  std::vector<std::string> carried_{"subject",          "style",   "camera", "motion",
                                    "motion_intensity", "negative"};
};

}  // namespace

Emitted write(const Prompt& source_ir, const Model& model, Diagnostics& diags) {
  // No per-word weights: "a (red:1.3) fox" is one phrase, "a red fox".
  const std::optional<Prompt> merged = kit::merge_joined(source_ir);
  return Writer(merged ? *merged : source_ir, model, diags).write();
}

}  // namespace promptport::imagen
