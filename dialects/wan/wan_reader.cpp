// Reads Wan prose (Chinese or English) and the labelled lines of its text format.
#include <fmt/format.h>

#include <algorithm>

#include "common/video.h"
#include "promptport/kit.h"
#include "promptport/text.h"
#include "wan/wan_internal.h"

namespace promptport::wan {
namespace {

// Keeps source order in lists the shared reader filled first: `item` goes before the first
// element that starts after it.
template <typename T>
void insert_by_span(std::vector<T>& list, T item) {
  const auto at = std::find_if(list.begin(), list.end(), [&](const T& x) {
    return x.span && item.span && x.span->begin > item.span->begin;
  });
  list.insert(at, std::move(item));
}

// A Chinese camera fragment goes where kit::place_fragment puts an English one: a second
// shot size or angle, or a second lens, stays verbatim in camera.terms.
void place_camera(Prompt& ir, const vocab::Placement& p, const Term& term) {
  Camera& c = ir.camera;
  switch (p.slot) {
    case vocab::Slot::Shot:
      if (c.shot.empty()) {
        c.shot = p.canonical;
        return;
      }
      break;
    case vocab::Slot::Angle:
      if (c.angle.empty()) {
        c.angle = p.canonical;
        return;
      }
      break;
    case vocab::Slot::Lens:
      if (c.lens.empty()) {
        c.lens = term.text;
        return;
      }
      break;
    case vocab::Slot::Move:
      insert_by_span(c.moves, CameraMove{p.canonical, p.speed, term.span});
      return;
    default:
      break;
  }
  insert_by_span(c.terms, Term{term.text, 1.0, term.span, false});
}

// The shared prose reader knows English camera and style words only: whole Chinese
// fragments it left in subject or motion ("镜头缓缓推进", "近景", "水彩画风格") move to camera
// or style here, and Chinese words of a "Camera:" line get their canonical slot.
void place_chinese(Prompt& ir) {
  for (std::vector<Term>* list : {&ir.subject, &ir.motion}) {
    std::vector<Term> kept;
    for (Term& t : *list) {
      if (t.weight == 1.0 && !t.joined && has_cjk(t.text)) {
        if (const auto p = zh_camera(t.text)) {
          place_camera(ir, *p, t);
          continue;
        }
        if (const auto kind = zh_style(t.text)) {
          StyleTerm s;
          static_cast<Term&>(s) = t;
          s.kind = *kind;
          insert_by_span(ir.style, std::move(s));
          continue;
        }
      }
      kept.push_back(std::move(t));
    }
    *list = std::move(kept);
  }
  // The first fragment left is the subject; a later Chinese one with a motion verb is
  // motion ("一只橘猫在窗台上打盹，尾巴轻轻摆动").
  std::vector<Term> subject;
  for (Term& t : ir.subject) {
    if (!subject.empty() && t.weight == 1.0 && !t.joined && zh_motion(t.text))
      insert_by_span(ir.motion, std::move(t));
    else
      subject.push_back(std::move(t));
  }
  ir.subject = std::move(subject);
  std::vector<Term> terms = std::move(ir.camera.terms);
  ir.camera.terms.clear();
  for (Term& t : terms) {
    const auto p = has_cjk(t.text) ? zh_camera(t.text) : std::nullopt;
    if (p && p->slot != vocab::Slot::CameraTerm)
      place_camera(ir, *p, t);
    else
      ir.camera.terms.push_back(std::move(t));
  }
}

// The official default negative (all 28 terms, in order, one contiguous run) becomes the
// marker extensions.wan.default_negative: another platform should not get 28 Chinese terms
// that only tune Wan. With -O keep-default-negative=on they stay plain terms.
void read_negative(const kit::LabelledLine& line, Prompt& ir, const Settings& s,
                   Diagnostics& diags) {
  const auto pieces = text::split_fragments(line.value, line.value_span.begin);
  std::optional<std::size_t> at;
  if (!s.keep_default_negative) {
    std::vector<std::string_view> texts;
    for (const auto& p : pieces) texts.push_back(p.text);
    at = find_default_negative(texts);
  }
  const std::size_t n = default_negative_terms().size();
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    if (at && i >= *at && i < *at + n) continue;
    ir.negative.push_back(Term{std::string(pieces[i].text), 1.0, pieces[i].span, false});
  }
  if (!at) return;
  ir.extensions["wan"]["default_negative"] = true;
  report(diags, Code::ApproximatedNegative, Severity::Info,
         "the official Wan default negative prompt is kept as extensions.wan.default_negative: "
         "Wan writes it back, other platforms do not get its 28 terms word for word (-O "
         "keep-default-negative=on keeps them)",
         "negative", Span{pieces[*at].span.begin, pieces[*at + n - 1].span.end});
}

void read_line(const kit::LabelledLine& line, Prompt& ir, const Settings& s, Diagnostics& diags) {
  const std::string label = text::lower_ascii(line.label);
  const std::string_view v = text::trim(line.value);
  if (label == "negative prompt") {
    read_negative(line, ir, s, diags);
  } else if (video::read_common_line(line, ir, diags)) {
    return;
  } else if (label == "size") {
    if (const auto size = parse_size(v)) {
      ir.params.width = size->width;
      ir.params.height = size->height;
    } else {
      kit::report_bad_value(line, "a size such as 1280*720", diags);
    }
  } else if (label == "frames") {
    // 4n+1 frames span 4n frame steps: 81 frames at 16 fps are 5 s.
    const auto n = text::parse_int(v);
    if (n && *n >= 2 && *n <= 100000)
      ir.params.duration_s = static_cast<double>(*n - 1) / kFps;
    else
      kit::report_bad_value(line, "a frame count such as 81", diags);
  } else if (label == "sample steps") {
    kit::read_setting(line, kit::Setting::Steps, ir, diags);
  } else if (label == "guide scale") {
    kit::read_setting(line, kit::Setting::Guidance, ir, diags);
  } else if (label == "task") {
    if (known_task(v))
      ir.extensions["wan"]["task"] = std::string(v);
    else
      kit::report_bad_value(line, "t2v-14B, t2v-1.3B or t2v-A14B", diags);
  }
}

}  // namespace

const std::vector<std::string_view>& labels() {
  static const std::vector<std::string_view> kLabels{
      "Negative prompt", "Size",         "Frames", "Seed",     "Sample steps",
      "Guide scale",     "Aspect ratio", "Task",   "Duration", "Camera"};
  return kLabels;
}

Prompt read(std::string_view text, const Settings& s, Diagnostics& diags) {
  Prompt ir;
  const kit::LabelledText lt = kit::split_labelled(text, labels());
  video::read_prose(lt.prompt, lt.prompt_span.begin, ir, diags);
  for (const auto& line : lt.lines) read_line(line, ir, s, diags);
  place_chinese(ir);
  return ir;
}

}  // namespace promptport::wan
