// The Midjourney writer: `[image URLs] text [--params]`; this file writes the text.
#include <fmt/format.h>

#include <algorithm>
#include <limits>

#include "common/source_weights.h"
#include "midjourney_internal.h"
#include "midjourney_lex.h"
#include "midjourney_params.h"
#include "midjourney_writer.h"
#include "promptport/kit.h"
#include "promptport/text.h"
#include "promptport/vocab.h"

namespace promptport::mj {

Writer::Writer(const Prompt& ir, const Options& options, Diagnostics& diags)
    : ir_(ir), options_(options), diags_(diags) {
  from_mj_ = !ir.source || ir.source->dialect == "midjourney";
  relative_negatives_ =
      dialects::source_weight_model(ir, WeightModel::Relative) != WeightModel::Scale;
  if (auto d = ir.extensions.find("midjourney"); d != ir.extensions.end() && d->is_object())
    ext_ = &*d;
  video_ = ext_ && ext_->contains("video") && (*ext_)["video"] == true;
  if (auto o = options.find("legacy"); o != options.end()) {
    if (o->second == "keep")
      keep_ = true;
    else if (o->second != "drop")
      report(diags_, Code::InvalidValue, Severity::Warning,
             "-O legacy=" + o->second + " is not keep or drop; drop is used", "legacy");
  }
  // The version written decides the ranges: -O version, else the prompt's, else the latest.
  auto numeric = [](const nlohmann::json* v, std::string_view set) -> std::optional<double> {
    if (!v || !v->is_string() || !in_set(set, v->get<std::string>())) return std::nullopt;
    return text::parse_double(v->get<std::string>());
  };
  if (auto o = options.find("version"); o != options.end()) {
    if (in_set(kVersions, o->second))
      version_option_ = o->second;
    else
      report(diags_, Code::InvalidValue, Severity::Warning,
             "-O version=" + o->second + " is not a Midjourney version (" + std::string(kVersions) +
                 "); ignored",
             "version");
  }
  if (version_option_)
    version_ = text::parse_double(*version_option_).value_or(kLatestVersion);
  else if (auto v = numeric(ext("version"), kVersions))
    version_ = *v;
  else if (auto n = numeric(ext("niji"), kNijiVersions))
    version_ = *n;
}

Emitted Writer::run() {
  std::string line;
  for (const Reference& r : ir_.references)
    if (r.kind == ReferenceKind::Image) {  // <url> when a bare one would lose its end
      const bool bracket = !r.uri.empty() && (r.uri.back() == ',' || r.uri.back() == ';');
      append(line, bracket ? "<" + r.uri + ">" : r.uri);
    }
  const std::string text = prompt_text();
  const std::string params = parameters();
  append(line, text);
  // Text ending in a URL-like word would read as a trailing image prompt at the line end.
  const std::size_t last = text.find_last_of(' ');
  if (params.empty() && !text.empty() &&
      !url_of(text.substr(last == text.npos ? 0 : last + 1)).empty())
    line += " ::";
  append(line, params);
  if (!ir_.camera.moves.empty() && (from_mj_ || video_)) carried_.push_back("camera.moves");
  carried_.insert(carried_.end(),
                  {"subject", "style", "camera.shot", "camera.angle", "camera.lens", "camera.terms",
                   "negative", "references", "params.aspect_ratio", "params.width", "params.height",
                   "params.seed", "extensions.midjourney"});
  kit::report_uncarried(ir_, carried_, "Midjourney", diags_);
  // One line: line breaks inside terms (from a multi-line source) read as spaces anyway.
  std::replace_if(
      line.begin(), line.end(), [](char c) { return c == '\n' || c == '\r'; }, ' ');
  Emitted out;
  out.prompt = line;
  out.text = line;
  out.request = nlohmann::json{{"prompt", std::move(line)}};
  return out;
}

void Writer::append(std::string& out, std::string_view part) {
  if (part.empty()) return;
  if (!out.empty()) out += ' ';
  out += part;
}

namespace {

// The short tags Midjourney users write for the canonical angles (the vocabulary reads each
// back as the same angle).
std::string_view angle_tag(std::string_view angle) {
  static constexpr std::pair<std::string_view, std::string_view> kTags[] = {
      {"eye-level", "eye level"},
      {"low-angle", "low angle"},
      {"high-angle", "high angle"},
      {"overhead", "overhead"},
      {"worms-eye", "worm's-eye view"},
      {"dutch", "dutch angle"},
      {"over-the-shoulder", "over the shoulder"},
      {"pov", "pov"}};
  for (const auto& [canonical, tag] : kTags)
    if (canonical == angle) return tag;
  return {};
}

// A bare name from another platform's prose ("in the style of Ernst Haeckel" read as
// "Ernst Haeckel") reads as a subject in Midjourney; "by" keeps it an artist.
std::string artist_text(const std::string& name) {
  const std::string folded = " " + text::lower_ascii(name);
  if (folded.find(" by ") != std::string::npos || folded.find("style of") != std::string::npos)
    return name;
  return "by " + name;
}

}  // namespace

// The positive terms in writing order: by source position when every term has a span,
// else subject, style, camera. Shot, angle and lens (which have no span) go right before
// the camera terms, so a second shot size in camera.terms reads back as a term again.
std::vector<Item> Writer::items() const {
  const Camera& cam = ir_.camera;
  const bool moves = !cam.moves.empty() && (from_mj_ || video_);
  bool spans = true;
  for (const auto& t : ir_.subject) spans = spans && t.span;
  for (const auto& t : ir_.style) spans = spans && t.span;
  for (const auto& t : cam.terms) spans = spans && t.span;
  if (moves)
    for (const auto& m : cam.moves) spans = spans && m.span;
  std::vector<Item> out;
  std::uint64_t seq = 0;
  auto key = [&](const std::optional<Span>& s) {
    ++seq;
    return spans ? ((std::uint64_t{s->begin} + 1) << 32) + seq : seq << 32;
  };
  // Joined terms ("a (red:1.3) fox") are one phrase: Midjourney weighs whole segments.
  const WeightModel model = dialects::source_weight_model(ir_, WeightModel::Relative);
  auto weight = [&](const kit::Phrase& p) {
    return kit::convert_weight(p.weight, model, WeightModel::Relative);
  };
  for (const auto& p : kit::phrases(ir_.subject))
    out.push_back({p.text, weight(p), key(ir_.subject[p.first].span)});
  for (const auto& p : kit::phrases(ir_.style)) {
    const bool artist = !from_mj_ && ir_.style[p.first].kind == StyleKind::Artist;
    out.push_back({artist ? artist_text(p.text) : p.text, weight(p), key(ir_.style[p.first].span)});
  }
  std::uint64_t camera_at = std::numeric_limits<std::uint64_t>::max() - 8;
  if (spans)
    for (const auto& t : cam.terms)
      camera_at = std::min(camera_at, (std::uint64_t{t.span->begin} + 1) << 32);
  else
    camera_at = ++seq << 32;
  std::uint64_t fixed = camera_at - 4;
  if (!cam.shot.empty()) {
    const std::string_view p = vocab::shot_phrase(cam.shot);
    out.push_back({p.empty() ? cam.shot : std::string(p), 1.0, fixed++});
  }
  if (!cam.angle.empty()) {
    const std::string_view tag = angle_tag(cam.angle), p = vocab::angle_phrase(cam.angle);
    out.push_back({!tag.empty() ? std::string(tag)
                   : p.empty()  ? cam.angle
                                : "from " + std::string(p),
                   1.0, fixed++});
  }
  if (!cam.lens.empty()) out.push_back({cam.lens, 1.0, fixed++});  // "35mm", "fisheye"
  for (const auto& p : kit::phrases(cam.terms))
    out.push_back({p.text, weight(p), key(cam.terms[p.first].span)});
  if (moves) {
    for (const auto& m : cam.moves) {
      const std::string_view p = vocab::move_phrase(m.move);
      std::string text = p.empty() ? m.move : std::string(p);
      if (!m.speed.empty()) text = m.speed + " " + text;
      out.push_back({std::move(text), 1.0, key(m.span)});
    }
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const Item& a, const Item& b) { return a.order < b.order; });
  return out;
}

void Writer::approximated_weights() {
  if (from_mj_) return;
  auto check = [&](const auto& terms, const char* field) {
    for (const auto& t : terms)
      if (!same_weight(t.weight, 1.0) || t.joined) {
        report(diags_, Code::ApproximatedWeight, Severity::Info,
               fmt::format("{} weights are written as Midjourney ::weights, which are relative "
                           "between segments",
                           field),
               field);
        return;
      }
  };
  check(ir_.subject, "subject");
  check(ir_.style, "style");
  check(ir_.camera.terms, "camera.terms");
}

// Consecutive terms of equal weight form one `::` segment; no `::` when all weights are 1.
// Weighted negatives follow as `text::-w` (w = 0.5 x weight, the team's convention).
std::string Writer::prompt_text() {
  struct Group {
    std::string text;
    double weight;
  };
  std::vector<Group> groups;
  auto add = [&](const std::string& text, double weight) {
    if (text.empty()) return;  // nothing to write (never read from a prompt)
    if (!groups.empty() && same_weight(groups.back().weight, weight)) {
      // Sentences from prose platforms already end in a stop: "signage. She wears", not
      // "signage., She wears". (Midjourney's own terms keep the comma, for the round trip.)
      const char last = groups.back().text.back();
      const bool sentence = !from_mj_ && (last == '.' || last == '!' || last == '?');
      groups.back().text += (sentence ? " " : param_like(text) ? "," : ", ") + text;
    } else {
      groups.push_back({text, weight});
    }
  };
  for (const Item& item : items()) add(item.text, item.weight);
  approximated_weights();
  bool approximated_negative = false;
  for (const Term& t : ir_.negative) {
    if (in_no(t)) continue;
    add(t.text, -0.5 * t.weight);
    approximated_negative = approximated_negative || !from_mj_;
  }
  if (approximated_negative)
    report(diags_, Code::ApproximatedNegative, Severity::Info,
           "weighted negative terms are written as negative ::weights", "negative");
  std::string out;
  // An empty first segment keeps a leading "--xyz", URL or "/imagine" as text.
  if (!groups.empty() && (param_like(groups.front().text) ||
                          text::lower_ascii(groups.front().text.substr(0, 8)) == "/imagine"))
    out = "::";
  for (std::size_t i = 0; i < groups.size(); ++i) {
    const bool last = i + 1 == groups.size();
    out += groups[i].text;
    if (!last || !same_weight(groups[i].weight, 1.0)) {
      if (groups[i].text.back() == ':') out += ' ';  // "wall:" then "::" must not read ":::"
      out += "::";
      if (!same_weight(groups[i].weight, 1.0)) out += text::format_number(groups[i].weight);
    }
    if (!last) out += param_like(groups[i + 1].text) ? ',' : ' ';
  }
  return out;
}

bool Writer::in_no(const Term& t) const {
  return !relative_negatives_ || same_weight(t.weight, 1.0) || !(t.weight > 0);
}

Emitted emit_prompt(const Prompt& ir, const Options& options, Diagnostics& diags) {
  // Per-word weights ("a (red:1.3) fox") have no Midjourney form: one phrase, one weight.
  const std::optional<Prompt> merged = kit::merge_joined(ir);
  return Writer(merged ? *merged : ir, options, diags).run();
}

}  // namespace promptport::mj
