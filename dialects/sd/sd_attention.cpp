// A1111 attention weights, computed in linear time.
//
// A1111 multiplies every piece from a bracket's opening to the current end of its list each
// time a bracket closes, which is quadratic for deep nesting. A bracket's range is always
// [piece count at opening, piece count at closing), so the product over the brackets covering
// a piece is a prefix sum of logarithms (signs and zeros counted apart).
#include "sd/sd_attention.h"

#include <cmath>

#include "promptport/text.h"

namespace promptport::sd {

namespace {

// Non-ASCII code points that are not `\w`: Latin-1 signs, general punctuation to misc
// symbols, CJK punctuation, full-width punctuation, emoji. Everything else non-ASCII counts
// as a letter (an approximation of Unicode categories).
bool word_code_point(char32_t c) {
  if (c < 0x80)
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  if (c < 0xC0 || c == 0xD7 || c == 0xF7) return false;
  if ((c >= 0x2000 && c <= 0x2BFF) || (c >= 0x3000 && c <= 0x303F) ||
      (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF0F) ||
      (c >= 0xFF1A && c <= 0xFF20) || (c >= 0xFF3B && c <= 0xFF40) ||
      (c >= 0xFF5B && c <= 0xFF65) || (c >= 0x1F000 && c <= 0x1FAFF))
    return false;
  return true;
}

char32_t decode(std::string_view s, std::size_t i) {
  const auto b = static_cast<unsigned char>(s[i]);
  std::size_t n = b >= 0xF0 ? 3 : b >= 0xE0 ? 2 : b >= 0xC0 ? 1 : 0;
  char32_t c = n == 3 ? b & 0x07 : n == 2 ? b & 0x0F : n == 1 ? b & 0x1F : b;
  for (std::size_t k = 1; k <= n && i + k < s.size(); ++k)
    c = (c << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  return c;
}

}  // namespace

bool word_at(std::string_view s, std::size_t i) {
  return i < s.size() && word_code_point(decode(s, i));
}

bool word_before(std::string_view s, std::size_t i) {
  if (i == 0) return false;
  std::size_t k = i - 1;
  while (k > 0 && (static_cast<unsigned char>(s[k]) & 0xC0) == 0x80 && i - k < 4) --k;
  return word_code_point(decode(s, k));
}

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

namespace {

struct Range {
  std::size_t from, to;  // pieces [from, to)
  double multiplier;
};

struct Open {
  std::size_t piece;  // pieces.size() when it opened
  std::uint32_t at;   // byte offset of the bracket
};

class Reader {
 public:
  explicit Reader(std::string_view s) : s_(s) {}

  Attention run() {
    for (std::size_t i = 0; i < s_.size();) i = step(i);
    // Still open at the end: closed there, round ones first (A1111's order).
    for (const Open& o : round_) close(o, 1.1, AttentionIssue::Kind::Unclosed);
    for (const Open& o : square_) close(o, 1 / 1.1, AttentionIssue::Kind::Unclosed);
    apply_weights();
    return std::move(out_);
  }

 private:
  void close(const Open& o, double m, AttentionIssue::Kind kind) {
    ranges_.push_back({o.piece, out_.pieces.size(), m});
    out_.issues.push_back({kind, o.at, o.at + 1});
  }

  void piece(std::string text, std::size_t b, std::size_t e, bool brk = false) {
    if (text.empty()) return;
    out_.pieces.push_back(
        {std::move(text), 1.0, static_cast<std::uint32_t>(b), static_cast<std::uint32_t>(e), brk});
  }

  // `:w)` at i (spaces allowed around w, w = [+-]?[.\d]+): the offset after `)`, or 0.
  std::size_t weight_close(std::size_t i, std::string_view& w) const {
    std::size_t j = i + 1;
    while (j < s_.size() && is_space(s_[j])) ++j;
    const std::size_t b = j;
    if (j < s_.size() && (s_[j] == '+' || s_[j] == '-')) ++j;
    const std::size_t digits = j;
    while (j < s_.size() && (s_[j] == '.' || (s_[j] >= '0' && s_[j] <= '9'))) ++j;
    if (j == digits) return 0;
    w = s_.substr(b, j - b);
    while (j < s_.size() && is_space(s_[j])) ++j;
    return j < s_.size() && s_[j] == ')' ? j + 1 : 0;
  }

  std::size_t step(std::size_t i) {
    const char c = s_[i];
    if (c == '\\') {
      if (i + 1 < s_.size()) {
        const char n = s_[i + 1];
        if (n == '(' || n == ')' || n == '[' || n == ']' || n == '\\') {
          piece(std::string(1, n), i, i + 2);
          return i + 2;
        }
      }
      return i + 1;  // a lone backslash gives nothing
    }
    if (c == '(' || c == '[') {
      (c == '(' ? round_ : square_).push_back({out_.pieces.size(), static_cast<std::uint32_t>(i)});
      return i + 1;
    }
    if (c == ':') {
      std::string_view w;
      const std::size_t end = weight_close(i, w);
      if (end && !round_.empty()) {
        if (const auto value = text::parse_double(w)) {
          ranges_.push_back({round_.back().piece, out_.pieces.size(), *value});
          round_.pop_back();
          return end;
        }
        // A1111 fails on float("1.2.3"); the text is kept as it stands.
        out_.issues.push_back({AttentionIssue::Kind::BadWeight, static_cast<std::uint32_t>(i),
                               static_cast<std::uint32_t>(end)});
      }
      if (end) {
        plain(i, end);
        return end;
      }
      piece(":", i, i + 1);
      return i + 1;
    }
    if (c == ')' || c == ']') {
      auto& stack = c == ')' ? round_ : square_;
      if (!stack.empty()) {
        ranges_.push_back({stack.back().piece, out_.pieces.size(), c == ')' ? 1.1 : 1 / 1.1});
        stack.pop_back();
      } else {
        out_.issues.push_back({AttentionIssue::Kind::Stray, static_cast<std::uint32_t>(i),
                               static_cast<std::uint32_t>(i + 1)});
        piece(std::string(1, c), i, i + 1);
      }
      return i + 1;
    }
    std::size_t j = i;
    while (j < s_.size() && s_[j] != '\\' && s_[j] != '(' && s_[j] != ')' && s_[j] != '[' &&
           s_[j] != ']' && s_[j] != ':')
      ++j;
    plain(i, j);
    return j;
  }

  // Plain text [b, e), cut at `\s*\bBREAK\b\s*`.
  void plain(std::size_t b, std::size_t e) {
    std::size_t start = b;
    for (std::size_t k = b; k + 5 <= e;) {
      // \b inside the token: its ends count as boundaries (the bytes around are brackets)
      const bool hit = s_.compare(k, 5, "BREAK") == 0 &&
                       (k == b || !word_before(s_.substr(0, e), k)) &&
                       (k + 5 == e || !word_at(s_.substr(0, e), k + 5));
      if (!hit) {
        ++k;
        continue;
      }
      std::size_t lb = k, re = k + 5;
      while (lb > start && is_space(s_[lb - 1])) --lb;
      while (re < e && is_space(s_[re])) ++re;
      piece(std::string(s_.substr(start, lb - start)), start, lb);
      out_.pieces.push_back(
          {"BREAK", -1.0, static_cast<std::uint32_t>(lb), static_cast<std::uint32_t>(re), true});
      start = k = re;
    }
    piece(std::string(s_.substr(start, e - start)), start, e);
  }

  void apply_weights() {
    const std::size_t n = out_.pieces.size();
    std::vector<double> log_sum(n + 1, 0.0);
    std::vector<int> negatives(n + 1, 0), zeros(n + 1, 0);
    for (const Range& r : ranges_) {
      if (r.from >= r.to) continue;
      if (r.multiplier == 0) {
        ++zeros[r.from];
        --zeros[r.to];
        continue;
      }
      if (r.multiplier < 0) {
        ++negatives[r.from];
        --negatives[r.to];
      }
      const double l = std::log(std::fabs(r.multiplier));
      log_sum[r.from] += l;
      log_sum[r.to] -= l;
    }
    double l = 0;
    int neg = 0, zero = 0;
    for (std::size_t i = 0; i < n; ++i) {
      l += log_sum[i];
      neg += negatives[i];
      zero += zeros[i];
      double w = zero > 0 ? 0.0 : std::exp(l);
      if (neg % 2) w = -w;
      w = std::round(w * 1e10) / 1e10;
      AttentionPiece& p = out_.pieces[i];
      if (!p.is_break) {
        p.weight = w;
      } else if (std::fabs(w - 1) > 1e-9) {
        // A1111 then sees the word "BREAK" with weight -w, not a chunk end.
        p.is_break = false;
        p.weight = -w;
        out_.issues.push_back({AttentionIssue::Kind::BreakInBrackets, p.begin, p.end});
      }
    }
  }

  std::string_view s_;
  Attention out_;
  std::vector<Open> round_, square_;
  std::vector<Range> ranges_;
};

}  // namespace

Attention parse_attention(std::string_view s) { return Reader(s).run(); }

}  // namespace promptport::sd
