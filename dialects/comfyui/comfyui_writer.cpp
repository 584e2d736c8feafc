// The ComfyUI prompt text: every weight absolute, `(text:1.65)`, since ComfyUI's `(x:w)`
// replaces the enclosing weight; nesting is never needed.
#include <algorithm>
#include <cmath>

#include "comfyui/comfyui_internal.h"
#include "common/embeddings.h"
#include "common/source_weights.h"
#include "promptport/kit.h"
#include "promptport/text.h"
#include "promptport/vocab.h"

namespace promptport::comfy {
namespace {

struct Item {
  std::string text;  // already written: escaped, weighted
  bool joined = false;
};

class TermWriter {
 public:
  explicit TermWriter(const Prompt& ir)
      : model_(dialects::source_weight_model(ir, WeightModel::Scale)) {
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

  WeightModel model_;
  std::vector<std::string> embeddings_;
};

// "from a low angle", the way the family writes canonical angles.
std::string angle_text(const std::string& angle) {
  const std::string_view p = vocab::angle_phrase(angle);
  return p.empty() ? angle : "from " + std::string(p);
}

}  // namespace

// The terms in kit::writing_order (source order when every term has a span).
std::string write_terms(const Prompt& ir, Diagnostics&) {
  const TermWriter w(ir);
  const Camera& cam = ir.camera;
  auto plain = [&](std::string text) {
    Term t;
    t.text = std::move(text);
    return w.term(t);
  };
  std::vector<Item> items;
  for (const kit::Placed& p : kit::writing_order(ir)) {
    using Kind = kit::Placed::Kind;
    switch (p.kind) {
      case Kind::Subject:
        items.push_back({w.term(ir.subject[p.index]), ir.subject[p.index].joined});
        break;
      case Kind::Style:
        items.push_back({w.term(ir.style[p.index]), ir.style[p.index].joined});
        break;
      case Kind::CameraTerm:
        items.push_back({w.term(cam.terms[p.index]), cam.terms[p.index].joined});
        break;
      case Kind::Shot: {
        const std::string_view phrase = vocab::shot_phrase(cam.shot);
        items.push_back({plain(phrase.empty() ? cam.shot : std::string(phrase)), false});
        break;
      }
      case Kind::Angle:
        items.push_back({plain(angle_text(cam.angle)), false});
        break;
      case Kind::Lens:
        items.push_back({plain(cam.lens), false});
        break;
      case Kind::Move:
        break;  // not asked for: ComfyUI writes no camera moves
    }
  }
  return TermWriter::join(items);
}

std::string write_negative(const Prompt& ir) {
  const TermWriter w(ir);
  std::vector<Item> items;
  for (const auto& t : ir.negative) items.push_back({w.term(t), t.joined});
  return TermWriter::join(items);
}

}  // namespace promptport::comfy
