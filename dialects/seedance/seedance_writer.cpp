// Writes the IR as a Seedance prompt: the prose (seedance_prose.cpp) followed by the inline
// flags, and the Ark content-generation body whose text item carries both.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "common/video.h"
#include "promptport/kit.h"
#include "promptport/text.h"
#include "seedance/seedance_internal.h"

namespace promptport::seedance {
namespace {

const nlohmann::json* ext_value(const Prompt& ir, std::string_view key) {
  const auto ext = ir.extensions.find("seedance");
  if (ext == ir.extensions.end() || !ext->is_object()) return nullptr;
  const auto v = ext->find(std::string(key));
  return v == ext->end() ? nullptr : &*v;
}

// Seedance has no weight syntax: the words stay in their order, the emphasis is lost.
void note_weights(const Prompt& ir, Diagnostics& diags) {
  video::report_weights(
      ir, {"subject", "style", "camera.terms"},
      [](std::string_view) {
        return "Seedance has no weight syntax; the terms are written plainly in their order";
      },
      diags, 1e-9);
}

bool is_9_21(const Params& p) {
  std::optional<std::string> r = p.aspect_ratio;
  if (!r && p.width && p.height) r = text::reduce_ratio(*p.width, *p.height);
  return r == "3:7" || r == "9:21";
}

class FlagWriter {
 public:
  FlagWriter(const Prompt& ir, std::vector<std::string_view>& carried, Diagnostics& diags)
      : ir_(ir), carried_(carried), diags_(diags) {}

  void ratio() {
    bool pixels = false;
    if (video::ratio_given(ir_.params, pixels)) {
      // 9:21 is unconfirmed: written when asked for exactly, never snapped to.
      static const std::vector<std::string> kExact{"9:21"};
      add("ratio", video::fit_ratio(ir_, is_9_21(ir_.params) ? kExact : ratios(), "16:9",
                                    "Seedance", diags_));
      if (ir_.params.aspect_ratio) carried_.push_back("params.aspect_ratio");
      if (ir_.params.width && ir_.params.height)
        carried_.insert(carried_.end(), {"params.width", "params.height"});
      return;
    }
    const nlohmann::json* r = ext_value(ir_, "ratio");
    if (r && r->is_string() && text::lower_ascii(r->get<std::string>()) == "adaptive") {
      add("ratio", "adaptive");
      carried_.push_back("extensions.seedance.ratio");
    }
  }

  void duration() {
    if (!ir_.params.duration_s) return;
    add("duration",
        text::format_number(video::fit_duration(ir_, durations(), 5, "Seedance", diags_)));
    carried_.push_back("params.duration_s");
  }

  void resolution(const std::optional<std::int64_t>& option) {
    const nlohmann::json* r = ext_value(ir_, "resolution");
    if (option) {
      add("resolution", fmt::format("{}p", *option));
      if (r) carried_.push_back("extensions.seedance.resolution");  // the option replaces it
      return;
    }
    if (!r || !r->is_string()) return;
    const auto lines = resolution_lines(r->get<std::string>());
    if (!lines) return;
    std::int64_t best = resolutions().front();
    for (std::int64_t a : resolutions())
      if (std::llabs(a - *lines) < std::llabs(best - *lines)) best = a;
    if (best != *lines)
      report(diags_, Code::SnappedValue, Severity::Info,
             fmt::format("resolution {} is written as {}p, the nearest Seedance allows",
                         r->get<std::string>(), best),
             "extensions.seedance.resolution");
    add("resolution", fmt::format("{}p", best));
    carried_.push_back("extensions.seedance.resolution");
  }

  void fps() {
    const nlohmann::json* f = ext_value(ir_, "fps");
    if (!f || !f->is_number()) return;
    if (f->get<double>() != kFps)
      report(diags_, Code::SnappedValue, Severity::Info,
             fmt::format("{} fps is written as 24, the only rate Seedance documents", f->dump()),
             "extensions.seedance.fps");
    add("fps", text::format_number(kFps));
    carried_.push_back("extensions.seedance.fps");
  }

  void seed() {
    const auto& s = ir_.params.seed;
    if (!s) return;
    carried_.push_back("params.seed");
    if (*s >= 0 && *s <= kMaxSeed) {
      add("seed", std::to_string(*s));
      return;
    }
    report(diags_, Code::DroppedParameter, Severity::Warning,
           fmt::format("seed {} is outside Seedance's 0-4294967295; dropped", *s), "params.seed");
  }

  void camerafixed(bool static_camera) {
    const nlohmann::json* c = ext_value(ir_, "camerafixed");
    const bool stated = c && c->is_boolean();
    if (stated) carried_.push_back("extensions.seedance.camerafixed");
    if (static_camera || (stated && c->get<bool>()))
      add("camerafixed", "true");
    else if (stated)
      add("camerafixed", "false");
  }

  void watermark() {
    const nlohmann::json* w = ext_value(ir_, "watermark");
    if (!w || !w->is_boolean()) return;
    add("watermark", w->get<bool>() ? "true" : "false");
    carried_.push_back("extensions.seedance.watermark");
  }

  // Flags Seedance did not know when read are written back as they were.
  void unknown() {
    const nlohmann::json* u = ext_value(ir_, "unknown");
    if (!u || !u->is_object()) return;
    for (auto it = u->begin(); it != u->end(); ++it) {
      if (it->is_boolean() && it->get<bool>())
        flags_ += (flags_.empty() ? "--" : " --") + it.key();
      else
        add(it.key(), it->is_string() ? it->get<std::string>() : it->dump());
    }
    carried_.push_back("extensions.seedance.unknown");
  }

  const std::string& flags() const { return flags_; }

 private:
  void add(std::string_view name, std::string_view value) {
    flags_ += fmt::format("{}--{} {}", flags_.empty() ? "" : " ", name, value);
  }

  const Prompt& ir_;
  std::vector<std::string_view>& carried_;
  Diagnostics& diags_;
  std::string flags_;
};

}  // namespace

bool model_has_audio(std::string_view model) {
  const std::string m = text::lower_ascii(model);
  const std::size_t at = m.find("seedance-");
  if (at == std::string::npos) return false;
  std::size_t i = at + 9;
  int major = 0, minor = 0;
  while (i < m.size() && m[i] >= '0' && m[i] <= '9') major = major * 10 + (m[i++] - '0');
  if (i < m.size() && (m[i] == '-' || m[i] == '.')) ++i;
  while (i < m.size() && m[i] >= '0' && m[i] <= '9') minor = minor * 10 + (m[i++] - '0');
  return major > 1 || (major == 1 && minor >= 5);
}

Emitted write(const Prompt& ir, const Settings& settings, Diagnostics& diags) {
  note_weights(ir, diags);
  // A multi-shot prompt keeps its motion in the shots' text (subject): no note then.
  const nlohmann::json* shots = ext_value(ir, "inline");
  if (!shots || !shots->is_array() || shots->empty()) video::note_no_motion(ir, "Seedance", diags);
  std::vector<std::string_view> carried{"subject", "style", "camera", "motion",
                                        "extensions.seedance.inline"};
  const bool audio = model_has_audio(settings.model);
  carried.push_back("audio");
  if (!audio && !ir.audio.empty())
    report(diags, Code::DroppedAudio, Severity::Warning,
           fmt::format("{} makes no sound; the audio is dropped (Seedance 1.5 pro and 2.0 do: "
                       "-O model=seedance-1-5-pro-251215)",
                       settings.model),
           "audio");

  const nlohmann::json* fixed = ext_value(ir, "camerafixed");
  const bool fixed_false = fixed && fixed->is_boolean() && !fixed->get<bool>();
  const Prose prose = write_prose(ir, audio, !fixed_false, diags);

  FlagWriter flags(ir, carried, diags);
  flags.ratio();
  flags.duration();
  flags.resolution(settings.resolution);
  flags.fps();
  flags.camerafixed(prose.camerafixed);
  flags.seed();
  flags.watermark();
  flags.unknown();

  Emitted out;
  out.prompt = video::join({prose.text, flags.flags()}, " ");
  out.request["model"] = settings.model;
  out.request["content"] = nlohmann::json::array({{{"type", "text"}, {"text", out.prompt}}});
  if (audio && !ir.audio.empty()) out.request["generate_audio"] = true;
  // The settings are inline, so the text format is the prompt itself.
  out.text = out.prompt;
  kit::report_uncarried(ir, carried, "Seedance", diags);
  return out;
}

}  // namespace promptport::seedance
