// The MiniMax video API body (POST /v1/video_generation): model, prompt,
// prompt_optimizer false, duration and resolution fitted to the model; the text format.
#include <fmt/format.h>

#include <algorithm>

#include "common/video.h"
#include "hailuo/hailuo_internal.h"
#include "promptport/kit.h"
#include "promptport/text.h"

namespace promptport::hailuo {
namespace {

using Lines = std::vector<std::pair<std::string, std::string>>;

// Unicode characters, not bytes: count UTF-8 lead bytes.
std::size_t chars(std::string_view s) {
  return static_cast<std::size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

const Model& model_of(const Options& options) {
  // The core checks -O model against the list in options(), so a name is always known here.
  if (const auto it = options.find("model"); it != options.end())
    for (const auto& m : models())
      if (m.name == it->second) return m;
  return default_model();
}

// The resolution option wins, then the source's Resolution line, then the model's default.
// One the model cannot render is snapped to its default.
std::string resolution_of(const Prompt& ir, const Options& options, const Model& model,
                          bool& stated, std::vector<std::string_view>& carried,
                          Diagnostics& diags) {
  std::optional<std::string> asked;
  std::string field;
  if (const auto it = options.find("resolution"); it != options.end()) {
    asked = resolution(it->second);
    field = "resolution";
  }
  if (const auto h = ir.extensions.find("hailuo"); h != ir.extensions.end() && h->is_object())
    if (const auto r = h->find("resolution"); r != h->end() && r->is_string())
      if (const auto valid = resolution(r->get<std::string>())) {
        carried.push_back("extensions.hailuo.resolution");
        if (!asked) {
          asked = valid;
          field = "extensions.hailuo.resolution";
        }
      }
  stated = asked.has_value();
  const std::string fallback(model.resolutions.front());
  if (!asked) return fallback;
  if (std::find(model.resolutions.begin(), model.resolutions.end(), *asked) !=
      model.resolutions.end())
    return *asked;
  report(diags, Code::SnappedValue, Severity::Info,
         fmt::format("{} renders text-to-video at {}; resolution {} is written as {}", model.name,
                     fmt::join(model.resolutions, " or "), *asked, fallback),
         field);
  return fallback;
}

}  // namespace

const std::vector<Model>& models() {
  // REFERENCE §10.2: Hailuo-02 and 2.3 take 768P (default) or 1080P and 6 s (default) or
  // 10 s, 10 s only at 768P (512P is for image-to-video); the 01 models render 720P, 6 s.
  static const std::vector<Model> kModels{
      {"MiniMax-Hailuo-02", {"768P", "1080P"}, {6, 10}},
      {"MiniMax-Hailuo-2.3", {"768P", "1080P"}, {6, 10}},
      {"T2V-01-Director", {"720P"}, {6}},
      {"T2V-01", {"720P"}, {6}},
  };
  return kModels;
}

const Model& default_model() { return models().front(); }

Emitted write(const Prompt& ir, const Options& options, Diagnostics& diags) {
  Emitted out;
  std::vector<std::string_view> carried{"subject", "style", "camera", "motion"};
  Lines lines;
  out.prompt = write_prompt(ir, diags);
  if (const std::size_t n = chars(out.prompt); n > kMaxPromptChars)
    report(diags, Code::PromptTooLong, Severity::Warning,
           fmt::format("the prompt is {} characters; Hailuo takes at most {} (not truncated)", n,
                       kMaxPromptChars),
           "prompt");
  video::note_no_motion(ir, "Hailuo", diags);

  const Model& model = model_of(options);
  nlohmann::json& req = out.request;
  req["model"] = model.name;
  req["prompt"] = out.prompt;
  // The server would rewrite the prompt; a translation wants its own words used.
  req["prompt_optimizer"] = false;

  const Params& p = ir.params;
  bool from_pixels = false;
  if (video::ratio_given(p, from_pixels)) {
    // Text-to-video is 16:9 (1366×768, 1920×1080); there is no ratio field to send.
    const std::string ratio = video::fit_ratio(ir, {"16:9"}, "16:9", "Hailuo", diags);
    lines.emplace_back("Aspect ratio", ratio);
    if (!from_pixels) carried.push_back("params.aspect_ratio");
    // Pixels always travel as the ratio (fit_ratio says so for each side).
    if (p.width && p.height) carried.insert(carried.end(), {"params.width", "params.height"});
  }

  bool res_stated = false;
  const std::string res = resolution_of(ir, options, model, res_stated, carried, diags);
  // 1080P renders 6 s only.
  std::vector<double> durations = model.durations;
  if (res == "1080P") durations = {6};
  const std::string target =
      res == "1080P" ? fmt::format("{} at 1080P", model.name) : std::string(model.name);
  const double duration =
      video::fit_duration(ir, durations, model.durations.front(), target, diags);
  req["duration"] = static_cast<int>(duration);
  req["resolution"] = res;
  carried.push_back("params.duration_s");
  if (p.duration_s) lines.emplace_back("Duration", text::format_number(duration) + "s");
  if (res_stated) lines.emplace_back("Resolution", res);

  out.text = kit::compose_text(out.prompt, lines);
  // No negative field and no seed: report_uncarried names both.
  kit::report_uncarried(ir, carried, "Hailuo", diags);
  return out;
}

}  // namespace promptport::hailuo
