// NovelAI's image API settings: model ids, sizes, samplers.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <tuple>

#include "common/sd_samplers.h"
#include "novelai/novelai_internal.h"
#include "promptport/text.h"

namespace promptport::nai {
namespace {

const nlohmann::json* ext(const Prompt& ir, std::string_view dialect, std::string_view key) {
  const auto d = ir.extensions.find(dialect);
  if (d == ir.extensions.end() || !d->is_object()) return nullptr;
  const auto k = d->find(key);
  return k != d->end() && k->is_string() && !k->get<std::string>().empty() ? &*k : nullptr;
}

// The samplers NovelAI's image API takes, by their ComfyUI id (NovelAI prefixes "k_").
std::string nai_sampler(std::string_view comfy) {
  static constexpr std::array<std::string_view, 6> kKarras{
      "euler", "euler_ancestral", "dpmpp_2s_ancestral", "dpmpp_2m", "dpmpp_sde", "dpmpp_2m_sde"};
  if (std::find(kKarras.begin(), kKarras.end(), comfy) != kKarras.end())
    return "k_" + std::string(comfy);
  if (comfy == "ddim") return "ddim_v3";
  return {};
}

}  // namespace

Model model_option(const Options& options, Diagnostics& diags) {
  const auto it = options.find("model");
  if (it == options.end() || it->second == "v4.5") return Model::V45;
  if (it->second == "v4") return Model::V4;
  if (it->second == "v3") return Model::V3;
  report(diags, Code::InvalidValue, Severity::Warning,
         "-O model=" + it->second + " is not v4.5, v4 or v3; using v4.5", "options.model");
  return Model::V45;
}

std::string_view model_id(Model model) {
  switch (model) {
    case Model::V45:
      return "nai-diffusion-4-5-full";
    case Model::V4:
      return "nai-diffusion-4-full";
    case Model::V3:
      return "nai-diffusion-3";
  }
  return "nai-diffusion-4-5-full";
}

// Pixels: multiples of 64 as the NovelAI UI enforces. A ratio: the nearest of the three
// "Normal" presets (portrait, landscape, square), which cost no extra Anlas.
Size size_for(const Prompt& ir, Diagnostics& diags) {
  Size out;
  const Params& p = ir.params;
  if (p.width && p.height) {
    auto side = [](std::int64_t v) {
      return static_cast<int>(std::clamp<std::int64_t>((v + 32) / 64 * 64, 64, 1 << 16));
    };
    out = {side(*p.width), side(*p.height), true};
    // One diagnostic per side, so each changed field is named.
    for (const auto& [from, to, field] :
         {std::tuple{*p.width, std::int64_t{out.width}, "params.width"},
          std::tuple{*p.height, std::int64_t{out.height}, "params.height"}})
      if (from != to)
        report(
            diags, Code::SnappedValue, Severity::Info,
            fmt::format("{} {} rounded to {}: NovelAI sizes are multiples of 64", field, from, to),
            field);
    return out;
  }
  if (!p.aspect_ratio) return out;
  const std::size_t colon = p.aspect_ratio->find(':');
  const double w = text::parse_double(p.aspect_ratio->substr(0, colon)).value_or(0);
  const double h = colon == std::string::npos
                       ? 0
                       : text::parse_double(p.aspect_ratio->substr(colon + 1)).value_or(0);
  if (!(w > 0) || !(h > 0)) {
    report(diags, Code::InvalidValue, Severity::Warning,
           "aspect ratio " + *p.aspect_ratio + " is not W:H; the default size is used",
           "params.aspect_ratio");
    return out;
  }
  static constexpr std::array<std::pair<int, int>, 3> kPresets{
      {{832, 1216}, {1216, 832}, {1024, 1024}}};
  double best = 1e300;
  for (const auto& [pw, ph] : kPresets) {
    const double d = std::fabs(std::log(static_cast<double>(pw) / ph) - std::log(w / h));
    if (d < best - 1e-12) {
      best = d;
      out = {pw, ph, true};
    }
  }
  const std::string got = text::reduce_ratio(out.width, out.height).value_or("");
  if (got != *p.aspect_ratio)
    report(diags, Code::SnappedAspectRatio, Severity::Info,
           fmt::format("aspect ratio {} written as {}x{} ({}), the nearest NovelAI preset",
                       *p.aspect_ratio, out.width, out.height, got),
           "params.aspect_ratio");
  return out;
}

std::string sampler_for(const Prompt& ir, std::vector<std::string_view>& carried,
                        Diagnostics& diags) {
  auto mapped = [&](const nlohmann::json& from, const std::string& to, const char* field) {
    report(diags, Code::ApproximatedParameter, Severity::Info,
           fmt::format("sampler '{}' written as NovelAI's {}", from.get<std::string>(), to), field);
  };
  if (const auto* s = ext(ir, "novelai", "sampler")) return s->get<std::string>();
  if (const auto* s = ext(ir, "comfyui", "sampler_name")) {
    if (std::string n = nai_sampler(s->get<std::string>()); !n.empty()) {
      carried.push_back("extensions.comfyui.sampler_name");
      mapped(*s, n, "extensions.comfyui.sampler_name");
      return n;
    }
  }
  if (const auto* s = ext(ir, "sd", "sampler")) {
    if (const auto m = sdfamily::comfy_sampler(s->get<std::string>())) {
      if (std::string n = nai_sampler(m->sampler); !n.empty()) {
        carried.push_back("extensions.sd.sampler");
        mapped(*s, n, "extensions.sd.sampler");
        return n;
      }
    }
  }
  return {};
}

}  // namespace promptport::nai
