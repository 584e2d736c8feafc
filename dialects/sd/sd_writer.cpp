// The sd writer: terms in source order with A1111 attention, inline syntax put back.
#include "sd/sd_writer.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "common/sd_sizes.h"
#include "common/source_weights.h"
#include "promptport/kit.h"
#include "promptport/text.h"
#include "promptport/vocab.h"
#include "sd/sd_attention.h"
#include "sd/sd_infotext.h"
#include "sd/sd_networks.h"
#include "sd/sd_reader.h"
#include "sd/sd_schedule.h"

namespace promptport::sd {

std::size_t approx_tokens(std::string_view t) {
  std::size_t tokens = 0, word = 0;
  for (char c : t) {
    if (is_word_byte(c) && c != '_') {
      ++word;
      continue;
    }
    tokens += (word + 5) / 6;
    word = 0;
    if (!is_space(c)) ++tokens;
  }
  return tokens + (word + 5) / 6;
}

namespace {

constexpr std::size_t kChunk = 75;

struct Entry {
  std::string field;
  std::size_t index = 0;
  std::string syntax, text;
  std::size_t count = 1;
};

struct Item {
  std::string field;  // "" for shot, angle and lens (no term, no index)
  std::size_t index = 0;
  std::string text;
  double weight = 1.0;
  bool joined = false;
};

double round2(double w) { return std::round(w * 100.0) / 100.0; }

// `( ) [ ] \` escaped; a word AND (and BREAK outside a weighted group) lower-cased: CLIP
// lower-cases text anyway, and upper-case they would split the prompt; one line.
std::string escape(std::string_view s, bool bar, bool weighted) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    auto word_here = [&](std::string_view w) {
      return s.compare(i, w.size(), w) == 0 && !word_before(s, i) && !word_at(s, i + w.size());
    };
    // In a weighted group BREAK is a word to A1111 already ("(c BREAK d)").
    if (word_here("AND") || (!weighted && word_here("BREAK"))) {
      const std::size_t n = s[i] == 'A' ? 3 : 5;
      out += text::lower_ascii(s.substr(i, n));
      i += n - 1;
      continue;
    }
    if (c == '(' || c == ')' || c == '[' || c == ']' || c == '\\' || (bar && c == '|')) out += '\\';
    out += (c == '\n' || c == '\r') ? ' ' : c;
  }
  return out;
}

// Text ending in ":1.3" would give `(text:1.3)` a new weight: such text is always written
// with its weight spelt out, `(abandoned building:1.4:1.1)`.
bool ends_in_weight(std::string_view t) {
  std::size_t k = t.size();
  while (k > 0 && is_space(t[k - 1])) --k;
  const std::size_t e = k;
  while (k > 0 && (t[k - 1] == '.' || (t[k - 1] >= '0' && t[k - 1] <= '9'))) --k;
  if (k == e) return false;
  if (k > 0 && (t[k - 1] == '+' || t[k - 1] == '-')) --k;
  while (k > 0 && is_space(t[k - 1])) --k;
  return k > 0 && t[k - 1] == ':';
}

// A1111 attention for weight w: 1 bare, 1.1 (x), 0.91 [x], else (x:w) to 2 decimals.
std::string weighted(const std::string& text, double w, bool last = false, bool safe = false) {
  const double r = round2(w);
  // `[a:b:0.5]` of literal text would become prompt editing where the grammar holds.
  if (r == 0.91 && !(safe && text.find_first_of(":|") != std::string::npos))
    return "[" + text + "]";
  if (ends_in_weight(text) && r != 0.91 &&
      (r != 1.0 || last))  // at the end, ":1.3" is an AND weight
    return "(" + text + ":" + text::format_number(r) + ")";
  if (r == 1.0) return text;
  if (r == 1.1) return "(" + text + ")";
  return "(" + text + ":" + text::format_number(r) + ")";
}

class Writer {
 public:
  Writer(const Prompt& ir, const Options& options, Diagnostics& diags)
      : ir_(ir), options_(options), diags_(diags) {
    model_ = dialects::source_weight_model(ir, WeightModel::Scale);
    if (auto d = ir.extensions.find("sd"); d != ir.extensions.end() && d->is_object()) {
      ext_ = &*d;
      if (auto in = d->find("inline"); in != d->end() && in->is_array())
        for (const auto& e : *in) {
          if (!e.is_object() || !e.contains("field") || !e["field"].is_string() ||
              !e.contains("index") || !e["index"].is_number_integer() ||
              e["index"].get<std::int64_t>() < 0 || !e.contains("syntax") ||
              !e["syntax"].is_string())
            continue;  // not ours to understand: report_uncarried does not see it either
          const auto count = e.contains("count") && e["count"].is_number_integer()
                                 ? std::max<std::int64_t>(1, e["count"].get<std::int64_t>())
                                 : 1;
          Entry x{e["field"], static_cast<std::size_t>(e["index"].get<std::int64_t>()), e["syntax"],
                  e.value("text", std::string()), static_cast<std::size_t>(count)};
          entries_.push_back(std::move(x));
        }
    }
    // With prompt-editing syntax written, a bare '|' in a term would make A1111's parser
    // give up on the whole prompt; `\|` reads as '|' in both of its parsers.
    bar_ = !entries_.empty();
  }

  Emitted run() {
    const sdfamily::Base base = sdfamily::base_option(options_, diags_);
    Emitted out;
    std::vector<Item> items = positive_items();
    out.prompt = line(items, false) + write_networks(ir_);
    std::vector<Item> neg;
    for (std::size_t i = 0; i < ir_.negative.size(); ++i) {
      const Term& t = ir_.negative[i];
      neg.push_back({"negative", i, t.text, weight(t.weight), t.joined});
    }
    out.negative_prompt = line(neg, true);
    // The user's own A1111 prompt keeps the user's word order: nothing was moved, so
    // there is nothing to say about where the chunks fall.
    if (!ir_.source || ir_.source->dialect != "sd") token_budget(items);
    const std::string size = size_text(base, out.request);
    out.request["prompt"] = out.prompt;
    out.request["negative_prompt"] = out.negative_prompt;
    request(out.request);
    std::string text;
    if (ext_)
      if (auto c = ext_->find("comments"); c != ext_->end() && c->is_array())
        for (const auto& line : *c)
          if (line.is_string()) text += line.get<std::string>() + "\n";
    text += out.prompt;
    if (!out.negative_prompt.empty()) text += "\nNegative prompt: " + out.negative_prompt;
    const std::string params = write_parameters(ir_, size);
    if (!params.empty()) text += "\n" + params;
    out.text = std::move(text);
    carried_.insert(carried_.end(), {"subject", "style", "camera.shot", "camera.angle",
                                     "camera.lens", "camera.terms", "negative", "params.seed",
                                     "params.steps", "params.guidance", "loras", "extensions.sd"});
    kit::report_uncarried(ir_, carried_, "AUTOMATIC1111", diags_);
    return out;
  }

 private:
  double weight(double w) const { return kit::convert_weight(w, model_, WeightModel::Scale); }

  // The positive terms in kit::writing_order (source order when every term has a span).
  std::vector<Item> positive_items() const {
    const Camera& cam = ir_.camera;
    std::vector<Item> out;
    auto add = [&](const char* field, std::size_t i, const Term& t) {
      out.push_back({field, i, t.text, weight(t.weight), t.joined});
    };
    for (const kit::Placed& p : kit::writing_order(ir_)) {
      using Kind = kit::Placed::Kind;
      switch (p.kind) {
        case Kind::Subject:
          add("subject", p.index, ir_.subject[p.index]);
          break;
        case Kind::Style:
          add("style", p.index, ir_.style[p.index]);
          break;
        case Kind::CameraTerm:
          add("camera.terms", p.index, cam.terms[p.index]);
          break;
        case Kind::Shot: {
          const std::string_view phrase = vocab::shot_phrase(cam.shot);
          out.push_back({"", 0, phrase.empty() ? cam.shot : std::string(phrase), 1.0, false});
          break;
        }
        case Kind::Angle: {
          const std::string_view phrase = vocab::angle_phrase(cam.angle);
          out.push_back(
              {"", 0, phrase.empty() ? cam.angle : "from " + std::string(phrase), 1.0, false});
          break;
        }
        case Kind::Lens:
          out.push_back({"", 0, cam.lens, 1.0, false});
          break;
        case Kind::Move:
          break;  // not asked for: A1111 has no camera moves
      }
    }
    return out;
  }

  std::size_t field_size(const std::string& f) const {
    if (f == "subject") return ir_.subject.size();
    if (f == "style") return ir_.style.size();
    if (f == "camera.terms") return ir_.camera.terms.size();
    if (f == "negative") return ir_.negative.size();
    return 0;
  }

  // Items joined with ", " (" " for joined terms), inline entries of their fields put back.
  std::string line(const std::vector<Item>& items, bool negative) {
    // `[text]` is written as is unless A1111 would then read prompt editing the IR does not
    // hold (a '|' elsewhere can make its grammar fail, and then `[a:b:0.5]` is text).
    std::string out = line(items, negative, false);
    std::size_t expected = 0;
    for (const Entry& e : entries_)
      if ((e.field == "negative") == negative)
        expected += resolve_schedule(e.syntax).constructs.size();
    const Resolved res = resolve_schedule(out);
    if (res.ok && res.constructs.size() > expected) out = line(items, negative, true);
    return out;
  }

  std::string line(const std::vector<Item>& items, bool negative, bool safe) {
    std::vector<const Entry*> mine;
    for (const Entry& e : entries_)
      if ((e.field == "negative") == negative) mine.push_back(&e);
    std::string out;
    bool after_syntax = false;
    auto put = [&](const std::string& s, bool joined) {
      if (!out.empty()) out += after_syntax || joined ? " " : ", ";
      out += s;
      after_syntax = false;
    };
    auto put_syntax = [&](const std::string& s) {
      if (!out.empty()) out += ' ';
      out += s;
      after_syntax = true;
    };
    std::set<std::pair<std::string, std::size_t>> skip;
    for (const Item& item : items) {
      if (!item.field.empty() && skip.count({item.field, item.index})) continue;
      const Entry* replace = nullptr;
      for (const Entry* e : mine) {
        if (item.field.empty() || e->field != item.field || e->index != item.index) continue;
        if (e->text.empty())
          put_syntax(e->syntax);
        else if (!replace)
          replace = e;
      }
      if (replace && replace->text == item.text) {
        const double inner = own_weight(replace->syntax);
        put(weighted(replace->syntax, inner != 0 ? item.weight / inner : item.weight), item.joined);
        for (std::size_t k = 1; k < replace->count; ++k) skip.insert({item.field, item.index + k});
        continue;
      }
      if (replace)
        report(diags_, Code::ApproximatedSyntax, Severity::Info,
               fmt::format("{} no longer stands for '{}'; the term is written as it is now",
                           replace->syntax, item.text),
               "extensions.sd.inline");
      const bool last = &item == &items.back() && !negative;
      put(weighted(escape(item.text, bar_, round2(item.weight) != 1.0), item.weight, last, safe),
          item.joined);
    }
    for (const Entry* e : mine)
      if (e->index >= field_size(e->field)) put_syntax(e->syntax);
    std::replace_if(
        out.begin(), out.end(), [](char c) { return c == '\n' || c == '\r'; }, ' ');
    if (!out.empty() && out[0] == '#') out.insert(out.begin(), '\\');  // not a comment line
    return out;
  }

  // One info when a subject term or a strong term starts past the first 75-token chunk.
  void token_budget(const std::vector<Item>& items) {
    std::size_t total = 0, chunk = 0;
    bool over = false;
    const Item* late = nullptr;
    for (const Item& item : items) {
      for (const Entry& e : entries_)
        if (e.field == item.field && e.index == item.index && e.text.empty() &&
            (e.syntax.find("BREAK") != std::string::npos ||
             e.syntax.find("AND") != std::string::npos))
          chunk = 0;
      if (total > 0) ++chunk, ++total;  // the comma
      if (!late && chunk >= kChunk && (item.field == "subject" || round2(item.weight) > 1))
        late = &item;
      const std::size_t n = approx_tokens(item.text);
      chunk += n;
      total += n;
      over = over || chunk > kChunk;
    }
    if (over && late)
      report(diags_, Code::PastFirstChunk, Severity::Info,
             fmt::format("'{}' starts past the first {} CLIP tokens (about); A1111 encodes it in "
                         "a later chunk, where it counts less with the words before it",
                         late->text, kChunk),
             late->field.empty() ? "camera" : late->field);
  }

  std::string size_text(sdfamily::Base base, nlohmann::json& request) {
    const Params& p = ir_.params;
    std::optional<sdfamily::Size> size;
    if (p.width && p.height) {
      const sdfamily::Size asked{static_cast<int>(*p.width), static_cast<int>(*p.height)};
      size = sdfamily::round_to_8(asked);
      if (size->width != asked.width || size->height != asked.height)
        report(diags_, Code::SnappedValue, Severity::Info,
               fmt::format("{}x{} is not a multiple of 8; written as {}x{}", asked.width,
                           asked.height, size->width, size->height),
               size->width != asked.width ? "params.width" : "params.height");
      carried_.insert(carried_.end(), {"params.width", "params.height"});
      if (p.aspect_ratio) carried_.push_back("params.aspect_ratio");
    } else if (p.aspect_ratio) {
      size = sdfamily::size_for_ratio(*p.aspect_ratio, base);
      if (size) {
        carried_.push_back("params.aspect_ratio");
        const std::size_t colon = p.aspect_ratio->find(':');
        const auto w = text::parse_int(p.aspect_ratio->substr(0, colon));
        const auto h = colon == std::string::npos
                           ? std::nullopt
                           : text::parse_int(p.aspect_ratio->substr(colon + 1));
        const auto asked = w && h ? text::reduce_ratio(*w, *h) : std::nullopt;
        if (!asked || *asked != sdfamily::ratio_of(*size))
          report(diags_, Code::SnappedAspectRatio, Severity::Info,
                 fmt::format("aspect ratio {} is written as {}x{} ({})", *p.aspect_ratio,
                             size->width, size->height, sdfamily::ratio_of(*size)),
                 "params.aspect_ratio");
      }
    }
    if (!size) return {};
    request["width"] = size->width;
    request["height"] = size->height;
    return fmt::format("{}x{}", size->width, size->height);
  }

  std::string ext_string(std::string_view key) const {
    if (!ext_) return {};
    const auto it = ext_->find(std::string(key));
    if (it == ext_->end()) return {};
    return it->is_string() ? it->get<std::string>() : it->dump();
  }

  void request(nlohmann::json& r) const {
    const Params& p = ir_.params;
    if (p.steps) r["steps"] = *p.steps;
    if (p.guidance) r["cfg_scale"] = *p.guidance;
    if (p.seed) r["seed"] = *p.seed;
    if (const std::string s = ext_string("sampler"); !s.empty()) r["sampler_name"] = s;
    if (const std::string s = ext_string("schedule_type"); !s.empty()) r["scheduler"] = s;
    r["batch_size"] = 1;
    nlohmann::json settings = nlohmann::json::object();
    if (const std::string m = ext_string("model"); !m.empty()) settings["sd_model_checkpoint"] = m;
    if (const std::string c = ext_string("clip_skip"); !c.empty()) {
      if (const auto n = text::parse_int(c))
        settings["CLIP_stop_at_last_layers"] = *n;
      else
        settings["CLIP_stop_at_last_layers"] = c;
    }
    if (!settings.empty()) r["override_settings"] = std::move(settings);
  }

  const Prompt& ir_;
  const Options& options_;
  Diagnostics& diags_;
  WeightModel model_ = WeightModel::Scale;
  const nlohmann::json* ext_ = nullptr;
  std::vector<Entry> entries_;
  bool bar_ = false;
  std::vector<std::string_view> carried_;
};

}  // namespace

Emitted write(const Prompt& ir, const Options& options, Diagnostics& diags) {
  return Writer(ir, options, diags).run();
}

}  // namespace promptport::sd
