// Writes Hailuo's prompt: camera moves as bracket commands placed where the source had them,
// the scene, the style, and the camera words no command says.
#include <fmt/format.h>

#include <map>

#include "common/video.h"
#include "hailuo/hailuo_internal.h"
#include "promptport/kit.h"
#include "promptport/text.h"

namespace promptport::hailuo {
namespace {

// Where a group of commands is written: before the scene, or after a subject or motion
// term (the last term of its phrase).
struct Anchor {
  int field = -1;  // -1 front, 0 subject, 1 motion
  std::size_t index = 0;
  friend bool operator<(const Anchor& a, const Anchor& b) {
    return a.field != b.field ? a.field < b.field : a.index < b.index;
  }
};

bool all_spanned(const std::vector<Term>& terms) {
  for (const auto& t : terms)
    if (!t.span) return false;
  return true;
}

// The term a move followed in the source: the subject or motion term that starts last
// before it. Moves without source positions (an IR built by hand) go in front.
Anchor anchor_of(const Prompt& ir, const CameraMove& move) {
  Anchor best;
  if (!move.span || !all_spanned(ir.subject) || !all_spanned(ir.motion)) return best;
  std::uint32_t best_begin = 0;
  bool found = false;
  for (int field = 0; field < 2; ++field) {
    const auto& terms = field == 0 ? ir.subject : ir.motion;
    for (std::size_t i = 0; i < terms.size(); ++i) {
      const std::uint32_t b = terms[i].span->begin;
      if (b < move.span->begin && (!found || b > best_begin)) {
        best = Anchor{field, i};
        best_begin = b;
        found = true;
      }
    }
  }
  if (!found) return best;
  // A phrase of joined terms reads as one: the commands go after its last term.
  const auto& terms = best.field == 0 ? ir.subject : ir.motion;
  while (best.index + 1 < terms.size() && terms[best.index + 1].joined) ++best.index;
  return best;
}

// "[Pan left,Pedestal up]", three commands at most per bracket: a fourth and later start
// another bracket, which Hailuo reads as a following move.
std::string brackets(const std::vector<std::string_view>& commands, Diagnostics& diags) {
  std::string out;
  for (std::size_t i = 0; i < commands.size(); ++i) {
    if (i % kMaxMovesPerBracket == 0)
      out += i == 0 ? "[" : "] [";
    else
      out += ",";
    out += commands[i];
  }
  if (!out.empty()) out += "]";
  if (commands.size() > kMaxMovesPerBracket)
    report(diags, Code::ApproximatedParameter, Severity::Info,
           fmt::format("{} simultaneous camera moves: Hailuo combines at most {} in one bracket, "
                       "so the rest follow in another ({})",
                       commands.size(), kMaxMovesPerBracket, out),
           "camera.moves");
  return out;
}

void note_weights(const Prompt& ir, Diagnostics& diags) {
  video::report_weights(
      ir, {"subject", "style", "camera.terms"},
      [](std::string_view field) {
        return fmt::format(
            "Hailuo has no prompt weights: the {} words are kept, their weights "
            "are not",
            field);
      },
      diags);
}

bool lower_start(const std::vector<Term>& terms) {
  for (const auto& p : kit::phrases(terms)) {
    const std::string_view t = text::trim(p.text);
    if (!t.empty()) return t.front() >= 'a' && t.front() <= 'z';
  }
  return false;
}

}  // namespace

std::string write_prompt(const Prompt& ir, Diagnostics& diags) {
  note_weights(ir, diags);
  std::map<Anchor, std::vector<std::string_view>> groups;
  Camera words = ir.camera;  // the camera sentence: what no command says
  words.moves.clear();
  for (const auto& m : ir.camera.moves) {
    const std::string_view command = move_command(m.move);
    if (command.empty()) {
      words.moves.push_back(m);
      continue;
    }
    if (!m.speed.empty())
      report(diags, Code::DroppedParameter, Severity::Warning,
             fmt::format("Hailuo's camera commands have no speed: \"{}\" of [{}] is dropped",
                         m.speed, command),
             "camera.moves", m.span);
    // [Shake] is the nearest Hailuo has to a handheld camera.
    if (m.move == "handheld")
      report(diags, Code::ApproximatedParameter, Severity::Info,
             "a handheld camera is written as Hailuo's [Shake]", "camera.moves", m.span);
    groups[anchor_of(ir, m)].push_back(command);
  }

  Prompt scene = ir;
  std::string front;
  for (const auto& [anchor, commands] : groups) {
    const std::string b = brackets(commands, diags);
    if (anchor.field < 0) {
      front = b;
      continue;
    }
    auto& terms = anchor.field == 0 ? scene.subject : scene.motion;
    terms[anchor.index].text += " " + b;
  }
  std::string sentence = video::scene_sentence(scene);
  // "[Pan left] a paper boat ...": the command opens the prompt, the words keep their case.
  if (!front.empty() && !sentence.empty() && sentence[0] >= 'A' && sentence[0] <= 'Z' &&
      lower_start(ir.subject.empty() ? ir.motion : ir.subject))
    sentence[0] = static_cast<char>(sentence[0] - 'A' + 'a');
  if (!front.empty()) sentence = sentence.empty() ? front : front + " " + sentence;
  return video::join_sentences(
      {sentence, video::style_sentence(ir, diags), video::camera_sentence(words)});
}

}  // namespace promptport::hailuo
