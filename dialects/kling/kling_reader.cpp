// Reads Kling prose and the labelled lines of its text format into the IR.
#include <fmt/format.h>

#include "common/video.h"
#include "kling/kling_internal.h"
#include "promptport/kit.h"
#include "promptport/text.h"

namespace promptport::kling {
namespace {

void read_mode(const kit::LabelledLine& line, Prompt& ir, Diagnostics& diags) {
  const std::string v = text::lower_ascii(text::trim(line.value));
  if (v == "std" || v == "pro")
    ir.extensions["kling"]["mode"] = v;
  else
    kit::report_bad_value(line, "std or pro", diags);
}

void read_line(const kit::LabelledLine& line, Prompt& ir, Diagnostics& diags) {
  if (video::read_common_line(line, ir, diags)) return;
  const std::string label = text::lower_ascii(line.label);
  if (label == "cfg scale") {
    kit::read_setting(line, kit::Setting::Guidance, ir, diags);
  } else if (label == "mode") {
    read_mode(line, ir, diags);
  }
}

}  // namespace

const std::vector<std::string_view>& labels() {
  static const std::vector<std::string_view> kLabels{
      "Negative prompt", "Aspect ratio", "Duration", "Camera", "Seed", "CFG scale", "Mode"};
  return kLabels;
}

Prompt read(std::string_view text, Diagnostics& diags) {
  Prompt ir;
  const kit::LabelledText lt = kit::split_labelled(text, labels());
  video::read_prose(lt.prompt, lt.prompt_span.begin, ir, diags);
  for (const auto& line : lt.lines) read_line(line, ir, diags);
  return ir;
}

}  // namespace promptport::kling
