// Writing Runway's prompt: the Gen-3 guide's "[camera movement]: [establishing scene].
// [additional details]." — camera words lead, then the scene sentence, then style.
#include <fmt/format.h>

#include "common/video.h"
#include "runway/runway_internal.h"

namespace promptport::runway {
namespace {

// Runway has no weight syntax and the terms keep their order: one info per field says so.
void note_weights(const Prompt& ir, Diagnostics& diags) {
  video::report_weights(
      ir, {"subject", "motion", "style", "camera.terms"},
      [](std::string_view field) {
        return fmt::format("{} weights dropped; Runway has no weight syntax (the words are kept)",
                           field);
      },
      diags);
}

}  // namespace

std::string write_prompt(const Prompt& ir, Diagnostics& diags) {
  note_weights(ir, diags);
  const std::string body =
      video::join_sentences({video::scene_sentence(ir), video::style_sentence(ir, diags)});
  std::string lead;
  for (const auto& w : video::camera_words(ir.camera)) lead += (lead.empty() ? "" : ", ") + w;
  if (lead.empty()) return body;
  if (lead[0] >= 'a' && lead[0] <= 'z') lead[0] = static_cast<char>(lead[0] - 'a' + 'A');
  // Camera words alone make a sentence of their own; read back, they are the camera again.
  if (body.empty()) return lead + ".";
  return lead + ": " + body;
}

}  // namespace promptport::runway
