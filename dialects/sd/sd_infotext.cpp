// A1111 infotext in and out (modules/infotext_utils.py, processing.create_infotext).
#include "sd/sd_infotext.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <nlohmann/json.hpp>

#include "promptport/text.h"
#include "sd/sd_attention.h"

namespace promptport::sd {

void Mapped::append(std::string_view record, std::uint32_t begin, std::uint32_t end) {
  source.pop_back();
  for (std::uint32_t k = begin; k < end; ++k) {
    text += record[k];
    source.push_back(k);
  }
  source.push_back(end);
}

void Mapped::append_from(const Mapped& m, std::size_t begin, std::size_t end) {
  source.pop_back();
  text.append(m.text, begin, end - begin);
  source.insert(source.end(), m.source.begin() + static_cast<std::ptrdiff_t>(begin),
                m.source.begin() + static_cast<std::ptrdiff_t>(end));
  source.push_back(m.source[end]);
}

Span Mapped::span(std::size_t begin, std::size_t end) const {
  if (begin >= end) return Span{source[begin], source[begin]};
  return Span{source[begin], source[end - 1] + 1};
}

namespace {

// A1111's names for the keys it writes, in its order (REFERENCE §2.7); the first eight are
// written first, the rest after them in stored order.
constexpr std::array<std::string_view, 52> kKeys{
    "Steps",
    "Sampler",
    "Schedule type",
    "CFG scale",
    "Seed",
    "Size",
    "Model hash",
    "Model",
    "Image CFG scale",
    "Face restoration",
    "FP8 weight",
    "Cache FP16 weight for LoRA",
    "VAE hash",
    "VAE",
    "Variation seed",
    "Variation seed strength",
    "Seed resize from",
    "Denoising strength",
    "Conditional mask weight",
    "Clip skip",
    "ENSD",
    "Token merging ratio",
    "Init image hash",
    "RNG",
    "Tiling",
    "Hires upscale",
    "Hires steps",
    "Hires upscaler",
    "Hires prompt",
    "Hires negative prompt",
    "Hires resize",
    "Hires sampler",
    "Hires schedule type",
    "Hires CFG Scale",
    "Hires checkpoint",
    "Refiner",
    "Refiner switch at",
    "Lora hashes",
    "TI hashes",
    "Hypernet",
    "Hypernet hash",
    "Hypernet strength",
    "Emphasis",
    "Eta",
    "Eta DDIM",
    "Mask blur",
    "Noise multiplier",
    "Pad conds",
    "NGMS",
    "Downcast alphas_cumprod",
    "Schedule rho",
    "Version",
};
constexpr std::size_t kFirst = 8;  // Steps .. Model

bool known_key(std::string_view key) {
  return std::find(kKeys.begin(), kKeys.end(), key) != kKeys.end();
}

bool key_char(char c) { return is_word_byte(c) || c == ' ' || c == '-' || c == '/'; }

}  // namespace

std::string snake_key(std::string_view key) {
  std::string out;
  for (char c : text::trim(key)) {
    if (c == ' ' || c == '-' || c == '/')
      out += '_';
    else
      out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return out;
}

std::string a1111_key(std::string_view snake) {
  for (std::string_view k : kKeys)
    if (snake_key(k) == snake) return std::string(k);
  std::string out(snake);
  std::replace(out.begin(), out.end(), '_', ' ');
  if (!out.empty() && out[0] >= 'a' && out[0] <= 'z')
    out[0] = static_cast<char>(out[0] - 'a' + 'A');
  return out;
}

// re_param = \s*(\w[\w \-/]+):\s*("(?:\\.|[^\\"])+"|[^,]*)(?:,|$), applied like findall.
std::vector<Pair> read_pairs(std::string_view line, bool& whole) {
  std::vector<Pair> out;
  whole = true;
  std::size_t covered = 0;
  for (std::size_t s = 0; s < line.size();) {
    std::size_t i = s;
    while (i < line.size() && is_space(line[i])) ++i;
    const std::size_t key_begin = i;
    if (i < line.size() && is_word_byte(line[i])) ++i;
    while (i < line.size() && key_char(line[i])) ++i;
    if (i == key_begin || i - key_begin < 2 || i >= line.size() || line[i] != ':' ||
        !is_word_byte(line[key_begin])) {
      // A later start inside the same run of key characters stops at the same `i`, so it
      // fails the same way unless `:` was found: skip the run (keeps this linear).
      const bool same_end = i >= line.size() || line[i] != ':';
      s = same_end && key_begin < line.size() && is_word_byte(line[key_begin]) ? std::max(s + 1, i)
                                                                               : s + 1;
      continue;
    }
    const std::string_view key = line.substr(key_begin, i - key_begin);
    ++i;
    while (i < line.size() && is_space(line[i])) ++i;
    std::size_t vb = i, ve = i;
    bool quoted = false;
    if (i < line.size() && line[i] == '"') {
      std::size_t j = i + 1;
      while (j < line.size() && line[j] != '"') j += line[j] == '\\' ? 2 : 1;
      if (j < line.size() && j > i + 1) {
        std::size_t k = j + 1;
        if (k == line.size() || line[k] == ',') {
          quoted = true;
          ve = j + 1;
        }
      }
    }
    if (!quoted) {
      ve = line.find(',', vb);
      if (ve == std::string_view::npos) ve = line.size();
    }
    if (key_begin > covered && !text::trim(line.substr(covered, key_begin - covered)).empty())
      whole = false;
    std::string value(text::trim(line.substr(vb, ve - vb)));
    if (quoted) {
      const auto j = nlohmann::json::parse(value, nullptr, false);
      if (j.is_string()) value = j.get<std::string>();
    }
    out.push_back({std::string(text::trim(key)), std::move(value), static_cast<std::uint32_t>(vb),
                   static_cast<std::uint32_t>(ve)});
    s = ve < line.size() ? ve + 1 : ve;
    covered = s;
  }
  if (covered < line.size() && !text::trim(line.substr(covered)).empty()) whole = false;
  return out;
}

bool is_parameter_line(std::string_view line) {
  bool whole = false;
  const std::vector<Pair> pairs = read_pairs(line, whole);
  // Only lines made of pairs: "(cat:1.2), (dog:1.1), (fox:1.3)" finds 3 pairs too. Three
  // pairs with one A1111 key, or (promptport leniency) any number of A1111 keys alone, so
  // "Size: 1344x768" reads back.
  if (pairs.empty() || !whole) return false;
  const auto known =
      std::count_if(pairs.begin(), pairs.end(), [](const Pair& p) { return known_key(p.key); });
  return (pairs.size() >= 3 && known > 0) || static_cast<std::size_t>(known) == pairs.size();
}

Record split_record(std::string_view text) {
  Record r;
  struct Line {
    std::uint32_t b, e;
  };
  std::vector<Line> lines;
  std::size_t first = 0, last = text.size();
  while (first < last && is_space(text[first])) ++first;
  while (last > first && is_space(text[last - 1])) --last;
  for (std::size_t pos = first; pos <= last;) {
    std::size_t eol = text.find('\n', pos);
    if (eol == std::string_view::npos || eol > last) eol = last;
    std::size_t e = eol;
    if (e > pos && text[e - 1] == '\r') --e;
    lines.push_back({static_cast<std::uint32_t>(pos), static_cast<std::uint32_t>(e)});
    if (eol == last) break;
    pos = eol + 1;
  }
  if (!lines.empty()) {
    const Line& l = lines.back();
    const std::string_view line = text.substr(l.b, l.e - l.b);
    if (is_parameter_line(line)) {
      r.parameters = line;
      r.parameters_at = l.b;
      lines.pop_back();
    }
  }
  bool negative = false;
  for (const Line& l : lines) {
    std::string_view line = text.substr(l.b, l.e - l.b);
    const std::string_view stripped = text::trim(line);
    if (!stripped.empty() && stripped[0] == '#') {
      r.comments.emplace_back(line);
      continue;
    }
    std::uint32_t b = l.b;
    if (!negative && stripped.substr(0, 16) == "Negative prompt:") {
      negative = r.has_negative = true;
      b = static_cast<std::uint32_t>(stripped.data() - text.data() + 16);
      while (b < l.e && is_space(text[b])) ++b;
      r.negative.append(text, b, l.e);
      continue;
    }
    Mapped& m = negative ? r.negative : r.positive;
    if (!m.text.empty()) m.append(text, b - 1, b);  // the line break before this line
    m.append(text, b, l.e);
  }
  return r;
}

void read_parameters(const Record& record, Prompt& ir, Diagnostics& diags) {
  bool whole = false;
  for (const Pair& p : read_pairs(record.parameters, whole)) {
    const Span span{record.parameters_at + p.begin, record.parameters_at + p.end};
    const std::string key = snake_key(p.key);
    auto bad = [&](std::string_view what) {
      report(diags, Code::InvalidValue, Severity::Warning,
             fmt::format("'{}: {}' is not {}; kept as text", p.key, p.value, what),
             "extensions.sd." + key, span);
      ir.extensions["sd"][key] = p.value;
    };
    if (key == "steps") {
      if (const auto n = text::parse_int(p.value); n && *n > 0)
        ir.params.steps = *n;
      else
        bad("a positive integer");
    } else if (key == "cfg_scale") {
      if (const auto g = text::parse_double(p.value))
        ir.params.guidance = *g;
      else
        bad("a number");
    } else if (key == "seed") {
      const auto n = text::parse_int(p.value);
      if (n && *n == -1)
        report(diags, Code::InvalidValue, Severity::Warning,
               "Seed: -1 means a random seed; no seed is kept", "params.seed", span);
      else if (n && *n >= 0)
        ir.params.seed = *n;
      else
        bad("a seed (a whole number)");
    } else if (key == "size") {
      const std::size_t x = p.value.find('x');
      const auto w = x == std::string::npos ? std::nullopt : text::parse_int(p.value.substr(0, x));
      const auto h = x == std::string::npos ? std::nullopt : text::parse_int(p.value.substr(x + 1));
      if (w && h && *w > 0 && *h > 0) {
        ir.params.width = *w;
        ir.params.height = *h;
        ir.params.aspect_ratio = text::reduce_ratio(*w, *h);
      } else {
        bad("a size such as 832x1216");
      }
    } else {
      ir.extensions["sd"][key] = p.value;
    }
  }
}

namespace {

std::string quoted(const std::string& v) {
  if (v.find_first_of(",:\n") == std::string::npos) return v;
  return nlohmann::json(v).dump();
}

std::string value_text(const nlohmann::json& v) {
  return v.is_string() ? v.get<std::string>() : v.dump();
}

}  // namespace

std::string write_parameters(const Prompt& ir, const std::string& size) {
  std::vector<std::pair<std::string, std::string>> pairs;
  const nlohmann::json* ext = nullptr;
  if (auto d = ir.extensions.find("sd"); d != ir.extensions.end() && d->is_object()) ext = &*d;
  auto from_ext = [&](std::string_view key) -> std::string {
    if (!ext) return {};
    const auto it = ext->find(std::string(key));
    return it == ext->end() ? std::string() : value_text(*it);
  };
  const Params& p = ir.params;
  pairs.emplace_back("Steps", p.steps ? std::to_string(*p.steps) : from_ext("steps"));
  pairs.emplace_back("Sampler", from_ext("sampler"));
  pairs.emplace_back("Schedule type", from_ext("schedule_type"));
  pairs.emplace_back("CFG scale",
                     p.guidance ? text::format_number(*p.guidance) : from_ext("cfg_scale"));
  pairs.emplace_back("Seed", p.seed ? std::to_string(*p.seed) : from_ext("seed"));
  pairs.emplace_back("Size", size.empty() ? from_ext("size") : size);
  pairs.emplace_back("Model hash", from_ext("model_hash"));
  pairs.emplace_back("Model", from_ext("model"));
  static constexpr std::array<std::string_view, 3> kNotParameters{"inline", "comments", "networks"};
  if (ext)
    for (auto it = ext->begin(); it != ext->end(); ++it) {
      const std::string& k = it.key();
      if (std::find(kNotParameters.begin(), kNotParameters.end(), k) != kNotParameters.end())
        continue;
      bool first = false;
      for (std::size_t i = 0; i < kFirst; ++i) first = first || snake_key(kKeys[i]) == k;
      if (!first) pairs.emplace_back(a1111_key(k), value_text(*it));
    }
  std::string out;
  for (const auto& [k, v] : pairs) {
    if (v.empty()) continue;
    if (!out.empty()) out += ", ";
    out += k + ": " + quoted(v);
  }
  return out;
}

}  // namespace promptport::sd
