// Writing Luma's prompt: the scene, the style, then the camera as a sentence of its own.
// Every move is stated in words even when a concept key carries it too: Luma documents
// concepts as a hint next to the prose, not instead of it.
#include <fmt/format.h>

#include "common/video.h"
#include "luma/luma_internal.h"

namespace promptport::luma {
namespace {

template <typename T>
bool weighted(const std::vector<T>& terms) {
  for (const auto& t : terms)
    if (t.weight != 1.0) return true;
  return false;
}

// Luma has no weight syntax and the terms keep their order: one info per field says so.
void note_weights(const Prompt& ir, Diagnostics& diags) {
  auto note = [&](bool any, std::string_view field) {
    if (any)
      report(
          diags, Code::ApproximatedWeight, Severity::Info,
          fmt::format("{} weights dropped; Luma has no weight syntax (the words are kept)", field),
          std::string(field));
  };
  note(weighted(ir.subject), "subject");
  note(weighted(ir.motion), "motion");
  note(weighted(ir.style), "style");
  note(weighted(ir.camera.terms), "camera.terms");
}

void append(std::string& out, const std::string& piece) {
  if (piece.empty()) return;
  if (!out.empty()) out += ' ';
  out += piece;
}

}  // namespace

std::string write_prompt(const Prompt& ir, Diagnostics& diags) {
  note_weights(ir, diags);
  std::string out = video::scene_sentence(ir);
  append(out, video::style_sentence(ir, diags));
  std::string camera;
  for (const auto& w : video::camera_words(ir.camera)) camera += (camera.empty() ? "" : ", ") + w;
  if (!camera.empty()) append(out, "Camera: " + camera + ".");
  return out;
}

}  // namespace promptport::luma
