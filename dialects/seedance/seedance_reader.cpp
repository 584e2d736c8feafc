// Reads a Seedance prompt: prose cut into shots at their labels, each shot read by the
// shared video reader; the inline flags; the labelled lines of the text format.
#include <fmt/format.h>

#include <algorithm>

#include "common/video.h"
#include "promptport/kit.h"
#include "promptport/text.h"
#include "promptport/vocab.h"
#include "seedance/seedance_internal.h"

namespace promptport::seedance {
namespace {

// Seedance's own text format is the prompt with its flags; these lines are read so that
// another video dialect's text (or a hand-written negative) is not lost.
const std::vector<std::string_view> kLabels{"Negative prompt", "Aspect ratio", "Duration", "Seed",
                                            "Camera"};

// A label is a camera phrase ("Low-angle shot" -> angle low-angle, "Tracking shot" -> move
// tracking) or, when the vocabulary cannot place it ("Shot 2"), a camera term kept verbatim.
void place_label(Prompt& ir, std::string_view content, Span span) {
  const vocab::Slot slot = vocab::classify(content).slot;
  if (slot == vocab::Slot::Subject || slot == vocab::Slot::Style)
    ir.camera.terms.push_back(Term{std::string(content), 1.0, span, false});
  else
    kit::place_fragment(ir, content, span);
}

// One segment (the text before the first label, or a shot). In a multi-shot prompt the
// motion of a segment stays in subject, in its place: the IR has one motion list for the
// whole clip, and platforms without shots write all motion after all subject, which would
// move each shot's action behind the last shot.
void read_segment(std::string_view text, std::uint32_t base, bool shots, Prompt& ir,
                  Diagnostics& diags) {
  const std::size_t subject = ir.subject.size(), motion = ir.motion.size();
  video::read_prose(text, base, ir, diags);
  if (!shots || ir.motion.size() == motion) return;
  const auto first = ir.motion.begin() + static_cast<std::ptrdiff_t>(motion);
  ir.subject.insert(ir.subject.end(), first, ir.motion.end());
  ir.motion.erase(first, ir.motion.end());
  std::stable_sort(ir.subject.begin() + static_cast<std::ptrdiff_t>(subject), ir.subject.end(),
                   [](const Term& a, const Term& b) {
                     return a.span.value_or(Span{}).begin < b.span.value_or(Span{}).begin;
                   });
}

void read_shots(std::string_view prose, std::uint32_t base, Prompt& ir, Diagnostics& diags) {
  nlohmann::json entries = nlohmann::json::array();
  const std::vector<Label> labels = find_labels(prose);
  const bool shots = !labels.empty();
  std::size_t at = 0;
  for (const Label& label : labels) {
    read_segment(prose.substr(at, label.begin - at), base + static_cast<std::uint32_t>(at), shots,
                 ir, diags);
    Shot shot;
    shot.syntax = std::string(prose.substr(label.begin, label.end - label.begin));
    shot.starts = starts_of(ir);
    const auto b = base + static_cast<std::uint32_t>(label.content.data() - prose.data());
    place_label(ir, label.content, Span{b, b + static_cast<std::uint32_t>(label.content.size())});
    entries.push_back(shot_json(shot));
    at = label.end;
  }
  read_segment(prose.substr(at), base + static_cast<std::uint32_t>(at), shots, ir, diags);
  if (!entries.empty()) ir.extensions["seedance"]["inline"] = std::move(entries);
}

bool has_static(const Prompt& ir) {
  for (const auto& m : ir.camera.moves)
    if (m.move == "static") return true;
  return false;
}

}  // namespace

Prompt read(std::string_view text, Diagnostics& diags) {
  Prompt ir;
  const kit::LabelledText lt = kit::split_labelled(text, kLabels);
  const std::size_t region = flag_region(lt.prompt);
  read_shots(lt.prompt.substr(0, region), lt.prompt_span.begin, ir, diags);
  const FlagsRead flags =
      read_flags(lt.prompt.substr(region),
                 lt.prompt_span.begin + static_cast<std::uint32_t>(region), ir, diags);
  // Words among the flags (reported by read_flags) are not lost: they end the prose.
  for (const auto& [words, begin] : flags.stray) video::read_prose(words, begin, ir, diags);
  for (const auto& line : lt.lines) video::read_common_line(line, ir, diags);
  // --camerafixed true is the IR's static camera (once: the prose may say it already);
  // false is Seedance's default and has no neutral meaning.
  if (flags.camerafixed) {
    if (!*flags.camerafixed)
      ir.extensions["seedance"]["camerafixed"] = false;
    else if (!has_static(ir))
      ir.camera.moves.push_back(CameraMove{"static", "", flags.camerafixed_span});
  }
  return ir;
}

}  // namespace promptport::seedance
