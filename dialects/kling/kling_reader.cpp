// Reads Kling prose and the labelled lines of its text format into the IR.
#include <fmt/format.h>

#include "common/video.h"
#include "kling/kling_internal.h"
#include "promptport/kit.h"
#include "promptport/text.h"

namespace promptport::kling {
namespace {

void invalid(const kit::LabelledLine& line, std::string_view what, Diagnostics& diags) {
  report(diags, Code::InvalidValue, Severity::Warning,
         fmt::format("'{}: {}' is not {}; ignored", line.label, text::trim(line.value), what),
         line.label, line.value_span);
}

// "16:9" (any positive integers, reduced as the IR keeps ratios).
void read_ratio(const kit::LabelledLine& line, Prompt& ir, Diagnostics& diags) {
  const std::string_view v = text::trim(line.value);
  const std::size_t colon = v.find(':');
  const auto w = colon == std::string_view::npos ? std::nullopt
                                                 : text::parse_int(text::trim(v.substr(0, colon)));
  const auto h = colon == std::string_view::npos ? std::nullopt
                                                 : text::parse_int(text::trim(v.substr(colon + 1)));
  const auto r = w && h ? text::reduce_ratio(*w, *h) : std::nullopt;
  if (r)
    ir.params.aspect_ratio = *r;
  else
    invalid(line, "an aspect ratio such as 16:9", diags);
}

// "5", "5s", "5 s": seconds.
void read_duration(const kit::LabelledLine& line, Prompt& ir, Diagnostics& diags) {
  std::string_view v = text::trim(line.value);
  if (!v.empty() && (v.back() == 's' || v.back() == 'S')) v = text::trim(v.substr(0, v.size() - 1));
  const auto d = text::parse_double(v);
  if (d && *d > 0)
    ir.params.duration_s = *d;
  else
    invalid(line, "a duration such as 5s", diags);
}

void read_mode(const kit::LabelledLine& line, Prompt& ir, Diagnostics& diags) {
  const std::string v = text::lower_ascii(text::trim(line.value));
  if (v == "std" || v == "pro")
    ir.extensions["kling"]["mode"] = v;
  else
    invalid(line, "std or pro", diags);
}

// The Camera line is read by the prose rules, as the sentence "Camera:<value>" (whatever
// spacing the label had); the value keeps its offsets in the record, because "Camera:"
// is 7 bytes and the label with its colon is at least that long.
void read_camera(const kit::LabelledLine& line, Prompt& ir, Diagnostics& diags) {
  constexpr std::string_view kLabel = "Camera:";
  if (line.value_span.begin < kLabel.size()) return;
  const std::string sentence = std::string(kLabel) + std::string(line.value);
  video::read_prose(sentence, line.value_span.begin - static_cast<std::uint32_t>(kLabel.size()), ir,
                    diags);
}

void read_line(const kit::LabelledLine& line, Prompt& ir, Diagnostics& diags) {
  const std::string label = text::lower_ascii(line.label);
  if (label == "negative prompt") {
    for (const auto& piece : text::split_fragments(line.value, line.value_span.begin))
      ir.negative.push_back(Term{std::string(piece.text), 1.0, piece.span, false});
  } else if (label == "aspect ratio") {
    read_ratio(line, ir, diags);
  } else if (label == "duration") {
    read_duration(line, ir, diags);
  } else if (label == "camera") {
    read_camera(line, ir, diags);
  } else if (label == "seed") {
    kit::read_setting(line, kit::Setting::Seed, ir, diags);
  } else if (label == "cfg scale") {
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
