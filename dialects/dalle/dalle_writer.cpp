// Writing for DALL·E 3 / gpt-image-1: Flux's prose template (both read plain sentences), the
// POST /v1/images/generations body, the text format, and what the models cannot take.
#include <fmt/format.h>

#include <algorithm>
#include <utility>

#include "common/video.h"
#include "dalle/dalle_internal.h"
#include "flux/flux_prose.h"
#include "promptport/kit.h"
#include "promptport/text.h"

namespace promptport::dalle {
namespace {

using Lines = std::vector<std::pair<std::string, std::string>>;

// The prose template is Flux's; its messages name Flux, these name the model.
std::string prose(const Prompt& ir, std::string_view platform, Diagnostics& diags) {
  const std::size_t first = diags.size();
  std::string out = flux::write_prose(ir, diags);
  for (std::size_t i = first; i < diags.size(); ++i) {
    std::string& m = diags[i].message;
    for (auto at = m.find("Flux"); at != std::string::npos; at = m.find("Flux", at))
      m.replace(at, 4, platform), at += platform.size();
  }
  return out;
}

std::string string_at(const nlohmann::json& ext, std::string_view dialect, std::string_view key) {
  const auto d = ext.find(dialect);
  if (d == ext.end() || !d->is_object()) return "";
  const auto v = d->find(key);
  return v != d->end() && v->is_string() ? v->get<std::string>() : "";
}

bool raw_asked(const nlohmann::json& ext, std::string& field) {
  if (string_at(ext, "midjourney", "style") == "raw") {
    field = "extensions.midjourney.style";
    return true;
  }
  for (auto [dialect, key] : {std::pair{"midjourney", "raw"}, std::pair{"flux", "raw"}}) {
    const auto d = ext.find(dialect);
    if (d != ext.end() && d->is_object() && d->contains(key) && (*d)[key] == true) {
      field = fmt::format("extensions.{}.{}", dialect, key);
      return true;
    }
  }
  return false;
}

class Writer {
 public:
  Writer(const Prompt& ir, const Settings& s, Diagnostics& diags)
      : ir_(ir), model_(*s.model), as_is_(s.as_is), diags_(diags) {}

  Emitted write() {
    Emitted out;
    std::string prompt = prose(ir_, model_.label, diags_);
    const std::string prefix = no_rewrite_prefix();
    if (!prefix.empty()) prompt = prompt.empty() ? prefix : prefix + " " + prompt;
    out.prompt = std::move(prompt);
    req_["model"] = model_.id;
    req_["prompt"] = out.prompt;
    size();
    settings();
    if (const std::size_t n = code_points(out.prompt); n > model_.max_chars)
      report(diags_, Code::PromptTooLong, Severity::Warning,
             fmt::format("the prompt is {} characters; {} takes at most {} (not cut)", n,
                         model_.label, model_.max_chars),
             "prompt");
    out.request = std::move(req_);
    out.text = kit::compose_text(out.prompt, lines_);
    const std::vector<std::string_view> carried(carried_.begin(), carried_.end());
    kit::report_uncarried(ir_, carried, model_.label, diags_);
    return out;
  }

 private:
  std::string no_rewrite_prefix() {
    const std::string own = string_at(ir_.extensions, "dalle", "no_rewrite_prefix");
    if (!own.empty()) {
      // One line, as the reader keeps it (an IR written by hand may have line breaks).
      std::string out;
      for (char c : text::trim(own)) {
        const bool blank = c == ' ' || c == '\t' || c == '\n' || c == '\r';
        if (!blank)
          out += c;
        else if (out.back() != ' ')
          out += ' ';
      }
      return out;
    }
    return as_is_ ? std::string(no_rewrite_prefixes().front()) : "";
  }

  // The size that stands for the IR's ratio (or pixels); none when the IR has neither,
  // which leaves the model's default (1024x1024, or auto on gpt-image-1).
  void size() {
    std::vector<std::string> ratios;
    for (const auto& s : model_.sizes) ratios.emplace_back(s.ratio);
    const std::string ratio = video::fit_ratio(ir_, ratios, "", model_.label, diags_);
    const Size* s = ratio.empty() ? nullptr : size_for_ratio(model_, ratio);
    if (!s) return;
    carried_.push_back("params.aspect_ratio");
    if (ir_.params.width && ir_.params.height)
      carried_.insert(carried_.end(), {"params.width", "params.height"});
    req_["size"] = s->size;
    lines_.emplace_back("Size", std::string(s->size));
  }

  void approximated(std::string field, std::string message) {
    report(diags_, Code::ApproximatedParameter, Severity::Info, std::move(message),
           std::move(field));
  }

  void dropped(std::string field, std::string message) {
    report(diags_, Code::DroppedParameter, Severity::Warning, std::move(message), std::move(field));
  }

  void quality(const std::string& q) {
    const std::string_view to = quality_for(model_, q);
    if (to == q) {
      req_["quality"] = q;
      lines_.emplace_back("Quality", q);
    } else if (!to.empty()) {
      approximated(
          "extensions.dalle.quality",
          fmt::format("quality {} is written as {}, the nearest {} has", q, to, model_.label));
      req_["quality"] = to;
      lines_.emplace_back("Quality", std::string(to));
    } else if (q == "auto") {
      approximated("extensions.dalle.quality",
                   fmt::format("quality auto left to {}'s default (standard)", model_.label));
    } else {
      dropped("extensions.dalle.quality",
              fmt::format("quality '{}' is not a {} quality; dropped", q, model_.label));
    }
  }

  void style(const std::string& v) {
    if (!model_.style)
      dropped("extensions.dalle.style",
              fmt::format("style {} dropped: {} has no style setting", v, model_.label));
    else if (!known_style(v))
      dropped("extensions.dalle.style",
              fmt::format("style '{}' is not vivid or natural; dropped", v));
    else {
      req_["style"] = v;
      lines_.emplace_back("Style", v);
    }
  }

  // background, output_format, moderation: gpt-image-1's own fields.
  void gpt_image_field(const std::string& key, const std::string& v, const char* label,
                       bool (*known)(std::string_view)) {
    const std::string field = "extensions.dalle." + key;
    if (!model_.gpt_image)
      dropped(field, fmt::format("{} {} dropped: only gpt-image-1 takes it", key, v));
    else if (!known(v))
      dropped(field, fmt::format("{} '{}' is not a gpt-image-1 value; dropped", key, v));
    else {
      req_[key] = v;
      lines_.emplace_back(label, v);
    }
  }

  void setting(const std::string& key, const std::string& v, bool& style_given) {
    if (key == "quality") {
      quality(v);
    } else if (key == "style") {
      style_given = true;
      style(v);
    } else if (key == "background") {
      gpt_image_field(key, v, "Background", known_background);
    } else if (key == "output_format") {
      gpt_image_field(key, v, "Output format", known_output_format);
    } else if (key == "moderation") {
      gpt_image_field(key, v, "Moderation", known_moderation);
    } else if (key == "revised_prompt") {
      lines_.emplace_back("Revised prompt", v);  // what DALL·E 3 drew from; kept for people
    }
  }

  void settings() {
    // The text format's order; the prefix is written with the prompt.
    static const std::vector<std::string> kKeys{"quality",          "style",      "background",
                                                "output_format",    "moderation", "revised_prompt",
                                                "no_rewrite_prefix"};
    const nlohmann::json& ext = ir_.extensions;
    bool style_given = false;
    if (const auto d = ext.find("dalle"); d != ext.end() && d->is_object()) {
      carried_.push_back("extensions.dalle");
      for (const auto& key : kKeys) {
        const auto value = d->find(key);
        if (value != d->end() && value->is_string())
          setting(key, value->get<std::string>(), style_given);
      }
      for (const auto& [key, value] : d->items()) {
        if (value.is_string() && std::find(kKeys.begin(), kKeys.end(), key) != kKeys.end())
          continue;
        dropped("extensions.dalle." + key, fmt::format("DALL\xC2\xB7"
                                                       "E setting '{}' ({}) is not known; dropped",
                                                       key, value.dump()));
      }
    }
    // Midjourney's --style raw and Flux's raw ask for the less stylized look DALL·E 3 calls
    // natural.
    std::string raw_field;
    if (model_.style && !style_given && raw_asked(ext, raw_field)) {
      carried_.push_back(raw_field);
      approximated(raw_field,
                   "raw mode became DALL\xC2\xB7"
                   "E 3 style natural");
      req_["style"] = "natural";
      lines_.emplace_back("Style", "natural");
    }
  }

  const Prompt& ir_;
  const Model& model_;
  bool as_is_;
  Diagnostics& diags_;
  nlohmann::json req_ = nlohmann::json::object();
  Lines lines_;
  std::vector<std::string> carried_{"subject",          "style",   "camera", "motion",
                                    "motion_intensity", "negative"};
};

}  // namespace

Emitted write(const Prompt& source_ir, const Settings& settings, Diagnostics& diags) {
  // No per-word weights: "a (red:1.3) fox" is one phrase, "a red fox".
  const std::optional<Prompt> merged = kit::merge_joined(source_ir);
  return Writer(merged ? *merged : source_ir, settings, diags).write();
}

}  // namespace promptport::dalle
