// Reads Hailuo prompts: bracket camera commands become canonical moves; the prose around
// them goes through the shared video reader; then the labelled lines of the text format.
#include <fmt/format.h>

#include <algorithm>

#include "common/video.h"
#include "hailuo/hailuo_internal.h"
#include "promptport/kit.h"
#include "promptport/text.h"
#include "promptport/vocab.h"

namespace promptport::hailuo {
namespace {

const std::vector<std::string_view> kLabels{"Negative prompt", "Aspect ratio", "Duration", "Seed",
                                            "Camera",          "Resolution"};

std::string bracket_text(std::string_view record, Span span) {
  return std::string(record.substr(span.begin, span.end - span.begin));
}

// The IR field the words of a bracket that is not a command are read into: subject when
// some piece is, else style when some piece is, else camera.
std::string field_of(const Bracket& b) {
  bool style = false;
  for (const auto& item : b.items) {
    const vocab::Slot slot = vocab::classify(item.text).slot;
    if (slot == vocab::Slot::Subject) return "subject";
    style = style || slot == vocab::Slot::Style;
  }
  return style ? "style" : b.items.empty() ? "subject" : "camera";
}

// "[Dolly in]" -> " (did you mean [Push in]?)" when the words name a move a command says.
std::string suggestion(const Bracket& b) {
  if (b.items.size() != 1) return {};
  const auto m = vocab::camera_move(b.items.front().text);
  if (!m) return {};
  const std::string_view command = move_command(m->canonical);
  return command.empty() ? std::string() : fmt::format(" (did you mean [{}]?)", command);
}

// Overwrites `span` of `masked` (offsets in the record) with `c`, so the prose reader sees
// the words around it at their own offsets.
void blank(std::string& masked, std::uint32_t base, Span span, char c = ' ') {
  for (std::uint32_t i = span.begin; i < span.end; ++i) masked[i - base] = c;
}

// Words on both sides of a blanked command ("a boat [Push in] drifts") are one term with a
// run of spaces inside: squeeze it to one space.
void squeeze(std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == ' ' && !out.empty() && out.back() == ' ') continue;
    out += c;
  }
  s = std::move(out);
}

template <typename T>
void squeeze_terms(std::vector<T>& terms) {
  for (auto& t : terms)
    if (t.text.find("  ") != std::string::npos) squeeze(t.text);
}

// The prompt part: commands out, other brackets reported and read as words.
void read_prompt(std::string_view prompt, std::uint32_t base, std::string_view record, Prompt& ir,
                 Diagnostics& diags) {
  const Scan s = scan(prompt, base);
  std::string masked(prompt);
  std::vector<CameraMove> moves;
  for (const auto& b : s.brackets) {
    if (b.command()) {
      // A command ends the words before it: "walks in [Push in] then sits" is two fragments,
      // so the writer puts the command back after the first.
      blank(masked, base, b.span);
      blank(masked, base, Span{b.span.end - 1, b.span.end}, ',');
      for (const auto& item : b.items)
        moves.push_back(CameraMove{std::string(*item.move), "", item.span});
      if (b.items.size() > kMaxMovesPerBracket)
        report(diags, Code::OutOfRange, Severity::Warning,
               fmt::format("{} combines {} camera moves; Hailuo takes at most {} in one bracket "
                           "(all are read)",
                           bracket_text(record, b.span), b.items.size(), kMaxMovesPerBracket),
               "camera.moves", b.span);
      continue;
    }
    // Hailuo reads any other bracket as words: so does the reader, as a fragment of its own
    // ("[Low-angle shot] A skater ..." is an angle, then the subject).
    blank(masked, base, Span{b.span.begin, b.span.begin + 1}, ',');
    blank(masked, base, Span{b.span.end - 1, b.span.end}, ',');
    report(diags, Code::LiteralText, Severity::Warning,
           fmt::format("{} is not one of Hailuo's camera commands{}; Hailuo reads it as words",
                       bracket_text(record, b.span), suggestion(b)),
           field_of(b), b.span);
  }
  for (std::uint32_t at : s.unclosed)
    report(diags, Code::UnbalancedBracket, Severity::Warning,
           "'[' is never closed; Hailuo reads it as text", "[", Span{at, at + 1});
  for (std::uint32_t at : s.unopened)
    report(diags, Code::UnbalancedBracket, Severity::Warning,
           "']' has no '['; Hailuo reads it as text", "]", Span{at, at + 1});

  video::read_prose(masked, base, ir, diags);
  squeeze_terms(ir.subject);
  squeeze_terms(ir.motion);
  squeeze_terms(ir.style);
  squeeze_terms(ir.camera.terms);
  // Commands and camera words of the prose, in source order.
  for (auto& m : moves) ir.camera.moves.push_back(std::move(m));
  std::stable_sort(ir.camera.moves.begin(), ir.camera.moves.end(),
                   [](const CameraMove& a, const CameraMove& b) {
                     const std::uint32_t x = a.span ? a.span->begin : 0;
                     const std::uint32_t y = b.span ? b.span->begin : 0;
                     return x < y;
                   });
}

void read_line(const kit::LabelledLine& line, Prompt& ir, Diagnostics& diags) {
  // Hailuo has no negative field or seed; the lines are read anyway so a translation to a
  // platform that has them keeps them.
  if (video::read_common_line(line, ir, diags)) return;
  if (text::lower_ascii(line.label) == "resolution") {
    if (const auto r = resolution(line.value))
      ir.extensions["hailuo"]["resolution"] = *r;
    else
      kit::report_bad_value(line, "512P, 720P, 768P or 1080P", diags);
  }
}

}  // namespace

std::optional<std::string> resolution(std::string_view value) {
  std::string v = text::lower_ascii(text::trim(value));
  for (std::string_view r : {"512p", "720p", "768p", "1080p"})
    if (v == r) {
      v.back() = 'P';
      return v;
    }
  return std::nullopt;
}

Prompt read(std::string_view text, Diagnostics& diags) {
  Prompt ir;
  const kit::LabelledText lt = kit::split_labelled(text, kLabels);
  read_prompt(lt.prompt, lt.prompt_span.begin, text, ir, diags);
  for (const auto& line : lt.lines) read_line(line, ir, diags);
  return ir;
}

}  // namespace promptport::hailuo
