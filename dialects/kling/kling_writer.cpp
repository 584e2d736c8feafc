// Writes the IR as a Kling prompt, text2video request and text format.
#include <fmt/format.h>

#include <algorithm>

#include "common/video.h"
#include "kling/kling_camera.h"
#include "kling/kling_internal.h"
#include "promptport/kit.h"
#include "promptport/text.h"

namespace promptport::kling {
namespace {

using Lines = std::vector<std::pair<std::string, std::string>>;

// Kling counts characters, not bytes: count UTF-8 lead bytes.
std::size_t chars(std::string_view s) {
  return static_cast<std::size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

// The `mode` option wins; else the source's Mode line; else std (the cheaper one).
std::string mode_of(const Prompt& ir, const Options& options, bool& stated, Diagnostics& diags) {
  stated = true;
  if (const auto it = options.find("mode"); it != options.end()) {
    const std::string v = text::lower_ascii(text::trim(it->second));
    if (v == "std" || v == "pro") return v;
    report(diags, Code::InvalidValue, Severity::Warning,
           fmt::format("unknown Kling mode '{}' (std or pro); using std", it->second), "mode");
  } else if (ir.extensions.contains("kling") && ir.extensions["kling"].is_object() &&
             ir.extensions["kling"].contains("mode")) {
    const nlohmann::json& m = ir.extensions["kling"]["mode"];
    const std::string v = m.is_string() ? text::lower_ascii(m.get<std::string>()) : "";
    if (v == "std" || v == "pro") return v;
    report(diags, Code::InvalidValue, Severity::Warning,
           fmt::format("Kling mode {} is not std or pro; using std", m.dump()),
           "extensions.kling.mode");
  }
  stated = false;
  return "std";
}

std::string model_of(const Options& options, Diagnostics& diags) {
  const auto it = options.find("model");
  if (it == options.end()) return std::string(kDefaultModel);
  const std::string_view v = text::trim(it->second);
  if (!v.empty()) return std::string(v);  // Kling adds models often: any name goes through
  report(diags, Code::InvalidValue, Severity::Warning,
         fmt::format("empty Kling model name; using {}", kDefaultModel), "model");
  return std::string(kDefaultModel);
}

// Kling has no weight syntax: the words stay, in their order, and each field with a weight
// says once that its weights are gone.
void note_weights(const Prompt& ir, Diagnostics& diags) {
  video::report_weights(
      ir, {"subject", "style", "camera.terms"},
      [](std::string_view field) {
        return fmt::format(
            "Kling has no prompt weights: the {} words are kept, their weights are not", field);
      },
      diags);
}

// scene + style + "Camera: ..." (the moves camera_control carries left out).
std::string write_prompt(const Prompt& ir, bool moves_in_control, Diagnostics& diags) {
  return video::join_sentences({video::scene_sentence(ir), video::style_sentence(ir, diags),
                                video::camera_sentence(ir.camera, !moves_in_control)});
}

std::string joined_phrases(const std::vector<Term>& terms) {
  std::string out;
  for (const auto& p : kit::phrases(terms)) {
    const std::string_view t = text::trim(p.text);
    if (t.empty()) continue;
    if (!out.empty()) out += ", ";
    out += t;
  }
  return out;
}

void too_long(std::string_view what, std::string_view field, std::size_t n, Diagnostics& diags) {
  report(diags, Code::PromptTooLong, Severity::Warning,
         fmt::format("the {} is {} characters; Kling takes at most {} (not truncated)", what, n,
                     kMaxPromptChars),
         std::string(field));
}

}  // namespace

Emitted write(const Prompt& ir, const Options& options, Diagnostics& diags) {
  Emitted out;
  nlohmann::json& req = out.request;
  std::vector<std::string_view> carried{"subject", "style",    "camera",
                                        "motion",  "negative", "extensions.kling.mode"};
  Lines lines;

  note_weights(ir, diags);
  const auto control = camera_control(ir.camera.moves);
  out.prompt = write_prompt(ir, control.has_value(), diags);
  if (chars(out.prompt) > kMaxPromptChars) too_long("prompt", "prompt", chars(out.prompt), diags);
  video::note_no_motion(ir, "Kling", diags);

  req["model_name"] = model_of(options, diags);
  req["prompt"] = out.prompt;

  out.negative_prompt = joined_phrases(ir.negative);
  if (!out.negative_prompt.empty()) {
    req["negative_prompt"] = out.negative_prompt;
    lines.emplace_back("Negative prompt", out.negative_prompt);
    if (chars(out.negative_prompt) > kMaxPromptChars)
      too_long("negative prompt", "negative", chars(out.negative_prompt), diags);
  }

  const Params& p = ir.params;
  const std::string ratio = video::fit_ratio(ir, ratios(), kDefaultRatio, "Kling", diags);
  // Pixels always travel as the ratio (fit_ratio says so for each side).
  if (p.width && p.height) carried.insert(carried.end(), {"params.width", "params.height"});
  req["aspect_ratio"] = ratio;
  carried.push_back("params.aspect_ratio");
  if (p.aspect_ratio || (p.width && p.height)) lines.emplace_back("Aspect ratio", ratio);

  const double duration = video::fit_duration(ir, durations(), kDefaultDuration, "Kling", diags);
  req["duration"] = text::format_number(duration);  // a string in Kling's API: "5", "10"
  carried.push_back("params.duration_s");
  if (p.duration_s) lines.emplace_back("Duration", text::format_number(duration) + "s");

  if (control) {
    req["camera_control"] = *control;
    std::string words;
    for (const auto& m : ir.camera.moves)
      words += (words.empty() ? "" : ", ") + video::move_text(m);
    lines.emplace_back("Camera", words);
  }

  if (p.guidance) {
    carried.push_back("params.guidance");
    if (*p.guidance >= 0 && *p.guidance <= 1) {
      req["cfg_scale"] = *p.guidance;
      lines.emplace_back("CFG scale", text::format_number(*p.guidance));
    } else {
      // A CFG of 7 means something else on every other platform: no mapping is honest.
      report(diags, Code::DroppedParameter, Severity::Warning,
             fmt::format("guidance {} dropped: Kling's cfg_scale is 0-1 (default 0.5)",
                         text::format_number(*p.guidance)),
             "params.guidance");
    }
  }

  bool mode_stated = false;
  const std::string mode = mode_of(ir, options, mode_stated, diags);
  req["mode"] = mode;
  if (mode_stated) lines.emplace_back("Mode", mode);

  out.text = kit::compose_text(out.prompt, lines);
  kit::report_uncarried(ir, carried, "Kling", diags);
  return out;
}

}  // namespace promptport::kling
