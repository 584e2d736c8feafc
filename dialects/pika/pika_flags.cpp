// Pika's inline flags (REFERENCE §11.1): cutting a prompt into prose and `-flag value`
// pieces, and detection.
#include <algorithm>

#include "pika/pika_internal.h"

namespace promptport::pika {
namespace {

bool space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }
bool letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool digit(char c) { return c >= '0' && c <= '9'; }

// "-ar", "-neg", "-x2": a dash, a letter, then letters, digits or '_'.
bool flag_word(std::string_view w) {
  if (w.size() < 2 || w[0] != '-' || !letter(w[1])) return false;
  return std::all_of(w.begin() + 2, w.end(),
                     [](char c) { return letter(c) || digit(c) || c == '_'; });
}

std::string flag_name(std::string_view w) { return text::lower_ascii(w.substr(1)); }

enum class Kind { None, One, Quoted, Words };

Kind kind_of(std::string_view name) {
  if (name == "hide") return Kind::None;
  if (name == "ar" || name == "motion" || name == "gs" || name == "fps" || name == "seed")
    return Kind::One;
  if (name == "neg") return Kind::Quoted;
  return Kind::Words;  // camera, and flags the bot does not know
}

// The opening quote at `i` ('"' or U+201C) and its length; 0 when none.
std::size_t open_quote(std::string_view s, std::size_t i) {
  if (i < s.size() && s[i] == '"') return 1;
  return s.substr(i, 3) == "\xE2\x80\x9C" ? 3 : 0;
}

// The closing quote ('"', U+201D) at or after `i`: its offset and length; npos when none.
std::pair<std::size_t, std::size_t> close_quote(std::string_view s, std::size_t i) {
  for (; i < s.size(); ++i) {
    if (s[i] == '"') return {i, 1};
    if (s.substr(i, 3) == "\xE2\x80\x9D") return {i, 3};
  }
  return {std::string_view::npos, 0};
}

class Lexer {
 public:
  Lexer(std::string_view s, std::uint32_t base) : s_(s), base_(base) {}

  Lexed run() {
    Lexed out;
    std::size_t start = first_flag();
    out.prose = s_.substr(0, start);
    out.prose_span = span(0, start);
    pos_ = start;
    while (skip_space()) {
      const std::size_t b = pos_;
      const std::size_t e = word_end(b);
      if (!flag_word(s_.substr(b, e - b))) {
        // Words that belong to no flag, up to the next flag.
        std::size_t last = e;
        pos_ = e;
        while (skip_space()) {
          const std::size_t we = word_end(pos_);
          if (flag_word(s_.substr(pos_, we - pos_))) break;
          last = pos_ = we;
        }
        out.stray.push_back({s_.substr(b, last - b), span(b, last)});
        continue;
      }
      pos_ = e;
      out.flags.push_back(flag(b, e));
    }
    return out;
  }

 private:
  Span span(std::size_t b, std::size_t e) const {
    return Span{base_ + static_cast<std::uint32_t>(b), base_ + static_cast<std::uint32_t>(e)};
  }

  std::size_t word_end(std::size_t i) const {
    while (i < s_.size() && !space(s_[i])) ++i;
    return i;
  }

  // Moves past spaces; false at the end.
  bool skip_space() {
    while (pos_ < s_.size() && space(s_[pos_])) ++pos_;
    return pos_ < s_.size();
  }

  bool next_is_flag() {
    if (!skip_space()) return true;
    const std::size_t e = word_end(pos_);
    return flag_word(s_.substr(pos_, e - pos_));
  }

  std::size_t first_flag() const {
    for (std::size_t i = 0; i < s_.size();) {
      while (i < s_.size() && space(s_[i])) ++i;
      const std::size_t e = word_end(i);
      const std::string_view w = s_.substr(i, e - i);
      if (flag_word(w) && known_flag(flag_name(w))) return i;
      i = e;
    }
    return s_.size();
  }

  void add_word(Flag& f, std::size_t b, std::size_t e) {
    f.words.push_back({s_.substr(b, e - b), span(b, e)});
    f.value += (f.value.empty() ? "" : " ") + std::string(s_.substr(b, e - b));
  }

  Flag flag(std::size_t b, std::size_t e) {
    Flag f;
    f.name = flag_name(s_.substr(b, e - b));
    f.name_span = span(b, e);
    const Kind kind = kind_of(f.name);
    if (kind == Kind::None || next_is_flag()) {
      f.span = f.value_span = f.name_span;
      f.value_span.begin = f.value_span.end;
      return f;
    }
    const std::size_t vb = pos_;
    std::size_t ve = vb;
    if (kind == Kind::One) {
      ve = word_end(vb);
      add_word(f, vb, ve);
    } else if (const std::size_t q = kind == Kind::Quoted ? open_quote(s_, vb) : 0) {
      f.quoted = true;
      const auto [close, len] = close_quote(s_, vb + q);
      const std::size_t inner_end = close == std::string_view::npos ? s_.size() : close;
      f.unterminated = close == std::string_view::npos;
      f.value = std::string(s_.substr(vb + q, inner_end - vb - q));
      f.words.push_back({s_.substr(vb + q, inner_end - vb - q), span(vb + q, inner_end)});
      ve = f.unterminated ? s_.size() : close + len;
    } else {
      // Words up to the next flag (an unquoted -neg, -camera, unknown flags).
      while (true) {
        const std::size_t we = word_end(pos_);
        add_word(f, pos_, we);
        ve = pos_ = we;
        if (next_is_flag()) break;
      }
    }
    pos_ = ve;
    f.value_span = span(vb, ve);
    f.span = span(b, ve);
    return f;
  }

  std::string_view s_;
  std::uint32_t base_;
  std::size_t pos_ = 0;
};

}  // namespace

const std::vector<std::string>& ratios() {
  static const std::vector<std::string> kRatios{"16:9", "9:16", "1:1", "4:5", "5:4", "3:2", "2:3"};
  return kRatios;
}

const std::vector<double>& durations() {
  static const std::vector<double> kDurations{5, 10};
  return kDurations;
}

const std::vector<std::string_view>& flag_names() {
  static const std::vector<std::string_view> kNames{"ar", "neg", "motion", "camera",
                                                    "gs", "fps", "seed",   "hide"};
  return kNames;
}

bool known_flag(std::string_view name) {
  const auto& n = flag_names();
  return std::find(n.begin(), n.end(), name) != n.end();
}

Lexed lex(std::string_view text, std::uint32_t base) { return Lexer(text, base).run(); }

// The bot's own flags (-neg, -camera, -gs, -fps, -hide) are Pika's alone; -ar, -seed and
// -motion with one dash are too, once their value has the right shape. A Midjourney or
// Seedance `--flag` anywhere leaves the prompt to them.
double detect(std::string_view t) {
  if (t.find('-') == std::string_view::npos) return 0;
  for (std::size_t i = 0; i + 2 < t.size(); ++i)
    if (t[i] == '-' && t[i + 1] == '-' && letter(t[i + 2])) return 0;
  const Lexed l = lex(t);
  double score = 0;
  for (const Flag& f : l.flags) {
    if (f.name == "neg" || f.name == "camera" || f.name == "gs" || f.name == "fps" ||
        f.name == "hide")
      return 0.97;
    if (f.words.empty()) continue;
    const std::string& v = f.value;
    const bool shaped = (f.name == "ar" && v.find(':') != std::string::npos) ||
                        ((f.name == "seed" || f.name == "motion") && text::parse_int(v));
    if (shaped) score = 0.96;
  }
  return score;
}

}  // namespace promptport::pika
