// The Midjourney reader's structure: image URLs, ::-weighted text, parameters and their values.
#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <vector>

#include "midjourney_internal.h"
#include "midjourney_reader.h"
#include "promptport/kit.h"
#include "promptport/text.h"

namespace promptport::mj {
namespace {

// Cuts a single value at a comma that glues the next words on ("16:9,8k,") and drops the
// sentence punctuation people leave after it ("--iw 10,"). `rest_at` is the offset of what
// follows the comma, npos when there is none.
std::string_view cut_value(std::string_view v, std::size_t& rest_at) {
  rest_at = std::string_view::npos;
  for (std::size_t i = 0; i < v.size(); ++i) {
    const std::size_t comma = v[i] == ',' ? 1 : v.substr(i, 3) == "\xEF\xBC\x8C" ? 3 : 0;
    if (comma) {
      rest_at = i + comma;
      v = v.substr(0, i);
      break;
    }
  }
  while (!v.empty() && (v.back() == '.' || v.back() == ';')) v.remove_suffix(1);
  return v;
}

// Personalization codes are short random strings with digits ("2ehsmtv1", "m7118563").
bool is_code(std::string_view t) {
  while (!t.empty() && t.back() == ',') t.remove_suffix(1);
  if (t.size() < 4) return false;
  bool digit = false;
  for (char c : t) {
    if (!is_ascii_letter(c) && !is_digit(c)) return false;
    digit = digit || is_digit(c);
  }
  return digit;
}

// find_first_of("\r\n\t") calls memchr once per byte of the text; this is one pass.
bool has_break(std::string_view s, bool tab) {
  for (char c : s)
    if (c == '\n' || c == '\r' || (tab && c == '\t')) return true;
  return false;
}

}  // namespace

Reader::Reader(std::string_view line, std::uint32_t base, const Options& options, Prompt& ir,
               Diagnostics& diags)
    : s_(line), base_(base), options_(options), ir_(ir), diags_(diags), tokens_(tokenize(line)) {}

void Reader::run() {
  const std::size_t n = tokens_.size();
  std::size_t i = 0;
  while (i < n && !tokens_[i].param && !url_of(tokens_[i].text).empty()) add_image(tokens_[i++]);
  std::size_t p = i;
  while (p < n && !tokens_[p].param) ++p;
  // The 2022 Discord copies also put image prompts at the end of the line (after the
  // parameters, or ending a line without any).
  std::size_t e = p;
  while (p == n && e > i && !url_of(tokens_[e - 1].text).empty()) --e;
  if (e > i) place_text(tokens_[i].begin, tokens_[e - 1].end());
  for (std::size_t k = e; k < p; ++k) add_image(tokens_[k]);
  trailing_urls_ = n;
  while (trailing_urls_ > p && !tokens_[trailing_urls_ - 1].param &&
         !url_of(tokens_[trailing_urls_ - 1].text).empty())
    --trailing_urls_;
  for (std::size_t k = p; k < n;) {
    if (tokens_[k].param) {
      k = read_parameter(k);
      continue;
    }
    if (!url_of(tokens_[k].text).empty()) {
      add_image(tokens_[k]);
      run_open_ = false;
    } else {
      add_after(tokens_[k].begin, tokens_[k].end());
    }
    ++k;
  }
  for (const auto& [b, end] : after_runs_) {
    const std::string_view run = text::trim(s_.substr(b, end - b));
    if (place_text(b, end) == 0) continue;  // only punctuation: nothing to keep
    report(diags_, Code::TextAfterParameters, Severity::Warning,
           fmt::format("text after the parameters (\"{}\") is kept as part of the prompt", run),
           std::string(run), span(b, end));
  }
  interpret();
  finish();
}

void Reader::add_image(const Token& t) {
  images_.push_back(Reference{ReferenceKind::Image, std::string(url_of(t.text)), std::nullopt,
                              span(t.begin, t.end())});
}

void Reader::add_after(std::uint32_t b, std::uint32_t e) {
  if (run_open_ && !after_runs_.empty())
    after_runs_.back().second = e;
  else
    after_runs_.emplace_back(b, e);
  run_open_ = true;
}

namespace {

// One `::` segment of the text: [begin, end) in the text, and its weight.
struct Segment {
  std::size_t begin, end;
  double weight;
};

// True when `s` holds more than separators and spaces (what split_fragments would keep).
bool has_words(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const char c = s[i];
    if (c == ' ' || c == ',' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
      ++i;
      continue;
    }
    const std::string_view three = s.substr(i, 3);
    if (three == "\xEF\xBC\x8C" || three == "\xE3\x80\x81" || three == "\xE3\x80\x80") {
      i += 3;
      continue;
    }
    return true;
  }
  return false;
}

// The weight shared by every non-empty positive segment, if they all share one.
std::optional<double> common_weight(const std::vector<Segment>& segments, std::string_view t) {
  std::optional<double> common;
  for (const auto& sg : segments) {
    // Punctuation left between a weight and the parameters (", --ar") is no segment.
    if (sg.weight <= 0 || !has_words(t.substr(sg.begin, sg.end - sg.begin))) continue;
    if (common && *common != sg.weight) return std::nullopt;
    common = sg.weight;
  }
  return common;
}

// Splits a fragment at sentence ends (". " before the next word), leaving abbreviations
// ("St. Peter", "Mr. Smith", "J. R. R. Tolkien") whole.
std::vector<text::Piece> split_sentences(const text::Piece& fragment) {
  static constexpr std::string_view kAbbreviations[] = {"mr", "mrs", "ms", "dr", "st", "vs",
                                                        "jr", "sr",  "mt", "ft", "no", "etc"};
  std::vector<text::Piece> out;
  const std::string_view f = fragment.text;
  std::size_t start = 0;
  for (std::size_t i = 1; i + 1 < f.size(); ++i) {
    if (f[i] != '.' || (f[i + 1] != ' ' && f[i + 1] != '\t')) continue;
    std::size_t word = i;
    while (word > start && f[word - 1] != ' ') --word;
    const std::string lower = text::lower_ascii(f.substr(word, i - word));
    if (lower.size() < 2 || !is_ascii_letter(lower.back())) {
      if (lower.empty() || !is_digit(lower.back())) continue;  // initials: "J. R."
    }
    if (std::find(std::begin(kAbbreviations), std::end(kAbbreviations), lower) !=
        std::end(kAbbreviations))
      continue;
    const std::string_view head = text::trim(f.substr(start, i - start));
    if (!head.empty()) {
      const auto b = fragment.span.begin + static_cast<std::uint32_t>(head.data() - f.data());
      out.push_back(text::Piece{head, Span{b, b + static_cast<std::uint32_t>(head.size())}});
    }
    start = i + 1;
  }
  const std::string_view tail = text::trim(f.substr(start));
  if (!tail.empty()) {
    const auto b = fragment.span.begin + static_cast<std::uint32_t>(tail.data() - f.data());
    out.push_back(text::Piece{tail, Span{b, b + static_cast<std::uint32_t>(tail.size())}});
  }
  return out;
}

}  // namespace

// Splits text on `::` (multi-prompt segments; a number right after `::` weights the
// segment before it), then each segment on commas and sentence ends.
std::size_t Reader::place_text(std::uint32_t b, std::uint32_t e) {
  const std::string_view t = s_.substr(b, e - b);
  std::vector<Segment> segments;
  std::size_t seg = 0, from = 0;
  for (;;) {
    const std::size_t k = t.find("::", from);
    if (k == std::string_view::npos) {
      segments.push_back(Segment{seg, t.size(), 1.0});
      break;
    }
    const std::size_t j = k + 2;
    std::size_t num_end = j;
    while (num_end < t.size() &&
           (is_digit(t[num_end]) || t[num_end] == '.' || (t[num_end] == '-' && num_end == j)))
      ++num_end;
    double weight = 1.0;
    std::size_t next = j;
    const bool boundary = num_end == t.size() || !(is_ascii_letter(t[num_end]) ||
                                                   is_digit(t[num_end]) || t[num_end] == '_');
    const bool digits = std::any_of(t.begin() + j, t.begin() + num_end, is_digit);
    if (num_end > j && boundary && digits) {
      std::string_view num = t.substr(j, num_end - j);
      if (num.size() > 1 && num.back() == '.') num.remove_suffix(1);  // "::2." ends a sentence
      if (auto v = text::parse_double(num)) {
        weight = *v;
        next = num_end;
      } else {
        const auto at = b + static_cast<std::uint32_t>(j);
        report(diags_, Code::InvalidValue, Severity::Warning,
               fmt::format("'::{}' is not a usable weight; kept as text", num), "subject",
               span(at, at + static_cast<std::uint32_t>(num.size())));
      }
    }
    segments.push_back(Segment{seg, k, weight});
    seg = from = next;
  }
  // Midjourney weights are relative: `a red fox::2` alone, or `a::2 b::2`, means the same
  // as no weights at all. When every positive segment has one weight, it becomes 1 (the
  // negative segments scale with it), so that the IR states the effective emphasis.
  // Midjourney refuses a prompt whose weights add up to zero or less ("a:: b::-1").
  double sum = 0;
  bool negative = false;
  for (const auto& sg : segments) {
    if (!has_words(t.substr(sg.begin, sg.end - sg.begin))) continue;
    sum += sg.weight;
    negative = negative || sg.weight < 0;
  }
  if (negative && sum <= 0)
    report(diags_, Code::InvalidValue, Severity::Warning,
           "the segment weights add up to " + text::format_number(sum) +
               "; Midjourney needs a positive sum and would refuse this prompt",
           "subject", span(b, e));
  if (const auto common = common_weight(segments, t); common && *common != 1.0) {
    for (auto& sg : segments) sg.weight /= *common;
    report(diags_, Code::ApproximatedWeight, Severity::Info,
           "every segment has weight " + text::format_number(*common) +
               "; Midjourney weights are relative, so this is the same as no weight",
           "subject", span(b, e));
  }
  std::size_t placed = 0;
  for (const auto& sg : segments)
    placed += place_segment(t.substr(sg.begin, sg.end - sg.begin),
                            b + static_cast<std::uint32_t>(sg.begin), sg.weight);
  return placed;
}

std::size_t Reader::place_segment(std::string_view seg, std::uint32_t b, double weight) {
  std::size_t placed = 0;
  for (const auto& fragment : text::split_fragments(seg, base_ + b)) {
    // Prompts mix tag lists and sentences: "epic composition. environment concept art"
    // holds two fragments.
    for (const auto& piece : split_sentences(fragment)) {
      ++placed;
      if (weight < 0)  // team convention: `x::-.5` is `--no x`, weight 1
        ir_.negative.push_back(Term{std::string(piece.text), -weight / 0.5, piece.span});
      else
        kit::place_fragment(ir_, piece.text, piece.span, weight);
    }
  }
  return placed;
}

// Reads the parameter at token k; returns the index of the first token after its values.
std::size_t Reader::read_parameter(std::size_t k) {
  run_open_ = false;
  const Token& t = tokens_[k];
  const std::size_t dashes = param_dashes(t.text, 0);
  const std::string_view after = t.text.substr(dashes);
  std::size_t len = 0;
  while (len < after.size() &&
         (is_ascii_letter(after[len]) || is_digit(after[len]) || after[len] == '_' ||
          (after[len] == '-' && len + 1 < after.size() && is_ascii_letter(after[len + 1]))))
    ++len;
  Occurrence o;
  o.name = text::lower_ascii(after.substr(0, len));
  o.spec = find_param(o.name);
  std::size_t name_len = len;
  if (!o.spec) {  // a value glued to a known name: --ar16:9, —w750, --v5
    std::size_t letters = 0;
    while (letters < len && is_ascii_letter(after[letters])) ++letters;
    if (letters < len && (is_digit(after[letters]) || after[letters] == '.')) {
      const ParamSpec* glued = find_param(std::string_view(o.name).substr(0, letters));
      if (glued && glued->kind != Kind::Flag) {
        o.spec = glued;
        o.name.resize(letters);
        name_len = letters;
      }
    }
  }
  std::string_view rest = after.substr(name_len);
  auto rest_begin = static_cast<std::uint32_t>(t.begin + dashes + name_len);
  while (!rest.empty() && (rest[0] == ',' || rest[0] == ';' || rest[0] == ':' || rest[0] == '=')) {
    rest.remove_prefix(1);
    ++rest_begin;
  }
  o.begin = t.begin;
  o.end = t.end();
  return read_values(o, rest, rest_begin, k + 1);
}

// Takes a single value; text glued on after a comma becomes text after the parameters.
bool Reader::take_single(Occurrence& o, std::string_view v, std::uint32_t vb) {
  std::size_t rest_at;
  o.value = cut_value(v, rest_at);
  o.value_begin = vb;
  o.has_value = !o.value.empty();
  if (rest_at == std::string_view::npos) return false;
  const auto rb = static_cast<std::uint32_t>(vb + rest_at);
  const auto re = static_cast<std::uint32_t>(vb + v.size());
  if (re <= rb || text::trim(s_.substr(rb, re - rb)).empty()) return false;
  occurrences_.push_back(o);
  add_after(rb, re);
  return true;
}

std::size_t Reader::read_values(Occurrence& o, std::string_view rest, std::uint32_t rest_begin,
                                std::size_t k) {
  const Kind kind = o.spec ? o.spec->kind : Kind::List;  // unknown: everything up to the next
  const std::size_t n = tokens_.size();
  const auto rest_end = static_cast<std::uint32_t>(rest_begin + rest.size());
  auto plain = [&](bool allow_url) {
    return k < n && !tokens_[k].param && (allow_url || url_of(tokens_[k].text).empty());
  };
  switch (kind) {
    case Kind::Flag:
      if (!rest.empty()) {
        occurrences_.push_back(std::move(o));
        add_after(rest_begin, rest_end);
        return k;
      }
      break;
    case Kind::Number:
    case Kind::Integer:
    case Kind::Ratio:
    case Kind::Word:
    case Kind::Version:
    case Kind::Url:
      if (!rest.empty()) {
        if (take_single(o, rest, rest_begin)) return k;
      } else if (plain(kind == Kind::Url)) {
        o.end = tokens_[k].end();
        if (take_single(o, tokens_[k].text, tokens_[k].begin)) return k + 1;
        ++k;
      }
      break;
    case Kind::OptionalNumber: {
      std::size_t rest_at;
      if (!rest.empty()) {
        if (!text::parse_double(cut_value(rest, rest_at))) {  // "--niji.i": text, not a value
          occurrences_.push_back(std::move(o));
          add_after(rest_begin, rest_end);
          return k;
        }
        if (take_single(o, rest, rest_begin)) return k;
      } else if (plain(false) && text::parse_double(cut_value(tokens_[k].text, rest_at))) {
        o.end = tokens_[k].end();
        if (take_single(o, tokens_[k].text, tokens_[k].begin)) return k + 1;
        ++k;
      }
      break;
    }
    case Kind::Urls:
    case Kind::StyleRefs:
    case Kind::Codes: {
      auto fits = [&](std::string_view v) {
        if (kind == Kind::Codes) return is_code(v);
        if (kind == Kind::Urls) return !url_of(v).empty();
        return style_ref_of(v).has_value();
      };
      if (!rest.empty() && fits(rest))
        o.items.push_back(Token{rest, rest_begin, false});
      else if (!rest.empty())
        add_after(rest_begin, rest_end);
      while (plain(kind != Kind::Codes) && (kind != Kind::Codes || k < trailing_urls_) &&
             fits(tokens_[k].text)) {
        o.items.push_back(tokens_[k]);
        o.end = tokens_[k++].end();
      }
      if (o.items.empty() && kind != Kind::Codes && plain(false)) {
        o.value = tokens_[k].text;  // neither URL nor code: kept as written, reported
        o.value_begin = tokens_[k].begin;
        o.has_value = true;
        o.end = tokens_[k++].end();
      }
      break;
    }
    case Kind::List: {
      std::uint32_t vb = rest.empty() ? 0 : rest_begin;
      std::uint32_t ve = rest.empty() ? 0 : rest_end;
      while (k < n && !tokens_[k].param && k < trailing_urls_) {
        if (ve == 0) vb = tokens_[k].begin;
        ve = tokens_[k++].end();
      }
      if (ve > vb) {
        o.value = text::trim(s_.substr(vb, ve - vb));
        o.value_begin = static_cast<std::uint32_t>(o.value.data() - s_.data());
        o.has_value = !o.value.empty();
        o.end = ve;
      }
      break;
    }
  }
  occurrences_.push_back(std::move(o));
  return k;
}

Prompt parse_prompt(std::string_view text, const Options& options, Diagnostics& diags) {
  Prompt ir;
  std::string_view prompt = text;
  kit::LabelledText labelled;
  const bool multiline = has_break(text, false);
  if (multiline) {
    labelled = kit::split_labelled(text, {"Negative prompt"});
    prompt = labelled.prompt;
  }
  // The text format is one prompt line; other line breaks read as spaces (same offsets).
  std::string flat;
  if (has_break(prompt, true)) {
    flat.assign(prompt);
    std::replace_if(
        flat.begin(), flat.end(), [](char c) { return c == '\r' || c == '\n' || c == '\t'; }, ' ');
    prompt = flat;
  }
  // A line copied from Discord may still start with the command: "/imagine prompt: ...".
  std::size_t skip = 0;
  while (skip < prompt.size() && prompt[skip] == ' ') ++skip;
  if (text::lower_ascii(prompt.substr(skip, 8)) == "/imagine" &&
      (skip + 8 == prompt.size() || prompt[skip + 8] == ' ' || prompt[skip + 8] == ':')) {
    skip += 8;
    while (skip < prompt.size() && prompt[skip] == ' ') ++skip;
    if (text::lower_ascii(prompt.substr(skip, 7)) == "prompt:") skip += 7;
  } else {
    skip = 0;
  }
  const auto base = static_cast<std::uint32_t>(skip);
  Reader(prompt.substr(skip), base, options, ir, diags).run();
  for (const auto& line : labelled.lines) {
    for (const auto& piece : text::split_fragments(line.value, line.value_span.begin)) {
      std::string neg(piece.text);
      std::replace_if(
          neg.begin(), neg.end(), [](char c) { return c == '\r' || c == '\n'; }, ' ');
      ir.negative.push_back(Term{std::move(neg), 1.0, piece.span});
    }
  }
  return ir;
}

}  // namespace promptport::mj
