// The prose of a Seedance prompt: one segment per shot, each written like the other video
// dialects write a whole prompt (scene, style, camera, audio sentences), with its shot label
// put back in front while the label still stands for a camera item of the IR.
#include <fmt/format.h>

#include <algorithm>

#include "common/video.h"
#include "promptport/text.h"
#include "promptport/vocab.h"
#include "seedance/seedance_internal.h"

namespace promptport::seedance {
namespace {

using Member = std::size_t Starts::*;
constexpr Member kMembers[] = {&Starts::subject,      &Starts::motion,       &Starts::style,
                               &Starts::camera_terms, &Starts::camera_moves, &Starts::dialogue,
                               &Starts::sfx,          &Starts::ambience};

// The shots of extensions.seedance.inline, starts clamped so that they never go back and
// never pass the end of their list (an IR edited by hand may have fewer terms).
std::vector<Shot> shots_of(const Prompt& ir, Diagnostics& diags) {
  std::vector<Shot> out;
  const auto ext = ir.extensions.find("seedance");
  if (ext == ir.extensions.end() || !ext->is_object()) return out;
  const auto inl = ext->find("inline");
  if (inl == ext->end()) return out;
  if (!inl->is_array()) {
    report(diags, Code::ApproximatedSyntax, Severity::Info,
           "extensions.seedance.inline is not a list of shot labels; left out",
           "extensions.seedance.inline");
    return out;
  }
  const Starts size = starts_of(ir);
  for (const auto& e : *inl) {
    auto shot = shot_of(e);
    if (!shot) {
      report(diags, Code::ApproximatedSyntax, Severity::Info,
             fmt::format("{} is not a Seedance shot label; left out", e.dump()),
             "extensions.seedance.inline");
      continue;
    }
    for (Member m : kMembers) {
      std::size_t& v = shot->starts.*m;
      v = std::min(v, size.*m);
      if (!out.empty()) v = std::max(v, out.back().starts.*m);
    }
    out.push_back(std::move(*shot));
  }
  return out;
}

struct Plan {
  std::vector<Shot> shots;
  std::vector<bool> label_written;
  std::vector<bool> term_used, move_used;
  bool shot_used = false, angle_used = false, lens_used = false;
};

// Which camera item each label stands for: the slot it names (shot, angle, lens) while that
// slot holds its value, else the first move or camera term of its shot when that is the
// label's. The reader put it there, so an unchanged IR always matches.
void match_labels(const Prompt& ir, Plan& plan, Diagnostics& diags) {
  const Camera& c = ir.camera;
  plan.term_used.assign(c.terms.size(), false);
  plan.move_used.assign(c.moves.size(), false);
  for (const Shot& shot : plan.shots) {
    const std::string_view content =
        text::trim(std::string_view(shot.syntax).substr(1, shot.syntax.size() - 2));
    const vocab::Placement p = vocab::classify(content);
    bool found = false;
    auto slot = [&](const std::string& value, bool& used) {
      if (!used && value == p.canonical) found = used = true;
    };
    if (p.slot == vocab::Slot::Shot) slot(c.shot, plan.shot_used);
    if (p.slot == vocab::Slot::Angle) slot(c.angle, plan.angle_used);
    if (p.slot == vocab::Slot::Lens) slot(c.lens, plan.lens_used);
    const std::size_t k = shot.starts.camera_moves;
    if (!found && p.slot == vocab::Slot::Move && k < c.moves.size() && !plan.move_used[k] &&
        c.moves[k].move == p.canonical && c.moves[k].speed == p.speed)
      found = plan.move_used[k] = true;
    const std::size_t t = shot.starts.camera_terms;
    if (!found && t < c.terms.size() && !plan.term_used[t] && c.terms[t].text == content)
      found = plan.term_used[t] = true;
    if (!found)
      report(diags, Code::ApproximatedSyntax, Severity::Info,
             fmt::format("{} no longer names a camera item of the prompt; the shot is written "
                         "without its label",
                         shot.syntax),
             "extensions.seedance.inline");
    plan.label_written.push_back(found);
  }
}

template <typename T>
std::vector<T> slice(const std::vector<T>& v, std::size_t b, std::size_t e) {
  return std::vector<T>(v.begin() + static_cast<std::ptrdiff_t>(b),
                        v.begin() + static_cast<std::ptrdiff_t>(e));
}

template <typename T>
std::vector<T> unused(const std::vector<T>& v, const std::vector<bool>& used, std::size_t b,
                      std::size_t e) {
  std::vector<T> out;
  for (std::size_t i = b; i < e; ++i)
    if (!used[i]) out.push_back(v[i]);
  return out;
}

std::string one_line(std::string s) {
  std::replace(s.begin(), s.end(), '\n', ' ');
  std::replace(s.begin(), s.end(), '\r', ' ');
  return s;
}

}  // namespace

Prose write_prose(const Prompt& ir, bool with_audio, bool static_may_be_flag, Diagnostics& diags) {
  Plan plan;
  plan.shots = shots_of(ir, diags);
  match_labels(ir, plan, diags);

  Prose out;
  // A lone static camera (the only move no label stands for, and no other static move) is
  // also --camerafixed true. It stays a word too: the platform does not guarantee the flag.
  std::vector<std::size_t> free_moves;
  std::size_t statics = 0;
  for (std::size_t i = 0; i < ir.camera.moves.size(); ++i) {
    statics += ir.camera.moves[i].move == "static";
    if (!plan.move_used[i]) free_moves.push_back(i);
  }
  out.camerafixed = static_may_be_flag && free_moves.size() == 1 && statics == 1 &&
                    ir.camera.moves[free_moves[0]].move == "static" &&
                    ir.camera.moves[free_moves[0]].speed.empty();

  const Starts end = starts_of(ir);
  std::vector<std::string> parts;
  for (std::size_t seg = 0; seg <= plan.shots.size(); ++seg) {
    const Starts b = seg == 0 ? Starts{} : plan.shots[seg - 1].starts;
    const Starts e = seg == plan.shots.size() ? end : plan.shots[seg].starts;
    Prompt sub;
    sub.source = ir.source;
    sub.subject = slice(ir.subject, b.subject, e.subject);
    sub.motion = slice(ir.motion, b.motion, e.motion);
    sub.style = slice(ir.style, b.style, e.style);
    // Shot size, angle and lens no label stands for have no shot of their own: the first
    // segment carries them.
    if (seg == 0) {
      if (!plan.shot_used) sub.camera.shot = ir.camera.shot;
      if (!plan.angle_used) sub.camera.angle = ir.camera.angle;
      if (!plan.lens_used) sub.camera.lens = ir.camera.lens;
    }
    sub.camera.terms = unused(ir.camera.terms, plan.term_used, b.camera_terms, e.camera_terms);
    sub.camera.moves = unused(ir.camera.moves, plan.move_used, b.camera_moves, e.camera_moves);
    if (with_audio) {
      sub.audio.dialogue = slice(ir.audio.dialogue, b.dialogue, e.dialogue);
      sub.audio.sfx = slice(ir.audio.sfx, b.sfx, e.sfx);
      sub.audio.ambience = slice(ir.audio.ambience, b.ambience, e.ambience);
    }
    if (seg > 0 && plan.label_written[seg - 1]) parts.push_back(plan.shots[seg - 1].syntax);
    parts.push_back(one_line(video::join_sentences(
        {video::scene_sentence(sub), video::style_sentence(sub, diags),
         video::camera_sentence(sub.camera), video::audio_sentences(sub.audio)})));
  }
  out.text = video::join(parts, " ");
  return out;
}

}  // namespace promptport::seedance
