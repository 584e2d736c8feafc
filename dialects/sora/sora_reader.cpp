// Sora's text format: prose read by the shared video reader, then the labelled lines.
#include "sora/sora_reader.h"

#include <vector>

#include "common/video.h"
#include "promptport/kit.h"
#include "promptport/text.h"

namespace promptport::sora {
namespace {

const std::vector<std::string_view> kLabels{"Negative prompt", "Aspect ratio", "Duration", "Seed",
                                            "Camera"};

}  // namespace

Prompt read(std::string_view text, Diagnostics& diags) {
  Prompt ir;
  const kit::LabelledText lt = kit::split_labelled(text, kLabels);
  video::read_prose(lt.prompt, lt.prompt_span.begin, ir, diags);
  // Sora has no negative field; the line is read anyway, so a translation elsewhere keeps
  // it. The Camera line is read as written in the record (see video::LineRules::record).
  for (const auto& line : lt.lines)
    video::read_common_line(line, ir, diags, {.duration_example = "8s", .record = text});
  return ir;
}

}  // namespace promptport::sora
