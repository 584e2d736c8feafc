// Ideogram's text format: the prompt (quoted text kept whole), then the labelled lines.
#include <fmt/format.h>

#include <algorithm>

#include "ideogram/ideogram_internal.h"
#include "promptport/kit.h"
#include "promptport/text.h"

namespace promptport::ideogram {
namespace {

const std::vector<std::string_view> kLabels{"Negative prompt", "Aspect ratio", "Style type",
                                            "Rendering speed", "Magic prompt", "Seed"};

// "Watercolor" -> "watercolor"; a word with another capital ("Art Deco", "HDR") is kept.
void sentence_case(std::string& s) {
  if (s.empty() || s[0] < 'A' || s[0] > 'Z') return;
  if (std::any_of(s.begin() + 1, s.end(), [](char c) { return c >= 'A' && c <= 'Z'; })) return;
  s[0] = static_cast<char>(s[0] - 'A' + 'a');
}

// The prompt into subject, style and camera. A piece with quoted text is subject, word for
// word; any other piece is placed by the shared vocabulary. A sentence's end mark stays on
// its last piece when that piece is subject and more subject follows in a later sentence
// (so "Mr. Smith" and "A poster. The title ..." come back as written), or when the mark is
// more than "." ("Wow!"); otherwise it is dropped: the writer ends nothing with ".".
void read_prompt(std::string_view prompt, std::uint32_t base, Prompt& ir) {
  const std::vector<Piece> pieces = split_prompt(prompt, base);
  // For each piece, 1 + its index in ir.subject, or 0 when it is not subject.
  std::vector<std::size_t> subject_of;
  subject_of.reserve(pieces.size());
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    const Piece& p = pieces[i];
    const std::size_t before = ir.subject.size(), styles = ir.style.size(),
                      terms = ir.camera.terms.size();
    if (p.quoted)
      ir.subject.push_back(Term{std::string(p.text), 1.0, p.span});
    else
      kit::place_fragment(ir, p.text, p.span);
    subject_of.push_back(ir.subject.size() > before ? ir.subject.size() : 0);
    // "Watercolor." as a sentence of its own is the style "watercolor": its capital only
    // started the sentence (names such as "Greg Rutkowski" keep theirs).
    if (i == 0 || pieces[i - 1].sentence_end) {
      if (ir.style.size() > styles && ir.style.back().kind != StyleKind::Artist)
        sentence_case(ir.style.back().text);
      if (ir.camera.terms.size() > terms) sentence_case(ir.camera.terms.back().text);
    }
  }
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    const Piece& p = pieces[i];
    if (!p.sentence_end || p.terminator.empty() || subject_of[i] == 0) continue;
    bool later_subject = false;
    for (std::size_t j = i + 1; j < pieces.size() && !later_subject; ++j)
      later_subject = subject_of[j] != 0;
    if (!later_subject && p.terminator == ".") continue;
    Term& t = ir.subject[subject_of[i] - 1];
    t.text += p.terminator;
    if (t.span) t.span->end += static_cast<std::uint32_t>(p.terminator.size());
  }
}

// "16x9", "16:9", "16 x 9", "16×9" -> reduced W:H.
std::optional<std::string> parse_ratio(std::string_view v) {
  std::size_t sep = v.find_first_of(":xX");
  std::size_t len = 1;
  if (const std::size_t times = v.find("\xC3\x97"); times != std::string_view::npos) {
    sep = times;
    len = 2;
  }
  if (sep == std::string_view::npos) return std::nullopt;
  const auto w = text::parse_int(text::trim(v.substr(0, sep)));
  const auto h = text::parse_int(text::trim(v.substr(sep + len)));
  if (!w || !h || *w <= 0 || *h <= 0) return std::nullopt;
  return text::reduce_ratio(*w, *h);
}

// One of the request's enumerations, upper-cased; "" (reported) when it is none of them.
std::string read_enum(const kit::LabelledLine& line, const std::vector<std::string_view>& allowed,
                      std::string_view expected, Diagnostics& diags) {
  std::string value = enum_value(line.value, allowed);
  if (value.empty()) kit::report_bad_value(line, expected, diags);
  return value;
}

void read_line(const kit::LabelledLine& line, Prompt& ir, Diagnostics& diags) {
  const std::string label = text::lower_ascii(line.label);
  const std::string_view v = text::trim(line.value);
  if (label == "negative prompt") {
    for (const Piece& p : split_prompt(line.value, line.value_span.begin))
      ir.negative.push_back(Term{std::string(p.text), 1.0, p.span});
  } else if (label == "aspect ratio") {
    if (auto r = parse_ratio(v))
      ir.params.aspect_ratio = std::move(*r);
    else
      kit::report_bad_value(line, "an aspect ratio such as 16x9 or 16:9", diags);
  } else if (label == "style type") {
    const std::string value =
        read_enum(line, style_types(), "AUTO, GENERAL, REALISTIC, DESIGN or FICTION", diags);
    // The writer prints the style type it derived from the style terms: that says nothing new.
    if (!value.empty() && value != style_type_for(ir))
      ir.extensions["ideogram"]["style_type"] = value;
  } else if (label == "rendering speed") {
    const std::string value = read_enum(line, speeds(), "TURBO, DEFAULT or QUALITY", diags);
    if (!value.empty()) ir.extensions["ideogram"]["rendering_speed"] = value;
  } else if (label == "magic prompt") {
    // OFF is what the writer always sends; only another choice is worth keeping.
    const std::string value = read_enum(line, magic_prompt_values(), "AUTO, ON or OFF", diags);
    if (!value.empty() && value != kMagicPromptOff)
      ir.extensions["ideogram"]["magic_prompt"] = value;
  } else if (label == "seed") {
    kit::read_setting(line, kit::Setting::Seed, ir, diags);
  }
}

}  // namespace

Prompt read(std::string_view text, Diagnostics& diags) {
  Prompt ir;
  const kit::LabelledText lt = kit::split_labelled(text, kLabels);
  read_prompt(lt.prompt, lt.prompt_span.begin, ir);
  for (const auto& line : lt.lines) read_line(line, ir, diags);
  return ir;
}

}  // namespace promptport::ideogram
