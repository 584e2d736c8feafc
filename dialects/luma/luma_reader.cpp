// Reading Luma prompts: prose (camera words in it read as camera), plus the labelled lines
// of the text format: the video lines every dialect shares, Loop, Resolution and Concepts.
#include <fmt/format.h>

#include <algorithm>

#include "common/video.h"
#include "luma/luma_internal.h"
#include "promptport/kit.h"
#include "promptport/text.h"

namespace promptport::luma {
namespace {

std::optional<bool> parse_bool(std::string_view v) {
  const std::string s = text::lower_ascii(text::trim(v));
  if (s == "true" || s == "yes" || s == "on" || s == "1") return true;
  if (s == "false" || s == "no" || s == "off" || s == "0") return false;
  return std::nullopt;
}

// The prose states the camera too, so a concept adds only what the prose did not say.
void read_concept(const text::Piece& piece, Prompt& ir, Diagnostics& diags) {
  const std::string key = text::lower_ascii(piece.text);
  const auto meaning = concept_meaning(key);
  if (!meaning) {
    report(diags, Code::InvalidValue, Severity::Warning,
           fmt::format("'{}' is not a Luma camera concept; ignored", piece.text), "Concepts",
           piece.span);
    return;
  }
  Camera& cam = ir.camera;
  switch (meaning->kind) {
    case ConceptMeaning::Kind::Move:
      if (std::none_of(cam.moves.begin(), cam.moves.end(),
                       [&](const CameraMove& m) { return m.move == meaning->value; }))
        cam.moves.push_back(CameraMove{meaning->value, "", piece.span});
      return;
    case ConceptMeaning::Kind::Angle:
      if (cam.angle.empty()) {
        cam.angle = meaning->value;
      } else if (cam.angle != meaning->value) {
        // A second angle is kept as words, as kit::place_fragment does.
        std::string words = key;
        std::replace(words.begin(), words.end(), '_', ' ');
        cam.terms.push_back(Term{words, 1.0, piece.span, false});
      }
      return;
    case ConceptMeaning::Kind::Words:
      if (std::none_of(cam.terms.begin(), cam.terms.end(),
                       [&](const Term& t) { return text::lower_ascii(t.text) == meaning->value; }))
        cam.terms.push_back(Term{meaning->value, 1.0, piece.span, false});
      return;
  }
}

void read_line(const kit::LabelledLine& line, Prompt& ir, Diagnostics& diags) {
  // Luma has no negative field; read_common_line keeps the line anyway, so a translation to
  // Kling or Veo loses nothing. Durations may say "5 seconds".
  static constexpr video::LineRules kLineRules{.duration_words = true, .record = {}};
  if (video::read_common_line(line, ir, diags, kLineRules)) return;
  const std::string label = text::lower_ascii(line.label);
  if (label == "loop") {
    if (const auto b = parse_bool(line.value))
      ir.extensions["luma"]["loop"] = *b;
    else
      kit::report_bad_value(line, "true or false", diags);
  } else if (label == "resolution") {
    if (const auto r = resolution(line.value))
      ir.extensions["luma"]["resolution"] = *r;
    else
      kit::report_bad_value(line, "540p, 720p, 1080p or 4k", diags);
  } else if (label == "concepts") {
    for (const auto& piece : text::split_fragments(line.value, line.value_span.begin))
      read_concept(piece, ir, diags);
  }
}

}  // namespace

std::optional<std::string> resolution(std::string_view value) {
  const std::string v = text::lower_ascii(text::trim(value));
  for (std::string_view r : {"540p", "720p", "1080p", "4k"})
    if (v == r) return std::string(r);
  return std::nullopt;
}

Prompt read(std::string_view text, Diagnostics& diags) {
  static const std::vector<std::string_view> kLabels{
      "Negative prompt", "Aspect ratio", "Duration",   "Seed",
      "Camera",          "Loop",         "Resolution", "Concepts"};
  Prompt ir;
  const kit::LabelledText lt = kit::split_labelled(text, kLabels);
  video::read_prose(lt.prompt, lt.prompt_span.begin, ir, diags);
  for (const auto& line : lt.lines) read_line(line, ir, diags);
  return ir;
}

double detect(std::string_view text) {
  static const std::vector<std::string_view> kLabels{"Concepts", "Loop"};
  return kit::split_labelled(text, kLabels).lines.empty() ? 0 : 0.8;
}

}  // namespace promptport::luma
