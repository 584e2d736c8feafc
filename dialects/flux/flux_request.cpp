// The BFL request body (sizes, settings, raw mode) and what Flux cannot take.
#include "flux/flux_request.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "flux/flux_size.h"
#include "promptport/text.h"

namespace promptport::flux {
namespace {

// BFL dev/pro ranges for steps and guidance.
constexpr std::int64_t kMinSteps = 1;
constexpr std::int64_t kMaxSteps = 50;
constexpr double kMinGuidance = 1.5;
constexpr double kMaxGuidance = 5.0;

using Lines = std::vector<std::pair<std::string, std::string>>;

std::string size_text(Size s) { return fmt::format("{}x{}", s.width, s.height); }

std::string reduced(Ratio r) { return text::reduce_ratio(r.w, r.h).value_or(""); }

// "--chaos 20", "--tile", "--foo bar, --baz" for a Midjourney extension entry.
std::string mj_flag(const std::string& key, const nlohmann::json& value) {
  if (value.is_boolean()) return value.get<bool>() ? "--" + key : "--" + key + " off";
  if (value.is_string()) return fmt::format("--{} {}", key, value.get<std::string>());
  if (value.is_object()) {
    std::string out;
    for (auto it = value.begin(); it != value.end(); ++it)
      out += (out.empty() ? "" : ", ") + mj_flag(it.key(), *it);
    return out;
  }
  return fmt::format("--{} {}", key, value.dump());
}

void snapped_side(Diagnostics& diags, const char* side, std::int64_t from, std::int64_t to) {
  report(diags, Code::SnappedValue, Severity::Info,
         fmt::format("{} {} became {} (Flux sizes are multiples of 32 within 256-1440)", side, from,
                     to),
         fmt::format("params.{}", side));
}

// dev/pro: width and height, from pixels or the aspect ratio.
void pixel_size(const Params& p, const std::optional<Ratio>& ratio, nlohmann::json& req,
                Lines& lines, Diagnostics& diags) {
  Size size{kDefaultWidth, kDefaultHeight};
  if (p.width || p.height) {
    // One side alone takes the other from the aspect ratio (square when there is none).
    const double r = ratio ? ratio->value() : 1.0;
    const std::int64_t w =
        p.width.value_or(std::llround(static_cast<double>(p.height.value_or(0)) * r));
    const std::int64_t h =
        p.height.value_or(std::llround(static_cast<double>(p.width.value_or(0)) / r));
    size = fit_size(w, h);
    if (p.width && size.width != *p.width) snapped_side(diags, "width", *p.width, size.width);
    if (p.height && size.height != *p.height) snapped_side(diags, "height", *p.height, size.height);
    if (ratio && p.width && p.height && *p.width > 0 && *p.height > 0 &&
        std::fabs(std::log(ratio->value() * static_cast<double>(*p.height) /
                           static_cast<double>(*p.width))) > 0.01)
      report(diags, Code::SnappedAspectRatio, Severity::Info,
             fmt::format("aspect ratio {} differs from the given size {}x{}; the size wins",
                         *p.aspect_ratio, *p.width, *p.height),
             "params.aspect_ratio");
  } else if (ratio) {
    size = size_for_ratio(ratio->value());
    const std::string got = text::reduce_ratio(size.width, size.height).value_or("");
    if (got != reduced(*ratio))
      report(diags, Code::SnappedAspectRatio, Severity::Info,
             fmt::format("aspect ratio {} became {} ({}): Flux sizes are multiples of 32",
                         *p.aspect_ratio, got, size_text(size)),
             "params.aspect_ratio");
  }
  req["width"] = size.width;
  req["height"] = size.height;
  if (ratio) lines.emplace_back("Aspect ratio", ratio_text(*ratio));
  if (ratio || p.width || p.height) lines.emplace_back("Size", size_text(size));
}

// ultra: an aspect ratio between 21:9 and 9:21; ultra picks the pixels itself.
void ultra_aspect(const Params& p, std::optional<Ratio> r, nlohmann::json& req, Lines& lines,
                  Diagnostics& diags) {
  const bool pixels = p.width && p.height && *p.width > 0 && *p.height > 0;
  if (!r && pixels) {
    r = parse_ratio(text::reduce_ratio(*p.width, *p.height).value_or("1:1"));
    for (const char* field : {"params.width", "params.height"})
      report(diags, Code::ApproximatedParameter, Severity::Info,
             fmt::format("size {}x{} given as its aspect ratio; ultra picks the pixels", *p.width,
                         *p.height),
             field);
  } else if (p.width || p.height) {
    report(diags, r ? Code::ApproximatedParameter : Code::DroppedParameter,
           r ? Severity::Info : Severity::Warning,
           r ? "ultra takes the aspect ratio and picks the pixels; the given size is not used"
             : "a single image side has no ultra equivalent (ultra takes an aspect ratio); dropped",
           p.width ? "params.width" : "params.height");
  }
  if (!r) return;
  const std::string snapped = ultra_ratio(*r);
  if (snapped != ratio_text(*r))
    report(diags, Code::SnappedAspectRatio, Severity::Info,
           fmt::format("aspect ratio {} became {} (ultra takes 21:9 to 9:21)", ratio_text(*r),
                       snapped),
           p.aspect_ratio ? "params.aspect_ratio" : "params.width");
  req["aspect_ratio"] = snapped;
  lines.emplace_back("Aspect ratio", snapped);
}

void sampling(const Params& p, Model model, nlohmann::json& req, Lines& lines, Diagnostics& diags) {
  if (model == Model::Ultra) {
    if (p.steps)
      report(diags, Code::DroppedParameter, Severity::Warning,
             fmt::format("steps {} dropped: Flux ultra has no steps setting", *p.steps),
             "params.steps");
    if (p.guidance)
      report(diags, Code::DroppedParameter, Severity::Warning,
             fmt::format("guidance {} dropped: Flux ultra has no guidance setting",
                         text::format_number(*p.guidance)),
             "params.guidance");
    return;
  }
  if (p.steps) {
    const std::int64_t steps = std::clamp(*p.steps, kMinSteps, kMaxSteps);
    if (steps != *p.steps)
      report(diags, Code::SnappedValue, Severity::Info,
             fmt::format("steps {} became {} (Flux takes 1-50)", *p.steps, steps), "params.steps");
    req["steps"] = steps;
    lines.emplace_back("Steps", std::to_string(steps));
  }
  if (p.guidance) {
    const double g = std::clamp(*p.guidance, kMinGuidance, kMaxGuidance);
    if (g != *p.guidance)
      report(diags, Code::SnappedValue, Severity::Info,
             fmt::format("guidance {} became {} (Flux guidance is 1.5-5, not SD's CFG scale)",
                         text::format_number(*p.guidance), text::format_number(g)),
             "params.guidance");
    req["guidance"] = g;
    lines.emplace_back("Guidance", text::format_number(g));
  }
}

// Midjourney settings have no Flux meaning, except that --style raw / --raw ask for the
// same "less stylized" look as ultra's raw mode. Returns whether raw mode is asked for.
bool extensions(const nlohmann::json& ext, Model model, Diagnostics& diags) {
  bool raw = false;
  if (ext.contains("midjourney") && ext["midjourney"].is_object()) {
    for (const auto& [key, value] : ext["midjourney"].items()) {
      const std::string field = "extensions.midjourney." + key;
      if (model == Model::Ultra &&
          ((key == "style" && value == "raw") || (key == "raw" && value == true))) {
        raw = true;
        report(diags, Code::ApproximatedParameter, Severity::Info,
               fmt::format("{} became Flux ultra raw mode", mj_flag(key, value)), field);
        continue;
      }
      report(diags, Code::DroppedParameter, Severity::Warning,
             fmt::format("{} has no Flux equivalent; dropped", mj_flag(key, value)), field);
    }
  }
  if (ext.contains("flux") && ext["flux"].is_object()) {
    for (const auto& [key, value] : ext["flux"].items()) {
      if (key == "raw" && value.is_boolean()) {
        if (model == Model::Ultra) {
          raw = raw || value.get<bool>();
          continue;
        }
        if (!value.get<bool>()) continue;  // raw off is every model's default
      }
      report(diags, Code::DroppedParameter, Severity::Warning,
             fmt::format("Flux setting '{}' ({}) does not apply to this model; dropped", key,
                         value.dump()),
             "extensions.flux." + key);
    }
  }
  return raw;
}

void unsupported(const Prompt& ir, Diagnostics& diags) {
  const Params& p = ir.params;
  if (p.duration_s)
    report(diags, Code::DroppedParameter, Severity::Warning,
           fmt::format("duration {}s dropped: Flux makes still images",
                       text::format_number(*p.duration_s)),
           "params.duration_s");
  if (p.quality)
    report(diags, Code::DroppedParameter, Severity::Warning,
           fmt::format("quality '{}' has no Flux equivalent; dropped", *p.quality),
           "params.quality");
  for (const auto& r : ir.references)
    report(diags, Code::DroppedReference, Severity::Warning,
           fmt::format("{} reference {} dropped: the Flux text-to-image request takes none",
                       to_string(r.kind), r.uri),
           "references", r.span);
  for (const auto& l : ir.loras)
    report(diags, Code::DroppedLora, Severity::Warning,
           fmt::format("LoRA '{}' dropped: the BFL API loads no LoRAs", l.name), "loras");
  if (!ir.audio.empty())
    report(diags, Code::DroppedAudio, Severity::Warning, "audio dropped: Flux makes images",
           "audio");
}

}  // namespace

Model model_option(const Options& options, Diagnostics& diags) {
  const auto it = options.find("model");
  if (it == options.end()) return Model::Pro;
  const std::string v = text::lower_ascii(text::trim(it->second));
  if (v == "dev") return Model::Dev;
  if (v == "pro") return Model::Pro;
  if (v == "ultra") return Model::Ultra;
  report(diags, Code::InvalidValue, Severity::Warning,
         fmt::format("unknown Flux model '{}' (dev, pro or ultra); using pro", it->second),
         "model");
  return Model::Pro;
}

Lines write_request(const Prompt& ir, Model model, Emitted& out, Diagnostics& diags) {
  const Params& p = ir.params;
  nlohmann::json& req = out.request;
  req["prompt"] = out.prompt;
  Lines lines;
  std::optional<Ratio> ratio;
  if (p.aspect_ratio) {
    ratio = parse_ratio(*p.aspect_ratio);
    if (!ratio)
      report(diags, Code::InvalidValue, Severity::Warning,
             fmt::format("aspect ratio '{}' is not W:H; ignored", *p.aspect_ratio),
             "params.aspect_ratio");
  }
  if (model == Model::Ultra)
    ultra_aspect(p, ratio, req, lines, diags);
  else
    pixel_size(p, ratio, req, lines, diags);
  if (p.seed) {
    req["seed"] = *p.seed;
    lines.emplace_back("Seed", std::to_string(*p.seed));
  }
  sampling(p, model, req, lines, diags);
  req["prompt_upsampling"] = false;  // upsampling makes results nondeterministic
  const bool raw = extensions(ir.extensions, model, diags);
  if (model == Model::Ultra) {
    req["raw"] = raw;
    if (raw) lines.emplace_back("Raw", "true");
  }
  unsupported(ir, diags);
  return lines;
}

}  // namespace promptport::flux
