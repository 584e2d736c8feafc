// The Luma API body (POST /dream-machine/v1/generations): model, prompt, aspect_ratio,
// duration "5s"/"9s", resolution, loop and camera concepts.
#include <fmt/format.h>

#include "common/video.h"
#include "luma/luma_internal.h"
#include "promptport/text.h"

namespace promptport::luma {
namespace {

const nlohmann::json* luma_setting(const Prompt& ir, const char* key) {
  const auto d = ir.extensions.find("luma");
  if (d == ir.extensions.end() || !d->is_object()) return nullptr;
  const auto k = d->find(key);
  return k == d->end() ? nullptr : &*k;
}

// The resolution option wins over the IR's; an invalid option is reported and ignored.
std::optional<std::string> resolution_option(const Options& options, Diagnostics& diags) {
  const auto it = options.find("resolution");
  if (it == options.end()) return std::nullopt;
  if (auto r = resolution(it->second)) return r;
  report(
      diags, Code::InvalidValue, Severity::Warning,
      fmt::format("unknown Luma resolution '{}' (540p, 720p, 1080p or 4k); using 720p", it->second),
      "resolution");
  return std::nullopt;
}

}  // namespace

Lines write_request(const Prompt& ir, const Options& options, Emitted& out,
                    std::vector<std::string_view>& carried, Diagnostics& diags) {
  const Params& p = ir.params;
  nlohmann::json& req = out.request;
  Lines lines;
  const auto model = options.find("model");
  req["model"] = model == options.end() || text::trim(model->second).empty()
                     ? std::string("ray-2")
                     : std::string(text::trim(model->second));
  req["prompt"] = out.prompt;

  static const std::vector<std::string> kRatios{"1:1", "16:9", "9:16", "4:3",
                                                "3:4", "21:9", "9:21"};
  const std::string ratio = video::fit_ratio(ir, kRatios, "16:9", "Luma", diags);
  // Pixels always travel as the ratio (fit_ratio says so for each side).
  if (p.width && p.height) carried.insert(carried.end(), {"params.width", "params.height"});
  req["aspect_ratio"] = ratio;
  bool from_pixels = false;
  if (video::ratio_given(p, from_pixels)) {
    lines.emplace_back("Aspect ratio", ratio);
    if (!from_pixels) carried.push_back("params.aspect_ratio");
  }

  const std::string duration =
      text::format_number(video::fit_duration(ir, {5, 9}, 5, "Luma", diags)) + "s";
  req["duration"] = duration;
  if (p.duration_s) {
    lines.emplace_back("Duration", duration);
    carried.push_back("params.duration_s");
  }

  // A loop or resolution of the wrong shape is not carried: report_uncarried names it.
  if (const auto* loop = luma_setting(ir, "loop"); loop && loop->is_boolean()) {
    req["loop"] = loop->get<bool>();
    lines.emplace_back("Loop", loop->get<bool>() ? "true" : "false");
    carried.push_back("extensions.luma.loop");
  }
  std::optional<std::string> res = resolution_option(options, diags);
  if (const auto* r = luma_setting(ir, "resolution"); r && r->is_string()) {
    if (auto valid = resolution(r->get<std::string>())) {
      if (!res) res = valid;
      carried.push_back("extensions.luma.resolution");
    }
  }
  req["resolution"] = res.value_or("720p");
  if (res) lines.emplace_back("Resolution", *res);

  const std::vector<std::string> keys = concepts(ir.camera);
  if (!keys.empty()) {
    nlohmann::json list = nlohmann::json::array();
    std::string joined;
    for (const auto& k : keys) {
      list.push_back({{"key", k}});
      joined += (joined.empty() ? "" : ", ") + k;
    }
    req["concepts"] = std::move(list);
    lines.emplace_back("Concepts", joined);
  }
  return lines;
}

}  // namespace promptport::luma
