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

void bad(const kit::LabelledLine& line, std::string_view what, Diagnostics& diags) {
  report(diags, Code::InvalidValue, Severity::Warning,
         fmt::format("'{}: {}' is not {}; ignored", line.label, text::trim(line.value), what),
         line.label, line.value_span);
}

// "16:9" (reduced, as the IR keeps ratios).
std::optional<std::string> parse_ratio(std::string_view v) {
  const std::size_t colon = v.find(':');
  if (colon == std::string_view::npos) return std::nullopt;
  const auto w = text::parse_int(text::trim(v.substr(0, colon)));
  const auto h = text::parse_int(text::trim(v.substr(colon + 1)));
  if (!w || !h) return std::nullopt;
  return text::reduce_ratio(*w, *h);
}

// "8", "8s", "8 s".
std::optional<double> parse_duration(std::string_view v) {
  if (!v.empty() && (v.back() == 's' || v.back() == 'S')) v = text::trim(v.substr(0, v.size() - 1));
  const auto d = text::parse_double(v);
  if (!d || !(*d > 0)) return std::nullopt;
  return d;
}

std::optional<bool> parse_switch(std::string_view v) {
  const std::string s = text::lower_ascii(v);
  if (s == "on" || s == "true" || s == "yes") return true;
  if (s == "off" || s == "false" || s == "no") return false;
  return std::nullopt;
}

// A Camera line is read with its label, so the shared reader keeps words it cannot place
// as camera terms instead of making them subject.
void read_camera(std::string_view text, const kit::LabelledLine& line, Prompt& ir,
                 Diagnostics& diags) {
  const std::size_t begin = line.value_span.begin;
  const std::size_t newline = text.substr(0, begin).rfind('\n');
  const std::size_t start = newline == std::string_view::npos ? 0 : newline + 1;
  video::read_prose(text.substr(start, line.value_span.end - start),
                    static_cast<std::uint32_t>(start), ir, diags);
}

void read_line(std::string_view text, const kit::LabelledLine& line, Prompt& ir,
               Diagnostics& diags) {
  const std::string label = text::lower_ascii(line.label);
  const std::string_view v = text::trim(line.value);
  if (label == "negative prompt") {
    for (const auto& piece : text::split_fragments(line.value, line.value_span.begin))
      ir.negative.push_back(Term{std::string(piece.text), 1.0, piece.span, false});
  } else if (label == "aspect ratio") {
    if (const auto r = parse_ratio(v))
      ir.params.aspect_ratio = *r;
    else
      bad(line, "an aspect ratio such as 16:9", diags);
  } else if (label == "duration") {
    if (const auto d = parse_duration(v))
      ir.params.duration_s = *d;
    else
      bad(line, "a duration such as 8s", diags);
  } else if (label == "seed") {
    kit::read_setting(line, kit::Setting::Seed, ir, diags);
  } else if (label == "camera") {
    read_camera(text, line, ir, diags);
  } else if (label == "resolution") {
    const std::string r = text::lower_ascii(v);
    if (r == "720p" || r == "1080p")
      ir.extensions["veo"]["resolution"] = r;
    else
      bad(line, "720p or 1080p", diags);
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
