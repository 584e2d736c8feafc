// Reading Runway prompts: prose whose first sentence may lead with the camera movement
// ("Low angle static shot: The camera is angled up at ..."), plus the labelled lines of the
// text format that every video dialect shares.
#include <fmt/format.h>

#include <array>

#include "common/video.h"
#include "promptport/kit.h"
#include "promptport/text.h"
#include "promptport/vocab.h"
#include "runway/runway_internal.h"

namespace promptport::runway {
namespace {

// Labels read_prose takes as camera blocks; they are not a Runway lead.
bool camera_label(std::string_view lead) {
  static constexpr std::array<std::string_view, 7> kLabels{
      "cinematography", "camera motion", "camera movement", "camera shot", "camera",
      "lens",           "shot"};
  const std::string l = text::lower_ascii(text::trim(lead));
  for (auto label : kLabels)
    if (l == label) return true;
  return false;
}

bool camera_slot(std::string_view phrase) {
  const vocab::Slot slot = vocab::classify(phrase).slot;
  return slot != vocab::Slot::Subject && slot != vocab::Slot::Style;
}

// A lead piece cut into camera phrases, longest first from the left ("Low angle static
// shot" -> "Low angle", "static shot"); empty when some words are no camera phrase.
std::vector<text::Piece> camera_phrases(const text::Piece& piece) {
  std::vector<std::pair<std::size_t, std::size_t>> words;  // [begin, end) in piece.text
  const std::string_view t = piece.text;
  for (std::size_t i = 0; i < t.size();) {
    while (i < t.size() && t[i] == ' ') ++i;
    const std::size_t b = i;
    while (i < t.size() && t[i] != ' ') ++i;
    if (i > b) words.emplace_back(b, i);
  }
  std::vector<text::Piece> out;
  for (std::size_t i = 0; i < words.size();) {
    std::size_t j = words.size();
    for (; j > i; --j)
      if (camera_slot(t.substr(words[i].first, words[j - 1].second - words[i].first))) break;
    if (j == i) return {};
    const std::size_t b = words[i].first, e = words[j - 1].second;
    out.push_back(
        text::Piece{t.substr(b, e - b), Span{piece.span.begin + static_cast<std::uint32_t>(b),
                                             piece.span.begin + static_cast<std::uint32_t>(e)}});
    i = j;
  }
  return out;
}

// The camera phrases of a "[camera movement]:" lead on the first line, or nothing.
// read_prose reads a lead only when each comma piece is one camera phrase; the Gen-3
// guide's own example runs several together: "Low angle static shot: The camera is ...".
std::vector<text::Piece> lead_phrases(std::string_view prompt, std::uint32_t base,
                                      std::size_t& colon) {
  const std::string_view first = prompt.substr(0, prompt.find('\n'));
  colon = first.find(':');
  // read_prose looks for a lead only within the first 80 bytes of the first sentence.
  if (colon == std::string_view::npos || colon == 0 || colon >= 80) return {};
  const std::string_view lead = first.substr(0, colon);
  for (std::size_t i = 0; i + 1 < lead.size(); ++i)
    if ((lead[i] == '.' || lead[i] == '!' || lead[i] == '?') && lead[i + 1] == ' ') return {};
  if (camera_label(lead)) return {};
  std::vector<text::Piece> out;
  for (const auto& piece : text::split_fragments(lead, base)) {
    const auto phrases = camera_phrases(piece);
    if (phrases.empty()) return {};
    out.insert(out.end(), phrases.begin(), phrases.end());
  }
  return out;
}

}  // namespace

Prompt read(std::string_view text, Diagnostics& diags) {
  // A duration may also be written "5 seconds".
  static constexpr video::LineRules kLineRules{.duration_words = true, .record = {}};
  static const std::vector<std::string_view> kLabels{"Negative prompt", "Aspect ratio", "Duration",
                                                     "Seed", "Camera"};
  Prompt ir;
  const kit::LabelledText lt = kit::split_labelled(text, kLabels);
  std::size_t colon = 0;
  const auto lead = lead_phrases(lt.prompt, lt.prompt_span.begin, colon);
  if (lead.empty()) {
    video::read_prose(lt.prompt, lt.prompt_span.begin, ir, diags);
  } else {
    // The lead is placed here and the rest read as prose (workaround until read_prose
    // reads run-together camera phrases itself).
    for (const auto& p : lead) kit::place_fragment(ir, p.text, p.span);
    video::read_prose(lt.prompt.substr(colon + 1),
                      lt.prompt_span.begin + static_cast<std::uint32_t>(colon + 1), ir, diags);
  }
  // Runway has no negative field; the line is kept so a translation to Kling or Veo loses
  // nothing.
  for (const auto& line : lt.lines) video::read_common_line(line, ir, diags, kLineRules);
  return ir;
}

double detect(std::string_view text) {
  std::size_t colon = 0;
  if (lead_phrases(text, 0, colon).empty()) return 0;
  const std::string_view first = text.substr(0, text.find('\n'));
  return text::trim(first.substr(colon + 1)).empty() ? 0 : 0.5;
}

}  // namespace promptport::runway
