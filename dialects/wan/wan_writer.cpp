// Writes the IR as a Wan prompt, the settings of one generate.py text-to-video run, and the
// text format.
#include <fmt/format.h>

#include <cmath>
#include <utility>

#include "common/video.h"
#include "promptport/kit.h"
#include "promptport/text.h"
#include "wan/wan_internal.h"

namespace promptport::wan {
namespace {

using Lines = std::vector<std::pair<std::string, std::string>>;

// Wan reads no weight syntax: the words stay in their order, the emphasis is lost.
void note_weights(const Prompt& ir, Diagnostics& diags) {
  video::report_weights(
      ir, {"subject", "style", "camera.terms"},
      [](std::string_view field) {
        return fmt::format(
            "Wan has no prompt weights: the {} words are kept, their weights are "
            "not",
            field);
      },
      diags);
}

const nlohmann::json* wan_extension(const Prompt& ir, std::string_view key) {
  const auto& ext = ir.extensions;
  if (!ext.is_object() || !ext.contains("wan") || !ext["wan"].is_object()) return nullptr;
  const auto& wan = ext["wan"];
  const auto it = wan.find(std::string(key));
  return it == wan.end() ? nullptr : &*it;
}

// -O task wins; else the source's Task line; else t2v-14B.
std::string task_of(const Prompt& ir, const Settings& s, bool& stated,
                    std::vector<std::string_view>& carried, Diagnostics& diags) {
  stated = s.task_given;
  if (s.task_given) return s.task;
  if (const nlohmann::json* t = wan_extension(ir, "task")) {
    carried.push_back("extensions.wan.task");
    if (t->is_string() && known_task(t->get<std::string>())) {
      stated = true;
      return t->get<std::string>();
    }
    report(diags, Code::InvalidValue, Severity::Warning,
           fmt::format("Wan task {} is not t2v-14B, t2v-1.3B or t2v-A14B; using {}", t->dump(),
                       kDefaultTask),
           "extensions.wan.task");
  }
  return std::string(kDefaultTask);
}

bool landscape(const Size& s) { return s.width >= s.height; }

// The size: a Wan size the source gave in pixels is kept; otherwise the orientation nearest
// to the IR's ratio (or width:height) in the tier of -O resolution (720p unless the task has
// 480p sizes only). 832*480 and 480*832 count as 16:9 and 9:16, as Wan's 480p sizes.
Size size_of(const Prompt& ir, const Settings& s, std::string_view task, Lines& lines,
             std::vector<std::string_view>& carried, Diagnostics& diags) {
  const std::vector<Size> allowed = sizes(task);
  std::string tier = s.resolution.value_or(task == "t2v-1.3B" ? "480p" : "720p");
  if (task == "t2v-1.3B" && tier == "720p") {
    report(diags, Code::InvalidValue, Severity::Warning,
           "Wan t2v-1.3B has the 480p sizes only (832*480, 480*832); using them", "resolution");
    tier = "480p";
  }
  auto in_tier = [&](const Size& z) {
    return (std::min(z.width, z.height) >= 720) == (tier == "720p");
  };
  const Params& p = ir.params;
  const bool pixels = p.width && p.height && *p.width > 0 && *p.height > 0;
  std::optional<Size> source_size;
  if (pixels)
    for (const Size& z : allowed)
      if (z.width == *p.width && z.height == *p.height) source_size = z;
  if (p.width && p.height) carried.insert(carried.end(), {"params.width", "params.height"});
  carried.push_back("params.aspect_ratio");
  if (source_size && (!s.resolution || in_tier(*source_size))) {
    lines.emplace_back("Size", source_size->text());
    return *source_size;
  }

  // The ratio asked for: a Wan size stands for its nominal 16:9 or 9:16.
  std::optional<double> asked;
  std::string asked_text;
  if (p.aspect_ratio) {
    const std::size_t colon = p.aspect_ratio->find(':');
    const auto w = text::parse_double(p.aspect_ratio->substr(0, colon));
    const auto h = colon == std::string::npos
                       ? std::nullopt
                       : text::parse_double(p.aspect_ratio->substr(colon + 1));
    if (w && h && *w > 0 && *h > 0) asked = *w / *h;
    asked_text = *p.aspect_ratio;
  } else if (source_size) {
    asked = landscape(*source_size) ? 16.0 / 9 : 9.0 / 16;
    asked_text = landscape(*source_size) ? "16:9" : "9:16";
  } else if (pixels) {
    asked = static_cast<double>(*p.width) / static_cast<double>(*p.height);
    asked_text = text::reduce_ratio(*p.width, *p.height).value_or("");
  }
  const bool wide = !asked || std::fabs(std::log(*asked / (16.0 / 9))) <=
                                  std::fabs(std::log(*asked / (9.0 / 16))) + 1e-12;
  Size out;
  for (const Size& z : allowed)
    if (in_tier(z) && landscape(z) == wide) {
      out = z;
      break;
    }
  if (!asked) return out;
  const std::string nominal = wide ? "16:9" : "9:16";
  if (pixels && !(out.width == *p.width && out.height == *p.height))
    for (const auto& [value, field] :
         {std::pair{*p.width, "params.width"}, std::pair{*p.height, "params.height"}})
      report(diags, Code::ApproximatedParameter, Severity::Info,
             fmt::format("{} {}: Wan takes one of its sizes; {}x{} is written as {}", field, value,
                         *p.width, *p.height, out.text()),
             field);
  if (std::fabs(std::log(*asked) - std::log(wide ? 16.0 / 9 : 9.0 / 16)) > 1e-9)
    report(diags, Code::SnappedAspectRatio, Severity::Info,
           fmt::format("aspect ratio {} is written as {} ({}), the nearest Wan size", asked_text,
                       out.text(), nominal),
           "params.aspect_ratio");
  if (p.aspect_ratio || pixels) lines.emplace_back("Aspect ratio", nominal);
  return out;
}

// frame_num is 4n+1; a clip of 4n+1 frames spans 4n frame steps, (frame_num - 1) / 16 s.
int frames_of(const Prompt& ir, Lines& lines, Diagnostics& diags) {
  if (!ir.params.duration_s) return kDefaultFrames;
  const double d = *ir.params.duration_s;
  if (!std::isfinite(d) || d <= 0) {
    report(diags, Code::DroppedParameter, Severity::Warning,
           fmt::format("duration {}s is not a length of time; frame_num {} is used",
                       text::format_number(d), kDefaultFrames),
           "params.duration_s");
    return kDefaultFrames;
  }
  const double steps = std::clamp(std::round(d * kFps / 4), 1.0, 25000.0);
  const int frames = static_cast<int>(steps) * 4 + 1;
  const double written = static_cast<double>(frames - 1) / kFps;
  if (std::fabs(written - d) > 1e-9)
    report(diags, Code::SnappedValue, Severity::Info,
           fmt::format("duration {}s is written as frame_num {} ({}s at {} fps: Wan takes 4n+1 "
                       "frames)",
                       text::format_number(d), frames, text::format_number(written), kFps),
           "params.duration_s");
  lines.emplace_back("Frames", std::to_string(frames));
  return frames;
}

void too_long(std::string_view what, std::string_view field, std::size_t tokens,
              Diagnostics& diags) {
  report(diags, Code::PromptTooLong, Severity::Warning,
         fmt::format("the {} is about {} umT5 tokens; Wan reads {} and ignores the rest (not "
                     "truncated)",
                     what, tokens, kTextLen),
         std::string(field));
}

}  // namespace

Emitted write(const Prompt& ir, const Settings& s, Diagnostics& diags) {
  Emitted out;
  Lines lines;
  std::vector<std::string_view> carried{"subject", "style", "camera", "motion", "negative"};
  note_weights(ir, diags);
  out.prompt = write_prompt(ir, diags);
  video::note_no_motion(ir, "Wan", diags);
  if (const std::size_t n = approx_tokens(out.prompt); n > kTextLen)
    too_long("prompt", "prompt", n, diags);

  const nlohmann::json* marker = wan_extension(ir, "default_negative");
  if (marker) carried.push_back("extensions.wan.default_negative");
  const bool marked = marker && marker->is_boolean() && marker->get<bool>();
  bool wrote_default = false;
  out.negative_prompt = write_negative(ir, marked || s.default_negative, wrote_default);
  if (!out.negative_prompt.empty()) {
    lines.emplace_back("Negative prompt", out.negative_prompt);
    if (const std::size_t n = approx_tokens(out.negative_prompt); n > kTextLen)
      too_long("negative prompt", "negative", n, diags);
  }

  bool task_stated = false;
  const std::string task = task_of(ir, s, task_stated, carried, diags);
  const Size size = size_of(ir, s, task, lines, carried, diags);
  const int frames = frames_of(ir, lines, diags);
  carried.push_back("params.duration_s");

  nlohmann::json& req = out.request;
  req["task"] = task;
  req["prompt"] = out.prompt;
  if (!out.negative_prompt.empty()) req["negative_prompt"] = out.negative_prompt;
  req["size"] = size.text();
  req["frame_num"] = frames;
  req["sample_fps"] = kFps;
  req["use_prompt_extend"] = false;

  const Params& p = ir.params;
  if (p.seed) {
    carried.push_back("params.seed");
    if (*p.seed >= 0) {
      req["base_seed"] = *p.seed;
      lines.emplace_back("Seed", std::to_string(*p.seed));
    } else {
      report(diags, Code::DroppedParameter, Severity::Warning,
             fmt::format("seed {} dropped: a negative base_seed makes generate.py pick a random "
                         "one",
                         *p.seed),
             "params.seed");
    }
  }
  if (p.steps) {
    carried.push_back("params.steps");
    if (*p.steps > 0) {
      req["sample_steps"] = *p.steps;
      lines.emplace_back("Sample steps", std::to_string(*p.steps));
    } else {
      report(diags, Code::DroppedParameter, Severity::Warning,
             fmt::format("steps {} dropped: sample_steps is a positive count", *p.steps),
             "params.steps");
    }
  }
  if (p.guidance) {
    carried.push_back("params.guidance");
    if (*p.guidance >= 1) {
      req["sample_guide_scale"] = *p.guidance;
      lines.emplace_back("Guide scale", text::format_number(*p.guidance));
    } else {
      // Below 1 it is another scale (Kling's cfg_scale is 0-1), not a CFG scale.
      report(diags, Code::DroppedParameter, Severity::Warning,
             fmt::format("guidance {} dropped: Wan's sample_guide_scale is a classifier-free "
                         "guidance scale (default 5.0)",
                         text::format_number(*p.guidance)),
             "params.guidance");
    }
  }
  if (task_stated) lines.emplace_back("Task", task);

  out.text = kit::compose_text(out.prompt, lines);
  kit::report_uncarried(ir, carried, "Wan", diags);
  return out;
}

}  // namespace promptport::wan
