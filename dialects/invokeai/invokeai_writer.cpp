// The compel writer: terms with compel weights, and the constructs of
// extensions.invokeai.inline written back where they stood.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "common/source_weights.h"
#include "invokeai/invokeai_internal.h"
#include "promptport/kit.h"
#include "promptport/text.h"
#include "promptport/vocab.h"

namespace promptport::invokeai {
namespace {

bool space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool syntax_char(char c) {
  return c == '(' || c == ')' || c == '"' || c == ',' || c == '.' || c == '=' || c == '+' ||
         c == '-';
}

// A word compel weights with a bare `+`: no space, nothing its word grammar stops at, and
// a '+' or '-' only inside ("well-lit").
bool single_word(std::string_view t) {
  if (t.empty() || t.back() == '+' || t.back() == '-') return false;
  for (std::size_t i = 0; i < t.size(); ++i) {
    const char c = t[i];
    if (space(c) || c == '\\' || (syntax_char(c) && c != '+' && c != '-')) return false;
    if ((c == '+' || c == '-') && syntax_char(t[i + 1])) return false;
  }
  return true;
}

// Escapes what compel would read as syntax. Inside a group compel also fails on a '=' and
// on a '+'/'-' that is not inside a word, so those are escaped there too.
std::string escape(std::string_view t, bool group) {
  std::string out;
  out.reserve(t.size() + 4);
  for (std::size_t i = 0; i < t.size(); ++i) {
    const char c = t[i];
    bool esc = c == '(' || c == ')' || c == '"';
    if (c == '+' || c == '-') {
      const bool word_before = i > 0 && !space(t[i - 1]);
      const bool word_after = i + 1 < t.size() && !space(t[i + 1]) && !syntax_char(t[i + 1]);
      esc = group ? !(word_before && word_after) : word_before && !word_after;
      if (!group && !word_before && !word_after && i + 1 < t.size() && syntax_char(t[i + 1]))
        esc = true;  // "--" alone: the first would end a word
    }
    if (c == '=' && group) esc = true;
    if (esc) out += '\\';
    out += c;
  }
  return out;
}

std::string repeat(char c, int n) { return std::string(static_cast<std::size_t>(n), c); }

}  // namespace

std::string weighted_text(std::string_view text, double w, bool raw) {
  auto plain = [&](bool group) { return raw ? std::string(text) : escape(text, group); };
  if (std::fabs(w - 1.0) < 1e-9) return plain(false);
  for (int n = 1; n <= 3; ++n) {
    const bool up = std::fabs(w - std::pow(1.1, n)) <= 0.005;
    const bool down = std::fabs(w - std::pow(0.9, n)) <= 0.005;
    if (!up && !down) continue;
    const std::string signs = repeat(up ? '+' : '-', n);
    if (!raw && single_word(text)) return plain(false) + signs;
    return "(" + plain(true) + ")" + signs;
  }
  return "(" + plain(true) + ")" + text::format_number(w);
}

namespace {

struct Ref {
  std::string field;
  std::size_t index;
};

// One thing written: a term, a camera phrase, or a construct standing for several terms.
struct Item {
  std::string text;
  double weight = 1.0;
  bool raw = false;     // syntax from an inline entry: written as is
  bool joined = false;  // follows the previous item with a space, not ", "
  Ref ref;              // the term it writes (field "" for camera phrases)
};

class Writer {
 public:
  Writer(const Prompt& ir, Diagnostics& diags) : ir_(ir), diags_(diags) {
    model_ = dialects::source_weight_model(ir, WeightModel::Scale);
    if (auto d = ir.extensions.find("invokeai"); d != ir.extensions.end() && d->is_object())
      if (auto e = d->find("inline"); e != d->end() && e->is_array()) entries_ = &*e;
  }

  WrittenPrompts run() {
    WrittenPrompts out;
    out.prompt = join(apply_inline(positive_items(), false));
    out.negative = join(apply_inline(negative_items(), true));
    if (negative_weight_) {
      report(diags_, Code::ApproximatedWeight, Severity::Info,
             "compel has no negative weights; such terms are written unweighted", "subject");
    }
    return out;
  }

 private:
  double weight(double w) {
    w = kit::convert_weight(w, model_, WeightModel::Scale);
    w = std::round(w * 100.0) / 100.0;
    if (w < 0) {
      negative_weight_ = true;
      return 1.0;
    }
    return w;
  }

  // The positive terms in kit::writing_order (source order when every term has a span).
  std::vector<Item> positive_items() {
    const Camera& cam = ir_.camera;
    std::vector<Item> out;
    auto add = [&](const Term& t, std::string_view field, std::size_t index) {
      out.push_back(
          Item{t.text, weight(t.weight), false, t.joined, Ref{std::string(field), index}});
    };
    auto phrase = [&](std::string text) {
      out.push_back(Item{std::move(text), 1.0, false, false, Ref{}});
    };
    for (const kit::Placed& p : kit::writing_order(ir_)) {
      using Kind = kit::Placed::Kind;
      switch (p.kind) {
        case Kind::Subject:
          add(ir_.subject[p.index], "subject", p.index);
          break;
        case Kind::Style:
          add(ir_.style[p.index], "style", p.index);
          break;
        case Kind::CameraTerm:
          add(cam.terms[p.index], "camera.terms", p.index);
          break;
        case Kind::Shot: {
          const std::string_view text = vocab::shot_phrase(cam.shot);
          phrase(text.empty() ? cam.shot : std::string(text));
          break;
        }
        case Kind::Angle: {
          const std::string_view text = vocab::angle_phrase(cam.angle);
          phrase(text.empty() ? cam.angle : "from " + std::string(text));
          break;
        }
        case Kind::Lens:
          phrase(cam.lens);
          break;
        case Kind::Move:
          break;  // not asked for: compel has no camera moves
      }
    }
    return out;
  }

  std::vector<Item> negative_items() {
    std::vector<Item> out;
    for (std::size_t i = 0; i < ir_.negative.size(); ++i) {
      const Term& t = ir_.negative[i];
      out.push_back(Item{t.text, weight(t.weight), false, t.joined, Ref{"negative", i}});
    }
    return out;
  }

  const std::vector<Term>* terms_of(std::string_view field) const {
    if (field == "subject") return &ir_.subject;
    if (field == "negative") return &ir_.negative;
    if (field == "camera.terms") return &ir_.camera.terms;
    return nullptr;  // style: see text_at
  }

  std::optional<std::string> text_at(std::string_view field, std::size_t index) const {
    if (field == "style") {
      if (index < ir_.style.size()) return ir_.style[index].text;
      return std::nullopt;
    }
    const auto* terms = terms_of(field);
    if (!terms || index >= terms->size()) return std::nullopt;
    return (*terms)[index].text;
  }

  std::size_t size_of(std::string_view field) const {
    if (field == "style") return ir_.style.size();
    const auto* terms = terms_of(field);
    return terms ? terms->size() : 0;
  }

  void approximate(const nlohmann::json& e, std::string_view why) {
    report(diags_, Code::ApproximatedSyntax, Severity::Info,
           fmt::format("{} no longer matches the terms it stood for ({}); the terms are "
                       "written instead",
                       e.value("syntax", std::string()), why),
           "extensions.invokeai.inline");
  }

  static std::size_t count_of(const nlohmann::json& e) {
    const auto c = e.find("count");
    if (c == e.end() || !c->is_number_integer()) return 0;
    return static_cast<std::size_t>(std::max(0LL, c->get<long long>()));
  }

  // The terms a construct stands for: read its syntax again and find them in the IR.
  bool construct_terms(const nlohmann::json& e, bool negative, std::vector<Ref>& refs) {
    const std::string field = e.value("field", std::string());
    const auto index = static_cast<std::size_t>(std::max(0LL, e.value("index", 0LL)));
    const std::size_t count = count_of(e);
    Prompt scratch;
    Diagnostics ignored;
    nlohmann::json ignored_entries = nlohmann::json::array();
    read_prompt(e.value("syntax", std::string()), 0, negative, scratch, ignored_entries, ignored);
    std::map<std::string, std::vector<std::string>> texts;
    for (const auto& t : scratch.subject) texts["subject"].push_back(t.text);
    for (const auto& t : scratch.style) texts["style"].push_back(t.text);
    for (const auto& t : scratch.camera.terms) texts["camera.terms"].push_back(t.text);
    for (const auto& t : scratch.negative) texts["negative"].push_back(t.text);
    if (texts[field].size() != count) return false;
    for (const auto& [f, list] : texts) {
      if (list.empty()) continue;
      // In its own field the construct is at `index`; elsewhere at the first free match.
      std::size_t from = f == field ? index : 0;
      const std::size_t to = f == field ? index : size_of(f);
      bool found = false;
      for (; from <= to && from + list.size() <= size_of(f) && !found; ++from) {
        found = true;
        for (std::size_t k = 0; k < list.size() && found; ++k)
          found = text_at(f, from + k) == list[k] && !consumed_.count({f, from + k});
        if (found)
          for (std::size_t k = 0; k < list.size(); ++k) refs.push_back(Ref{f, from + k});
      }
      if (!found) return false;
    }
    return true;
  }

  // Writes each inline entry's syntax in place of (or before) the terms it stood for.
  std::vector<Item> apply_inline(std::vector<Item> items, bool negative) {
    if (!entries_) return items;
    std::vector<Item> out;
    std::map<std::pair<std::string, std::size_t>, std::string> replace, swap;
    std::map<std::pair<std::string, std::size_t>, std::vector<std::string>> before;
    std::vector<std::string> at_end;
    for (const auto& e : *entries_) {
      if (!e.is_object()) continue;
      const std::string field = e.value("field", std::string());
      if (field != "subject" && field != "style" && field != "camera.terms" &&
          field != "negative") {
        if (!negative) approximate(e, "no such field");
        continue;
      }
      if ((field == "negative") != negative) continue;
      // Entries read from YAML or JSON hold signed integers.
      if (!e.contains("index") || !e["index"].is_number_integer() ||
          e["index"].get<long long>() < 0) {
        approximate(e, "no index");
        continue;
      }
      const auto index = static_cast<std::size_t>(e["index"].get<long long>());
      const std::string syntax = e.value("syntax", std::string());
      const std::string text = e.value("text", std::string());
      if (!text.empty()) {
        if (text_at(field, index) == text && !consumed_.count({field, index}))
          swap[{field, index}] = syntax;
        else
          approximate(e, "'" + text + "' is not there");
        continue;
      }
      if (count_of(e) == 0) {
        if (index < size_of(field))
          before[{field, index}].push_back(syntax);
        else
          at_end.push_back(syntax);
        continue;
      }
      std::vector<Ref> refs;
      if (!construct_terms(e, negative, refs)) {
        approximate(e, "its terms changed");
        continue;
      }
      for (const Ref& r : refs) consumed_.insert({r.field, r.index});
      replace[{field, index}] = syntax;
    }
    for (Item& item : items) {
      const std::pair<std::string, std::size_t> key{item.ref.field, item.ref.index};
      if (auto b = before.find(key); b != before.end()) {
        for (const auto& syntax : b->second) out.push_back(Item{syntax, 1.0, true, false, {}});
        item.joined = false;
      }
      if (auto r = replace.find(key); r != replace.end()) {
        out.push_back(Item{r->second, 1.0, true, false, {}});
        continue;
      }
      if (!item.ref.field.empty() && consumed_.count(key)) continue;
      if (auto s = swap.find(key); s != swap.end()) {
        item.text = s->second;
        item.raw = true;
      }
      out.push_back(std::move(item));
    }
    for (const auto& syntax : at_end) out.push_back(Item{syntax, 1.0, true, false, {}});
    return out;
  }

  static std::string join(const std::vector<Item>& items) {
    std::string out;
    for (const Item& item : items) {
      const std::string t = weighted_text(item.text, item.weight, item.raw);
      if (t.empty()) continue;
      if (!out.empty()) out += item.joined ? " " : ", ";
      out += t;
    }
    // One line: a line break would start a new fragment when read back anyway.
    std::replace_if(
        out.begin(), out.end(), [](char c) { return c == '\n' || c == '\r'; }, ' ');
    return out;
  }

  const Prompt& ir_;
  Diagnostics& diags_;
  WeightModel model_;
  const nlohmann::json* entries_ = nullptr;
  std::set<std::pair<std::string, std::size_t>> consumed_;
  bool negative_weight_ = false;
};

}  // namespace

WrittenPrompts write_prompts(const Prompt& ir, Diagnostics& diags) {
  return Writer(ir, diags).run();
}

}  // namespace promptport::invokeai
