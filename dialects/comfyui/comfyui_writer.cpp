// The ComfyUI prompt text: every weight absolute, `(text:1.65)`, since ComfyUI's `(x:w)`
// replaces the enclosing weight; nesting is never needed.
#include <algorithm>
#include <cmath>
#include <limits>

#include "comfyui/comfyui_internal.h"
#include "common/embeddings.h"
#include "common/source_weights.h"
#include "promptport/text.h"
#include "promptport/vocab.h"

namespace promptport::comfy {
namespace {

struct Item {
  std::string text;  // already written: escaped, weighted
  bool joined = false;
  std::uint64_t order = 0;
};

class TermWriter {
 public:
  explicit TermWriter(const Prompt& ir)
      : ir_(ir), model_(dialects::source_weight_model(ir, WeightModel::Scale)) {
    if (const auto c = ir.extensions.find("comfyui"); c != ir.extensions.end() && c->is_object())
      if (const auto e = c->find("embeddings"); e != c->end() && e->is_array())
        for (const auto& name : *e)
          if (name.is_string()) embeddings_.push_back(text::lower_ascii(name.get<std::string>()));
  }

  std::string term(const Term& t) const {
    std::string body;
    if (is_embedding(t.text)) body = "embedding:";
    for (const char c : t.text) {
      if (c == '(' || c == ')') body += '\\';
      body += c;
    }
    double w = kit::convert_weight(t.weight, model_, WeightModel::Scale);
    w = std::round(w * 100.0) / 100.0;
    if (w == 1.0) return body;
    return "(" + body + ":" + text::format_number(w) + ")";
  }

  static std::string join(const std::vector<Item>& items) {
    std::string out;
    for (const Item& item : items) {
      if (item.text.empty()) continue;
      if (!out.empty()) out += item.joined ? " " : ", ";
      out += item.text;
    }
    return out;
  }

 private:
  bool is_embedding(const std::string& name) const {
    if (sdfamily::is_known_embedding(name)) return true;
    const std::string folded = text::lower_ascii(name);
    return std::find(embeddings_.begin(), embeddings_.end(), folded) != embeddings_.end();
  }

  const Prompt& ir_;
  WeightModel model_;
  std::vector<std::string> embeddings_;
};

// "from a low angle", the way the family writes canonical angles.
std::string angle_text(const std::string& angle) {
  const std::string_view p = vocab::angle_phrase(angle);
  return p.empty() ? angle : "from " + std::string(p);
}

}  // namespace

// Source order when every term has a span, else subject, style, camera; shot, angle and
// lens (which have no span) go right before the camera terms.
std::string write_terms(const Prompt& ir, Diagnostics&) {
  const TermWriter w(ir);
  const Camera& cam = ir.camera;
  bool spans = true;
  for (const auto& t : ir.subject) spans = spans && t.span;
  for (const auto& t : ir.style) spans = spans && t.span;
  for (const auto& t : cam.terms) spans = spans && t.span;
  std::uint64_t seq = 0;
  auto key = [&](const std::optional<Span>& s) {
    ++seq;
    return spans ? ((std::uint64_t{s->begin} + 1) << 32) + seq : seq << 32;
  };
  std::vector<Item> items;
  for (const auto& t : ir.subject) items.push_back({w.term(t), t.joined, key(t.span)});
  for (const auto& t : ir.style) items.push_back({w.term(t), t.joined, key(t.span)});
  std::uint64_t camera_at = std::numeric_limits<std::uint64_t>::max() - 8;
  if (spans)
    for (const auto& t : cam.terms)
      camera_at = std::min(camera_at, (std::uint64_t{t.span->begin} + 1) << 32);
  else
    camera_at = ++seq << 32;
  std::uint64_t fixed = camera_at - 4;
  auto plain = [&](std::string text) {
    Term t;
    t.text = std::move(text);
    items.push_back({w.term(t), false, fixed++});
  };
  if (!cam.shot.empty()) {
    const std::string_view p = vocab::shot_phrase(cam.shot);
    plain(p.empty() ? cam.shot : std::string(p));
  }
  if (!cam.angle.empty()) plain(angle_text(cam.angle));
  if (!cam.lens.empty()) plain(cam.lens);
  for (const auto& t : cam.terms) items.push_back({w.term(t), t.joined, key(t.span)});
  std::stable_sort(items.begin(), items.end(),
                   [](const Item& a, const Item& b) { return a.order < b.order; });
  return TermWriter::join(items);
}

std::string write_negative(const Prompt& ir) {
  const TermWriter w(ir);
  std::vector<Item> items;
  for (const auto& t : ir.negative) items.push_back({w.term(t), t.joined, 0});
  return TermWriter::join(items);
}

}  // namespace promptport::comfy
