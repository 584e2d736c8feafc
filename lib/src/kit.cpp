// Helpers shared by dialects: placing fragments, labelled-line formats, loss accounting.
#include "promptport/kit.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>

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

// Inline syntax of another dialect (extensions.<d>.inline, see kit.h): the writer wrote
// each entry's `text` where the construct stood, which is an approximation, not a drop.
void report_inline(const nlohmann::json& entries, std::string_view dialect, std::string_view target,
                   const std::string& field, Diagnostics& diags) {
  for (const auto& e : entries) {
    const std::string syntax = e.is_object() ? e.value("syntax", std::string()) : e.dump();
    const std::string text = e.is_object() ? e.value("text", std::string()) : std::string();
    report(diags, Code::ApproximatedSyntax, Severity::Info,
           text.empty()
               ? fmt::format("{} ({} only) has no {} form; left out", syntax, dialect, target)
               : fmt::format("{} ({} only) written as '{}' for {}", syntax, dialect, text, target),
           field);
  }
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

namespace {

// Fragment separators for weighted-run prompts: commas (ASCII and full-width) and breaks.
std::size_t separator_length(std::string_view s, std::size_t i) {
  if (s[i] == ',' || s[i] == '\n' || s[i] == '\r') return 1;
  if (s.compare(i, 3, "\xEF\xBC\x8C") == 0 || s.compare(i, 3, "\xE3\x80\x81") == 0) return 3;
  return 0;
}

struct Piece {
  std::string text;
  double weight;
  Span span;
};

void place_pieces(Prompt& ir, std::vector<Piece>& pieces) {
  if (pieces.empty()) return;
  if (pieces.size() == 1) {
    place_fragment(ir, pieces[0].text, pieces[0].span, pieces[0].weight);
    pieces.clear();
    return;
  }
  std::string whole;
  for (const auto& p : pieces) whole += (whole.empty() ? "" : " ") + p.text;
  const vocab::Placement placement = vocab::classify(whole);
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    Term t{std::move(pieces[i].text), pieces[i].weight, pieces[i].span, i > 0};
    if (placement.slot == vocab::Slot::Subject) {
      ir.subject.push_back(std::move(t));
    } else if (placement.slot == vocab::Slot::Style) {
      StyleTerm st;
      static_cast<Term&>(st) = std::move(t);
      st.kind = placement.kind;
      ir.style.push_back(std::move(st));
    } else {
      // A camera phrase with several weights has no canonical slot that keeps them.
      ir.camera.terms.push_back(std::move(t));
    }
  }
  pieces.clear();
}

template <typename T>
std::vector<Phrase> phrases_of(const std::vector<T>& terms) {
  std::vector<Phrase> out;
  for (std::size_t i = 0; i < terms.size(); ++i) {
    const Term& t = terms[i];
    if (t.joined && !out.empty()) {
      Phrase& p = out.back();
      p.text += ' ';
      p.text += t.text;
      if (t.weight != terms[p.first].weight) p.mixed = true;
      if (std::fabs(t.weight - 1.0) > std::fabs(p.weight - 1.0)) p.weight = t.weight;
      ++p.count;
      continue;
    }
    out.push_back(Phrase{t.text, t.weight, false, i, 1});
  }
  return out;
}

}  // namespace

void place_runs(Prompt& ir, const std::vector<WeightedRun>& runs) {
  std::vector<Piece> pieces;
  for (const auto& run : runs) {
    const std::string_view s = run.text;
    // Exact spans for pieces only when the run is its source verbatim (no escapes).
    const bool verbatim = run.span.end - run.span.begin == s.size();
    std::size_t start = 0;
    auto flush_piece = [&](std::size_t end) {
      std::string_view piece = s.substr(start, end - start);
      std::size_t lead = 0;
      while (lead < piece.size() && (piece[lead] == ' ' || piece[lead] == '\t')) ++lead;
      piece.remove_prefix(lead);
      while (!piece.empty() && (piece.back() == ' ' || piece.back() == '\t'))
        piece.remove_suffix(1);
      if (piece.empty()) return;
      Span span = run.span;
      if (verbatim) {
        span.begin = run.span.begin + static_cast<std::uint32_t>(start + lead);
        span.end = span.begin + static_cast<std::uint32_t>(piece.size());
      }
      pieces.push_back(Piece{std::string(piece), run.weight, span});
    };
    for (std::size_t i = 0; i < s.size();) {
      const std::size_t sep = separator_length(s, i);
      if (sep == 0) {
        ++i;
        continue;
      }
      flush_piece(i);
      place_pieces(ir, pieces);
      i += sep;
      start = i;
    }
    flush_piece(s.size());
  }
  place_pieces(ir, pieces);
}

std::vector<Phrase> phrases(const std::vector<Term>& terms) { return phrases_of(terms); }
std::vector<Phrase> phrases(const std::vector<StyleTerm>& terms) { return phrases_of(terms); }

namespace {

template <typename T>
bool any_joined(const std::vector<T>& terms) {
  return std::any_of(terms.begin(), terms.end(), [](const Term& t) { return t.joined; });
}

template <typename T>
std::vector<T> merged(const std::vector<T>& terms) {
  std::vector<T> out;
  for (const auto& p : phrases(terms)) {
    T t = terms[p.first];
    t.text = p.text;
    t.weight = p.weight;
    for (std::size_t i = p.first + 1; i < p.first + p.count; ++i) {
      const auto& s = terms[i].span;
      if (t.span && s)
        t.span = Span{std::min(t.span->begin, s->begin), std::max(t.span->end, s->end)};
    }
    out.push_back(std::move(t));
  }
  return out;
}

}  // namespace

std::optional<Prompt> merge_joined(const Prompt& ir) {
  if (!any_joined(ir.subject) && !any_joined(ir.style) && !any_joined(ir.camera.terms) &&
      !any_joined(ir.motion) && !any_joined(ir.negative))
    return std::nullopt;
  Prompt out = ir;
  out.subject = merged(ir.subject);
  out.style = merged(ir.style);
  out.camera.terms = merged(ir.camera.terms);
  out.motion = merged(ir.motion);
  out.negative = merged(ir.negative);
  return out;
}

bool source_ordered(const Prompt& ir, bool moves) {
  auto spanned = [](const auto& list) {
    return std::all_of(list.begin(), list.end(), [](const auto& t) { return t.span.has_value(); });
  };
  return spanned(ir.subject) && spanned(ir.style) && spanned(ir.camera.terms) &&
         (!moves || spanned(ir.camera.moves));
}

std::vector<Placed> writing_order(const Prompt& ir, const OrderOptions& options) {
  using Kind = Placed::Kind;
  const Camera& cam = ir.camera;
  const bool by_source = source_ordered(ir, options.moves);
  struct Keyed {
    Placed placed;
    std::uint64_t at = 0;  // source position; unused without spans
    bool slot = false;     // shot/angle/lens: before a term at the same position
  };
  std::vector<Keyed> out;
  auto at = [&](const std::optional<Span>& span) -> std::uint64_t {
    return by_source ? span->begin : 0;
  };
  auto terms = [&](Kind kind, const auto& list) {
    if (options.phrases) {
      for (const Phrase& p : phrases(list))
        out.push_back({{kind, p.first, p.count}, at(list[p.first].span), false});
    } else {
      for (std::size_t i = 0; i < list.size(); ++i)
        out.push_back({{kind, i, 1}, at(list[i].span), false});
    }
  };
  terms(Kind::Subject, ir.subject);
  terms(Kind::Style, ir.style);
  // The first camera term by position, not by index: that is where the camera part starts.
  std::uint64_t camera_at = std::numeric_limits<std::uint64_t>::max();
  if (by_source)
    for (const Term& t : cam.terms) camera_at = std::min<std::uint64_t>(camera_at, t.span->begin);
  if (!cam.shot.empty()) out.push_back({{Kind::Shot, 0, 1}, camera_at, true});
  if (!cam.angle.empty()) out.push_back({{Kind::Angle, 0, 1}, camera_at, true});
  if (!cam.lens.empty()) out.push_back({{Kind::Lens, 0, 1}, camera_at, true});
  terms(Kind::CameraTerm, cam.terms);
  if (options.moves)
    for (std::size_t i = 0; i < cam.moves.size(); ++i)
      out.push_back({{Kind::Move, i, 1}, at(cam.moves[i].span), false});
  // Without spans the insertion order above is the writing order already.
  if (by_source)
    std::stable_sort(out.begin(), out.end(), [](const Keyed& a, const Keyed& b) {
      return a.at != b.at ? a.at < b.at : a.slot && !b.slot;
    });
  std::vector<Placed> order;
  order.reserve(out.size());
  for (const Keyed& k : out) order.push_back(k.placed);
  return order;
}

double convert_weight(double w, WeightModel from, WeightModel to) {
  if (from == to || from == WeightModel::None || to == WeightModel::None || !(w > 0)) return w;
  if (from == WeightModel::Relative) {
    const double scaled = std::clamp(1.0 + 0.3 * std::log2(w), 0.5, 1.6);
    return std::round(scaled * 100.0) / 100.0;
  }
  const double relative = std::pow(2.0, (w - 1.0) / 0.3);
  return std::max(0.1, std::round(relative * 10.0) / 10.0);
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

void report_bad_value(const LabelledLine& line, std::string_view expected, Diagnostics& diags) {
  report(diags, Code::InvalidValue, Severity::Warning,
         fmt::format("'{}: {}' is not {}; ignored", line.label, text::trim(line.value), expected),
         line.label, line.value_span);
}

bool read_setting(const LabelledLine& line, Setting setting, Prompt& ir, Diagnostics& diags) {
  const std::string_view v = text::trim(line.value);
  auto bad = [&](std::string_view what) {
    report_bad_value(line, what, diags);
    return false;
  };
  switch (setting) {
    case Setting::Steps:
      if (const auto n = text::parse_int(v); n && *n > 0) {
        ir.params.steps = *n;
        return true;
      }
      return bad("a positive integer");
    case Setting::Guidance:
      if (const auto g = text::parse_double(v)) {
        ir.params.guidance = *g;
        return true;
      }
      return bad("a number");
    case Setting::Seed:
      if (const auto n = text::parse_int(v)) {
        ir.params.seed = *n;
        return true;
      }
      return bad("an integer");
    case Setting::Size: {
      const std::size_t x = v.find_first_of("xX");
      const auto w =
          x == std::string_view::npos ? std::nullopt : text::parse_int(text::trim(v.substr(0, x)));
      const auto h =
          x == std::string_view::npos ? std::nullopt : text::parse_int(text::trim(v.substr(x + 1)));
      // No image model renders a side over 64k pixels; larger is a typo or junk.
      if (!w || !h || *w <= 0 || *h <= 0 || *w > 65536 || *h > 65536)
        return bad("a size such as 1024x1024");
      ir.params.width = *w;
      ir.params.height = *h;
      ir.params.aspect_ratio = text::reduce_ratio(*w, *h);
      return true;
    }
  }
  return false;
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
      for (auto k = d->begin(); k != d->end(); ++k) {
        std::string field = "extensions." + d.key() + "." + k.key();
        if (k.key() == "inline" && k->is_array()) {
          if (!covered(field, carried)) report_inline(*k, d.key(), target, field, diags);
          continue;
        }
        drop(std::move(field), Code::DroppedParameter,
             [&] { return fmt::format("{} setting '{}' ({})", d.key(), k.key(), k->dump()); });
      }
    }
  }
}

}  // namespace promptport::kit
