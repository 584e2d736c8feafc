// Flux prose writer: the IR as the sentences of the team-spec template.
#include "flux/flux_prose.h"

#include <fmt/format.h>
#include <algorithm>

#include "common/source_weights.h"
#include "common/tag_prose.h"
#include "flux/flux_phrases.h"
#include "promptport/text.h"
#include "promptport/vocab.h"

namespace promptport::flux {
namespace {

// Prompts are one line: line breaks, tabs and runs of spaces in a term become one space.
std::string one_line(std::string_view s) {
  s = text::trim(s);
  // One pass (find_first_of would call memchr once per byte).
  bool plain = true;
  for (std::size_t i = 0; i < s.size() && plain; ++i) {
    const char c = s[i];
    plain =
        c != '\n' && c != '\r' && c != '\t' && !(c == ' ' && i + 1 < s.size() && s[i + 1] == ' ');
  }
  if (plain) return std::string(s);
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
    if (c == ' ' && !out.empty() && out.back() == ' ') continue;
    out += c;
  }
  return out;
}

template <typename T>
bool weighted(const std::vector<T>& terms) {
  return std::any_of(terms.begin(), terms.end(), [](const auto& t) { return t.weight != 1.0; });
}

// Flux has no weight syntax: heavier terms go first (stable, so equal weights keep order).
template <typename T>
void order_by_weight(std::vector<T>& terms) {
  std::stable_sort(terms.begin(), terms.end(),
                   [](const auto& a, const auto& b) { return a.weight > b.weight; });
}

std::optional<Span> union_span(const std::vector<Term>& terms) {
  std::optional<Span> out;
  for (const auto& t : terms) {
    if (!t.span) continue;
    if (!out)
      out = t.span;
    else
      out = Span{std::min(out->begin, t.span->begin), std::max(out->end, t.span->end)};
  }
  return out;
}

std::string subject_sentence(const Prompt& ir, Diagnostics& diags) {
  const bool tags = dialects::source_weight_model(ir, WeightModel::None) == WeightModel::Scale;
  std::vector<Term> terms;
  for (const auto& t : ir.subject)
    if (!text::trim(t.text).empty()) terms.push_back(t);
  if (weighted(terms)) {
    order_by_weight(terms);
    report(diags, Code::ApproximatedWeight, Severity::Info,
           "subject weights became word order (heavier first); Flux has no weight syntax",
           "subject", union_span(terms));
  }
  std::string out;
  for (const auto& t : terms) {
    std::string s = dialects::tag_as_prose(one_line(t.text), tags);
    // "x;" or "y :" would end up as "x;, y" or "y :." in prose.
    while (!s.empty() && (s.back() == ';' || s.back() == ':' || s.back() == ' ')) s.pop_back();
    if (s.empty() || bare_punctuation(s)) continue;
    if (out.empty()) {
      upper_first(s);
    } else if (ends_sentence(out)) {
      upper_first(s);
      out += ' ';
    } else {
      out += ", ";
    }
    out += s;
  }
  if (!out.empty() && !ends_sentence(out)) out += '.';
  return out;
}

struct StyleSentences {
  std::string style;
  std::string light;
};

StyleSentences style_sentences(const Prompt& ir, Diagnostics& diags) {
  std::vector<StyleTerm> kept;
  for (const auto& t : ir.style) {
    if (text::trim(t.text).empty()) continue;
    if (vocab::is_quality_booster(t.text)) {
      report(diags, Code::DroppedTerm, Severity::Info,
             fmt::format("quality booster \"{}\" dropped; Flux follows descriptions, not tags",
                         one_line(t.text)),
             "style", t.span);
      continue;
    }
    kept.push_back(t);
  }
  if (weighted(kept)) {
    std::vector<Term> plain(kept.begin(), kept.end());
    report(diags, Code::ApproximatedWeight, Severity::Info,
           "style weights became word order (heavier first); Flux has no weight syntax", "style",
           union_span(plain));
  }
  order_by_weight(kept);
  std::vector<std::string> items[kClauses];
  for (const auto& t : kept) {
    std::string item = one_line(clause_item(t));
    auto& list = items[static_cast<int>(clause_of(t))];
    // A style named twice ("render in octane" ... "render in octane") is written once.
    const bool repeated = std::any_of(list.begin(), list.end(),
                                      [&](const std::string& i) { return equals_ci(i, item); });
    if (!item.empty() && !repeated) list.push_back(std::move(item));
  }
  StyleSentences out;
  bool aesthetic_only = true;
  for (Clause c : {Clause::Medium, Clause::ShotOn, Clause::Artist, Clause::Aesthetic}) {
    const std::string clause = write_clause(c, items[static_cast<int>(c)]);
    if (clause.empty()) continue;
    aesthetic_only = c == Clause::Aesthetic && out.style.empty();
    if (!out.style.empty()) out.style += ", ";
    out.style += clause;
  }
  out.light = write_clause(Clause::Light, items[static_cast<int>(Clause::Light)]);
  // "With a X aesthetic. With soft light." starts two sentences alike: one says both.
  if (!out.style.empty() && aesthetic_only && !out.light.empty()) {
    if (std::string folded = fold_light(out.style, out.light); !folded.empty()) {
      out.style = std::move(folded);
      out.light.clear();
    }
  }
  for (std::string* s : {&out.style, &out.light}) {
    if (s->empty()) continue;
    upper_first(*s);
    *s += '.';
  }
  return out;
}

std::string camera_sentence(const Prompt& ir, Diagnostics& diags) {
  const Camera& cam = ir.camera;
  std::string out;
  if (!cam.shot.empty()) {
    const std::string phrase = shot_text(cam.shot);
    out = std::string(article(phrase)) + " " + phrase;
    upper_first(out);
  }
  if (!cam.angle.empty()) out += (out.empty() ? "Seen from " : " from ") + angle_text(cam.angle);
  if (!text::trim(cam.lens).empty()) {
    const std::string lens = one_line(lens_phrase(cam.lens));
    out += out.empty() ? "Shot with " : ", with ";
    out += std::string(article(lens)) + " " + lens;
  }
  std::vector<Term> terms;
  for (const auto& t : cam.terms)
    if (!text::trim(t.text).empty()) terms.push_back(t);
  if (weighted(terms)) {
    order_by_weight(terms);
    report(diags, Code::ApproximatedWeight, Severity::Info,
           "camera term weights became word order (heavier first); Flux has no weight syntax",
           "camera", union_span(terms));
  }
  std::string joined;
  for (const auto& t : terms) {
    if (!joined.empty()) joined += ", ";
    joined += one_line(t.text);
  }
  if (!joined.empty()) {
    if (out.empty()) {
      upper_first(joined);
      out = std::move(joined);
    } else {
      out += ", " + joined;
    }
  }
  if (!out.empty() && !ends_sentence(out)) out += '.';
  return out;
}

void report_unwritable(const Prompt& ir, Diagnostics& diags) {
  if (!ir.camera.moves.empty()) {
    std::string moves;
    std::optional<Span> span;
    for (const auto& m : ir.camera.moves) {
      const std::string_view phrase = vocab::move_phrase(m.move);
      if (!moves.empty()) moves += ", ";
      if (!m.speed.empty()) moves += m.speed + " ";
      moves += phrase.empty() ? m.move : std::string(phrase);
      if (!span) span = m.span;
    }
    report(diags, Code::DroppedMotion, Severity::Warning,
           fmt::format("camera moves ({}) dropped; Flux makes still images", moves), "camera.moves",
           span);
  }
  if (!ir.motion.empty()) {
    std::string what;
    for (const auto& t : ir.motion) what += (what.empty() ? "\"" : ", \"") + t.text + "\"";
    report(diags, Code::DroppedMotion, Severity::Warning,
           fmt::format("motion ({}) dropped; Flux makes still images", what), "motion",
           union_span(ir.motion));
  }
  if (!ir.motion_intensity.empty())
    report(
        diags, Code::DroppedMotion, Severity::Warning,
        fmt::format("motion intensity '{}' dropped; Flux makes still images", ir.motion_intensity),
        "motion_intensity");
  if (!ir.negative.empty()) {
    std::string what;
    for (const auto& t : ir.negative) what += (what.empty() ? "\"" : ", \"") + t.text + "\"";
    report(diags, Code::DroppedNegative, Severity::Warning,
           fmt::format("negative prompt ({}) dropped; Flux has no negative prompt (describe "
                       "what you want instead)",
                       what),
           "negative", union_span(ir.negative));
  }
}

}  // namespace

std::string write_prose(const Prompt& ir, Diagnostics& diags) {
  const std::string subject = subject_sentence(ir, diags);
  const StyleSentences style = style_sentences(ir, diags);
  const std::string camera = camera_sentence(ir, diags);
  std::string out;
  for (const std::string* s : {&subject, &style.style, &style.light, &camera}) {
    if (s->empty()) continue;
    if (!out.empty()) out += ' ';
    out += *s;
  }
  report_unwritable(ir, diags);
  return out;
}

std::size_t approx_t5_tokens(std::string_view s) {
  std::size_t units = 0;
  bool in_word = false;
  for (unsigned char c : s) {
    const bool word_char = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
                           (c >= 'A' && c <= 'Z') || c >= 0x80 || c == '\'';
    if (word_char) {
      if (!in_word) ++units;
      in_word = true;
      continue;
    }
    in_word = false;
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r') ++units;  // punctuation
  }
  return (units * 13 + 9) / 10;
}

}  // namespace promptport::flux
