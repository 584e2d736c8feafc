// Writing Luma's prompt: the scene, the style, then the camera as a sentence of its own.
// Every move is stated in words even when a concept key carries it too: Luma documents
// concepts as a hint next to the prose, not instead of it.
#include <fmt/format.h>

#include "common/video.h"
#include "luma/luma_internal.h"

namespace promptport::luma {
namespace {

// Luma has no weight syntax and the terms keep their order: one info per field says so.
void note_weights(const Prompt& ir, Diagnostics& diags) {
  video::report_weights(
      ir, {"subject", "motion", "style", "camera.terms"},
      [](std::string_view field) {
        return fmt::format("{} weights dropped; Luma has no weight syntax (the words are kept)",
                           field);
      },
      diags);
}

}  // namespace

std::string write_prompt(const Prompt& ir, Diagnostics& diags) {
  note_weights(ir, diags);
  return video::join_sentences({video::scene_sentence(ir), video::style_sentence(ir, diags),
                                video::camera_sentence(ir.camera)});
}

}  // namespace promptport::luma
