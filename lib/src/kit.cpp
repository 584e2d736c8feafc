// Helpers shared by dialects: placing fragments, labelled-line formats, loss accounting.
#include "promptport/kit.h"

#include <fmt/format.h>

#include "promptport/text.h"
#include "promptport/vocab.h"

namespace promptport::kit {
namespace {

bool covered(std::string_view field, const std::vector<std::string_view>& carried) {
  for (auto c : carried) {
    if (field == c) return true;
    if (field.size() > c.size() && field.substr(0, c.size()) == c && field[c.size()] == '.')
      return true;
  }
  return false;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

std::string describe_terms(const std::vector<Term>& terms) {
  std::string out;
  for (const auto& t : terms) {
    if (!out.empty()) out += ", ";
    out += '"' + t.text + '"';
  }
  return out;
}

}  // namespace

void place_fragment(Prompt& ir, std::string_view fragment, Span span, double weight) {
  const vocab::Placement p = vocab::classify(fragment);
  const std::string text(fragment);
  // Shot, angle, lens and moves carry no weight in the IR: a weighted camera phrase is
  // kept verbatim in camera.terms so its emphasis survives.
  const bool weighted = weight != 1.0;
  switch (p.slot) {
    case vocab::Slot::Subject:
      ir.subject.push_back(Term{text, weight, span});
      return;
    case vocab::Slot::Style: {
      StyleTerm t;
      t.text = text;
      t.weight = weight;
      t.span = span;
      t.kind = p.kind;
      ir.style.push_back(std::move(t));
      return;
    }
    case vocab::Slot::Shot:
      if (ir.camera.shot.empty() && !weighted) {
        ir.camera.shot = p.canonical;
        return;
      }
      break;
    case vocab::Slot::Angle:
      if (ir.camera.angle.empty() && !weighted) {
        ir.camera.angle = p.canonical;
        return;
      }
      break;
    case vocab::Slot::Lens:
      if (ir.camera.lens.empty() && !weighted) {
        ir.camera.lens = p.canonical;
        return;
      }
      break;
    case vocab::Slot::Move:
      if (!weighted) {
        ir.camera.moves.push_back(CameraMove{p.canonical, p.speed, span});
        return;
      }
      break;
    case vocab::Slot::CameraTerm:
      break;
  }
  ir.camera.terms.push_back(Term{text, weight, span});
}

LabelledText split_labelled(std::string_view text, const std::vector<std::string_view>& labels) {
  LabelledText out;
  struct Start {
    std::size_t line_begin, value_begin;
    std::string label;
  };
  std::vector<Start> starts;
  for (std::size_t pos = 0; pos <= text.size();) {
    std::size_t eol = text.find('\n', pos);
    if (eol == std::string_view::npos) eol = text.size();
    const std::string_view line = text.substr(pos, eol - pos);
    const std::size_t colon = line.find(':');
    if (colon != std::string_view::npos) {
      const std::string_view label = text::trim(line.substr(0, colon));
      for (auto known : labels) {
        if (iequals(label, known)) {
          std::size_t value = pos + colon + 1;
          while (value < eol && (text[value] == ' ' || text[value] == '\t')) ++value;
          starts.push_back(Start{pos, value, std::string(label)});
          break;
        }
      }
    }
    if (eol == text.size()) break;
    pos = eol + 1;
  }
  const std::size_t prompt_end = starts.empty() ? text.size() : starts.front().line_begin;
  std::string_view prompt = text.substr(0, prompt_end);
  while (!prompt.empty() && (prompt.back() == '\n' || prompt.back() == '\r'))
    prompt.remove_suffix(1);
  out.prompt = prompt;
  out.prompt_span = Span{0, static_cast<std::uint32_t>(prompt.size())};
  for (std::size_t i = 0; i < starts.size(); ++i) {
    const std::size_t end = i + 1 < starts.size() ? starts[i + 1].line_begin : text.size();
    std::string_view value = text.substr(starts[i].value_begin, end - starts[i].value_begin);
    while (!value.empty() && (value.back() == '\n' || value.back() == '\r' || value.back() == ' '))
      value.remove_suffix(1);
    const auto b = static_cast<std::uint32_t>(starts[i].value_begin);
    out.lines.push_back(LabelledLine{starts[i].label, value,
                                     Span{b, b + static_cast<std::uint32_t>(value.size())}});
  }
  return out;
}

std::string compose_text(std::string_view prompt,
                         const std::vector<std::pair<std::string, std::string>>& fields) {
  std::string out(prompt);
  for (const auto& [label, value] : fields) {
    if (value.empty()) continue;
    out += '\n';
    out += label;
    out += ": ";
    out += value;
  }
  return out;
}

void report_uncarried(const Prompt& ir, const std::vector<std::string_view>& carried,
                      std::string_view target, Diagnostics& diags) {
  // Messages are built only for fields that are really dropped: most fields are carried,
  // and this runs once per emitted record.
  auto drop = [&](std::string field, Code code, auto&& describe) {
    if (covered(field, carried)) return;
    report(diags, code, Severity::Warning,
           fmt::format("{} has no {} equivalent; dropped", describe(), target), std::move(field));
  };
  if (!ir.subject.empty())
    drop("subject", Code::DroppedTerm, [&] { return "subject " + describe_terms(ir.subject); });
  if (!ir.style.empty()) {
    drop("style", Code::DroppedTerm, [&] {
      return "style " + describe_terms(std::vector<Term>(ir.style.begin(), ir.style.end()));
    });
  }
  if (!ir.camera.shot.empty())
    drop("camera.shot", Code::DroppedTerm, [&] { return "shot '" + ir.camera.shot + "'"; });
  if (!ir.camera.angle.empty())
    drop("camera.angle", Code::DroppedTerm, [&] { return "angle '" + ir.camera.angle + "'"; });
  if (!ir.camera.lens.empty())
    drop("camera.lens", Code::DroppedTerm, [&] { return "lens '" + ir.camera.lens + "'"; });
  if (!ir.camera.terms.empty())
    drop("camera.terms", Code::DroppedTerm,
         [&] { return "camera terms " + describe_terms(ir.camera.terms); });
  if (!ir.camera.moves.empty()) {
    std::string moves;
    for (const auto& m : ir.camera.moves) moves += (moves.empty() ? "" : ", ") + m.move;
    drop("camera.moves", Code::DroppedMotion, [&] { return "camera moves (" + moves + ")"; });
  }
  if (!ir.motion.empty())
    drop("motion", Code::DroppedMotion, [&] { return "motion " + describe_terms(ir.motion); });
  if (!ir.motion_intensity.empty())
    drop("motion_intensity", Code::DroppedMotion,
         [&] { return "motion intensity '" + ir.motion_intensity + "'"; });
  if (!ir.negative.empty())
    drop("negative", Code::DroppedNegative,
         [&] { return "negative prompt " + describe_terms(ir.negative); });
  const Params& p = ir.params;
  if (p.aspect_ratio)
    drop("params.aspect_ratio", Code::DroppedParameter,
         [&] { return "aspect ratio " + *p.aspect_ratio; });
  if (p.width)
    drop("params.width", Code::DroppedParameter, [&] { return fmt::format("width {}", *p.width); });
  if (p.height)
    drop("params.height", Code::DroppedParameter,
         [&] { return fmt::format("height {}", *p.height); });
  if (p.seed)
    drop("params.seed", Code::DroppedParameter, [&] { return fmt::format("seed {}", *p.seed); });
  if (p.duration_s)
    drop("params.duration_s", Code::DroppedParameter,
         [&] { return "duration " + text::format_number(*p.duration_s) + "s"; });
  if (p.steps)
    drop("params.steps", Code::DroppedParameter, [&] { return fmt::format("steps {}", *p.steps); });
  if (p.guidance)
    drop("params.guidance", Code::DroppedParameter,
         [&] { return "guidance " + text::format_number(*p.guidance); });
  if (p.quality)
    drop("params.quality", Code::DroppedParameter, [&] { return "quality " + *p.quality; });
  if (!ir.references.empty())
    drop("references", Code::DroppedReference,
         [&] { return fmt::format("{} reference(s)", ir.references.size()); });
  if (!ir.loras.empty())
    drop("loras", Code::DroppedLora, [&] { return fmt::format("{} LoRA(s)", ir.loras.size()); });
  if (!ir.audio.empty()) drop("audio", Code::DroppedAudio, [&] { return "audio"; });
  if (ir.extensions.is_object()) {
    for (auto d = ir.extensions.begin(); d != ir.extensions.end(); ++d) {
      if (!d->is_object()) {
        drop("extensions." + d.key(), Code::DroppedParameter,
             [&] { return "extension " + d.key(); });
        continue;
      }
      for (auto k = d->begin(); k != d->end(); ++k)
        drop("extensions." + d.key() + "." + k.key(), Code::DroppedParameter,
             [&] { return fmt::format("{} setting '{}' ({})", d.key(), k.key(), k->dump()); });
    }
  }
}

}  // namespace promptport::kit
