// The Midjourney writer: `[image URLs] text [--params]`; this file writes the text.
#include <fmt/format.h>

#include <algorithm>

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

// The positive phrases in kit::writing_order: source order when every term (and move
// written) has a span. Camera moves only for video or a Midjourney source.
std::vector<Item> Writer::items() const {
  const Camera& cam = ir_.camera;
  kit::OrderOptions order;
  // Joined terms ("a (red:1.3) fox") are one phrase: Midjourney weighs whole segments.
  order.phrases = true;
  order.moves = !cam.moves.empty() && (from_mj_ || video_);
  const WeightModel model = dialects::source_weight_model(ir_, WeightModel::Relative);
  const std::vector<kit::Phrase> subject = kit::phrases(ir_.subject),
                                 style = kit::phrases(ir_.style), camera = kit::phrases(cam.terms);
  // writing_order places a phrase by its first term, and phrases() lists them by it.
  auto weighted = [&](const std::vector<kit::Phrase>& list, const kit::Placed& at) {
    const kit::Phrase& p =
        *std::lower_bound(list.begin(), list.end(), at.index,
                          [](const kit::Phrase& q, std::size_t first) { return q.first < first; });
    return Item{p.text, kit::convert_weight(p.weight, model, WeightModel::Relative)};
  };
  std::vector<Item> out;
  for (const kit::Placed& p : kit::writing_order(ir_, order)) {
    using Kind = kit::Placed::Kind;
    switch (p.kind) {
      case Kind::Subject:
        out.push_back(weighted(subject, p));
        break;
      case Kind::Style: {
        Item item = weighted(style, p);
        if (!from_mj_ && ir_.style[p.index].kind == StyleKind::Artist)
          item.text = artist_text(item.text);
        out.push_back(std::move(item));
        break;
      }
      case Kind::CameraTerm:
        out.push_back(weighted(camera, p));
        break;
      case Kind::Shot: {
        const std::string_view phrase = vocab::shot_phrase(cam.shot);
        out.push_back({phrase.empty() ? cam.shot : std::string(phrase), 1.0});
        break;
      }
      case Kind::Angle: {
        const std::string_view tag = angle_tag(cam.angle), phrase = vocab::angle_phrase(cam.angle);
        out.push_back({!tag.empty()     ? std::string(tag)
                       : phrase.empty() ? cam.angle
                                        : "from " + std::string(phrase),
                       1.0});
        break;
      }
      case Kind::Lens:
        out.push_back({cam.lens, 1.0});  // "35mm", "fisheye"
        break;
      case Kind::Move: {
        const CameraMove& m = cam.moves[p.index];
        const std::string_view phrase = vocab::move_phrase(m.move);
        std::string text = phrase.empty() ? m.move : std::string(phrase);
        if (!m.speed.empty()) text = m.speed + " " + text;
        out.push_back({std::move(text), 1.0});
        break;
      }
    }
  }
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
