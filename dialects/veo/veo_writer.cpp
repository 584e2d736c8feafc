// The Veo writer: scene, style, camera and audio sentences, and the Vertex request body.
#include "veo/veo_writer.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

#include "common/video.h"
#include "promptport/kit.h"
#include "promptport/text.h"

namespace promptport::veo {
namespace {

using Lines = std::vector<std::pair<std::string, std::string>>;

const std::vector<std::string> kRatios{"16:9", "9:16"};
const std::vector<double> kDurations{4, 6, 8};
constexpr double kDefaultDuration = 8;
// Vertex documents seeds as uint32.
constexpr std::int64_t kMaxSeed = 4294967295;

// Veo has no weight syntax: the words stay in their order, the emphasis is lost. Motion
// weights are not reported; a weight within 1e-9 of 1 counts as 1.
void note_weights(const Prompt& ir, Diagnostics& diags) {
  video::report_weights(
      ir, {"subject", "style", "camera.terms"},
      [](std::string_view) {
        return "Veo has no weight syntax; the terms are written plainly in their order";
      },
      diags, 1e-9);
}

// Not video::camera_sentence: that writes an empty word (a move with no name) as ", ,";
// Veo's writer has always left it out.
std::string camera_sentence(const Camera& camera) {
  const std::string words = video::join(video::camera_words(camera), ", ");
  return words.empty() ? "" : "Camera: " + words + ".";
}

// Plain nouns joined: Google asks for "wall, frame", never "no walls".
std::string negative_text(const std::vector<Term>& negative) {
  std::vector<std::string> items;
  for (const auto& p : kit::phrases(negative)) items.emplace_back(text::trim(p.text));
  return video::join(items, ", ");
}

std::string resolution_of(const Prompt& ir, const Settings& s, bool& from_ir) {
  from_ir = false;
  if (s.resolution) return *s.resolution;
  const auto& ext = ir.extensions;
  if (ext.contains("veo") && ext["veo"].is_object() && ext["veo"].contains("resolution")) {
    const auto& r = ext["veo"]["resolution"];
    if (r.is_string() && (r == "720p" || r == "1080p")) {
      from_ir = true;
      return r.get<std::string>();
    }
  }
  return "720p";
}

std::optional<bool> audio_of(const Prompt& ir, const Settings& s, bool& from_ir) {
  from_ir = false;
  if (s.generate_audio) return s.generate_audio;
  const auto& ext = ir.extensions;
  if (ext.contains("veo") && ext["veo"].is_object() && ext["veo"].contains("generate_audio") &&
      ext["veo"]["generate_audio"].is_boolean()) {
    from_ir = true;
    return ext["veo"]["generate_audio"].get<bool>();
  }
  return std::nullopt;
}

}  // namespace

Emitted write(const Prompt& ir, const Settings& s, Diagnostics& diags) {
  note_weights(ir, diags);
  video::note_no_motion(ir, "Veo", diags);
  std::vector<std::string_view> carried{
      "subject",          "style", "camera", "motion", "audio", "negative", "params.aspect_ratio",
      "params.duration_s"};
  Emitted out;
  out.prompt =
      video::join_sentences({video::scene_sentence(ir), video::style_sentence(ir, diags),
                             camera_sentence(ir.camera), video::audio_sentences(ir.audio)});
  out.negative_prompt = negative_text(ir.negative);

  const Params& p = ir.params;
  const bool pixels = !p.aspect_ratio && p.width && p.height;
  const std::string ratio = video::fit_ratio(ir, kRatios, "16:9", "Veo", diags);
  // Pixels always travel as the ratio (fit_ratio says so for each side).
  if (p.width && p.height) carried.insert(carried.end(), {"params.width", "params.height"});
  const double duration = video::fit_duration(ir, kDurations, kDefaultDuration, "Veo", diags);
  bool resolution_from_ir = false, audio_from_ir = false;
  const std::string resolution = resolution_of(ir, s, resolution_from_ir);
  const std::optional<bool> audio = audio_of(ir, s, audio_from_ir);
  if (resolution_from_ir) carried.push_back("extensions.veo.resolution");
  if (audio_from_ir) carried.push_back("extensions.veo.generate_audio");

  nlohmann::json params = nlohmann::json::object();
  params["aspectRatio"] = ratio;
  params["durationSeconds"] = static_cast<int>(duration);
  if (!out.negative_prompt.empty()) params["negativePrompt"] = out.negative_prompt;
  params["generateAudio"] = audio.value_or(true);
  params["resolution"] = resolution;
  const bool seed_ok = p.seed && *p.seed >= 0 && *p.seed <= kMaxSeed;
  if (seed_ok) {
    params["seed"] = *p.seed;
    carried.push_back("params.seed");
  } else if (p.seed) {
    carried.push_back("params.seed");
    report(diags, Code::DroppedParameter, Severity::Warning,
           fmt::format("seed {} is outside Veo's 0-4294967295; dropped", *p.seed), "params.seed");
  }
  params["sampleCount"] = 1;
  out.request["instances"] = nlohmann::json::array({{{"prompt", out.prompt}}});
  out.request["parameters"] = std::move(params);

  Lines lines;
  lines.emplace_back("Negative prompt", out.negative_prompt);
  if (p.aspect_ratio || pixels) lines.emplace_back("Aspect ratio", ratio);
  if (p.duration_s) lines.emplace_back("Duration", text::format_number(duration) + "s");
  if (seed_ok) lines.emplace_back("Seed", std::to_string(*p.seed));
  if (s.resolution || resolution_from_ir) lines.emplace_back("Resolution", resolution);
  if (audio) lines.emplace_back("Audio", *audio ? "on" : "off");
  out.text = kit::compose_text(out.prompt, lines);

  kit::report_uncarried(ir, carried, "Veo", diags);
  return out;
}

}  // namespace promptport::veo
