// The NovelAI prompt: danbooru-style tags first (subject, artists and other style, camera),
// then prose, which V4 reads after the tags. Weights as braces when a brace count matches,
// else V4's numerical emphasis.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <utility>

#include "common/source_weights.h"
#include "novelai/novelai_internal.h"
#include "promptport/text.h"

namespace promptport::nai {
namespace {

// A phrase written as one tag or one sentence, with where it goes.
struct Item {
  std::string text;
  int group = 0;          // 0 subject, 1 artist, 2 other style, 3 camera, 4 rating, 5 prose
  std::size_t order = 0;  // its place in kit::writing_order
};

// Danbooru tags are short: a phrase of five words or more reads as prose.
bool is_prose(const kit::Phrase& p) {
  const std::string_view t = text::trim(p.text);
  if (t.empty()) return false;
  if (t.back() == '.' || t.back() == '!' || t.back() == '?') return true;
  std::size_t words = 0;
  bool in_word = false;
  for (const char c : t) {
    const bool space = c == ' ' || c == '\t';
    if (!space && !in_word) ++words;
    in_word = !space;
  }
  return words > 4;
}

class Writer {
 public:
  Writer(const Prompt& ir, Model model, Diagnostics& diags)
      : ir_(ir),
        model_(model),
        diags_(diags),
        source_(dialects::source_weight_model(ir, WeightModel::Scale)) {}

  std::string weighted(std::string_view text, double raw, std::string_view field) {
    const double w = kit::convert_weight(raw, source_, WeightModel::Scale);
    if (std::fabs(std::round(w * 100.0) / 100.0 - 1.0) < 1e-9) return std::string(text);
    int best = 0;
    double best_error = 0.005;
    for (int n = 1; n <= 5; ++n)
      for (const int sign : {1, -1})
        if (const double e = std::fabs(w - std::pow(1.05, sign * n)); e < best_error) {
          best_error = e;
          best = sign * n;
        }
    if (best == 0 && model_ == Model::V3) {
      approximated(field);
      if (w > 0) best = static_cast<int>(std::lround(std::log(w) / std::log(1.05)));
      best = std::clamp(best, -20, 20);
    }
    if (best != 0 || model_ == Model::V3) {
      const std::size_t n = static_cast<std::size_t>(std::abs(best));
      return std::string(n, best > 0 ? '{' : '[') + std::string(text) +
             std::string(n, best > 0 ? '}' : ']');
    }
    return text::format_number(std::round(w * 100.0) / 100.0) + "::" + std::string(text) + " ::";
  }

  template <typename T>
  std::string phrase(const std::vector<T>& terms, const kit::Phrase& p, std::string_view field,
                     std::string_view prefix = {}) {
    std::string out;
    for (std::size_t i = p.first; i < p.first + p.count; ++i) {
      if (!out.empty()) out += ' ';
      out += weighted(i == p.first ? std::string(prefix) + terms[i].text : terms[i].text,
                      terms[i].weight, field);
    }
    return out;
  }

  Written run() {
    const Camera& cam = ir_.camera;
    // The items are made in field order, so diagnostics keep that order; kit::writing_order
    // (by phrase, as tags are written) only decides where each goes.
    std::map<std::pair<kit::Placed::Kind, std::size_t>, std::size_t> place;
    kit::OrderOptions options;
    options.phrases = true;
    for (const kit::Placed& p : kit::writing_order(ir_, options))
      place.emplace(std::pair{p.kind, p.index}, place.size());
    using Kind = kit::Placed::Kind;
    std::vector<Item> items;
    for (const auto& p : kit::phrases(ir_.subject)) {
      const bool prose = is_prose(p);
      items.push_back(
          {phrase(ir_.subject, p, "subject"), prose ? 5 : 0, place[{Kind::Subject, p.first}]});
    }
    for (const auto& p : kit::phrases(ir_.style)) {
      const StyleTerm& first = ir_.style[p.first];
      const std::size_t at = place[{Kind::Style, p.first}];
      if (first.kind == StyleKind::Artist) {
        std::vector<StyleTerm> copy(
            ir_.style.begin() + static_cast<std::ptrdiff_t>(p.first),
            ir_.style.begin() + static_cast<std::ptrdiff_t>(p.first + p.count));
        std::string& name = copy.front().text;
        if (text::lower_ascii(name.substr(0, 3)) == "by ") name.erase(0, 3);
        kit::Phrase local = p;
        local.first = 0;
        items.push_back({phrase(copy, local, "style", "artist:"), 1, at});
      } else {
        items.push_back({phrase(ir_.style, p, "style"), 2, at});
      }
    }
    auto camera_tag = [&](const Tag& tag, const std::string& value, std::string_view field,
                          Kind kind) {
      if (!tag.exact)
        report(diags_, Code::ApproximatedParameter, Severity::Info,
               fmt::format("{} has no danbooru tag of its own; written as '{}'", value, tag.tag),
               std::string(field));
      items.push_back({tag.tag.empty() ? value : std::string(tag.tag), 3, place[{kind, 0}]});
    };
    if (!cam.shot.empty()) camera_tag(shot_tag(cam.shot), cam.shot, "camera.shot", Kind::Shot);
    if (!cam.angle.empty())
      camera_tag(angle_tag(cam.angle), cam.angle, "camera.angle", Kind::Angle);
    if (!cam.lens.empty()) items.push_back({cam.lens, 3, place[{Kind::Lens, 0}]});
    for (const auto& p : kit::phrases(cam.terms))
      items.push_back(
          {phrase(cam.terms, p, "camera.terms"), 3, place[{Kind::CameraTerm, p.first}]});
    if (const auto r = rating(); !r.empty()) items.push_back({"rating:" + r, 4, 0});
    // Source order keeps the user's tag order; without spans the NovelAI order applies.
    // Either way the rating leads and prose goes last.
    const bool spans = kit::source_ordered(ir_);
    auto rank = [&](const Item& i) {
      if (i.group == 4) return -1;
      return spans ? (i.group == 5) * 2 : i.group;
    };
    std::stable_sort(items.begin(), items.end(), [&](const Item& a, const Item& b) {
      const int ga = rank(a);
      const int gb = rank(b);
      return ga != gb ? ga < gb : a.order < b.order;
    });
    Written out;
    for (const Item& item : items) {
      if (item.text.empty()) continue;
      if (!out.prompt.empty()) {
        const char last = out.prompt.back();
        out.prompt += item.group == 5 && (last == '.' || last == '!' || last == '?') ? " " : ", ";
      }
      out.prompt += item.text;
    }
    for (const auto& p : kit::phrases(ir_.negative)) {
      if (!out.negative.empty()) out.negative += ", ";
      out.negative += phrase(ir_.negative, p, "negative");
    }
    return out;
  }

 private:
  void approximated(std::string_view field) {
    if (std::find(reported_.begin(), reported_.end(), field) != reported_.end()) return;
    reported_.emplace_back(field);
    report(diags_, Code::ApproximatedWeight, Severity::Info,
           fmt::format("NovelAI V3 has only brace emphasis (x1.05 per level): {} weights "
                       "written as the nearest brace count",
                       field),
           std::string(field));
  }

  std::string rating() const {
    const auto n = ir_.extensions.find("novelai");
    if (n == ir_.extensions.end() || !n->is_object()) return {};
    const auto r = n->find("rating");
    return r != n->end() && r->is_string() ? r->get<std::string>() : std::string();
  }

  const Prompt& ir_;
  Model model_;
  Diagnostics& diags_;
  WeightModel source_;
  std::vector<std::string> reported_;
};

}  // namespace

Written write_prompt(const Prompt& ir, Model model, Diagnostics& diags) {
  return Writer(ir, model, diags).run();
}

}  // namespace promptport::nai
