// The Sora writer: one line of scene, style, Cinematography, Dialogue and sound, and the
// /v1/videos body (size and seconds are strings there).
#include "sora/sora_writer.h"

#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

#include "common/video.h"
#include "promptport/kit.h"
#include "promptport/text.h"

namespace promptport::sora {
namespace {

const std::vector<std::string> kRatios{"16:9", "9:16"};
const std::vector<double> kDurations{4, 8, 12};
constexpr double kDefaultDuration = 4;

// Sora has no weight syntax: the words stay in their order, the emphasis is lost. Motion
// weights are not reported; a weight within 1e-9 of 1 counts as 1.
void note_weights(const Prompt& ir, Diagnostics& diags) {
  video::report_weights(
      ir, {"subject", "style", "camera.terms"},
      [](std::string_view) {
        return "Sora has no weight syntax; the terms are written plainly in their order";
      },
      diags, 1e-9);
}

// The prompt is one line.
std::string one_line(std::string s) {
  std::replace(s.begin(), s.end(), '\n', ' ');
  return s;
}

std::string labelled(std::string_view label, const std::vector<std::string>& items) {
  const std::string joined = video::join(items, ", ");
  return joined.empty() ? "" : one_line(std::string(label) + ": " + joined + ".");
}

// `Dialogue: woman: "We made it." Captain: "Go."`; no speaker reads back as "Voice".
std::string dialogue(const std::vector<Dialogue>& lines) {
  std::vector<std::string> items;
  for (const auto& d : lines)
    items.push_back(one_line((d.speaker.empty() ? "Voice" : d.speaker) + ": \"" + d.line + "\""));
  const std::string joined = video::join(items, " ");
  return joined.empty() ? "" : "Dialogue: " + joined;
}

}  // namespace

Emitted write(const Prompt& ir, const std::string& model, Diagnostics& diags) {
  note_weights(ir, diags);
  video::note_no_motion(ir, "Sora", diags);
  std::vector<std::string_view> carried{
      "subject", "style", "camera", "motion", "audio", "params.aspect_ratio", "params.duration_s"};
  Emitted out;
  out.prompt = video::join_sentences({video::scene_sentence(ir), video::style_sentence(ir, diags),
                                      labelled("Cinematography", video::camera_words(ir.camera)),
                                      dialogue(ir.audio.dialogue), labelled("SFX", ir.audio.sfx),
                                      labelled("Background sound", ir.audio.ambience)});

  const Params& p = ir.params;
  const bool pixels = !p.aspect_ratio && p.width && p.height;
  const std::string ratio = video::fit_ratio(ir, kRatios, "16:9", "Sora", diags);
  // Pixels always travel as the ratio (fit_ratio says so for each side).
  if (p.width && p.height) carried.insert(carried.end(), {"params.width", "params.height"});
  const double duration = video::fit_duration(ir, kDurations, kDefaultDuration, "Sora", diags);

  out.request["model"] = model;
  out.request["prompt"] = out.prompt;
  out.request["size"] = ratio == "9:16" ? "720x1280" : "1280x720";
  out.request["seconds"] = text::format_number(duration);

  std::vector<std::pair<std::string, std::string>> lines;
  if (p.aspect_ratio || pixels) lines.emplace_back("Aspect ratio", ratio);
  if (p.duration_s) lines.emplace_back("Duration", text::format_number(duration) + "s");
  out.text = kit::compose_text(out.prompt, lines);

  // No negative field and no seed: report_uncarried names both.
  kit::report_uncarried(ir, carried, "Sora", diags);
  return out;
}

}  // namespace promptport::sora
