// Veo's text format: prose read by the shared video reader, then the labelled lines.
#include "veo/veo_reader.h"

#include <fmt/format.h>

#include <vector>

#include "common/video.h"
#include "promptport/kit.h"
#include "promptport/text.h"

namespace promptport::veo {
namespace {

const std::vector<std::string_view> kLabels{"Negative prompt", "Aspect ratio", "Duration", "Seed",
                                            "Camera",          "Resolution",   "Audio"};

std::optional<bool> parse_switch(std::string_view v) {
  const std::string s = text::lower_ascii(v);
  if (s == "on" || s == "true" || s == "yes") return true;
  if (s == "off" || s == "false" || s == "no") return false;
  return std::nullopt;
}

void read_line(std::string_view text, const kit::LabelledLine& line, Prompt& ir,
               Diagnostics& diags) {
  // The Camera line is read as written in the record (see video::LineRules::record).
  if (video::read_common_line(line, ir, diags, {.duration_example = "8s", .record = text})) return;
  const std::string label = text::lower_ascii(line.label);
  const std::string_view v = text::trim(line.value);
  if (label == "resolution") {
    const std::string r = text::lower_ascii(v);
    if (r == "720p" || r == "1080p")
      ir.extensions["veo"]["resolution"] = r;
    else
      kit::report_bad_value(line, "720p or 1080p", diags);
  } else if (label == "audio") {
    // "Audio: rain on a tin roof" describes sound rather than switching it: keep it.
    if (const auto on = parse_switch(v))
      ir.extensions["veo"]["generate_audio"] = *on;
    else if (!v.empty())
      ir.audio.ambience.emplace_back(v);
  }
}

}  // namespace

Prompt read(std::string_view text, Diagnostics& diags) {
  Prompt ir;
  const kit::LabelledText lt = kit::split_labelled(text, kLabels);
  video::read_prose(lt.prompt, lt.prompt_span.begin, ir, diags);
  for (const auto& line : lt.lines) read_line(text, line, ir, diags);
  return ir;
}

}  // namespace promptport::veo
